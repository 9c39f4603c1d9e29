import { isAsciiLetter, isCjkPunct, isDigit, isHan, isInlineSpace } from '../core/cjk';
import { isLetterSpacedLine } from '../core/reflow';
import { msg } from '../l10n';
import type { Edit, Finding, Rule } from './types';
import { spaceTokens } from './util';

const BYLINE_WORDS = /记者|通讯员|评论员|摄影|编辑|作者|撰稿|实习生|主席|总理|部长|书记|出席|参加/;
const OPEN_Q = /^[“‘《「『（(【]$/;
const CLOSE_Q = /^[”’》」』）)】]$/;

/**
 * letter-spaced: a line or a run whose characters are all separated by spaces (headline letter-spacing
 * taken over by OCR): `目 录`, `以 高 标 准 可 持 续`, `“ 时 代 楷 模 ”`, `潘 东 升 ，男 ，汉 族`.
 * The fix collapses the spacing. Bylines that space out two-character names stay quiet.
 */
export const rule: Rule = {
  id: 'letter-spaced',
  title: msg('逐字空格', 'Letter-spaced text'),
  description: msg(
    '一行或一串文字逐字用空格隔开（标题字距被 OCR 识别成空格）。修复去掉字间空格。',
    'A line or a run whose characters are each separated by a space (headline letter-spacing read as spaces by OCR). The fix removes the spaces.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model }) {
    const text = model.text;
    const out: Finding[] = [];
    for (let line = 0; line < model.lineCount; line++) {
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      if (le - ls < 3 || le - ls > 2000) continue;
      // quick reject: no space after a Han character
      let has = false;
      for (let i = ls + 1; i < le; i++) {
        if (isInlineSpace(text.charCodeAt(i)) && (isHan(text.charCodeAt(i - 1)) || isCjkPunct(text.charCodeAt(i - 1)))) {
          has = true;
          break;
        }
      }
      if (!has) continue;
      const lineText = text.slice(ls, le);
      const toks = spaceTokens(model, line);
      // a leading Markdown heading or list marker is not part of the text
      let first = 0;
      while (first < toks.length && /^(#{1,6}|[-*+>]|\d{1,3}[.、])$/.test(text.slice(toks[first].start, toks[first].end))) first++;
      if (first >= toks.length) continue;
      if (isLetterSpacedLine(text.slice(toks[first].start, le))) {
        if (BYLINE_WORDS.test(lineText) && !/[，。；]/.test(lineText)) continue;
        const edits = collapse(text, toks.slice(first));
        if (edits.length) out.push(finding(toks[first].start, toks[toks.length - 1].end, edits));
        continue;
      }
      // runs of single-character tokens inside a line
      let hanTotal = 0;
      for (let i = toks[first].start; i < le; i++) if (isHan(text.charCodeAt(i))) hanTotal++;
      let i = first;
      while (i < toks.length) {
        if (!single(text, toks[i])) {
          i++;
          continue;
        }
        let j = i;
        let han = 0;
        while (j < toks.length && single(text, toks[j]) && (j === i || toks[j].start - toks[j - 1].end <= 3)) {
          if (isHan(text.charCodeAt(toks[j].start))) han++;
          j++;
        }
        const run = toks.slice(i, j);
        const before = i > first ? toks[i - 1] : undefined;
        const after = j < toks.length ? toks[j] : undefined;
        i = j;
        if (han < 2) continue;
        // quotes glued to the words around the run: `同志“ 优 秀 党 员 ”称号`
        const gluedOpen = !!before && OPEN_Q.test(text[before.end - 1]);
        const gluedClose = !!after && CLOSE_Q.test(text[after.start]);
        const quoted = (OPEN_Q.test(text[run[0].start]) || gluedOpen) && (CLOSE_Q.test(text[run[run.length - 1].start]) || gluedClose);
        const whole = han === hanTotal;
        if (han >= 4 || whole || quoted) {
          if (BYLINE_WORDS.test(lineText.slice(0, run[0].start - ls)) && !quoted) continue;
          const edits = collapse(text, run);
          let start = run[0].start;
          let end = run[run.length - 1].end;
          if (gluedOpen) {
            edits.unshift({ start: before!.end, end: run[0].start, newText: '' });
            start = before!.end - 1;
          }
          if (gluedClose) {
            edits.push({ start: end, end: after!.start, newText: '' });
            end = after!.start + 1;
          }
          if (edits.length) out.push(finding(start, end, edits));
        }
      }
    }
    return out;
  },
};

function single(text: string, t: { start: number; end: number }): boolean {
  if (t.end - t.start !== 1) return false;
  const c = text.charCodeAt(t.start);
  return isHan(c) || isCjkPunct(c);
}

/** Delete the spaces between the tokens, except between two Latin words or numbers. */
function collapse(text: string, toks: { start: number; end: number }[]): Edit[] {
  const edits: Edit[] = [];
  const latin = (c: number) => isAsciiLetter(c) || isDigit(c);
  for (let k = 0; k + 1 < toks.length; k++) {
    const a = text.charCodeAt(toks[k].end - 1);
    const b = text.charCodeAt(toks[k + 1].start);
    if (latin(a) && latin(b)) continue;
    edits.push({ start: toks[k].end, end: toks[k + 1].start, newText: '' });
  }
  return edits;
}

function finding(start: number, end: number, edits: Edit[]): Finding {
  return {
    ruleId: 'letter-spaced',
    start,
    end,
    message: msg('文字逐字用空格隔开', 'characters separated by spaces one by one'),
    fix: { title: msg('去掉字间空格', 'Remove the letter spacing'), edits, safe: true },
  };
}
