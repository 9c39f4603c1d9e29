import * as fs from 'node:fs';

/**
 * Dictionary membership: is this string a word? Built from jieba's dictionary plus the glossary's terms.
 * Until it is loaded `ready` is false and rules that depend on it stay quiet rather than guess.
 *
 * The rules ask millions of questions per megabyte ("is text[a..b) a word?"), so the words live in an
 * open-addressing hash table over UTF-16 code units, and a question about a stretch of the document is
 * answered without building a string (`isWordAt`). Loading never makes a string per word either.
 */
export class Lexicon {
  /** the words' code units, one after the other */
  private pool: Uint16Array = new Uint16Array(1 << 20);
  private poolLen = 0;
  /** word k starts at pool[wStart[k]] and has wLen[k] units */
  private wStart: Int32Array = new Int32Array(1 << 16);
  private wLen: Uint16Array = new Uint16Array(1 << 16);
  private count = 0;
  /** slot → word index + 1 (0: empty); the size is a power of two, at most half full */
  private slots: Int32Array = new Int32Array(1 << 17);
  private mask = (1 << 17) - 1;
  ready = false;
  error?: string;

  /** the longest dictionary entry kept (longer ones are idioms and names no rule asks about) */
  static readonly MAX_LEN = 8;

  get size(): number {
    return this.count;
  }

  isWord(w: string): boolean {
    return this.isWordAt(w, 0, w.length);
  }

  /** Whether text[start..end) is a word, without slicing the string. */
  isWordAt(text: string, start: number, end: number): boolean {
    const len = end - start;
    if (len <= 0 || start < 0 || end > text.length) return false;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const { slots, mask, wStart, wLen, pool } = this;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const k = slots[s];
      if (k === 0) return false;
      if (wLen[k - 1] !== len) continue;
      let p = wStart[k - 1];
      let i = start;
      while (i < end && pool[p] === text.charCodeAt(i)) {
        p++;
        i++;
      }
      if (i === end) return true;
    }
  }

  /** Whether the two UTF-16 units c1 c2 make a dictionary word (as isWord of a two-character string). */
  isPair(c1: number, c2: number): boolean {
    const h = Math.imul(Math.imul(0x811c9dc5 ^ c1, 0x01000193) ^ c2, 0x01000193);
    const { slots, mask, wStart, wLen, pool } = this;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const k = slots[s];
      if (k === 0) return false;
      if (wLen[k - 1] === 2) {
        const p = wStart[k - 1];
        if (pool[p] === c1 && pool[p + 1] === c2) return true;
      }
    }
  }

  /** words we know regardless of the dictionary (glossary terms, user words), of any length */
  addWords(words: Iterable<string>): void {
    for (const w of words) if (w.length > 0 && w.length < 0x10000) this.add(w, 0, w.length);
  }

  /** Add text[start..end) unless it is there already. */
  private add(text: string, start: number, end: number): void {
    if (this.isWordAt(text, start, end)) return;
    const len = end - start;
    if (this.poolLen + len > this.pool.length) this.pool = grow(this.pool, this.poolLen + len);
    if (this.count >= this.wStart.length) {
      this.wStart = grow(this.wStart, this.count + 1);
      this.wLen = grow(this.wLen, this.count + 1);
    }
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const p = this.poolLen;
    for (let i = start; i < end; i++) this.pool[this.poolLen++] = text.charCodeAt(i);
    this.wStart[this.count] = p;
    this.wLen[this.count] = len;
    this.count++;
    this.insert(this.count, p, len);
  }

  private hashAt(p: number, len: number): number {
    let h = 0x811c9dc5;
    for (let i = p; i < p + len; i++) h = Math.imul(h ^ this.pool[i], 0x01000193);
    return h;
  }

  private insert(k: number, p: number, len: number): void {
    const h = this.hashAt(p, len);
    let s = (h ^ (h >>> 15)) & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = k;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < this.count; k++) this.insert(k + 1, this.wStart[k], this.wLen[k]);
  }

  /** Dictionary lines are `word [frequency [tag]]`. */
  private addLines(text: string, from: number, to: number): void {
    let i = from;
    while (i < to) {
      let nl = text.indexOf('\n', i);
      if (nl < 0 || nl > to) nl = to;
      let end = i;
      while (end < nl) {
        const c = text.charCodeAt(end);
        if (c === 32 || c === 13 || c === 9) break;
        end++;
      }
      if (end - i >= 1 && end - i <= Lexicon.MAX_LEN) this.add(text, i, end);
      i = nl + 1;
    }
  }

  /** Room for about n more words without growing. */
  private reserve(n: number): void {
    const want = this.count + n;
    let size = this.slots.length;
    while (size < want * 2) size *= 2;
    if (size > this.slots.length) this.rehash(size);
  }

  /** Load synchronously (CLI, tests). */
  loadSync(file: string): void {
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.reserve(estimateLines(text));
      this.addLines(text, 0, text.length);
      this.ready = true;
    } catch (e) {
      this.error = String(e);
    }
  }

  /** Load without blocking the event loop for long: parse in slices, yielding between them. */
  async load(file: string): Promise<void> {
    try {
      const text = await fs.promises.readFile(file, 'utf8');
      this.reserve(estimateLines(text));
      const slice = 256 * 1024;
      let i = 0;
      while (i < text.length) {
        let end = Math.min(text.length, i + slice);
        const nl = text.indexOf('\n', end);
        end = nl < 0 ? text.length : nl + 1;
        this.addLines(text, i, end);
        i = end;
        await new Promise<void>((r) => setImmediate(r));
      }
      this.ready = true;
    } catch (e) {
      this.error = String(e);
    }
  }
}

function estimateLines(text: string): number {
  // jieba's lines average about 14 UTF-16 units; a guess only sizes the table
  return Math.ceil(text.length / 12);
}

function grow<T extends Uint16Array | Int32Array>(a: T, need: number): T {
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
