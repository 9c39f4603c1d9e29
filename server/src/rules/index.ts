import type { Rule } from './types';
import { rule as cjkSpace } from './cjk-space';
import { rule as pageMarker } from './page-marker';
import { rule as markupResidue } from './markup-residue';
import { rule as sloganVariant } from './slogan-variant';
import { RULES_LAYOUT } from './group-layout';
import { RULES_CHARS } from './group-chars';
import { RULES_STRUCTURE } from './group-structure';

/** Every rule, in the order findings are reported. One module per rule id. */
export const RULES: Rule[] = [cjkSpace, pageMarker, markupResidue, sloganVariant, ...RULES_LAYOUT, ...RULES_CHARS, ...RULES_STRUCTURE];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));

/**
 * The rules split in two halves of about equal cost that share no per-document work, for the CLI's
 * workers: each worker runs one half over every file and so warms up (JIT-compiles) only half of the
 * rules' code. On 2 cores that costs less than two workers each compiling every rule (see cli.ts).
 * The word rules go together (they share the word view), so do the layout rules (they share reflow).
 * SECOND_HALF is part 1 (the worker): the word rules, the character rules, and two to balance.
 */
const SECOND_HALF = new Set([
  ...['duplicate-text', 'ocr-confusion', 'foreign-name-dot', 'unbalanced-pair', 'traditional-char', 'invisible-char', 'markup-residue'],
  // two that share no work with the others, to even out the halves (the main thread also reads the files
  // and writes the report). None reads the glossary (RuleMeta.usesGlossary), so the worker need not load it.
  ...['page-marker', 'letter-spaced'],
]);
const halves = [0, 1].map((part) => RULES.filter((r) => SECOND_HALF.has(r.id) === (part === 1)));

/**
 * The rules of one part when the rules are split in `parts` (1 or 2), in report order. The same split
 * whatever the report: the JSON report, rendered where the findings are and merged as bytes, no longer
 * loads the main thread more than the stylish one. (While it was merged as strings, toc-mismatch and
 * halfwidth-punct moved to the worker for JSON; with the bytes that left the worker ending 300 ms after
 * the main thread, and the same split as stylish took the 37 MB bench corpus from 1.70 to 1.55 s.)
 */
export function rulesOfPart(part: number, parts: number): Rule[] {
  if (parts <= 1) return RULES;
  return halves[part === 1 ? 1 : 0];
}

/** A rule's place in the report order: findings at the same range are listed in this order. */
export const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));

/**
 * The report order of findings: by range, then by rule. A sort with it must be stable (a rule keeps the
 * order of its own findings). runRules sorts by range alone, as it runs the rules in this order already;
 * format.mergeRendered follows it over packed numbers.
 */
export function byReportOrder(a: { start: number; end: number; ruleId: string }, b: { start: number; end: number; ruleId: string }): number {
  return a.start - b.start || a.end - b.end || RULE_ORDER.get(a.ruleId)! - RULE_ORDER.get(b.ruleId)!;
}
