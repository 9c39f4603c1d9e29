import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, SEEDS, NO_SEEDS, gbBytes, big5Bytes } from './lsp.mjs';

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
  assert.match(missing.stderr, /nope\.txt: 文件不存在/);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('lint').status, 2);
  // what is wrong, then the usage: in Chinese unless --lang en
  const xml = run('lint', '--format', 'xml', dir);
  assert.equal(xml.status, 2);
  assert.match(xml.stderr, /^tifa: lint 不支持格式 xml\n用法：tifa lint/);
  const jobs = run('lint', '--lang', 'en', '--jobs', '0', dir);
  assert.equal(jobs.status, 2);
  assert.match(jobs.stderr, /^tifa: --jobs needs a whole number ≥ 1\nusage: tifa lint/);
  // asked for, the usage goes to stdout and the exit status is 0
  for (const [lang, head] of [['zh-cn', /^用法：/], ['en', /^usage: /]]) {
    const help = run('--help', '--lang', lang);
    assert.equal(help.status, 0);
    assert.match(help.stdout, head);
    assert.match(help.stdout, /--encoding/);
  }
});

test('binary files are skipped with a note, not crashed on', () => {
  const dir = tmpCorpus({ 'bin.txt': Buffer.from([0, 1, 2, 255, 254, 0, 7]) });
  const r = run('lint', dir);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /^tifa: 跳过 .*bin\.txt：二进制文件$/m);
  assert.match(run('lint', '--lang', 'en', dir).stderr, /^tifa: skipped .*bin\.txt: binary file$/m);
});

test('lint runs over the seed corpora', { skip: NO_SEEDS }, () => {
  const r = run('lint', '--format', 'json', SEEDS);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  const rules = new Set(out.map((f) => f.ruleId));
  for (const id of ['cjk-space', 'page-marker', 'markup-residue']) assert.ok(rules.has(id), id);
});

// --- corpus scale: encodings, fix, SARIF, stats, parallel runs, ignores ------------------------------

const runIn = (cwd, args, env = {}) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });


test('a GB18030 file with CRLF is linted, and fix writes it back in GB18030 with CRLF', () => {
  const text = '关于加强基层治理的意见\r\n要求自 己，严格自律。\r\n';
  const dir = tmpCorpus({ 'gb.txt': gbBytes(text) });
  const file = path.join(dir, 'gb.txt');
  const lint = run('lint', '--format', 'json', file);
  assert.equal(lint.status, 1, lint.stderr);
  const out = JSON.parse(lint.stdout);
  assert.deepEqual([out[0].ruleId, out[0].line, out[0].column], ['cjk-space', 2, 4]);
  const fix = run('fix', file);
  assert.equal(fix.status, 0, fix.stderr + fix.stdout);
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.equals(gbBytes(text.replace('自 己', '自己'))), 'GB18030 bytes, CRLF line endings');
  assert.match(fix.stderr, /已修复 1 个文件中的 1 处问题/);
});

test('a Big5 file (traditional Chinese) is linted as Big5, not as the rare characters its bytes are in GB18030, and fixed back in Big5', () => {
  const text = '關於加強基層治理的意見\r\n一、各單位要求自 己，嚴格自律，落實「十四五」規劃。\r\n';
  const dir = tmpCorpus({ 'big5.txt': big5Bytes(text) });
  const file = path.join(dir, 'big5.txt');
  const lint = run('lint', '--format', 'json', file);
  assert.equal(lint.status, 1, lint.stderr);
  // read as GB18030 it was other characters, and the space fell elsewhere among them
  assert.deepEqual(JSON.parse(lint.stdout).map((f) => [f.ruleId, f.line, f.column]), [['cjk-space', 2, 9]]);
  assert.equal(run('fix', file).status, 0);
  assert.ok(fs.readFileSync(file).equals(big5Bytes(text.replace('自 己', '自己'))), 'Big5 bytes, CRLF line endings');
});

test('--encoding forces the reading of a file', () => {
  const dir = tmpCorpus({ 'gbk.txt': gbBytes('要求自 己。\n') });
  const r = run('lint', '--encoding', 'gbk', '--format', 'json', dir);
  assert.equal(JSON.parse(r.stdout)[0].ruleId, 'cjk-space');
  assert.equal(run('lint', '--encoding', 'ebcdic', dir).status, 2);
});

test('fix keeps a UTF-16 LE file in UTF-16 LE with its BOM', () => {
  const le = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const dir = tmpCorpus({ 'u16.txt': le('要求自 己，严格自律。\n') });
  const r = run('fix', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.readFileSync(path.join(dir, 'u16.txt')).equals(le('要求自己，严格自律。\n')));
});

