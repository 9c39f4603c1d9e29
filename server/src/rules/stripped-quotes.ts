import { isHan } from '../core/cjk';
import { isLetterSpacedLine } from '../core/reflow';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, isHeadlineLike, looksLikeForeignName, paddedSpans } from './util';

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
  scope: 'paragraph',
  check({ model, glossary, lexicon }) {
    const text = model.text;
    const out: Finding[] = [];
    const isTerm = (s: string) => !!glossary.formOf(s);
    const isWord = lexicon.ready ? (w: string) => lexicon.isWord(w) : undefined;
    for (let line = 0; line < model.lineCount; line++) {
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      if (le - ls < 3) continue;
      let has = false;
      for (let i = ls + 1; i < le; i++) if (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000) has = true;
      if (!has) continue;
      const lineText = text.slice(ls, le);
      if (isLetterSpacedLine(lineText)) continue;
      const headline = isHeadlineLike(model, line) || /^[ \t]*#{1,6}[ \t]/.test(lineText);
      const spans = resolveChains(text, paddedSpans(model, line, isTerm, isWord).filter((p) => p.start !== ls && !/^[ \t\u3000]*$/.test(text.slice(ls, p.start))), isTerm);
      for (const p of spans) {
        let term = text.slice(p.start, p.end);
        // `三个代表 重要思想`: the known term stands before the space, the phrase after it is ordinary text
        if (!isTerm(term)) {
          let sp = p.start;
          while (sp > ls && /[ \t\u3000]/.test(text[sp - 1])) sp--;
          for (let L = Math.min(8, sp - ls); L >= 2; L--) {
            const cand = text.slice(sp - L, sp);
            if (isTerm(cand) && (sp - L === ls || /[，。、；：！？（《“ \t\u3000]/.test(text[sp - L - 1]))) {
              p.end = sp;
              p.start = sp - L;
              term = cand;
              break;
            }
          }
        }
        const known = isTerm(term);
        // the space before the term
        let ws = p.start;
        while (ws > ls && /[ \t\u3000]/.test(text[ws - 1])) ws--;
        let we = p.end;
        while (we < le && /[ \t\u3000]/.test(text[we])) we++;
        if (!known) {
          if (headline) continue; // clause separators of a headline
          if (term.length > 6) continue;
          if (FUNCTION_START.test(term)) continue;
          if (crossesTerm(text, ws, p.start, p.end, we, isTerm)) continue;
          if (ws > ls && afterDatelineOrByline(model, line, ws)) continue;
          if (ws > ls && looksLikeForeignName(text, ws, p.start)) continue;
          if (we > p.end && we < le && looksLikeForeignName(text, p.end, we)) continue;
          if (/[（(][^）)]*$/.test(text.slice(ls, p.start)) && /参访|记者|摄/.test(lineText)) continue;
        } else if (ws > ls && afterDatelineOrByline(model, line, ws) && !isHan(text.charCodeAt(ws - 1))) continue;
        // already quoted: `“ 七一 ”`
        if (/[“‘"《]$/.test(text.slice(ls, ws)) || /^[”’"》]/.test(text.slice(we, le))) continue;
        // the edit: replace the padding with the marks (a padding space stays only where no mark replaces it)
        const leftPad = ws > ls ? { start: ws, end: p.start } : { start: p.start, end: p.start };
        const rightPad = we < le ? { start: p.end, end: we } : { start: p.end, end: p.end };
        const edits = [
          { start: leftPad.start, end: leftPad.end, newText: '“' },
          { start: rightPad.start, end: rightPad.end, newText: '”' },
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

/** A lost quotation does not start with a particle or a conjunction: `九个必须 的根本要求`. */
const FUNCTION_START = /^[的地得了着过和与及或等是在为把被从对向将就也都而并]/;

/**
 * Of padded spans that share a space (`卫星 默默守护着 咖啡故乡 埃塞俄比亚`), keep one: a known term
 * first, otherwise the shorter (a quoted term is usually shorter than the phrase beside it).
 */
function resolveChains(text: string, spans: { start: number; end: number; twoSided: boolean }[], isTerm: (s: string) => boolean) {
  const out: typeof spans = [];
  const seen = new Set<number>();
  for (const p of spans) {
    if (seen.has(p.start)) continue;
    seen.add(p.start);
    const prev = out[out.length - 1];
    if (prev && /^[ \t\u3000]+$/.test(text.slice(prev.end, p.start))) {
      const score = (x: typeof p) => (isTerm(text.slice(x.start, x.end)) ? 100 : 0) + (FUNCTION_START.test(text.slice(x.start, x.end)) ? -50 : 0) - (x.end - x.start);
      if (score(p) > score(prev)) out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

/** Whether the term glued to the text beside it makes a known slogan (`一带 一路`): then it is a torn slogan, not a quote. */
function crossesTerm(text: string, ws: number, s: number, e: number, we: number, isTerm: (s: string) => boolean): boolean {
  const term = text.slice(s, e);
  for (let l = 1; l <= 4 && ws - l >= 0; l++) {
    const left = text.slice(ws - l, ws);
    if (!/^[\u4e00-\u9fff]+$/.test(left)) break;
    for (let r = 1; r <= term.length; r++) if (isTerm(left + term.slice(0, r))) return true;
  }
  for (let r = 1; r <= 4 && we + r <= text.length; r++) {
    const right = text.slice(we, we + r);
    if (!/^[\u4e00-\u9fff]+$/.test(right)) break;
    for (let l = 1; l <= term.length; l++) if (isTerm(term.slice(term.length - l) + right)) return true;
  }
  return false;
}
