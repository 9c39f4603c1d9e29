import { isHan, isInlineSpace } from '../core/cjk';
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
  suspectAt: number[];
  /** duplicate-text's candidates: the view positions i of a Han character that comes again within the next six, in order */
  repeatAt: number[];
}

const BREAK = /[\r\n]/g;
/** 1 for Han UTF-16 units (isHan as a table: one load per character in the view's hot loop) */
const HAN = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (isHan(c)) HAN[c] = 1;

function joinHardWraps(text: string): JoinedView {
  const n = text.length;
  // the pieces of the original text that make up the view
  const starts: number[] = [];
  const ends: number[] = [];
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
        starts.push(chunkStart);
        ends.push(end);
      }
      chunkStart = j;
    }
    BREAK.lastIndex = Math.max(j, i + 1);
  }
  if (n > chunkStart) {
    starts.push(chunkStart);
    ends.push(n);
  }
  // the pieces are joined once: a flat string, where `+=` would leave a rope that every charCodeAt of the rules must walk
  const out = starts.length === 1 && starts[0] === 0 && ends[0] === n ? text : starts.map((s, k) => text.slice(s, ends[k])).join('');
  return scanView(text, out, starts, ends);
}

/**
 * The one pass over the view's characters (closure-free: it meets every character of the document).
 * Besides positions and Han marks it finds each rule's candidates:
 * - ocr-confusion: the SUSPECT characters;
 * - duplicate-text: a repeat of length L at i needs view[i + L] === view[i] (L ≤ 6). The last six
 *   characters ride along in locals (a non-Han one as -1), and the nearest earlier copy is marked (a
 *   farther one is marked when its own next copy comes). Marks wait in a bit mask (bit t: the position
 *   t behind) until no later character can mark an earlier position, so they come out in order.
 */
function scanView(text: string, view: string, starts: number[], ends: number[]): JoinedView {
  const m = view.length;
  const at = new Int32Array(m);
  const hanAt = new Uint8Array(m);
  const suspectAt: number[] = [];
  const repeatAt: number[] = [];
  let k = 0;
  let c1 = -1;
  let c2 = -1;
  let c3 = -1;
  let c4 = -1;
  let c5 = -1;
  let c6 = -1;
  let marks = 0;
  for (let p = 0; p < starts.length; p++) {
    const end = ends[p];
    for (let i = starts[p]; i < end; i++, k++) {
      const c = text.charCodeAt(i);
      at[k] = i;
      marks = (marks << 1) & 0x7f;
      if (HAN[c] === 1) {
        hanAt[k] = 1;
        if (SUSPECT[c] === 1) suspectAt.push(k);
        if (c === c1) marks |= 2;
        else if (c === c2) marks |= 4;
        else if (c === c3) marks |= 8;
        else if (c === c4) marks |= 16;
        else if (c === c5) marks |= 32;
        else if (c === c6) marks |= 64;
        c6 = c5;
        c5 = c4;
        c4 = c3;
        c3 = c2;
        c2 = c1;
        c1 = c;
      } else {
        c6 = c5;
        c5 = c4;
        c4 = c3;
        c3 = c2;
        c2 = c1;
        c1 = -1;
      }
      // the position six behind can be marked no more
      if (marks & 64) repeatAt.push(k - 6);
    }
  }
  for (let t = 5; t >= 1; t--) if (marks & (1 << t)) repeatAt.push(k - 1 - t);
  return { text: view, at, hanAt, suspectAt, repeatAt };
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
  const joined = joinHardWraps(model.text);
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