test('UTF-16 saved without a BOM is linted (it was skipped as binary) and fixed in the same byte order, still without a BOM', () => {
  const le = (s) => Buffer.from(s, 'utf16le');
  const be = (s) => Buffer.from(s, 'utf16le').swap16();
  const dir = tmpCorpus({ 'le.txt': le('总则\r\n要求自 己，严格自律。\r\n'), 'be.txt': be('总则\r\n要求自 己，严格自律。\r\n') });
  const lint = run('lint', '--format', 'json', dir);
  assert.equal(lint.status, 1, lint.stderr);
  const spaces = JSON.parse(lint.stdout).filter((f) => f.ruleId === 'cjk-space');
  assert.deepEqual(spaces.map((f) => [path.basename(f.file), f.line, f.column]), [['be.txt', 2, 4], ['le.txt', 2, 4]]);
  assert.doesNotMatch(lint.stderr, /二进制|binary/);
  assert.equal(run('fix', dir).status, 0);
  assert.ok(fs.readFileSync(path.join(dir, 'le.txt')).equals(le('总则\r\n要求自己，严格自律。\r\n')));
  assert.ok(fs.readFileSync(path.join(dir, 'be.txt')).equals(be('总则\r\n要求自己，严格自律。\r\n')));
});

test('fix --dry-run prints a unified diff and leaves the file alone', () => {
  const before = '第一段。\n\n要求自 己，严格自律。\n';
  const dir = tmpCorpus({ 'a.txt': before });
  const r = runIn(dir, ['fix', '--dry-run', 'a.txt']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, ['--- a/a.txt', '+++ b/a.txt', '@@ -1,3 +1,3 @@', ' 第一段。', ' ', '-要求自 己，严格自律。', '+要求自己，严格自律。', ''].join('\n'));
  assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), before);
  assert.match(r.stderr, /可修复 1 个文件中的 1 处问题/);
});

test('the dry-run diff of a UTF-8 file with a byte order mark keeps the mark in its first line, so that patch applies it', () => {
  const before = '\ufeff要求自 己，严格自律。\n第二段。\n';
  const dir = tmpCorpus({ 'a.txt': before });
  const r = runIn(dir, ['fix', '--dry-run', 'a.txt']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n').slice(2, 5).join('\n'), ['@@ -1,2 +1,2 @@', '-\ufeff要求自 己，严格自律。', '+\ufeff要求自己，严格自律。'].join('\n'));
  // what patch makes of it is what fix writes
  const copy = path.join(dir, 'b.txt');
  fs.writeFileSync(copy, before);
  const p = spawnSync('patch', ['-s', copy], { input: r.stdout, encoding: 'utf8' });
  if (p.error) return; // no patch program here: the lines above are the check
  assert.equal(p.status, 0, p.stderr + p.stdout);
  assert.equal(runIn(dir, ['fix', 'a.txt']).status, 0);
  assert.deepEqual(fs.readFileSync(copy), fs.readFileSync(path.join(dir, 'a.txt')));
});

test('fix exits 1 when findings without a safe fix remain, and never rewrites a file it cannot read back', () => {
  const dir = tmpCorpus({ 'marker.txt': '■上接第3版\n要求自 己。\n' });
  const r = run('fix', '--format', 'json', dir);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout).map((f) => f.ruleId), ['page-marker']);
  assert.equal(fs.readFileSync(path.join(dir, 'marker.txt'), 'utf8'), '■上接第3版\n要求自己。\n');
  // a stray invalid byte: read (lossy), but the file is not rewritten
  const long = '这是一段相当长的正文，用来说明偶尔出现的坏字节不会让整个文件被拒绝。'.repeat(20);
  const bytes = Buffer.concat([Buffer.from(long + '\n要求自 己。\n', 'utf8'), Buffer.from([0xe4, 0xb8, 0x0a])]);
  const bad = tmpCorpus({ 'bad.txt': bytes });
  const b = run('fix', bad);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /未修复 .*bad\.txt：文件含有无效的 utf-8 字节/);
  assert.match(run('fix', '--lang', 'en', bad).stderr, /not fixed .*bad\.txt: it has invalid utf-8 bytes/);
  assert.ok(fs.readFileSync(path.join(bad, 'bad.txt')).equals(bytes));
});

