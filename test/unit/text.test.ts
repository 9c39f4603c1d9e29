import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextModel } from '../../server/src/core/text';
import { isMostlyChinese, chineseNumeral, hanTable, isHan } from '../../server/src/core/cjk';
import { applyEdits, combineFixes } from '../../server/src/core/edits';
import { diffEdits } from '../../server/src/core/fixall';

test('lines and positions follow LSP: UTF-16 characters, \\n, \\r\\n and \\r all end a line', () => {
  const m = new TextModel('一行\r\n二行\n三𠀀行\r四');
  assert.equal(m.lineCount, 4);
  assert.equal(m.lineText(0), '一行');
  assert.equal(m.lineText(2), '三𠀀行');
  assert.deepEqual(m.positionAt(m.text.indexOf('行', 8)), { line: 2, character: 3 }, 'a surrogate pair counts two');
  assert.equal(m.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(m.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end, before \\r\\n');
  assert.equal(m.lineBreak(0), '\r\n');
});

test('paragraphs are runs of non-blank lines', () => {
  const m = new TextModel('甲\n乙\n\n  \n丙\n');
  assert.deepEqual(m.paragraphs.map((p) => [p.startLine, p.endLine]), [[0, 1], [4, 4]]);
});

test('predominantly Chinese text is told from English', () => {
  assert.equal(isMostlyChinese('坚持以人民为中心的发展思想，推动高质量发展。'), true);
  assert.equal(isMostlyChinese('requests==2.31.0\nnumpy>=1.26 # 中文注释'), false);
});

test('Chinese numerals', () => {
  assert.equal(chineseNumeral('十四'), 14);
  assert.equal(chineseNumeral('二十'), 20);
  assert.equal(chineseNumeral('两'), 2);
  assert.equal(chineseNumeral('一百'), 100);
});

test('edits apply in any order and refuse to overlap', () => {
  assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'X' }, { start: 0, end: 1, newText: '' }]), 'bcdXf');
  assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]));
  const fs = [
    { ruleId: 'a', start: 0, end: 2, message: { zh: '', en: '' }, fix: { title: { zh: '', en: '' }, safe: true, edits: [{ start: 0, end: 2, newText: '' }] } },
    { ruleId: 'b', start: 1, end: 3, message: { zh: '', en: '' }, fix: { title: { zh: '', en: '' }, safe: true, edits: [{ start: 1, end: 3, newText: '' }] } },
  ];
  assert.equal(combineFixes(fs, () => true).length, 1, 'the overlapping fix waits for the next pass');
});

test('diffEdits turns a fixed text back into small edits that reproduce it', () => {
  const before = '<p>要求自 己，严格。</p><p>坚持 稳中求进。</p>';
  const after = '要求自己，严格。\n坚持稳中求进。';
  const edits = diffEdits(before, after);
  assert.equal(applyEdits(before, edits), after);
  assert.ok(edits.length >= 3, `small edits, not one replacement: ${JSON.stringify(edits)}`);
});

test('the Han table built from ranges at start-up says what isHan says, for every UTF-16 unit', () => {
  const t = hanTable();
  const differ: number[] = [];
  for (let c = 0; c < 65536; c++) if ((t[c] === 1) !== isHan(c)) differ.push(c);
  assert.deepEqual(differ, []);
});
