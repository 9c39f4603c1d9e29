// The outline over LSP on the real seeds: document symbols, folding, TOC navigation (document links and
// go to definition), selection ranges and workspace symbols.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, seed, NO_SEEDS, gbBytes, big5Bytes } from './lsp.mjs';

const all = (syms) => syms.flatMap((s) => [s, ...all(s.children ?? [])]);
const before_ = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const lt = (a, b) => a.line < b.line || (a.line === b.line && a.character < b.character);
const within = (inner, outer) => before_(outer.start, inner.start) && before_(inner.end, outer.end);

/** Child ranges within their parent, siblings ordered and apart, selectionRange within range. */
function assertNested(syms, parent) {
  let prev;
  for (const s of syms) {
    assert.ok(within(s.selectionRange, s.range), `selectionRange within range: ${s.name}`);
    if (parent) assert.ok(within(s.range, parent.range), `${s.name} within ${parent.name}`);
    if (prev) assert.ok(lt(prev.range.end, s.range.start), `${prev.name} ends before ${s.name}`);
    prev = s;
    assertNested(s.children ?? [], s);
  }
}

/** The TOC entry text reduced as a reader compares it with a heading: no number, date, speaker, source. */
const key = (s) =>
  s
    .replace(/^\d+\.\s*/, '')
    .replace(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/, '')
    .replace(/\s*\(《求是》[^)]*\)/, '')
    .replace(/^习近平：/, '')
    .replace(/[\s·“”—]/g, '');

