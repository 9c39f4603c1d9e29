import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextModel } from '../../server/src/core/text';
import { runRules } from '../../server/src/core/analyze';
import { fixText } from '../../server/src/core/fixall';
import { applyEdits } from '../../server/src/core/edits';
import { isHan } from '../../server/src/core/cjk';
import { glossary, lexicon, seedText, NO_SEEDS } from './helpers';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [' ', '  ', '\n', '\n\n', '\r\n', '"', "'", '<p>', '</p>', '&nbsp;', '\u200b', '\u3000', '**', '（', '“', '”', '■上接第1版', '\u0007', ',', '2023 年'];

/** The text with `n` random artifacts: inserted noise, doubled characters, deleted characters. */
function mutate(text: string, seed: number, n = 60): string {
  const r = rng(seed);
  let s = text;
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.6) s = s.slice(0, i) + NOISE[Math.floor(r() * NOISE.length)] + s.slice(i);
    else if (op < 0.8) s = s.slice(0, i) + s.slice(i, i + 1).repeat(2) + s.slice(i + 1);
    else s = s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}

const han = (s: string) => [...s].filter((c) => isHan(c.charCodeAt(0))).join('');
const ctx = () => ({ glossary: glossary(), lexicon: lexicon() });

function checkProperties(text: string, label: string): void {
  const model = new TextModel(text);
  const findings = runRules({ model, ...ctx() });
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `${label}: ${f.ruleId} range`);
    if (!f.fix) continue;
    const edits = [...f.fix.edits].sort((a, b) => a.start - b.start);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i].start >= edits[i - 1].end, `${label}: ${f.ruleId} overlapping edits in one fix`);
    assert.doesNotThrow(() => applyEdits(text, f.fix!.edits));
  }
  const once = fixText(text, ctx(), {});
  const twice = fixText(once.text, ctx(), {});
  assert.equal(twice.text, once.text, `${label}: fix-all is idempotent`);
  assert.equal(han(once.text), han(text), `${label}: fix-all keeps every Chinese character, in order`);
}

describe('properties over the seeds and random mutations of them', { skip: NO_SEEDS }, () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    test(`seed ${s} as it is`, () => checkProperties(seedText(s), s));
    test(`seed ${s} with random OCR-like mutations`, () => {
      for (let k = 0; k < 3; k++) checkProperties(mutate(seedText(s), 1000 * Number(s) + k), `${s}/mutation ${k}`);
    });
  }
});

test('properties hold on our own samples and on hostile inputs', () => {
  const inputs = ['', '\n\n\n', '自 己'.repeat(1000), '“'.repeat(500), '<p>'.repeat(300), '\r'.repeat(100) + '文', '\uFFFD\u0000\u001b', '一二三四五六七八九十 '.repeat(200)];
  inputs.forEach((t, i) => checkProperties(t, `hostile ${i}`));
  for (let k = 0; k < 5; k++) checkProperties(mutate('会议强调，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念。\n\n问：如何落实？\n\n答：增强“四个意识”。\n', k, 30), `small ${k}`);
});
