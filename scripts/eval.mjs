#!/usr/bin/env node
// Precision and recall of every rule on the labelled fixtures in test/fixtures/rules/<rule-id>.json.
//
// A fixture file is an array of { "text": "...", "expect": [ { "text": "flagged substring", "fix": "text after
// this finding's fix (optional)" } ] }; an empty `expect` means the rule must stay quiet on the text. A finding
// counts as a true positive when its flagged text equals an expected one (each expected item matches once).
//
// Usage: node scripts/eval.mjs [--verbose] [rule-id…]
// Exit status 1 when a rule is below precision 0.95 or recall 0.9 (ocr-confusion: precision 0.8), or a fix
// does not give the expected text. The core is bundled on the fly with esbuild, so no build is needed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const only = args.filter((a) => !a.startsWith('-'));

const PRECISION = { default: 0.95, 'ocr-confusion': 0.8 };
const RECALL = { default: 0.9 };

async function loadCore() {
  const esbuild = require('esbuild');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-eval-')), 'core.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { TextModel } from './server/src/core/text';",
        "export { runRules } from './server/src/core/analyze';",
        "export { applyEdits } from './server/src/core/edits';",
        "export { Glossary } from './server/src/glossary/glossary';",
        "export { loadBuiltinEntries } from './server/src/glossary/load';",
        "export { Lexicon } from './server/src/segment/lexicon';",
        "export { jiebaDictPath } from './server/src/segment/jieba';",
        "export { RULES } from './server/src/rules';",
        "export { fixText } from './server/src/core/fixall';",
        "export { passage, characterErrorRate } from './server/src/core/convergence';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    external: ['nodejieba', 'vscode', 'vscode-languageserver', 'vscode-languageserver/*'],
    // the modules find their data (glossary, jieba dictionary) relative to their own folder
    define: { __dirname: JSON.stringify(path.join(root, 'server', 'src', 'glossary')) },
    logLevel: 'error',
  });
  const core = require(out);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return core;
}

const core = await loadCore();
const glossary = new core.Glossary([core.loadBuiltinEntries().entries]);
const lexicon = new core.Lexicon();
const dict = core.jiebaDictPath();
if (dict) lexicon.loadSync(dict);
lexicon.addWords(glossary.words ?? []);
if (!lexicon.ready) console.warn('eval: the jieba dictionary could not be loaded; rules that need it stay conservative');

const dir = path.join(root, 'test', 'fixtures', 'rules');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
const known = new Set(core.RULES.map((r) => r.id));
let failed = false;
const rows = [];
for (const file of files) {
  const ruleId = file.replace(/\.json$/, '');
  if (only.length && !only.includes(ruleId)) continue;
  if (!known.has(ruleId)) {
    console.log(`${ruleId}: no such rule (fixture file ${file})`);
    failed = true;
    continue;
  }
  const cases = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let badFix = 0;
  const notes = [];
  for (const c of cases) {
    let found = [];
    try {
      found = core.runRules({ model: new core.TextModel(c.text), glossary, lexicon }).filter((f) => f.ruleId === ruleId);
    } catch (e) {
      notes.push(`  crash on ${JSON.stringify(c.text.slice(0, 40))}: ${e}`);
      fn += c.expect.length;
      continue;
    }
    const left = [...c.expect];
    for (const f of found) {
      const s = c.text.slice(f.start, f.end);
      const k = left.findIndex((e) => e.text === s);
      if (k < 0) {
        fp++;
        notes.push(`  FP ${JSON.stringify(s)} in ${JSON.stringify(c.text.slice(0, 50))}`);
        continue;
      }
      tp++;
      const e = left.splice(k, 1)[0];
      if (e.fix !== undefined) {
        const got = f.fix ? core.applyEdits(c.text, f.fix.edits) : c.text;
        if (got !== e.fix) {
          badFix++;
          notes.push(`  fix of ${JSON.stringify(s)}: got ${JSON.stringify(got)}, want ${JSON.stringify(e.fix)}`);
        }
      }
    }
    for (const e of left) {
      fn++;
      notes.push(`  FN ${JSON.stringify(e.text)} in ${JSON.stringify(c.text.slice(0, 50))}`);
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const pMin = PRECISION[ruleId] ?? PRECISION.default;
  const rMin = RECALL[ruleId] ?? RECALL.default;
  const ok = precision >= pMin && recall >= rMin && badFix === 0;
  if (!ok) failed = true;
  rows.push({ ruleId, cases: cases.length, tp, fp, fn, precision, recall, badFix, ok });
  if (verbose || !ok) for (const n of notes) console.log(`${ruleId}${n}`);
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('rule', 18)}${pad('cases', 7)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('precision', 11)}${pad('recall', 8)}fixes`);
for (const r of rows) {
  console.log(`${pad(r.ruleId, 18)}${pad(r.cases, 7)}${pad(r.tp, 5)}${pad(r.fp, 5)}${pad(r.fn, 5)}${pad(r.precision.toFixed(3), 11)}${pad(r.recall.toFixed(3), 8)}${r.badFix ? `${r.badFix} wrong` : 'ok'}${r.ok ? '' : '  << below target'}`);
}
const missing = [...known].filter((id) => !files.includes(`${id}.json`));
if (missing.length && !only.length) console.log(`rules without fixtures: ${missing.join(', ')}`);

// Convergence: seeds 000 and 001 hold the same interview from two OCR sources (000 lost its quotes, 001 is
// hard-wrapped). After fix-all the two should agree almost character for character.
const seeds = path.resolve(root, '..', 'shared', 'seeds');
if (fs.existsSync(seeds) && !only.length) {
  const read = (p) => fs.readFileSync(path.join(seeds, fs.readdirSync(seeds).find((f) => f.startsWith(p))), 'utf8');
  const cut = (t) => core.passage(t, '第三，做好代表选举工作', '中国梦作出新的更大贡献。');
  const env = { glossary, lexicon };
  const a = cut(read('000'));
  const b = cut(read('001'));
  if (a && b) {
    const before = core.characterErrorRate(a, b);
    const after = core.characterErrorRate(cut(core.fixText(read('000'), env, {}).text), cut(core.fixText(read('001'), env, {}).text));
    console.log(`\nconvergence of the interview in seeds 000 and 001 (character error rate, whitespace runs as one line break):`);
    console.log(`  before fix-all ${(before * 100).toFixed(2)}%   after fix-all ${(after * 100).toFixed(2)}%   (genuine wording differences ≈ 0.7%)`);
  }
}
process.exit(failed ? 1 : 0);
