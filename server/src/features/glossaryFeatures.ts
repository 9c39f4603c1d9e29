/**
 * Glossary features beyond hover: completion, go to definition, references across the workspace,
 * document highlights, user glossaries (load, validate, reload) and “Add to Glossary”.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DocumentHighlightKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Location,
} from 'vscode-languageserver/node';
import type { FeatureModule, ServerContext } from '../context';
import { TextModel } from '../core/text';
import { findSlogans } from '../glossary/match';
import { confirmSlogans } from '../core/analyzer';
import { readUserGlossaries, userGlossaryPaths, addToGlossaryFile, WORKSPACE_GLOSSARY, type UserGlossaryFile } from '../glossary/user';
import type { Entry } from '../glossary/types';
import { entryMarkdown } from './hover';
import { listCorpusFiles, readCorpusFile } from './corpusFiles';
import { tocDefinition } from './navigation';
import { toRange } from './convert';
import { t, msg } from '../l10n';
import { NUMERAL_CHARS } from '../core/cjk';

/** URI scheme of the read-only rendering of a built-in entry (the VS Code client provides its content). */
export const ENTRY_SCHEME = 'tifa-glossary';

export function entryUri(term: string): string {
  return `${ENTRY_SCHEME}:/${encodeURIComponent(term)}.md`;
}

const OPEN_QUOTE = /[“"「『][^”"」』\n]{0,12}$/;
const NUMERAL_PREFIX = new RegExp(`[${NUMERAL_CHARS}双]{1,3}[个项大条位]?$`);

interface AddResult {
  error?: string;
  uri?: string;
  line?: number;
  character?: number;
  created?: boolean;
}

