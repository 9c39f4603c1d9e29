/**
 * Build step (scripts/build.mjs runs it): jieba's dictionary → data/lexicon.bin, the Lexicon's hash table
 * as bytes, so that the server and each CLI worker load word knowledge in milliseconds.
 *   node compile-lexicon.cjs <jieba.dict.utf8> <lexicon.bin>
 */
import * as fs from 'node:fs';
import { Lexicon } from './lexicon';

const [dict, out] = process.argv.slice(2);
const lexicon = new Lexicon();
lexicon.loadSync(dict);
if (!lexicon.ready) {
  process.stderr.write(`compile-lexicon: cannot read ${dict}: ${lexicon.error}\n`);
  process.exit(1);
}
fs.writeFileSync(out, lexicon.toBinary());
