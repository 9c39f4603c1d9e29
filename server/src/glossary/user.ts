import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGlossary, type GlossaryProblem } from './load';
import type { Entry } from './types';
import { msg, type Msg } from '../l10n';

export const WORKSPACE_GLOSSARY = path.join('.tifa', 'glossary.json');

export interface UserGlossaryFile {
  file: string;
  text: string;
  entries: Entry[];
  problems: GlossaryProblem[];
}

/** The user glossary files that apply: `.tifa/glossary.json` in each folder, then `tifa.glossaries` (relative to the first folder). */
export function userGlossaryPaths(folders: string[], configured: string[]): string[] {
  const out: string[] = [];
  for (const f of folders) {
    const p = path.join(f, WORKSPACE_GLOSSARY);
    if (fs.existsSync(p)) out.push(p);
  }
  for (const g of configured) {
    const p = path.isAbsolute(g) ? g : path.join(folders[0] ?? process.cwd(), g);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** Read and validate user glossaries. Never throws: a missing or broken file becomes problems. */
export async function readUserGlossaries(files: string[]): Promise<UserGlossaryFile[]> {
  const out: UserGlossaryFile[] = [];
  for (const file of files) {
    try {
      out.push(userGlossaryOf(file, await fs.promises.readFile(file, 'utf8')));
    } catch (e) {
      out.push(unreadable(file, e));
    }
  }
  return out;
}

/** readUserGlossaries for a caller that cannot wait (the CLI, as a thread starts). */
export function readUserGlossariesSync(files: string[]): UserGlossaryFile[] {
  return files.map((file) => {
    try {
      return userGlossaryOf(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      return unreadable(file, e);
    }
  });
}

function userGlossaryOf(file: string, text: string): UserGlossaryFile {
  return { file, text, ...parseGlossary(text, file, false) };
}

function unreadable(file: string, e: unknown): UserGlossaryFile {
  return { file, text: '', entries: [], problems: [{ message: cannotReadGlossary((e as NodeJS.ErrnoException).code ?? (e as Error).message) }] };
}

/** What is said of a glossary file that cannot be read. */
export function cannotReadGlossary(why: string): Msg {
  return msg(`无法读取词表文件：${why}`, `cannot read the glossary file: ${why}`);
}

/** A new entry's skeleton, for “Add to Glossary”. */
export function skeleton(term: string): Entry {
  return { term, category: '党的建设', definition: '（请用自己的话写一两句释义）', sources: ['（出处）'] };
}

/**
 * Add an entry skeleton to a glossary file (created if absent), keeping the file's other entries as
 * they are. Returns the offset of the new entry's term in the written text; an existing entry is not
 * duplicated (its offset is returned).
 */
export function addToGlossaryFile(file: string, term: string): { offset: number; created: boolean } {
  let entries: unknown[] = [];
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      const data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      if (!Array.isArray(data)) throw new Error('not an array');
      entries = data;
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
    const i = text.indexOf(`"term": ${JSON.stringify(term)}`);
    if (entries.some((e) => (e as { term?: unknown })?.term === term)) return { offset: Math.max(0, i), created: false };
  }
  const block = JSON.stringify(skeleton(term), null, 2).replace(/^/gm, '  ');
  let out: string;
  if (fs.existsSync(file) && entries.length) {
    // insert before the closing bracket, leaving the rest of the file as the user wrote it
    const text = fs.readFileSync(file, 'utf8');
    const close = text.lastIndexOf(']');
    let before = close;
    while (before > 0 && /\s/.test(text[before - 1])) before--;
    out = text.slice(0, before) + ',\n' + block + '\n' + text.slice(close);
  } else {
    out = '[\n' + block + '\n]\n';
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, out);
  return { offset: out.lastIndexOf(`"term": ${JSON.stringify(term)}`), created: true };
}
