import { test, describe } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { align, similarity } from '../../server/src/outline/toc';
import assert from 'node:assert/strict';
import { TextModel } from '../../server/src/core/text';
import { buildOutline, outlineInfo, type OutlineSymbol } from '../../server/src/outline/outline';
import { initialsSeq, matchesInitials } from '../../server/src/outline/pinyin';
import { indexText, search } from '../../server/src/features/workspaceSymbols';
import { selectionSpans } from '../../server/src/features/selection';
import { Analysis } from '../../server/src/core/analyzer';
import { findings, flagged, seedText, NO_SEEDS } from './helpers';
import * as fs from 'node:fs';
import * as path from 'node:path';

const outline = (text: string) => buildOutline(new TextModel(text));
const names = (syms: OutlineSymbol[]) => syms.map((s) => s.name);
function all(syms: OutlineSymbol[]): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const walk = (s: OutlineSymbol) => (out.push(s), s.children.forEach(walk));
  syms.forEach(walk);
  return out;
}

/** Ranges nest: child within parent, siblings ordered and apart, selection within range. */
function assertNested(syms: OutlineSymbol[], text: string, parent?: OutlineSymbol): void {
  let prevEnd = -1;
  for (const s of syms) {
    assert.ok(s.start <= s.selStart && s.selEnd <= s.end, `selection within range: ${s.name}`);
    assert.ok(s.start >= 0 && s.end <= text.length, `range within the text: ${s.name}`);
    if (parent) assert.ok(s.start >= parent.start && s.end <= parent.end, `${s.name} within ${parent.name}`);
    assert.ok(s.start > prevEnd, `${s.name} after its previous sibling`);
    prevEnd = s.end;
    if (s.kind !== 'toc') assertNested(s.children, text, s);
  }
}

describe('outline: headings', () => {
  test('Markdown headings nest by # count; names free of markers', () => {
    const text = '# 第一部分 **总论**\n\n正文一段。\n\n## 一般规定 ##\n\n正文。\n\n# 第二部分\n\n正文。\n';
    const o = outline(text);
    assert.deepEqual(names(o), ['第一部分 总论', '第二部分']);
    assert.deepEqual(names(o[0].children), ['一般规定']);
    assertNested(o, text);
    // the first section runs to the end of its last paragraph, before the next heading
    assert.equal(text.slice(o[0].start, o[0].end), text.slice(0, text.indexOf('正文。') + 3));
  });

  test('a subtitle (——…) is the title’s detail, whether on its own line or inline', () => {
    const text = '# 携手同行 共创未来\n\n## ——在某某论坛开幕式上的致辞\n\n各位来宾：\n\n# 团结协作 开创新局 ——在某某会议上的讲话\n\n正文。\n';
    const o = outline(text);
    assert.deepEqual(names(o), ['携手同行 共创未来', '团结协作 开创新局']);
    assert.equal(o[0].detail, '——在某某论坛开幕式上的致辞');
    assert.equal(o[1].detail, '——在某某会议上的讲话');
    assert.equal(o[0].children.length, 0);
  });

  test('Chinese numbered headings nest: 一、 › （一） › 1. › （1）, 第一章 › 第一节 › 第一条', () => {
    const text = [
      '一、总体要求',
      '（一）指导思想。以人民为中心，统筹发展和安全，推动高质量发展。',
      '1.坚持稳中求进。这是做好各项工作的总基调。',
      '（1）稳字当头。各地区要稳住基本盘。',
      '（2）进中求好。',
      '2.坚持系统观念。',
      '（二）基本原则。',
      '二、重点任务',
      '（三）加强协同。各部门要形成合力，共同推进。',
    ].join('\n');
    const o = outline(text);
    assert.deepEqual(names(o), ['一、总体要求', '二、重点任务']);
    assert.deepEqual(names(o[0].children), ['（一）指导思想', '（二）基本原则']);
    assert.deepEqual(names(o[0].children[0].children), ['1.坚持稳中求进', '2.坚持系统观念']);
    assert.deepEqual(names(o[0].children[0].children[0].children), ['（1）稳字当头', '（2）进中求好']);
    assertNested(o, text);
    const law = '第一章 总则\n第一节 一般规定\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全国。\n第二节 特别规定\n第三条 特别事项另行规定。\n第二章 附则\n第四条 本办法自发布之日起施行。\n';
    const lo = outline(law);
    assert.deepEqual(names(lo), ['第一章 总则', '第二章 附则']);
    assert.deepEqual(names(lo[0].children), ['第一节 一般规定', '第二节 特别规定']);
    assert.deepEqual(names(lo[0].children[0].children), ['第一条 为了规范管理，制定本办法', '第二条 本办法适用于全国']);
    assertNested(lo, law);
  });

  test('lead-in headings are named by the lead-in, not the paragraph', () => {
    const text = [
      '# 在某某座谈会上的讲话',
      '',
      '**第一，坚持改革创新。**改革是发展的强大动力，我们要持续推进。',
      '',
      '**第二，坚持开放合作。**开放带来进步，封闭必然落后。',
      '',
      '### **第三，要抓好重点任务落实**',
      '',
      '各地区要抓紧抓实。',
    ].join('\n');
    const o = outline(text);
    assert.deepEqual(names(o[0].children), ['第一，坚持改革创新', '第二，坚持开放合作', '第三，要抓好重点任务落实']);
    assert.equal(o[0].children[0].kind, 'leadin');
    assertNested(o, text);
  });

  test('an unbolded 一是 is a lead-in when its bold sibling 二是 follows, and not otherwise', () => {
    const text = '# 正确处理几个关系\n\n一是发展和保护的关系。发展和保护相辅相成。\n\n**二是整体和局部的关系。**整体推进，重点突破。\n\n正文。\n';
    assert.deepEqual(names(outline(text)[0].children), ['一是发展和保护的关系', '二是整体和局部的关系']);
    const plain = '# 几项工作\n\n一是压实工作责任。各地要落实。\n\n二是提升服务质量。各部门要配合。\n';
    assert.deepEqual(names(outline(plain)[0].children), []);
  });
});