export const register: FeatureModule = (ctx: ServerContext) => {
  const { connection, documents, service } = ctx;
  let userFiles: UserGlossaryFile[] = [];
  let lastProblemReport = '';

  async function reloadUserGlossaries(): Promise<void> {
    const files = userGlossaryPaths(ctx.workspaceFolders(), service.settings.glossaries);
    const before = userFiles;
    userFiles = await readUserGlossaries(files);
    // the same files with the same text (a save seen by both watchers, a settings change elsewhere): no new
    // glossary, and no re-check of every open document
    const same = before.length === userFiles.length && before.every((f, i) => f.file === userFiles[i].file && f.text === userFiles[i].text);
    if (!same) service.setUserGlossaries(userFiles.map((f) => f.entries));
    // problems as diagnostics in each glossary file (cleared where fixed or gone)
    for (const f of before) if (!userFiles.some((u) => u.file === f.file)) void connection.sendDiagnostics({ uri: pathToFileURL(f.file).href, diagnostics: [] });
    const report: string[] = [];
    for (const f of userFiles) {
      const model = new TextModel(f.text);
      void connection.sendDiagnostics({
        uri: pathToFileURL(f.file).href,
        diagnostics: f.problems.map((p) => ({
          range: toRange(model, p.offset ?? 0, p.offset ?? 0),
          severity: DiagnosticSeverity.Error,
          source: 'tifa',
          code: 'glossary-schema',
          message: t(p.message, service.locale),
        })),
      });
      if (f.problems.length) report.push(`${path.basename(path.dirname(f.file))}/${path.basename(f.file)}: ${t(f.problems[0].message, service.locale)}${f.problems.length > 1 ? ` (+${f.problems.length - 1})` : ''}`);
    }
    const key = report.join('\n');
    if (key && key !== lastProblemReport) void connection.window.showWarningMessage(t(msg(`Tifa 用户词表有误，有问题的条目已跳过：${key}`, `Tifa: problems in a user glossary; the faulty entries are skipped: ${key}`), service.locale));
    lastProblemReport = key;
    if (!same) ctx.revalidateAll();
  }

  ctx.onReady(reloadUserGlossaries);
  ctx.onSettingsChanged(reloadUserGlossaries);
  // the client's file watcher and the server's own watch of `.tifa/` (features/tifaFolder.ts)
  let pending: NodeJS.Timeout | undefined;
  const soon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void reloadUserGlossaries(), 150);
  };
  ctx.onWatchedFilesChanged(async (changes) => {
    const files = new Set(userGlossaryPaths(ctx.workspaceFolders(), service.settings.glossaries).map((f) => path.resolve(f)));
    for (const f of userFiles) files.add(path.resolve(f.file));
    const touched = changes.some((c) => {
      if (!c.uri.startsWith('file:')) return false;
      const p = path.resolve(fileURLToPath(c.uri));
      return files.has(p) || p.endsWith(WORKSPACE_GLOSSARY);
    });
    if (touched) soon();
  });

  const completionItem = (e: Entry, sort: string): CompletionItem => ({
    label: e.term,
    kind: CompletionItemKind.Keyword,
    detail: e.english ?? e.category,
    documentation: { kind: MarkupKind.Markdown, value: entryMarkdown(e, service.locale) },
    sortText: sort,
    filterText: e.term,
  });

  connection.onCompletion(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const model = new TextModel(doc.getText());
    const offset = model.offsetAt(p.position);
    const lineStart = model.lineStart(p.position.line);
    const before = model.text.slice(Math.max(lineStart, offset - 16), offset);
    const entries = service.glossary.entries;
    const q = OPEN_QUOTE.exec(before);
    if (q) {
      const typed = q[0].slice(1);
      const start = offset - typed.length;
      const closed = /^[”"」』]/.test(model.text.slice(offset, offset + 1));
      const items = entries
        .filter((e) => !typed || e.term.startsWith(typed) || e.term.includes(typed))
        .map((e) => {
          const it = completionItem(e, (e.term.startsWith(typed) ? '0' : '1') + e.term);
          it.textEdit = { range: toRange(model, start, offset), newText: e.term + (closed ? '' : q[0][0] === '“' ? '”' : q[0][0] === '"' ? '"' : '') };
          it.insertTextFormat = InsertTextFormat.PlainText;
          return it;
        });
      return { isIncomplete: false, items };
    }
    const n = NUMERAL_PREFIX.exec(before);
    if (n) {
      const start = offset - n[0].length;
      const items = entries
        .filter((e) => e.term.startsWith(n[0]) && e.term.length > n[0].length)
        .map((e) => {
          const it = completionItem(e, e.term);
          it.textEdit = { range: toRange(model, start, offset), newText: e.term };
          return it;
        });
      return { isIncomplete: false, items };
    }
    return null;
  });

  connection.onDefinition(async (p): Promise<Location | null> => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const a = await ctx.analysisOf(doc);
    const m = a.sloganAt(a.model.offsetAt(p.position));
    // not a slogan: a table-of-contents entry leads to its heading
    if (!m) return tocDefinition(a, doc.uri, a.model.offsetAt(p.position));
    const e = m.form.entry;
    if (e.origin && !e.origin.builtin) {
      const f = userFiles.find((u) => u.file === e.origin!.file);
      if (f) {
        const model = new TextModel(f.text);
        const i = Math.max(0, f.text.indexOf(JSON.stringify(e.term)));
        return { uri: pathToFileURL(f.file).href, range: toRange(model, i, i + JSON.stringify(e.term).length) };
      }
    }
    return { uri: entryUri(e.term), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  });

  connection.onRequest('tifa/entryMarkdown', (p: { term: string }) => {
    const e = service.glossary.get(p.term);
    return e ? `<!-- ${t(msg('Tifa 内置词表条目（只读）', 'Tifa built-in glossary entry (read-only)'), service.locale)} -->\n\n` + entryMarkdown(e, service.locale) + '\n' : null;
  });

  connection.onDocumentHighlight(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const a = await ctx.analysisOf(doc);
    const m = a.sloganAt(a.model.offsetAt(p.position));
    if (!m) return null;
    return a.slogans.filter((s) => s.form.entry === m.form.entry).map((s) => ({ range: toRange(a.model, s.start, s.end), kind: DocumentHighlightKind.Text }));
  });

  connection.onReferences(async (p, token) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const a = await ctx.analysisOf(doc);
    const m = a.sloganAt(a.model.offsetAt(p.position));
    if (!m) return null;
    const entry = m.form.entry;
    const out: Location[] = [];
    const seen = new Set<string>();
    const collect = async (uri: string, text: string) => {
      if (seen.has(uri)) return;
      seen.add(uri);
      if (!text.includes(entry.term[0])) return;
      const model = new TextModel(text);
      const ms = await confirmSlogans(model, findSlogans(model, service.glossary), service.segmenter);
      for (const s of ms) if (s.form.entry === entry) out.push({ uri, range: toRange(model, s.start, s.end) });
    };
    for (const d of documents.all()) await collect(d.uri, d.getText());
    for (const file of await listCorpusFiles(ctx.workspaceFolders())) {
      if (token.isCancellationRequested) break;
      const uri = pathToFileURL(file).href;
      if (seen.has(uri)) continue;
      const text = await readCorpusFile(file);
      if (text !== undefined) await collect(uri, text);
    }
    return out;
  });

  connection.onRequest('tifa/addToGlossary', (p: { uri: string; term: string }): AddResult => {
    const term = String(p.term ?? '').replace(/[\s“”"‘’'「」『』]/g, '');
    if (!term || term.length > 40) return { error: t(msg('请先选中一个提法（1–40 个字）', 'Select a slogan first (1–40 characters)'), service.locale) };
    const folders = ctx.workspaceFolders();
    const docPath = p.uri?.startsWith('file:') ? fileURLToPath(p.uri) : undefined;
    const folder = folders.find((f) => docPath && docPath.startsWith(f + path.sep)) ?? folders[0] ?? (docPath ? path.dirname(docPath) : undefined);
    if (!folder) return { error: t(msg('没有打开的工作区文件夹', 'No workspace folder is open'), service.locale) };
    const file = path.join(folder, WORKSPACE_GLOSSARY);
    try {
      const r = addToGlossaryFile(file, term);
      const text = fs.readFileSync(file, 'utf8');
      const pos = new TextModel(text).positionAt(r.offset);
      void reloadUserGlossaries();
      return { uri: pathToFileURL(file).href, line: pos.line, character: pos.character, created: r.created };
    } catch (e) {
      return { error: t(msg(`无法写入词表：${(e as Error).message}`, `Cannot write the glossary: ${(e as Error).message}`), service.locale) };
    }
  });

  return {
    completionProvider: { triggerCharacters: ['“', '"', ...'一二两三四五六七八九十双'] },
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
  };
};
