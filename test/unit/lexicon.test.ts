import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lexicon } from '../../server/src/segment/lexicon';
import { jiebaDictPath } from '../../server/src/segment/jieba';
import { glossary, lexicon } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-lexicon-'));

test('a word is found in a stretch of text without slicing it, and nothing else is', () => {
  const lx = lexicon();
  const text = '我们要坚持高质量发展，小粗讨论';
  assert.equal(lx.isWordAt(text, 5, 10), true); // 高质量发展
  assert.equal(lx.isWordAt(text, 3, 5), true); // 坚持
  assert.equal(lx.isWordAt(text, 11, 13), false); // 小粗
  assert.equal(lx.isWordAt(text, 4, 6), false); // 持高
  assert.equal(lx.isWordAt(text, -1, 2), false);
  assert.equal(lx.isWordAt(text, 14, 16), false);
  assert.equal(lx.isPair('坚'.charCodeAt(0), '持'.charCodeAt(0)), true);
  assert.equal(lx.isPair('持'.charCodeAt(0), '高'.charCodeAt(0)), false);
  assert.equal(lx.isWord(''), false);
});

test('the built table (lexicon.bin) answers exactly as the dictionary it was made from, and keeps words added before it loads', () => {
  const fromText = new Lexicon();
  fromText.loadSync(jiebaDictPath()!);
  const file = path.join(tmp, 'lexicon.bin');
  fs.writeFileSync(file, fromText.toBinary());
  const fromBin = new Lexicon();
  fromBin.addWords(['四个意识', '甲乙丙丁戊己庚辛壬癸子丑']); // a glossary term, and one longer than any dictionary entry
  fromBin.loadSync(file);
  assert.equal(fromBin.ready, true);
  assert.equal(fromBin.size, fromText.size + (fromText.isWord('四个意识') ? 1 : 2));
  assert.equal(fromBin.isWord('四个意识'), true);
  assert.equal(fromBin.isWord('甲乙丙丁戊己庚辛壬癸子丑'), true);
  // every dictionary line, and as many non-words made by shifting them
  const lines = fs.readFileSync(jiebaDictPath()!, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 7) {
    const w = lines[i].split(' ')[0];
    if (!w || w.length > Lexicon.MAX_LEN) continue;
    assert.equal(fromBin.isWord(w), true, w);
    const odd = w + lines[i + 1]?.[0];
    assert.equal(fromBin.isWord(odd), fromText.isWord(odd), odd);
    // the two-character words' own table comes from the file too
    if (w.length === 2) assert.equal(fromBin.isPair(w.charCodeAt(0), w.charCodeAt(1)), true, w);
    const pair = w[w.length - 1] + (lines[i + 1]?.[0] ?? '');
    if (pair.length === 2) assert.equal(fromBin.isPair(pair.charCodeAt(0), pair.charCodeAt(1)), fromText.isWord(pair), pair);
  }
  // words added after loading go into arrays of the lexicon's own
  fromBin.addWords(['用户词条甲', '乙甲']);
  assert.equal(fromBin.isWord('用户词条甲'), true);
  assert.equal(fromBin.isPair('乙'.charCodeAt(0), '甲'.charCodeAt(0)), true);
  assert.equal(fromBin.isWord('发展'), true);
});

test('a damaged table leaves the lexicon not ready with a reason, never half loaded', () => {
  const file = path.join(tmp, 'broken.bin');
  fs.writeFileSync(file, Buffer.from('not a table at all, just some bytes'));
  const lx = new Lexicon();
  lx.loadSync(file);
  assert.equal(lx.ready, false);
  assert.match(lx.error ?? '', /not a Tifa lexicon file/);
  fs.writeFileSync(file, 'short');
  const tiny = new Lexicon();
  tiny.loadSync(file);
  assert.equal(tiny.ready, false);
  assert.match(tiny.error ?? '', /not a Tifa lexicon file/);
  const full = lexicon().toBinary();
  fs.writeFileSync(file, full.subarray(0, full.length - 10));
  const cut = new Lexicon();
  cut.loadSync(file);
  assert.equal(cut.ready, false);
});

test('glossary terms longer than dictionary entries are words too', () => {
  const long = glossary().words.find((w) => w.length > Lexicon.MAX_LEN);
  assert.ok(long, 'the glossary has a term longer than eight characters');
  assert.equal(lexicon().isWord(long), true);
});
