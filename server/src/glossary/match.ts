import type { TextModel } from '../core/text';
import { isInlineSpace } from '../core/cjk';
import { Glossary, type Form } from './glossary';

export interface SloganMatch {
  start: number;
  end: number;
  form: Form;
  /** between quotation marks (curly or straight), or padded by spaces where quotes were stripped */
  quoted: boolean;
  /** whitespace inside the match (a stray space or a hard wrap) */
  broken: boolean;
  /** a short form outside quotes that still needs a word-boundary check by segmentation */
  needsSegmentation: boolean;
}

const OPENERS = '“"‘\'「『';
const CLOSERS = '”"’\'」』';

function neighbour(text: string, i: number, dir: -1 | 1): { ch: string; spaced: boolean } {
  let spaced = false;
  while (i >= 0 && i < text.length && isInlineSpace(text.charCodeAt(i))) {
    spaced = true;
    i += dir;
  }
  return { ch: i >= 0 && i < text.length ? text[i] : '', spaced };
}

/** All glossary forms in the text (before the segmentation check of short unquoted forms). */
export function findSlogans(model: TextModel, glossary: Glossary): SloganMatch[] {
  const text = model.text;
  const out: SloganMatch[] = [];
  glossary.trie.scan(text, (start, end, form) => {
    const before = neighbour(text, start - 1, -1);
    const after = neighbour(text, end, 1);
    const quoted =
      (before.ch !== '' && OPENERS.includes(before.ch) && after.ch !== '' && CLOSERS.includes(after.ch)) ||
      (before.spaced && (after.spaced || /[，。、；：！？]/.test(after.ch)));
    const broken = end - start !== form.text.length;
    const short = Glossary.isShort(form.text);
    out.push({ start, end, form, quoted, broken, needsSegmentation: short && !quoted });
  });
  return out;
}

/** The window of text around a match that segmentation looks at, and the match's offset in it. */
export function segmentationWindow(model: TextModel, m: SloganMatch, radius = 12): { text: string; at: number } {
  const text = model.text;
  let s = m.start;
  for (let k = 0; k < radius && s > 0 && !/[\n\r。！？；，、]/.test(text[s - 1]); k++) s--;
  let e = m.end;
  for (let k = 0; k < radius && e < text.length && !/[\n\r。！？；，、]/.test(text[e]); k++) e++;
  return { text: text.slice(s, e), at: m.start - s };
}

/** Whether a segmentation of the window keeps the match as one token (a word boundary on each side). */
export function isWholeToken(tokens: string[], at: number, length: number): boolean {
  let pos = 0;
  for (const tok of tokens) {
    if (pos === at) return tok.length === length;
    if (pos > at) return false;
    pos += tok.length;
  }
  return false;
}
