import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findings, fixed, glossary, lexicon, seedText, NO_SEEDS } from './helpers';
import { TextModel } from '../../server/src/core/text';
import { runRules, type RuleSetting } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixText } from '../../server/src/core/fixall';
import { reflow } from '../../server/src/core/reflow';
import { RULES } from '../../server/src/rules';
import { RULES_LAYOUT } from '../../server/src/rules/group-layout';

const LAYOUT = RULES_LAYOUT.map((r) => r.id);
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'rules');

interface Case {
  text: string;
  expect: { text: string; fix?: string }[];
}

/** Settings that turn every rule off except `on`. */
function only(on: string[]): Record<string, RuleSetting> {
  const s: Record<string, RuleSetting> = {};
  for (const r of RULES) if (!on.includes(r.id)) s[r.id] = 'off';
  return s;
}

function han(s: string): string {
  return s.replace(/[^\u4e00-\u9fff]/g, '');
}

describe('layout rules: labelled fixtures', () => {
  for (const id of LAYOUT) {
    test(`${id}: every fixture flags exactly what it expects, and each fix gives the expected text`, () => {
      const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${id}.json`), 'utf8')) as Case[];
      assert.ok(cases.length >= 8, `${id}: at least 8 fixtures`);
      assert.ok(cases.some((c) => c.expect.length === 0), `${id}: fixtures that must stay quiet`);
      for (const c of cases) {
        const f = findings(c.text, id);
        assert.deepEqual(f.map((x) => c.text.slice(x.start, x.end)).sort(), c.expect.map((e) => e.text).sort(), `${id} on ${JSON.stringify(c.text)}`);
        for (const e of c.expect) {
          if (e.fix === undefined) continue;
          const hit = f.find((x) => c.text.slice(x.start, x.end) === e.text)!;
          assert.equal(fixed(c.text, hit), e.fix, `${id}: fix of ${JSON.stringify(e.text)}`);
        }
      }
    });
  }
});

describe('hard-wrap', () => {
  test('one finding per wrapped paragraph; the fix removes the breaks and nothing else', () => {
    const text = '各地要把稳就业摆在更加突出的位\n\n置，落实落细各项援企稳岗政策，\n\n多渠道扩大就业容量，切实兜牢民\n\n生底线。\n\n问：下一步有哪些具体的工作安\n\n排？\n';
    const f = findings(text, 'hard-wrap');
    assert.equal(f.length, 2);
    const joined = fixed(text, f[0]);
    assert.ok(joined.startsWith('各地要把稳就业摆在更加突出的位置，落实落细各项援企稳岗政策，多渠道扩大就业容量，切实兜牢民生底线。\n\n问：'), joined);
    assert.equal(han(joined), han(text));
  });

  test('CRLF documents are joined without leaving a stray \\r', () => {
    const text = '各地要把稳就业摆在更加突出的位\r\n\r\n置，落实落细各项援企稳岗政策，\r\n\r\n多渠道扩大就业容量，切实兜牢民\r\n\r\n生底线。\r\n';
    const f = findings(text, 'hard-wrap');
    assert.equal(f.length, 1);
    assert.equal(fixed(text, f[0]), '各地要把稳就业摆在更加突出的位置，落实落细各项援企稳岗政策，多渠道扩大就业容量，切实兜牢民生底线。\r\n');
  });

  test('seed 001: wrapped paragraphs found; headlines, bylines and datelines are never joined into prose', { skip: NO_SEEDS }, () => {
    const text = seedText('001');
    const f = findings(text, 'hard-wrap');
    assert.ok(f.length >= 40, `found ${f.length}`);
    for (const line of ['锚定既定奋斗目标 意气风发走向未来', '人民日报评论员', '以 高 标 准 可 持 续 惠 民 生 为 目 标', '中宣部追授潘东升“时代楷模”称号', '（新华社北京11月19日电）']) {
      const at = text.indexOf(line);
      assert.ok(at >= 0, line);
      assert.ok(!f.some((x) => x.start <= at && x.end >= at), `not joined: ${line}`);
    }
    // a question and its answer stay apart
    for (const x of f) {
      const s = text.slice(x.start, x.end);
      assert.ok(!/\n[ \t]*(问|答)：/.test(s), `Q/A boundary inside ${s.slice(0, 30)}`);
    }
  });
});

describe('split-paragraph', () => {
  test('the header fields of minutes (时间：, 地点：, 主持人：, 记录：) are neither a hard-wrapped paragraph nor a sentence split before the text', () => {
    const minutes = '市政府常务会议纪要\n\n时间：2024年3月12日上午\n地点：市政府第一会议室\n主持人：刘强\n参加人员：陈红　周涛　吴敏\n记录：孙丽\n\n　　会议听取了市财政局关于预算执行情况的汇报。\n';
    assert.deepEqual(findings(minutes, 'hard-wrap'), []);
    assert.deepEqual(findings(minutes, 'split-paragraph'), []);
  });

  test('a notice\'s title before its salutation, and a field line before the next field, are no split sentence; a sentence split after a number still is', () => {
    const notice = '关于开展2024年度安全生产大检查工作的通知\n\n各区县人民政府，市政府各部门：\n    现将有关事项通知如下。\n\n联系人：王芳    电话：12345678\n\n附件：检查情况统计表\n';
    assert.deepEqual(findings(notice, 'split-paragraph'), []);
    const speech = '在全市经济工作会议上的讲话稿全文及有关材料汇编\n\n同志们：\n    今天召开会议。\n';
    assert.deepEqual(findings(speech, 'split-paragraph'), []);
    const split = '展会吸引了来自全球五十多个国家和地区的1200\n\n多家企业参展，成交额创历史新高。\n';
    assert.equal(findings(split, 'split-paragraph').length, 1);
  });

  test('seeds 000 and 002: sentences split by page breaks are found; headings and signatures are not', { skip: NO_SEEDS }, () => {
    const t0 = seedText('000');
    const f0 = findings(t0, 'split-paragraph').map((x) => t0.slice(x.start, x.end));
    assert.ok(f0.includes('七\n\n一') && f0.includes('特\n\n色'), f0.join('|'));
    assert.ok(f0.length <= 6, f0.join('|'));
    const t2 = seedText('002');
    const f2 = findings(t2, 'split-paragraph').map((x) => t2.slice(x.start, x.end));
    assert.ok(f2.includes('要\n\n\n\n充'), f2.join('|'));
    for (const s of f2) assert.ok(!/习近平\n|各位|总统，/.test(s), s);
    assert.equal(findings(seedText('001'), 'split-paragraph').length, 0, 'hard-wrapped 001 is left to hard-wrap');
  });
});

describe('digit-spacing', () => {
  test('direction "add" asks for a space instead, and its fix inserts one', () => {
    const text = '大会代表名额共2300名。\n';
    assert.equal(findings(text, 'digit-spacing').length, 0);
    const model = new TextModel(text);
    const f = runRules({ model, glossary: glossary(), lexicon: lexicon() }, { 'digit-spacing': { direction: 'add' } }).filter((x) => x.ruleId === 'digit-spacing');
    assert.equal(f.length, 1);
    assert.equal(applyEdits(text, f[0].fix!.edits), '大会代表名额共 2300 名。\n');
  });
});

describe('stripped-quotes', () => {
  test('a glossary form is a safe fix; another term is only a suggestion', () => {
    const text = '要求落实 三严三实 要求，下好 先手棋，打好主动仗。\n';
    const f = findings(text, 'stripped-quotes');
    assert.deepEqual(f.map((x) => [text.slice(x.start, x.end), x.fix!.safe]), [['三严三实', true], ['先手棋', false]]);
  });
});

describe('reflow', () => {
  test('joins hard-wrapped lines and split paragraphs; a range limits it', () => {
    const text = '各地要把稳就业摆在更加突出的位\n置，落实落细各项援企稳岗政策，\n多渠道扩大就业容量，切实兜牢民\n生底线。\n\n会议听取了关于城市更新工作情况的汇报，与会同志围绕完善配套设施、改善人居环境等问题深入交流，提出了\n\n具体意见和建议。\n';
    const model = new TextModel(text);
    const all = applyEdits(text, reflow(model));
    assert.equal(all, '各地要把稳就业摆在更加突出的位置，落实落细各项援企稳岗政策，多渠道扩大就业容量，切实兜牢民生底线。\n\n会议听取了关于城市更新工作情况的汇报，与会同志围绕完善配套设施、改善人居环境等问题深入交流，提出了具体意见和建议。\n');
    assert.deepEqual(reflow(new TextModel(all)), [], 'nothing left to reflow');
    const first = applyEdits(text, reflow(model, { start: 0, end: 5 }));
    assert.ok(first.includes('提出了\n\n具体'), 'outside the range untouched');
  });

  test('seed 001 reflowed: no hard wrap left, every Chinese character kept', { skip: NO_SEEDS }, () => {
    const text = seedText('001');
    const out = applyEdits(text, reflow(new TextModel(text)));
    assert.equal(han(out), han(text));
    assert.ok(out.split('\n').length < text.split('\n').length / 5, 'most line breaks are gone');
    assert.equal(findings(out, 'hard-wrap').length, 0);
  });
});

describe('layout rules on the seeds', () => {
  test('legitimate forms raise nothing: headlines, datelines, bylines, TOC entries', { skip: NO_SEEDS }, () => {
    const lines: [string, string][] = [
      ['001', '锚定既定奋斗目标 意气风发走向未来'],
      ['002', '把握海警力量建设运用特点规律 提高海上维权执法能力'],
      ['000', '新华社北京11月19日电 近日'],
      ['000', '□新华社记者 葛晨 张忠霞 罗国芳'],
      ['002', '中华人民共和国主席 习近平'],
      ['002', '坚守初心 团结合作 携手共促亚太高质量增长'],
      ['001', '人民日报评论员'],
    ];
    const quiet = LAYOUT.filter((id) => id !== 'hard-wrap' && id !== 'digit-spacing');
    for (const [seed, line] of lines) {
      const text = seedText(seed);
      const at = text.indexOf(line);
      assert.ok(at >= 0, `${seed}: ${line}`);
      const hit = findings(text).filter((f) => quiet.includes(f.ruleId) && f.start < at + line.length && f.end > at);
      assert.deepEqual(hit.map((f) => `${f.ruleId}: ${text.slice(f.start, f.end)}`), [], `${seed}: ${line}`);
    }
  });

  test('fix-all of the layout rules over seeds 000 and 001 is idempotent and keeps every Chinese character', { skip: NO_SEEDS }, () => {
    for (const s of ['000', '001', '002', '003']) {
      const text = seedText(s);
      const settings = only(LAYOUT);
      const once = fixText(text, { glossary: glossary(), lexicon: lexicon() }, settings);
      assert.ok(once.applied > 0, `${s}: something fixed`);
      assert.equal(han(once.text), han(text), `${s}: Chinese characters kept in order`);
      const twice = fixText(once.text, { glossary: glossary(), lexicon: lexicon() }, settings);
      assert.equal(twice.text, once.text, `${s}: idempotent`);
    }
  });

  test('never hangs: a 1 MB single line, many short lines, binary noise', () => {
    const inputs = ['一 二 三 四 '.repeat(100_000), '短行，\n\n'.repeat(50_000), '"'.repeat(50_000) + '中', '\u0000\uFFFD\r\r\n  \t'.repeat(10_000), ''];
    for (const text of inputs) {
      const t0 = Date.now();
      findings(text);
      assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    }
  });
});
