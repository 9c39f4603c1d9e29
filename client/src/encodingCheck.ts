/**
 * A `.txt` file in GB18030 (GBK), which Chinese government texts often are, or in Big5 (older Hong Kong
 * and Taiwan texts) opens in VS Code as UTF-8 unless the user has turned on encoding guessing: its
 * Chinese shows as replacement characters, Tifa sees no Chinese, and saving it would replace the text
 * with them for good. When a shown document has replacement characters, its bytes are read again and
 * decoded as the CLI decodes files; if they are Chinese in one of those (legacyChineseEncoding), Tifa
 * offers to reopen it in that encoding (`tifa.encodingCheck`: ask, reopen, off).
 */
import * as vscode from 'vscode';
import { legacyChineseEncoding } from '../../server/src/core/encoding';

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

/** VS Code's id of each encoding we offer, and its name as shown (the WHATWG Big5 is Big5-HKSCS) */
const VSCODE_ENCODING = { gb18030: { id: 'gb18030', name: 'GB18030' }, big5: { id: 'big5hkscs', name: 'Big5' } } as const;

/**
 * The encoding a shown document should have been read with, when VS Code read it as UTF-8 and got
 * replacement characters but its bytes are GB18030 or Big5 Chinese; undefined otherwise.
 */
async function betterEncoding(doc: vscode.TextDocument): Promise<'gb18030' | 'big5' | undefined> {
  if (doc.isDirty || doc.isUntitled || !['file', 'vscode-remote'].includes(doc.uri.scheme)) return undefined;
  if (!doc.uri.path.toLowerCase().endsWith('.txt')) return undefined;
  const used = (doc as EncodingApi).encoding;
  if (used !== undefined && used !== 'utf8' && used !== 'utf8bom') return undefined; // read as the user chose
  if (!doc.getText().includes('\ufffd')) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(doc.uri);
    if (stat.size > MAX_BYTES) return undefined;
    return legacyChineseEncoding(await vscode.workspace.fs.readFile(doc.uri));
  } catch {
    return undefined;
  }
}

/** Check a document the user is shown; `reopened` gets the document once it is read in its own encoding. */
export async function checkEncoding(doc: vscode.TextDocument, reopened: (doc: vscode.TextDocument) => Promise<void>): Promise<void> {
  const mode = vscode.workspace.getConfiguration('tifa', doc.uri).get<string>('encodingCheck', 'ask');
  const key = doc.uri.toString();
  if (mode === 'off' || asked.has(key) || fine.get(doc) === doc.version) return;
  const better = await betterEncoding(doc);
  if (!better) {
    fine.set(doc, doc.version);
    return;
  }
  asked.add(key);
  const encoding = VSCODE_ENCODING[better];
  if (mode !== 'reopen') {
    const reopen = vscode.l10n.t('Reopen as {0}', encoding.name);
    const always = vscode.l10n.t('Always reopen such files');
    const name = doc.uri.path.split('/').pop() ?? '';
    const choice = await vscode.window.showWarningMessage(
      better === 'gb18030'
        ? vscode.l10n.t('{0} looks like GB18030 (GBK) text opened as UTF-8: its Chinese shows as replacement characters, and saving it now would lose the text.', name)
        : vscode.l10n.t('{0} looks like Big5 text opened as UTF-8: its Chinese shows as replacement characters, and saving it now would lose the text.', name),
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
  const again = await workspace.openTextDocument(doc.uri, { encoding: encoding.id });
  await vscode.window.showTextDocument(again, { preview: false });
  await reopened(again);
}