describe('outline: questions and answers', () => {
  test('each 问 is a symbol with its 答 (and the answer’s numbered points) inside its range', () => {
    const text = '## 有关负责人答记者问\n\n问：请介绍一下总体考虑？\n\n答：总体考虑有三点。\n\n1.坚持问题导向。要聚焦难点。\n\n2.坚持统筹推进。\n\n问：下一步有哪些安排？\n\n答：将抓好落实。\n';
    const o = outline(text);
    const qs = o[0].children;
    assert.deepEqual(names(qs), ['请介绍一下总体考虑？', '下一步有哪些安排？']);
    assert.ok(qs[0].end >= text.indexOf('2.坚持统筹推进。'), 'the answer is inside the question');
    assert.deepEqual(names(qs[0].children), ['1.坚持问题导向', '2.坚持统筹推进']);
    assert.equal(qs[1].end, text.indexOf('将抓好落实。') + 6);
    assertNested(o, text);
  });

  test('a question hard-wrapped over blank-separated column lines is named whole', () => {
    const col = (s: string) => s.match(/.{1,15}/g)!.join('\n\n');
    const body = col('这是一段报纸正文，每行都很短，行与行之间隔着空行，需要正确识别每一个段落的结构。'.repeat(5));
    const text = [body, '问：请您谈谈这项工作的主要考', '表现在哪些方面？还有哪些要求？', '答：主要体现在以下几个方面的', '内容，具体包括多项工作。', body].join('\n\n');
    const o = outline(text);
    const q = all(o).filter((s) => s.kind === 'question');
    assert.deepEqual(names(q), ['请您谈谈这项工作的主要考表现在哪些方面？还有哪些要求？']);
    assert.equal(all(o).filter((s) => s.kind === 'headline').length, 0, 'short column lines are not headlines');
  });
});

