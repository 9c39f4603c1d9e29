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
    taken.push(...edits);
    lastEnd = Math.max(lastEnd, ...edits.map((e) => e.end));
  }
  return taken;
}
