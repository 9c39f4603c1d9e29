import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, positionOf, applyTextEdits } from './lsp.mjs';

const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-ws-'));
const A = '会议要求增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n各级党组织要增强四个意识，学习“七一”重要讲话。\n';
const B = '全体党员要牢固树立“四个意识”。\n';
fs.writeFileSync(path.join(ws, 'a.txt'), A);
fs.mkdirSync(path.join(ws, 'sub'));
fs.writeFileSync(path.join(ws, 'sub', 'b.txt'), B);
const uriA = pathToFileURL(path.join(ws, 'a.txt')).href;
const glossaryFile = path.join(ws, '.tifa', 'glossary.json');

/** Start `c` on the folder `root`, open `file` there as `text`, and wait for its first diagnostics. */
async function openIn(c, root, file, text) {
  await c.initialize({ root });
  await c.ready();
  const uri = pathToFileURL(path.join(root, file)).href;
  c.open(uri, text);
  return { uri, diags: await c.diagnostics(uri) };
}

/** `.tifa/glossary.json` of `dir`, written as another program would: one entry, `term`. */
function putGlossary(dir, term) {
  fs.mkdirSync(path.join(dir, '.tifa'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.tifa', 'glossary.json'), JSON.stringify([{ term, category: '社会', definition: '为户外劳动者提供歇脚服务的站点。', sources: ['某文件'] }]));
}

/** Whether, within `tries` tenths of a second, a hover at `position` is there (`want`) or not. */
async function hoverSoon(c, uri, position, want, tries = 50) {
  for (let i = 0; i < tries; i++) {
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position });
    if (!!h === want) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('glossary features', () => {
  let c;
  before(async () => {
    c = new LspClient();
    await openIn(c, ws, 'a.txt', A);
  });
  after(async () => c.stop());

  test('hover card: headword, English, members in order, definition, sources, occurrences', async () => {
    const h = await c.request('textDocument/hover', { textDocument: { uri: uriA }, position: positionOf(A, '四个意识', 1) });
    const md = h.contents.value;
    assert.match(md, /\*\*四个意识\*\*/);
    assert.match(md, /1\. 政治意识\n2\. 大局意识\n3\. 核心意识\n4\. 看齐意识/);
    assert.match(md, /出处/);
    assert.match(md, /本文出现 2 次/);
  });

  test('document highlight marks every occurrence in the file, quoted or not', async () => {
    const hs = await c.request('textDocument/documentHighlight', { textDocument: { uri: uriA }, position: positionOf(A, '四个意识', 1) });
    assert.equal(hs.length, 2);
  });

  test('find all references lists occurrences in every corpus file of the workspace', async () => {
    const refs = await c.request('textDocument/references', { textDocument: { uri: uriA }, position: positionOf(A, '四个意识', 1), context: { includeDeclaration: true } });
    const files = refs.map((r) => path.basename(new URL(r.uri).pathname)).sort();
    assert.deepEqual(files, ['a.txt', 'a.txt', 'b.txt']);
  });

  test('go to definition on a built-in slogan opens its read-only rendering', async () => {
    const loc = await c.request('textDocument/definition', { textDocument: { uri: uriA }, position: positionOf(A, '两个维护', 1) });
    assert.match(loc.uri, /^tifa-glossary:/);
    const md = await c.request('tifa/entryMarkdown', { term: decodeURIComponent(loc.uri.replace(/^tifa-glossary:\//, '').replace(/\.md$/, '')) });
    assert.match(md, /坚决维护/);
  });

  test('completion inside “…” offers glossary terms with documentation, and closes the quote', async () => {
    const uri = pathToFileURL(path.join(ws, 'c.txt')).href;
    const text = '要坚定“四个';
    c.open(uri, text);
    const r = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length } });
    const item = r.items.find((i) => i.label === '四个自信');
    assert.ok(item, r.items.map((i) => i.label).join());
    assert.match(item.documentation.value, /道路自信/);
    assert.equal(applyTextEdits(text, [item.textEdit]), '要坚定“四个自信”');
    assert.ok(!r.items.some((i) => i.label === '一带一路' && i.sortText < item.sortText));
  });

  test('completion after a numeral offers the formulas that start with it', async () => {
    const uri = pathToFileURL(path.join(ws, 'd.txt')).href;
    const text = '全面贯彻新发展理念，统筹推进五位';
    c.open(uri, text);
    const r = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length } });
    assert.ok(r.items.some((i) => i.label === '五位一体'), r.items.map((i) => i.label).join());
  });

  test('a user glossary adds and overrides entries, and reloads without a restart', async () => {
    fs.mkdirSync(path.dirname(glossaryFile), { recursive: true });
    fs.writeFileSync(glossaryFile, JSON.stringify([
      { term: '三个聚焦', category: '经济', components: ['聚焦甲', '聚焦乙', '聚焦丙'], definition: '本工作区自定义的提法，用于测试。', sources: ['本单位文件'] },
      { term: '四个意识', category: '党的建设', components: ['政治意识', '大局意识', '核心意识', '看齐意识'], definition: '用户改写的释义，覆盖内置条目。', sources: ['用户出处'] },
    ], null, 2));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(glossaryFile).href, type: 1 }] });
    const uri = pathToFileURL(path.join(ws, 'e.txt')).href;
    const text = '要落实“三个聚焦”，增强“四个意识”。';
    await new Promise((r) => setTimeout(r, 500));
    c.open(uri, text);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '三个聚焦', 1) });
    assert.ok(h, 'the new entry hovers');
    assert.match(h.contents.value, /聚焦乙/);
    const h2 = await c.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '四个意识', 1) });
    assert.match(h2.contents.value, /用户改写的释义/);
    const loc = await c.request('textDocument/definition', { textDocument: { uri }, position: positionOf(text, '三个聚焦', 1) });
    assert.equal(loc.uri, pathToFileURL(glossaryFile).href, 'definition opens the user glossary at the entry');
    assert.ok(loc.range.start.line > 0);
  });

  test('a broken user glossary gives diagnostics in that file and a notification, and the server keeps working', async () => {
    fs.writeFileSync(glossaryFile, '[\n  { "term": "坏条目", "category": "无此类别", "definition": "x" },\n  { "term": "好条目", "category": "社会", "definition": "一个合法的用户条目。", "sources": ["某文件"] }\n]\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(glossaryFile).href, type: 2 }] });
    const diag = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === pathToFileURL(glossaryFile).href && m.params.diagnostics.length > 0, { fresh: true });
    assert.ok(diag.params.diagnostics.some((d) => /category|类别/.test(d.message)));
    await c.waitFor((m) => (m.method === 'window/showMessage' || m.method === 'window/showMessageRequest') && /词表/.test(m.params.message));
    const uri = pathToFileURL(path.join(ws, 'f.txt')).href;
    const text = '推进“好条目”建设。';
    c.open(uri, text);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '好条目', 1) });
    assert.ok(h, 'the valid entry of the broken file still loads');
    fs.writeFileSync(glossaryFile, '[ this is not json');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(glossaryFile).href, type: 2 }] });
    const d2 = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === pathToFileURL(glossaryFile).href && m.params.diagnostics.some((d) => /JSON/.test(d.message)), { fresh: true });
    assert.ok(d2);
    const h2 = await c.request('textDocument/hover', { textDocument: { uri: uriA }, position: positionOf(A, '四个自信', 1) });
    assert.ok(h2, 'built-in entries still hover');
  });

  test('Add to Glossary writes an entry skeleton into the workspace glossary and it takes effect', async () => {
    fs.rmSync(glossaryFile, { force: true });
    const r = await c.request('tifa/addToGlossary', { uri: uriA, term: '“五个聚焦”' });
    assert.equal(r.error, undefined);
    const data = JSON.parse(fs.readFileSync(glossaryFile, 'utf8'));
    assert.deepEqual(data.map((e) => e.term), ['五个聚焦']);
    assert.equal(fs.readFileSync(glossaryFile, 'utf8').split('\n')[r.line].includes('五个聚焦'), true);
    const again = await c.request('tifa/addToGlossary', { uri: uriA, term: '三个聚焦' });
    assert.equal(again.error, undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(glossaryFile, 'utf8')).map((e) => e.term), ['五个聚焦', '三个聚焦']);
  });
});