describe('outline: headlines, bylines, markers', () => {
  test('unmarked section heads inside an article; bylines, datelines, notes and end markers are not symbols', () => {
    const text = [
      '## 绿色发展结硕果',
      '',
      '□本报记者 王明 李华',
      '',
      '新华社北京3月5日电 近年来，各地积极推进绿色发展，取得明显成效，群众获得感不断增强。',
      '',
      '荒山披上新绿装  ',
      '在西部某县，昔日的荒山如今绿树成荫，生态环境持续向好，当地群众从中受益良多。',
      '',
      '天上有云，地上有树。',
      '',
      '河流重现清澈',
      '',
      '经过多年治理，河水变清了，鱼儿回来了，沿岸居民的生活环境明显改善。',
      '',
      '※ 这是作者在某次会议上发言的一部分。',
      '（新华社北京3月5日电）',
    ].join('\n');
    const o = outline(text);
    assert.deepEqual(names(o[0].children), ['荒山披上新绿装', '河流重现清澈']);
    const every = names(all(o));
    for (const bad of ['□本报记者 王明 李华', '天上有云，地上有树。', '（新华社北京3月5日电）']) assert.ok(!every.some((n) => n.includes(bad.slice(1, 5))), bad);
    assertNested(o, text);
  });

  test('a letter-spaced newspaper headline is named collapsed, with its second line', () => {
    const col = (s: string) => s.match(/.{1,15}/g)!.join('\n\n');
    const body = col('会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展不断取得新成效。'.repeat(3));
    const text = [body, '以 新 发 展 理 念 引 领 高 质 量 发 展\n推动各项工作再上新台阶', body].join('\n\n');
    const h = all(outline(text)).filter((s) => s.kind === 'headline');
    assert.deepEqual(names(h), ['以新发展理念引领高质量发展 推动各项工作再上新台阶']);
  });

  test('front-matter title is the document root', () => {
    const text = '---\ntitle: \'推进绿色发展\'\nauthor: 某某\n---\n\n# 一段标题\n\n正文。\n';
    const o = outline(text);
    assert.equal(o.length, 1);
    assert.equal(o[0].name, '推进绿色发展');
    assert.equal(o[0].kind, 'title');
    assert.deepEqual(names(o[0].children), ['一段标题']);
    assert.equal(o[0].end, text.length - 1);
  });
});

describe('outline: table of contents', () => {
  const TOC = [
    '# 目 录',
    '',
    '1. 2024年3月1日 某某主持召开区域协调发展座谈会…………… (1)',
    '2. 2024年3月2日 某某向国际合作论坛致贺信…………… (5)',
    '3. 2024年3月3日 某某在友好交流大会上的讲话·····\t(7)',
    '4. 某某：推进乡村全面振兴需要把握的几个问题 (《期刊》2024年第5期)·····\t(12)',
    '',
    '# 某某主持召开区域协调发展座谈会',
    '',
    '正文。',
    '',
    '## 某某向国际合作论坛致贺信',
    '',
    '正文。',
    '',
    '# 携手共进 开创未来',
    '',
    '## ——在友好交流大会上的讲话',
    '',
    '## 第一，加强合作',
    '',
    '正文。',
    '',
    '# 推进乡村全面振兴需要把握的几个问题',
    '',
    '正文。',
  ].join('\n');

  test('one TOC symbol whose entries lead to their headings; the TOC decides which headings are peers', () => {
    const model = new TextModel(TOC);
    const o = buildOutline(model);
    const toc = o[0];
    assert.equal(toc.kind, 'toc');
    assert.equal(toc.name, '目录');
    assert.equal(toc.children.length, 4);
    for (const e of toc.children) assert.ok(!/[…·]|\(\d+\)$/.test(e.name), `no leaders or page: ${e.name}`);
    assert.deepEqual(
      toc.children.map((e) => e.target?.name),
      ['某某主持召开区域协调发展座谈会', '某某向国际合作论坛致贺信', '携手共进 开创未来', '推进乡村全面振兴需要把握的几个问题'],
    );
    // # and ## articles are peers, as the TOC says
    assert.deepEqual(names(o.slice(1)), ['某某主持召开区域协调发展座谈会', '某某向国际合作论坛致贺信', '携手共进 开创未来', '推进乡村全面振兴需要把握的几个问题']);
    assert.deepEqual(names(o[3].children), ['第一，加强合作']);
    assertNested(o, TOC);
    assert.deepEqual(findings(TOC, 'toc-mismatch'), []);
  });

  test('toc-mismatch: an entry with no heading, and headings out of order, name the nearest heading', () => {
    const missing = TOC.replace('# 推进乡村全面振兴需要把握的几个问题', '# 关于耕地保护的若干意见');
    const f = findings(missing, 'toc-mismatch');
    assert.equal(f.length, 1);
    assert.match(f[0].message.zh, /推进乡村全面振兴/);
    assert.match(f[0].message.zh, /最接近的标题/);
    const lines = TOC.split('\n');
    const swapped = [...lines.slice(0, 7), ...lines.slice(23), '', ...lines.slice(7, 23)].join('\n');
    const g = findings(swapped, 'toc-mismatch');
    assert.ok(g.length >= 1, 'out of order');
    assert.match(g.map((x) => x.message.zh).join('\n'), /顺序/);
  });
});

