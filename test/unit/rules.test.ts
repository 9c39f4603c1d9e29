import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findings, fixed, flagged, seedText, NO_SEEDS } from './helpers';
import { Lexicon } from '../../server/src/segment/lexicon';

describe('cjk-space', () => {
  test('a space torn into a word is flagged and the fix deletes only the space', () => {
    const text = '答：代表要严格按照党员标准要求自 己，带头遵守纪律。\n';
    const f = findings(text, 'cjk-space');
    assert.equal(f.length, 1);
    assert.equal(fixed(text, f[0]), text.replace('自 己', '自己'));
  });

  test('a slogan torn by a space is flagged even where the space also pads it', () => {
    const text = '会议要求扎实推进共建一带 一路高质量发展，推动形成新格局。\n';
    assert.deepEqual(flagged(text, findings(text, 'cjk-space')), [' ']);
  });

  test('legitimate spaces stay quiet', () => {
    const quiet = [
      '锚定发展目标 奋力开创新局\n', // headline clause separator
      '# 坚持稳中求进 推动高质量发展\n',
      '新华社北京3月5日电 近日，有关部门召开会议，部署相关工作。\n', // dateline
      '□本报记者 王晓明 李红 张伟\n', // byline
      '会议现场。 新华社记者 王晓明 摄\n', // caption
      '目 录\n', // letter-spaced (its own rule)
      '以 实 干 实 绩 推 动 发 展\n',
      '会议传达学习总书记 七一 重要讲话精神，要求大家认真领会。\n', // stripped quotes (its own rule)
      '要求党员增强 四个意识、坚定 四个自信，做到知行合一。\n',
      '阿根廷工程师何塞 卡斯特罗参与了项目建设，对合作赞不绝口。\n', // a foreign name (foreign-name-dot)
      '活动主题为“携手共建家园 同心共创未来”，由多方共同主办。\n', // clause space inside a quoted title
      '1. 2024年3月5日 某领导在座谈会上的讲话…………… (1)\n', // TOC entry
    ];
    for (const q of quiet) assert.deepEqual(flagged(q, findings(q, 'cjk-space')), [], q);
  });

  test('without the dictionary loaded it stays conservative rather than guess on a short line', () => {
    const text = '天上有 星，地上有 岛。\n';
    const notReady = new Lexicon();
    assert.deepEqual(findings(text, 'cjk-space', { lexicon: notReady }).length, 2, 'no dictionary: flagged (no proof of a lost quote)');
    assert.deepEqual(findings(text, 'cjk-space').length, 0, 'with the dictionary: 有星 is no word, so these are lost quotes');
  });

  test('on seed 000 it finds 自 己 and 一 一, and stays quiet on stripped slogans', { skip: NO_SEEDS }, () => {
    const text = seedText('000');
    const f = findings(text, 'cjk-space');
    const ctx = f.map((x) => text.slice(x.start - 1, x.end + 1));
    assert.ok(ctx.includes('自 己'), ctx.join('|'));
    assert.ok(ctx.includes('一 一'), ctx.join('|'));
    assert.ok(ctx.includes('带 一'), `一带 一路: ${ctx.join('|')}`);
    for (const c of ctx) assert.ok(!/七一|四个|两个/.test(c), `quiet on stripped slogans: ${c}`);
    assert.ok(f.length <= 10, `precision: ${f.length} findings`);
  });

  test('headlines, datelines and bylines of seeds 001 and 002 raise nothing', { skip: NO_SEEDS }, () => {
    for (const s of ['001', '002', '003']) {
      const text = seedText(s);
      for (const line of ['锚定既定奋斗目标 意气风发走向未来', '把握海警力量建设运用特点规律 提高海上维权执法能力', '新华社记者 申宏']) {
        const at = text.indexOf(line);
        if (at < 0) continue;
        const hit = findings(text, 'cjk-space').filter((f) => f.start >= at && f.end <= at + line.length);
        assert.equal(hit.length, 0, `${s}: ${line}`);
      }
    }
  });
});