describe('outline over LSP', { skip: NO_SEEDS }, () => {
  let c;
  let ws;
  const symbolsOf = async (prefix) => {
    const file = seed(prefix);
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    c.open(uri, text);
    return { uri, text, syms: await c.request('textDocument/documentSymbol', { textDocument: { uri } }) };
  };

  before(async () => {
    // a workspace folder with two corpus files of our own and an English note
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-ws-'));
    fs.mkdirSync(path.join(ws, 'sub'));
    fs.writeFileSync(path.join(ws, 'a.txt'), '# 推进生态文明建设的几点思考\n\n正文。推进生态文明建设，要坚持系统观念。\n\n问：下一步如何推进绿色转型？\n\n答：要抓好落实。\n');
    fs.writeFileSync(path.join(ws, 'sub', 'b.txt'), '一、总体要求\n（一）指导思想。坚持以人民为中心，推动高质量发展。\n二、重点任务\n（二）加强耕地保护。严守耕地红线，稳定粮食生产。\n');
    fs.writeFileSync(path.join(ws, 'notes.txt'), '# Shopping list\n\nmilk, eggs\n');
    // government files are often GB18030, and Windows writes UTF-16 with a BOM
    fs.writeFileSync(path.join(ws, 'gb.txt'), gbBytes('一、加强古籍保护利用\r\n推动古籍数字化，做好整理出版。\r\n'));
    // and older Hong Kong and Taiwan files Big5
    fs.writeFileSync(path.join(ws, 'big5.txt'), big5Bytes('一、推動文化遺產保護\r\n加強文物修繕，做好展示利用。\r\n'));
    fs.writeFileSync(path.join(ws, 'u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、完善乡村养老服务\n发展互助养老，办好老年食堂。\n', 'utf16le')]));
    c = new LspClient();
    await c.initialize({ root: ws });
  });
  after(async () => {
    await c.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  test('002: the TOC symbol has 25 entries, each leading to one of the 25 articles named as in the TOC', async () => {
    const { uri, syms } = await symbolsOf('002');
    const toc = syms.find((s) => s.kind === 4 /* Package */);
    assert.ok(toc, 'a TOC symbol');
    assert.equal(toc.name, '目录');
    assert.equal(toc.children.length, 25);
    const articles = syms.filter((s) => s !== toc);
    assert.equal(articles.length, 25, articles.map((s) => s.name).join('\n'));
    for (const e of toc.children) assert.ok(!/…|·{2}|\(\d+\)$/.test(e.name), `entry name free of leaders: ${e.name}`);
    // each article is named as its entry: the entry's title is found in the heading (with its subtitle)
    toc.children.forEach((e, i) => {
      const k = key(e.name);
      const h = (articles[i].name + (articles[i].detail ?? '')).replace(/[\s·“”—]/g, '');
      const shared = [...k].filter((ch) => h.includes(ch)).length;
      assert.ok(shared / k.length >= 0.6, `entry ${i + 1} “${e.name}” ~ “${articles[i].name}”`);
    });
    // subtitles are details, not siblings
    assert.ok(articles.some((a) => a.detail?.startsWith('——在金砖国家')));
    assertNested(syms);

    // a document link on each entry leads to its article's heading
    const links = await c.request('textDocument/documentLink', { textDocument: { uri } });
    assert.equal(links.length, 25);
    links.forEach((l, i) => {
      assert.equal(l.range.start.line, toc.children[i].selectionRange.start.line);
      const m = /#L(\d+),(\d+)$/.exec(l.target);
      assert.ok(m, l.target);
      assert.equal(Number(m[1]) - 1, articles[i].selectionRange.start.line, `link ${i + 1}`);
    });
    // so does go to definition
    for (const i of [0, 8, 24]) {
      const loc = await c.request('textDocument/definition', { textDocument: { uri }, position: { line: toc.children[i].selectionRange.start.line, character: 2 } });
      const l = Array.isArray(loc) ? loc[0] : loc;
      assert.ok(l, `definition of entry ${i + 1}`);
      assert.deepEqual(l.range, articles[i].selectionRange);
    }
    // and the TOC matches: no toc-mismatch
    const diags = await c.diagnostics(uri);
    assert.deepEqual(diags.filter((d) => d.code === 'toc-mismatch'), []);
  });

  test('000: six questions inside the interview, three section heads inside the article', async () => {
    const { syms } = await symbolsOf('000');
    assertNested(syms);
    const interview = all(syms).find((s) => s.name.includes('答新华社记者问'));
    assert.ok(interview);
    const qs = interview.children.filter((s) => s.kind === 24 /* Event */);
    assert.equal(qs.length, 6);
    assert.ok(qs[0].name.startsWith('请您谈谈中央关于二十大代表选举工作'));
    assert.equal(all(syms).filter((s) => s.kind === 24).length, 6);
    const article = all(syms).find((s) => s.name.startsWith('给地球系上绿丝带'));
    assert.deepEqual(article.children.map((s) => s.name), ['林地沙漠见绿效', '山川河谷添绿意', '冰川地热绘绿梦']);
    const names = all(syms).map((s) => s.name).join('\n');
    for (const notSymbol of ['新华社记者 葛晨', '新华社北京11月19日电', '参访记者', '天上有']) assert.ok(!names.includes(notSymbol), notSymbol);
  });

  test('001: hard-wrapped questions and the letter-spaced headline are named whole', async () => {
    const { syms } = await symbolsOf('001');
    assertNested(syms);
    const names = all(syms).map((s) => s.name);
    assert.ok(names.includes('请您谈谈党中央关于二十大代表选举工作的主要指示精神有哪些？'), names.join('\n'));
    assert.ok(names.includes('二十大代表肩负着全党 9500 多万名党员的重托和期望，应当具有广泛代表性，请问在这方面是如何体现的？有哪些要求？'));
    assert.equal(all(syms).filter((s) => s.kind === 24).length, 6);
    assert.ok(names.some((n) => n.startsWith('以高标准可持续惠民生为目标')), 'letter-spaced headline collapsed');
    assert.ok(names.includes('中宣部追授潘东升“时代楷模”称号'));
    const h = all(syms).find((s) => s.name === '锚定既定奋斗目标 意气风发走向未来');
    assert.equal(h?.detail, '——论学习贯彻党的十九届六中全会精神');
    assert.ok(!names.includes('人民日报评论员'));
    // wrapped column lines are not headlines: few symbols beyond the questions, their points and three headlines
    assert.ok(all(syms).length <= 20, `${all(syms).length} symbols`);
  });

  test('004: five 一、 sections holding 3, 9, 2, 4 and 3 numbered subsections; folding follows them', async () => {
    const { uri, syms } = await symbolsOf('004');
    assertNested(syms);
    const secs = all(syms).filter((s) => /^[一二三四五]、/.test(s.name));
    assert.deepEqual(secs.map((s) => s.children.length), [3, 9, 2, 4, 3]);
    assert.equal(secs[0].children[0].name, '（一）指导思想');
    const folds = await c.request('textDocument/foldingRange', { textDocument: { uri } });
    for (const s of secs) assert.ok(folds.some((f) => f.startLine === s.selectionRange.start.line && f.endLine === s.range.end.line), `a fold for ${s.name}`);
  });

  test('003: the front-matter title is the root', async () => {
    const { syms } = await symbolsOf('003');
    assert.equal(syms.length, 1);
    assert.equal(syms[0].name, '推动共建_一带一路_高质量发展');
  });

  test('selection ranges expand sentence → paragraph → section', async () => {
    const { uri, syms, text } = await symbolsOf('004');
    const sec = all(syms).find((s) => s.name === '（三）主要目标');
    const lineText = text.split(/\r?\n/)[sec.selectionRange.start.line];
    const pos = { line: sec.selectionRange.start.line, character: 12 };
    const [r] = await c.request('textDocument/selectionRange', { textDocument: { uri }, positions: [pos] });
    const chain = [];
    for (let x = r; x; x = x.parent) chain.push(x.range);
    for (let i = 1; i < chain.length; i++) assert.ok(within(chain[i - 1], chain[i]), `range ${i} contains range ${i - 1}`);
    assert.equal(chain[0].start.line, pos.line);
    assert.equal(chain[0].start.character, lineText.indexOf('。') + 1, 'the first range is the sentence after the lead-in');
    assert.equal(lineText[chain[0].end.character - 1], '。');
    assert.deepEqual([chain[1].start.line, chain[1].end.line, chain[1].end.character], [pos.line, pos.line, lineText.length], 'then the paragraph');
    assert.ok(chain.some((x) => x.start.line === sec.range.start.line && x.end.line === sec.range.end.line), 'the section is one of the ranges');
  });

  test('workspace symbols: headings and questions of the corpus files, by characters and by pinyin initials', async () => {
    const byChars = await c.request('workspace/symbol', { query: '生态文明' });
    assert.ok(byChars.some((s) => s.name === '推进生态文明建设的几点思考' && s.location.uri.endsWith('/a.txt')), JSON.stringify(byChars));
    const q = await c.request('workspace/symbol', { query: '绿色转型' });
    assert.ok(q.some((s) => s.name === '下一步如何推进绿色转型？'));
    const nested = await c.request('workspace/symbol', { query: '耕地保护' });
    assert.ok(nested.some((s) => s.name === '（二）加强耕地保护' && s.location.uri.endsWith('/sub/b.txt') && s.containerName === '二、重点任务'));
    const byInitials = await c.request('workspace/symbol', { query: 'stwmjs' });
    assert.ok(byInitials.some((s) => s.name.startsWith('推进生态文明建设的几点思考')), JSON.stringify(byInitials));
    assert.ok(!(await c.request('workspace/symbol', { query: 'Shopping' })).length, 'English notes are not corpus files');
    // files in GB18030, Big5 and UTF-16 are read in their own encoding (they were read as UTF-8: no Chinese,
    // not indexed; Big5 was read as GB18030, other characters)
    const gb = await c.request('workspace/symbol', { query: '古籍保护' });
    assert.ok(gb.some((s) => s.name === '一、加强古籍保护利用' && s.location.uri.endsWith('/gb.txt')), JSON.stringify(gb));
    const big5 = await c.request('workspace/symbol', { query: '文化遺產' });
    assert.ok(big5.some((s) => s.name === '一、推動文化遺產保護' && s.location.uri.endsWith('/big5.txt')), JSON.stringify(big5));
    const u16 = await c.request('workspace/symbol', { query: '乡村养老' });
    assert.ok(u16.some((s) => s.name === '一、完善乡村养老服务' && s.location.uri.endsWith('/u16.txt')), JSON.stringify(u16));
    // kept current: a new file on disk, announced by a file event
    const f = path.join(ws, 'c.txt');
    fs.writeFileSync(f, '# 切实加强耕地保护工作的意见\n\n正文内容，推动各项工作落实。\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(f).href, type: 1 }] });
    let found = [];
    for (let i = 0; i < 50 && !found.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      found = await c.request('workspace/symbol', { query: '加强耕地保护工作' });
    }
    assert.equal(found.length, 1);
  });

  test('workspace symbols: a document just opened in the editor, never saved, is found at once', async () => {
    const uri = 'untitled:Untitled-7';
    c.open(uri, '# 关于推进数字乡村试点工作的通知\n\n各地要结合实际，推动试点工作落实。\n');
    const found = await c.request('workspace/symbol', { query: '数字乡村试点' });
    assert.ok(found.some((s) => s.location.uri === uri && s.name.includes('数字乡村试点')), JSON.stringify(found));
    c.notify('textDocument/didClose', { textDocument: { uri } });
  });
});
