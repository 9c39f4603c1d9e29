/**
 * ocr-confusion's character tables: the shape-similar characters (our table of 形近字), the characters that
 * are words by themselves, and the misprints the dictionary lists. In a module of their own because the
 * word view (joined.ts) marks the characters ocr-confusion looks at while it builds itself.
 */
import { NUMERAL_CHARS, isHan } from '../core/cjk';
import simData from '../../data/shape-similar.json';

/** character → the characters OCR confuses it with (our own table of 形近字, symmetric), keyed by UTF-16 unit */
export const SIMILAR = new Map<number, string[]>();
for (const p of (simData as { pairs: string[] }).pairs) {
  const [a, b] = [...p];
  if (!a || !b || a === b || a.length !== 1 || b.length !== 1) continue;
  SIMILAR.set(a.charCodeAt(0), [...(SIMILAR.get(a.charCodeAt(0)) ?? []), b]);
  SIMILAR.set(b.charCodeAt(0), [...(SIMILAR.get(b.charCodeAt(0)) ?? []), a]);
}

/** Characters that stand alone as words all the time: a pair with one of them is no evidence of a misreading. */
const STANDALONE = new Set([...'的了是在和有我你他她它们这那就都也还要会能可不没很把被让给对从向到为以于与及而但或个之其此该各每某更最又再才已曾将并等着过地得上下中内外前后里来去说所乃']);
const NUMERALS = new Set([...NUMERAL_CHARS, ...'千万亿第']);
/** per UTF-16 unit: 1 has shape-similar characters, 2 is standalone or a numeral (nothing to suggest for it) */
export const CLASS = new Uint8Array(65536);
for (const c of SIMILAR.keys()) CLASS[c] = 1;
for (const ch of [...STANDALONE, ...NUMERALS]) if (ch.length === 1) CLASS[ch.charCodeAt(0)] = 2;

/** misprints common enough that jieba's dictionary lists them as words */
export const KNOWN_MISPRINTS = new Map([
  ['自已', '自己'],
  ['既使', '即使'],
  ['即然', '既然'],
  ['部暑', '部署'],
]);
export const IN_MISPRINT = new Uint8Array(65536);
for (const bad of KNOWN_MISPRINTS.keys()) for (const ch of bad) IN_MISPRINT[ch.charCodeAt(0)] = 1;

/** 1 for the Han characters ocr-confusion examines: those with shape-similar ones, and those of the known misprints */
export const SUSPECT = new Uint8Array(65536);
// (only units with a class can be suspects: no loop over every unit at start-up)
for (const c of [...SIMILAR.keys(), ...[...STANDALONE, ...NUMERALS].map((ch) => ch.charCodeAt(0))])
  if (isHan(c) && (CLASS[c] === 1 || (CLASS[c] === 2 && IN_MISPRINT[c] === 1))) SUSPECT[c] = 1;
