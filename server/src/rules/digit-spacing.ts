import { isDigit, isHan, isInlineSpace } from '../core/cjk';
import { isLetterSpacedSpan } from '../core/reflow';
import type { TextModel } from '../core/text';
import { msg } from '../l10n';
import type { Edit, Finding, Rule } from './types';
import { fieldLayout, wideGap } from './util';

/**
 * digit-spacing: spaces between Arabic numerals and Chinese characters (`2300 名`, `第 1版`,
 * `11 月 19 日`). Official style writes them together; with `direction: "add"` the rule asks for a space
 * instead (`tifa.rules["digit-spacing"] = { direction: "add" }`). Section numbers at the start of a line
 * (`1 总则`) and letter-spaced lines (their own rule) stay quiet.
 */
export const rule: Rule = {
  id: 'digit-spacing',
  title: msg('数字与汉字间空格', 'Spacing between numbers and Chinese'),
  description: msg(
    '阿拉伯数字与汉字之间有空格（如“2300 名”“11 月 19 日”）。公文体例不加空格；可设置为要求加空格。',
    'Spaces between Arabic numerals and Chinese characters. Official style writes them together; the direction can be set to require a space instead.',
  ),
  defaultSeverity: 'information',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model, options }) {
    const add = options.direction === 'add';
    const text = model.text;
    const out: Finding[] = [];
    // Only lines with a candidate are read: a digit next to a space (remove), any digit (add). One regular
    // expression over the whole text finds them; the line is then checked whole, and the search goes on
    // from the next line.
    if (!add) {
      // the line's other candidates lead to its gaps: checkLine goes on with the same search, and hands
      // back the first candidate after the line
      DIGIT_BY_SPACE.lastIndex = 0;
      let m = DIGIT_BY_SPACE.exec(text);
      while (m) m = checkLine(model, model.lineAt(m.index), m, out);
      return out;
    }
    DIGIT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DIGIT.exec(text))) {
      const line = model.lineAt(m.index);
      checkLine(model, line, null, out);
      if (line + 1 >= model.lineCount) break;
      DIGIT.lastIndex = model.lineStart(line + 1);
    }
    return out;
  },
};

const DIGIT = /[0-9]/g;
/** A digit right before or right after an inline space (isInlineSpace). */
const DIGIT_BY_SPACE = /[0-9][ \t\u3000\u00a0]|[ \t\u3000\u00a0][0-9]/g;

/**
 * The findings of one line. With `first`, the first DIGIT_BY_SPACE match in the line (the "remove"
 * direction): the search goes on through the line, and the first match after it is returned. Without,
 * the line holds a digit and the "add" direction is checked.
 */
function checkLine(model: TextModel, line: number, first: RegExpExecArray | null, out: Finding[]): RegExpExecArray | null {
  const text = model.text;
  const ls = model.lineStart(line);
  const le = model.lineEnd(line);
  const add = first === null;
  // gaps: [start, end) of the whitespace (remove) or the boundary (add)
  const gaps: { start: number; end: number }[] = [];
  let next: RegExpExecArray | null = null;
  if (add) {
    for (let i = ls + 1; i < le; i++) {
      const c = text.charCodeAt(i);
      if ((isDigit(text.charCodeAt(i - 1)) && isHan(c)) || (isHan(text.charCodeAt(i - 1)) && isDigit(c))) gaps.push({ start: i, end: i });
    }
  } else {
    // Only a run of spaces with a digit on one side can be a gap: the digit-by-space places lead to
    // them, in order, without a look at every character of (often long) lines.
    for (let m: RegExpExecArray | null = first; m; m = DIGIT_BY_SPACE.exec(text)) {
      if (m.index >= le) {
        next = m;
        break;
      }
      // the whole run of spaces the match touches
      let i = isInlineSpace(text.charCodeAt(m.index)) ? m.index : m.index + 1;
      while (i > ls && isInlineSpace(text.charCodeAt(i - 1))) i--;
      let j = i;
      while (j < le && isInlineSpace(text.charCodeAt(j))) j++;
      DIGIT_BY_SPACE.lastIndex = j;
      // spaces at the start of the line are indentation; a wide gap aligns columns (`亿元      12000`)
      if (i === ls || wideGap(text, i, j, ls, le) || fieldLayout(text, ls, le, i, j)) continue;
      const a = text.charCodeAt(i - 1);
      const b = j < le ? text.charCodeAt(j) : -1;
      if (b !== -1 && ((isDigit(a) && isHan(b)) || (isHan(a) && isDigit(b)))) {
        // a section number at the start of a line: `1 总则`, `3.2 术语`
        const head = text.slice(ls, i);
        // a number that belongs to Latin text: `iPhone 15 发布会`, `Windows 11 系统`
        const latinBefore = isDigit(a) && /[A-Za-z][ \t]*[\d.]+$/.test(head.slice(-40));
        if (!(isDigit(a) && /^[ \t\u3000]*\d+(\.\d+)*$/.test(head)) && !latinBefore) gaps.push({ start: i, end: j });
      }
    }
  }
  // (the letter-spacing test only where a gap was found)
  if (gaps.length === 0 || (le - ls < 400 && isLetterSpacedSpan(text, ls, le))) return next;
  // group gaps linked by one short token: `11 月 19 日` is one finding
  let k = 0;
  while (k < gaps.length) {
    let m = k;
    while (m + 1 < gaps.length && gaps[m + 1].start - gaps[m].end <= 4 && !/\s/.test(text.slice(gaps[m].end, gaps[m + 1].start))) m++;
    const group = gaps.slice(k, m + 1);
    k = m + 1;
    const start = tokenStart(text, ls, group[0].start);
    const end = tokenEnd(text, le, group[group.length - 1].end);
    const edits: Edit[] = group.map((g) => ({ start: g.start, end: g.end, newText: add ? ' ' : '' }));
    const shown = text.slice(start, end);
    out.push({
      ruleId: 'digit-spacing',
      start,
      end,
      message: add
        ? msg(`数字与汉字之间应加空格：“${shown}”`, `put a space between numbers and Chinese: “${shown}”`)
        : msg(`数字与汉字之间有空格：“${shown}”`, `space between numbers and Chinese: “${shown}”`),
      fix: add
        ? { title: msg('在数字与汉字之间加空格', 'Add spaces between numbers and Chinese'), edits, safe: true }
        : { title: msg('去掉数字与汉字之间的空格', 'Remove the spaces between numbers and Chinese'), edits, safe: true },
    });
  }  return next;
}

/** Start of the digit run or the Han character that ends just before `at` (skipping no space). */
function tokenStart(text: string, ls: number, at: number): number {
  const c = text.charCodeAt(at - 1);
  if (isHan(c)) return at - 1;
  let s = at;
  while (s > ls && (isDigit(text.charCodeAt(s - 1)) || (text[s - 1] === '.' && isDigit(text.charCodeAt(s - 2))))) s--;
  return s;
}

function tokenEnd(text: string, le: number, at: number): number {
  const c = text.charCodeAt(at);
  if (isHan(c)) return at + 1;
  let e = at;
  while (e < le && (isDigit(text.charCodeAt(e)) || (text[e] === '.' && isDigit(text.charCodeAt(e + 1))))) e++;
  return e;
}
