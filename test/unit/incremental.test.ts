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
