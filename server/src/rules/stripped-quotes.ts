import { charTable, isHan } from '../core/cjk';
import { isLetterSpacedSpan } from '../core/reflow';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, isHeadlineLike, looksLikeForeignName, MarkDepth, paddedSpans, shortTokens, spacedHanRuns, termIndex, type TermIndex } from './util';

/**
 * stripped-quotes: quotation marks lost in conversion, leaving the term padded by spaces:
 * `总书记 七一 重要讲话`, `增强 四个意识、坚定 四个自信`. The fix restores “…”: safe (fix-all) for a
 * glossary form, a suggestion otherwise. Headline clause separators, bylines, datelines, TOC entries
 * and foreign names stay quiet.
 */
export const rule: Rule = {
  id: 'stripped-quotes',
  title: msg('引号丢失', 'Stripped quotation marks'),
  description: msg(
    '转换时丢了引号，只剩空格把词语隔开（如“总书记 七一 重要讲话”）。修复补回“”；已知提法可一键修复，其他仅作建议。',
    'Quotation marks lost in conversion, leaving the term padded by spaces. The fix restores “…”: automatic for known slogans, a suggestion otherwise.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  usesGlossary: true,
  scope: 'paragraph',
  check({ model, glossary, lexicon }) {
    const text = model.text;
    const out: Finding[] = [];
    const terms = termIndex(glossary);
    const isTerm = (start: number, end: number) => terms.hasAt(text, start, end);
    // only lines where a space stands between Han (or an opening mark) and Han: most have none
    const cand = spacedHanRuns(model);
    for (const line of cand.lines) {
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      if (le - ls < 3) continue;
      // the padded spans first: on most lines there is none, and the line tests below are dearer
      const all = paddedSpans(model, line, terms, lexicon.ready ? lexicon : undefined);
      const padded: typeof all = [];
      // a span with only spaces before it on the line is no quotation (the line's first text is found once)
      let first = ls;
      while (first < le && isPad(text.charCodeAt(first))) first++;
      for (const p of all) if (p.start > first) padded.push(p);
      if (!padded.length) continue;
      // a space or an ideographic space (not only tabs) after the first character: the character
      // before a padded span is most often one
      let has = false;
      for (const p of padded) if (p.start - 1 > ls && (text.charCodeAt(p.start - 1) === 0x20 || text.charCodeAt(p.start - 1) === 0x3000)) has = true;
      for (let i = ls + 1; i < le && !has; i++) has = text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000;
      if (!has) continue;
      // the line tests are dear and most spans are dropped before they matter: asked at the first use
      let lineText: string | undefined;
      let letterSpaced: boolean | undefined;
      let headlineLike: boolean | undefined;
      let reporterWords: boolean | undefined;
      const parens = new MarkDepth(text, ls, PAREN_OPEN, PAREN_CLOSE, false);
      const headline = () => (headlineLike ??= isHeadlineLike(model, line) || /^[ \t]*#{1,6}[ \t]/.test((lineText ??= text.slice(ls, le))));
      const spans = resolveChains(text, padded, isTerm);
      for (const p of spans) {
        // `三个代表 重要思想`: the known term stands before the space, the phrase after it is ordinary text
        if (!isTerm(p.start, p.end)) {
          let sp = p.start;
          while (sp > ls && isPad(text.charCodeAt(sp - 1))) sp--;
          for (let L = Math.min(8, sp - ls); L >= 2; L--) {
            if (terms.hasAt(text, sp - L, sp) && (sp - L === ls || BEFORE_TERM[text.charCodeAt(sp - L - 1)] === 1)) {
              p.end = sp;
              p.start = sp - L;
              break;
            }
          }
        }
        const term = text.slice(p.start, p.end);
        const known = isTerm(p.start, p.end);
        // the space before the term
        let ws = p.start;
        while (ws > ls && isPad(text.charCodeAt(ws - 1))) ws--;
        let we = p.end;
        while (we < le && isPad(text.charCodeAt(we))) we++;
        if (!known) {
          if (headline()) continue; // clause separators of a headline
          if (term.length > 6) continue;
          if (FUNCTION_FIRST[term.charCodeAt(0)] === 1) continue;
          if (crossesTerm(text, ws, p.start, p.end, we, terms)) continue;
          if (ws > ls && afterDatelineOrByline(model, line, ws)) continue;
          if (ws > ls && looksLikeForeignName(text, ws, p.start)) continue;
          if (we > p.end && we < le && looksLikeForeignName(text, p.end, we)) continue;
          if (parens.inside(p.start) && (reporterWords ??= /参访|记者|摄/.test((lineText ??= text.slice(ls, le))))) continue;
        } else if (ws > ls && afterDatelineOrByline(model, line, ws) && !isHan(text.charCodeAt(ws - 1))) continue;
        // already quoted: `“ 七一 ”`
        if ((ws > ls && OPEN_MARK[text.charCodeAt(ws - 1)] === 1) || (we < le && CLOSE_MARK[text.charCodeAt(we)] === 1)) continue;
        // a letter-spaced line (`以 高 标 准`) is letter-spaced's, not a lost quotation
        if ((letterSpaced ??= shortTokens(model, line, 3) >= 4 && isLetterSpacedSpan(text, ls, le))) break;
        // the edit: replace the padding with the marks (a padding space stays only where no mark replaces it)
        const edits = [
          { start: ws > ls ? ws : p.start, end: p.start, newText: '“' },
          { start: p.end, end: we < le ? we : p.end, newText: '”' },
        ];
        out.push({
          ruleId: 'stripped-quotes',
          start: p.start,
          end: p.end,
          message: known
            ? msg(`提法“${term}”丢了引号`, `the slogan “${term}” lost its quotation marks`)
            : msg(`“${term}”可能丢了引号`, `“${term}” may have lost its quotation marks`),
          fix: { title: msg(`加上引号：“${term}”`, `Restore the quotes: “${term}”`), edits, safe: known },
        });
      }
    }
    return out;
  },
};

/** Whether text[from..to) is only spaces and tabs (as /^[ \t\u3000]*$/). */
function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) return false;
  }
  return true;
}

