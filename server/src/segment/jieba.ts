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
 * What the Lexicon loads, in order: the table the build made from jieba's dictionary (dist/data/lexicon.bin,
 * a few milliseconds), then the dictionary itself (from sources, as the unit tests run; or when the table
 * is damaged: never silently without words, or the word-based rules would report what words explain).
 */
function lexiconFiles(): string[] {
  const bin = path.join(__dirname, 'data', 'lexicon.bin');
  const dict = jiebaDictPath();
  return [...(fs.existsSync(bin) ? [bin] : []), ...(dict ? [dict] : [])];
}

/** Load word knowledge into `lexicon` (see lexiconFiles). Returns a warning for the user when something was wrong. */
export function loadLexiconSync(lexicon: Lexicon): string | undefined {
  const files = lexiconFiles();
  let why: string | undefined;
  for (const f of files) {
    lexicon.loadSync(f);
    if (lexicon.ready) break;
    why ??= lexicon.error;
  }
  return loadWarning(lexicon, files, why);
}

/** As loadLexiconSync, without blocking (the server). */
export async function loadLexicon(lexicon: Lexicon): Promise<string | undefined> {
  const files = lexiconFiles();
  let why: string | undefined;
  for (const f of files) {
    await lexicon.load(f);
    if (lexicon.ready) break;
    why ??= lexicon.error;
  }
  return loadWarning(lexicon, files, why);
}

function loadWarning(lexicon: Lexicon, files: string[], why: string | undefined): string | undefined {
  if (!files.length) return 'jieba dictionary not found; word-based checks are off';
  if (!lexicon.ready) return `word list unavailable (${lexicon.error ?? why}); word-based checks are off`;
  if (why !== undefined) return `${files[0]} is unreadable (${why}); read jieba's dictionary instead (a slower start)`;
  return undefined;
}