describe('slogan-variant', () => {
  test('a listed error form is flagged with a fix to the canonical form', async () => {
    const c = new LspClient();
    try {
      const text = '粉碎“四人邦”以后，历史进入新时期。\n';
      const { uri, diags } = await openIn(c, ws, 'v.txt', text);
      const d = diags.find((x) => x.code === 'slogan-variant');
      assert.ok(d, JSON.stringify(diags));
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'slogan-variant');
      assert.equal(applyTextEdits(text, fix.edit.changes[uri]), text.replace('四人邦', '四人帮'));
      const h = await c.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '四人邦', 1) });
      assert.match(h.contents.value, /四人帮/);
    } finally {
      await c.stop();
    }
  });
});

describe('suppression and clean-up', () => {
  test('Ignore this finding stores it in .tifa/ignore.json; it stays ignored after edits elsewhere', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-ign-'));
    const text = '第一段没有问题。\n要求自 己严格，也要求他 人严格。\n';
    fs.writeFileSync(path.join(dir, 'doc.txt'), text);
    const c = new LspClient();
    try {
      const { uri, diags } = await openIn(c, dir, 'doc.txt', text);
      assert.equal(diags.filter((d) => d.code === 'cjk-space').length, 2);
      const d = diags[0];
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const ignore = actions.find((a) => a.command?.command === 'tifa.server.ignoreFinding');
      assert.ok(ignore, actions.map((a) => a.title).join());
      assert.ok(actions.some((a) => a.command?.command === 'tifa.disableRule'));
      await c.request('workspace/executeCommand', { command: ignore.command.command, arguments: ignore.command.arguments });
      assert.ok(fs.existsSync(path.join(dir, '.tifa', 'ignore.json')));
      const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '新加的一行。\n' }]);
      const after = await c.diagnostics(uri, { version: v });
      assert.equal(after.filter((x) => x.code === 'cjk-space').length, 1, 'the ignored one stays ignored, the other is still reported');
      // fix-all (on save) and Clean Up leave the ignored text as it is, and fix the other
      const edited = '新加的一行。\n' + text;
      const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const fa = (await c.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } })).find((a) => a.kind === 'source.fixAll.tifa');
      assert.equal(applyTextEdits(edited, fa.edit.changes[uri]), edited.replace('他 人', '他人'));
      await c.request('workspace/executeCommand', { command: 'tifa.server.cleanUp', arguments: [uri] });
      assert.equal(applyTextEdits(edited, c.appliedEdits.at(-1).documentChanges[0].edits), edited.replace('他 人', '他人'));
      // the list deleted on disk, with no word from the editor's file watcher: the finding comes back
      fs.rmSync(path.join(dir, '.tifa', 'ignore.json'));
      const back = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.filter((x) => x.code === 'cjk-space').length === 2, { timeout: 5000, fresh: true });
      assert.ok(back);
    } finally {
      await c.stop();
    }
  });

  test('Clean Up Document applies every safe fix as one edit annotated for confirmation', async () => {
    const c = new LspClient();
    try {
      const text = '<p>要求自 己。</p><p>推进&nbsp;工作。</p>\n■上接第1版\n';
      const { uri } = await openIn(c, ws, 'clean.txt', text);
      const r = await c.request('workspace/executeCommand', { command: 'tifa.server.cleanUp', arguments: [uri] });
      assert.ok(r.applied >= 3, `several small annotated edits, not one replacement: ${JSON.stringify(r)}`);
      const edit = c.appliedEdits.at(-1);
      const change = edit.documentChanges[0];
      assert.ok(Object.values(edit.changeAnnotations).every((a) => a.needsConfirmation));
      assert.ok(change.edits.every((e) => e.annotationId in edit.changeAnnotations));
      assert.equal(applyTextEdits(text, change.edits), '要求自己。\n推进 工作。\n■上接第1版\n');
    } finally {
      await c.stop();
    }
  });
});

