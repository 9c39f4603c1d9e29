/**
 * Tables of contents: recognising the block (`# 目 录` and its entries) and matching each entry to
 * the heading it names. Entry names carry numbers, dates, speaker formulas (`习近平：`), sources
 * (`(《求是》2023年第22期)`), dot leaders and page numbers; headings may carry the speech's title with
 * the occasion as a subtitle. Matching is by character-bigram overlap of normalised titles, aligned
 * monotonically (entries and headings in the same order).
 */
import { isHan, isDigit, isAsciiLetter } from '../core/cjk';
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

const PAGE_AT_END = /(?:[(（]\s*(\d{1,4})\s*[)）]|(?:^|[\s…⋯·.．・])(\d{1,4}))\s*$/;

/** Whether a line looks like a TOC entry: dot leaders, a page number after a tab or leaders, or a leading number. */
export function looksLikeEntry(s: string, inBlock: boolean): boolean {
  if (s.length > MAX_SCAN || s[0] === '#') return false;
  const last = s[s.length - 1];
  if (!inBlock && last !== ')' && last !== '）' && !(last >= '0' && last <= '9')) return false;
  if (hasLeader(s) && PAGE_AT_END.test(s)) return true;
  if (/\t\s*[(（]?\d{1,4}[)）]?\s*$/.test(s)) return true;
  return inBlock && /^(?:\d{1,3}[.．、]|第[一二三四五六七八九十百]+[章节编部分篇])/.test(s) && s.length <= 160;
}

export function parseEntry(s: string): ParsedEntry {
  let body = s.trim();
  let page: string | undefined;
  const m = PAGE_AT_END.exec(body);
  if (m && (hasLeader(body) || /\t/.test(body) || /[(（]\d{1,4}[)）]\s*$/.test(body))) {
    page = m[1] ?? m[2];
    body = body.slice(0, m.index).trimEnd();
  }
  // trailing leaders
  let e = body.length;
  while (e > 0 && /[…⋯·.．・\s\-_]/.test(body[e - 1])) e--;
  body = body.slice(0, e).trimEnd();
  return { name: body.replace(/[ \u3000\t]+/g, ' '), page, key: titleKey(body, true) };
}

/**
 * A title reduced for matching: entry numbers, dates, parentheticals, a leading speaker formula
 * (`习近平：`) removed; only Han, letters and digits kept.
 */
export function titleKey(s: string, entry = false): string {
  let t = s.length > MAX_SCAN ? s.slice(0, MAX_SCAN) : s;
  if (entry) t = t.replace(/^\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[.．、]\s*/, '');
  t = t.replace(/\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?/g, '');
  t = t.replace(/[(（][^()（）]{0,40}[)）]/g, '');
  t = t.replace(/^\s*[\u4e00-\u9fff]{2,4}[：:]/, '');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isHan(c) || isDigit(c) || isAsciiLetter(c)) out += t[i];
  }
  return out;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

/** Similarity of an entry's key and a heading's key, 0…1: the mean of containment and Dice. */
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
 * code): an open-addressing table, since maps keyed by strings or large numbers cost far more.
 */
class BigramIds {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  count = 0;

  /** `expected`: about how many bigrams will be added */
  constructor(expected: number) {
    let size = 256;
    while (size < expected * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.vals = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  id(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const v = this.vals[i];
      if (v < 0) break;
      if (this.keys[i] === key) return v;
      i++;
    }
    this.keys[i] = key;
    this.vals[i] = this.count;
    if (++this.count * 2 > this.mask) this.grow();
    return this.count - 1;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2).fill(-1);
    this.mask = keys.length * 2 - 1;
    for (let j = 0; j < keys.length; j++) {
      if (vals[j] < 0) continue;
      let i = Math.imul(keys[j], 0x9e3779b1) >>> 0;
      for (;;) {
        i &= this.mask;
        if (this.vals[i] < 0) break;
        i++;
      }
      this.keys[i] = keys[j];
      this.vals[i] = vals[j];
    }
  }
}

