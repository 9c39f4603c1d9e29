import { ruleDocUri } from '../rules/docs';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Analysis } from '../core/analyzer';
import type { Severity } from '../rules/types';
import { t, type Locale } from '../l10n';
import { toRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(a: Analysis, locale: Locale): Diagnostic[] {
  return a.findings.map((f) => {
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
  });
}
