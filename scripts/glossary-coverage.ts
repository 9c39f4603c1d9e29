// npm run glossary:coverage -- PATH…  — how many distinct quoted numbered formulas the corpora hold,
// the share the glossary knows, and the missing ones, most frequent first. Exit 1 below 100%.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Glossary } from '../server/src/glossary/glossary';
import { loadBuiltinEntries } from '../server/src/glossary/load';
import { coverage } from '../server/src/glossary/coverage';

const args = process.argv.slice(2);
if (!args.length) {
  console.error('usage: npm run glossary:coverage -- PATH…');
  process.exit(2);
}
const files: string[] = [];
const walk = (p: string) => {
  const st = fs.statSync(p);
  if (st.isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
  else if (p.endsWith('.txt')) files.push(p);
};
args.forEach(walk);
const glossary = new Glossary([loadBuiltinEntries().entries]);
const c = coverage(files.map((f) => fs.readFileSync(f, 'utf8')), glossary);
console.log(`${files.length} files, ${c.counts.size} distinct quoted numbered formulas, ${c.covered.length} with an entry: ${(c.share * 100).toFixed(1)}%`);
if (c.missing.length) {
  console.log('missing (occurrences):');
  for (const [f, n] of c.missing) console.log(`  ${f}\t${n}`);
}
process.exitCode = c.share === 1 ? 0 : 1;