/** The distinct bigrams of a key as ids, in order of first occurrence: the same set, in the same order, as `bigrams`. */
function bigramIds(s: string, ids: BigramIds, stamp: { seen: Int32Array; n: number }): number[] {
  const out: number[] = [];
  if (s.length === 1) return [ids.id(s.charCodeAt(0))];
  const mark = ++stamp.n;
  for (let i = 0; i + 1 < s.length; i++) {
    const id = ids.id((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1));
    if (id >= stamp.seen.length) {
      const grown = new Int32Array(Math.max(id + 1, stamp.seen.length * 2));
      grown.set(stamp.seen);
      stamp.seen = grown;
    }
    if (stamp.seen[id] === mark) continue;
    stamp.seen[id] = mark;
    out.push(id);
  }
  return out;
}

/** Align entries to headings in order, maximising the total similarity of matched pairs. */
export function align(entryKeys: string[], headingKeys: string[]): Alignment {
  const E = entryKeys.length;
  const H = headingKeys.length;
  let chars = 0;
  for (const k of headingKeys) chars += k.length;
  for (const k of entryKeys) chars += k.length;
  const ids = new BigramIds(chars);
  const stamp = { seen: new Int32Array(chars + 1), n: 0 };
  const hsize = new Int32Array(H);
  // inverted index: bigram → headings (ascending), so each entry is scored against the headings it
  // shares bigrams with; postings of bigram `id` are post[from[id]…from[id + 1])
  const hb = headingKeys.map((k) => bigramIds(k, ids, stamp));
  const from = new Int32Array(ids.count + 2);
  for (let h = 0; h < H; h++) {
    hsize[h] = hb[h].length;
    for (const id of hb[h]) from[id + 2]++;
  }
  for (let id = 2; id < from.length; id++) from[id] += from[id - 1];
  const post = new Int32Array(from[from.length - 1]);
  for (let h = 0; h < H; h++) for (const id of hb[h]) post[from[id + 1]++] = h;
  const headingBigrams = ids.count;
  const scores: Map<number, number>[] = [];
  const best: { index: number; score: number }[] = [];
  const shared = new Int32Array(H);
  /** headings sharing a bigram with the entry, in the order first met (ties for `best` go to the first) */
  const touched: number[] = [];
  for (let e = 0; e < E; e++) {
    const a = bigramIds(entryKeys[e], ids, stamp);
    touched.length = 0;
    for (const id of a) {
      if (id >= headingBigrams) continue; // in no heading
      const end = from[id + 1];
      if (end - from[id] > 400) continue; // too common to tell headings apart
      for (let k = from[id]; k < end; k++) {
        const h = post[k];
        if (shared[h]++ === 0) touched.push(h);
      }
    }
    const row = new Map<number, number>();
    let b = { index: -1, score: 0 };
    for (const h of touched) {
      const n = shared[h];
      shared[h] = 0;
      const s = a.length ? (n / a.length + (2 * n) / (a.length + hsize[h])) / 2 : 0;
      if (s >= MATCH) row.set(h, s);
      if (s > b.score) b = { index: h, score: s };
    }
    scores.push(row);
    best.push(b);
  }
  const aligned = new Array<number>(E).fill(-1);
  if (E * H <= 400_000) {
    // weighted LCS
    const W = H + 1;
    const dp = new Float64Array((E + 1) * W);
    for (let e = 1; e <= E; e++) {
      const row = scores[e - 1];
      for (let h = 1; h <= W - 1; h++) {
        let v = Math.max(dp[(e - 1) * W + h], dp[e * W + h - 1]);
        const s = row.get(h - 1);
        if (s !== undefined) v = Math.max(v, dp[(e - 1) * W + h - 1] + s);
        dp[e * W + h] = v;
      }
    }
    let e = E;
    let h = H;
    while (e > 0 && h > 0) {
      const s = scores[e - 1].get(h - 1);
      if (s !== undefined && dp[e * W + h] === dp[(e - 1) * W + h - 1] + s) {
        aligned[e - 1] = h - 1;
        e--;
        h--;
      } else if (dp[e * W + h] === dp[(e - 1) * W + h]) e--;
      else h--;
    }
  } else {
    // greedy, in order
    let from = 0;
    for (let e = 0; e < E; e++) {
      let bi = -1;
      let bs = 0;
      for (const [h, s] of scores[e])
        if (h >= from && (s > bs || (s === bs && h < bi))) {
          bi = h;
          bs = s;
        }
      if (bi >= 0) {
        aligned[e] = bi;
        from = bi + 1;
      }
    }
  }
  return { aligned, best };
}
