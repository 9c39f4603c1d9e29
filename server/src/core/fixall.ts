import { TextModel } from './text';
import { runRules, type RuleSetting } from './analyze';
import { applyEdits, combineFixes, commonAffixes } from './edits';
import { RULES, RULES_BY_ID } from '../rules';
import type { Edit, Finding, RuleContext } from '../rules/types';
import type { Suppression } from './ignore';

export type FixFilter = (f: Finding) => boolean;

/** The fixes fix-all may apply without asking. */
export const SAFE: FixFilter = (f) => !!f.fix?.safe && !!RULES_BY_ID.get(f.ruleId)?.fixAllSafe;
/** The rules whose fixes SAFE can accept: the others need not run while fixing (ocr-confusion, duplicate-text … never are) */
const SAFE_RULES = RULES.filter((r) => r.fixAllSafe);

/**
 * Apply fixes until none is left (fixes whose edits overlap wait for the next pass), so that running it
 * again changes nothing. Returns the final text and the number of fixes applied. A finding the user
 * ignored (`ignore`: the file's `.tifa/ignore.json`) is not fixed: they chose to keep that text.
 */
export function fixText(
  text: string,
  ctx: Omit<RuleContext, 'model' | 'options'>,
  settings: Record<string, RuleSetting>,
  accept: FixFilter = SAFE,
  maxPasses = 8,
  ignore?: Suppression,
): { text: string; applied: number } {
  let applied = 0;
  // the ignored findings met so far, where they are in the current text: an ignore names a finding by the
  // text around it, which a fix nearby changes, so later passes know it by its place (moved with the edits)
  let kept: Place[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const model = new TextModel(text);
    let findings = runRules({ ...ctx, model }, settings, accept === SAFE ? SAFE_RULES : RULES);
    if (ignore?.list.size) {
      const shown = new Set(ignore.list.filter(ignore.file, text, findings));
      for (const f of findings) if (!shown.has(f)) kept.push({ ruleId: f.ruleId, start: f.start, end: f.end });
      findings = findings.filter((f) => shown.has(f) && !kept.some((k) => k.ruleId === f.ruleId && f.start <= k.end && k.start <= f.end));
    }
    const edits = combineFixes(findings, accept);
    if (!edits.length) break;
    applied += findings.filter((f) => f.fix && accept(f)).length;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    if (kept.length) kept = kept.map((k) => ({ ruleId: k.ruleId, start: moved(k.start, edits), end: moved(k.end, edits) }));
  }
  return { text, applied };
}

interface Place {
  ruleId: string;
  start: number;
  end: number;
}

/** Where offset p of a text is once the edits are applied (an offset inside an edit goes to its end). */
function moved(p: number, edits: Edit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= p) delta += e.newText.length - (e.end - e.start);
    else if (e.start < p) return e.start + delta + e.newText.length;
  }
  return p + delta;
}

/** One edit that turns `before` into `after`: the changed middle, common prefix and suffix kept. */
export function diffEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const { prefix: p, suffix: s } = commonAffixes(before, after);
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}

/**
 * Edits that turn `before` into `after` where `after` was made from `before` by deletions and short
 * insertions (what fixes do): a character-level alignment, grouped into small edits so that a
 * client keeps cursors and folding stable.
 */
export function diffEdits(before: string, after: string): Edit[] {
  const whole = diffEdit(before, after);
  if (!whole) return [];
  const a = before.slice(whole.start, whole.end);
  const b = whole.newText;
  // greedy alignment with a bounded look-ahead; falls back to one edit when the texts diverge
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  const LOOK = 64;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a.charCodeAt(i) === b.charCodeAt(j)) {
      i++;
      j++;
      continue;
    }
    // find the nearest resynchronisation: skip di in a and dj in b
    let best: [number, number] | undefined;
    for (let d = 1; d <= LOOK * 2 && !best; d++) {
      for (let di = 0; di <= d; di++) {
        const dj = d - di;
        if (i + di > a.length || j + dj > b.length) continue;
        if (matchRun(a, i + di, b, j + dj)) {
          best = [di, dj];
          break;
        }
      }
    }
    if (!best) {
      edits.push({ start: whole.start + i, end: whole.start + a.length, newText: b.slice(j) });
      return edits;
    }
    edits.push({ start: whole.start + i, end: whole.start + i + best[0], newText: b.slice(j, j + best[1]) });
    i += best[0];
    j += best[1];
  }
  return edits;
}

function matchRun(a: string, i: number, b: string, j: number, need = 2): boolean {
  if (i === a.length && j === b.length) return true;
  let k = 0;
  while (k < need && i + k < a.length && j + k < b.length && a.charCodeAt(i + k) === b.charCodeAt(j + k)) k++;
  return k === need || (i + k === a.length && j + k === b.length);
}
