import { hanTable, isInlineSpace } from '../core/cjk';
import type { TextModel } from '../core/text';
import type { Lexicon } from '../segment/lexicon';
import { SUSPECT } from './similar';

/**
 * The text with hard wraps undone: a line break (with any blank lines and spaces around it) between two
 * Han characters is dropped, so that `工作作⏎⏎风` reads as 工作作风 to a rule that needs words. `at[i]` is
 * the offset in the original text of the view's character i. Built in one linear pass, which also marks
 * what the word rules look at first, so that neither needs a pass of its own over every character.
 */
export interface JoinedView {
  text: string;
  at: Int32Array;
  /** hanAt[i] is 1 where the view's character i is Han */
  hanAt: Uint8Array;
  /** ocr-confusion's candidates: the view positions of SUSPECT characters, in order */
  suspectAt: Int32Array;
  /** duplicate-text's candidates: the view positions i of a Han character that comes again within the next six, in order */
  repeatAt: Int32Array;
}

/** 1 for Han UTF-16 units (isHan as a table: one load per character in the view's hot loop) */
const HAN = hanTable();

function joinHardWraps(model: TextModel): JoinedView {
  const text = model.text;
  const n = text.length;
  // the pieces of the original text that make up the view
  const starts: number[] = [];
  const ends: number[] = [];
  let chunkStart = 0;
  // from line break to line break (the model has them), not character by character; a run of breaks and
  // spaces (blank lines) is looked at once, from its first break
  const lineStarts = model.lineStarts;
  let from = 0;
  for (let line = 1; line < lineStarts.length; line++) {
    // the line break before `line` (\r\n, \n or \r)
    const next = lineStarts[line];
    const i = next >= 2 && text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
    if (i < from || i === 0) continue;
    const p = prevVisible(text, i);
    if (HAN[text.charCodeAt(p)] !== 1) continue;
    let j = i;
    while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || isInlineSpace(text.charCodeAt(j)))) j++;
    if (j < n && HAN[text.charCodeAt(j)] === 1) {
      if (p + 1 > chunkStart) {
        starts.push(chunkStart);
        ends.push(p + 1);
      }
      chunkStart = j;
    }
    from = j;
  }
  if (n > chunkStart) {
    starts.push(chunkStart);
    ends.push(n);
  }
  // the pieces are joined once: a flat string, where `+=` would leave a rope that every charCodeAt of the rules must walk
  const out = starts.length === 1 && starts[0] === 0 && ends[0] === n ? text : joinPieces(text, starts, ends);
  return scanView(out, starts, ends);
}

/** text's pieces [starts[k], ends[k]) one after the other (a loop: `map` made arrays that sent the optimised caller back to the interpreter) */
function joinPieces(text: string, starts: number[], ends: number[]): string {
  if (starts.length === 0) return '';
  const pieces: string[] = [];
  for (let k = 0; k < starts.length; k++) pieces.push(text.slice(starts[k], ends[k]));
  return pieces.join('');
}

/**
 * Scratch for the candidate lists while a view is scanned; each view keeps an exact-size copy. They grow
 * with the documents up to SCRATCH_MAX units (8 MB together); a longer document gets lists of its own.
 */
const SCRATCH_MAX = 1 << 20;
let suspectScratch = new Int32Array(1 << 14);
let repeatScratch = new Int32Array(1 << 14);
/**
 * LAST[c] is the view position of the last character c seen, plus `lastBase`: each scan starts its positions
 * above every earlier scan's, so the table never needs clearing between views (only when the numbers run out).
 */
const LAST = new Int32Array(65536);
let lastBase = 8;

/**
 * The one pass over the view's characters, piece by piece (closure-free: it meets every character of the
 * document; the Han marks and the candidate lists are written without a branch, as Han and other
 * characters alternate too often for one to be predicted). Besides the original offsets and Han marks it
 * finds each rule's candidates:
 * - ocr-confusion: the SUSPECT characters (ocr-confusion then leaves out those a word covers: inPair);
 * - duplicate-text: a repeat of length L at i needs view[i + L] === view[i] (L ≤ 6). LAST gives the nearest
 *   earlier copy of each Han character, and that copy is marked (a farther one is marked when its own next
 *   copy comes). Marks wait in a bit mask (bit t: the position t behind) until no later character can mark
 *   an earlier position, so they come out in order.
 */
function scanView(view: string, starts: number[], ends: number[]): JoinedView {
  const m = view.length;
  const at = new Int32Array(m);
  const hanAt = new Uint8Array(m);
  if (suspectScratch.length < m + 1 && m < SCRATCH_MAX) {
    suspectScratch = new Int32Array(m + 1);
    repeatScratch = new Int32Array(m + 1);
  }
  const sus = suspectScratch.length > m ? suspectScratch : new Int32Array(m + 1);
  const rep = repeatScratch.length > m ? repeatScratch : new Int32Array(m + 1);
  const last = LAST;
  if (lastBase > 0x3fffffff - m) {
    last.fill(0);
    lastBase = 8;
  }
  const base = lastBase;
  lastBase += m + 8;
  let ns = 0;
  let nr = 0;
  let marks = 0;
  let k = 0;
  for (let p = 0; p < starts.length; p++) {
    // the view's characters k … k + (end - start) are the original's start … end
    const shift = starts[p] - k;
    const stop = k + ends[p] - starts[p];
    for (; k < stop; k++) {
      const c = view.charCodeAt(k);
      const h = HAN[c];
      at[k] = k + shift;
      hanAt[k] = h;
      // written always, kept when it counts: no branch
      sus[ns] = k;
      ns += SUSPECT[c];
      marks = (marks << 1) & 0x7f;
      // every character goes into LAST, but only a Han one marks its copy (h is 0 or 1)
      const d = base + k - last[c];
      last[c] = base + k;
      marks |= d <= 6 ? h << d : 0;
      // the position six behind can be marked no more
      rep[nr] = k - 6;
      nr += marks >> 6;
    }
  }
  for (let t = 5; t >= 1; t--) if (marks & (1 << t)) rep[nr++] = k - 1 - t;
  return { text: view, at, hanAt, suspectAt: sus.slice(0, ns), repeatAt: rep.slice(0, nr) };
}

/** Whether the view's character at q makes a two-character dictionary word with a Han neighbour, as it stands. */
export function inPair(view: string, hanAt: Uint8Array, lexicon: Lexicon, q: number): boolean {
  const c = view.charCodeAt(q);
  return (hanAt[q - 1] === 1 && lexicon.isPair(view.charCodeAt(q - 1), c)) || (hanAt[q + 1] === 1 && lexicon.isPair(c, view.charCodeAt(q + 1)));
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
  const joined = joinHardWraps(model);
  const { text } = joined;
  const n = text.length;
  const hanAt = joined.hanAt;
  const view: WordView = {
    ...joined,
    n,
    han: (i) => hanAt[i] === 1,
    isWord: (w) => lexicon.isWord(w),
    isWordAt: (a, b) => lexicon.isWordAt(text, a, b),
  };
  views.set(model, { lexicon, view });
  return view;
}
