import { charTable, isHan } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, afterSectionNumber, fieldLayout, isHeadlineLike, letterSpacedRuns, looksLikeForeignName, MarkDepth, mostlyLetterSpaced, paddedSpans, spacedHanRuns, spacedName, tearsWord, termIndex, wideGap, type TermIndex } from './util';

/**
 * cjk-space: a space between two Chinese characters inside a word or sentence (`自 己`, `一带 一路`).
 * Quiet on: headline clause separators, datelines, bylines, letter-spaced headlines (their own rule),
 * quotes stripped to spaces (stripped-quotes) and foreign names (foreign-name-dot).
 */
export const rule: Rule = {
  id: 'cjk-space',
  title: msg('汉字间多余空格', 'Space between Chinese characters'),
  description: msg(
    '句子或词语内部两个汉字之间出现空格，多为 OCR 或排版转换留下的痕迹。',
    'A space inside a Chinese word or sentence, usually left by OCR or layout conversion.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  usesGlossary: true,
  scope: 'paragraph',
  check(ctx) {
    const { model, glossary, lexicon } = ctx;
    const text = model.text;
    const out: Finding[] = [];
    const terms = termIndex(glossary);
    const lex = lexicon.ready ? lexicon : undefined;
    // only the runs of spaces between two Han characters (most lines have none)
    const cand = spacedHanRuns(model);
    for (let c = 0; c < cand.lines.length; c++) {
      const runFrom = cand.runFrom[c];
      const runTo = cand.runFrom[c + 1];
      if (runFrom === runTo) continue; // only an opening mark before the spaces (stripped-quotes')
      const line = cand.lines[c];
      const s = model.lineStart(line);
      const le = model.lineEnd(line);
      const spaced = letterSpacedRuns(model, line);
      if (mostlyLetterSpaced(model, line)) continue;
      const padded = paddedSpans(model, line, terms, lex);
      // asked at the first run that gets that far (most are settled before)
      let headline: boolean | undefined;
      const runs = cand.hanRuns;
      // the runs come in order along the line: the spans and the quotation depth are followed along with
      // them (looked up from the line's start for each run, a line of many runs took quadratic time)
      const spans = new SpanCursor(spaced);
      const pads = new PadCursor(padded);
      const quotes = new MarkDepth(text, s, QUOTE_OPEN, QUOTE_CLOSE, true);
      for (let k = runFrom; k < runTo; k += 2) {
        const ws = runs[k];
        const we = runs[k + 1];
        if (spans.holds(ws, we)) continue;
        // a known slogan torn apart (`一带 一路`) is always a stray space
        const joinsTerm = glossaryCrosses(text, ws, we, terms);
        if (!joinsTerm && pads.pads(ws, we)) continue;
        if (!joinsTerm && looksLikeForeignName(text, ws, we)) continue;
        if (!joinsTerm && afterDatelineOrByline(model, line, ws)) continue;
        // `第一条\u3000为了…`: the space after an article's number belongs to the heading
        if (!joinsTerm && afterSectionNumber(text, s, ws)) continue;
        // fields of a scraped page or a form, and short items after a label (`来源：…\u3000发布时间：…`, `字号：大 中 小`)
        if (!joinsTerm && fieldLayout(text, s, le, ws, we)) continue;
        // layout, unless the space tears a word: a wide gap (columns, fields: `联系人：王芳    电话：…`), or
        // a two-character name spaced to the width of three (`王  芳`)
        if (!joinsTerm && (wideGap(text, ws, we, s, le) || spacedName(text, ws, we)) && !(lex && tearsWord(text, ws, we, lex))) continue;
        // a headline separates its clauses with a space: only a word torn apart counts there
        if (!joinsTerm && (headline ??= isHeadlineLike(model, line)) && !(lex && tearsWord(text, ws, we, lex))) continue;
        // inside a quoted title, a space between two phrases is a clause separator: “共建绿色城市 共享民生福祉”
        if (!joinsTerm && quotes.inside(ws) && hanRun(text, ws, -1, 4) >= 4 && hanRun(text, we, 1, 4) >= 4) continue;
        out.push({
          ruleId: 'cjk-space',
          start: ws,
          end: we,
          message: msg(`“${text[ws - 1]}”与“${text[we]}”之间有多余空格`, `stray space between “${text[ws - 1]}” and “${text[we]}”`),
          fix: { title: msg('删除空格', 'Delete the space'), edits: [{ start: ws, end: we, newText: '' }], safe: true },
        });
      }
    }
    return out;
  },
};

/** Which letter-spaced run (in order, not overlapping) holds a space, asked for spaces in order along the line. */
class SpanCursor {
  private k = 0;
  constructor(private readonly spans: { start: number; end: number }[]) {}

  /** whether a run holds the space ws…we (ws not before the last space asked about) */
  holds(ws: number, we: number): boolean {
    const spans = this.spans;
    // a run that ends before this space ends before every later one too
    while (this.k < spans.length && spans[this.k].end <= ws) this.k++;
    return this.k < spans.length && spans[this.k].start < ws && spans[this.k].end > we;
  }
}

/**
 * Whether a space pads a lost quotation: one starts right after it, or a two-sided one ends right before
 * it. The spans are in order and do not overlap; spaces are asked about in order along the line.
 */
class PadCursor {
  private k = 0;
  constructor(private readonly padded: { start: number; end: number; twoSided: boolean }[]) {}

  pads(ws: number, we: number): boolean {
    const padded = this.padded;
    // spans that end before the space can neither end at it nor start after it
    while (this.k < padded.length && padded[this.k].end < ws) this.k++;
    for (let j = this.k; j < padded.length && padded[j].start <= we; j++) {
      const p = padded[j];
      if (p.start === we || (p.twoSided && p.end === ws)) return true;
    }
    return false;
  }
}

/** quotation marks and title marks, which nest */
const QUOTE_OPEN = charTable('“《');
const QUOTE_CLOSE = charTable('”》');

/** Length of the run of Han characters that ends at `at` (dir -1) or starts there (dir 1), counted up to `max`. */
function hanRun(text: string, at: number, dir: -1 | 1, max: number): number {
  let n = 0;
  for (let i = dir < 0 ? at - 1 : at; n < max && i >= 0 && i < text.length && isHan(text.charCodeAt(i)); i += dir) n++;
  return n;
}

/** Whether a known slogan spans the space with neither half a slogan on its own (`一带 一路`). */
function glossaryCrosses(text: string, ws: number, we: number, terms: TermIndex): boolean {
  // the joined word is all Han: at most the Han runs on each side, up to 6 characters each
  const L = hanRun(text, ws, -1, 6);
  const R = hanRun(text, we, 1, 6);
  // the tests of `has2` on either end, each made once: bit r of `ends` for the right part we…we + r
  let ends = 0;
  for (let r = 1; r <= R; r++) if (terms.mayEnd2(text, ws, we, we + r)) ends |= 1 << r;
  if (!ends) return false;
  for (let l = 1; l <= L; l++) {
    // no slogan starts so: no need to try the lengths on the right
    if (!terms.mayStart2(text, ws - l, ws, we)) continue;
    for (let r = Math.max(1, 3 - l); r <= R; r++) {
      if (!(ends & (1 << r))) continue;
      // the joined word is built only where its length allows a slogan too
      if (!terms.has2Tested(text, ws - l, ws, we, we + r)) continue;
      // torn only where neither half is a slogan itself (绿色 一带一路 is a lost quote, not a tear)
      if (!terms.hasAt(text, ws - l, ws) && !terms.hasAt(text, we, we + r)) return true;
    }
  }
  return false;
}