test('a pipe named on the command line is not read (it would wait for ever): a clear message, exit 2, the other files linted', (t) => {
  const dir = tmpCorpus({ 'a.txt': '要求自 己。\n' });
  const fifo = path.join(dir, 'pipe.txt');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
  const r = spawnSync(process.execPath, [CLI, 'lint', '--lang', 'en', '--format', 'json', fifo, path.join(dir, 'a.txt')], { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /pipe\.txt: not a regular file/);
  assert.deepEqual(JSON.parse(r.stdout).map((f) => f.ruleId), ['cjk-space']);
  // in a folder, it is passed over like any other non-text entry
  assert.equal(runIn(dir, ['lint', '.']).status, 1);
});

test('fix leaves a read-only file as it is, says so, and reports the findings it still has', () => {
  const dir = tmpCorpus({ 'ro.txt': '要求自 己，严格自律。\n', 'rw.txt': '要求自 己。\n' });
  const ro = path.join(dir, 'ro.txt');
  fs.chmodSync(ro, 0o444);
  const r = run('fix', '--format', 'json', dir);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /无法写入 .*ro\.txt：文件为只读/);
  assert.equal(fs.readFileSync(ro, 'utf8'), '要求自 己，严格自律。\n');
  assert.equal(fs.statSync(ro).mode & 0o777, 0o444);
  // the writable file beside it is fixed; the read-only one's finding is reported as still there
  assert.equal(fs.readFileSync(path.join(dir, 'rw.txt'), 'utf8'), '要求自己。\n');
  assert.deepEqual(JSON.parse(r.stdout).map((f) => [path.basename(f.file), f.ruleId]), [['ro.txt', 'cjk-space']]);
});

