/**
 * Measures for how far two versions of one text agree: the character error rate between them, with
 * whitespace runs compared as one line break (layout is not wording). Used to check that fix-all makes
 * two OCR sources of the same interview converge.
 */

/** The passage from `start` to `end` (inclusive), found even where whitespace or a hard wrap splits the phrases. */
export function passage(text: string, start: string, end: string): string | undefined {
  const loose = (s: string) => [...s].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
  const a = new RegExp(loose(start)).exec(text);
  if (!a) return undefined;
  const re = new RegExp(loose(end), 'g');
  re.lastIndex = a.index;
  const b = re.exec(text);
  return b ? text.slice(a.index, b.index + b[0].length) : undefined;
}

export function normalizeWhitespace(s: string): string {
  return s.replace(/\s+/g, '\n').trim();
}

/** Levenshtein distance (two rows, O(n·m) time, O(m) memory). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Character error rate of `hyp` against `ref`, whitespace runs as one line break. */
export function characterErrorRate(ref: string, hyp: string): number {
  const r = normalizeWhitespace(ref);
  const h = normalizeWhitespace(hyp);
  return r.length ? editDistance(r, h) / r.length : 0;
}
