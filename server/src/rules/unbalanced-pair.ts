import { isAsciiLetter, isDigit, isInlineSpace } from '../core/cjk';
import type { TextModel } from '../core/text';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';

/** pair type of each bracket character: [type, +1 opener | -1 closer] */
const PAIRS: Record<string, [string, 1 | -1]> = {
  '“': ['“”', 1],
  '”': ['“”', -1],
  '‘': ['‘’', 1],
  '’': ['‘’', -1],
  '《': ['《》', 1],
  '》': ['《》', -1],
  '（': ['（）', 1],
  '）': ['（）', -1],
  '(': ['（）', 1], // ASCII parentheses may pair with full-width ones (`（1)`), but are never flagged themselves
  ')': ['（）', -1],
  '【': ['【】', 1],
  '】': ['【】', -1],
};

const QUOTES = new Set(['“”', '‘’']);
const SENTENCE_END = /[。！？!?…；;]/;
const CLOSER = /[”’）)》】」』]/;

interface Mark {
  at: number;
  type: string;
}

/** A run of lines that belong together: hard-wrapped lines (blank lines between or not) are joined until a line ends a sentence. */
interface Block {
  start: number;
  end: number;
}

/** Whether a line ends a paragraph: its last visible character ends a sentence (closers may follow). */
function endsParagraph(text: string, s: number, e: number): boolean {
  let i = e - 1;
  while (i >= s && isInlineSpace(text.charCodeAt(i))) i--;
  while (i >= s && CLOSER.test(text[i])) i--;
  return i >= s && SENTENCE_END.test(text[i]);
}

function blocks(model: TextModel): Block[] {
  const out: Block[] = [];
  const text = model.text;
  let start = -1;
  let end = -1;
  for (let line = 0; line < model.lineCount; line++) {
    if (model.isBlankLine(line)) continue;
    const s = model.lineStart(line);
    const e = model.lineEnd(line);
    if (start < 0) start = s;
    end = e;
    if (endsParagraph(text, s, e)) {
      out.push({ start, end });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start, end });
  return out;
}

/** An apostrophe or a prime in Latin text (`China’s`, `80’s`), not a quotation mark. */
function isApostrophe(text: string, i: number): boolean {
  const p = text.charCodeAt(i - 1);
  const n = text.charCodeAt(i + 1);
  return isAsciiLetter(p) || isDigit(p) || isAsciiLetter(n);
}

/** A list label closed by a bracket at the start of a line: `1）`, `a）`, `一）`, `①）`. */
function isListLabel(text: string, i: number): boolean {
  let j = i - 1;
  let n = 0;
  while (j >= 0 && n <= 3 && /[0-9０-９A-Za-z一二三四五六七八九十甲乙丙丁\u2460-\u2473]/.test(text[j])) {
    j--;
    n++;
  }
  if (n === 0 || n > 3) return false;
  while (j >= 0 && isInlineSpace(text.charCodeAt(j))) j--;
  return j < 0 || text[j] === '\n' || text[j] === '\r';
}

/**
 * unbalanced-pair: an opening or closing quotation mark, book-title mark or bracket without its partner
 * within a paragraph. A paragraph here survives hard wrapping: lines are joined until one ends a
 * sentence, so a quotation that spans the lines of a newspaper column is whole. The Chinese convention
 * for a quotation of several paragraphs (“ at the start of each, ” only at the end of the last) stays
 * quiet, and so does a quotation whose paragraph was broken after a full stop. No automatic fix: only a
 * reader knows where the missing mark belongs.
 */
