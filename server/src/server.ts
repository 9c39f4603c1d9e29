/**
 * The Tifa language server: wires LSP requests to the service and the feature adapters. Nothing else.
 * Run with `node dist/server.js --stdio` (or over IPC, as the VS Code client does).
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeParams,
  type InitializeResult,
  type FileEvent,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TifaService, normalizeSettings } from './service';
import { VERSION } from './version';
import { WorkerSegmenter } from './segment/workerSegmenter';
import { loadLexicon } from './segment/jieba';
import { toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { documentSymbols, foldingRanges } from './features/symbols';
import { codeActions, fixAllAction, FIX_ALL_KIND } from './features/codeActions';
import type { ServerContext, FeatureModule } from './context';
import { register as registerGlossary } from './features/glossaryFeatures';
import { register as registerCleanup } from './features/cleanup';
import { register as registerSuppression } from './features/suppression';
import { register as registerNavigation } from './features/navigation';
import { register as registerSelection } from './features/selection';
import { register as registerWorkspaceSymbols } from './features/workspaceSymbols';
import { asFileEvents, watchTifaFolders } from './features/tifaFolder';

/** Feature modules beyond the basics wired below; each registers its own handlers. */
const FEATURES: FeatureModule[] = [registerGlossary, registerCleanup, registerSuppression, registerNavigation, registerSelection, registerWorkspaceSymbols];

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const segmenter = new WorkerSegmenter();
const service = new TifaService(segmenter);
let hasConfiguration = false;
const timers = new Map<string, NodeJS.Timeout>();

process.on('uncaughtException', (e) => connection.console.error(`tifa: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`tifa: unexpected rejection: ${String(e)}`));

let initParams: InitializeParams | undefined;
const hooks = { ready: [] as (() => unknown)[], settings: [] as (() => unknown)[], files: [] as ((c: FileEvent[]) => unknown)[] };
async function fire<T extends unknown[]>(list: ((...a: T) => unknown)[], ...args: T): Promise<void> {
  for (const cb of list) {
    try {
      await cb(...args);
    } catch (e) {
      connection.console.error(`tifa: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
}
const ctx: ServerContext = {
  connection,
  documents,
  service,
  analysisOf: (doc) => analysisOf(doc),
  revalidateAll: () => revalidateAll(),
  initParams: () => initParams,
  workspaceFolders: () => {
    const p = initParams;
    const uris = p?.workspaceFolders?.length ? p.workspaceFolders.map((f) => f.uri) : p?.rootUri ? [p.rootUri] : [];
    return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  },
  onReady: (cb) => void hooks.ready.push(cb),
  onSettingsChanged: (cb) => void hooks.settings.push(cb),
  onWatchedFilesChanged: (cb) => void hooks.files.push(cb),
  registerCommand: (id, handler) => void commands.set(id, handler),
  idleFor: () => Date.now() - lastActivity,
};
const commands = new Map<string, (args: unknown[]) => unknown>();
const extraCapabilities = FEATURES.map((register) => register(ctx));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initParams = params;
  service.displayLanguage = params.locale;
  hasConfiguration = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) service.updateSettings(normalizeSettings(init.settings));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Tifa' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll], resolveProvider: false },
      ...Object.assign({}, ...extraCapabilities),
      executeCommandProvider: { commands: [...commands.keys()] },
    },
    serverInfo: { name: 'tifa', version: VERSION },
  };
});

connection.onInitialized(async () => {
  await pullSettings();
  // word knowledge loads in the background: the server answers meanwhile, and re-checks when it is ready
  void loadLexicon(service.lexicon).then((warning) => {
    if (warning) connection.console.warn(`tifa: ${warning}`);
    if (service.lexicon.ready) {
      service.invalidate();
      revalidateAll();
    }
    sendStatus();
  });
  segmenter.onReady(() => {
    service.invalidate();
    revalidateAll();
  });
  void segmenter.start(service.glossary.words).then(() => {
    if (segmenter.state === 'failed') connection.console.warn(`tifa: word segmentation unavailable (${segmenter.error}); short slogans are matched only in quotes`);
    sendStatus();
  });
  sendStatus();
  for (const p of service.builtinProblems) connection.console.error(`tifa: built-in glossary: ${p.message.en}`);
  // `.tifa/` changes the server sees itself go to the same handlers as the client's watcher events (watched before the features first read it)
  watchTifaFolders(ctx.workspaceFolders(), (files) => void fire(hooks.files, asFileEvents(files)));
  await fire(hooks.ready);
});

connection.onDidChangeWatchedFiles((p) => void fire(hooks.files, p.changes));

