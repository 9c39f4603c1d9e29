import type { Edit, Finding } from '../rules/types';

/** Apply offset edits to a text. Edits must not overlap; order does not matter. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * The edits of many findings' fixes, combined into one non-overlapping set: a fix whose edits touch
 * or overlap one already taken is left for the next pass (fix-all is then run again until nothing changes).
 */
export function combineFixes(findings: Finding[], accept: (f: Finding) => boolean): Edit[] {
  const taken: Edit[] = [];
  const fixes = findings.filter((f) => f.fix && accept(f)).sort((a, b) => a.start - b.start);
  let lastEnd = -1;
  for (const f of fixes) {
    const edits = [...f.fix!.edits].sort((a, b) => a.start - b.start);
    if (!edits.length) continue;
    // the fix's edits must not overlap each other or what is taken; a touching insertion counts as overlap
    let ok = edits[0].start > lastEnd || (lastEnd < 0 && edits[0].start >= 0);
    for (let i = 1; ok && i < edits.length; i++) if (edits[i].start < edits[i - 1].end) ok = false;
    if (!ok) continue;
    // one at a time: a fix of many edits (a long letter-spaced line) overflowed the call stack as arguments
    for (const e of edits) {
      taken.push(e);
      if (e.end > lastEnd) lastEnd = e.end;
    }
  }
  return taken;
}

/**
 * The unchanged head and tail of an edit: `prefix` characters at the start and `suffix` at the end are the
 * same in both texts. Compared a kilobyte at a time (native string comparison), then character by character.
 */
export function commonAffixes(a: string, b: string): { prefix: number; suffix: number } {
  const m = Math.min(a.length, b.length);
  const C = 1024;
  let p = 0;
  while (p + C <= m && a.substr(p, C) === b.substr(p, C)) p += C;
  while (p < m && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const lim = m - p;
  let q = 0;
  while (q + C <= lim && a.substr(a.length - q - C, C) === b.substr(b.length - q - C, C)) q += C;
  while (q < lim && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return { prefix: p, suffix: q };
}