test('a glossary written into .tifa/ by another program takes effect even without a watcher notification', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-w-'));
  const c = new LspClient();
  try {
    const text = '建设“暖心驿站”。';
    const { uri } = await openIn(c, dir, 'a.txt', text);
    putGlossary(dir, '暖心驿站');
    assert.ok(await hoverSoon(c, uri, positionOf(text, '暖心', 1), true, 40), 'the new entry hovers');
  } finally {
    await c.stop();
  }
});

/** waits until the server publishes diagnostics for uri with `n` findings of rule, with no word from the client's file watcher */
function waitForCount(c, uri, rule, n) {
  return c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.filter((d) => d.code === rule).length === n, { timeout: 5000, fresh: true });
}

test('an ignore list that another program puts into a new .tifa folder takes effect without a watcher notification, also after .tifa was removed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-ign2-'));
  const text = '第一段没有问题。\n要求自 己严格，也要求他 人严格。\n';
  fs.writeFileSync(path.join(dir, 'doc.txt'), text);
  const c = new LspClient();
  try {
    const opened = await openIn(c, dir, 'doc.txt', text);
    const uri = opened.uri;
    const diags = opened.diags.filter((d) => d.code === 'cjk-space');
    assert.equal(diags.length, 2);
    // an entry as the editor's “Ignore this finding” writes it (rule, file, the text around the finding), written by hand here
    const lineStart = text.indexOf('\n') + 1;
    const start = lineStart + diags[0].range.start.character;
    const end = lineStart + diags[0].range.end.character;
    const list = JSON.stringify({ ignore: [{ file: 'doc.txt', rule: 'cjk-space', context: text.slice(Math.max(0, start - 8), end + 8) }] });
    const put = () => {
      fs.mkdirSync(path.join(dir, '.tifa'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.tifa', 'ignore.json'), list);
    };
    put();
    assert.ok(await waitForCount(c, uri, 'cjk-space', 1), 'the new list is read: one finding ignored');
    // the whole folder removed (a branch switched), then put back: both seen
    fs.rmSync(path.join(dir, '.tifa'), { recursive: true });
    assert.ok(await waitForCount(c, uri, 'cjk-space', 2), 'the list gone: the finding is back');
    put();
    assert.ok(await waitForCount(c, uri, 'cjk-space', 1), 'the list back: ignored again');
  } finally {
    await c.stop();
  }
});

test('a glossary in a .tifa folder that was removed and created again still takes effect without a watcher notification', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-w2-'));
  const c = new LspClient();
  try {
    putGlossary(dir, '暖心驿站');
    const text = '建设“暖心驿站”和“爱心驿站”。';
    const { uri } = await openIn(c, dir, 'a.txt', text);
    assert.ok(await hoverSoon(c, uri, positionOf(text, '暖心', 1), true), 'the glossary there at start-up hovers');
    fs.rmSync(path.join(dir, '.tifa'), { recursive: true });
    assert.ok(await hoverSoon(c, uri, positionOf(text, '暖心', 1), false), 'the folder removed: the entry is gone');
    putGlossary(dir, '爱心驿站');
    assert.ok(await hoverSoon(c, uri, positionOf(text, '爱心', 1), true), 'the folder created again: its new entry hovers');
  } finally {
    await c.stop();
  }
});
