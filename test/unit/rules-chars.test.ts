import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findings, fixed, flagged, seedText, NO_SEEDS } from './helpers';
import { Lexicon } from '../../server/src/segment/lexicon';
import { countHan } from '../../server/src/core/cjk';

const RULES = ['duplicate-text', 'foreign-name-dot', 'unbalanced-pair', 'invisible-char', 'traditional-char', 'ocr-confusion'];
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'rules');

interface Case {
  text: string;
  expect: { text: string; fix?: string }[];
}

/** The Han characters of a string, in order. */
function han(s: string): string {
  return [...s].filter((c) => countHan(c) > 0).join('');
}

describe('chars rules: labelled fixtures', () => {
  for (const id of RULES) {
    test(`${id}: every fixture flags exactly what it expects, and each fix gives the expected text`, () => {
      const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${id}.json`), 'utf8')) as Case[];
      assert.ok(cases.filter((c) => c.expect.length).length >= 12, 'at least 12 positive cases');
      assert.ok(cases.filter((c) => !c.expect.length).length >= 12, 'at least 12 negative cases');
      for (const c of cases) {
        const f = findings(c.text, id);
        assert.deepEqual(flagged(c.text, f).sort(), c.expect.map((e) => e.text).sort(), c.text);
        for (const e of c.expect) {
          if (e.fix === undefined) continue;
          const hit = f.find((x) => c.text.slice(x.start, x.end) === e.text)!;
          assert.ok(hit.fix, `${c.text}: has a fix`);
          assert.equal(fixed(c.text, hit), e.fix, c.text);
        }
      }
    });
  }
});

describe('duplicate-text', () => {
  test('the fix names what it deletes and is never applied by fix-all', () => {
    const text = '输电损耗损耗很低。';
    const [f] = findings(text, 'duplicate-text');
    assert.match(f.fix!.title.zh, /删除重复的“损耗”/);
    assert.equal(f.fix!.safe, false);
  });

  test('without the dictionary it stays quiet rather than guess', () => {
    assert.equal(findings('输电损耗损耗很低。', 'duplicate-text', { lexicon: new Lexicon() }).length, 0);
  });

  test('on seed 000 it finds 损耗损耗 and 首席执行官官 and nothing else; the other seeds are quiet', { skip: NO_SEEDS }, () => {
    const text = seedText('000');
    const f = findings(text, 'duplicate-text');
    assert.deepEqual(flagged(text, f), ['损耗损耗', '官官']);
    assert.ok(fixed(text, f[1]).includes('首席执行官沙基尔'));
    for (const s of ['001', '002', '003', '004']) assert.deepEqual(flagged(seedText(s), findings(seedText(s), 'duplicate-text')), [], s);
  });
});

describe('foreign-name-dot', () => {
  test("seed 000's foreign names are found and bylines stay quiet", { skip: NO_SEEDS }, () => {
    const text = seedText('000');
    const got = flagged(text, findings(text, 'foreign-name-dot'));
    for (const n of ['克里斯 斯塔克', '何塞 卡斯特罗', '萨马德·卡米勒 阿里', '沙基尔 拉迈']) assert.ok(got.includes(n), `${n}: ${got.join('|')}`);
    for (const g of got) assert.ok(!/记者|葛晨|彭西|郭爽/.test(g), g);
    for (const s of ['001', '002', '003', '004']) assert.deepEqual(flagged(seedText(s), findings(seedText(s), 'foreign-name-dot')), [], s);
  });

  test('cjk-space and foreign-name-dot never flag the same space', () => {
    const text = '阿根廷工程师何塞 卡斯特罗参与了项目建设。';
    assert.equal(findings(text, 'cjk-space').length, 0);
    assert.equal(findings(text, 'foreign-name-dot').length, 1);
  });
});

describe('unbalanced-pair', () => {
  test('points at the unmatched mark, with the other end of its paragraph as related information', () => {
    const text = '他强调，要坚定“四个自信，做到知行合一。\n下一段。';
    const [f] = findings(text, 'unbalanced-pair');
    assert.equal(text.slice(f.start, f.end), '“');
    assert.equal(f.related!.length, 1);
    assert.ok(f.related![0].start > f.start);
    assert.equal(f.fix, undefined, 'no automatic fix');
  });

  test('seeds, hard-wrapped columns included, raise nothing', { skip: NO_SEEDS }, () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(flagged(seedText(s), findings(seedText(s), 'unbalanced-pair')), [], s);
  });
});

describe('invisible-char', () => {
  test("seed 000's trailing spaces (a Markdown line break) are found and the fix removes only them", { skip: NO_SEEDS }, () => {
    const text = seedText('000');
    const f = findings(text, 'invisible-char');
    assert.ok(f.length >= 3);
    for (const x of f) {
      assert.match(text.slice(x.start, x.end), /^\s+$/);
      assert.equal(han(fixed(text, x)), han(text));
    }
  });

  test('a BOM at the start of the file is not flagged; one inside is', () => {
    assert.equal(findings('\ufeff正文。', 'invisible-char').length, 0);
    assert.equal(findings('正\ufeff文。', 'invisible-char').length, 1);
  });
});

describe('traditional-char', () => {
  test('a wholly traditional document stays quiet; the same characters in a simplified one are flagged', () => {
    assert.equal(findings('我們要推動經濟發展，不斷滿足人民群眾的需要。', 'traditional-char').length, 0);
    assert.deepEqual(flagged('我们要推动經濟发展，不断满足人民群众的需要。', findings('我们要推动經濟发展，不断满足人民群众的需要。', 'traditional-char')), ['經濟']);
  });

  test('the seeds are quiet', { skip: NO_SEEDS }, () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(flagged(seedText(s), findings(seedText(s), 'traditional-char')), [], s);
  });
});

describe('ocr-confusion', () => {
  test('suggests, never applies: the fix is not safe and the message names the reading', () => {
    const text = '各工作小粗要按照分工抓好落实。';
    const [f] = findings(text, 'ocr-confusion');
    assert.equal(f.fix!.safe, false);
    assert.match(f.message.zh, /小组/);
  });

  test('the seeds raise nothing', { skip: NO_SEEDS }, () => {
    for (const s of ['000', '001', '002', '003', '004']) assert.deepEqual(flagged(seedText(s), findings(seedText(s), 'ocr-confusion')), [], s);
  });
});

describe('chars rules on the seeds', () => {
  test('no exception, and every fix keeps every Han character except the deletion or replacement its rule sanctions', { skip: NO_SEEDS }, () => {
    for (const s of ['000', '001', '002', '003', '004']) {
      const text = seedText(s);
      for (const id of RULES) {
        for (const f of findings(text, id)) {
          if (!f.fix) continue;
          const after = fixed(text, f);
          if (id === 'duplicate-text') {
            const removed = f.fix.edits.reduce((n, e) => n + countHan(text, e.start, e.end), 0);
            assert.equal(han(after).length, han(text).length - removed);
          } else if (id === 'traditional-char' || id === 'ocr-confusion') {
            assert.equal(han(after).length, han(text).length);
          } else {
            assert.equal(han(after), han(text), `${s} ${id}`);
          }
        }
      }
    }
  });

  test('hostile inputs: empty, binary, control characters, a long single line, CRLF', () => {
    const inputs = ['', '\u0000\u0001\u0002', '“'.repeat(5000), '损耗'.repeat(20000), '斯 '.repeat(20000), '自已\r\n自已\r\n', Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('latin1')];
    for (const t of inputs) {
      const start = Date.now();
      for (const id of RULES) findings(t, id);
      assert.ok(Date.now() - start < 5000, `slow on input of length ${t.length}`);
    }
  });
});
