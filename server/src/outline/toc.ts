/**
 * Tables of contents: recognising the block (`# 目 录` and its entries) and matching each entry to
 * the heading it names. Entry names carry numbers, dates, speaker formulas (`习近平：`), sources
 * (`(《求是》2023年第22期)`), dot leaders and page numbers; headings may carry the speech's title with
 * the occasion as a subtitle. Matching is by character-bigram overlap of normalised titles, aligned
 * monotonically (entries and headings in the same order).
 */
import { charTable, isAsciiLetter, isDigit, isHan, isJsSpace } from '../core/cjk';
import { hasLeader, MAX_SCAN, stripEmphasis } from './lines';

/** `目录`, `目 录`, `# 目 录`, `**目录**`, `目次`. */
export function isTocHeading(s: string): boolean {
  if (s.length > 20 || s.indexOf('目') < 0) return false;
  const t = stripEmphasis(s.replace(/^#{1,6}[ \t]+/, '')).replace(/[\s\u3000]/g, '');
  return t === '目录' || t === '目次' || t === '目錄';
}

export interface ParsedEntry {
  /** the entry as shown: leaders and page number removed */
  name: string;
  page?: string;
  /** normalised title for matching */
  key: string;
}

/**
 * A page number at the end of a line, as /(?:[(（]\s*(\d{1,4})\s*[)）]|(?:^|[\s…⋯·.．・])(\d{1,4}))\s*$/
 * finds it (the index of its leftmost match, or -1), read backwards from the end instead of tried at
 * every position. The number is s[pageFrom, pageTo). Either a bracketed number is last (the first
 * branch: its opening bracket starts the match) or bare digits are (the second: the mark before them
 * starts it), never both, so at most one index can match.
 */
function pageAtEnd(s: string): number {
  let e = s.length;
  while (e > 0 && isJsSpace(s.charCodeAt(e - 1))) e--;
  if (e === 0) return -1;
  const last = s.charCodeAt(e - 1);
  if (last === 0x29 /* ) */ || last === 0xff09 /* ） */) {
    let k = e - 1;
    while (k > 0 && isJsSpace(s.charCodeAt(k - 1))) k--;
    let d = k;
    while (d > 0 && isDigit(s.charCodeAt(d - 1))) d--;
    if (k - d < 1 || k - d > 4) return -1;
    let q = d;
    while (q > 0 && isJsSpace(s.charCodeAt(q - 1))) q--;
    const open = q > 0 ? s.charCodeAt(q - 1) : -1;
    if (open !== 0x28 /* ( */ && open !== 0xff08 /* （ */) return -1;
    pageFrom = d;
    pageTo = k;
    return q - 1;
  }
  if (!isDigit(last)) return -1;
  let d = e - 1;
  while (d > 0 && isDigit(s.charCodeAt(d - 1))) d--;
  if (e - d > 4) return -1;
  pageFrom = d;
  pageTo = e;
  if (d === 0) return 0;
  const mark = s.charCodeAt(d - 1);
  return PAGE_MARK[mark] === 1 || isJsSpace(mark) ? d - 1 : -1;
}
let pageFrom = 0;
let pageTo = 0;
/** The marks that may stand before a bare page number, besides spaces. */
const PAGE_MARK = charTable('…⋯·.．・');

/** Whether a line looks like a TOC entry: dot leaders, a page number after a tab or leaders, or a leading number. */
export function looksLikeEntry(s: string, inBlock: boolean): boolean {
  if (s.length > MAX_SCAN || s.charCodeAt(0) === 0x23 /* # */) return false;
  const last = s.charCodeAt(s.length - 1);
  if (!inBlock && last !== 0x29 /* ) */ && last !== 0xff09 /* ） */ && !(last >= 0x30 && last <= 0x39)) return false;
  if (pageAtEnd(s) >= 0 && hasLeader(s)) return true;
  if (s.indexOf('\t') >= 0 && /\t\s*[(（]?\d{1,4}[)）]?\s*$/.test(s)) return true;
  return inBlock && /^(?:\d{1,3}[.．、]|第[一二三四五六七八九十百]+[章节编部分篇])/.test(s) && s.length <= 160;
}

/** What `parseEntry` strips from the end of an entry besides spaces: leaders, dashes, underscores. */
const TRAILING_LEADER = charTable('…⋯·.．・-_');

/** Where an entry's name is in its line, s[from, to): without the spaces around it, the leaders and the page number. */
export function entryNameSpan(s: string): { from: number; to: number; page?: string } {
  const from = s.length - s.trimStart().length;
  let body = s.trim();
  let page: string | undefined;
  const at = pageAtEnd(body);
  if (at >= 0 && (hasLeader(body) || body.indexOf('\t') >= 0 || /[(（]\d{1,4}[)）]\s*$/.test(body))) {
    page = body.slice(pageFrom, pageTo);
    body = body.slice(0, at).trimEnd();
  }
  // trailing leaders
  let e = body.length;
  while (e > 0 && (TRAILING_LEADER[body.charCodeAt(e - 1)] === 1 || isJsSpace(body.charCodeAt(e - 1)))) e--;
  return { from, to: from + body.slice(0, e).trimEnd().length, page };
}

export function parseEntry(s: string): ParsedEntry {
  const { from, to, page } = entryNameSpan(s);
  const body = s.slice(from, to);
  return { name: body.replace(/[ \u3000\t]+/g, ' '), page, key: titleKey(body, true) };
}

/** A chapter-like number at the start of a title: 第三章, 第十二节, 第2编, 第一部分 */
const CHAPTER = /^\s*第[一二三四五六七八九十百零〇\d]{1,5}[章节编部篇卷](?:分)?\s*/;

/**
 * A title reduced for matching: entry numbers, a chapter's number, dates, parentheticals, a leading
 * speaker formula (`习近平：`) removed; only Han, letters and digits kept.
 */
export function titleKey(s: string, entry = false): string {
  let t = s.length > MAX_SCAN ? s.slice(0, MAX_SCAN) : s;
  if (entry) t = t.replace(/^\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[.．、]\s*/, '');
  // a chapter's number (`第三章 `) on either side: what is left names it (in `第三编 合同` against
  // `第三编 担保`, the shared 第三编 would make a match of two different titles)
  if (t.indexOf('第') >= 0) {
    const m = CHAPTER.exec(t);
    if (m && m[0].length < t.trimEnd().length) t = t.slice(m[0].length);
  }
  // each removal only where the character it needs is there
  if (t.indexOf('年') >= 0) t = t.replace(/\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?/g, '');
  if (t.indexOf('(') >= 0 || t.indexOf('（') >= 0) t = t.replace(/[(（][^()（）]{0,40}[)）]/g, '');
  if (t.indexOf('：') >= 0 || t.indexOf(':') >= 0) t = t.replace(/^\s*[\u4e00-\u9fff]{2,4}[：:]/, '');
  // the kept characters, joined run by run
  let out = '';
  let from = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isHan(c) || isDigit(c) || isAsciiLetter(c)) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out += t.slice(from, i);
      from = -1;
    }
  }
  if (from >= 0) out += from === 0 ? t : t.slice(from);
  return out;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Similarity of an entry's key and a heading's key, 0…1: the mean of containment and Dice (what `align` computes fast; its test reference). */
