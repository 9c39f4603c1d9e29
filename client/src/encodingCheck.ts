/**
 * A `.txt` file in GB18030 (GBK), which Chinese government texts often are, opens in VS Code as UTF-8
 * unless the user has turned on encoding guessing: its Chinese shows as replacement characters, Tifa
 * sees no Chinese, and saving it would replace the text with them for good. When a shown document has
 * replacement characters, its bytes are read again and decoded as the CLI decodes files; if they are
 * GB18030 Chinese (isGb18030Chinese), Tifa offers to reopen it in GB18030 (`tifa.encodingCheck`: ask,
 * reopen, off).
 */
import * as vscode from 'vscode';
import { isGb18030Chinese } from '../../server/src/core/encoding';

/** files larger than this are not read again (as the server's corpus index) */
const MAX_BYTES = 20 * 1024 * 1024;

/** documents already asked about in this session (one question per document) */
const asked = new Set<string>();
/** the version of each document last found to need nothing (switching back to its tab asks nothing again) */
const fine = new WeakMap<vscode.TextDocument, number>();

/** VS Code 1.100 and later: the encoding a document was read with, and opening in a given one */
interface EncodingApi {
  encoding?: string;
}

/**
 * The encoding a shown document should have been read with, when VS Code read it as UTF-8 and got
 * replacement characters but its bytes are GB18030 Chinese; undefined otherwise.
 */
async function betterEncoding(doc: vscode.TextDocument): Promise<'gb18030' | undefined> {
  if (doc.isDirty || doc.isUntitled || !['file', 'vscode-remote'].includes(doc.uri.scheme)) return undefined;
  if (!doc.uri.path.toLowerCase().endsWith('.txt')) return undefined;
  const used = (doc as EncodingApi).encoding;
  if (used !== undefined && used !== 'utf8' && used !== 'utf8bom') return undefined; // read as the user chose
  if (!doc.getText().includes('\ufffd')) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(doc.uri);
    if (stat.size > MAX_BYTES) return undefined;
    return isGb18030Chinese(await vscode.workspace.fs.readFile(doc.uri)) ? 'gb18030' : undefined;
  } catch {
    return undefined;
  }
}

/** Check a document the user is shown; `reopened` gets the document once it is read in its own encoding. */
export async function checkEncoding(doc: vscode.TextDocument, reopened: (doc: vscode.TextDocument) => Promise<void>): Promise<void> {
  const mode = vscode.workspace.getConfiguration('tifa', doc.uri).get<string>('encodingCheck', 'ask');
  const key = doc.uri.toString();
  if (mode === 'off' || asked.has(key) || fine.get(doc) === doc.version) return;
  const encoding = await betterEncoding(doc);
  if (!encoding) {
    fine.set(doc, doc.version);
    return;
  }
  asked.add(key);
  if (mode !== 'reopen') {
    const reopen = vscode.l10n.t('Reopen as GB18030');
    const always = vscode.l10n.t('Always reopen such files');
    const name = doc.uri.path.split('/').pop() ?? '';
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} looks like GB18030 (GBK) text opened as UTF-8: its Chinese shows as replacement characters, and saving it now would lose the text.', name),
      reopen,
      always,
    );
    if (choice === always) await vscode.workspace.getConfiguration('tifa').update('encodingCheck', 'reopen', vscode.ConfigurationTarget.Global);
    else if (choice !== reopen) return;
  }
  if (doc.isDirty) return; // edited while the question was open: reading it again would drop the edits
  if ((doc as EncodingApi).encoding === undefined) {
    // an older VS Code: its own Reopen with Encoding picker
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
    return;
  }
  const workspace = vscode.workspace as unknown as { openTextDocument(uri: vscode.Uri, options: { encoding: string }): Thenable<vscode.TextDocument> };
  const again = await workspace.openTextDocument(doc.uri, { encoding });
  await vscode.window.showTextDocument(again, { preview: false });
  await reopened(again);
}
