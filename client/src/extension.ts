/**
 * The Tifa client: registers the language server for Chinese policy texts and stays thin.
 * Chinese `.txt` files are switched to the `policytext` language when opened (tifa.autoDetect);
 * `.txt` files under tifa.corpusGlobs are served whatever their language.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { isMostlyChinese } from '../../server/src/core/cjk';
import { checkEncoding } from './encodingCheck';

let client: LanguageClient | undefined;

async function maybeSwitch(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' || !doc.uri.path.toLowerCase().endsWith('.txt')) return;
  if (!vscode.workspace.getConfiguration('tifa', doc.uri).get<boolean>('autoDetect', true)) return;
  if (isMostlyChinese(doc.getText())) await vscode.languages.setTextDocumentLanguage(doc, 'policytext');
}

function documentSelector(): { language: string; scheme?: string; pattern?: string }[] {
  const sel: { language: string; scheme?: string; pattern?: string }[] = [
    { language: 'policytext', scheme: 'file' },
    { language: 'policytext', scheme: 'untitled' },
    { language: 'policytext', scheme: 'vscode-remote' },
  ];
  for (const g of vscode.workspace.getConfiguration('tifa').get<string[]>('corpusGlobs', [])) sel.push({ language: 'plaintext', pattern: g });
  return sel;
}

function watchers(): vscode.FileSystemWatcher[] {
  const w = [vscode.workspace.createFileSystemWatcher('**/.tifa/*.json'), vscode.workspace.createFileSystemWatcher('**/*.txt')];
  for (const g of vscode.workspace.getConfiguration('tifa').get<string[]>('glossaries', [])) w.push(vscode.workspace.createFileSystemWatcher(g.startsWith('/') ? g : `**/${g.replace(/^\.\//, '')}`));
  return w;
}

interface Status {
  lexicon: string;
  segmenter: string;
  glossaryEntries: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: () => LanguageClient | undefined }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const status = vscode.languages.createLanguageStatusItem('tifa.status', { language: 'policytext' });
  status.name = 'Tifa';
  status.text = 'Tifa';
  context.subscriptions.push(status);

  let starting: Promise<void> | undefined;
  const start = async () => {
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      synchronize: { configurationSection: 'tifa', fileEvents: watchers() },
      outputChannelName: 'Tifa',
    };
    client = new LanguageClient('tifa', 'Tifa', serverOptions, clientOptions);
    await client.start();
    client.onNotification('tifa/status', (s: Status) => {
      status.text = `Tifa · ${vscode.l10n.t('{0} slogans', s.glossaryEntries)}`;
      status.detail = s.segmenter === 'ready' ? vscode.l10n.t('segmentation ready') : s.segmenter === 'failed' ? vscode.l10n.t('segmentation unavailable') : vscode.l10n.t('loading segmentation…');
      status.busy = s.segmenter === 'loading' || s.lexicon === 'loading';
      status.severity = s.segmenter === 'failed' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    });
  };
  /** The server starts with the first document it serves: an English .txt alone never spawns it. */
  const ensureStarted = (doc: vscode.TextDocument): Promise<void> | undefined => {
    if (starting || vscode.languages.match(documentSelector(), doc) === 0) return starting;
    starting = start();
    return starting;
  };
  const onOpen = async (doc: vscode.TextDocument) => {
    await maybeSwitch(doc);
    await ensureStarted(doc);
  };
  // a GB18030 file shown as UTF-8 (replacement characters): offer to read it in its own encoding
  const onShown = (editor: vscode.TextEditor | undefined) => {
    if (editor) void checkEncoding(editor.document, onOpen);
  };

  // read-only rendering of a built-in glossary entry (go to definition on a slogan)
  const entries = new (class implements vscode.TextDocumentContentProvider {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const term = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
      const md = (await client?.sendRequest<string | null>('tifa/entryMarkdown', { term })) ?? null;
      return md ?? vscode.l10n.t('No glossary entry for {0}', term);
    }
  })();

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('tifa-glossary', entries),
    vscode.workspace.onDidOpenTextDocument((d) => void onOpen(d)),
    vscode.window.onDidChangeActiveTextEditor(onShown),
    vscode.commands.registerCommand('tifa.cleanUpDocument', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const r = await client.sendRequest<{ applied?: number }>('workspace/executeCommand', { command: 'tifa.server.cleanUp', arguments: [editor.document.uri.toString()] });
      void vscode.window.showInformationMessage(r?.applied ? vscode.l10n.t('Tifa: {0} changes applied', r.applied) : vscode.l10n.t('Tifa: nothing to clean up, or the preview was discarded'));
    }),
    vscode.commands.registerCommand('tifa.reflowParagraphs', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const sel = editor.selection;
      const range = sel.isEmpty ? undefined : { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } };
      await client.sendRequest('workspace/executeCommand', { command: 'tifa.server.reflow', arguments: [editor.document.uri.toString(), range] });
    }),
    vscode.commands.registerCommand('tifa.addToGlossary', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const term = editor.document.getText(editor.selection).trim() || (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Slogan to add to the workspace glossary') })) || '';
      if (!term) return;
      const r = await client.sendRequest<{ error?: string; uri?: string; line?: number; character?: number }>('tifa/addToGlossary', { uri: editor.document.uri.toString(), term });
      if (r.error || !r.uri) {
        void vscode.window.showWarningMessage(r.error ?? 'Tifa');
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(r.uri));
      const pos = new vscode.Position(r.line ?? 0, r.character ?? 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    }),
    vscode.commands.registerCommand('tifa.disableRule', async (ruleId: string) => {
      const cfg = vscode.workspace.getConfiguration('tifa');
      const rules = { ...(cfg.get<Record<string, unknown>>('rules') ?? {}), [ruleId]: 'off' };
      await cfg.update('rules', rules, vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('tifa.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if ((e.affectsConfiguration('tifa.corpusGlobs') || e.affectsConfiguration('tifa.glossaries')) && client) {
        await client.stop();
        starting = start();
        await starting;
      }
    }),
  );
  for (const d of vscode.workspace.textDocuments) await onOpen(d);
  onShown(vscode.window.activeTextEditor);
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
