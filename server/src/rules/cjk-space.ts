import { isHan } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, isHeadlineLike, letterSpacedRuns, looksLikeForeignName, mostlyLetterSpaced, paddedSpans, spacedHanRuns, tearsWord, termIndex, type TermIndex } from './util';

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
      if (!cand.hanBefore[c]) continue;
      const line = cand.lines[c];
      const s = model.lineStart(line);
      const spaced = letterSpacedRuns(model, line);
      if (mostlyLetterSpaced(model, line)) continue;
      const padded = paddedSpans(model, line, terms, lex);
      const headline = isHeadlineLike(model, line);
      const runs = cand.hanRuns[c];
      for (let k = 0; k < runs.length; k += 2) {
        const ws = runs[k];
        const we = runs[k + 1];
        if (spaced.some((r) => r.start < ws && r.end > we)) continue;
        // a known slogan torn apart (`一带 一路`) is always a stray space
        const joinsTerm = glossaryCrosses(text, ws, we, terms);
        if (!joinsTerm && padded.some((p) => p.start === we || (p.twoSided && p.end === ws))) continue;
        if (!joinsTerm && looksLikeForeignName(text, ws, we)) continue;
        if (!joinsTerm && afterDatelineOrByline(model, line, ws)) continue;
        // a headline separates its clauses with a space: only a word torn apart counts there
        if (headline && !joinsTerm && !(lex && tearsWord(text, ws, we, lex))) continue;
        // inside a quoted title, a space between two phrases is a clause separator: “共建绿色城市 共享民生福祉”
        if (!joinsTerm && insideQuotes(text, s, ws) && hanRun(text, ws, -1) >= 4 && hanRun(text, we, 1) >= 4) continue;
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

function insideQuotes(text: string, lineStart: number, at: number): boolean {
  let depth = 0;
  for (let i = lineStart; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c /* “ */ || c === 0x300a /* 《 */) depth++;
    else if ((c === 0x201d /* ” */ || c === 0x300b /* 》 */) && depth > 0) depth--;
  }
  return depth > 0;
}

/** Length of the run of Han characters that ends at `at` (dir -1) or starts there (dir 1). */
function hanRun(text: string, at: number, dir: -1 | 1): number {
  let n = 0;
  for (let i = dir < 0 ? at - 1 : at; i >= 0 && i < text.length && isHan(text.charCodeAt(i)); i += dir) n++;
  return n;
}

/** Whether a known slogan spans the space with neither half a slogan on its own (`一带 一路`). */
function glossaryCrosses(text: string, ws: number, we: number, terms: TermIndex): boolean {
  // the joined word is all Han: at most the Han runs on each side, up to 6 characters each
  const L = Math.min(6, hanRun(text, ws, -1));
  const R = Math.min(6, hanRun(text, we, 1));
  for (let l = 1; l <= L; l++) {
    for (let r = Math.max(1, 3 - l); r <= R; r++) {
      // the joined word is built only where its first and last characters and length allow a slogan
      if (!terms.has2(text, ws - l, ws, we, we + r)) continue;
      // torn only where neither half is a slogan itself (绿色 一带一路 is a lost quote, not a tear)
      if (!terms.hasAt(text, ws - l, ws) && !terms.hasAt(text, we, we + r)) return true;
    }
  }
  return false;
}