describe('outline: a table of contents of numbered chapters (a regulation, a plan)', () => {
  /** a regulation-like text: 目录 with chapters and page numbers, then the chapters */
  const doc = (entries: string[], chapters: string[]) =>
    ['目录', '', ...entries.map((e, i) => `${e}……${i * 3 + 1}`), '', ...chapters.flatMap((c) => [c, '', '本章的条文。', ''])].join('\n');
  const CHAPTERS = ['第一章 总则', '第二章 规划与建设', '第三章 保护与利用', '第四章 附则'];

  test('the entries lead to the numbered chapters, and the text\'s first chapter is not taken for one more entry', () => {
    const o = buildOutline(new TextModel(doc(CHAPTERS, CHAPTERS)));
    assert.deepEqual(names(o), ['目录', ...CHAPTERS]);
    assert.deepEqual(o[0].children.map((e) => [e.name, e.target?.name]), CHAPTERS.map((c) => [c, c]));
    // without page numbers, the first chapter named again ends the table of contents
    const bare = ['目录', ...CHAPTERS, '', ...CHAPTERS.flatMap((c) => [c, '本章的条文。'])].join('\n');
    const b = buildOutline(new TextModel(bare));
    assert.equal(b[0].children.length, 4);
    assert.deepEqual(names(b.slice(1)), CHAPTERS);
  });

  test('toc-mismatch names the entry (not its leaders and page) whose chapter is missing; an unnamed chapter stays a peer', () => {
    const renamed = [...CHAPTERS];
    renamed[2] = '第三章 开发与经营';
    const text = doc(CHAPTERS, renamed);
    const f = findings(text, 'toc-mismatch');
    assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['第三章 保护与利用']);
    // the shared 第三章 alone does not make a match
    assert.match(f[0].message.zh, /没有对应的标题/);
    assert.deepEqual(names(buildOutline(new TextModel(text))), ['目录', ...renamed]);
  });

  test('the labelled cases (test/fixtures/rules/toc-mismatch.json)', () => {
    const cases = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'rules', 'toc-mismatch.json'), 'utf8')) as { text: string; expect: { text: string }[] }[];
    assert.ok(cases.filter((c) => c.expect.length).length >= 8 && cases.filter((c) => !c.expect.length).length >= 6);
    for (const c of cases) assert.deepEqual(flagged(c.text, findings(c.text, 'toc-mismatch')).sort(), c.expect.map((e) => e.text).sort(), c.text);
  });
});

describe('outline: robustness', () => {
  test('empty, blank, binary, CRLF and a 1 MB single line', () => {
    assert.deepEqual(outline(''), []);
    assert.deepEqual(outline('\n\n\n'), []);
    outline('\u0000\u0001\uFFFD'.repeat(1000));
    const crlf = '一、总体要求\r\n（一）指导思想。正文。\r\n二、重点任务\r\n';
    const o = outline(crlf);
    assert.deepEqual(names(o), ['一、总体要求', '二、重点任务']);
    assert.equal(o[0].end, crlf.indexOf('\r\n二'));
    const t0 = performance.now();
    outline('中'.repeat(1_000_000));
    outline('问：'.repeat(300_000));
    assert.ok(performance.now() - t0 < 500);
  });

  test('a 1 MB document of mixed structure gets every one of its sections (timing is in npm run bench)', () => {
    const unit = '# 标题一\n\n**第一，坚持创新。**正文内容。\n\n一、总体要求\n\n（一）指导思想。正文。\n\n问：什么问题？\n\n答：这样回答。\n\n荒山披上新绿装\n\n这是一个普通的段落，内容较长，用来模拟正文。\n\n';
    const copies = Math.ceil(1_000_000 / unit.length);
    const roots = buildOutline(new TextModel(unit.repeat(copies)));
    assert.equal(roots.filter((s) => s.name === '标题一').length, copies);
  });
});

