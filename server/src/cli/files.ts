/**
 * Which files the CLI reads: files named, `.txt` files below folders named, and files matching
 * globs; minus what `.tifaignore` files and `--ignore` exclude (gitignore-like patterns).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(p: string): boolean {
  return GLOB_CHARS.test(p);
}

/**
 * A glob as a regular expression over '/'-separated relative paths: `**` any number of folders,
 * `*` and `?` within a name, `[abc]` classes, `{a,b}` alternatives.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0; // inside {…}
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashBefore = i === 0 || glob[i - 1] === '/';
        const slashAfter = glob[i + 2] === '/' || i + 2 === glob.length;
        if (slashBefore && slashAfter) {
          // `**/` matches zero or more folders; a trailing `**` matches everything below
          if (glob[i + 2] === '/') {
            re += '(?:[^/]*/)*';
            i += 2;
          } else {
            re += '.*';
            i += 1;
          }
          continue;
        }
        re += '[^/]*';
        i += 1;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body[0] === '!') body = '^' + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '\\' && i + 1 < glob.length) re += '\\' + glob[++i];
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/**
 * gitignore-like patterns, relative to a base folder: `#` comments, `!` negation, a trailing `/`
 * for folders only, a pattern with no inner `/` matches a name at any depth, a leading `/` anchors.
 */
export class IgnoreList {
  private rules: IgnoreRule[] = [];

  constructor(
    readonly base: string,
    patterns: string[] = [],
  ) {
    for (const p of patterns) this.add(p);
  }

  static fromFile(file: string): IgnoreList | undefined {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    return new IgnoreList(path.dirname(file), text.split(/\r?\n|\r/));
  }

  add(pattern: string): void {
    let p = pattern.replace(/^\ufeff/, '').trim();
    if (!p || p.startsWith('#')) return;
    let negate = false;
    if (p.startsWith('!')) {
      negate = true;
      p = p.slice(1);
    }
    let dirOnly = false;
    if (p.endsWith('/')) {
      dirOnly = true;
      p = p.replace(/\/+$/, '');
    }
    if (p.startsWith('./')) p = p.slice(2);
    const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
    p = p.replace(/^\/+/, '');
    if (!p) return;
    const body = globToRegExp(p).source.slice(1, -1);
    // a match also covers everything below it
    const re = new RegExp(anchored ? `^${body}(?:/.*)?$` : `^(?:.*/)?${body}(?:/.*)?$`);
    this.rules.push({ re, negate, dirOnly });
  }

  /** Whether a path (absolute, or relative to the current folder) is ignored: undefined when no pattern speaks. */
  verdict(p: string, isDir: boolean): boolean | undefined {
    const rel = path.relative(path.resolve(this.base), path.resolve(p)).split(path.sep).join('/');
    if (!rel || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return undefined;
    let v: boolean | undefined;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir && !rel.includes('/')) continue;
      if (r.dirOnly) {
        // a folder-only pattern matches the folder itself or anything below a matching folder
        const parts = rel.split('/');
        const upTo = isDir ? parts.length : parts.length - 1;
        let hit = false;
        for (let k = 1; k <= upTo && !hit; k++) if (r.re.test(parts.slice(0, k).join('/'))) hit = true;
        if (hit) v = !r.negate;
      } else if (r.re.test(rel)) v = !r.negate;
    }
    return v;
  }

  get size(): number {
    return this.rules.length;
  }
}

/** Is a path ignored by any of the lists (later lists, deeper `.tifaignore` files, win)? */
function ignored(lists: IgnoreList[], p: string, isDir: boolean): boolean {
  let v = false;
  for (const l of lists) {
    const r = l.verdict(p, isDir);
    if (r !== undefined) v = r;
  }
  return v;
}

export interface CollectOptions {
  /** `--ignore` patterns, relative to the current folder */
  ignore?: string[];
  /** the current folder (whose `.tifaignore` applies) */
  cwd?: string;
  /** extensions found when walking a folder (lower case, with dot) */
  extensions?: string[];
}

