import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextModel } from '../../server/src/core/text';
import { isHan } from '../../server/src/core/cjk';
import { Lexicon } from '../../server/src/segment/lexicon';
import { wordView } from '../../server/src/rules/joined';
import { IN_MISPRINT, SUSPECT } from '../../server/src/rules/similar';
import { lexicon, NO_SEEDS, SEEDS } from './helpers';

/**
 * The word view marks its candidates in one scan with a last-seen table and table probes; here they are
 * derived again the plain way, position by position, from their definitions.
 */
function plainSuspects(view: string, lex: Lexicon): number[] {
  const out: number[] = [];
  const han = (i: number) => i >= 0 && i < view.length && isHan(view.charCodeAt(i));
  for (let k = 0; k < view.length; k++) {
    const c = view.charCodeAt(k);
    if (SUSPECT[c] !== 1) continue;
    const covered = (han(k - 1) && lex.isWord(view.slice(k - 1, k + 1))) || (han(k + 1) && lex.isWord(view.slice(k, k + 2)));
    if (IN_MISPRINT[c] === 1 || !covered) out.push(k);
  }
  return out;
}

function plainRepeats(view: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < view.length; i++) {
    if (!isHan(view.charCodeAt(i))) continue;
    for (let L = 1; L <= 6; L++) {
      if (view[i + L] === view[i]) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

function texts(): [string, string][] {
  const own: [string, string][] = [
    ['hard wraps', '我们要坚持工作作\n\n风建设，加强小\n组学习。\n研究研究再说，常常如此。\n'],
    ['repeats at the end', '天天向上上'],
    ['one character', '组'],
    ['misprints', '他自已也说，既使如此，部暑不变。'],
    ['CRLF wraps', '各项工\r\n作都要落实，损耗损\r\n耗不断。'],
  ];
  if (NO_SEEDS) return own;
  return [...own, ...fs.readdirSync(SEEDS).map((f): [string, string] => [f, fs.readFileSync(path.join(SEEDS, f), 'utf8')])];
}

test('the word view marks exactly the candidates its definitions give (seeds and our own texts)', () => {
  const lex = lexicon();
  let suspects = 0;
  for (const [name, text] of texts()) {
    const v = wordView(new TextModel(text), lex)!;
    assert.deepEqual([...v.suspectAt], plainSuspects(v.text, lex), `${name}: ocr-confusion's candidates`);
    assert.deepEqual([...v.repeatAt], plainRepeats(v.text), `${name}: duplicate-text's candidates`);
    suspects += v.suspectAt.length;
  }
  assert.ok(suspects > 0, 'some candidates were found at all');
});

test('a word added to the lexicon is seen by a view built before it (the view is rebuilt)', () => {
  const lex = new Lexicon();
  lex.ready = true;
  // a suspect character (one with shape-similar ones, not of a known misprint) after a Han character
  const c = [...'组织达到粗话'].find((ch) => SUSPECT[ch.charCodeAt(0)] === 1 && IN_MISPRINT[ch.charCodeAt(0)] !== 1)!;
  const a = [...'我的是在他'].find((ch) => SUSPECT[ch.charCodeAt(0)] !== 1)!;
  const text = `${a}${c}。`;
  const model = new TextModel(text);
  assert.deepEqual([...wordView(model, lex)!.suspectAt], [1]);
  lex.addWords([`${a}${c}`]);
  assert.deepEqual([...wordView(model, lex)!.suspectAt], [], 'the new word covers it');
});
