import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportStream, SarifStream, text } from '../../server/src/cli/format';
import { NOTES, type FileResult, type FileFinding } from '../../server/src/cli/engine';
import { t } from '../../server/src/l10n';

const place = { start: 3, end: 5, line: 1, column: 4, endLine: 2, endColumn: 1 };
const finding = (extra: Partial<FileFinding>): FileFinding => ({ ruleId: 'cjk-space', severity: 'warning', message: '多余的空格 "引号" \\ 换行\n', ...place, ...extra });
const file = (name: string, findings: FileFinding[]): FileResult => ({ file: name, command: 'lint', bytes: 10, findings });
/** A report as the CLI writes it, file by file */
const report = (format: 'json' | 'stylish', results: FileResult[]) => {
  const s = new ReportStream(format, 'en');
  return results.map((r) => text(s.part(r))).join('') + s.end();
};

test('the hand-written JSON report is an array with one finding per line, each line what JSON.stringify gives for it', () => {
  const results = [
    file('a "q".txt', [finding({}), finding({ fix: { title: 't', safe: true, edits: [] } })]),
    file('empty.txt', []),
    file('路径/b.txt', [finding({ severity: 'error', fix: { title: 't', safe: false, edits: [{ ...place, newText: '“\t”' }, { ...place, newText: '' }] } })]),
    // what JSON escapes: control characters, a lone surrogate; and what it leaves: a pair, U+2028
    file('c.txt', [finding({ message: '表情😀 孤\ud800 控\u0001\u2028', fix: { title: 't', safe: true, edits: [{ ...place, newText: '\udc00\\' }] } })]),
  ];
  const all = results.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.file,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      fix: f.fix ? { safe: f.fix.safe, edits: f.fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })) } : undefined,
    })),
  );
  const json = report('json', results);
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(all)));
  // `[`, a line per finding (grep and line-based tools see one finding a line), `]`
  const lines = json.split('\n');
  assert.equal(lines.length, all.length + 2);
  assert.deepEqual([lines[0], lines.at(-1)], ['[', ']']);
  assert.deepEqual(lines.slice(1, -1), all.map((f, k) => JSON.stringify(f) + (k < all.length - 1 ? ',' : '')));
  assert.equal(report('json', [file('x.txt', [])]), '[]');
});

test('the stylish report: each file with findings under its name, then the summary', () => {
  const results = [file('a.txt', [finding({})]), file('b.txt', []), file('c.txt', [finding({ severity: 'error', fix: { title: 't', safe: true, edits: [] } })])];
  const whole = report('stylish', results);
  assert.match(whole, /^\na\.txt\n/);
  assert.doesNotMatch(whole, /b\.txt/);
  assert.match(whole, /\nc\.txt\n/);
  assert.match(whole, /✖ 2 problems \(1 error, 1 warning, 0 notes\)/);
  assert.match(whole, /1 of them can be fixed/);
  assert.equal(report('stylish', [file('b.txt', [])]), '');
});

test('the SARIF log written file by file: the results one a line, artifacts indexed in file order, skipped and unreadable files as notifications', () => {
  const read = (name: string, findings: FileFinding[]): FileResult => ({ ...file(name, findings), encoding: 'utf-8' });
  const results: FileResult[] = [
    read('a.txt', [finding({}), finding({ ruleId: 'page-marker', severity: 'information', fix: { title: '删除', safe: true, edits: [{ ...place, newText: '' }] } })]),
    { ...file('bin.txt', []), skipped: 'binary file' },
    read('b.txt', []),
    { ...file('gone.txt', []), error: 'cannot read gone.txt: ENOENT' },
    read('c.txt', [finding({ severity: 'error' })]),
  ];
  const s = new SarifStream('en', '/corpus');
  const log = results.map((r) => s.part(r)).join('') + s.end();
  const run = JSON.parse(log).runs[0];
  assert.deepEqual(
    run.results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; index: number } } }[] }) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.artifactLocation.index]),
    [['cjk-space', 'warning', 'a.txt', 0], ['page-marker', 'note', 'a.txt', 0], ['cjk-space', 'error', 'c.txt', 2]],
  );
  assert.deepEqual(run.results[1].fixes[0].artifactChanges[0].replacements[0].deletedRegion, { startLine: 1, startColumn: 4, endLine: 2, endColumn: 1, charOffset: 3, charLength: 2 });
  assert.deepEqual(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri), ['a.txt', 'b.txt', 'c.txt']);
  const inv = run.invocations[0];
  assert.equal(inv.executionSuccessful, false);
  assert.deepEqual(inv.toolExecutionNotifications.map((n: { level: string }) => n.level), ['note', 'error']);
  assert.deepEqual(inv.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text), ['skipped bin.txt: binary file', 'cannot read gone.txt: ENOENT']);
  // in Chinese (the default), the note on a skipped file too
  const zh = new SarifStream('zh-cn', '/corpus');
  const skipped = JSON.parse(zh.part({ ...file('bin.txt', []), skipped: t(NOTES.binary, 'zh-cn') }) + zh.end()).runs[0].invocations[0];
  assert.equal(skipped.toolExecutionNotifications[0].message.text, '跳过 bin.txt：二进制文件');
  assert.equal(run.tool.driver.rules.length > 10, true);
  // one result a line: each line of the results is an element by itself
  const lines = log.split('\n');
  const first = lines.findIndex((l) => l.trim() === '"results": [') + 1;
  for (let k = 0; k < 3; k++) assert.equal(JSON.parse(lines[first + k].trim().replace(/,$/, '')).ruleId, run.results[k].ruleId);
  // no file, and no finding: still a whole log
  for (const none of [[], [read('a.txt', [])]]) {
    const e = new SarifStream('zh-cn');
    assert.deepEqual(JSON.parse(none.map((r) => e.part(r)).join('') + e.end()).runs[0].results, []);
  }
});
