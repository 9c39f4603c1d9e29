import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SEEDS, NO_SEEDS } from './lsp.mjs';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function tmpCorpus(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test('lint prints stylish findings and exits 1 when there are findings', () => {
  const dir = tmpCorpus({ 'a.txt': '要求自 己，严格自律。\n', 'sub/b.txt': '■上接第3版\n正文。\n', 'clean.txt': '坚持稳中求进。\n', 'skip.md': '自 己\n' });
  const r = run('lint', dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /a\.txt\n\s+1:4\s+warning\s+.*cjk-space/);
  assert.match(r.stdout, /b\.txt\n\s+1:1\s+warning\s+.*page-marker/);
  assert.doesNotMatch(r.stdout, /clean\.txt|skip\.md/);
  assert.match(r.stdout, /✖ 共 2 处问题/);
});

test('--format json prints a JSON array with positions, and --lang en speaks English', () => {
  const dir = tmpCorpus({ 'a.txt': '第一行。\n要求自 己。\n' });
  const r = run('lint', '--format', 'json', '--lang', 'en', path.join(dir, 'a.txt'));
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 1);
  assert.deepEqual([out[0].ruleId, out[0].line, out[0].column, out[0].endColumn], ['cjk-space', 2, 4, 5]);
  assert.match(out[0].message, /stray space/);
});

test('a clean corpus exits 0; usage and I/O errors exit 2 with a clear message', () => {
  const dir = tmpCorpus({ 'ok.txt': '坚持稳中求进。\n' });
  assert.equal(run('lint', dir).status, 0);
  const missing = run('lint', path.join(dir, 'nope.txt'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.txt/);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('lint').status, 2);
  assert.equal(run('lint', '--format', 'xml', dir).status, 2);
});

test('binary files are skipped with a note, not crashed on', () => {
  const dir = tmpCorpus({ 'bin.txt': Buffer.from([0, 1, 2, 255, 254, 0, 7]) });
  const r = run('lint', dir);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /binary/);
});

test('lint runs over the seed corpora', { skip: NO_SEEDS }, () => {
  const r = run('lint', '--format', 'json', SEEDS);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  const rules = new Set(out.map((f) => f.ruleId));
  for (const id of ['cjk-space', 'page-marker', 'markup-residue']) assert.ok(rules.has(id), id);
});
