/** Character classes for Chinese text. All functions take UTF-16 code units (or code points in the BMP). */

/** A class table: 1 for each UTF-16 unit of `chars` (a hot loop reads one byte per character instead of a Set). */
export function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** Han ideographs in the BMP (CJK Unified Ideographs, Extension A, Compatibility Ideographs). */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** isHan as ranges, first and last unit (a test checks that they agree): tables are filled from them at start-up. */
export const HAN_RANGES: readonly (readonly [number, number])[] = [
  [0x3007, 0x3007],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** isHan as a table: 1 for each Han unit (filled by ranges: a loop calling isHan 65,536 times costs milliseconds at every start). */
export function hanTable(): Uint8Array {
  const t = new Uint8Array(65536);
  for (const [a, b] of HAN_RANGES) t.fill(1, a, b + 1);
  return t;
}

/** Full-width CJK punctuation met in Chinese prose. */
export function isCjkPunct(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f && c !== 0x3000 && c !== 0x3007) || // 、。〈〉《》「」『』【】〔〕…
    (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
    c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2026 || c === 0x00b7 || c === 0x2022;
}

/** Spaces that OCR and conversion leave inside Chinese text: ASCII space, ideographic space, NBSP, tab. */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0x3000 || c === 0xa0 || c === 0x09;
}

/** Sentence-final punctuation: a line ending in one of these ends a sentence. */
export const SENTENCE_END = new Set([...'。！？；…!?'].map((s) => s.charCodeAt(0)));
/** Closers that may follow sentence-final punctuation. */
export const CLOSERS = new Set([...'”’」』）)】〕》'].map((s) => s.charCodeAt(0)));

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Count Han characters in s[start, end). */
export function countHan(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) if (isHan(s.charCodeAt(i))) n++;
  return n;
}

/**
 * The Han characters `stats` reports: CJK Unified Ideographs, Extension A and the Compatibility
 * Ideographs, and those of the supplementary ideographic plane (a surrogate pair, counted once; rare
 * characters of names). Unlike countHan (what the rules read), 〇 is not counted. A loop: `text.match`
 * made a string for each of them (0.56 s over the 37 MB bench corpus).
 */
export function countIdeographs(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) n++;
    else if (c >= 0xd840 && c <= 0xd87f) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n++;
        i++;
      }
    }
  }
  return n;
}

/** Han characters and ASCII letters in s[start, end). */
export function letterCounts(s: string, start = 0, end = s.length): { han: number; latin: number } {
  let han = 0;
  let latin = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isHan(c)) han++;
    else if (isAsciiLetter(c)) latin++;
  }
  return { han, latin };
}

/**
 * Whether the string is mostly Chinese: Han characters are at least `share` of its letters, a Latin word
 * counting about as much as one character (four letters to a Han character). Only the first `limit`
 * characters are read.
 */
export function isMostlyChinese(s: string, share = 0.3, minHan = 10, limit = 20_000): boolean {
  const { han, latin } = letterCounts(s, 0, Math.min(s.length, limit));
  return han >= minHan && han / (han + latin / 4) >= share;
}

const NUMERALS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 百: 100 };

/** Value of a Chinese numeral like 三, 十, 十四, 二十, 一百; undefined if not one. */
export function chineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const v = NUMERALS[ch];
    if (v === undefined) return undefined;
    if (v === 10 || v === 100) {
      total += (current || 1) * v;
      current = 0;
    } else {
      current = current * 10 + v;
    }
  }
  return total + current;
}

export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百';

/** JavaScript's `\s` (what `trim` removes), for one UTF-16 unit. */
export function isJsSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f
  );
}