test('fix keeps a file\'s mode whatever the umask, and its owner where it may', () => {
  const dir = tmpCorpus({ 'g.txt': '要求自 己。\n' });
  const g = path.join(dir, 'g.txt');
  fs.chmodSync(g, 0o664);
  // as root (CI), a file of another user: it stays theirs
  const root = process.getuid?.() === 0;
  if (root) fs.chownSync(g, 65534, 65534);
  const r = spawnSync('sh', ['-c', `umask 022 && "${process.execPath}" "${CLI}" fix "${g}"`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.readFileSync(g, 'utf8'), '要求自己。\n');
  const st = fs.statSync(g);
  assert.equal(st.mode & 0o777, 0o664);
  if (root) assert.deepEqual([st.uid, st.gid], [65534, 65534]);
});

/** SARIF 2.1.0 schema: shipped by @microsoft/jest-sarif (a devDependency), validated with ajv. */
const SARIF_SCHEMA_FILE = process.env.SARIF_SCHEMA ?? path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
function sarifValidator() {
  const schemaFile = SARIF_SCHEMA_FILE;
  const require = createRequire(path.join(ROOT, 'package.json'));
  const Ajv = require('ajv');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  // a draft-04 schema: ajv 8 reads it once `id` is `$id`; one of its patterns is not valid with the u flag
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  return ajv.compile(schema);
}
const SARIF_SCHEMA = fs.existsSync(SARIF_SCHEMA_FILE) ? false : 'the SARIF 2.1.0 schema (devDependency @microsoft/jest-sarif) is not installed';

function sarifRun() {
  const dir = tmpCorpus({ 'a.txt': '要求自 己，严格自律。\n', '文件/b.txt': '■上接第3版\n正文。\n', 'bin.txt': Buffer.from([0, 1, 2, 0]) });
  const r = runIn(dir, ['lint', '--format', 'sarif', '.']);
  assert.equal(r.status, 1, r.stderr);
  return JSON.parse(r.stdout);
}

test('--format sarif: one run with rule metadata, results with regions and fixes', () => {
  const log = sarifRun();
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  const driver = run0.tool.driver;
  assert.equal(driver.name, 'tifa');
  const cjk = driver.rules.find((r) => r.id === 'cjk-space');
  assert.ok(cjk.helpUri.endsWith('docs/rules/cjk-space.md'));
  assert.ok(cjk.properties.title.zh && cjk.properties.title.en);
  assert.equal(run0.columnKind, 'utf16CodeUnits');
  const res = run0.results.find((r) => r.ruleId === 'cjk-space');
  assert.equal(driver.rules[res.ruleIndex].id, 'cjk-space');
  assert.equal(res.level, 'warning');
  const loc = res.locations[0].physicalLocation;
  assert.deepEqual([loc.artifactLocation.uri, loc.artifactLocation.uriBaseId], ['a.txt', '%SRCROOT%']);
  assert.deepEqual([loc.region.startLine, loc.region.startColumn, loc.region.endColumn], [1, 4, 5]);
  const rep = res.fixes[0].artifactChanges[0].replacements[0];
  assert.deepEqual([rep.deletedRegion.startColumn, rep.deletedRegion.endColumn, rep.insertedContent.text], [4, 5, '']);
  const pm = run0.results.find((r) => r.ruleId === 'page-marker');
  assert.equal(pm.locations[0].physicalLocation.artifactLocation.uri, '%E6%96%87%E4%BB%B6/b.txt');
  assert.match(JSON.stringify(run0.invocations[0].toolExecutionNotifications), /bin\.txt/);
});

test('--format sarif validates against the SARIF 2.1.0 JSON schema', { skip: SARIF_SCHEMA }, () => {
  const validate = sarifValidator();
  const log = sarifRun();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // and the validator does reject a broken log
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
});

test('the SARIF log is written file by file: a log larger than the heap goes out whole', () => {
  // 60 files of artifacts (3.8 MB) make a log of ~80 MB; under a 48 MB heap a log made whole and printed at
  // once did not fit (the run was killed, nothing written); over the 149 MB bench corpus it was longer than
  // a string may be (RangeError)
  const text = '各地区各部门要认真贯彻落实，坚持“四个意识”，推动自 己的工作。■上接第3版\n<p>全面深化改革&nbsp;不断推进</p>\n'.repeat(400);
  const files = {};
  for (let i = 0; i < 60; i++) files[`f${i}.txt`] = text;
  const dir = tmpCorpus(files);
  const r = spawnSync(process.execPath, ['--max-old-space-size=48', CLI, 'lint', '--no-progress', '--format', 'sarif', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 1, r.stderr.slice(0, 2000));
  assert.ok(r.stdout.length > 48 * 2 ** 20, `a log larger than the heap (${r.stdout.length})`);
  const run0 = JSON.parse(r.stdout).runs[0];
  assert.equal(run0.artifacts.length, 60);
  assert.equal(run0.results.length % 60, 0);
  assert.equal(run0.results.at(-1).locations[0].physicalLocation.artifactLocation.index, 59);
});

test('stats counts characters, findings by rule, slogans by frequency and outline entries', () => {
  const dir = tmpCorpus({
    'a.txt': '一、总体要求\n增强“四个意识”，坚定“四个自信”，做到“两个维护”。\n\n二、主要任务\n牢固树立“四个意识”。要求自 己。\n',
    'b.txt': '坚持“四个意识”。\n',
  });
  const r = runIn(dir, ['stats', '--format', 'json', '.']);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.files.map((f) => f.file), ['a.txt', 'b.txt']);
  const a = s.files[0];
  assert.equal(a.characters, fs.readFileSync(path.join(dir, 'a.txt'), 'utf8').length);
  assert.equal(a.outline, 2);
  assert.deepEqual(a.findingsByRule, { 'cjk-space': 1 });
  assert.deepEqual(Object.entries(s.total.slogans).slice(0, 1), [['四个意识', 3]]);
  assert.equal(s.total.slogans['四个自信'], 1);
  assert.equal(s.total.files, 2);
  const text = runIn(dir, ['stats', '--lang', 'en', '.']);
  assert.match(text.stdout, /total \(2 files\)/);
  assert.match(text.stdout, /Slogans by frequency\n\s+四个意识\s+3\n/);
  // with the rules in two parts (two threads), the same counts: the findings of both parts, the text counted once
  for (const format of ['json', 'stylish']) {
    const one = runIn(dir, ['stats', '--jobs', '1', '--format', format, '.']);
    const two = runIn(dir, ['stats', '--jobs', '2', '--format', format, '--timing', '.']);
    assert.equal(two.stdout, one.stdout, format);
    assert.match(two.stderr, /rules part 2 of 2/);
  }
  const m = '要求自 己，达背原则的的做法。\n■上接第2版\n<p>坚持“四个意识”</p>\n'.repeat(5);
  const mixed = tmpCorpus({ 'm.txt': m, 'n.txt': m });
  const counts = (jobs) => JSON.parse(runIn(mixed, ['stats', '--jobs', jobs, '--format', 'json', '.']).stdout).total.findingsByRule;
  assert.deepEqual(counts('2'), counts('1'));
  assert.ok(Object.keys(counts('2')).length >= 4, JSON.stringify(counts('2')));
});

test('stats counts the files by encoding: a corpus gathered from several sources shows which files to convert', () => {
  const text = '关于加强基层治理的意见\r\n要求自 己，严格自律。\r\n';
  const dir = tmpCorpus({
    'a.txt': text,
    'b.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'c.txt': gbBytes(text),
    'd.txt': gbBytes(text),
    'e.txt': big5Bytes('關於加強基層治理的意見\r\n'),
    'f.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  });
  const s = JSON.parse(runIn(dir, ['stats', '--format', 'json', '.']).stdout);
  assert.deepEqual(s.total.encodings, { gb18030: 2, big5: 1, 'utf-16le bom': 1, 'utf-8': 1, 'utf-8 bom': 1 });
  assert.deepEqual(s.files.map((f) => [f.encoding, f.bom]), [['utf-8', false], ['utf-8', true], ['gb18030', false], ['gb18030', false], ['big5', false], ['utf-16le', true]]);
  assert.match(runIn(dir, ['stats', '--lang', 'en', '.']).stdout, /Files by encoding\n\s+gb18030\s+2\n\s+big5\s+1\n/);
  assert.match(runIn(dir, ['stats', '.']).stdout, /各编码文件数\n\s+gb18030\s+2\n/);
});

test('--jobs runs files in worker threads with the same output, in file order', () => {
  const files = {};
  for (let i = 0; i < 12; i++) files[`f${String(i).padStart(2, '0')}.txt`] = i % 3 ? `第${i}段：要求自 己。\n■上接第${i}版\n` : '坚持稳中求进。\n';
  const dir = tmpCorpus(files);
  const one = runIn(dir, ['lint', '--jobs', '1', '--format', 'json', '.']);
  const three = runIn(dir, ['lint', '--jobs', '3', '--format', 'json', '--timing', '.']);
  assert.equal(three.status, 1, three.stderr);
  assert.equal(three.stdout, one.stdout);
  assert.match(three.stderr, /worker 2 \(rules part 1 of 2\): ready/);
  assert.deepEqual([...new Set(JSON.parse(three.stdout).map((f) => f.file))], ['f01.txt', 'f02.txt', 'f04.txt', 'f05.txt', 'f07.txt', 'f08.txt', 'f10.txt', 'f11.txt']);
});

test('workers render their own files for the report: stylish and SARIF are the same with one job or three; --timing names the rules', () => {
  const files = {};
  for (let i = 0; i < 9; i++) files[`f${i}.txt`] = i % 2 ? `第${i}段：要求自 己，“四个意识”。\n■上接第${i}版\n<p>正文</p>\n` : '坚持稳中求进。\n';
  const dir = tmpCorpus(files);
  for (const format of ['stylish', 'sarif']) {
    const one = runIn(dir, ['lint', '--jobs', '1', '--format', format, '.']);
    const three = runIn(dir, ['lint', '--jobs', '3', '--format', format, '--timing', '.']);
    assert.equal(three.status, 1, three.stderr);
    assert.equal(three.stdout, one.stdout, format);
    assert.match(three.stderr, /time in rules \(all jobs\): .*cjk-space \d+ ms/);
  }
  assert.match(runIn(dir, ['lint', '--jobs', '1', '.']).stdout, /✖ 共 \d+ 处问题（错误 0，警告 \d+，提示 \d+）/);
});

test('with workers, skipped and damaged files are reported as with one job, whatever the format', () => {
  const files = {};
  for (let i = 0; i < 10; i++) files[`f${i}.txt`] = `第${i}段：要求自 己，达背原则的的做法。\n■上接第${i}版\n`;
  const dir = tmpCorpus(files);
  fs.writeFileSync(path.join(dir, 'f3.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 9]));
  fs.writeFileSync(path.join(dir, 'f6.txt'), Buffer.concat([Buffer.from('要求自 己，坚持稳中求进。', 'utf8'), Buffer.from([0xc3, 0x28])]));
  for (const format of ['stylish', 'json', 'sarif']) {
    const one = runIn(dir, ['lint', '--jobs', '1', '--format', format, '.']);
    assert.match(one.stderr, /跳过 f3\.txt：二进制文件/);
    assert.match(one.stderr, /f6\.txt：含有无效的 utf-8 字节/);
    for (const jobs of ['2', '3']) {
      const many = runIn(dir, ['lint', '--jobs', jobs, '--format', format, '.']);
      assert.equal(many.status, one.status, many.stderr);
      assert.equal(many.stdout, one.stdout, `${format} --jobs ${jobs}`);
      assert.equal(many.stderr, one.stderr, `${format} --jobs ${jobs}`);
    }
  }
});

test('a worker that dies mid-run costs nothing: its files are linted on the main thread, the report is the same', () => {
  const files = {};
  for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = i % 2 ? `第${i}段：要求自 己，达背原则的的做法。\n■上接第${i}版\n` : '坚持稳中求进。\n';
  const dir = tmpCorpus(files);
  const one = runIn(dir, ['lint', '--jobs', '1', '--format', 'json', '.']);
  // a worker dies right after sending a result, which may reach the main thread after the failure does
  // (that crashed the CLI, losing the report, in about one run in six under load): three rounds
  for (let round = 0; round < 3; round++)
    for (const jobs of ['2', '3']) {
      const r = spawnSync(process.execPath, [CLI, 'lint', '--jobs', jobs, '--format', 'json', '.'], { encoding: 'utf8', cwd: dir, env: { ...process.env, TIFA_TEST_WORKER_FAILS: '3' } });
      assert.match(r.stderr, /工作线程出错：a worker failure staged/, jobs);
      assert.doesNotMatch(r.stderr, /TypeError|at Worker/, r.stderr);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, one.stdout, `--jobs ${jobs}`);
    }
});

test('a worker that fails as it starts costs nothing either: the report is the same, for a folder (the worker started early) and for files', () => {
  const files = {};
  for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = i % 2 ? `第${i}段：要求自 己，达背原则的的做法。\n■上接第${i}版\n` : '坚持稳中求进。\n';
  const dir = tmpCorpus(files);
  const one = runIn(dir, ['lint', '--jobs', '1', '--format', 'json', '.']);
  for (const args of [['.'], Object.keys(files)])
    for (const jobs of ['2', '3']) {
      const r = spawnSync(process.execPath, [CLI, 'lint', '--jobs', jobs, '--format', 'json', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, TIFA_TEST_WORKER_FAILS: '0' } });
      assert.match(r.stderr, /工作线程出错：a worker start-up failure staged/, jobs);
      assert.doesNotMatch(r.stderr, /TypeError|at Worker/, r.stderr);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, one.stdout, `--jobs ${jobs} ${args.length} paths`);
    }
});

test('a report written into a file (straight to the file, not through the stream) is the one a pipe gets, for every format', () => {
  const files = {};
  for (let i = 0; i < 60; i++) files[`f${String(i).padStart(3, '0')}.txt`] = `第${i}段：要求自 己，达背原则的的做法。\n`.repeat(30);
  const dir = tmpCorpus(files);
  for (const format of ['stylish', 'json', 'sarif']) {
    const piped = spawnSync(process.execPath, [CLI, 'lint', '--jobs', '2', '--format', format, '.'], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 26 });
    const out = path.join(os.tmpdir(), `tifa-report-${process.pid}.${format}`);
    const fd = fs.openSync(out, 'w');
    const r = spawnSync(process.execPath, [CLI, 'lint', '--jobs', '2', '--format', format, '.'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', cwd: dir });
    fs.closeSync(fd);
    assert.equal(r.status, piped.status, r.stderr);
    assert.ok(piped.stdout.length > 1 << 17, `${format}: more than one batch of the report (64 K characters)`);
    assert.equal(fs.readFileSync(out, 'utf8'), piped.stdout, format);
    fs.rmSync(out);
  }
});

test('a report that cannot be written (a full disk) ends the run with a clear message and exit status 2', { skip: !fs.existsSync('/dev/full') && 'no /dev/full on this system' }, () => {
  const dir = tmpCorpus({ 'a.txt': '要求自 己。\n'.repeat(200) });
  const fd = fs.openSync('/dev/full', 'w');
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', cwd: dir });
  fs.closeSync(fd);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^tifa: 无法写出报告：ENOSPC/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('a reader that closes the pipe early ends the output quietly, with the findings status', () => {
  const files = {};
  for (let i = 0; i < 400; i++) files[`f${String(i).padStart(3, '0')}.txt`] = '要求自 己。\n'.repeat(50);
  const dir = tmpCorpus(files);
  const s = spawnSync('/bin/bash', ['-c', `"${process.execPath}" "${CLI}" lint --no-progress . | head -n 2 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: dir });
  assert.doesNotMatch(s.stderr, /EPIPE|Unhandled/, s.stderr);
  assert.equal(s.stdout.trim(), '1', s.stderr);
});

test('a damaged word table is never used silently: the CLI reads jieba\'s dictionary instead, says so, and finds the same', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-dist-'));
  fs.cpSync(path.join(ROOT, 'dist'), copy, { recursive: true, filter: (src) => !src.endsWith('.map') });
  fs.writeFileSync(path.join(copy, 'data', 'lexicon.bin'), 'damaged');
  const dir = tmpCorpus({ 'a.txt': '他们的工作小粗认真研究了问题，要求自 己损耗损耗。\n' });
  const good = runIn(dir, ['lint', '--format', 'json', '.']);
  const bad = spawnSync(process.execPath, [path.join(copy, 'cli.js'), 'lint', '--format', 'json', '.'], { encoding: 'utf8', cwd: dir });
  assert.match(bad.stderr, /lexicon\.bin is unreadable .*jieba/);
  assert.equal(bad.stdout, good.stdout);
  assert.ok(JSON.parse(good.stdout).some((f) => f.ruleId === 'duplicate-text'), good.stdout);
});

test('.tifaignore and --ignore skip files; globs select them', () => {
  const dir = tmpCorpus({ 'keep/a.txt': '自 己\n', 'drafts/b.txt': '自 己\n', 'keep/c.bak.txt': '自 己\n', '.tifaignore': '# drafts are not ours\ndrafts/\n' });
  const files = (r) => [...new Set(JSON.parse(r.stdout).map((f) => f.file))];
  assert.deepEqual(files(runIn(dir, ['lint', '--format', 'json', '.'])), ['keep/a.txt', 'keep/c.bak.txt']);
  assert.deepEqual(files(runIn(dir, ['lint', '--format', 'json', '--ignore', '*.bak.txt', '.'])), ['keep/a.txt']);
  assert.deepEqual(files(runIn(dir, ['lint', '--format', 'json', '**/b.txt'])), []);
  assert.deepEqual(files(runIn(dir, ['lint', '--format', 'json', 'keep/*.bak.txt'])), ['keep/c.bak.txt']);
  assert.equal(runIn(dir, ['lint', 'nothing/*.txt']).status, 2);
});

test('colour only on request or on a terminal, and never with NO_COLOR', () => {
  const dir = tmpCorpus({ 'a.txt': '自 己\n' });
  const ESC = '\u001b[';
  assert.ok(!run('lint', dir).stdout.includes(ESC));
  assert.ok(run('lint', '--color', dir).stdout.includes(`${ESC}33mwarning`));
  assert.ok(!runIn(dir, ['lint', '.'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes(ESC));
  assert.ok(runIn(dir, ['lint', '.'], { FORCE_COLOR: '1' }).stdout.includes(ESC));
});

test('a corpus folder holding several projects: the glossaries of the projects inside it count too (as a multi-root workspace), and each file keeps its own ignore list', () => {
  const text = '建设“暖心驿站”，增强 暖心驿站 意识。\n要求自 己严格。\n';
  const dir = tmpCorpus({ 'a/doc.txt': text, 'b/doc.txt': text });
  const entry = { term: '暖心驿站', category: '社会', definition: '为户外劳动者提供歇脚的站点。', sources: ['地方文件'] };
  fs.mkdirSync(path.join(dir, 'a', '.tifa'));
  fs.writeFileSync(path.join(dir, 'a', '.tifa', 'glossary.json'), JSON.stringify([entry]));
  const at = text.indexOf('自 己');
  fs.mkdirSync(path.join(dir, 'b', '.tifa'));
  fs.writeFileSync(path.join(dir, 'b', '.tifa', 'ignore.json'), JSON.stringify({ ignore: [{ file: 'doc.txt', rule: 'cjk-space', context: text.slice(at + 1 - 8, at + 2 + 8) }] }));
  for (const jobs of ['1', '2']) {
    const r = runIn(dir, ['lint', '--format', 'json', '--jobs', jobs, '.']);
    const ids = JSON.parse(r.stdout).map((f) => `${f.file} ${f.ruleId}@${f.line}:${f.column}`);
    assert.deepEqual(ids, ['a/doc.txt stripped-quotes@1:13', 'a/doc.txt cjk-space@2:4', 'b/doc.txt stripped-quotes@1:13'], `--jobs ${jobs}`);
  }
});

test("a project's .tifa/ folder counts as in the editor: its glossary's terms, its ignore list (lint, stats, fix), and --glossary", () => {
  const text = '建设“暖心驿站”，增强 暖心驿站 意识。\n要求自 己严格，也要求他 人严格。\n';
  const dir = tmpCorpus({ 'sub/a.txt': text });
  const ids = (r) => JSON.parse(r.stdout).map((f) => `${f.ruleId}@${f.line}:${f.column}`);
  // without the project's glossary the padded term is no known slogan
  const before = ids(runIn(dir, ['lint', '--format', 'json', 'sub']));
  assert.ok(!before.includes('stripped-quotes@1:13'), before.join());
  fs.mkdirSync(path.join(dir, '.tifa'));
  const entry = { term: '暖心驿站', category: '社会', definition: '为户外劳动者提供歇脚的站点。', sources: ['地方文件'] };
  fs.writeFileSync(path.join(dir, '.tifa', 'glossary.json'), JSON.stringify([entry]));
  // the finding the user ignored in the editor: the text around “自 己”, as the editor stores it
  const at = text.indexOf('自 己');
  const context = text.slice(Math.max(0, at + 1 - 8), at + 2 + 8);
  fs.writeFileSync(path.join(dir, '.tifa', 'ignore.json'), JSON.stringify({ ignore: [{ file: 'sub/a.txt', rule: 'cjk-space', context }] }));
  for (const [cwd, p] of [[dir, 'sub'], [path.join(dir, 'sub'), 'a.txt'], [os.tmpdir(), path.join(dir, 'sub', 'a.txt')]])
    for (const jobs of ['1', '2']) assert.deepEqual(ids(runIn(cwd, ['lint', '--format', 'json', '--jobs', jobs, p])), ['stripped-quotes@1:13', 'cjk-space@2:13'], `${cwd} ${p} --jobs ${jobs}`);
  const stats = JSON.parse(runIn(dir, ['stats', '--format', 'json', 'sub']).stdout).total;
  assert.deepEqual(stats.findingsByRule, { 'cjk-space': 1, 'stripped-quotes': 1 });
  assert.equal(stats.slogans['暖心驿站'], 2);
  // fix keeps the ignored text, even though the fix beside it (the quotes on the line before) changes the text the ignore names
  const diff = runIn(dir, ['fix', '--dry-run', 'sub']).stdout;
  assert.match(diff, /^\+建设“暖心驿站”，增强“暖心驿站”意识。$/m);
  assert.match(diff, /^\+要求自 己严格，也要求他人严格。$/m);
  // --glossary: a file named on the command line (the project's glossary removed)
  fs.renameSync(path.join(dir, '.tifa', 'glossary.json'), path.join(dir, 'mine.json'));
  assert.ok(ids(runIn(dir, ['lint', '--format', 'json', '--glossary', 'mine.json', 'sub'])).includes('stripped-quotes@1:13'));
  const missing = runIn(dir, ['lint', '--glossary', 'nope.json', 'sub']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.json：无法读取词表文件：ENOENT/);
  // a broken glossary: said, and the files are linted with the built-in one
  fs.writeFileSync(path.join(dir, '.tifa', 'glossary.json'), '[{"term": "暖心驿站",');
  const broken = runIn(dir, ['lint', '--format', 'json', '--lang', 'en', 'sub']);
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stderr, /glossary\.json.*JSON/i);
  // (as without the project's glossary: its term unknown, `意识` after it taken for the padded term; the ignore list still counts)
  assert.deepEqual(ids(broken), ['stripped-quotes@1:18', 'cjk-space@2:13']);
});

test('the workspace settings VS Code keeps (.vscode/settings.json, with comments) count too: tifa.rules, which --rule overrides, and tifa.glossaries', () => {
  const dir = tmpCorpus({ 'docs/a.txt': '建设“暖心驿站”，增强 暖心驿站 意识。\n要求自 己严格。\n■上接第2版\n' });
  const rules = (r) => [...new Set(JSON.parse(r.stdout).map((f) => f.ruleId))].sort();
  assert.deepEqual(rules(runIn(dir, ['lint', '--format', 'json', 'docs'])), ['cjk-space', 'page-marker', 'stripped-quotes']);
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.mkdirSync(path.join(dir, 'terms'));
  fs.writeFileSync(path.join(dir, 'terms', 'g.json'), JSON.stringify([{ term: '暖心驿站', category: '社会', definition: '为户外劳动者提供歇脚的站点。', sources: ['地方文件'] }]));
  // as "Disable rule … in the workspace" leaves it, with a comment and trailing commas as VS Code allows
  const settings = '{\n  // rules\n  "tifa.rules": { "cjk-space": "off", "page-marker": { "severity": "error", }, },\n  /* glossaries */ "tifa.glossaries": ["terms/g.json"],\n  "files.exclude": { "**/*.tmp": true },\n}\n';
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), settings);
  const r = runIn(path.join(dir, 'docs'), ['lint', '--format', 'json', '.']);
  const found = JSON.parse(r.stdout);
  assert.deepEqual(rules(r), ['page-marker', 'stripped-quotes']);
  assert.equal(found.find((f) => f.ruleId === 'page-marker').severity, 'error');
  // the glossary of tifa.glossaries: the padded term is a known slogan (found at its start, not at 意识)
  assert.deepEqual(found.filter((f) => f.ruleId === 'stripped-quotes').map((f) => f.column), [13]);
  assert.deepEqual(rules(runIn(dir, ['lint', '--format', 'json', '--rule', 'cjk-space=warning', 'docs'])), ['cjk-space', 'page-marker', 'stripped-quotes']);
  // a setting it cannot use is said, and the others are used
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "tifa.rules": { "cjk-space": "warn", "no-such-rule": "off", "page-marker": "off" } }');
  const bad = runIn(dir, ['lint', '--format', 'json', '--lang', 'en', 'docs']);
  assert.match(bad.stderr, /the setting of cjk-space in tifa\.rules is not valid/);
  assert.match(bad.stderr, /unknown rule no-such-rule/);
  assert.deepEqual(rules(bad), ['cjk-space', 'stripped-quotes']);
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "tifa.rules": ');
  const broken = runIn(dir, ['lint', '--format', 'json', 'docs']);
  assert.match(broken.stderr, /无法读取设置 .*settings\.json/);
  assert.equal(broken.status, 1);
});
