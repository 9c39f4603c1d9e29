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
  /**
   * The two-character words again, as c1 << 16 | c2 in a table of their own (0: empty): the most frequent
   * question (`isPair`) then costs one probe into 1 MB instead of several into the word table.
   */
  private pairs: Uint32Array = new Uint32Array(1 << 12);
  private pairCount = 0;
  /**
   * A bit per word hash (FILTER_BITS of them, indexed by filterBit): a question about a stretch that is no
   * word (most are) is answered from this 512 KB table, which stays in the cache, without a probe into the
   * 4 MB word table, which does not. Words of every length set their bit; two-character questions go to `pairs`.
   */
  private filter: Int32Array = new Int32Array(FILTER_BITS >>> 5);
  ready = false;
  error?: string;
  /** the table came from the build (lexicon.bin), which holds the built-in glossary's terms already */
  hasBuiltinTerms = false;

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
    return this.isWordAtWith(text, start, end, -1, 0);
  }

  /** Whether text[start..end) with the unit at `at` read as `code` is a word (a candidate correction), without building it. */
  isWordAtWith(text: string, start: number, end: number, at: number, code: number): boolean {
    const len = end - start;
    if (len <= 0 || start < 0 || end > text.length) return false;
    // two characters (most questions): one probe into the pair table, which holds every two-character word
    if (len === 2) return this.isPair(start === at ? code : text.charCodeAt(start), end - 1 === at ? code : text.charCodeAt(end - 1));
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (i === at ? code : text.charCodeAt(i)), 0x01000193);
    const f = filterBit(h);
    if ((this.filter[f >>> 5] & (1 << (f & 31))) === 0) return false;
    const { slots, mask, wStart, wLen, pool } = this;
    const fp = h >>> FP_SHIFT;
    for (let s = (h ^ (h >>> 15)) & mask; ; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) return false;
      // another word's slot, told by its fingerprint without reading the word
      if (v >>> K_BITS !== fp) continue;
      const k = v & K_MASK;
      if (wLen[k - 1] !== len) continue;
      let p = wStart[k - 1];
      let i = start;
      while (i < end && pool[p] === (i === at ? code : text.charCodeAt(i))) {
        p++;
        i++;
      }
      if (i === end) return true;
    }
  }

  /** Whether the two UTF-16 units c1 c2 make a dictionary word (as isWord of a two-character string). */
  isPair(c1: number, c2: number): boolean {
    const key = ((c1 << 16) | c2) >>> 0;
    const pairs = this.pairs;
    const mask = pairs.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> 12 & mask; ; s = (s + 1) & mask) {
      const k = pairs[s];
      if (k === key) return key !== 0;
      if (k === 0) return false;
    }
  }

  private addPair(c1: number, c2: number): void {
    const key = ((c1 << 16) | c2) >>> 0;
    if (key === 0) return;
    if ((this.pairCount + 1) * 2 > this.pairs.length) {
      const old = this.pairs;
      this.pairs = new Uint32Array(old.length * 2);
      this.pairCount = 0;
      for (const k of old) if (k !== 0) this.addPair(k >>> 16, k & 0xffff);
    }
    const pairs = this.pairs;
    const mask = pairs.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> 12 & mask;
    while (pairs[s] !== 0 && pairs[s] !== key) s = (s + 1) & mask;
    if (pairs[s] === 0) {
      pairs[s] = key;
      this.pairCount++;
    }
  }

  /** words we know regardless of the dictionary (glossary terms, user words), of any length */
  addWords(words: Iterable<string>): void {
    for (const w of words) if (w.length > 0 && w.length < 0x10000) this.add(w, 0, w.length);
  }

  /** Add text[start..end) unless it is there already. */
  private add(text: string, start: number, end: number): void {
    if (this.isWordAt(text, start, end) || this.count >= K_MASK) return;
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
    if (len === 2) this.addPair(this.pool[p], this.pool[p + 1]);
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
    this.slots[s] = k | ((h >>> FP_SHIFT) << K_BITS);
    const f = filterBit(h);
    this.filter[f >>> 5] |= 1 << (f & 31);
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

  /**
   * The table as bytes (the build writes it beside the bundles as data/lexicon.bin): loading it takes a few
   * milliseconds where parsing jieba's 5 MB dictionary takes about 200.
   */
  toBinary(): Buffer {
    const parts = [
      new Int32Array([BIN_MAGIC, this.count, this.poolLen, this.slots.length, this.pairs.length, this.pairCount]),
      this.slots,
      this.wStart.subarray(0, this.count),
      this.pairs,
      this.filter,
      this.pool.subarray(0, this.poolLen),
      this.wLen.subarray(0, this.count),
    ];
    return Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  }

  /** Take the table from bytes made by toBinary, keeping any words added before (glossary terms). */
  private fromBinary(buf: Uint8Array): void {
    const before: string[] = [];
    for (let k = 0; k < this.count; k++) before.push(String.fromCharCode(...this.pool.subarray(this.wStart[k], this.wStart[k] + this.wLen[k])));
    if (buf.byteLength < 24) throw new Error('not a Tifa lexicon file (rebuild with npm run build)');
    // the typed arrays below are views of an aligned buffer of our own (readWhole makes one; a copy otherwise)
    const bytes = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : Uint8Array.from(buf);
    const head = new Int32Array(bytes.buffer, 0, 6);
    const [magic, count, poolLen, slotsLen, pairsLen, pairCount] = head;
    const size = 24 + slotsLen * 4 + count * 4 + pairsLen * 4 + poolLen * 2 + count * 2 + FILTER_BITS / 8;
    if (magic !== BIN_MAGIC || slotsLen & (slotsLen - 1) || pairsLen & (pairsLen - 1) || pairCount * 2 > pairsLen || size !== bytes.byteLength)
      throw new Error('not a Tifa lexicon file (rebuild with npm run build)');
    let o = 24;
    this.slots = new Int32Array(bytes.buffer, o, slotsLen);
    o += slotsLen * 4;
    this.wStart = new Int32Array(bytes.buffer, o, count);
    o += count * 4;
    // the two-character words' own table, as built (building it here was most of the loading time)
    this.pairs = new Uint32Array(bytes.buffer, o, pairsLen);
    o += pairsLen * 4;
    // the filter as built too (hashing 350,000 words again took 5–10 ms in each CLI thread)
    this.filter = new Int32Array(bytes.buffer, o, FILTER_BITS >>> 5);
    o += FILTER_BITS / 8;
    this.pool = new Uint16Array(bytes.buffer, o, poolLen);
    o += poolLen * 2;
    this.wLen = new Uint16Array(bytes.buffer, o, count);
    this.mask = slotsLen - 1;
    this.count = count;
    this.poolLen = poolLen;
    this.pairCount = pairCount;
    // the file's arrays are exactly full: the first word added grows them into arrays of our own
    this.addWords(before);
  }

  /** Load synchronously (CLI, tests): the built table (`.bin`) or jieba's dictionary. */
  loadSync(file: string): void {
    try {
      if (file.endsWith('.bin')) {
        this.fromBinary(readWhole(file));
        this.ready = true;
        this.hasBuiltinTerms = true;
        this.error = undefined;
        return;
      }
      const text = fs.readFileSync(file, 'utf8');
      this.reserve(estimateLines(text));
      this.addLines(text, 0, text.length);
      this.ready = true;
      this.error = undefined;
    } catch (e) {
      this.error = String(e);
    }
  }

  /** Load without blocking the event loop for long: the built table at once, or jieba's dictionary parsed in slices. */
  async load(file: string): Promise<void> {
    // the built table takes a few milliseconds: no slices to yield between
    if (file.endsWith('.bin')) return this.loadSync(file);
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
      this.error = undefined;
    } catch (e) {
      this.error = String(e);
    }
  }
}

const BIN_MAGIC = 0x5846_4c34; // "4LFX", version 4 (the pair table; fingerprints in the slots; the filter)
/**
 * A slot holds a word's number (1-based, K_BITS bits) and, above it, a fingerprint of the word's hash
 * (its top bits): a question skips other words' slots without reading their characters, which live
 * elsewhere in memory (most questions are about non-words).
 */
const K_BITS = 21;
const K_MASK = (1 << K_BITS) - 1;
const FP_SHIFT = 32 - (31 - K_BITS); // the hash's top 10 bits: the slot stays a positive Int32
/** the word filter's size: 2^22 bits (512 KB), about 8% set by jieba's 350,000 words */
const FILTER_LOG = 22;
const FILTER_BITS = 1 << FILTER_LOG;
/** a word hash's bit in the filter (multiplied, so that it is independent of the slot, which takes the low bits) */
function filterBit(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_LOG);
}

/** A file's bytes in a buffer of their own, read straight into it (readFileSync's buffer would need a copy: 5 ms for the 9 MB table). */
function readWhole(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, bytes, at, size - at, at);
      if (n <= 0) throw new Error(`${file}: the file ended after ${at} of ${size} bytes`);
      at += n;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
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
