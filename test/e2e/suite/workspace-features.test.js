// Extension-host checks of the features beyond the basics: glossary (completion, definition, references,
// highlights, user glossaries, Add to Glossary), Reflow Paragraphs, outline (TOC, numbered headings,
// folding, selection ranges), workspace symbols, settings, the layout/character rules, suppression.
// Fixtures (the opened workspace, a temporary copy of test/e2e/fixtures): draft.txt, report.txt (never
// opened: it is found on disk), columns.txt, toc.txt, findings.txt, interview.txt, ocr-page.txt.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const {
  log, waitFor, fixture, currentDoc, openPolicy, codeOf, tifaDiagnostics, waitDiagnostic, waitNoDiagnostic,
  hoverAt, posOf, lineOf, describeAction, revert, target, han,
} = require('./util');
const { gbBytes, big5Bytes } = require('../../gb-bytes.cjs');

const GLOSSARY = () => fixture('.tifa/glossary.json');
const IGNORE = () => fixture('.tifa/ignore.json');
const enc = (s) => Buffer.from(s, 'utf8');
const dec = (b) => Buffer.from(b).toString('utf8');

async function exists(uri) {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}
async function remove(uri) {
  if (await exists(uri)) await vscode.workspace.fs.delete(uri);
}
async function closeEditorsOf(uri) {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input && t.input.uri && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
/** Global (user) setting; `undefined` resets it. */
async function setGlobal(key, value) {
  await vscode.workspace.getConfiguration('tifa').update(key, value, vscode.ConfigurationTarget.Global);
}

const WARM_ENTRY = {
  term: '暖心驿站',
  category: '社会',
  definition: '为户外劳动者提供歇脚、饮水、热饭等服务的站点（端到端测试自拟条目）。',
  sources: ['端到端测试自拟'],
};

describe('Tifa workspace features in a real VS Code', function () {
  this.timeout(90000);

  after(async function () {
    for (const f of ['draft.txt', 'columns.txt', 'findings.txt', 'ocr-page.txt', 'toc.txt']) await revert(fixture(f)).catch(() => {});
    await remove(GLOSSARY()).catch(() => {});
    await remove(IGNORE()).catch(() => {});
    for (const k of ['rules', 'language']) {
      await setGlobal(k, undefined).catch(() => {});
      await vscode.workspace.getConfiguration('tifa').update(k, undefined, vscode.ConfigurationTarget.Workspace).catch(() => {});
    }
  });

  describe('glossary', function () {
    before(async function () {
      // slogans outside quotes are confirmed by word segmentation, which loads in the background
      const [uri, doc] = await openPolicy('interview.txt');
      await waitFor(async () => (await hoverAt(uri, posOf(doc, '四个自信'))).includes('道路自信'), 'the glossary (and segmentation) to be ready');
    });

    it('completion inside “… offers slogans with their documentation: “四个 → 四个自信', async function () {
      const [uri, doc] = await openPolicy('draft.txt');
      const editor = vscode.window.activeTextEditor;
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, '\n\n我们要坚定“四个')), 'typed');
      const pos = currentDoc(uri).lineAt(currentDoc(uri).lineCount - 1).range.end;
      try {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos);
        const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        log(`completions after “四个: ${JSON.stringify(labels.slice(0, 12))}${labels.length > 12 ? ` (+${labels.length - 12})` : ''}`);
        const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '四个自信');
        assert.ok(item, `四个自信 is offered: ${JSON.stringify(labels.slice(0, 30))}`);
        assert.ok(labels.includes('四个意识'), '四个意识 is offered too');
        const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation && item.documentation.value;
        for (const m of ['道路自信', '理论自信', '制度自信', '文化自信']) assert.ok(docs && docs.includes(m), `the documentation lists ${m}: ${JSON.stringify(docs && docs.slice(0, 200))}`);
        // accepting it replaces the typed 四个 and closes the quotation
        const insert = typeof item.insertText === 'string' ? item.insertText : item.insertText && item.insertText.value;
        const range = item.range && (item.range.replacing || item.range);
        assert.strictEqual(insert, '四个自信”');
        assert.strictEqual(currentDoc(uri).getText(range), '四个');
        // outside quotes, after ordinary text, no slogan is offered
        const plain = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, posOf(currentDoc(uri), '学习心得', 4));
        const slogans = plain.items.filter((i) => i.kind === vscode.CompletionItemKind.Keyword).map((i) => i.label);
        assert.deepStrictEqual(slogans, [], 'no slogans after 学习心得');
      } finally {
        await revert(uri);
      }
    });

    it('go to definition on a built-in slogan opens a tifa-glossary: document showing its entry', async function () {
      const [uri, doc] = await openPolicy('interview.txt');
      const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, posOf(doc, '四个意识', 2));
      assert.ok(defs && defs.length === 1, `one definition, got ${JSON.stringify(defs)}`);
      const t = target(defs[0]);
      assert.strictEqual(t.uri.scheme, 'tifa-glossary', `scheme of ${t.uri.toString()}`);
      const entry = await vscode.workspace.openTextDocument(t.uri);
      await vscode.window.showTextDocument(entry, { preview: true });
      const text = entry.getText();
      log(`${t.uri.toString()}: ${JSON.stringify(text.slice(0, 140))}…`);
      assert.ok(text.includes('四个意识'), 'the entry names its term');
      for (const m of ['政治意识', '大局意识', '核心意识', '看齐意识']) assert.ok(text.includes(m), `the entry lists ${m}`);
      assert.ok(!/No glossary entry|没有/.test(text.slice(0, 40)), 'a real entry, not the fallback');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('find all references: 四个自信 in the open file, another open file and a corpus file on disk', async function () {
      await openPolicy('draft.txt');
      const [uri, doc] = await openPolicy('interview.txt');
      const refs = await waitFor(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeReferenceProvider', uri, posOf(doc, '四个自信', 1));
        return r && r.length >= 4 && r;
      }, 'four references to 四个自信');
      const byFile = {};
      for (const r of refs) {
        const name = r.uri.path.split('/').pop();
        byFile[name] = (byFile[name] || 0) + 1;
      }
      log(`references: ${JSON.stringify(byFile)}`);
      assert.deepStrictEqual(byFile, { 'interview.txt': 1, 'draft.txt': 2, 'report.txt': 1 });
      // the one in report.txt (never opened) points at the slogan
      const onDisk = refs.find((r) => r.uri.path.endsWith('/report.txt'));
      const report = dec(await vscode.workspace.fs.readFile(onDisk.uri)).split('\n')[onDisk.range.start.line];
      assert.strictEqual(report.slice(onDisk.range.start.character, onDisk.range.end.character), '四个自信');
    });

    it('document highlights mark every occurrence of the slogan under the cursor, and nothing else', async function () {
      const [uri, doc] = await openPolicy('draft.txt');
      const hs = await vscode.commands.executeCommand('vscode.executeDocumentHighlights', uri, posOf(doc, '四个自信', 2));
      assert.deepStrictEqual((hs || []).map((h) => doc.getText(h.range)), ['四个自信', '四个自信']);
      assert.notStrictEqual(hs[0].range.start.line, undefined);
      const none = await vscode.commands.executeCommand('vscode.executeDocumentHighlights', uri, posOf(doc, '思想基础', 1));
      assert.ok(!none || none.every((h) => doc.getText(h.range) !== '四个自信'), 'not on an ordinary word');
    });
  });

  describe('user glossary', function () {
    afterEach(async function () {
      await closeEditorsOf(GLOSSARY());
      await remove(GLOSSARY());
    });

    it('.tifa/glossary.json written into the workspace takes effect without a restart (and leaves when deleted)', async function () {
      const [uri, doc] = await openPolicy('draft.txt');
      const pos = posOf(doc, '暖心驿站', 2);
      assert.ok(!(await hoverAt(uri, pos)).includes('户外劳动者'), 'no card before the glossary exists');
      await vscode.workspace.fs.writeFile(GLOSSARY(), enc(JSON.stringify([WARM_ENTRY], null, 2) + '\n'));
      const card = await waitFor(async () => { const t = await hoverAt(uri, pos); return t.includes('户外劳动者') && t; }, 'a hover card for 暖心驿站 from the user glossary', 20000);
      log(`user entry hover: ${JSON.stringify(card.slice(0, 120))}`);
      await remove(GLOSSARY());
      await waitFor(async () => !(await hoverAt(uri, pos)).includes('户外劳动者'), 'the card to go once the glossary is deleted', 20000);
    });

    it('a broken glossary shows diagnostics in that file; its valid entries and the server still work', async function () {
      const [uri, doc] = await openPolicy('draft.txt');
      const bad = { term: '错误条目', category: '不存在的类别', definition: '类别写错了。', sources: ['自拟'] };
      await vscode.workspace.fs.writeFile(GLOSSARY(), enc(JSON.stringify([WARM_ENTRY, bad], null, 2) + '\n'));
      const diags = await waitFor(() => { const d = tifaDiagnostics(GLOSSARY()); return d.length && d; }, 'diagnostics in .tifa/glossary.json', 20000);
      log(`glossary diagnostics: ${JSON.stringify(diags.map((d) => `${codeOf(d)} ${d.range.start.line + 1}: ${d.message}`))}`);
      assert.ok(diags.some((d) => d.message.includes('不存在的类别')), 'the unknown category is named');
      assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) === 'glossary-schema'));
      const badLine = dec(await vscode.workspace.fs.readFile(GLOSSARY())).split('\n').findIndex((l) => l.includes('不存在的类别') || l.includes('错误条目'));
      assert.ok(diags.some((d) => Math.abs(d.range.start.line - badLine) <= 3), `a diagnostic near the faulty entry (line ${badLine + 1})`);
      // the valid entry is loaded, the built-in glossary still answers
      await waitFor(async () => (await hoverAt(uri, posOf(doc, '暖心驿站', 2))).includes('户外劳动者'), 'the valid entry to hover');
      assert.ok((await hoverAt(uri, posOf(doc, '四个自信', 2))).includes('道路自信'), 'built-in hover still works');
      // a file that is not JSON at all
      await vscode.workspace.fs.writeFile(GLOSSARY(), enc('[{"term": "暖心驿站",'));
      await waitFor(() => tifaDiagnostics(GLOSSARY()).some((d) => /JSON/.test(d.message)), 'a JSON syntax diagnostic', 20000);
      assert.ok((await hoverAt(uri, posOf(doc, '四个自信', 2))).includes('道路自信'), 'the server still answers');
      await remove(GLOSSARY());
      await waitFor(() => tifaDiagnostics(GLOSSARY()).length === 0, 'the glossary diagnostics to clear when the file is gone', 20000);
    });

    it('Tifa: Add to Glossary on a selection creates the entry skeleton in .tifa/glossary.json and opens it', async function () {
      assert.ok(!(await exists(GLOSSARY())), 'no glossary yet');
      const [uri, doc] = await openPolicy('draft.txt');
      const editor = vscode.window.activeTextEditor;
      const at = doc.getText().indexOf('暖心驿站');
      editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 4));
      await vscode.commands.executeCommand('tifa.addToGlossary');
      const opened = await waitFor(() => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.path.endsWith('/.tifa/glossary.json') && e;
      }, 'the glossary file to open in an editor', 15000);
      const data = JSON.parse(dec(await vscode.workspace.fs.readFile(GLOSSARY())));
      log(`created: ${JSON.stringify(data)}`);
      assert.ok(Array.isArray(data) && data.length === 1, 'one entry');
      assert.strictEqual(data[0].term, '暖心驿站');
      for (const k of ['category', 'definition', 'sources']) assert.ok(data[0][k], `the skeleton has ${k}`);
      assert.ok(opened.document.lineAt(opened.selection.active.line).text.includes('暖心驿站'), 'the cursor is on the new entry');
      // the skeleton is an entry right away
      await waitFor(async () => (await hoverAt(uri, posOf(currentDoc(uri), '暖心驿站', 2))).includes(data[0].definition), 'the new entry to hover');
    });
  });

  describe('Tifa: Reflow Paragraphs', function () {
    it('joins a hard-wrapped newspaper column, keeps every Chinese character and the paragraphs apart', async function () {
      const [uri, doc] = await openPolicy('columns.txt');
      await waitDiagnostic(uri, 'hard-wrap');
      const before = doc.getText();
      await vscode.commands.executeCommand('tifa.reflowParagraphs');
      try {
        const after = await waitFor(() => currentDoc(uri).getText() !== before && currentDoc(uri).getText(), 'the document to change');
        log(`reflowed: ${JSON.stringify(after)}`);
        assert.strictEqual(han(after), han(before), 'every Chinese character kept, in order');
        assert.ok(after.includes('通到农户门口') && after.includes('整整齐齐') && after.includes('村民的日子一天比一天红火'), 'the wrapped words are whole again');
        const paras = after.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
        assert.deepStrictEqual(paras.map((p) => p.slice(0, 6)), ['本报记者 林', '走进青山村，', '村党支部书记'], 'byline and two paragraphs');
        assert.ok(paras.every((p) => !p.includes('\n')), 'no line break inside a paragraph');
        await waitNoDiagnostic(uri, 'hard-wrap');
      } finally {
        await revert(uri);
      }
    });
  });

  describe('outline of a compilation with a table of contents', function () {
    let uri, doc, symbols;
    before(async function () {
      [uri, doc] = await openPolicy('toc.txt');
      symbols = await waitFor(async () => {
        const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
        return s && s.length && s;
      }, 'document symbols of toc.txt');
      log(`symbols: ${JSON.stringify(symbols.map((s) => [s.name, s.children.map((c) => c.name)]))}`);
    });

    it('the TOC is one symbol whose children are its entries, without leaders or page numbers', async function () {
      const toc = symbols[0];
      assert.strictEqual(toc.name.replace(/\s/g, ''), '目录');
      assert.strictEqual(toc.children.length, 2);
      assert.ok(toc.children[0].name.includes('关于推进城乡融合的几点思考'), toc.children[0].name);
      assert.ok(toc.children[1].name.includes('在全市基层治理工作会议上的讲话'), toc.children[1].name);
      for (const e of toc.children) assert.ok(!/[…·]|\(\d+\)/.test(e.name), `no leaders or page: ${e.name}`);
      assert.deepStrictEqual(symbols.slice(1).map((s) => s.name), ['关于推进城乡融合的几点思考', '在全市基层治理工作会议上的讲话']);
    });

    it('go to definition on a TOC entry leads to its heading', async function () {
      for (const [entry, heading] of [['2. 在全市', '# 在全市基层治理工作会议上的讲话'], ['1. 关于', '# 关于推进城乡融合的几点思考']]) {
        const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, posOf(doc, entry, 5));
        assert.ok(defs && defs.length === 1, `one definition for ${entry}: ${JSON.stringify(defs)}`);
        const t = target(defs[0]);
        assert.strictEqual(t.uri.toString(), uri.toString());
        assert.strictEqual(t.range.start.line, lineOf(doc, heading), `${entry} → ${heading}`);
      }
    });

    it('document links on the TOC entries point at their headings', async function () {
      const links = await vscode.commands.executeCommand('vscode.executeLinkProvider', uri);
      const got = (links || []).map((l) => [l.range.start.line, l.target && l.target.toString()]);
      log(`links: ${JSON.stringify(got)}`);
      assert.strictEqual(got.length, 2);
      const lines = [lineOf(doc, '1. 关于'), lineOf(doc, '2. 在全市')];
      const heads = [lineOf(doc, '# 关于推进'), lineOf(doc, '# 在全市')];
      got.forEach(([line, t], i) => {
        assert.strictEqual(line, lines[i]);
        const m = /#L(\d+)/.exec(t || '');
        assert.ok(m, `a #L fragment in ${t}`);
        assert.strictEqual(Number(m[1]) - 1, heads[i], `link ${i + 1} → line ${heads[i] + 1}`);
        assert.ok(t.includes('toc.txt'), t);
      });
    });

    it('Chinese numbered headings nest: 一、 › （一）', async function () {
      const article = symbols.find((s) => s.name === '关于推进城乡融合的几点思考');
      assert.ok(article, 'the article');
      assert.deepStrictEqual(article.children.map((s) => s.name), ['一、总体思路', '二、主要任务']);
      assert.deepStrictEqual(article.children[0].children.map((s) => s.name), ['（一）坚持规划引领', '（二）坚持因地制宜']);
      assert.deepStrictEqual(article.children[1].children.map((s) => s.name), ['（一）完善基础设施', '（二）发展特色产业']);
    });

    it('folding ranges follow the sections', async function () {
      const ranges = await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', uri);
      const got = (ranges || []).map((r) => [r.start, r.end]);
      log(`folding: ${JSON.stringify(got)}`);
      const has = (start, endLine) => got.some(([s, e]) => s === start && e === endLine);
      const one = lineOf(doc, '一、总体思路');
      const two = lineOf(doc, '二、主要任务');
      const art2 = lineOf(doc, '# 在全市');
      assert.ok(has(one, lineOf(doc, '（二）坚持因地制宜')), `一、 folds to the end of its last paragraph: ${JSON.stringify(got)}`);
      assert.ok(has(lineOf(doc, '# 关于推进'), lineOf(doc, '（二）发展特色产业')), `the first article folds up to the second: ${JSON.stringify(got)}`);
      assert.ok(has(art2, doc.lineCount - 1) || has(art2, lineOf(doc, '今天召开')), `the last article folds to the end: ${JSON.stringify(got)}`);
      assert.ok(got.every(([s, e]) => !(s === one && e >= two)), 'a section does not swallow its sibling');
    });

    it('selection ranges expand: sentence → paragraph → section → … → document', async function () {
      const pos = posOf(doc, '统筹谋划', 1);
      const [sel] = await vscode.commands.executeCommand('vscode.executeSelectionRangeProvider', uri, [pos]);
      const chain = [];
      for (let r = sel; r; r = r.parent) chain.push(r.range);
      const texts = chain.map((r) => doc.getText(r));
      log(`selection chain: ${JSON.stringify(texts.map((t) => (t.length > 24 ? `${t.slice(0, 12)}…(${t.length})` : t)))}`);
      for (let i = 1; i < chain.length; i++) {
        assert.ok(chain[i].contains(chain[i - 1]) && !chain[i].isEqual(chain[i - 1]), `level ${i} strictly contains level ${i - 1}`);
      }
      assert.ok(texts.includes('要统筹谋划，分步实施，一张蓝图绘到底。'), 'the sentence');
      assert.ok(texts.includes('（一）坚持规划引领。要统筹谋划，分步实施，一张蓝图绘到底。'), 'the paragraph');
      assert.ok(texts.some((t) => t.startsWith('一、总体思路') && t.trim().endsWith('稳妥推进。')), 'the section 一、');
      assert.ok(texts.some((t) => t.startsWith('# 关于推进城乡融合') && t.includes('二、主要任务') && !t.includes('在全市')), 'the article');
      assert.strictEqual(texts[texts.length - 1].trim(), doc.getText().trim(), 'the document last');
    });
  });

  describe('workspace symbols', function () {
    it('find a heading of a corpus file that was never opened', async function () {
      const hits = await waitFor(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', '稳步提升');
        return r && r.some((s) => s.location.uri.path.endsWith('/report.txt')) && r;
      }, 'a workspace symbol from report.txt');
      log(`workspace symbols for 稳步提升: ${JSON.stringify(hits.map((s) => `${s.name} @ ${s.location.uri.path.split('/').pop()}:${s.location.range.start.line + 1}`))}`);
      const h = hits.find((s) => s.location.uri.path.endsWith('/report.txt'));
      assert.strictEqual(h.name, '一、稳步提升社区服务水平');
      assert.strictEqual(h.location.range.start.line, 2, 'on its line (3)');
      assert.ok(!hits.some((s) => /持续转变/.test(s.name)), 'only the matching heading');
      const other = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', '基层治理工作会议');
      assert.ok(other.some((s) => s.location.uri.path.endsWith('/toc.txt') && s.name === '在全市基层治理工作会议上的讲话'), `a heading of toc.txt: ${JSON.stringify(other.map((s) => s.name))}`);
    });
  });

  describe('settings take effect without a reload', function () {
    afterEach(async function () {
      await setGlobal('rules', undefined);
      await setGlobal('language', undefined);
    });

    it('tifa.rules { "cjk-space": "off" } removes those findings, and only those', async function () {
      const [uri] = await openPolicy('ocr-page.txt');
      await waitDiagnostic(uri, 'cjk-space');
      await setGlobal('rules', { 'cjk-space': 'off' });
      await waitNoDiagnostic(uri, 'cjk-space');
      assert.ok(tifaDiagnostics(uri).some((d) => codeOf(d) === 'page-marker'), 'page-marker stays');
      await setGlobal('rules', undefined);
      await waitDiagnostic(uri, 'cjk-space', 15000);
    });

    it('tifa.language switches the messages between Chinese ("zh-cn") and English ("en")', async function () {
      const [uri] = await openPolicy('ocr-page.txt');
      await waitDiagnostic(uri, 'cjk-space');
      const message = (code) => { const d = tifaDiagnostics(uri).find((x) => codeOf(x) === code); return d && d.message; };
      // (auto follows VS Code's display language, English in this profile)
      await setGlobal('language', 'zh-cn');
      const zh = await waitFor(() => /多余空格/.test(message('cjk-space') || '') && message('cjk-space'), 'a Chinese cjk-space message', 15000);
      await setGlobal('language', 'en');
      const en = await waitFor(() => /stray space/i.test(message('cjk-space') || '') && message('cjk-space'), 'an English cjk-space message', 15000);
      log(`cjk-space: ${JSON.stringify(zh)} → ${JSON.stringify(en)}; page-marker: ${JSON.stringify(message('page-marker'))}`);
      // every message switches, not just one: outside quoted text, no Chinese words are left
      for (const d of tifaDiagnostics(uri)) {
        const outside = d.message.replace(/“[^”]*”|"[^"]*"|「[^」]*」|：.*$|: .*$/g, '');
        assert.ok(!/[\u4e00-\u9fff]{2}/.test(outside), `${codeOf(d)} in English: ${d.message}`);
      }
      await setGlobal('language', 'zh-cn');
      await waitFor(() => /多余空格/.test(message('cjk-space') || ''), 'Chinese again', 15000);
    });
  });

  describe('the layout and character rules', function () {
    let uri, doc;
    before(async function () {
      [uri, doc] = await openPolicy('findings.txt');
    });

    const cases = [
      ['stripped-quotes', '三严三实', 'a known slogan padded by spaces: 把 三严三实 要求'],
      ['ascii-quotes', '"', 'straight quotes: " 马上就办 "'],
      ['duplicate-text', '规模规模', 'a doubled word: 规模规模'],
    ];
    for (const [code, inRange, what] of cases) {
      it(`${code}: ${what}`, async function () {
        const d = await waitDiagnostic(uri, code);
        const text = doc.getText(d.range);
        assert.ok(text.includes(inRange) || doc.getText(new vscode.Range(d.range.start.translate(0, -1), d.range.end.translate(0, 1))).includes(inRange), `range ${JSON.stringify(text)} covers ${inRange}`);
        assert.ok(d.code && d.code.target && d.code.target.toString().includes(code), `the code links to the rule's docs: ${d.code && d.code.target}`);
        const all = tifaDiagnostics(uri).filter((x) => codeOf(x) === code);
        assert.strictEqual(all.length, 1, `one ${code} finding, got ${JSON.stringify(all.map((x) => doc.getText(x.range)))}`);
      });
    }

    it('hard-wrap: one finding per wrapped paragraph of the newspaper column', async function () {
      const [cu, cd] = await openPolicy('columns.txt');
      await waitDiagnostic(cu, 'hard-wrap');
      const found = tifaDiagnostics(cu).filter((d) => codeOf(d) === 'hard-wrap').map((d) => d.range.start.line);
      assert.deepStrictEqual(found, [lineOf(cd, '走进青山村'), lineOf(cd, '村党支部书记')]);
      assert.deepStrictEqual(tifaDiagnostics(cu).filter((d) => codeOf(d) !== 'hard-wrap').map((d) => `${codeOf(d)}: ${cd.getText(d.range)}`), [], 'nothing else (the byline is legitimate)');
    });
  });

  describe('encodings', function () {
    const GB = () => fixture('enc/gb.txt');
    const BIG5 = () => fixture('enc/big5.txt');
    after(async function () {
      await closeEditorsOf(GB()).catch(() => {});
      await closeEditorsOf(BIG5()).catch(() => {});
      await remove(fixture('enc')).catch(() => {});
      await setGlobal('encodingCheck', undefined).catch(() => {});
    });

    it('a GB18030 file that VS Code opens as UTF-8 is read again in GB18030 (tifa.encodingCheck: reopen), becomes policytext and is checked', async function () {
      const text = '关于加强基层治理的通知\r\n各单位要求自 己严格落实，切实做好各项工作。\r\n';
      await vscode.workspace.fs.writeFile(GB(), gbBytes(text));
      await setGlobal('encodingCheck', 'reopen');
      const first = await vscode.workspace.openTextDocument(GB());
      assert.ok(first.getText().includes('\ufffd'), 'VS Code reads it as UTF-8 first (replacement characters)');
      await vscode.window.showTextDocument(first, { preview: false });
      const doc = await waitFor(() => { const d = currentDoc(GB()); return d && d.getText().includes('要求自 己') && d.languageId === 'policytext' && d; }, 'the file read in GB18030, as policytext', 30000);
      log(`encoding ${doc.encoding}, language ${doc.languageId}`);
      if (doc.encoding !== undefined) assert.strictEqual(doc.encoding, 'gb18030');
      assert.strictEqual(doc.getText(), text);
      await waitDiagnostic(GB(), 'cjk-space');
    });

    it('a Big5 file (traditional Chinese) that VS Code opens as UTF-8 is read again in Big5-HKSCS, not GB18030, and is checked', async function () {
      const text = '關於加強基層治理的通知\r\n各單位要求自 己嚴格落實，切實做好各項工作。\r\n';
      await vscode.workspace.fs.writeFile(BIG5(), big5Bytes(text));
      await setGlobal('encodingCheck', 'reopen');
      const first = await vscode.workspace.openTextDocument(BIG5());
      assert.ok(first.getText().includes('\ufffd'), 'VS Code reads it as UTF-8 first (replacement characters)');
      await vscode.window.showTextDocument(first, { preview: false });
      const doc = await waitFor(() => { const d = currentDoc(BIG5()); return d && d.getText().includes('要求自 己') && d.languageId === 'policytext' && d; }, 'the file read in Big5, as policytext', 30000);
      log(`encoding ${doc.encoding}, language ${doc.languageId}`);
      if (doc.encoding !== undefined) assert.strictEqual(doc.encoding, 'big5hkscs');
      assert.strictEqual(doc.getText(), text);
      await waitDiagnostic(BIG5(), 'cjk-space');
    });
  });

  describe('suppression', function () {
    afterEach(async function () {
      await remove(IGNORE());
      await vscode.workspace.getConfiguration('tifa').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    });

    async function actionsAt(uri, d) {
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, undefined, 20);
      log(`actions at ${codeOf(d)}: ${JSON.stringify((actions || []).map(describeAction))}`);
      return actions || [];
    }

    it('“Ignore this finding” writes .tifa/ignore.json and the finding goes; the other findings stay', async function () {
      const [uri] = await openPolicy('findings.txt');
      const d = await waitDiagnostic(uri, 'duplicate-text');
      await waitDiagnostic(uri, 'stripped-quotes');
      const a = (await actionsAt(uri, d)).find((x) => x.command && x.command.command === 'tifa.server.ignoreFinding' && x.command.arguments[1] === 'duplicate-text');
      assert.ok(a, 'an ignore action for duplicate-text');
      assert.ok(/忽略|Ignore/.test(a.title), a.title);
      await vscode.commands.executeCommand(a.command.command, ...a.command.arguments);
      await waitNoDiagnostic(uri, 'duplicate-text');
      const stored = JSON.parse(dec(await vscode.workspace.fs.readFile(IGNORE())));
      log(`ignore.json: ${JSON.stringify(stored)}`);
      assert.ok(JSON.stringify(stored).includes('duplicate-text') && JSON.stringify(stored).includes('findings.txt'), 'the rule and file are stored');
      for (const c of ['stripped-quotes', 'ascii-quotes']) assert.ok(tifaDiagnostics(uri).some((x) => codeOf(x) === c), `${c} stays`);
      // deleting the ignore list brings the finding back
      await remove(IGNORE());
      await waitDiagnostic(uri, 'duplicate-text', 15000);
    });

    it('“Disable rule in the workspace” turns the rule off in the workspace settings', async function () {
      const [uri] = await openPolicy('findings.txt');
      const d = await waitDiagnostic(uri, 'ascii-quotes');
      const a = (await actionsAt(uri, d)).find((x) => x.command && x.command.command === 'tifa.disableRule' && x.command.arguments[0] === 'ascii-quotes');
      assert.ok(a, 'a disable-rule action for ascii-quotes');
      await vscode.commands.executeCommand(a.command.command, ...a.command.arguments);
      await waitNoDiagnostic(uri, 'ascii-quotes');
      const ws = vscode.workspace.getConfiguration('tifa').inspect('rules').workspaceValue;
      assert.deepStrictEqual(ws, { 'ascii-quotes': 'off' });
      // the other rules stay on: duplicate-text (document-wide) is carried over until the full run that
      // follows the settings change, and found again by it
      await waitDiagnostic(uri, 'duplicate-text', 15000);
    });
  });
});
