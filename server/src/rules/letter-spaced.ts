import { isAsciiLetter, isCjkPunct, isDigit, isHan, isInlineSpace } from '../core/cjk';
import { isLetterSpacedSpan } from '../core/reflow';
import type { TextModel } from '../core/text';
import { msg } from '../l10n';
import type { Edit, Finding, Rule } from './types';
import { spaceTokens } from './util';

const BYLINE_WORDS = /记者|通讯员|评论员|摄影|编辑|作者|撰稿|实习生|主席|总理|部长|书记|出席|参加/;
const OPEN_Q = /^[“‘《「『（(【]$/;
const CLOSE_Q = /^[”’》」』）)】]$/;
/** An inline space (isInlineSpace): a regular expression finds the next one faster than a loop over the characters. */
const INLINE_SPACE = /[ \t\u00a0\u3000]/g;

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
    // candidate lines hold a space after a Han character or CJK punctuation; most lines hold none
    const spaces = INLINE_SPACE;
    spaces.lastIndex = 0;
    let line = 0;
    while (spaces.test(text)) {
      const at = spaces.lastIndex - 1;
      if (at === 0) continue;
      const c = text.charCodeAt(at - 1);
      if (!(isHan(c) || isCjkPunct(c))) continue;
      line = lineAtFrom(model, line, at);
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      spaces.lastIndex = le; // one look at each line
      if (le - ls < 3 || le - ls > 2000) continue;
      // both a letter-spaced line and a run of single characters need two short tokens in a row
      if (!hasShortTokenPair(text, ls, le)) continue;
      const toks = spaceTokens(model, line);
      // a leading Markdown heading or list marker is not part of the text
      let first = 0;
      while (first < toks.length && isListMarker(text, toks[first].start, toks[first].end)) first++;
      if (first >= toks.length) continue;
      if (isLetterSpacedSpan(text, toks[first].start, le)) {
        const lineText = text.slice(ls, le);
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
        const from = i;
        i = j;
        if (han < 2) continue;
        const run = toks.slice(from, j);
        const before = from > first ? toks[from - 1] : undefined;
        const after = j < toks.length ? toks[j] : undefined;
        // quotes glued to the words around the run: `同志“ 优 秀 党 员 ”称号`
        const gluedOpen = !!before && OPEN_Q.test(text[before.end - 1]);
        const gluedClose = !!after && CLOSE_Q.test(text[after.start]);
        const quoted = (OPEN_Q.test(text[run[0].start]) || gluedOpen) && (CLOSE_Q.test(text[run[run.length - 1].start]) || gluedClose);
        const whole = han === hanTotal;
        if (han >= 4 || whole || quoted) {
          if (!quoted && BYLINE_WORDS.test(text.slice(ls, run[0].start))) continue;
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

/** The line that holds `offset`, searching forward from `line` (offsets come in increasing order). */
function lineAtFrom(model: TextModel, line: number, offset: number): number {
  const starts = model.lineStarts;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return line;
}

/**
 * Whether text[start, end) holds two tokens in a row (separated by inline spaces) of at most three
 * characters each. Every letter-spaced line (four such tokens in a row, even counting NBSP as part of
 * a token) and every run of single-character tokens has such a pair; most lines with spaces have none.
 */
function hasShortTokenPair(text: string, start: number, end: number): boolean {
  let prevShort = false;
  let len = 0;
  for (let i = start; i < end; i++) {
    if (!isInlineSpace(text.charCodeAt(i))) len++;
    else if (len) {
      if (len <= 3 && prevShort) return true;
      prevShort = len <= 3;
      len = 0;
    }
  }
  return len > 0 && len <= 3 && prevShort;
}

/** A Markdown heading or list marker token: `/^(#{1,6}|[-*+>]|\d{1,3}[.、])$/`. */
function isListMarker(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  if (end - start > 6 || !(c === 0x23 || c === 0x2d || c === 0x2a || c === 0x2b || c === 0x3e || isDigit(c))) return false;
  return /^(#{1,6}|[-*+>]|\d{1,3}[.、])$/.test(text.slice(start, end));
}

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
