import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextModel } from '../../server/src/core/text';
import { runRules } from '../../server/src/core/analyze';
import { combineFixes } from '../../server/src/core/edits';
import { unifiedDiff } from '../../server/src/cli/diff';
import { glossary, lexicon } from './helpers';

/**
 * Texts made of one piece repeated over a single line or many lines: each piece is what one of the rules
 * looks at (a spaced word, a page marker, a run of spaces, names after a byline …). Each of these took
 * quadratic time in some rule before (a 200 K-character line of spaces: 90 s in cjk-space), which in the
 * editor is a server that stops answering.
 */
const PIECES: Record<string, string> = {
  'spaced words on one line': '要求自 己严格，',
  'lost quotes on one line': '增强 四个意识 ，总书记 七一 重要讲话，',
  'foreign names on one line': '约翰 史密斯说，',
  'quoted clauses on one line': '“共建绿色城市 共享民生福祉”',
  'a line of spaces': '   \u3000 ',
  'page markers on one line': '■上接第1版 ',
  'spaces before 版': '版' + ' '.repeat(200),
  'a line of names': '张三 李四 王五 赵六 ',
  'names after a byline keyword': '记者 张三 李四 王五 赵六 ',
  'datelines': '新华社北京11月19日电 记者 王 明 ',
  'leader dots': '…',
  'opening brackets': '（',
  'title marks': '《',
  'spaced digits': '1 ',
  'markup openings': '<a ',
  'unclosed Word bookmarks': '[bookmark: ',
  'blank lines with a space': ' \n',
  'CRLF lines with a stray space': '要求自 己严格。\r\n',
  'a hard-wrapped paragraph': '要求自己严格要求自己严\n',
  'table-of-contents lines': '第一章 总则……1\n',
};

/** ms for all the rules over `piece` repeated to n characters (the faster of two runs) */
function lintTime(piece: string, n: number): number {
  const text = piece.repeat(Math.ceil(n / piece.length));
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    runRules({ model: new TextModel(text), glossary: glossary(), lexicon: lexicon() });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test('the rules take linear time on lines and documents made of one artifact repeated (no quadratic blow-up)', () => {
  const slow: string[] = [];
  for (const [name, piece] of Object.entries(PIECES)) {
    const small = lintTime(piece, 40_000);
    const large = lintTime(piece, 160_000);
    // four times the text: about four times the time; a quadratic step gives sixteen. Small times are noise.
    if (large > 250 && large / Math.max(small, 1) > 9) slow.push(`${name}: ${small.toFixed(0)} → ${large.toFixed(0)} ms`);
  }
  assert.deepEqual(slow, []);
});

test('a dry-run diff of a fix that changes 200,000 lines is made (it overflowed the stack), and hunks are numbered right however many', () => {
  const before = '要求自 己严格。\n'.repeat(200_000);
  const after = '要求自己严格。\n'.repeat(200_000);
  const d = unifiedDiff('a.txt', before, after);
  assert.ok(d.startsWith('--- a/a.txt\n+++ b/a.txt\n@@ -1,200000 +1,200000 @@\n'), d.slice(0, 80));
  assert.equal(d.split('\n').length, 3 + 400_000 + 1);
  // every tenth line changed: one hunk each, numbered from the lines before it
  const lines = Array.from({ length: 19_000 }, (_, i) => (i % 10 === 9 ? '要求自 己。' : `第${i}行。`));
  const fixed = lines.map((l) => l.replace('自 己', '自己'));
  const many = unifiedDiff('a.txt', lines.join('\n') + '\n', fixed.join('\n') + '\n', 1);
  const hunks = many.split('\n').filter((l) => l.startsWith('@@'));
  assert.equal(hunks.length, 1_900);
  assert.equal(hunks[1_899], '@@ -18999,2 +18999,2 @@');
});

/** `before` with a unified diff applied (hunks in order; context and removed lines checked) */
function applyDiff(before: string, diff: string): string {
  const a = before.split('\n');
  const out: string[] = [];
  let at = 0; // next line of a to copy
  const lines = diff.split('\n');
  for (let k = 2; k < lines.length; k++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[k]);
    if (!h) continue;
    const start = Number(h[2] === '0' ? h[1] : Number(h[1]) - 1);
    while (at < start) out.push(a[at++]);
    for (k++; k < lines.length && !lines[k].startsWith('@@') && lines[k] !== ''; k++) {
      const [op, text] = [lines[k][0], lines[k].slice(1)];
      if (op === ' ' || op === '-') assert.equal(a[at++], text, `line ${at} of the diff's hunk`);
      if (op === ' ' || op === '+') out.push(text);
    }
    k--;
  }
  while (at < a.length) out.push(a[at++]);
  return out.join('\n');
}

test('a dry-run diff with more changes than the shortest-script search allows still shows each change in a hunk of its own', () => {
  // 4,000 changed lines among 40,000 (beyond the search's bound of 4,000 steps): it was one hunk replacing the whole file
  const lines = Array.from({ length: 40_000 }, (_, i) => (i % 10 === 5 ? `第${i}行要求自 己。` : `第${i}行。`));
  const before = lines.join('\n') + '\n';
  const after = lines.map((l) => l.replace('自 己', '自己')).join('\n') + '\n';
  const d = unifiedDiff('a.txt', before, after);
  assert.equal(d.split('\n').filter((l) => l.startsWith('@@')).length, 4_000);
  assert.equal(applyDiff(before, d), after);
  // and where lines are joined and removed too (a hard wrap undone, a page marker deleted)
  const wrapped = Array.from({ length: 30_000 }, (_, i) => (i % 6 === 0 ? '■上接第1版' : `第${i}段`)).join('\n') + '\n';
  const joined = wrapped.replace(/■上接第1版\n/g, '').replace(/(第\d*[13579]段)\n(第\d+段)/g, '$1$2');
  assert.equal(applyDiff(wrapped, unifiedDiff('b.txt', wrapped, joined)), joined);
});

test('fix-all takes a fix of 100,000 edits (one letter-spaced line) without overflowing the stack', () => {
  const edits = Array.from({ length: 100_000 }, (_, i) => ({ start: 2 * i + 1, end: 2 * i + 2, newText: '' }));
  const taken = combineFixes([{ ruleId: 'letter-spaced', start: 0, end: 200_000, message: { zh: '', en: '' }, fix: { title: { zh: '', en: '' }, edits, safe: true } }], () => true);
  assert.equal(taken.length, 100_000);
});
