import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient, seed, NO_SEEDS, positionOf, applyTextEdits } from './lsp.mjs';

describe('the server over stdio', () => {
  let c;
  before(async () => {
    c = new LspClient();
  });
  after(async () => c.stop());

  test('answers initialize quickly, with hover, symbols, code actions and incremental sync', async () => {
    const t0 = performance.now();
    const res = await c.initialize();
    const ms = performance.now() - t0;
    const caps = res.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.codeActionProvider.codeActionKinds.includes('quickfix'));
    assert.ok(caps.codeActionProvider.codeActionKinds.includes('source.fixAll.tifa'));
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.ok(ms < 5000, `initialize took ${ms} ms`);
    await c.ready();
  });

  test('the cjk-space quick fix on 自 己 produces 自己 and nothing else', async () => {
    const uri = 'file:///tmp/tifa-test/ziji.txt';
    const text = '答：代表应当严格按照党员标准要求自 己，发挥先锋模范作用，做到政治坚定。\n';
    c.open(uri, text);
    const diags = await c.diagnostics(uri);
    const d = diags.find((x) => x.code === 'cjk-space');
    assert.ok(d, `a cjk-space diagnostic: ${JSON.stringify(diags)}`);
    assert.equal(d.source, 'tifa');
    assert.deepEqual(d.range.start, positionOf(text, '自 己', 1));
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'cjk-space');
    assert.ok(fix, 'a quick fix');
    const after = applyTextEdits(text, fix.edit.changes[uri]);
    assert.equal(after, text.replace('自 己', '自己'));
  });

  test('page-marker and markup-residue are reported with their rule ids, and their fixes keep the text', async () => {
    const uri = 'file:///tmp/tifa-test/markers.txt';
    const text = '■上接第2版\n\n<p>各地区各部门要认真贯彻落实。</p><p>坚持稳中求进工作总基调。</p>\n（下转第4版）会议指出，要抓好落实。\n';
    c.open(uri, text);
    const diags = await c.diagnostics(uri);
    const codes = diags.map((d) => d.code);
    assert.ok(codes.includes('page-marker'), codes.join());
    assert.ok(codes.includes('markup-residue'), codes.join());
    let out = text;
    for (const d of [...diags].reverse()) {
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const fix = actions.find((a) => a.diagnostics?.[0]?.code === d.code && a.diagnostics[0].range.start.character === d.range.start.character && a.diagnostics[0].range.start.line === d.range.start.line);
      out = applyTextEdits(out, fix.edit.changes[uri]);
    }
    assert.equal(out, '\n各地区各部门要认真贯彻落实。\n坚持稳中求进工作总基调。\n会议指出，要抓好落实。\n');
  });

  test('source.fixAll.tifa applies the safe fixes and is idempotent', async () => {
    const uri = 'file:///tmp/tifa-test/fixall.txt';
    const text = '<p>要严格要求自 己，始终同党中央保持高度一致。</p>\n■上接第1版\n';
    c.open(uri, text);
    await c.diagnostics(uri);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    const fa = actions.find((a) => a.kind === 'source.fixAll.tifa');
    assert.ok(fa, JSON.stringify(actions));
    const once = applyTextEdits(text, fa.edit.changes[uri]);
    assert.equal(once, '要严格要求自己，始终同党中央保持高度一致。\n■上接第1版\n', 'deleting a page marker is not a safe fix');
    const v = c.change(uri, [{ text: once }]);
    await c.diagnostics(uri, { version: v });
    const again = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(again.filter((a) => a.kind === 'source.fixAll.tifa').length, 0, 'nothing left for a second fix-all');
  });

  test('incremental edits are applied: a fixed space stops being reported', async () => {
    const uri = 'file:///tmp/tifa-test/incr.txt';
    const text = '第一行没有问题。\n要求自 己严格。\n';
    c.open(uri, text);
    const d1 = await c.diagnostics(uri, { version: 1 });
    assert.equal(d1.filter((d) => d.code === 'cjk-space').length, 1);
    const p = positionOf(text, '自 己', 1);
    const v = c.change(uri, [{ range: { start: p, end: { line: p.line, character: p.character + 1 } }, text: '' }]);
    const d2 = await c.diagnostics(uri, { version: v });
    assert.equal(d2.filter((d) => d.code === 'cjk-space').length, 0);
  });

  test('survives hostile input: empty, binary, broken surrogates, CRLF, a 1 MB single line', async () => {
    const docs = {
      'empty.txt': '',
      'binary.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      'surrogates.txt': '要求\ud800自 己\udfff。\u0000\u0007',
      'crlf.txt': '问：这是一个问题吗？\r\n答：要求自 己。\r\n',
      'long.txt': '坚持稳中求进，'.repeat(150_000) + '自 己',
    };
    for (const [name, text] of Object.entries(docs)) c.open(`file:///tmp/tifa-test/${name}`, text);
    for (const name of Object.keys(docs)) await c.diagnostics(`file:///tmp/tifa-test/${name}`, { timeout: 30000 });
    const crlf = await c.diagnostics('file:///tmp/tifa-test/crlf.txt');
    const d = crlf.find((x) => x.code === 'cjk-space');
    assert.deepEqual(d.range.start, { line: 1, character: 5 });
    const syms = await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/tifa-test/long.txt' } });
    assert.ok(Array.isArray(syms));
    const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/tifa-test/binary.txt' }, position: { line: 0, character: 3 } });
    assert.equal(h, null);
    // and still answers
    const res = await c.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/tifa-test/empty.txt' }, position: { line: 0, character: 0 } });
    assert.equal(res, null);
  });
});

