import { msg, type Msg } from '../l10n';
import type { Finding, Rule } from './types';

type Kind = 'zero-width' | 'bom' | 'replacement' | 'control' | 'odd-space' | 'trailing';

/** What an invisible character is and what the fix puts in its place. */
function classify(c: number): { kind: Kind; name: string; repl: string } | undefined {
  switch (c) {
    case 0x200b: return { kind: 'zero-width', name: 'U+200B ZERO WIDTH SPACE', repl: '' };
    case 0x200c: return { kind: 'zero-width', name: 'U+200C ZERO WIDTH NON-JOINER', repl: '' };
    case 0x200d: return { kind: 'zero-width', name: 'U+200D ZERO WIDTH JOINER', repl: '' };
    case 0x2060: return { kind: 'zero-width', name: 'U+2060 WORD JOINER', repl: '' };
    case 0x00ad: return { kind: 'zero-width', name: 'U+00AD SOFT HYPHEN', repl: '' };
    case 0x200e: return { kind: 'zero-width', name: 'U+200E LEFT-TO-RIGHT MARK', repl: '' };
    case 0x200f: return { kind: 'zero-width', name: 'U+200F RIGHT-TO-LEFT MARK', repl: '' };
    case 0xfeff: return { kind: 'bom', name: 'U+FEFF BYTE ORDER MARK', repl: '' };
    case 0xfffd: return { kind: 'replacement', name: 'U+FFFD REPLACEMENT CHARACTER', repl: '' };
    case 0x00a0: return { kind: 'odd-space', name: 'U+00A0 NO-BREAK SPACE', repl: ' ' };
    case 0x202f: return { kind: 'odd-space', name: 'U+202F NARROW NO-BREAK SPACE', repl: ' ' };
    case 0x205f: return { kind: 'odd-space', name: 'U+205F MEDIUM MATHEMATICAL SPACE', repl: ' ' };
  }
  if (c >= 0x2000 && c <= 0x200a) return { kind: 'odd-space', name: `U+${hex(c)} SPACE`, repl: ' ' };
  if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return { kind: 'control', name: `U+${hex(c)} CONTROL`, repl: '' };
  return undefined;
}

