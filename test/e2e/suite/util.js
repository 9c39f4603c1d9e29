// Helpers shared by the extension-host suites (plain CommonJS: it runs inside VS Code's extension host).
'use strict';
const vscode = require('vscode');

function log(...a) { console.log('[e2e]   · ' + a.join(' ')); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy (exceptions count as "not yet"). */
async function waitFor(fn, what, timeout = 30000) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try { last = await fn(); } catch { last = undefined; }
    if (last) return last;
    if (Date.now() - t0 > timeout) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}

function fixture(name) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
}

function currentDoc(uri) {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

async function open(name) {
  const uri = fixture(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return uri;
}

/** Opens a fixture and waits until it is a policytext document; returns [uri, document]. */
async function openPolicy(name) {
  const uri = await open(name);
  const doc = await waitFor(() => currentDoc(uri) && currentDoc(uri).languageId === 'policytext' && currentDoc(uri), `${name} to become policytext`);
  return [uri, doc];
}

function codeOf(d) { return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code); }
function tifaDiagnostics(uri) { return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tifa'); }
async function waitDiagnostic(uri, code, timeout = 30000) {
  try {
    return await waitFor(() => tifaDiagnostics(uri).find((d) => codeOf(d) === code), `a tifa diagnostic ${code} on ${uri.path}`, timeout);
  } catch (e) {
    const doc = currentDoc(uri);
    e.message += ` (languageId ${doc && doc.languageId}; diagnostics ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${codeOf(d)}`))})`;
    throw e;
  }
}
/** Waits until no tifa diagnostic with `code` is left on `uri`. */
async function waitNoDiagnostic(uri, code, timeout = 15000) {
  try {
    await waitFor(() => !tifaDiagnostics(uri).some((d) => codeOf(d) === code), `the ${code} diagnostics on ${uri.path} to go away`, timeout);
  } catch (e) {
    e.message += ` (still there: ${JSON.stringify(tifaDiagnostics(uri).filter((d) => codeOf(d) === code).map((d) => d.message))})`;
    throw e;
  }
}

function hoverText(hovers) {
  return (hovers || []).map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n---\n');
}

async function hoverAt(uri, pos) {
  return hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos));
}

/** The position `delta` characters into the first occurrence of `needle` in `doc` (asserting it is there). */
function posOf(doc, needle, delta = 1, from = 0) {
  const i = doc.getText().indexOf(needle, from);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} is not in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}

function lineOf(doc, prefix) {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starting with ${JSON.stringify(prefix)} in ${doc.uri.path}`);
}

// Quick fixes whose edits all touch `range` (vscode.executeCodeActionProvider does not return the
// actions' diagnostics, so a fix is recognised by where it edits).
function fixesFor(actions, uri, range) {
  return (actions || []).filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit &&
    a.edit.get(uri).length > 0 && a.edit.get(uri).every((e) => e.range.intersection(range) !== undefined));
}

function describeAction(a) {
  return `${a.title} [${a.kind && a.kind.value}]${a.edit ? ' +edit' : ''}${a.command ? ` +command ${a.command.command}` : ''}`;
}

function flatten(symbols, out = []) {
  for (const s of symbols || []) { out.push(s); flatten(s.children, out); }
  return out;
}

async function revert(uri) {
  const doc = currentDoc(uri);
  if (!doc || !doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !currentDoc(uri).isDirty, `revert of ${uri.path}`, 10000);
}

/** Location or LocationLink → { uri, range } */
function target(l) {
  return l.targetUri ? { uri: l.targetUri, range: l.targetSelectionRange || l.targetRange } : { uri: l.uri, range: l.range };
}

/** The Han characters of a text, in order (what "nothing lost" is about). */
function han(text) { return (text.match(/[\u3400-\u4dbf\u4e00-\u9fff]/g) || []).join(''); }

module.exports = {
  log, sleep, waitFor, fixture, currentDoc, open, openPolicy, codeOf, tifaDiagnostics, waitDiagnostic, waitNoDiagnostic,
  hoverText, hoverAt, posOf, lineOf, fixesFor, describeAction, flatten, revert, target, han,
};
