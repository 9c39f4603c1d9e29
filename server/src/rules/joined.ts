import { isHan, isInlineSpace } from '../core/cjk';
import type { TextModel } from '../core/text';
import type { Lexicon } from '../segment/lexicon';

/**
 * The text with hard wraps undone: a line break (with any blank lines and spaces around it) between two
 * Han characters is dropped, so that `工作作⏎⏎风` reads as 工作作风 to a rule that needs words. `at[i]` is
 * the offset in the original text of the view's character i. Built in one linear pass.
 */
export interface JoinedView {
  text: string;
  at: Int32Array;
  /** hanAt[i] is 1 where the view's character i is Han */
  hanAt: Uint8Array;
}

const BREAK = /[\r\n]/g;
/** 1 for Han UTF-16 units (isHan as a table: one load per character in the view's hot loop) */
const HAN = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isHan(c)) HAN[c] = 1;

export function joinHardWraps(text: string): JoinedView {
  const n = text.length;
  const at = new Int32Array(n);
  const hanAt = new Uint8Array(n);
  // the pieces are joined once at the end: a flat string, where `+=` would leave a rope that every
  // charCodeAt of the rules must walk
  const parts: string[] = [];
  let k = 0;
  let chunkStart = 0;
  // from line break to line break (a native search), not character by character
  // (`test` with lastIndex: no match array is made per line break)
  BREAK.lastIndex = 0;
  while (BREAK.test(text)) {
    const i = BREAK.lastIndex - 1;
    if (i === 0 || !isHan(text.charCodeAt(prevVisible(text, i)))) continue;
    let j = i;
    while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || isInlineSpace(text.charCodeAt(j)))) j++;
    if (j < n && isHan(text.charCodeAt(j))) {
      const end = prevVisible(text, i) + 1;
      if (end > chunkStart) {
        parts.push(text.slice(chunkStart, end));
        k = copyChunk(text, chunkStart, end, at, hanAt, k);
      }
      chunkStart = j;
    }
    BREAK.lastIndex = Math.max(j, i + 1);
  }
  if (n > chunkStart) {
    parts.push(text.slice(chunkStart, n));
    k = copyChunk(text, chunkStart, n, at, hanAt, k);
  }
  const out = parts.length === 1 ? parts[0] : parts.join('');
  return { text: out, at: at.subarray(0, k), hanAt: hanAt.subarray(0, k) };
}

/** The view's positions and Han marks for text[start..end), written from k on; returns the next k. */
function copyChunk(text: string, start: number, end: number, at: Int32Array, hanAt: Uint8Array, k: number): number {
  for (let i = start; i < end; i++, k++) {
    at[k] = i;
    hanAt[k] = HAN[text.charCodeAt(i)];
  }
  return k;
}

function prevVisible(text: string, i: number): number {
  let p = i - 1;
  while (p > 0 && isInlineSpace(text.charCodeAt(p))) p--;
  return p;
}

/** What the word-based rules (duplicate-text, ocr-confusion) read: the joined view and word lookups. */
export interface WordView extends JoinedView {
  n: number;
  han(i: number): boolean;
  isWord(w: string): boolean;
  /** whether the view's text[a..b) is a word, without building the string */
  isWordAt(a: number, b: number): boolean;
}

const views = new WeakMap<TextModel, { lexicon: Lexicon; view: WordView }>();

/** The joined view of the document with word lookups (built once per document); undefined until the dictionary is loaded. */
export function wordView(model: TextModel, lexicon: Lexicon): WordView | undefined {
  if (!lexicon.ready) return undefined;
  const cached = views.get(model);
  if (cached?.lexicon === lexicon) return cached.view;
  const { text, at, hanAt } = joinHardWraps(model.text);
  const n = text.length;
  const view: WordView = {
    text,
    at,
    n,
    hanAt,
    han: (i) => hanAt[i] === 1,
    isWord: (w) => lexicon.isWord(w),
    isWordAt: (a, b) => lexicon.isWordAt(text, a, b),
  };
  views.set(model, { lexicon, view });
  return view;
}