describe('settings', () => {
  test('tifa.rules turns a rule off, and a configuration change is re-read', async () => {
    const c = new LspClient({ settings: { rules: { 'cjk-space': 'off' } } });
    try {
      await c.initialize();
      await c.ready();
      const uri = 'file:///tmp/tifa-test/settings.txt';
      c.open(uri, '要求自 己。<br>\n');
      await new Promise((r) => setTimeout(r, 300));
      let diags = await c.diagnostics(uri);
      assert.deepEqual(diags.map((d) => d.code), ['markup-residue']);
      c.settings = { rules: { 'cjk-space': 'error', 'markup-residue': false } };
      c.notify('workspace/didChangeConfiguration', { settings: null });
      diags = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d) => d.code === 'cjk-space'), { fresh: true }).then((m) => m.params.diagnostics);
      assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['cjk-space', 1]]);
    } finally {
      await c.stop();
    }
  });

  test('messages follow the display language: English for an English VS Code', async () => {
    const c = new LspClient();
    try {
      await c.initialize({ locale: 'en' });
      await c.ready();
      const uri = 'file:///tmp/tifa-test/en.txt';
      c.open(uri, '要求自 己。\n');
      const diags = await c.diagnostics(uri);
      assert.match(diags[0].message, /stray space/);
    } finally {
      await c.stop();
    }
  });
});

describe('on the real seed corpora', { skip: NO_SEEDS }, () => {
  let c;
  before(async () => {
    c = new LspClient();
    await c.initialize();
    await c.ready();
  });
  after(async () => c.stop());

  test('hovering 四个意识 in seed 000 shows its four members', async () => {
    const file = seed('000');
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    c.open(uri, text);
    const pos = positionOf(text, '四个意识', 2);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.ok(h, 'a hover');
    const md = h.contents.value;
    for (const m of ['政治意识', '大局意识', '核心意识', '看齐意识']) assert.ok(md.includes(m), `${m} in ${md}`);
    assert.ok(md.indexOf('政治意识') < md.indexOf('看齐意识'), 'members in order');
  });

  test('seed 000 has its six questions in the outline, named by their question', async () => {
    const file = seed('000');
    const uri = pathToFileURL(file).href;
    const syms = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    const questions = [];
    const walk = (s) => {
      if (s.kind === 24) questions.push(s);
      (s.children ?? []).forEach(walk);
    };
    syms.forEach(walk);
    assert.equal(questions.length, 6, JSON.stringify(syms.map((s) => s.name)));
    assert.ok(questions[0].name.startsWith('请您谈谈'), questions[0].name);
    for (const q of questions) assert.ok(!q.name.startsWith('问'), 'the 问： marker is not part of the name');
  });

  test('seed 001: the hard-wrapped 四个意识 (四⏎⏎个意识) hovers as its entry', async () => {
    const file = seed('001');
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    c.open(uri, text);
    const i = text.search(/四\r?\n\s*个意识/);
    assert.ok(i > 0, 'the wrapped form is in seed 001');
    const before = text.slice(0, i).split(/\n/);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1].length } });
    assert.ok(h && h.contents.value.includes('看齐意识'), JSON.stringify(h));
  });

  test('every seed opens with diagnostics in well under the time a user waits', async () => {
    for (const p of ['000', '001', '002', '003', '004']) {
      const file = seed(p);
      const uri = pathToFileURL(file).href;
      c.open(uri, fs.readFileSync(file, 'utf8'));
      const diags = await c.diagnostics(uri);
      for (const d of diags) assert.equal(d.source, 'tifa');
    }
  });
});