export interface Collected {
  files: string[];
  /** paths named that match nothing */
  missing: string[];
  /** paths named that are neither a file nor a folder (a pipe, a device) */
  notFiles: string[];
}

/**
 * Files to read, in a stable order: each argument in turn; folders walked in name order (hidden
 * entries and node_modules skipped); globs expanded below their fixed prefix. Files named
 * explicitly are always read; `.tifaignore` (in the current folder and in every folder walked) and
 * `--ignore` apply to what walking and globs find. Duplicates are dropped.
 */
export function collectFiles(args: string[], opts: CollectOptions = {}): Collected {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const exts = opts.extensions ?? ['.txt'];
  const base: IgnoreList[] = [];
  const rootIgnore = IgnoreList.fromFile(path.join(cwd, '.tifaignore'));
  if (rootIgnore) base.push(rootIgnore);
  if (opts.ignore?.length) base.push(new IgnoreList(cwd, opts.ignore));
  const seen = new Set<string>();
  const files: string[] = [];
  const missing: string[] = [];
  const notFiles: string[] = [];
  const push = (f: string) => {
    const key = path.resolve(cwd, f);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };

  /** the folders walked for the current argument, by real path: a folder reached again through a link (a cycle of links) is not walked twice */
  let walked = new Set<string>();
  /**
   * `parentReal`: the real path of the folder that lists `dir` as a folder (not a link), so that dir's own
   * is that plus its name; the start of a walk and a linked folder ask the file system (a system call per
   * folder otherwise: 200 of them for the bench corpus).
   */
  const walk = (dir: string, lists: IgnoreList[], accept: (f: string) => boolean, parentReal?: string) => {
    const dirAbs = path.resolve(cwd, dir);
    let real: string;
    try {
      real = parentReal !== undefined ? path.join(parentReal, path.basename(dirAbs)) : fs.realpathSync.native(dirAbs);
    } catch {
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch {
      return;
    }
    // the folder's own .tifaignore, read only where the listing has one (a failed open per folder otherwise)
    const own = names.some((d) => d.name === '.tifaignore') ? IgnoreList.fromFile(path.join(dirAbs, '.tifaignore')) : undefined;
    const here = own && own.base !== cwd ? [...lists, own] : lists;
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      if (d.name.startsWith('.') || d.name === 'node_modules') continue;
      const full = path.join(dir, d.name);
      const abs = path.join(dirAbs, d.name);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      const linked = d.isSymbolicLink();
      if (linked) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (!isDir && !isFile) continue;
      if (ignored(here, abs, isDir)) continue;
      if (isDir) walk(full, here, accept, linked ? undefined : real);
      else if (accept(abs)) push(full);
    }
  };

  for (const arg of args) {
    walked = new Set();
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(path.resolve(cwd, arg));
    } catch {
      st = undefined;
    }
    if (st?.isFile()) push(arg);
    else if (st?.isDirectory()) walk(arg, base, (abs) => exts.includes(path.extname(abs).toLowerCase()));
    // a pipe, a socket or a device named on the command line: never read (a pipe would wait for ever)
    else if (st) notFiles.push(arg);
    else if (isGlob(arg)) {
      const { root, pattern } = globParts(arg);
      const re = globToRegExp(pattern);
      const before = files.length;
      const rootAbs = path.resolve(cwd, root);
      if (fs.existsSync(rootAbs))
        walk(root, base, (abs) => re.test(path.relative(rootAbs, abs).split(path.sep).join('/')));
      if (files.length === before) missing.push(arg);
    } else missing.push(arg);
  }
  return { files, missing, notFiles };
}

/** A glob as the folder it starts from (its segments before the first wildcard) and the pattern below it. */
export function globParts(glob: string): { root: string; pattern: string } {
  const parts = glob.split(path.sep).join('/').split('/');
  const fixed: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift()!);
  return { root: fixed.length ? (fixed.join('/') === '' ? '/' : fixed.join('/')) : '.', pattern: parts.join('/') };
}
