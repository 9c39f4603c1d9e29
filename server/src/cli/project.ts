/**
 * What the CLI reads of a project as the editor reads it of a workspace folder: the nearest `.tifa/`
 * (its glossary; each file's ignore list, see Engine.suppressionFor) and the workspace settings VS Code
 * keeps in the nearest `.vscode/settings.json` (`tifa.rules`, `tifa.glossaries`), so that `tifa lint`
 * in a terminal or in CI reports what the editor shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKSPACE_GLOSSARY } from '../glossary/user';
import { RULES_BY_ID } from '../rules';
import type { RuleSetting } from '../core/analyze';
import { msg, type Msg } from '../l10n';
import { globParts, isGlob } from './files';

const SETTINGS = path.join('.vscode', 'settings.json');
const TIFA = path.dirname(WORKSPACE_GLOSSARY);
const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

export interface ProjectConfig {
  /** user glossaries: each project's `.tifa/glossary.json`, then its `tifa.glossaries` */
  glossaries: string[];
  /** `tifa.rules` of the projects' settings (a later project's setting of a rule wins) */
  rules: Record<string, RuleSetting>;
  /** what could not be read or understood (the rest is used) */
  warnings: Msg[];
}

/** The projects of the paths (a glob: the folder it starts from), in their order, read as the editor reads them. */
export function projectConfig(paths: string[]): ProjectConfig {
  const config: ProjectConfig = { glossaries: [], rules: {}, warnings: [] };
  const add = (g: string) => {
    if (!config.glossaries.includes(g)) config.glossaries.push(g);
  };
  const seen = new Set<string>();
  const projects = new Map<string, string | null>();
  for (const p of paths) {
    const dir = folderOf(p);
    if (!dir) continue;
    const tifa = projectOf(dir, projects);
    if (tifa && fs.existsSync(path.join(tifa, WORKSPACE_GLOSSARY))) add(path.join(tifa, WORKSPACE_GLOSSARY));
    const vscode = nearestWithFile(dir, SETTINGS);
    if (!vscode || seen.has(vscode)) continue;
    seen.add(vscode);
    const settings = readSettings(path.join(vscode, SETTINGS), config.warnings);
    Object.assign(config.rules, settings.rules);
    for (const g of settings.glossaries) add(path.resolve(vscode, g));
  }
  return config;
}

/** Whether a folder has a `.tifa/` folder: it is a project, as the editor's workspace folder. */
export function hasTifaFolder(dir: string): boolean {
  return statOf(path.join(dir, TIFA))?.isDirectory() ?? false;
}

/**
 * The project of the files in folder `dir` (absolute): the nearest folder at or above it with a `.tifa/`,
 * or null. `known` caches the answer for every folder looked at on the way up, so that a corpus of many
 * folders costs one look per folder.
 */
export function projectOf(dir: string, known: Map<string, string | null>): string | null {
  const cached = known.get(dir);
  if (cached !== undefined) return cached;
  const up = path.dirname(dir);
  const root = hasTifaFolder(dir) ? dir : up === dir ? null : projectOf(up, known);
  known.set(dir, root);
  return root;
}

/**
 * The glossaries of the projects inside the linted folders (a corpus of several projects, each with its
 * own `.tifa/`), which projectConfig, looking at and above each PATH, does not see; in file order, none of
 * `have`. Like the folders of a multi-root workspace in the editor, their terms are merged.
 */
export function nestedGlossaries(files: string[], have: string[]): string[] {
  const known = new Map<string, string | null>();
  const seen = new Set(have.map((g) => path.resolve(g)));
  const out: string[] = [];
  for (const f of files) {
    const root = projectOf(path.dirname(path.resolve(f)), known);
    if (!root) continue;
    const g = path.join(root, WORKSPACE_GLOSSARY);
    if (seen.has(g)) continue;
    seen.add(g);
    if (statOf(g)?.isFile()) out.push(g);
  }
  return out;
}

/** The nearest folder at or above dir that has the file `name`. */
function nearestWithFile(dir: string, name: string): string | undefined {
  for (;;) {
    if (statOf(path.join(dir, name))?.isFile()) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function folderOf(p: string): string | undefined {
  const abs = path.resolve(isGlob(p) ? globParts(p).root : p);
  const st = statOf(abs);
  return st ? (st.isDirectory() ? abs : path.dirname(abs)) : undefined;
}

function statOf(p: string): fs.Stats | undefined {
  try {
    // no exception made for a path that is not there (most of those asked about)
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** `tifa.rules` and `tifa.glossaries` of a VS Code settings file (JSON with comments); what is wrong goes to `warnings`. */
function readSettings(file: string, warnings: Msg[]): { rules: Record<string, RuleSetting>; glossaries: string[] } {
  const out = { rules: {} as Record<string, RuleSetting>, glossaries: [] as string[] };
  let data: unknown;
  try {
    data = parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    warnings.push(msg(`无法读取设置 ${file}：${(e as Error).message}`, `cannot read the settings ${file}: ${(e as Error).message}`));
    return out;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return out;
  const o = data as Record<string, unknown>;
  const rules = o['tifa.rules'];
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, v] of Object.entries(rules as Record<string, unknown>)) {
      if (!RULES_BY_ID.has(id)) warnings.push(msg(`${file}：tifa.rules 中的未知规则 ${id}`, `${file}: unknown rule ${id} in tifa.rules`));
      else if (isRuleSetting(v)) out.rules[id] = v;
      else warnings.push(msg(`${file}：tifa.rules 中 ${id} 的设置无效`, `${file}: the setting of ${id} in tifa.rules is not valid`));
    }
  }
  const glossaries = o['tifa.glossaries'];
  if (Array.isArray(glossaries)) for (const g of glossaries) if (typeof g === 'string') out.glossaries.push(g);
  return out;
}

/** A rule setting as the editor's schema allows it: on/off, a level, or an object with an optional level and the rule's options. */
function isRuleSetting(v: unknown): v is RuleSetting {
  if (typeof v === 'boolean') return true;
  if (typeof v === 'string') return LEVELS.has(v);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const severity = (v as { severity?: unknown }).severity;
  return severity === undefined || (typeof severity === 'string' && LEVELS.has(severity));
}

/**
 * JSON with comments and trailing commas, as VS Code writes and reads `settings.json`: the comments
 * (`//`, `/* … *\/`) and the commas before a closing bracket are left out, outside strings, and the rest
 * is parsed as JSON (a mistake throws, with JSON.parse's message).
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // a string, escapes and all
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === ',') {
      // a comma with only spaces and comments before the closing bracket: dropped
      let j = i + 1;
      for (;;) {
        while (j < n && /\s/.test(text[j])) j++;
        if (text[j] === '/' && text[j + 1] === '/') while (j < n && text[j] !== '\n') j++;
        else if (text[j] === '/' && text[j + 1] === '*') {
          const end = text.indexOf('*/', j + 2);
          j = end < 0 ? n : end + 2;
        } else break;
      }
      if (text[j] !== '}' && text[j] !== ']') out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/^\ufeff/, ''));
}
