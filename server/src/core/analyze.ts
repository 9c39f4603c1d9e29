import { RULES } from '../rules';
import type { Finding, Rule, RuleContext, Severity } from '../rules/types';

export type RuleSetting = boolean | Severity | 'off' | { severity?: Severity | 'off'; [option: string]: unknown };

export interface AnalyzedFinding extends Finding {
  severity: Severity;
}

/** The severity a rule runs at under the settings, or undefined when it is off. */
export function effectiveSeverity(rule: Rule, setting: RuleSetting | undefined): Severity | undefined {
  if (setting === undefined || setting === true) return rule.defaultSeverity;
  if (setting === false || setting === 'off') return undefined;
  if (typeof setting === 'string') return setting;
  if (setting.severity === 'off') return undefined;
  return setting.severity ?? rule.defaultSeverity;
}

/** Milliseconds spent in each rule since `measureRules()` was called (the CLI's --timing); off by default. */
let ruleMs: Record<string, number> | undefined;

export function measureRules(): Record<string, number> {
  return (ruleMs ??= {});
}

/**
 * Run every enabled rule (or those given) over the document. A rule that throws is reported on stderr
 * and skipped: one bad rule must never take the others (or the server) down.
 */
export function runRules(ctx: Omit<RuleContext, 'options'>, settings: Record<string, RuleSetting> = {}, rules: Rule[] = RULES): AnalyzedFinding[] {
  const out: AnalyzedFinding[] = [];
  for (const rule of rules) {
    const t0 = ruleMs ? performance.now() : 0;
    const severity = effectiveSeverity(rule, settings[rule.id]);
    if (!severity) continue;
    const s = settings[rule.id];
    const options = s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
    try {
      for (const f of rule.check({ ...ctx, options })) {
        // built field by field: a spread of each finding costs more than the rule that found it
        const a: AnalyzedFinding = { ruleId: f.ruleId, start: f.start, end: f.end, message: f.message, severity };
        if (f.fix) a.fix = f.fix;
        if (f.related) a.related = f.related;
        out.push(a);
      }
    } catch (e) {
      console.error(`tifa: rule ${rule.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    if (ruleMs) ruleMs[rule.id] = (ruleMs[rule.id] ?? 0) + performance.now() - t0;
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}