describe('page-marker', () => {
  test('a marker line is deleted with its line break; text around is kept', () => {
    const text = '第一段。\n■上接第1版\n第二段。\n';
    const f = findings(text, 'page-marker');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), '■上接第1版');
    assert.equal(fixed(text, f[0]), '第一段。\n第二段。\n');
    assert.equal(f[0].fix!.safe, false, 'deleting characters is never a silent fix');
  });

  test('a marker glued to the text is removed and the sentence kept', () => {
    const text = '（上接第 1版）成为党内政治生活的重要内容。\n';
    const f = findings(text, 'page-marker');
    assert.equal(fixed(text, f[0]), '成为党内政治生活的重要内容。\n');
  });

  test('page-number lines are markers; prose mentioning a page is not', () => {
    assert.equal(findings('正文。\n- 12 -\n正文。\n', 'page-marker').length, 1);
    assert.equal(findings('第 3 页\n', 'page-marker').length, 1);
    assert.equal(findings('该报在第1版刊发了评论员文章，引起广泛关注。\n', 'page-marker').length, 0);
    assert.equal(findings('全文转第三版的说法并不准确，应以原文为准。\n', 'page-marker').length, 0);
  });

  test('seed 000 and 001 continuation markers are found', { skip: NO_SEEDS }, () => {
    assert.ok(findings(seedText('000'), 'page-marker').some((f) => seedText('000').slice(f.start, f.end) === '■上接第1版'));
    assert.ok(findings(seedText('001'), 'page-marker').length >= 1);
  });
});

describe('layout spaces: tables, forms, spaced names', () => {
  test('columns of a table, fields of a form or a scraped page, a list of names and a two-character name spaced to three are not stray spaces or lost quotes; a doubled stray space alone on its line still is', () => {
    const table = '指标名称        单位      完成值\n地区生产总值    亿元      12000\n社会消费品零售总额  亿元  5200\n';
    assert.deepEqual(findings(table, 'digit-spacing'), []);
    assert.deepEqual(findings(table, 'cjk-space'), []);
    const form = '联系人：王  芳    电话：12345678\n出席：张\u3000三\n';
    for (const rule of ['cjk-space', 'stripped-quotes']) assert.deepEqual(findings(form, rule), [], rule);
    // one gap of two spaces, alone on its line: an OCR artifact as before
    const stray = '2021年  9 月，他牺牲在抗疫一线。\n要求自  己严格。\n';
    assert.deepEqual(findings(stray, 'digit-spacing').map((f) => stray.slice(f.start, f.end)), ['年  9 月']);
    assert.equal(findings(stray, 'cjk-space').length, 1);
    // a list of names after its label: no lost quotes, no stray spaces
    const names = '出席会议的有：陈红\u3000周涛\u3000吴敏\u3000郑伟等。\n参加人员：王刚 李强 赵敏\n';
    for (const rule of ['cjk-space', 'stripped-quotes']) assert.deepEqual(findings(names, rule), [], rule);
    // the fields of a scraped page and short items after a label; a stray space inside a field's text still counts
    const page = '来源：省政府网站\u3000发布时间：2024-03-15 10:30\u3000字号：大 中 小\n分享到：微信 微博 QQ空间\n标题：关于加强基层治 理工作的通知\n';
    for (const rule of ['stripped-quotes', 'digit-spacing']) assert.deepEqual(findings(page, rule), [], rule);
    assert.deepEqual(findings(page, 'cjk-space').map((f) => page.slice(f.start - 1, f.end + 1)), ['治 理']);
    // a digit before a lone character: no name (`202開 年`)
    assert.equal(findings('202開 年，他来到这里。\n', 'cjk-space').length, 1);
  });
});

