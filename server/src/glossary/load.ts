import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES, type Entry } from './types';
import { msg, type Msg } from '../l10n';

/** Folder with the built-in data: beside the bundle (dist/data) or in the source tree (server/data). */
export function dataDir(): string {
  const candidates = [path.join(__dirname, 'data'), path.join(__dirname, '..', '..', 'data'), path.join(__dirname, '..', 'data')];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'glossary'))) return c;
  return candidates[0];
}

export interface GlossaryProblem {
  message: Msg;
  /** offset into the file text, where known */
  offset?: number;
  entryIndex?: number;
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const FIELDS = new Set(['term', 'variants', 'category', 'components', 'numbered', 'definition', 'definitionEn', 'firstProposed', 'english', 'related', 'sources', 'period']);

/** Validate one entry's shape (the JSON Schema's rules, checked in code so the server needs no validator). */
export function validateEntry(e: unknown): Msg[] {
  const out: Msg[] = [];
  if (!e || typeof e !== 'object' || Array.isArray(e)) return [msg('条目必须是对象', 'an entry must be an object')];
  const o = e as Record<string, unknown>;
  const str = (k: string) => typeof o[k] === 'string' && (o[k] as string).trim() !== '';
  if (!str('term')) out.push(msg('缺少 term（规范写法）', 'missing "term"'));
  if (!str('definition')) out.push(msg('缺少 definition（释义）', 'missing "definition"'));
  if (!str('category')) out.push(msg('缺少 category（类别）', 'missing "category"'));
  else if (!(CATEGORIES as readonly string[]).includes(o.category as string))
    out.push(msg(`未知类别“${o.category}”，可用：${CATEGORIES.join('、')}`, `unknown category "${o.category}"; use one of ${CATEGORIES.join(', ')}`));
  if (!Array.isArray(o.sources) || o.sources.length === 0 || !o.sources.every((s) => typeof s === 'string'))
    out.push(msg('sources（出处）必须是非空字符串数组', '"sources" must be a non-empty array of strings'));
  for (const k of ['components', 'related'] as const)
    if (o[k] !== undefined && (!Array.isArray(o[k]) || !(o[k] as unknown[]).every((s) => typeof s === 'string' && s !== '')))
      out.push(msg(`${k} 必须是字符串数组`, `"${k}" must be an array of strings`));
  if (o.variants !== undefined) {
    if (!Array.isArray(o.variants)) out.push(msg('variants 必须是数组', '"variants" must be an array'));
    else
      for (const v of o.variants)
        if (!(typeof v === 'string' && v) && !(v && typeof v === 'object' && typeof (v as { form?: unknown }).form === 'string'))
          out.push(msg('variants 的每一项是字符串或 {"form": …, "error": true}', 'each variant is a string or {"form": …, "error": true}'));
  }
  if (o.firstProposed !== undefined) {
    const f = o.firstProposed as Record<string, unknown>;
    if (!f || typeof f !== 'object') out.push(msg('firstProposed 必须是对象 {date, occasion}', '"firstProposed" must be an object {date, occasion}'));
    else if (f.date !== undefined && !(typeof f.date === 'string' && DATE.test(f.date)))
      out.push(msg(`日期“${String(f.date)}”格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD`, `date "${String(f.date)}" must be YYYY, YYYY-MM or YYYY-MM-DD`));
  }
  for (const k of ['english', 'period', 'definitionEn'])
    if (o[k] !== undefined && typeof o[k] !== 'string') out.push(msg(`${k} 必须是字符串`, `"${k}" must be a string`));
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) out.push(msg(`未知字段“${k}”`, `unknown field "${k}"`));
  return out;
}

/** Parse a glossary file's text: entries that are valid, and problems with positions. Never throws. */
export function parseGlossary(text: string, file: string, builtin = false): { entries: Entry[]; problems: GlossaryProblem[] } {
  const problems: GlossaryProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    problems.push({ message: msg(`JSON 解析失败：${(e as Error).message}`, `invalid JSON: ${(e as Error).message}`), offset: m ? Number(m[1]) : 0 });
    return { entries: [], problems };
  }
  if (!Array.isArray(data)) {
    problems.push({ message: msg('词表文件必须是条目数组', 'a glossary file must be an array of entries'), offset: 0 });
    return { entries: [], problems };
  }
  const entries: Entry[] = [];
  data.forEach((e, i) => {
    const errs = validateEntry(e);
    if (errs.length) {
      const term = (e as { term?: unknown })?.term;
      const offset = typeof term === 'string' ? text.indexOf(JSON.stringify(term)) : undefined;
      for (const m of errs) problems.push({ message: m, entryIndex: i, offset: offset !== undefined && offset >= 0 ? offset : undefined });
    } else entries.push({ ...(e as Entry), origin: { file, builtin } });
  });
  return { entries, problems };
}

/** The built-in glossary, from the data folder. */
export function loadBuiltinEntries(dir = path.join(dataDir(), 'glossary')): { entries: Entry[]; problems: GlossaryProblem[] } {
  const entries: Entry[] = [];
  const problems: GlossaryProblem[] = [];
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    problems.push({ message: msg(`找不到内置词表目录 ${dir}`, `built-in glossary folder not found: ${dir}`) });
  }
  for (const f of files) {
    const r = parseGlossary(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f), true);
    entries.push(...r.entries);
    problems.push(...r.problems);
  }
  return { entries, problems };
}
