import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextModel } from '../../server/src/core/text';
import { runRules } from '../../server/src/core/analyze';
import { Glossary } from '../../server/src/glossary/glossary';
import { loadBuiltinEntries } from '../../server/src/glossary/load';
import { Lexicon } from '../../server/src/segment/lexicon';
import { jiebaDictPath } from '../../server/src/segment/jieba';
import { applyEdits } from '../../server/src/core/edits';
import type { Finding } from '../../server/src/rules/types';

export const SEEDS = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');
export const NO_SEEDS: string | false = fs.existsSync(SEEDS) ? false : 'the seed corpora (../shared/seeds) are absent on this machine';

export function seedText(prefix: string): string {
  const f = fs.readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  if (!f) throw new Error(`no seed ${prefix}`);
  return fs.readFileSync(path.join(SEEDS, f), 'utf8');
}

let _glossary: Glossary | undefined;
export function glossary(): Glossary {
  return (_glossary ??= new Glossary([loadBuiltinEntries().entries]));
}

let _lexicon: Lexicon | undefined;
export function lexicon(): Lexicon {
  if (!_lexicon) {
    _lexicon = new Lexicon();
    _lexicon.loadSync(jiebaDictPath()!);
    _lexicon.addWords(glossary().words);
  }
  return _lexicon;
}

export function findings(text: string, rule?: string, opts: { lexicon?: Lexicon } = {}): Finding[] {
  const model = new TextModel(text);
  const all = runRules({ model, glossary: glossary(), lexicon: opts.lexicon ?? lexicon() });
  return rule ? all.filter((f) => f.ruleId === rule) : all;
}

/** The text with one finding's fix applied. */
export function fixed(text: string, f: Finding): string {
  return applyEdits(text, f.fix!.edits);
}

/** The flagged text of each finding. */
export function flagged(text: string, fs: Finding[]): string[] {
  return fs.map((f) => text.slice(f.start, f.end));
}