/** `tifa/status`: what the server has loaded, for the client's status item and for tests. */
function sendStatus(): void {
  void connection.sendNotification('tifa/status', {
    lexicon: service.lexicon.ready ? 'ready' : service.lexicon.error ? 'failed' : 'loading',
    segmenter: segmenter.state,
    glossaryEntries: service.glossary.entries.length,
  });
}

async function pullSettings(): Promise<void> {
  if (!hasConfiguration) return;
  try {
    const raw = await connection.workspace.getConfiguration('tifa');
    service.updateSettings(normalizeSettings(raw));
  } catch (e) {
    connection.console.warn(`tifa: could not read settings: ${String(e)}`);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  if (hasConfiguration) await pullSettings();
  else service.updateSettings(normalizeSettings((change.settings as { tifa?: unknown } | undefined)?.tifa));
  await fire(hooks.settings);
  revalidateAll();
});

/** when the user last did something: opened or edited a document, hovered or asked anything else of one */
let lastActivity = 0;

/** A document's analysis, for a request: the user is active. */
function analysisOf(doc: TextDocument) {
  lastActivity = Date.now();
  return service.analysis(doc.uri, doc.version, () => doc.getText());
}

/** How long typing must pause before the document-wide rules (hard-wrap, duplicate-text …) run again. */
const FULL_RUN_DELAY = 400;

/**
 * Diagnostics in two steps: at once (after `tifa.diagnosticsDelay`) the rules of the paragraphs the edit
 * touched, with document-wide findings carried over; once typing pauses, the document-wide rules. A newly
 * opened document gets its paragraph rules first and its document-wide rules right after.
 */
function schedule(doc: TextDocument, delay = service.settings.diagnosticsDelay): void {
  const old = timers.get(doc.uri);
  if (old) clearTimeout(old);
  const publish = async (full: boolean) => {
    timers.delete(doc.uri);
    const current = documents.get(doc.uri);
    if (!current) return;
    const version = current.version;
    try {
      const isStale = () => documents.get(doc.uri)?.version !== version;
      // the server's own work: diagnostics do not count as the user's activity, nor wait for the slogans
      const a = full ? await service.refresh(doc.uri, version, () => current.getText(), isStale) : await service.findings(doc.uri, version, () => current.getText());
      if (!a || isStale()) return; // stale: a newer version is on its way
      await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: toDiagnostics(a, service.locale, service.settings.maxDiagnostics) });
      const stale = full ? 'none' : service.staleness(doc.uri, version);
      if (stale !== 'none') timers.set(doc.uri, setTimeout(() => void publish(true), stale === 'carried' ? FULL_RUN_DELAY : 0));
    } catch (e) {
      connection.console.error(`tifa: analysis failed for ${doc.uri}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  };
  if (delay <= 0) void publish(false);
  else timers.set(doc.uri, setTimeout(() => void publish(false), delay));
}

function revalidateAll(): void {
  for (const d of documents.all()) schedule(d, 0);
}

// onDidChangeContent fires for an opened document too (after onDidOpen): check it at once, and after edits with the delay
const justOpened = new Set<string>();
documents.onDidOpen((e) => justOpened.add(e.document.uri));
documents.onDidChangeContent((e) => {
  lastActivity = Date.now();
  schedule(e.document, justOpened.delete(e.document.uri) ? 0 : undefined);
});
documents.onDidClose((e) => {
  service.forget(e.document.uri);
  const tm = timers.get(e.document.uri);
  if (tm) clearTimeout(tm);
  timers.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return null;
  const a = await analysisOf(doc);
  return hover(a, a.model.offsetAt(p.position), service.locale);
});

connection.onDocumentSymbol(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? documentSymbols(await analysisOf(doc)) : [];
});

connection.onFoldingRanges(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? foldingRanges(await analysisOf(doc)) : [];
});

connection.onCodeAction(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  const only = p.context.only;
  const actions = codeActions(await analysisOf(doc), doc.uri, p.range, only?.filter((o) => !FIX_ALL_KIND.startsWith(o)), service.locale);
  if (!only?.some((o) => FIX_ALL_KIND.startsWith(o))) return actions;
  const fixAll = fixAllAction(doc.uri, doc.getText(), service);
  return fixAll ? [...actions, fixAll] : actions;
});

connection.onExecuteCommand(async (p) => {
  const handler = commands.get(p.command);
  return handler ? handler(p.arguments ?? []) : undefined;
});

// the benchmark's memory probe (heap and RSS after a full collection): only in a server started with --expose-gc
const gc = (globalThis as { gc?: () => void }).gc;
if (gc)
  connection.onRequest('tifa/debug/memory', () => {
    gc();
    gc();
    return process.memoryUsage();
  });

documents.listen(connection);
connection.listen();