function hex(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

const WHAT: Record<Kind, Msg> = {
  'zero-width': msg('零宽字符', 'zero-width character'),
  bom: msg('正文中的字节顺序标记（BOM）', 'byte order mark inside the text'),
  replacement: msg('替换字符 U+FFFD（编码转换时丢失的字符）', 'replacement character U+FFFD (a character lost in an encoding conversion)'),
  control: msg('控制字符', 'control character'),
  'odd-space': msg('不间断空格或特殊宽度空格', 'no-break or special-width space'),
  trailing: msg('行尾空白', 'trailing whitespace'),
};

/**
 * The blocks where every unit `classify` knows lies (Latin-1, General Punctuation, the BOM and U+FFFD): the
 * tables below are built from them, not from a loop over all 65,536 units at every start.
 */
const BLOCKS: [number, number][] = [
  [0x0000, 0x00ff],
  [0x2000, 0x206f],
  [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
];
/** Code units `classify` knows, so the scan calls it only for them. */
const CANDIDATE = new Uint8Array(65536);
for (const [a, b] of BLOCKS) for (let c = a; c <= b; c++) if (classify(c)) CANDIDATE[c] = 1;
/** The same set as a character class, to find the (rare) candidates without a loop over every character. */
const CANDIDATE_RE = new RegExp(`[${classRanges(CANDIDATE)}]`, 'g');

function classRanges(table: Uint8Array): string {
  const u = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  for (const [first, last] of BLOCKS) for (let c = first; c <= last; c++) {
    if (!table[c]) continue;
    let d = c;
    while (d + 1 < table.length && table[d + 1]) d++;
    out += d > c ? `${u(c)}-${u(d)}` : u(c);
    c = d;
  }
  return out;
}

/** Trailing whitespace: ordinary, ideographic and no-break spaces and tabs before a line break or the end. */
function isTrailingSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
}

/**
 * invisible-char: characters a reader cannot see that get in the way of search, segmentation and
 * matching: zero-width characters, a BOM inside the text, U+FFFD, control characters, no-break and
 * special-width spaces, and whitespace at the end of a line. The fix removes them (odd spaces become
 * an ordinary space). A BOM at the very start of the file is the encoding's business and stays quiet.
 */
export const rule: Rule = {
  id: 'invisible-char',
  title: msg('不可见字符', 'Invisible character'),
  description: msg(
    '零宽字符、正文中的 BOM、替换字符 U+FFFD、控制字符、不间断空格和行尾空白：看不见，却会妨碍检索、分词和匹配。',
    'Zero-width characters, a BOM inside the text, U+FFFD, control characters, no-break spaces and trailing whitespace: invisible, yet they break search, segmentation and matching.',
  ),
  defaultSeverity: 'information',
  fixAllSafe: true,
  scope: 'paragraph',
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const out: Finding[] = [];
    // the next character `classify` knows, found by one regular expression over the whole text
    const findNext = (from: number): number => {
      CANDIDATE_RE.lastIndex = from;
      const m = CANDIDATE_RE.exec(text);
      return m ? m.index : text.length;
    };
    let next = findNext(0);
    for (let line = 0; line < model.lineCount; line++) {
      const s = model.lineStart(line);
      const e = model.lineEnd(line);
      // trailing whitespace first: it decides where the in-line scan stops
      let t = e;
      while (t > s && isTrailingSpace(text.charCodeAt(t - 1))) t--;
      // a candidate left in the previous line's trailing whitespace is that line's business
      if (next < s) next = findNext(s);
      let i = next;
      while (i < t) {
        const c = text.charCodeAt(i);
        if (i === 0 && c === 0xfeff) {
          i = findNext(i + 1);
          continue;
        }
        const k = classify(c)!;
        // one finding for a run of the same kind
        let j = i + 1;
        while (j < t) {
          const c2 = text.charCodeAt(j);
          if (CANDIDATE[c2] === 0 || classify(c2)!.kind !== k.kind) break;
          j++;
        }
        const count = j - i;
        const repl = k.repl.repeat(count);
        out.push({
          ruleId: 'invisible-char',
          start: i,
          end: j,
          message: msg(
            `${WHAT[k.kind].zh}：${k.name}${count > 1 ? ` 等 ${count} 个` : ''}`,
            `${WHAT[k.kind].en}: ${k.name}${count > 1 ? ` (${count} in a row)` : ''}`,
          ),
          fix: {
            title: repl ? msg('替换为普通空格', 'Replace with an ordinary space') : msg(`删除${WHAT[k.kind].zh}`, `Remove the ${WHAT[k.kind].en}`),
            edits: [{ start: i, end: j, newText: repl }],
            // U+FFFD marks a character that was already lost: removing it hides the damage, so ask first
            safe: k.kind !== 'replacement',
          },
        });
        i = findNext(j);
      }
      next = i;
      if (t < e && t > s) {
        out.push({
          ruleId: 'invisible-char',
          start: t,
          end: e,
          message: msg(`行尾有 ${e - t} 个空白字符`, `${e - t} whitespace character${e - t > 1 ? 's' : ''} at the end of the line`),
          fix: { title: msg('删除行尾空白', 'Remove trailing whitespace'), edits: [{ start: t, end: e, newText: '' }], safe: true },
        });
      } else if (t === s && e > s) {
        // a line of nothing but whitespace
        out.push({
          ruleId: 'invisible-char',
          start: s,
          end: e,
          message: msg('空行中含空白字符', 'whitespace on an otherwise empty line'),
          fix: { title: msg('删除行尾空白', 'Remove trailing whitespace'), edits: [{ start: s, end: e, newText: '' }], safe: true },
        });
      }
    }
    return out;
  },
};
