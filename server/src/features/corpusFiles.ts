import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBuffer, isDecoded } from '../core/encoding';

/**
 * The corpus files below a folder: `.txt` files, hidden folders and node_modules skipped, in name order,
 * at most `budget.n` of them (the budget is shared across folders). Reads directories asynchronously.
 * Symbolic links are followed (a corpus is often a folder of links to archives kept elsewhere); a folder
 * reached a second time, through a link or a cycle of links, is not walked again.
 */
async function* corpusFiles(dir: string, budget: { n: number }, walked: Set<string>): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    const real = await fs.promises.realpath(dir);
    if (walked.has(real)) return;
    walked.add(real);
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (budget.n <= 0) return;
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await fs.promises.stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir) yield* corpusFiles(p, budget, walked);
    else if (isFile && e.name.toLowerCase().endsWith('.txt')) {
      budget.n--;
      yield p;
    }
  }
}

/** All corpus files of the workspace folders, at most `limit`. */
export async function listCorpusFiles(folders: string[], limit = 20_000): Promise<string[]> {
  const budget = { n: limit };
  const out: string[] = [];
  const walked = new Set<string>();
  for (const folder of folders) for await (const f of corpusFiles(folder, budget, walked)) out.push(f);
  return out;
}

/** Corpus files larger than this are not read (a dump, not a text anyone opens). */
const MAX_CORPUS_FILE = 20 * 1024 * 1024;

/**
 * A corpus file's text, decoded as the CLI decodes it (UTF-8, UTF-16, GB18030; see
 * decodeBuffer), or undefined when it is no regular file, too large, unreadable, binary or in no
 * encoding we know. (Read as UTF-8 whatever it held, a GB18030 file was no Chinese to the index.)
 */
export async function readCorpusFile(file: string): Promise<string | undefined> {
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile() || st.size > MAX_CORPUS_FILE) return undefined;
    const decoded = decodeBuffer(await fs.promises.readFile(file));
    return isDecoded(decoded) ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
