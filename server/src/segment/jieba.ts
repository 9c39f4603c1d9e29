/**
 * The one place that touches nodejieba. Everything else asks for words through `Segmenter`
 * (segmentation) or `Lexicon` (dictionary membership).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { Lexicon } from './lexicon';

export interface JiebaApi {
  cut(text: string): string[];
  insertWord(word: string): boolean;
}

/** Where nodejieba lives: beside the bundle (dist/node_modules) or in the project's node_modules. */
export function nodejiebaDir(): string | undefined {
  const candidates = [path.join(__dirname, 'node_modules', 'nodejieba'), path.join(__dirname, '..', 'node_modules', 'nodejieba'), path.join(__dirname, '..', '..', '..', 'node_modules', 'nodejieba')];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'index.js'))) return c;
  try {
    return path.dirname(require.resolve('nodejieba/package.json'));
  } catch {
    return undefined;
  }
}

/** jieba's main dictionary (word, frequency, tag per line), shipped inside nodejieba. */
export function jiebaDictPath(): string | undefined {
  const dir = nodejiebaDir();
  if (!dir) return undefined;
  const p = path.join(dir, 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
  return fs.existsSync(p) ? p : undefined;
}

/** Load nodejieba synchronously (about a second: never on the server's main thread). Throws if it cannot. */
export function loadJieba(): JiebaApi {
  const dir = nodejiebaDir();
  if (!dir) throw new Error('nodejieba is not installed beside the server');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require(dir) as { load(): void; cut(s: string, hmm?: boolean): string[]; insertWord(w: string): boolean };
  jieba.load();
  return {
    cut: (text) => jieba.cut(text, false),
    insertWord: (w) => jieba.insertWord(w),
  };
}

/**
 * What the Lexicon loads: the table the build made from jieba's dictionary (dist/data/lexicon.bin, a few
 * milliseconds), else the dictionary itself (from sources, as the unit tests run).
 */
export function lexiconPath(): string | undefined {
  const bin = path.join(__dirname, 'data', 'lexicon.bin');
  return fs.existsSync(bin) ? bin : jiebaDictPath();
}

/**
 * Load word knowledge into `lexicon`: the built table, or jieba's dictionary when the table is missing or
 * damaged (never silently without words: the word-based rules would then report what words explain).
 * Returns a warning for the user when something was wrong, else undefined.
 */
export function loadLexiconSync(lexicon: Lexicon): string | undefined {
  const first = lexiconPath();
  if (!first) return NO_DICTIONARY;
  lexicon.loadSync(first);
  if (lexicon.ready) return undefined;
  const why = lexicon.error;
  const dict = jiebaDictPath();
  if (dict && dict !== first) lexicon.loadSync(dict);
  return fallbackWarning(lexicon, first, why);
}

/** As loadLexiconSync, without blocking (the server). */
export async function loadLexicon(lexicon: Lexicon): Promise<string | undefined> {
  const first = lexiconPath();
  if (!first) return NO_DICTIONARY;
  await lexicon.load(first);
  if (lexicon.ready) return undefined;
  const why = lexicon.error;
  const dict = jiebaDictPath();
  if (dict && dict !== first) await lexicon.load(dict);
  return fallbackWarning(lexicon, first, why);
}

const NO_DICTIONARY = 'jieba dictionary not found; word-based checks are off';

function fallbackWarning(lexicon: Lexicon, first: string, why: string | undefined): string {
  return lexicon.ready
    ? `${first} is unreadable (${why}); read jieba's dictionary instead (a slower start)`
    : `word list unavailable (${lexicon.error ?? why}); word-based checks are off`;
}
