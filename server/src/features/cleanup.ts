/**
 * Tifa: Clean Up Document — every safe fix, applied as one workspace edit whose changes are annotated by
 * rule and need confirmation, so VS Code shows a preview before anything changes.
 * Tifa: Reflow Paragraphs — joins hard-wrapped lines and split paragraphs (document or selection).
 */
import type { AnnotatedTextEdit, ChangeAnnotation, Range, TextDocumentEdit } from 'vscode-languageserver/node';
import type { FeatureModule } from '../context';
import { TextModel } from '../core/text';
import { runRules } from '../core/analyze';
import { fixText, diffEdits, SAFE } from '../core/fixall';
import { RULES_BY_ID } from '../rules';
import { toTextEdit } from './convert';
import { reflow } from '../core/reflow';
import { t, msg } from '../l10n';

export const register: FeatureModule = (ctx) => {
  const { connection, documents, service } = ctx;

  ctx.registerCommand('tifa.server.cleanUp', async (args) => {
    const uri = String(args[0] ?? '');
    const doc = documents.get(uri);
    if (!doc) return { applied: 0 };
    const before = doc.getText();
    const env = { glossary: service.glossary, lexicon: service.lexicon };
    // what the user chose to ignore stays as it is
    const { text, applied } = fixText(before, env, service.settings.rules, SAFE, undefined, service.ignoreFor(uri));
    if (text === before) return { applied: 0 };
    const model = new TextModel(before);
    // annotate each change with the rule whose fix made it (first pass), for the preview
    const findings = runRules({ model, ...env }, service.settings.rules).filter((f) => SAFE(f));
    const annotations: Record<string, ChangeAnnotation> = {};
    const edits: AnnotatedTextEdit[] = diffEdits(before, text).map((e) => {
      const f = findings.find((x) => x.fix!.edits.some((fe) => fe.start <= e.end && fe.end >= e.start));
      const id = f?.ruleId ?? 'tifa';
      const rule = RULES_BY_ID.get(id);
      if (!annotations[id]) annotations[id] = { label: rule ? `${rule.id} · ${t(rule.title, service.locale)}` : 'Tifa', needsConfirmation: true, description: t(msg('Tifa 清理', 'Tifa clean-up'), service.locale) };
      return { ...toTextEdit(model, e), annotationId: id };
    });
    const change: TextDocumentEdit = { textDocument: { uri, version: doc.version }, edits };
    const r = await connection.workspace.applyEdit({ label: t(msg('Tifa：清理文档', 'Tifa: Clean Up Document'), service.locale), edit: { documentChanges: [change], changeAnnotations: annotations } });
    return { applied: r.applied ? edits.length : 0, fixes: applied };
  });

  ctx.registerCommand('tifa.server.reflow', async (args) => {
    const uri = String(args[0] ?? '');
    const range = args[1] as Range | undefined | null;
    const doc = documents.get(uri);
    if (!doc) return { changed: false };
    const before = doc.getText();
    const model = new TextModel(before);
    const span = range ? { start: model.offsetAt(range.start), end: model.offsetAt(range.end) } : undefined;
    const lexicon = service.lexicon;
    const edits = reflow(model, span, { isWord: lexicon.ready ? (w: string) => lexicon.isWord(w) : undefined, isTerm: (w: string) => !!service.glossary.formOf(w) });
    if (!edits.length) return { changed: false };
    const r = await connection.workspace.applyEdit({
      label: t(msg('Tifa：重排段落', 'Tifa: Reflow Paragraphs'), service.locale),
      edit: { changes: { [uri]: edits.map((e) => toTextEdit(model, e)) } },
    });
    return { changed: r.applied };
  });

  return {};
};
