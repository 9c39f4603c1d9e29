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
/**
 * toc-mismatch (it shares no work with the other rules) goes to the second half too when the main thread
 * (part 0) also writes a heavy report: the JSON report of the bench corpus (29 MB) is merged and encoded
 * there. With the stylish report, toc-mismatch on the worker was slower (1.60 → 1.66 s over the 37 MB
 * bench corpus), so it only moves for JSON. (halfwidth-punct moved too while the JSON report was indented,
 * 50 MB; since it is compact the worker then ends 100–200 ms after the main thread, and without it the two
 * end within 70 ms: 1.77 → 1.69 s, medians of 11 runs by turns.)
 */
const SECOND_HALF_HEAVY_REPORT = new Set([...SECOND_HALF, 'toc-mismatch']);

const halves = [SECOND_HALF, SECOND_HALF_HEAVY_REPORT].map((second) => [0, 1].map((part) => RULES.filter((r) => second.has(r.id) === (part === 1))));

/**
 * The rules of one part when the rules are split in `parts` (1 or 2), in report order. `heavyReport`: the
 * main thread (part 0) also renders a heavy report (JSON), so part 1 takes more of the rules.
 */
export function rulesOfPart(part: number, parts: number, heavyReport = false): Rule[] {
  if (parts <= 1) return RULES;
  return halves[heavyReport ? 1 : 0][part === 1 ? 1 : 0];
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
