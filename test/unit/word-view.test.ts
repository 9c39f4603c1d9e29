import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextModel } from '../../server/src/core/text';
import { isHan } from '../../server/src/core/cjk';
import { wordView } from '../../server/src/rules/joined';
import { SUSPECT } from '../../server/src/rules/similar';
import { lexicon, NO_SEEDS, SEEDS } from './helpers';

/**
 * The word view marks its candidates in one scan with a last-seen table, without branches; here they are
 * derived again the plain way, position by position, from their definitions.
 */
function plainSuspects(view: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < view.length; k++) if (SUSPECT[view.charCodeAt(k)] === 1) out.push(k);
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
    assert.deepEqual([...v.suspectAt], plainSuspects(v.text), `${name}: ocr-confusion's candidates`);
    assert.deepEqual([...v.repeatAt], plainRepeats(v.text), `${name}: duplicate-text's candidates`);
    suspects += v.suspectAt.length;
  }
  assert.ok(suspects > 0, 'some candidates were found at all');
});