describe('diagnostics after edits: paragraph rules at once, document-wide rules when typing pauses', () => {
  test('a document-wide finding moves with an edit before it, and a new one appears after the full run', async () => {
    const c = new LspClient({ settings: { diagnosticsDelay: 0 } });
    try {
      await c.initialize();
      await c.ready();
      const uri = 'file:///tmp/tifa-test/two-phase.txt';
      const text = '第一段，说明情况。\n\n要减少粮食损耗损耗，提高利用效率。\n';
      c.open(uri, text);
      // a new document: paragraph rules first, the document-wide ones (duplicate-text) right after
      await c.diagnostics(uri, { version: 1 });
      const d1 = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d) => d.code === 'duplicate-text')).then((m) => m.params.diagnostics);
      const dup1 = d1.find((d) => d.code === 'duplicate-text');
      // insert text on the first line: the finding on line 3 keeps its place in the text
      const v2 = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '补充：' }]);
      const d2 = await c.diagnostics(uri, { version: v2 });
      const dup2 = d2.find((d) => d.code === 'duplicate-text');
      assert.deepEqual(dup2?.range, dup1.range, 'carried over unchanged (the edit is on another line)');
      const v3 = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '会议会议' }]);
      const full = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === v3 && m.params.diagnostics.filter((d) => d.code === 'duplicate-text').length === 2, { fresh: false, timeout: 10000 });
      assert.ok(full);
    } finally {
      await c.stop();
    }
  });
});

describe('a document with more findings than tifa.maxDiagnostics', () => {
  test('shows the first ones and one more that says how many there are; the quick fixes past the limit still work', async () => {
    const c = new LspClient({ settings: { diagnosticsDelay: 0, maxDiagnostics: 100 } });
    try {
      await c.initialize();
      await c.ready();
      const uri = 'file:///tmp/tifa-test/many-findings.txt';
      // 300 stray spaces, one per line
      const text = '要求自 己严格。\n'.repeat(300);
      c.open(uri, text);
      const full = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 101, { timeout: 10000 }).then((m) => m.params.diagnostics);
      assert.equal(full.filter((d) => d.code === 'cjk-space').length, 100);
      const note = full[100];
      assert.equal(note.code, 'too-many-findings');
      assert.match(note.message, /100.*300/);
      assert.deepEqual(note.range.start, { line: 100, character: 3 }, 'where the first finding left out is');
      // line 250's finding is not shown, but its quick fix is offered
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 250, character: 3 }, end: { line: 250, character: 4 } }, context: { diagnostics: [], only: ['quickfix'] } });
      assert.ok(actions.some((a) => a.edit && a.diagnostics?.[0]?.code === 'cjk-space'), JSON.stringify(actions.map((a) => a.title)));
      // the limit raised: every finding is shown, and no note
      c.settings = { diagnosticsDelay: 0, maxDiagnostics: 1000 };
      c.notify('workspace/didChangeConfiguration', { settings: { tifa: c.settings } });
      const all = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 300, { timeout: 10000, fresh: true }).then((m) => m.params.diagnostics);
      assert.ok(all.every((d) => d.code === 'cjk-space'));
    } finally {
      await c.stop();
    }
  });
});
