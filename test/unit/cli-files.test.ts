import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectFiles, globToRegExp, IgnoreList } from '../../server/src/cli/files';
import { unifiedDiff } from '../../server/src/cli/diff';
import { parseJsonc } from '../../server/src/cli/project';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-files-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test('globs: ** spans folders, * stays within a name, {a,b} and [..] work', () => {
  const re = globToRegExp('corpus/**/*.txt');
  assert.ok(re.test('corpus/a.txt'));
  assert.ok(re.test('corpus/2023/05/a.txt'));
  assert.ok(!re.test('corpus/a.md'));
  assert.ok(!re.test('other/a.txt'));
  assert.ok(globToRegExp('*.{txt,TXT}').test('a.TXT'));
  assert.ok(!globToRegExp('*.txt').test('sub/a.txt'));
  assert.ok(globToRegExp('file[0-9].txt').test('file7.txt'));
  assert.ok(globToRegExp('人民日报/*.txt').test('人民日报/第1版.txt'));
});

test('ignore patterns behave like .gitignore', () => {
  const l = new IgnoreList('/r', ['# comment', 'drafts/', '*.bak.txt', '/top.txt', 'archive/**/old-*.txt', '!keep.bak.txt']);
  assert.equal(l.verdict('/r/drafts', true), true);
  assert.equal(l.verdict('/r/a/drafts/x.txt', false), true);
  assert.equal(l.verdict('/r/x.bak.txt', false), true);
  assert.equal(l.verdict('/r/sub/keep.bak.txt', false), false);
  assert.equal(l.verdict('/r/top.txt', false), true);
  assert.equal(l.verdict('/r/sub/top.txt', false), undefined);
  assert.equal(l.verdict('/r/archive/2020/old-1.txt', false), true);
  assert.equal(l.verdict('/elsewhere/x.bak.txt', false), undefined);
});

test('collectFiles walks folders in name order, expands globs, applies .tifaignore and --ignore', () => {
  const dir = tree({
    'b.txt': '',
    'a.txt': '',
    'notes.md': '',
    'sub/c.txt': '',
    'sub/.tifaignore': 'skip-*.txt\n',
    'sub/skip-me.txt': '',
    'drafts/d.txt': '',
    '.hidden/e.txt': '',
    '.tifaignore': 'drafts/\n',
  });
  const rel = (fs: string[]) => fs.map((f) => path.relative(dir, path.resolve(dir, f)).split(path.sep).join('/'));
  const all = collectFiles(['.'], { cwd: dir });
  assert.deepEqual(rel(all.files), ['a.txt', 'b.txt', 'sub/c.txt']);
  const ignored = collectFiles(['.'], { cwd: dir, ignore: ['b.txt'] });
  assert.deepEqual(rel(ignored.files), ['a.txt', 'sub/c.txt']);
  const glob = collectFiles(['**/*.md', 'sub/*.txt'], { cwd: dir });
  assert.deepEqual(rel(glob.files), ['notes.md', 'sub/c.txt']);
  // a file named explicitly is read even when a pattern would skip it
  assert.deepEqual(rel(collectFiles(['drafts/d.txt'], { cwd: dir }).files), ['drafts/d.txt']);
  assert.deepEqual(collectFiles(['nope.txt', 'zz/*.txt'], { cwd: dir }).missing, ['nope.txt', 'zz/*.txt']);
});

test('collectFiles follows linked folders but walks a folder once: a cycle of links lists each file once', () => {
  const dir = tree({ 'ws/own/a.txt': '坚持稳中求进。\n', 'archive/y/b.txt': '要求自己。\n' });
  fs.symlinkSync(path.join(dir, 'archive'), path.join(dir, 'ws', 'linked'), 'dir');
  fs.symlinkSync(path.join(dir, 'ws'), path.join(dir, 'archive', 'y', 'back'), 'dir'); // ws → linked → y → back → ws
  const { files } = collectFiles(['ws'], { cwd: dir });
  assert.deepEqual(files, [path.join('ws', 'linked', 'y', 'b.txt'), path.join('ws', 'own', 'a.txt')]);
  // the same folder under two arguments (a folder and a glob) is still walked for each
  assert.equal(collectFiles(['ws', 'ws/**/*.txt'], { cwd: dir }).files.length, 2);
});

test('unified diff: hunks with context, CRLF kept in lines, applies with patch semantics', () => {
  const before = ['第一行', '第二 行', '三', '四', '五', '六', '七', '八', '九', '十 段', ''].join('\n');
  const after = before.replace('第二 行', '第二行').replace('十 段', '十段');
  const d = unifiedDiff('dir/a.txt', before, after);
  assert.equal(
    d,
    ['--- a/dir/a.txt', '+++ b/dir/a.txt', '@@ -1,5 +1,5 @@', ' 第一行', '-第二 行', '+第二行', ' 三', ' 四', ' 五', '@@ -7,4 +7,4 @@', ' 七', ' 八', ' 九', '-十 段', '+十段', ''].join('\n'),
  );
  assert.equal(unifiedDiff('a.txt', 'x', 'x'), '');
  const crlf = unifiedDiff('a.txt', '自 己\r\n', '自己\r\n');
  assert.match(crlf, /-自 己\r\n\+自己\r\n/);
  assert.match(unifiedDiff('a.txt', '甲\n乙 丙', '甲\n乙丙'), /-乙 丙\n\\ No newline at end of file\n\+乙丙\n\\ No newline at end of file\n/);
});

test('settings.json as VS Code reads it: comments and trailing commas left out, never inside strings', () => {
  const text = '\ufeff{\n  // a comment\n  "a": "http://x/*y*/", /* block */\n  "b": [1, 2, ],\n  "c": { "d": "\\"//\\"", },\n}\n';
  assert.deepEqual(parseJsonc(text), { a: 'http://x/*y*/', b: [1, 2], c: { d: '"//"' } });
  assert.deepEqual(parseJsonc('[1, // one\n 2, /* two */ ]'), [1, 2]);
  assert.throws(() => parseJsonc('{ "a": }'));
});
