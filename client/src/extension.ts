/**
 * The Tifa client: registers the language server for Chinese policy texts and stays thin.
 * Chinese `.txt` files are switched to the `policytext` language when opened (tifa.autoDetect);
 * `.txt` files under tifa.corpusGlobs are served whatever their language.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Whether a text is predominantly Chinese: Han characters are at least 30% of its letters. */
export function isMostlyChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  const n = Math.min(text.length, 20_000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return han >= 10 && han / (han + latin / 4) >= 0.3;
}

async function maybeSwitch(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' || !doc.uri.path.toLowerCase().endsWith('.txt')) return;
  if (!vscode.workspace.getConfiguration('tifa', doc.uri).get<boolean>('autoDetect', true)) return;
  if (isMostlyChinese(doc.getText())) await vscode.languages.setTextDocumentLanguage(doc, 'policytext');
}

function documentSelector(): { language: string; scheme?: string; pattern?: string }[] {
  const sel: { language: string; scheme?: string; pattern?: string }[] = [
    { language: 'policytext', scheme: 'file' },
    { language: 'policytext', scheme: 'untitled' },
  ];
  for (const g of vscode.workspace.getConfiguration('tifa').get<string[]>('corpusGlobs', [])) sel.push({ language: 'plaintext', pattern: g });
  return sel;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'tifa' },
    outputChannelName: 'Tifa',
  };
  client = new LanguageClient('tifa', 'Tifa', serverOptions, clientOptions);
  await client.start();

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => void maybeSwitch(d)),
    vscode.commands.registerCommand('tifa.cleanUpDocument', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const r = (await client.sendRequest('workspace/executeCommand', { command: 'tifa.server.cleanUp', arguments: [editor.document.uri.toString()] })) as { applied?: number } | undefined;
      void vscode.window.showInformationMessage(vscode.l10n.t('Tifa: {0} fixes applied', r?.applied ?? 0));
    }),
    vscode.commands.registerCommand('tifa.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('tifa.corpusGlobs')) {
        await client?.stop();
        client = new LanguageClient('tifa', 'Tifa', serverOptions, { ...clientOptions, documentSelector: documentSelector() });
        await client.start();
      }
    }),
  );
  for (const d of vscode.workspace.textDocuments) await maybeSwitch(d);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