export const rule: Rule = {
  id: 'unbalanced-pair',
  title: msg('标点不成对', 'Unbalanced quotation mark or bracket'),
  description: msg(
    '段落中的引号“”‘’、书名号《》、括号（）或【】缺少与之配对的另一半，多为 OCR 漏识或转换丢失。',
    'A quotation mark, title mark or bracket without its partner in the paragraph, usually lost in OCR or conversion.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const out: Finding[] = [];
    const flag = (m: Mark, kind: 'open' | 'close' | 'reversed', block: Block) => {
      const ch = text[m.at];
      const other = m.type[kind === 'open' ? 1 : 0];
      out.push({
        ruleId: 'unbalanced-pair',
        start: m.at,
        end: m.at + 1,
        message:
          kind === 'open'
            ? msg(`“${ch}”没有对应的“${other}”`, `“${ch}” is never closed by “${other}”`)
            : kind === 'close'
              ? msg(`“${ch}”前面没有对应的“${other}”`, `“${ch}” has no opening “${other}” before it`)
              : msg(`“${ch}”方向可能反了：引号内不应再用同一种引号`, `“${ch}” is probably the wrong way round: a quotation cannot nest the same mark`),
        related:
          kind === 'open'
            ? [{ start: Math.max(m.at + 1, block.end - 1), end: block.end, message: msg('段落到此结束，仍未闭合', 'the paragraph ends here, still open') }]
            : [{ start: block.start, end: Math.min(block.start + 1, m.at), message: msg('段落从此开始，其间没有开引号或开括号', 'the paragraph starts here, with no opening mark before it') }],
      });
    };
    let carry: { mark: Mark; block: Block }[] = [];
    for (const b of blocks(model)) {
      // a multi-paragraph quotation: the next paragraph opens again with the same mark
      let k = b.start;
      while (k < b.end && isInlineSpace(text.charCodeAt(k))) k++;
      const lead = PAIRS[text[k]];
      if (lead && lead[1] === 1) carry = carry.filter((c) => c.mark.type !== lead[0]);
      const stack: Mark[] = [];
      for (let i = b.start; i < b.end; i++) {
        const p = PAIRS[text[i]];
        if (!p) continue;
        const [type, dir] = p;
        if (type === '‘’' && isApostrophe(text, i)) continue;
        if (dir === 1) {
          const top = stack[stack.length - 1];
          // “…“ : a quotation cannot hold the same mark; the second is a closer the wrong way round
          if (QUOTES.has(type) && top && top.type === type) {
            flag({ at: i, type }, 'reversed', b);
            stack.pop();
            continue;
          }
          stack.push({ at: i, type });
          continue;
        }
        let d = stack.length - 1;
        while (d >= 0 && stack[d].type !== type) d--;
        if (d >= 0) {
          // crossing pairs (“（”）): whatever was opened inside and not closed is unmatched
          for (const m of stack.splice(d).slice(1)) flagIfShown(m, 'open', b);
          continue;
        }
        const ci = findLast(carry, (c) => c.mark.type === type);
        if (ci >= 0) {
          carry.splice(ci, 1); // closes a quotation opened before a paragraph break after a full stop
          continue;
        }
        if (text[i] === ')' || isListLabel(text, i)) continue;
        // ”…” : an opener the wrong way round, if the same closer follows in the paragraph with no opener between
        if (QUOTES.has(type)) {
          let j = i + 1;
          while (j < b.end && PAIRS[text[j]]?.[0] !== type) j++;
          if (j < b.end && PAIRS[text[j]][1] === -1) {
            flag({ at: i, type }, 'reversed', b);
            i = j;
            continue;
          }
        }
        flag({ at: i, type }, 'close', b);
      }
      for (const c of carry) flagIfShown(c.mark, 'open', c.block);
      carry = stack.map((mark) => ({ mark, block: b }));
    }
    for (const c of carry) flagIfShown(c.mark, 'open', c.block);
    out.sort((a, b) => a.start - b.start);
    return out;

    function flagIfShown(m: Mark, kind: 'open', b: Block) {
      if (text[m.at] === '(') return;
      flag(m, kind, b);
    }
  },
};

function findLast<T>(a: T[], p: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i])) return i;
  return -1;
}