export function similarity(entryKey: string, headingKey: string): number {
  const a = bigrams(entryKey);
  const b = bigrams(headingKey);
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (shared / a.size + (2 * shared) / (a.size + b.size)) / 2;
}

export const MATCH = 0.5;

export interface Alignment {
  /** for each entry, the index of its heading in the monotone alignment, or -1 */
  aligned: number[];
  /** for each entry, the most similar heading anywhere and its score */
  best: { index: number; score: number }[];
}

/**
 * Dense ids for bigrams (two UTF-16 code units packed in an int32; a one-character key is its own
 * code): an open-addressing table, since maps keyed by strings or large numbers cost far more. Ids
 * are given in order of first sight. One table serves every call of `align`: `reset` empties it by
 * starting a new generation (a slot filled in an older one is empty), so nothing is allocated or
 * cleared per call.
 */
class BigramIds {
  private keys = new Int32Array(1024);
  private vals = new Int32Array(1024);
  /** the generation that filled each slot */
  private gens = new Int32Array(1024);
  private gen = 0;
  private mask = 1023;
  /** the hash is the top bits of a multiplicative hash (its low bits depend only on the key's low bits, here the second character's) */
  private shift = 22;
  count = 0;

  /** Empty the table, for about `expected` bigrams. */
  reset(expected: number): void {
    if (expected * 2 > this.keys.length) this.allocate(expected * 2);
    this.mask = this.keys.length - 1;
    this.shift = 32 - Math.log2(this.keys.length);
    this.count = 0;
    if (++this.gen > 0x3fffffff) {
      this.gens.fill(0);
      this.gen = 1;
    }
  }

