import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextModel } from '../../server/src/core/text';
import { runRules, type AnalyzedFinding } from '../../server/src/core/analyze';
import { IncrementalAnalyzer, blocksOf, scopeOf } from '../../server/src/core/incremental';
import { findSlogans } from '../../server/src/glossary/match';
import { RULES } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';
import { msg } from '../../server/src/l10n';
import { glossary, lexicon, seedText, NO_SEEDS } from './helpers';

const env = () => ({ glossary: glossary(), lexicon: lexicon(), rules: {} });
const key = (f: AnalyzedFinding) => `${f.ruleId}@${f.start}-${f.end}:${JSON.stringify(f.fix?.edits ?? [])}:${JSON.stringify(f.related?.map((r) => [r.start, r.end]) ?? [])}`;
const keys = (fs: AnalyzedFinding[]) => fs.map(key).sort();

/** A paragraph-local rule of our own: flags `自 己` with a fix, and relates it to its paragraph's start. */
const SPACE_RULE: Rule & { scope: 'paragraph' } = {
  id: 'test-space',
  title: msg('测试', 'test'),
  description: msg('测试', 'test'),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model }) {
    const out = [];
    for (const p of model.paragraphs)
      for (let i = model.text.indexOf('自 己', p.start); i >= 0 && i < p.end; i = model.text.indexOf('自 己', i + 1))
        out.push({ ruleId: 'test-space', start: i, end: i + 3, message: msg('空格', 'space'), fix: { title: msg('删', 'del'), safe: true, edits: [{ start: i + 1, end: i + 2, newText: '' }] }, related: [{ start: p.start, end: p.start + 1, message: msg('段首', 'start') }] });
    return out;
  },
};

function corpus(): string {
  const paras: string[] = [];
  for (let i = 0; i < 400; i++) paras.push(`第${i}段。要求自 己，严格自律，增强“四个意识”，推动高质量发展。${'坚持稳中求进工作总基调。'.repeat(i % 7)}`);
  return paras.join('\n\n');
}

test('blocks partition the document and an edit re-analyses only the blocks it touches', () => {
  let text = corpus();
  const model = new TextModel(text);
  const blocks = blocksOf(model);
  assert.ok(blocks.length > 5, `${blocks.length} blocks`);
  assert.equal(blocks[0].ownStart, 0);
  assert.equal(blocks[blocks.length - 1].ownEnd, text.length);
  for (let i = 1; i < blocks.length; i++) assert.equal(blocks[i].ownStart, blocks[i - 1].ownEnd);
  const inc = new IncrementalAnalyzer([SPACE_RULE]);
  inc.analyzeSync(text, env());
  for (const at of [0.1, 0.5, 0.9]) {
    const off = text.indexOf('严格', Math.floor(at * text.length));
    text = text.slice(0, off) + '的' + text.slice(off);
    const r = inc.analyzeSync(text, env());
    assert.ok(inc.lastRun.reused >= inc.lastRun.blocks - 2, JSON.stringify(inc.lastRun));
    assert.deepEqual(keys(r.findings), keys(runRules({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon() }, {}, [SPACE_RULE])));
  }
});

test('findings of paragraph rules, shifted from cached blocks, equal a full analysis after edits', () => {
  let text = corpus();
  const inc = new IncrementalAnalyzer([SPACE_RULE]);
  // edits that add and remove paragraphs, join them, and change the hashed paragraph ends
  const edits: [string, string][] = [
    ['第10段。', '第10段。\n\n新的一段：自 己。\n\n'],
    ['\n\n第20段', '第20段'],
    ['高质量发展。', '高质量发展。自 己'],
    ['第300段。要求自 己', '第300段。要求自己'],
  ];
  for (const [from, to] of edits) {
    text = text.replace(from, to);
    const r = inc.analyzeSync(text, env());
    assert.deepEqual(keys(r.findings), keys(runRules({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon() }, {}, [SPACE_RULE])));
    assert.deepEqual(
      r.slogans.map((m) => [m.start, m.end]),
      findSlogans(new TextModel(text), glossary()).map((m) => [m.start, m.end]),
    );
  }
});

test('the editor (incremental) and the CLI (full) give the same findings for every rule, on the seeds and after edits', { skip: NO_SEEDS }, () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    let text = seedText(prefix);
    const inc = new IncrementalAnalyzer();
    for (let k = 0; k < 3; k++) {
      const r = inc.analyzeSync(text, env());
      const full = runRules({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon() }, {});
      assert.deepEqual(keys(r.findings), keys(full), `seed ${prefix}, edit ${k}; paragraph-scoped: ${RULES.filter((x) => scopeOf(x) === 'paragraph').map((x) => x.id)}`);
      const at = Math.floor(((k + 1) / 4) * text.length);
      text = text.slice(0, at) + (k === 1 ? '\n\n' : '的 ') + text.slice(at);
    }
  }
});