/** parentheses: open at an offset when the last one before it opens (as /[（(][^）)]*$/ tests) */
const PAREN_OPEN = charTable('（(');
const PAREN_CLOSE = charTable('）)');

/** A lost quotation does not start with a particle or a conjunction: `九个必须 的根本要求`. */
const FUNCTION_FIRST = charTable('的地得了着过和与及或等是在为把被从对向将就也都而并');
/** What may stand before a known term at the start of a padded span (besides the line start). */
const BEFORE_TERM = charTable('，。、；：！？（《“ \t\u3000');
/** Marks that show the term is quoted already: before it, after it. */
const OPEN_MARK = charTable('“‘"《');
const CLOSE_MARK = charTable('”’"》');

/** The padding around a term: a space, a tab or an ideographic space. */
function isPad(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000;
}


/**
 * Of padded spans that share a space (`卫星 默默守护着 咖啡故乡 埃塞俄比亚`), keep one: a known term
 * first, otherwise the shorter (a quoted term is usually shorter than the phrase beside it).
 */
function resolveChains(text: string, spans: { start: number; end: number; twoSided: boolean }[], isTerm: (start: number, end: number) => boolean) {
  const out: typeof spans = [];
  // the spans come in order of their starts: one that starts where the one before did is a repeat
  let lastStart = -1;
  for (const p of spans) {
    if (p.start === lastStart) continue;
    lastStart = p.start;
    const prev = out[out.length - 1];
    if (prev && p.start > prev.end && onlySpaces(text, prev.end, p.start)) {
      const score = (x: typeof p) => (isTerm(x.start, x.end) ? 100 : 0) + (x.end > x.start && FUNCTION_FIRST[text.charCodeAt(x.start)] === 1 ? -50 : 0) - (x.end - x.start);
      if (score(p) > score(prev)) out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

/** Whether the term glued to the text beside it makes a known slogan (`一带 一路`): then it is a torn slogan, not a quote. */
function crossesTerm(text: string, ws: number, s: number, e: number, we: number, terms: TermIndex): boolean {
  const basicHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;
  // up to 4 characters beside the space, all Han, glued to the start (end) of the term
  for (let l = 1; l <= 4 && ws - l >= 0; l++) {
    if (!basicHan(text.charCodeAt(ws - l))) break;
    for (let r = 1; r <= e - s; r++) if (terms.has2(text, ws - l, ws, s, s + r)) return true;
  }
  for (let r = 1; r <= 4 && we + r <= text.length; r++) {
    if (!basicHan(text.charCodeAt(we + r - 1))) break;
    for (let l = 1; l <= e - s; l++) if (terms.has2(text, e - l, e, we, we + r)) return true;
  }
  return false;
}
