import { charTable, isAsciiLetter, isDigit, isInlineSpace } from '../core/cjk';
import type { TextModel } from '../core/text';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';

/**
 * The pair types, and the bracket characters by code unit: `PAIR[c]` is 2 × type + 1 for an opener and
 * 2 × type + 2 for a closer (0: not a bracket), so the scan reads one typed array per character and
 * builds no strings.
 */
const TYPES = ['“”', '‘’', '《》', '（）', '【】'];
const T_DQUOTE = 0;
const T_SQUOTE = 1;
const PAIR = new Uint8Array(65536);
TYPES.forEach((t, k) => {
  PAIR[t.charCodeAt(0)] = 2 * k + 1;
  PAIR[t.charCodeAt(1)] = 2 * k + 2;
});
// ASCII parentheses may pair with full-width ones (`（1)`), but are never flagged themselves
PAIR[0x28] = 2 * 3 + 1;
PAIR[0x29] = 2 * 3 + 2;
const LPAREN = 0x28;
/** The same characters, to find them all with one regular expression. */
const BRACKET = new RegExp(`[${TYPES.join('')}()]`, 'g');
const RPAREN = 0x29;

function pairType(code: number): number {
  return (code - 1) >> 1;
}
function isOpener(code: number): boolean {
  return (code & 1) === 1;
}
function isQuote(type: number): boolean {
  return type === T_DQUOTE || type === T_SQUOTE;
}

const SENTENCE_END = charTable('。！？!?…；;');
const CLOSER = charTable('”’）)》】」』');
const LIST_LABEL = charTable('0123456789０１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz一二三四五六七八九十甲乙丙丁');
for (let c = 0x2460; c <= 0x2473; c++) LIST_LABEL[c] = 1;

interface Mark {
  at: number;
  type: number;
}

/** A run of lines that belong together: hard-wrapped lines (blank lines between or not) are joined until a line ends a sentence. */
interface Block {
  start: number;
  end: number;
  /** its last line */
  lastLine: number;
}

/** Whether a line ends a paragraph: its last visible character ends a sentence (closers may follow). */
function endsParagraph(text: string, s: number, e: number): boolean {
  let i = e - 1;
  while (i >= s && isInlineSpace(text.charCodeAt(i))) i--;
  while (i >= s && CLOSER[text.charCodeAt(i)]) i--;
  return i >= s && SENTENCE_END[text.charCodeAt(i)] === 1;
}

/*
 * Blocks, in document order, are the runs of non-blank lines from the first one after a line that ends a
 * paragraph (or the start of the text) up to the next line that ends a paragraph (or the last non-blank
 * line). Only blocks that hold a bracket, and the one after a block that leaves a mark open, need looking
 * at; a block is found from any of its lines by walking to the nearest paragraph ends around it.
 */

/** The block that holds non-blank `line`. */
function blockAt(model: TextModel, line: number): Block {
  const text = model.text;
  // back to the line after the last line before `line` that ends a paragraph
  let first = line;
  for (let l = line - 1; l >= 0; l--) {
    if (model.isBlankLine(l)) continue;
    if (endsParagraph(text, model.lineStart(l), model.lineEnd(l))) break;
    first = l;
  }
  return blockFrom(model, first);
}

/** The block whose first line is non-blank `first`. */
function blockFrom(model: TextModel, first: number): Block {
  const text = model.text;
  let last = first;
  for (let l = first; l < model.lineCount; l++) {
    if (model.isBlankLine(l)) continue;
    last = l;
    if (endsParagraph(text, model.lineStart(l), model.lineEnd(l))) break;
  }
  return { start: model.lineStart(first), end: model.lineEnd(last), lastLine: last };
}

/** The block after the one that ends with `lastLine`, if any. */
function blockAfter(model: TextModel, lastLine: number): Block | undefined {
  for (let l = lastLine + 1; l < model.lineCount; l++) if (!model.isBlankLine(l)) return blockFrom(model, l);
  return undefined;
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
  while (j >= 0 && n <= 3 && LIST_LABEL[text.charCodeAt(j)]) {
    j--;
    n++;
  }
  if (n === 0 || n > 3) return false;
  while (j >= 0 && isInlineSpace(text.charCodeAt(j))) j--;
  return j < 0 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13;
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
      const other = TYPES[m.type][kind === 'open' ? 1 : 0];
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
    const flagIfShown = (m: Mark, b: Block) => {
      if (text.charCodeAt(m.at) !== LPAREN) flag(m, 'open', b);
    };
    // marks still open at the end of the previous paragraph, with the paragraph they were opened in
    let carry: { mark: Mark; block: Block }[] = [];
    // marks open in the current paragraph (reused: most paragraphs open none)
    const stack: Mark[] = [];
    // Every bracket in the text, found by one regular expression (its native scan beats a loop over every
    // character). Brackets sit on non-blank lines, so each one lies in some block.
    const at: number[] = [];
    BRACKET.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BRACKET.exec(text))) at.push(m.index);
    if (at.length === 0) return out;
    let p = 0;
    let b: Block | undefined;
    for (;;) {
      // with marks left open, the next block decides about them; else the next block with a bracket
      if (carry.length) b = blockAfter(model, b!.lastLine);
      else b = p < at.length ? blockAt(model, model.lineAt(at[p])) : undefined;
      if (!b) break;
      // a multi-paragraph quotation: the next paragraph opens again with the same mark
      if (carry.length) {
        let k = b.start;
        while (k < b.end && isInlineSpace(text.charCodeAt(k))) k++;
        const lead = k < b.end ? PAIR[text.charCodeAt(k)] : 0;
        if (lead && isOpener(lead)) {
          const t = pairType(lead);
          carry = carry.filter((c) => c.mark.type !== t);
        }
      }
      stack.length = 0;
      for (; p < at.length && at[p] < b.end; p++) {
        const i = at[p];
        const code = PAIR[text.charCodeAt(i)];
        const type = pairType(code);
        if (type === T_SQUOTE && isApostrophe(text, i)) continue;
        if (isOpener(code)) {
          // “…“ : a quotation cannot hold the same mark; the second is a closer the wrong way round
          if (isQuote(type) && stack.length && stack[stack.length - 1].type === type) {
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
          for (let x = d + 1; x < stack.length; x++) flagIfShown(stack[x], b);
          stack.length = d;
          continue;
        }
        let ci = carry.length - 1;
        while (ci >= 0 && carry[ci].mark.type !== type) ci--;
        if (ci >= 0) {
          carry.splice(ci, 1); // closes a quotation opened before a paragraph break after a full stop
          continue;
        }
        if (text.charCodeAt(i) === RPAREN || isListLabel(text, i)) continue;
        // ”…” : an opener the wrong way round, if the same closer follows in the paragraph with no opener between
        if (isQuote(type)) {
          let j = i + 1;
          while (j < b.end && (PAIR[text.charCodeAt(j)] === 0 || pairType(PAIR[text.charCodeAt(j)]) !== type)) j++;
          if (j < b.end && !isOpener(PAIR[text.charCodeAt(j)])) {
            flag({ at: i, type }, 'reversed', b);
            while (at[p + 1] <= j) p++; // go on after j
            continue;
          }
        }
        flag({ at: i, type }, 'close', b);
      }
      for (const c of carry) flagIfShown(c.mark, c.block);
      const block = b;
      carry = stack.length ? stack.map((mark) => ({ mark, block })) : [];
    }
    for (const c of carry) flagIfShown(c.mark, c.block);
    out.sort((a, b) => a.start - b.start);
    return out;
  },
};
