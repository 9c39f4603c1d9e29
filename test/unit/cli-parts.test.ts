import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine, mergeParts, type FileResult, type JobOptions } from '../../server/src/cli/engine';
import { countIdeographs } from '../../server/src/core/cjk';
import { mergeRendered, packRows, prerender, text } from '../../server/src/cli/format';
import { RULES, rulesOfPart } from '../../server/src/rules';
import { NO_SEEDS, SEEDS } from './helpers';

const job = (extra: Partial<JobOptions>): JobOptions => ({ command: 'lint', locale: 'zh-cn', dryRun: false, rules: {}, ...extra });

test('the two parts of the rules are every rule once, in report order', () => {
  const [a, b] = [rulesOfPart(0, 2), rulesOfPart(1, 2)];
  assert.ok(a.length > 0 && b.length > 0);
  assert.deepEqual([...a, ...b].map((r) => r.id).sort(), RULES.map((r) => r.id).sort());
  for (const part of [a, b]) assert.deepEqual(part, RULES.filter((r) => part.includes(r)));
  assert.deepEqual(rulesOfPart(0, 1), RULES);
});

/** A merged file's part of the report as text: merged JSON is bytes after a 2-byte slot for the separator. */
const shown = (r: FileResult) => (r.renderedBytes ? text(r.renderedBytes.subarray(2)) : r.rendered);

test('findings of both parts at the same place come out in rule order, whichever part found them', () => {
  const place = { line: 1, column: 4, endLine: 1, endColumn: 6 };
  // a rule of the second part that comes before a rule of the first part in report order
  const index = (id: string) => RULES.findIndex((r) => r.id === id);
  const earlier = rulesOfPart(1, 2)[0].id;
  const later = rulesOfPart(0, 2).find((r) => index(r.id) > index(earlier))!.id;
  const f = (ruleId: string, start: number, message: string) => ({ ruleId, severity: 'warning' as const, message, start, end: start + 2, ...place });
  const partOf = (id: string) => (rulesOfPart(0, 2).some((r) => r.id === id) ? 0 : 1);
  const all = [f(later, 1, 'a'), f(earlier, 3, 'b'), f(earlier, 3, 'c'), f(later, 3, 'd'), f(later, 3, 'e'), f(earlier, 7, 'f')];
  const parts: FileResult[] = [0, 1].map((p) => ({ file: 'x.txt', command: 'lint', bytes: 1, findings: all.filter((x) => partOf(x.ruleId) === p) }));
  assert.deepEqual(mergeParts(structuredClone(parts)).findings.map((x) => x.message), ['a', 'b', 'c', 'd', 'e', 'f']);
  for (const render of ['json', 'stylish'] as const) {
    const j = job({ render, color: render === 'stylish' });
    // as in the CLI: part 0 packed on the main thread (its texts kept apart), part 1 in a worker (joined)
    const merged = mergeRendered(structuredClone(parts).map((p, i) => packRows(p, p.findings.length, (k) => p.findings[k], j, i === 0)), j);
    const whole = prerender({ file: 'x.txt', command: 'lint', bytes: 1, findings: all }, j);
    assert.equal(shown(merged), shown(whole), render);
    assert.deepEqual([merged.tally, merged.findingCount], [whole.tally, whole.findingCount]);
  }
});

test('on the seed corpora, linting in two parts and merging gives the report of one run with every rule', (t) => {
  if (NO_SEEDS) return t.skip(NO_SEEDS);
  const engine = new Engine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-parts-'));
  // the seeds, and one with the shape-similar misreadings and doubled characters the word rules find
  const files = fs.readdirSync(SEEDS).map((f) => path.join(SEEDS, f));
  const mixed = path.join(tmp, 'mixed.txt');
  fs.writeFileSync(mixed, '小粗会议要求 各地 各部门认真落实落实，达背原则的的做法。\n■上接第2版\n<p>坚持“四个意识”</p>\n'.repeat(20));
  files.push(mixed);
  let total = 0;
  for (const file of files) {
    for (const render of ['json', 'stylish'] as const) {
      const whole = prerender(engine.process(file, job({ render })), job({ render }));
      const parts = [0, 1].map((part) => engine.process(file, job({ render, part, parts: 2 })));
      const merged = mergeRendered(parts, job({ render }));
      assert.equal(shown(merged), shown(whole), `${path.basename(file)} ${render}`);
      assert.equal(merged.findingCount, whole.findingCount);
      total += whole.findingCount ?? 0;
    }
    const all = engine.process(file, job({}));
    const merged = mergeParts([0, 1].map((part) => engine.process(file, job({ part, parts: 2 }))));
    assert.deepEqual(merged.findings, all.findings, path.basename(file));
  }
  assert.ok(total > 100, `the corpora have findings to merge (${total})`);
});

test('stats counts Han characters as before (a supplementary-plane character once), and in two parts the same as in one', (t) => {
  // the expression stats counted with until it made a string per character
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/g;
  const units = [0x4e00, 0x9fff, 0x3400, 0x4dbf, 0x4dc0, 0xf900, 0xfaff, 0xfb00, 0x3007, 0x3000, 0x41, 0xd83f, 0xd840, 0xd87f, 0xd880, 0xdc00, 0xdfff, 0xe000];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  for (let k = 0; k < 20000; k++) {
    let s = '';
    for (let n = next() % 12; n > 0; n--) s += String.fromCharCode(units[next() % units.length]);
    assert.equal(countIdeographs(s), s.match(HAN)?.length ?? 0, JSON.stringify(s));
  }
  assert.equal(countIdeographs('〇𠀀一\ud840'), 2);
  // the counts of a file in two parts of the rules (two threads) merged: those of one part with every rule
  const engine = new Engine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-stats-'));
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, '一、总体要求\n增强“四个意识”，𠀀𠀁坚定“四个自信”。\n\n二、主要任务\n要求自 己，达背原则的的做法。\n■上接第2版\n');
  const stats = job({ command: 'stats' });
  const whole = engine.process(file, stats).stats!;
  assert.equal(whole.hanCharacters, 40);
  assert.equal(whole.outline, 2);
  assert.equal(whole.slogans['四个意识'], 1);
  const merged = mergeParts([0, 1].map((part) => engine.process(file, { ...stats, part, parts: 2 }))).stats!;
  assert.deepEqual(merged, whole);
  assert.ok(Object.keys(whole.findingsByRule).length >= 3, JSON.stringify(whole.findingsByRule));
  if (NO_SEEDS) return t.skip(NO_SEEDS);
  for (const f of fs.readdirSync(SEEDS)) {
    const one = engine.process(path.join(SEEDS, f), stats).stats!;
    assert.deepEqual(mergeParts([0, 1].map((part) => engine.process(path.join(SEEDS, f), { ...stats, part, parts: 2 }))).stats, one, f);
    assert.equal(one.hanCharacters, fs.readFileSync(path.join(SEEDS, f), 'utf8').match(HAN)?.length ?? 0, f);
  }
});
