// Extension-host checks: Tifa as VS Code's API sees it (activation, language, diagnostics, hover,
// outline, quick fixes, commands, settings). Fixtures: test/e2e/fixtures (the opened workspace).
'use strict';
const assert = require('assert');
const vscode = require('vscode');

const NEGATIVE = !!process.env.TIFA_E2E_NEGATIVE;
const EXT_ID = 'tifa.tifa';

const { log, sleep, waitFor, fixture, currentDoc, open, codeOf, tifaDiagnostics, waitDiagnostic, hoverText, fixesFor, describeAction, flatten, revert } = require('./util');

describe('Tifa in a real VS Code', function () {
  this.timeout(90000);

  before(async function () {
    log(`VS Code ${vscode.version} · ${vscode.env.appName} · appHost=${vscode.env.appHost} · remote=${vscode.env.remoteName || 'none'} · extension host node ${process.version}`);
    assert.ok(vscode.extensions.getExtension(EXT_ID), `extension ${EXT_ID} is loaded`);
  });

  after(async function () {
    for (const name of ['ocr-page.txt', 'interview.txt']) await revert(fixture(name)).catch(() => {});
    await vscode.workspace.getConfiguration('tifa').update('autoDetect', undefined, vscode.ConfigurationTarget.Global).catch(() => {});
  });

  describe('activation and language', function () {
    it('leaves an English .txt alone: plaintext, no tifa findings', async function () {
      const uri = await open('notes-en.txt');
      await sleep(2500);
      const doc = currentDoc(uri);
      assert.strictEqual(doc.languageId, 'plaintext');
      assert.deepStrictEqual(tifaDiagnostics(uri).map(codeOf), []);
      const ext = vscode.extensions.getExtension(EXT_ID);
      log(`after an English .txt only: extension active = ${ext.isActive} (activationEvents ${JSON.stringify(ext.packageJSON.activationEvents)})`);
    });

    it('activates for a Chinese .txt and switches it to policytext', async function () {
      const uri = await open('interview.txt');
      await waitFor(() => currentDoc(uri) && currentDoc(uri).languageId === 'policytext', 'interview.txt to become policytext');
      assert.ok(vscode.extensions.getExtension(EXT_ID).isActive, 'extension is active');
    });

    it('contributes its commands', async function () {
      const all = await vscode.commands.getCommands(true);
      for (const c of ['tifa.cleanUpDocument', 'tifa.reflowParagraphs', 'tifa.addToGlossary']) assert.ok(all.includes(c), `command ${c}`);
    });
  });

  describe('diagnostics on an OCR page', function () {
    let uri;
    before(async function () {
      uri = await open('ocr-page.txt');
      await waitFor(() => currentDoc(uri).languageId === 'policytext', 'ocr-page.txt to become policytext');
    });

    it('cjk-space: the space in 自 己', async function () {
      const d = await waitDiagnostic(uri, 'cjk-space');
      const doc = currentDoc(uri);
      const line = doc.lineAt(d.range.start.line).text;
      assert.ok(line.includes('自 己'), `on the line with 自 己, got line ${d.range.start.line}: ${line}`);
      assert.ok(doc.getText(d.range).includes(' '), `range covers the space, got ${JSON.stringify(doc.getText(d.range))}`);
    });

    it('page-marker: ■上接第2版', async function () {
      const d = await waitDiagnostic(uri, 'page-marker');
      assert.ok(currentDoc(uri).getText(d.range).includes('上接第2版'), `range text ${JSON.stringify(currentDoc(uri).getText(d.range))}`);
    });

    it('markup-residue: <p> and &nbsp;', async function () {
      await waitDiagnostic(uri, 'markup-residue');
      const texts = tifaDiagnostics(uri).filter((d) => codeOf(d) === 'markup-residue').map((d) => currentDoc(uri).getText(d.range));
      assert.ok(texts.some((t) => t.includes('<p>')), `a finding on <p>, got ${JSON.stringify(texts)}`);
      assert.ok(texts.some((t) => t.includes('&nbsp;')), `a finding on &nbsp;, got ${JSON.stringify(texts)}`);
    });

    it('no findings on the clean sentences', async function () {
      const doc = currentDoc(uri);
      const clean = tifaDiagnostics(uri).filter((d) => doc.lineAt(d.range.start.line).text.startsWith('会议强调'));
      assert.deepStrictEqual(clean.map((d) => `${codeOf(d)} ${doc.getText(d.range)}`), []);
    });
  });

  describe('precision', function () {
    it('no finding on the dateline 本报讯 近日 (a legitimate space)', async function () {
      const uri = await open('interview.txt');
      await waitFor(() => currentDoc(uri).languageId === 'policytext', 'policytext');
      await sleep(1500); // let the server publish
      const doc = currentDoc(uri);
      const found = tifaDiagnostics(uri).map((d) => `${codeOf(d)} at ${d.range.start.line + 1}:${d.range.start.character + 1} ${JSON.stringify(doc.lineAt(d.range.start.line).text.slice(0, 12))}`);
      assert.deepStrictEqual(found, []);
    });
  });

  describe('hover', function () {
    it('四个意识 shows a card listing its four members', async function () {
      const uri = await open('interview.txt');
      const doc = await waitFor(() => currentDoc(uri).languageId === 'policytext' && currentDoc(uri), 'policytext');
      const pos = doc.positionAt(doc.getText().indexOf('四个意识') + 1);
      const text = await waitFor(async () => {
        const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos));
        return t.includes('政治意识') && t;
      }, 'a hover with 政治意识');
      log(`hover card: ${JSON.stringify(text.slice(0, 160))}…`);
      const members = ['政治意识', '大局意识', '核心意识', '看齐意识'];
      if (NEGATIVE) members.push('经济意识'); // negative control: a member that is not there
      for (const m of members) assert.ok(text.includes(m), `hover lists ${m}`);
    });

    it('no glossary card on an ordinary word', async function () {
      const uri = fixture('interview.txt');
      const doc = currentDoc(uri);
      const pos = doc.positionAt(doc.getText().indexOf('台账') + 1);
      const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos));
      assert.ok(!text.includes('政治意识'), `unexpected hover: ${text.slice(0, 120)}`);
    });
  });

  describe('outline', function () {
    let symbols;
    before(async function () {
      const uri = await open('interview.txt');
      symbols = await waitFor(async () => {
        const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
        return s && s.length && s;
      }, 'document symbols of interview.txt');
      log(`symbols: ${JSON.stringify(flatten(symbols).map((s) => s.name))}`);
    });

    it('lists the three questions (问：) of the interview', async function () {
      const names = flatten(symbols).map((s) => s.name);
      for (const q of ['总体考虑', '教育培训', '具体安排']) assert.ok(names.some((n) => n.includes(q)), `a symbol for the question about ${q}: ${JSON.stringify(names)}`);
      assert.strictEqual(flatten(symbols).filter((s) => /总体考虑|教育培训|具体安排/.test(s.name)).length, 3);
    });

    it('each question section covers its answer (答：)', async function () {
      const doc = currentDoc(fixture('interview.txt'));
      const q = flatten(symbols).find((s) => s.name.includes('教育培训'));
      assert.ok(q && q.range, 'a DocumentSymbol with a range');
      const answerLine = doc.getText().split('\n').findIndex((l) => l.startsWith('答：要教育年轻干部'));
      assert.ok(q.range.start.line < answerLine && q.range.end.line >= answerLine, `range ${q.range.start.line}-${q.range.end.line} covers line ${answerLine}`);
    });

    it('the Markdown heading is a symbol too', async function () {
      assert.ok(flatten(symbols).some((s) => s.name.includes('基层党组织建设答本报记者问')), 'heading symbol');
    });
  });

  describe('quick fixes', function () {
    it('cjk-space: the quick fix turns 自 己 into 自己 and changes nothing else', async function () {
      const uri = await open('ocr-page.txt');
      const d = await waitDiagnostic(uri, 'cjk-space');
      const before = currentDoc(uri).getText();
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, undefined, 10);
      const fixes = fixesFor(actions, uri, d.range);
      log(`code actions at 自 己: ${JSON.stringify((actions || []).map(describeAction))}`);
      assert.ok(fixes.length > 0, 'a quickfix for cjk-space');
      const fix = fixes.find((a) => a.isPreferred) || fixes[0];
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
      await waitFor(() => currentDoc(uri).getText() !== before, 'the document to change');
      assert.strictEqual(currentDoc(uri).getText(), before.replace('自 己', '自己'));
      await revert(uri);
    });

    it('page-marker: a quick fix removes the marker and keeps the text', async function () {
      const uri = await open('ocr-page.txt');
      const d = await waitDiagnostic(uri, 'page-marker');
      const before = currentDoc(uri).getText();
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, undefined, 10);
      const fix = fixesFor(actions, uri, d.range)[0];
      assert.ok(fix, `a fix with an edit, got ${JSON.stringify((actions || []).map(describeAction))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const after = currentDoc(uri).getText();
      assert.ok(!after.includes('上接第2版'), 'marker gone');
      for (const s of ['会议要求', '掌握第一手情况', '良好氛围']) assert.ok(after.includes(s), `kept ${s}`);
      const squeeze = (t) => t.replace(/\s+/g, '');
      assert.strictEqual(squeeze(after), squeeze(before.replace('■上接第2版', '')), 'only the marker (and the whitespace around it) went');
      await revert(uri);
    });
  });

  describe('commands and settings', function () {
    it('fix-all (source.fixAll) applies every safe fix at once and keeps every sentence', async function () {
      // (Tifa: Clean Up Document goes through the Refactor Preview, which needs a person: see browser.mjs)
      const uri = await open('ocr-page.txt');
      await waitDiagnostic(uri, 'cjk-space');
      const doc = currentDoc(uri);
      const before = doc.getText();
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, all, vscode.CodeActionKind.SourceFixAll.value, 10);
      log(`fix-all actions: ${JSON.stringify((actions || []).map(describeAction))}`);
      const fix = (actions || []).find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind) && a.edit);
      assert.ok(fix, 'a source.fixAll action with an edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const after = currentDoc(uri).getText();
      for (const bad of ['自 己', '<p>', '&nbsp;']) assert.ok(!after.includes(bad), `removed ${bad}`);
      for (const s of ['会议要求，各级干部要坚持从自己做起', '掌握第一手情况。', '营造干事创业的良好氛围。']) assert.ok(after.includes(s), `kept ${s}: ${after}`);
      assert.notStrictEqual(after, before);
      await sleep(1200);
      const left = tifaDiagnostics(uri).map((d) => `${codeOf(d)} ${JSON.stringify(currentDoc(uri).getText(d.range))}`);
      log(`after fix-all: ${JSON.stringify(after.split('\n').slice(2, 5))}; findings left: ${JSON.stringify(left)}`);
      assert.deepStrictEqual(left.filter((l) => !l.startsWith('page-marker')), [], 'fix-all leaves no new findings behind');
      await revert(uri);
    });

    it('tifa.autoDetect = false leaves a Chinese .txt as plaintext', async function () {
      await vscode.workspace.getConfiguration('tifa').update('autoDetect', false, vscode.ConfigurationTarget.Global);
      try {
        const uri = await open('memo-zh.txt');
        await sleep(2500);
        assert.strictEqual(currentDoc(uri).languageId, 'plaintext');
      } finally {
        await vscode.workspace.getConfiguration('tifa').update('autoDetect', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
});
