import { isAsciiLetter, isCjkPunct, isHan, isInlineSpace, letterCounts } from '../core/cjk';
import { msg } from '../l10n';
import type { Edit, Finding, Rule } from './types';

const BLOCK_TAG = /^<\/?(p|div|br|li|ul|ol|h[1-6]|section|article|table|tr|td|th|blockquote|hr)\b/i;

/**
 * ascii-quotes: straight quotes `"` used in Chinese text, often padded with spaces: `" 一带一路 "`,
 * `" 新发力点 "" 新结合点 "`. Quotes are paired within a paragraph (an HTML block tag ends one); the fix
 * turns a pair into “…” (a `'…'` pair inside into ‘…’) and removes the padding spaces. Quotes around Latin
 * text, inside HTML tags and in code stay alone.
 */
export const rule: Rule = {
  id: 'ascii-quotes',
  title: msg('半角引号', 'Straight quotes in Chinese text'),
  description: msg(
    '中文里用了半角直引号 " 和 \'，两侧常夹空格。修复改为“”（内层‘’）并去掉多余空格。',
    'Straight quotes " and \' in Chinese text, often padded with spaces. The fix uses “…” (‘…’ inside) and removes the padding.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model }) {
    const text = model.text;
    const out: Finding[] = [];
    // only lines that hold a straight double quote matter: jump from one to the next
    for (let q = text.indexOf('"'); q >= 0; ) {
      const line = model.lineAt(q);
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      q = line + 1 < model.lineCount ? text.indexOf('"', model.lineStart(line + 1)) : -1;
      // code-like lines: JSON, YAML, assignments, front matter
      if (/^[ \t]*("[^"]*"[ \t]*:|[A-Za-z_][\w-]*[ \t]*[:=][ \t]*["']|[{[]|```)/.test(text.slice(ls, le))) continue;
      let quotes: number[] = [];
      const flush = () => {
        for (let k = 0; k + 1 < quotes.length; k += 2) pair(text, quotes[k], quotes[k + 1], out);
        quotes = [];
      };
      let i = ls;
      while (i < le) {
        const c = text.charCodeAt(i);
        if (c === 0x3c && tagStart(text.charCodeAt(i + 1))) {
          const close = text.indexOf('>', i);
          if (close > 0 && close < le) {
            if (BLOCK_TAG.test(text.slice(i, close + 1))) flush();
            i = close + 1;
            continue;
          }
        }
        if (c === 0x22) {
          // an attribute value or a code string: `="…"`
          if (text.charCodeAt(i - 1) === 0x3d) {
            const close = text.indexOf('"', i + 1);
            i = close > 0 && close < le ? close + 1 : i + 1;
            continue;
          }
          quotes.push(i);
        }
        i++;
      }
      flush();
    }
    return out;
  },
};

/** What may follow `<` in a tag: a letter, `/` or `!`. */
function tagStart(c: number): boolean {
  return isAsciiLetter(c) || c === 0x2f || c === 0x21;
}

function isChineseSide(c: number): boolean {
  return isHan(c) || (isCjkPunct(c) && c !== 0x201c && c !== 0x201d);
}

function pair(text: string, o: number, c: number, out: Finding[]): void {
  const inner = text.slice(o + 1, c);
  const { han, latin } = letterCounts(inner);
  // English or code: quotes around Latin text
  if (han === 0) {
    if (latin > 0) return;
    const before = prevVisible(text, o);
    const after = nextVisible(text, c + 1);
    if (!(isChineseSide(before) && isChineseSide(after))) return;
  } else if (latin > han * 2) return;
  if (inner.indexOf('\n') >= 0 || inner.indexOf('\r') >= 0) return;
  const edits: Edit[] = [];
  // opening mark: padding inside it goes; a space before it goes where Chinese precedes
  let s = o;
  while (s > 0 && isInlineSpace(text.charCodeAt(s - 1)) && isChineseSide(prevVisible(text, s))) s--;
  let e = o + 1;
  while (e < c && isInlineSpace(text.charCodeAt(e))) e++;
  edits.push({ start: s, end: e, newText: '“' });
  // nested single quotes
  let q = -1;
  for (let i = e; i < c; i++) {
    if (text[i] !== "'") continue;
    const l = text.charCodeAt(i - 1);
    const r = text.charCodeAt(i + 1);
    if (isAsciiLetter(l) && isAsciiLetter(r)) continue; // an apostrophe
    if (q < 0) q = i;
    else {
      edits.push({ start: q, end: q + 1, newText: '‘' }, { start: i, end: i + 1, newText: '’' });
      q = -1;
    }
  }
  let cs = c;
  while (cs > e && isInlineSpace(text.charCodeAt(cs - 1))) cs--;
  let ce = c + 1;
  while (ce < text.length && isInlineSpace(text.charCodeAt(ce)) && isChineseSide(nextVisible(text, ce))) ce++;
  edits.push({ start: cs, end: ce, newText: '”' });
  const body = text.slice(e, cs);
  out.push({
    ruleId: 'ascii-quotes',
    start: o,
    end: c + 1,
    message: msg(`中文里用了半角引号："${body}"`, `straight quotes in Chinese text: "${body}"`),
    fix: { title: msg(`改为“${body.replace(/'/g, '’')}”`, `Use “${body}”`), edits, safe: true },
  });
}

function prevVisible(text: string, i: number): number {
  let k = i - 1;
  while (k >= 0 && isInlineSpace(text.charCodeAt(k))) k--;
  return k >= 0 ? text.charCodeAt(k) : 0;
}

function nextVisible(text: string, i: number): number {
  let k = i;
  while (k < text.length && isInlineSpace(text.charCodeAt(k))) k++;
  return k < text.length ? text.charCodeAt(k) : 0;
}
