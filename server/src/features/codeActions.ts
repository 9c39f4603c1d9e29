import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { fixText, diffEdits, SAFE } from '../core/fixall';
import { TextModel } from '../core/text';
import type { TifaService } from '../service';
import type { Analysis } from '../core/analyzer';
import { combineFixes } from '../core/edits';
import type { AnalyzedFinding } from '../core/analyze';
import { msg, t, type Locale } from '../l10n';
import { toTextEdit } from './convert';
import { toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.tifa';

function overlaps(a: Analysis, f: AnalyzedFinding, range: Range): boolean {
  const s = a.model.offsetAt(range.start);
  const e = a.model.offsetAt(range.end);
  return f.start <= e && f.end >= s;
}

export function codeActions(a: Analysis, uri: string, range: Range, only: string[] | undefined, locale: Locale): CodeAction[] {
  const out: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const suppressions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const perRule = new Map<string, number>();
    for (const f of a.findings) if (f.fix) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    const offered = new Set<string>();
    const ignored = new Set<string>();
    a.findings.forEach((f) => {
      if (!overlaps(a, f, range)) return;
      // the diagnostics of the findings in the range only (a code action is asked at every move of the cursor)
      const diagnostic: Diagnostic = toDiagnostic(a, f, locale);
      // suppression: this finding, or the rule in the workspace
      if (!ignored.has(f.ruleId)) {
        ignored.add(f.ruleId);
        suppressions.push(
          {
            title: t(msg(`忽略此处（${f.ruleId}）`, `Ignore this finding (${f.ruleId})`), locale),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: 'ignore', command: 'tifa.server.ignoreFinding', arguments: [uri, f.ruleId, f.start, f.end] },
          },
          {
            title: t(msg(`在工作区停用规则 ${f.ruleId}`, `Disable rule ${f.ruleId} in the workspace`), locale),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: 'disable', command: 'tifa.disableRule', arguments: [f.ruleId] },
          },
        );
      }
      if (!f.fix) return;
      out.push({
        title: t(f.fix.title, locale),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: f.fix.safe,
        edit: { changes: { [uri]: f.fix.edits.map((e) => toTextEdit(a.model, e)) } },
      });
      const n = perRule.get(f.ruleId) ?? 0;
      if (n > 1 && !offered.has(f.ruleId)) {
        offered.add(f.ruleId);
        const edits = combineFixes(a.findings, (g) => g.ruleId === f.ruleId);
        out.push({
          title: t(msg(`修复本文档中全部 ${f.ruleId}（${n} 处）`, `Fix all ${f.ruleId} in this document (${n})`), locale),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: edits.map((e) => toTextEdit(a.model, e)) } },
        });
      }
    });
  }
  return [...out, ...suppressions];
}


/**
 * Every safe fix, applied until none is left (so that applying them twice changes nothing the second
 * time), as small edits of the original text.
 */
function safeFixEdits(uri: string, text: string, service: TifaService): TextEdit[] {
  // not the findings the user chose to ignore
  const { text: fixed } = fixText(text, { glossary: service.glossary, lexicon: service.lexicon }, service.settings.rules, SAFE, undefined, service.ignoreFor(uri));
  const model = new TextModel(text);
  return diffEdits(text, fixed).map((e) => toTextEdit(model, e));
}

/** The `source.fixAll.tifa` action, or undefined when there is nothing to fix. */
export function fixAllAction(uri: string, text: string, service: TifaService): CodeAction | undefined {
  const edits = safeFixEdits(uri, text, service);
  if (!edits.length) return undefined;
  return { title: t(msg('Tifa：应用全部安全修复', 'Tifa: apply all safe fixes'), service.locale), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}
