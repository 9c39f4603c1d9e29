/**
 * Build step (scripts/build.mjs runs it): jieba's dictionary → data/lexicon.bin, the Lexicon's hash table
 * as bytes, so that the server and each CLI worker load word knowledge in milliseconds.
 *   node compile-lexicon.cjs <jieba.dict.utf8> <lexicon.bin>
 */
import * as fs from 'node:fs';
import { Lexicon } from './lexicon';
import { Glossary } from '../glossary/glossary';
import { loadBuiltinEntries } from '../glossary/load';

const [dict, out] = process.argv.slice(2);
const lexicon = new Lexicon();
lexicon.loadSync(dict);
if (!lexicon.ready) {
  process.stderr.write(`compile-lexicon: cannot read ${dict}: ${lexicon.error}\n`);
  process.exit(1);
}
// the built-in glossary's terms too: the CLI and the server add them at start-up, which then finds them
// all present (adding a word to the loaded table copies all of it: 4–5 ms in each CLI thread)
const builtin = loadBuiltinEntries();
if (!builtin.entries.length) {
  process.stderr.write(`compile-lexicon: no built-in glossary: ${builtin.problems.map((p) => p.message.en).join('; ')}\n`);
  process.exit(1);
}
lexicon.addWords(new Glossary([builtin.entries]).words);
fs.writeFileSync(out, lexicon.toBinary());
