import { isHan, isInlineSpace } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, isHeadlineLike, letterSpacedRuns, looksLikeForeignName, mostlyLetterSpaced, paddedSpans, tearsWord } from './util';

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
    const isTerm = (s: string) => !!glossary.formOf(s);
    for (let line = 0; line < model.lineCount; line++) {
      const s = model.lineStart(line);
      const e = model.lineEnd(line);
      // quick reject: no space between Han on this line
      let has = false;
      for (let i = s + 1; i < e - 1; i++) {
        if (isInlineSpace(text.charCodeAt(i)) && isHan(text.charCodeAt(i - 1))) {
          has = true;
          break;
        }
      }
      if (!has) continue;
      const spaced = letterSpacedRuns(model, line);
      if (mostlyLetterSpaced(model, line)) continue;
      const padded = paddedSpans(model, line, isTerm, lexicon.ready ? (w) => lexicon.isWord(w) : undefined);
      const headline = isHeadlineLike(model, line);
      let i = s;
      while (i < e) {
        if (!isInlineSpace(text.charCodeAt(i))) {
          i++;
          continue;
        }
        let j = i;
        while (j < e && isInlineSpace(text.charCodeAt(j))) j++;
        const ws = i;
        const we = j;
        i = j;
        if (ws === s || we === e) continue;
        const left = text.charCodeAt(ws - 1);
        const right = text.charCodeAt(we);
        if (!isHan(left) || !isHan(right)) continue;
        if (spaced.some((r) => r.start < ws && r.end > we)) continue;
        // a known slogan torn apart (`一带 一路`) is always a stray space
        const joinsTerm = glossaryCrosses(text, ws, we, isTerm);
        if (!joinsTerm && padded.some((p) => p.start === we || (p.twoSided && p.end === ws))) continue;
        if (!joinsTerm && looksLikeForeignName(text, ws, we)) continue;
        if (!joinsTerm && afterDatelineOrByline(model, line, ws)) continue;
        // a headline separates its clauses with a space: only a word torn apart counts there
        if (headline && !joinsTerm && !(lexicon.ready && tearsWord(text, ws, we, (w) => lexicon.isWord(w)))) continue;
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
    const c = text[i];
    if (c === '“' || c === '《') depth++;
    else if ((c === '”' || c === '》') && depth > 0) depth--;
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
function glossaryCrosses(text: string, ws: number, we: number, isTerm: (s: string) => boolean): boolean {
  for (let l = 1; l <= 6; l++) {
    for (let r = 1; r <= 6; r++) {
      if (ws - l < 0 || we + r > text.length) continue;
      const left = text.slice(ws - l, ws);
      const right = text.slice(we, we + r);
      const w = left + right;
      // torn only where neither half is a slogan itself (绿色 一带一路 is a lost quote, not a tear)
      if (w.length >= 3 && allHan(w) && isTerm(w) && !isTerm(left) && !isTerm(right)) return true;
    }
  }
  return false;
}

function allHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHan(s.charCodeAt(i))) return false;
  return true;
}
