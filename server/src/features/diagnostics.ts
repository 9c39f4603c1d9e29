import { ruleDocUri } from '../rules/docs';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../core/analyzer';
import type { Severity } from '../rules/types';
import { msg, t, type Locale } from '../l10n';
import { toRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One finding as a diagnostic. */
export function toDiagnostic(a: Analysis, f: Analysis['findings'][number], locale: Locale): Diagnostic {
  const d: Diagnostic = {
    range: toRange(a.model, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUri(f.ruleId) },
    source: 'tifa',
    message: t(f.message, locale),
  };
  if (f.ruleId === 'markup-residue' || f.ruleId === 'page-marker') d.tags = [DiagnosticTag.Unnecessary];
  if (f.related?.length)
    d.relatedInformation = f.related.map((r) => ({ location: { uri: '', range: toRange(a.model, r.start, r.end) }, message: t(r.message, locale) }));
  return d;
}

/** The code of the diagnostic that stands for the findings past `tifa.maxDiagnostics`. */
const TOO_MANY = 'too-many-findings';

/**
 * The document's diagnostics: one per finding, in order, up to `max`; past it, one more where the first
 * finding left out is, saying how many there are. A text made of artifacts (a megabyte of stray spaces)
 * has hundreds of thousands of findings: tens of megabytes to send and show again at every keystroke.
 * Quick fixes and fix-all still see every finding (they work from the analysis).
 */
export function toDiagnostics(a: Analysis, locale: Locale, max = Infinity): Diagnostic[] {
  const all = a.findings;
  const n = Math.min(all.length, max);
  const out: Diagnostic[] = [];
  for (let k = 0; k < n; k++) out.push(toDiagnostic(a, all[k], locale));
  if (all.length > n) {
    const next = all[n];
    out.push({
      range: toRange(a.model, next.start, next.start),
      severity: DiagnosticSeverity.Information,
      code: TOO_MANY,
      source: 'tifa',
      message: t(
        msg(
          `只显示了前 ${n} 处问题（共 ${all.length} 处）。可在设置 tifa.maxDiagnostics 中调整上限，或用命令行 tifa lint 查看全部。`,
          `Only the first ${n} of ${all.length} findings are shown. Raise the limit in the setting tifa.maxDiagnostics, or run tifa lint to see them all.`,
        ),
        locale,
      ),
    });
  }
  return out;
}