  id(key: number): number {
    const { keys, gens, gen, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      i &= mask;
      if (gens[i] !== gen) break;
      if (keys[i] === key) return this.vals[i];
      i++;
    }
    keys[i] = key;
    gens[i] = gen;
    this.vals[i] = this.count;
    if (++this.count * 2 > mask) this.grow();
    return this.count - 1;
  }

  private allocate(min: number): void {
    let size = this.keys.length;
    while (size < min) size *= 2;
    this.keys = new Int32Array(size);
    this.vals = new Int32Array(size);
    this.gens = new Int32Array(size);
    this.gen = 0;
  }

  private grow(): void {
    const { keys, vals, gens, gen } = this;
    this.allocate(keys.length * 2);
    this.gen = gen;
    this.mask = this.keys.length - 1;
    this.shift = 32 - Math.log2(this.keys.length);
    for (let j = 0; j < keys.length; j++) {
      if (gens[j] !== gen) continue;
      let i = Math.imul(keys[j], 0x9e3779b1) >>> this.shift;
      for (;;) {
        i &= this.mask;
        if (this.gens[i] !== gen) break;
        i++;
      }
      this.keys[i] = keys[j];
      this.vals[i] = vals[j];
      this.gens[i] = gen;
    }
  }
}

/** Growable scratch arrays of `align`, reused from call to call. */
const ids = new BigramIds();
let seen = new Int32Array(1024);
let mark = 0;
let idBuf = new Int32Array(1024);
let from = new Int32Array(1024);
let post = new Int32Array(1024);
/** all zero between uses */
let shared = new Int32Array(256);
let touched = new Int32Array(256);
let rowH = new Int32Array(256);
let rowS = new Float64Array(256);
let denseBuf = new Float64Array(1024);
let dpBuf = new Float64Array(1024);