describe('workspace search and selection', () => {
  test('pinyin initials find headings', () => {
    assert.ok(matchesInitials(initialsSeq('生态文明建设'), 'stwmjs'));
    assert.ok(matchesInitials(initialsSeq('推进生态文明建设需要处理好几个重大关系'), 'wmjs'));
    assert.ok(!matchesInitials(initialsSeq('生态文明建设'), 'xyz'));
    const files = new Map([['file:///a.txt', indexText('# 推进生态文明建设\n\n正文。\n\n问：下一步怎么做？\n\n答：抓落实。\n')]]);
    assert.deepEqual(search(files, '生态').map((s) => s.name), ['推进生态文明建设']);
    assert.deepEqual(search(files, '下一步').map((s) => s.name), ['下一步怎么做？']);
    const byInitials = search(files, 'stwm');
    assert.equal(byInitials.length, 1);
    assert.match(byInitials[0].name, /^推进生态文明建设 ‹.*›$/);
  });

  test('the workspace index does not keep the texts of the files it indexed in memory', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // 100 files of about 400 KB each (as UTF-16), each with a long heading
    const body = '正文内容，推动各项工作落实落地。\n\n'.repeat(12000);
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = [];
    for (let i = 0; i < 100; i++) kept.push(indexText(`# 关于进一步加强和改进基层治理工作的若干意见之${i}\n\n${body}`));
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    assert.equal(kept.flat().length, 100);
    assert.ok(grown < 5, `the index of 100 files holds ${grown.toFixed(1)} MB (their texts are about 40 MB)`);
  });

  test('expand selection: sentence → paragraph → section', () => {
    const text = '# 总体要求\n\n第一句话。第二句话，还有内容。\n第三句话。\n\n下一段。\n';
    const model = new TextModel(text);
    const a = new Analysis(model, [], []);
    const spans = selectionSpans(a, text.indexOf('还有')).map((s) => text.slice(s.start, s.end));
    // in single-spaced text a line that ends a sentence ends a paragraph; then the block of lines, the section, the document
    assert.deepEqual(spans, ['第二句话，还有内容。', '第一句话。第二句话，还有内容。', '第一句话。第二句话，还有内容。\n第三句话。', text.slice(0, text.length - 1), text]);
  });
});

describe('outline on the seeds', { skip: NO_SEEDS }, () => {
  test('004: five 一、 sections holding 3, 9, 2, 4 and 3 numbered subsections', () => {
    const text = seedText('004');
    const o = outline(text);
    const secs = all(o).filter((s) => /^[一二三四五]、/.test(s.name));
    assert.equal(secs.length, 5);
    assert.deepEqual(secs.map((s) => s.children.length), [3, 9, 2, 4, 3]);
    assertNested(o, text);
  });

  test('002: 25 TOC entries, each leading to one of 25 peer articles', () => {
    const text = seedText('002');
    const info = outlineInfo(new TextModel(text));
    assert.equal(info.toc?.entries.length, 25);
    assert.ok(info.toc!.entries.every((e) => e.status === 'ok'));
    const targets = new Set(info.toc!.entries.map((e) => e.entry.target));
    assert.equal(targets.size, 25);
    const articles = info.roots.filter((s) => s.kind !== 'toc');
    assert.equal(articles.length, 25);
    assert.deepEqual(articles, info.toc!.entries.map((e) => e.entry.target));
    assertNested(info.roots, text);
  });

  test('000 and 001: ranges nest', () => {
    for (const id of ['000', '001', '003']) {
      const text = seedText(id);
      assertNested(outline(text), text);
    }
  });
});

test('aligning a table of contents with no headings (or no entries) matches nothing', () => {
  assert.deepEqual(align(['总则', '附则'], []), { aligned: [-1, -1], best: [{ index: -1, score: 0 }, { index: -1, score: 0 }] });
  assert.deepEqual(align([], ['总则']), { aligned: [], best: [] });
  assert.deepEqual(align(['总则', '附则'], ['总则', '附则']).aligned, [0, 1]);
});

test('the fast alignment scores every entry as the plain bigram similarity does (its reference)', () => {
  // keys cut from our own sample text, some sharing bigrams, some not, some one character long
  const source = '坚持和发展中国特色社会主义推进国家治理体系和治理能力现代化全面深化改革扩大高水平对外开放第一章总则第二节附则';
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const key = () => {
    const a = rnd(source.length);
    return source.slice(a, a + 1 + rnd(8));
  };
  for (let round = 0; round < 50; round++) {
    const entries = Array.from({ length: 1 + rnd(8) }, key);
    const headings = Array.from({ length: 1 + rnd(12) }, key);
    const { best } = align(entries, headings);
    entries.forEach((e, i) => {
      const scores = headings.map((h) => similarity(e, h));
      const max = Math.max(...scores);
      assert.ok(Math.abs(best[i].score - max) < 1e-12, `${e}: ${best[i].score} vs ${max}`);
      if (max > 0) assert.equal(scores[best[i].index], max, e);
    });
  }
});
