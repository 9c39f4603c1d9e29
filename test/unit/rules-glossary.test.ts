import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextModel } from '../../server/src/core/text';
import type { Glossary } from '../../server/src/glossary/glossary';
import { RULES, rulesOfPart } from '../../server/src/rules';
import { glossary, lexicon, NO_SEEDS, SEEDS } from './helpers';

/** A glossary that fails the test as soon as anything of it is read. */
function untouchable(ruleId: string): Glossary {
  return new Proxy({} as Glossary, {
    get(_, key) {
      throw new Error(`${ruleId} read glossary.${String(key)} but does not declare usesGlossary`);
    },
  });
}

// texts with what every rule looks for: slogans with stripped quotes, spaced and letter-spaced Han, hard
// wraps, page markers, markup, doubled and misread characters, a table of contents
const OWN = [
  '坚持 四个意识 ，做到两个维护。各地 各部门认真落实落实，达背原则的的做法。\n■上接第2版\n<p>坚持“四个意识”</p>\n',
  '目    录\n一、总则……………1\n二、附则……………9\n\n一、总则\n\n本办法自2024年1月1日起施行。\n第一条  为了加强管理，\n制定本办法。\n',
  '中  华  人  民  共  和  国\n问：什么是“两个确立”？\n答：确立习近平同志党中央的核心、全党的核心地位。“\u200b十四五”规划 15 %增长\n',
];

test('a rule that does not declare usesGlossary never reads the glossary (a CLI worker leaves it unloaded)', (t) => {
  const texts = [...OWN];
  if (NO_SEEDS) t.diagnostic(NO_SEEDS);
  else for (const f of fs.readdirSync(SEEDS)) texts.push(fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  const without = RULES.filter((r) => !r.usesGlossary);
  assert.ok(without.length > 0 && without.length < RULES.length);
  for (const text of texts) for (const rule of without) rule.check({ model: new TextModel(text), glossary: untouchable(rule.id), lexicon: lexicon(), options: {} });
  // nor is the flag a stale claim: each rule that declares it reads the glossary on these texts
  for (const rule of RULES.filter((r) => r.usesGlossary))
    assert.throws(
      () => texts.forEach((text) => rule.check({ model: new TextModel(text), glossary: untouchable(rule.id), lexicon: lexicon(), options: {} })),
      /read glossary/,
      `${rule.id} declares usesGlossary but never read it`,
    );
  // and the rules work with the real one on the same texts
  for (const text of texts) for (const rule of RULES) rule.check({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon(), options: {} });
});

test("the CLI worker's part of the rules needs no glossary", () => {
  assert.deepEqual(rulesOfPart(1, 2).filter((r) => r.usesGlossary).map((r) => r.id), []);
});