describe('articles of a regulation (第一条　…)', () => {
  test('the space after an article number is the heading\'s: no stray space there, no lost quotation after it, and the stray space later in the line is found', () => {
    const text = '第一条　各单位要求自 己严格落实，切实做好各项工作。\n第二条 本办法自印发之日起施行。\n';
    assert.deepEqual(findings(text, 'stripped-quotes'), []);
    const spaces = findings(text, 'cjk-space');
    assert.deepEqual(spaces.map((f) => [f.start, text.slice(f.start - 1, f.end + 1)]), [[text.indexOf('自 己') + 1, '自 己']]);
  });
});

describe('markup-residue', () => {
  test('paragraph tags between texts become line breaks; tags at a line edge go', () => {
    const text = '<p>第一句。</p><p>第二句。</p>\n';
    const f = findings(text, 'markup-residue');
    let out = text;
    for (const x of [...f].reverse()) out = fixed(out, x);
    assert.equal(out, '第一句。\n第二句。\n');
  });

  test('entities are decoded, bookmarks and emphasis removed', () => {
    const cases: [string, string][] = [
      ['推动&nbsp;发展&amp;改革\n', '推动 发展&改革\n'],
      [' [bookmark: _GoBack]各有关单位：\n', ' 各有关单位：\n'],
      ['**第一，坚持创新驱动。**要加快发展。\n', '第一，坚持创新驱动。要加快发展。\n'],
      ['<img class="lazy" src="x.jpg">图片说明\n', '图片说明\n'],
    ];
    for (const [input, want] of cases) {
      const f = findings(input, 'markup-residue');
      let out = input;
      for (const x of [...f].reverse()) out = fixed(out, x);
      assert.equal(out, want, input);
    }
  });

  test('a bookmark ends at its line: an unclosed one is not matched up to a `]` lines later (whose fix would delete those lines)', () => {
    const text = '[bookmark: 第一段没有结束\n第二段。\n第三段[注]。\n';
    assert.deepEqual(findings(text, 'markup-residue'), []);
    assert.equal(findings('前文[bookmark: _Toc123]后文\n', 'markup-residue').length, 1);
  });

  test('front matter and plain angle brackets are not residue', () => {
    assert.equal(findings('---\ntitle: 示例\n---\n正文 a < b 和 c > d。\n', 'markup-residue').length, 0);
  });

  test('a tag holds only attributes: words between `<letter` and `>` are prose, and no tag spans a blank line', () => {
    for (const prose of ['若 a<b 和 c>d 成立。\n', '增速x<y，\n\n下降z>w。\n', '比较a<b且\nc>d的情形。\n']) assert.deepEqual(findings(prose, 'markup-residue'), [], prose);
    // a tag written over lines (attributes one a line) goes whole, with the line breaks inside it
    const text = '<a\n  href="x.html"\n  target="_blank">链接</a>\n';
    let out = text;
    for (const x of [...findings(text, 'markup-residue')].reverse()) out = fixed(out, x);
    assert.equal(out, '链接\n');
  });

  test('a comparison written like a tag with bare words (`a<b and c>d`) is prose; a tag of bare words elsewhere is reported but not removed without asking', () => {
    for (const prose of ['如果a<b and c>d，则结论成立。\n', '当x<y or z>w时。\n']) assert.deepEqual(findings(prose, 'markup-residue'), [], prose);
    const [td] = findings('表格<td nowrap>内容\n', 'markup-residue');
    assert.equal(td.fix!.safe, false, 'the words would go with it');
    // a tag with values, or with none, is still removed by fix-all
    for (const tag of ['<b>', '<br />', '<span class="x">']) assert.equal(findings(`a${tag}d\n`, 'markup-residue')[0]?.fix?.safe, true, tag);
  });

  test('seed 003 HTML and seed 004 bookmark are found', { skip: NO_SEEDS }, () => {
    assert.ok(findings(seedText('003'), 'markup-residue').length > 10);
    assert.ok(findings(seedText('004'), 'markup-residue').some((f) => seedText('004').slice(f.start, f.end).startsWith('[bookmark')));
  });
});
