import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBuiltinEntries, dataDir, parseGlossary } from '../../server/src/glossary/load';
import { variantForm } from '../../server/src/glossary/glossary';
import { formulaCount } from '../../server/src/glossary/numeral';
import { findSlogans } from '../../server/src/glossary/match';
import { TextModel } from '../../server/src/core/text';
import { glossary, seedText, NO_SEEDS } from './helpers';

const { entries, problems } = loadBuiltinEntries();

describe('the built-in glossary data', () => {
  test('every file parses and every entry has the required fields', () => {
    assert.deepEqual(problems.map((p) => `${p.message.en} (#${p.entryIndex})`), []);
    assert.ok(entries.length >= 30, `${entries.length} entries`);
  });

  test('the files also satisfy the JSON Schema shipped for user glossaries', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(dataDir(), 'glossary.schema.json'), 'utf8'));
    const props = Object.keys(schema.definitions.entry.properties);
    const cats: string[] = schema.definitions.entry.properties.category.enum;
    for (const e of entries) {
      for (const k of Object.keys(e)) if (k !== 'origin') assert.ok(props.includes(k), `${e.term}: field ${k} not in the schema`);
      assert.ok(cats.includes(e.category), `${e.term}: category ${e.category}`);
    }
  });

  test('no term or variant belongs to two entries', () => {
    const owner = new Map<string, string>();
    for (const e of entries) {
      for (const form of [e.term, ...(e.variants ?? []).map((v) => variantForm(v).form)]) {
        const bare = form.replace(/\s/g, '');
        assert.ok(!owner.has(bare) || owner.get(bare) === e.term, `“${bare}” is in ${owner.get(bare)} and ${e.term}`);
        owner.set(bare, e.term);
      }
    }
  });

  test('a numbered formula lists as many members as its numeral says', () => {
    for (const e of entries) {
      const n = formulaCount(e.term);
      if (n === undefined || e.numbered === false) continue;
      assert.ok(e.components, `${e.term} is a numbered formula: it needs components (or "numbered": false)`);
      assert.equal(e.components!.length, n, `${e.term}: ${e.components!.join('、')}`);
    }
  });

  test('the count rule itself', () => {
    assert.equal(formulaCount('四个意识'), 4);
    assert.equal(formulaCount('三严三实'), 6);
    assert.equal(formulaCount('三去一降一补'), 5);
    assert.equal(formulaCount('两不愁三保障'), 5);
    assert.equal(formulaCount('一带一路'), 2);
    assert.equal(formulaCount('五位一体'), 5);
    assert.equal(formulaCount('两个一百年'), 2);
    assert.equal(formulaCount('双碳'), 2);
    assert.equal(formulaCount('八项规定'), 8);
    assert.equal(formulaCount('新发展理念'), undefined);
  });

  test('related terms exist and dates are well-formed', () => {
    const terms = new Set(entries.map((e) => e.term));
    for (const e of entries) {
      for (const r of e.related ?? []) assert.ok(terms.has(r), `${e.term} → ${r} has no entry`);
      if (e.firstProposed?.date) assert.match(e.firstProposed.date, /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, e.term);
    }
  });

  test('definitions are short sentences of our own, in Chinese', () => {
    for (const e of entries) {
      assert.ok(e.definition.length >= 10 && e.definition.length <= 200, `${e.term}: ${e.definition.length} characters`);
      assert.match(e.definition, /[\u4e00-\u9fff]/);
    }
  });
});

describe('matching slogans where OCR left them', () => {
  const find = (text: string) => findSlogans(new TextModel(text), glossary()).map((m) => [text.slice(m.start, m.end), m.form.entry.term]);

  test('quoted, unquoted, with a stray space, across a hard wrap and letter-spaced', () => {
    assert.deepEqual(find('增强“四个意识”'), [['四个意识', '四个意识']]);
    assert.deepEqual(find('增强 四个意识、坚定'), [['四个意识', '四个意识']]);
    assert.deepEqual(find('增强四 个意识'), [['四 个意识', '四个意识']]);
    assert.deepEqual(find('增强“四\n\n个意识”'), [['四\n\n个意识', '四个意识']]);
    assert.deepEqual(find('增强“四\r\n\r\n个意识”'), [['四\r\n\r\n个意识', '四个意识']]);
    assert.deepEqual(find('“ 四 个 意 识 ”'), [['四 个 意 识', '四个意识']]);
  });

  test('short terms in quotes or padded are certain; bare ones wait for segmentation', () => {
    const g = glossary();
    const ms = (text: string) => findSlogans(new TextModel(text), g).filter((m) => m.form.entry.term === '七一');
    assert.equal(ms('学习“七一”重要讲话')[0].needsSegmentation, false);
    assert.equal(ms('学习 七一 重要讲话')[0].needsSegmentation, false);
    assert.equal(ms('学习七一重要讲话')[0].needsSegmentation, true);
  });

  test('a malformed user glossary gives problems, not an exception', () => {
    assert.equal(parseGlossary('[{"term": "x"', 'u.json').problems.length, 1);
    const r = parseGlossary('[{"term":"两个结合","category":"无此类","definition":"d","sources":[]}, {"term":"好","category":"经济","definition":"一句释义。","sources":["某文件"]}]', 'u.json');
    assert.equal(r.entries.length, 1);
    assert.ok(r.problems.length >= 2);
    assert.equal(parseGlossary('{}', 'u.json').problems.length, 1);
  });
});

describe('coverage of quoted numbered formulas', () => {
  test('counts quoted and quote-stripped formulas, and skips torn fragments of known slogans', async () => {
    const { coverage } = await import('../../server/src/glossary/coverage');
    const c = coverage(['要增强“四个意识”，坚持“五个一以贯之”和 九个必须 的要求，共建 一带 一路 合作。'], glossary());
    assert.deepEqual([...c.counts.keys()].sort(), ['五个一以贯之', '九个必须', '四个意识'].sort());
    assert.deepEqual(c.missing.map((m) => m[0]).includes('五个一以贯之') || c.covered.includes('五个一以贯之'), true);
  });

  test('every quoted numbered formula in the seeds has an entry (100%)', { skip: NO_SEEDS }, async () => {
    const { coverage } = await import('../../server/src/glossary/coverage');
    const texts = ['000', '001', '002', '003', '004'].map(seedText);
    const c = coverage(texts, glossary());
    assert.ok(c.counts.size >= 20, `${c.counts.size} formulas`);
    assert.deepEqual(c.missing, []);
  });

  test('the built-in glossary has at least 300 entries across the fields', () => {
    assert.ok(entries.length >= 300, `${entries.length}`);
    const cats = new Set(entries.map((e) => e.category));
    for (const c of ['党的建设', '经济', '外交', '生态', '法治', '社会', '港澳台', '历史']) assert.ok(cats.has(c), c);
    for (const t of ['两个确立', '十四五', '六稳', '三去一降一补', '两不愁三保障', '一国两制', '九二共识', '四项基本原则', '四人帮', '一带一路', '十五五'])
      assert.ok(glossary().formOf(t), t);
  });
});