/** A paragraph rule that reports every paragraph with its text and its neighbours', so that any block wrongly reused shows. */
const PROBE: Rule = {
  id: 'test-probe',
  title: msg('测试', 'test'),
  description: msg('测试', 'test'),
  defaultSeverity: 'hint',
  fixAllSafe: false,
  scope: 'paragraph',
  check: ({ model }) =>
    model.paragraphs.map((p, i, ps) => ({
      ruleId: 'test-probe',
      start: p.start,
      end: p.end,
      message: msg([ps[i - 1], p, ps[i + 1]].map((q) => (q ? model.text.slice(q.start, q.end) : '')).join('|'), ''),
    })),
};

test('typing, deleting and pasting anywhere: the reused blocks (before and after the edit) give what a full analysis gives', { skip: NO_SEEDS }, () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  for (const prefix of ['000', '002']) {
    let text = seedText(prefix);
    const local = [...RULES.filter((x) => scopeOf(x) === 'paragraph'), PROBE];
    const inc = new IncrementalAnalyzer(local);
    let reused = 0;
    for (let k = 0; k < 60; k++) {
      // half of the edits right at a block's edges, where reuse could go wrong
      const bs = blocksOf(new TextModel(text));
      const b = bs[rnd(bs.length)];
      const edges = [b.winEnd - 1 - rnd(3), b.winStart + rnd(3), b.ownStart + rnd(3) - 1, b.ownEnd - rnd(3)];
      const at = Math.max(0, Math.min(text.length, k % 2 ? edges[rnd(4)] : rnd(text.length + 1)));
      const kind = k % 4 === 1 ? 5 : rnd(6);
      if (kind === 5) text = text.slice(0, at) + (text[at] === '国' ? '家' : '国') + text.slice(at + 1); // a character replaced (same length)
      else if (kind === 0) text = text.slice(0, at) + '的' + text.slice(at); // a typed character
      else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1); // a deleted one
      else if (kind === 2) text = text.slice(0, at) + '\n' + text.slice(at); // a new line
      else if (kind === 3) text = text.slice(0, at) + text.slice(at + 1 + rnd(400)); // a cut
      else text = text.slice(0, at) + text.slice(rnd(text.length), rnd(text.length)) + text.slice(at); // a paste
      const r = inc.analyzeLocal(text, env());
      reused += inc.lastRun.reused;
      const full = runRules({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon() }, {}, local);
      const withText = (fs: AnalyzedFinding[]) => fs.map((f) => `${key(f)}:${f.message.zh}`).sort();
      assert.deepEqual(withText(r.findings), withText(full), `seed ${prefix}, edit ${k} (kind ${kind} at ${at})`);
      assert.deepEqual(
        r.slogans.map((m) => [m.start, m.end]),
        findSlogans(new TextModel(text), glossary()).map((m) => [m.start, m.end]),
      );
    }
    assert.ok(reused > 60, `unchanged blocks are reused (${reused} times in 60 edits)`);
  }
});

test('a document-wide finding whose related place lies past an edit is not carried with a stale place', () => {
  // a document-scoped rule of our own: the opening quote, related to the closing one (as both ends of a pair)
  const ENDS_RULE: Rule = {
    id: 'test-ends',
    title: msg('测试', 'test'),
    description: msg('测试', 'test'),
    defaultSeverity: 'warning',
    fixAllSafe: false,
    check({ model }) {
      const close = model.text.indexOf('”');
      return [{ ruleId: 'test-ends', start: 0, end: 1, message: msg('首', 'first'), related: [{ start: close, end: close + 1, message: msg('尾', 'last') }] }];
    },
  };
  const inc = new IncrementalAnalyzer([ENDS_RULE]);
  const text = '“开头一段。\n\n中间一段。\n\n结尾一段。”\n\n附言。';
  inc.analyzeGlobal(new TextModel(text), env());
  // an edit between the two places: the finding waits for the next full run rather than point at the old end
  assert.deepEqual(inc.carriedGlobal(text.replace('中间', '中间插入')), []);
  // an edit after both places: the finding stays as it is
  assert.deepEqual(keys(inc.carriedGlobal(text.replace('附言', '附加的话'))!), ['test-ends@0-1:[]:[[20,21]]']);
});