function growInt(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  let size = a.length;
  while (size < min) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Append to `idBuf` at `at` the distinct bigrams of a key as ids, in order of first occurrence (the
 * same set, in the same order, as `bigrams`); returns the new end.
 */
function bigramIds(s: string, at: number): number {
  if (idBuf.length < at + s.length + 1) idBuf = growInt(idBuf, at + s.length + 1);
  if (s.length === 1) {
    idBuf[at] = ids.id(s.charCodeAt(0));
    return at + 1;
  }
  if (++mark > 0x3fffffff) {
    seen.fill(0);
    mark = 1;
  }
  let end = at;
  const buf = idBuf;
  const m = mark;
  for (let i = 0; i + 1 < s.length; i++) {
    const id = ids.id((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1));
    if (id >= seen.length) seen = growInt(seen, id + 1);
    if (seen[id] === m) continue;
    seen[id] = m;
    buf[end++] = id;
  }
  return end;
}

/** Align entries to headings in order, maximising the total similarity of matched pairs. */
export function align(entryKeys: string[], headingKeys: string[]): Alignment {
  const E = entryKeys.length;
  const H = headingKeys.length;
  // nothing to align: answered here, so that the large body below only ever meets arrays of strings (an
  // empty array is another kind of array to V8, whose optimised code would be thrown away and rebuilt)
  if (H === 0 || E === 0) return { aligned: new Array<number>(E).fill(-1), best: Array.from({ length: E }, () => ({ index: -1, score: 0 })) };
  let chars = 0;
  for (const k of headingKeys) chars += k.length;
  for (const k of entryKeys) chars += k.length;
  ids.reset(chars);
  // the headings' bigrams: those of heading h are idBuf[hFrom[h]…hFrom[h + 1])
  const hFrom = new Int32Array(H + 1);
  let end = 0;
  for (let h = 0; h < H; h++) {
    end = bigramIds(headingKeys[h], end);
    hFrom[h + 1] = end;
  }
  const headingBigrams = ids.count;
  // inverted index: bigram → headings (ascending), so each entry is scored against the headings it
  // shares bigrams with; postings of bigram `id` are post[from[id]…from[id + 1])
  if (from.length < headingBigrams + 2) from = new Int32Array(Math.max(headingBigrams + 2, from.length * 2));
  from.fill(0, 0, headingBigrams + 2);
  for (let k = 0; k < end; k++) from[idBuf[k] + 2]++;
  for (let id = 2; id < headingBigrams + 2; id++) from[id] += from[id - 1];
  if (post.length < end) post = growInt(post, end);
  for (let h = 0; h < H; h++) for (let k = hFrom[h]; k < hFrom[h + 1]; k++) post[from[idBuf[k] + 1]++] = h;
  if (shared.length < H) {
    shared = growInt(shared, H);
    touched = new Int32Array(shared.length);
  }
  // local names for the scratch arrays that the loops below read (not grown there)
  const fromL = from;
  const postL = post;
  const sharedL = shared;
  const touchedL = touched;
  // per entry, the headings scoring at least MATCH: rowH/rowS[rowFrom[e]…rowFrom[e + 1])
  const rowFrom = new Int32Array(E + 1);
  let rows = 0;
  const best: { index: number; score: number }[] = [];
  for (let e = 0; e < E; e++) {
    const aEnd = bigramIds(entryKeys[e], end);
    const na = aEnd - end;
    /** headings sharing a bigram with the entry, in the order first met (ties for `best` go to the first) */
    let nt = 0;
    const buf = idBuf;
    for (let k = end; k < aEnd; k++) {
      const id = buf[k];
      if (id >= headingBigrams) continue; // in no heading
      const pe = fromL[id + 1];
      if (pe - fromL[id] > 400) continue; // too common to tell headings apart
      for (let p = fromL[id]; p < pe; p++) {
        const h = postL[p];
        if (sharedL[h]++ === 0) touchedL[nt++] = h;
      }
    }
    let bi = -1;
    let bs = 0;
    if (rowH.length < rows + nt) {
      rowH = growInt(rowH, rows + nt);
      const s = new Float64Array(rowH.length);
      s.set(rowS);
      rowS = s;
    }
    for (let t = 0; t < nt; t++) {
      const h = touchedL[t];
      const n = sharedL[h];
      sharedL[h] = 0;
      const hsize = hFrom[h + 1] - hFrom[h];
      const s = na ? (n / na + (2 * n) / (na + hsize)) / 2 : 0;
      if (s >= MATCH) {
        rowH[rows] = h;
        rowS[rows++] = s;
      }
      if (s > bs) {
        bi = h;
        bs = s;
      }
    }
    rowFrom[e + 1] = rows;
    best.push({ index: bi, score: bs });
  }
  const aligned = new Array<number>(E).fill(-1);
  if (E * H <= 400_000) {
    // weighted LCS; the scores in a dense matrix (-1: below MATCH)
    if (denseBuf.length < E * H) denseBuf = new Float64Array(Math.max(E * H, denseBuf.length * 2));
    const W = H + 1;
    if (dpBuf.length < (E + 1) * W) dpBuf = new Float64Array(Math.max((E + 1) * W, dpBuf.length * 2));
    const dp = dpBuf;
    const dense = denseBuf;
    dense.fill(-1, 0, E * H);
    for (let e = 0; e < E; e++) for (let r = rowFrom[e]; r < rowFrom[e + 1]; r++) dense[e * H + rowH[r]] = rowS[r];
    dp.fill(0, 0, (E + 1) * W);
    for (let e = 1; e <= E; e++) {
      const row = (e - 1) * H;
      for (let h = 1; h <= W - 1; h++) {
        let v = Math.max(dp[(e - 1) * W + h], dp[e * W + h - 1]);
        const s = dense[row + h - 1];
        if (s >= 0) v = Math.max(v, dp[(e - 1) * W + h - 1] + s);
        dp[e * W + h] = v;
      }
    }
    let e = E;
    let h = H;
    while (e > 0 && h > 0) {
      const s = dense[(e - 1) * H + h - 1];
      if (s >= 0 && dp[e * W + h] === dp[(e - 1) * W + h - 1] + s) {
        aligned[e - 1] = h - 1;
        e--;
        h--;
      } else if (dp[e * W + h] === dp[(e - 1) * W + h]) e--;
      else h--;
    }
  } else {
    // greedy, in order: the best heading after the last one taken (ties: the first)
    let next = 0;
    for (let e = 0; e < E; e++) {
      let bi = -1;
      let bs = 0;
      for (let r = rowFrom[e]; r < rowFrom[e + 1]; r++) {
        const h = rowH[r];
        const s = rowS[r];
        if (h >= next && (s > bs || (s === bs && h < bi))) {
          bi = h;
          bs = s;
        }
      }
      if (bi >= 0) {
        aligned[e] = bi;
        next = bi + 1;
      }
    }
  }
  return { aligned, best };
}
