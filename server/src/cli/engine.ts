/**
 * What the CLI does to one file: read and decode it, lint it, fix it, or count it. The engine holds
 * the glossary and the word knowledge; it is built once per worker thread and serves many files.
 * Results are plain data (they cross thread boundaries).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { TextModel } from '../core/text';
import { countIdeographs } from '../core/cjk';
import { runRules, type AnalyzedFinding, type RuleSetting } from '../core/analyze';
import { fixText, SAFE } from '../core/fixall';
import { decodeBuffer, encodeExactly, encodeText, eolStyle, isDecoded, withEol, type Decoded, type EncodingName } from '../core/encoding';
import { Glossary } from '../glossary/glossary';
import type { Entry } from '../glossary/types';
import { loadBuiltinEntries } from '../glossary/load';
import { readUserGlossariesSync } from '../glossary/user';
import { IGNORE_FILE, IgnoreList, type Suppression } from '../core/ignore';
import { findSlogans } from '../glossary/match';
import { buildOutline, type OutlineSymbol } from '../outline/outline';
import { Lexicon } from '../segment/lexicon';
import { loadLexiconSync } from '../segment/jieba';
import { msg, t, type Locale, type Msg } from '../l10n';
import type { Rule, Severity } from '../rules/types';
import { byReportOrder, RULES, rulesOfPart } from '../rules';
import { unifiedDiff } from './diff';
import { projectOf } from './project';
import { packRows, type PackedPart, type Tally } from './format';

export type Command = 'lint' | 'fix' | 'stats';

export interface JobOptions {
  command: Command;
  locale: Locale;
  /** read every file in this encoding instead of detecting it */
  encoding?: EncodingName;
  dryRun: boolean;
  rules: Record<string, RuleSetting>;
  /** --timing: measure the time spent in each rule */
  timing?: boolean;
  /** lint: render each file's part of the report where it is linted (json, stylish; see format.prerender) */
  render?: 'json' | 'stylish';
  /** with render: colour the stylish report */
  color?: boolean;
  /** lint: run only this part of the rules (rulesOfPart), to be merged with the other parts (mergeParts) */
  part?: number;
  parts?: number;
  /** user glossaries (`.tifa/glossary.json` of the project, `--glossary`), merged with the built-in one as in the editor */
  glossaries?: string[];
}

export interface Place {
  start: number;
  end: number;
  /** one-based line and UTF-16 column, as editors show them */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileFinding extends Place {
  ruleId: string;
  severity: Severity;
  message: string;
  fix?: { title: string; safe: boolean; edits: (Place & { newText: string })[] };
}

/** A file as read and decoded (Engine.read): its text, or why there is none. */
export interface ReadFile {
  file: string;
  bytes: number;
  error?: string;
  skipped?: string;
  /** the text and how it was stored, when the file could be read and decoded */
  decoded?: Decoded;
}

export interface FileStats {
  characters: number;
  hanCharacters: number;
  lines: number;
  paragraphs: number;
  findingsByRule: Record<string, number>;
  /** slogan (the glossary term) → occurrences; short unquoted forms are not counted (no segmentation in the CLI) */
  slogans: Record<string, number>;
  /** outline entries (all levels) */
  outline: number;
}

export interface FileResult {
  file: string;
  command: Command;
  bytes: number;
  encoding?: EncodingName;
  bom?: boolean;
  /** a note: the file was skipped (binary, unknown encoding) */
  skipped?: string;
  /** an error: unreadable, or a fix refused */
  error?: string;
  /** a warning that does not stop the file (lossy decoding) */
  warning?: string;
  findings: FileFinding[];
  /** fix: fixes applied (or that would be, with --dry-run) */
  fixed?: number;
  /** fix --dry-run: the unified diff */
  diff?: string;
  stats?: FileStats;
  /** prerendered (format.prerender): this file's part of the report, its tally, and how many findings it had */
  rendered?: string;
  /** merged JSON (format.mergeRendered): the file's elements in UTF-8, after two bytes kept for a separator */
  renderedBytes?: Uint8Array;
  tally?: Tally;
  findingCount?: number;
  /** a part of the rules' findings packed for the main thread (format.packRows) */
  packed?: PackedPart;
}

function countOutline(symbols: OutlineSymbol[]): number {
  let n = 0;
  for (const s of symbols) n += 1 + countOutline(s.children);
  return n;
}

/** What the CLI says about a file it cannot read, skips, reads with damage, or does not fix (in both languages). */
export const NOTES = {
  cannotRead: (file: string, why: string) => msg(`无法读取 ${file}：${why}`, `cannot read ${file}: ${why}`),
  binary: msg('二进制文件', 'binary file'),
  unknownEncoding: msg('不是 UTF-8、UTF-16、GB18030 或 Big5 文本（可用 --encoding 指定编码）', 'not UTF-8, UTF-16, GB18030 or Big5 text (use --encoding)'),
  lossy: (encoding: string) => msg(`含有无效的 ${encoding} 字节，已替换为 U+FFFD`, `invalid ${encoding} bytes replaced by U+FFFD`),
  notFixedLossy: (file: string, encoding: string) => msg(`未修复 ${file}：文件含有无效的 ${encoding} 字节`, `not fixed ${file}: it has invalid ${encoding} bytes`),
  notFixedRoundTrip: (file: string, encoding: string) =>
    msg(`未修复 ${file}：其 ${encoding} 字节解码后无法原样写回`, `not fixed ${file}: its ${encoding} bytes do not round-trip`),
  notFixedEncoding: (file: string, encoding: string) => msg(`未修复 ${file}：修复后的文本无法用 ${encoding} 写回`, `not fixed ${file}: the fixed text cannot be written back in ${encoding}`),
  cannotWrite: (file: string, code: string) =>
    code === 'read-only' ? msg(`无法写入 ${file}：文件为只读`, `cannot write ${file}: read-only`) : msg(`无法写入 ${file}：${code}`, `cannot write ${file}: ${code}`),
};

export class Engine {
  readonly glossary: Glossary;
  readonly lexicon = new Lexicon();
  /** what went wrong loading word knowledge (the CLI prints it once) */
  readonly warning?: string;
  /** ms spent loading the glossary and the lexicon */
  readonly loadMs: { glossary: number; lexicon: number };

  /**
   * `glossary: false`: none of the rules this engine runs reads the glossary (RuleMeta.usesGlossary), so it
   * is not loaded where the word table from the build has its terms already (a CLI worker starts sooner).
   */
  constructor(opts: { glossary?: boolean; userGlossaries?: string[]; locale?: Locale } = {}) {
    const t0 = performance.now();
    const warnings: string[] = [];
    const lexiconWarning = loadLexiconSync(this.lexicon);
    if (lexiconWarning) warnings.push(lexiconWarning);
    const t1 = performance.now();
    const user = readUserGlossaries(opts.userGlossaries ?? [], opts.locale ?? 'zh-cn', warnings);
    const skip = opts.glossary === false && this.lexicon.hasBuiltinTerms;
    this.glossary = skip ? new Glossary([]) : new Glossary([loadBuiltinEntries().entries, ...user]);
    // the user's terms are words for the word rules wherever they run
    this.lexicon.addWords(skip ? new Glossary(user).words : this.glossary.words);
    this.loadMs = { glossary: performance.now() - t1, lexicon: t1 - t0 };
    if (warnings.length) this.warning = warnings.join('\n');
  }

  /** the project of the files in each folder (project.projectOf), and each project's ignore list */
  private readonly projects = new Map<string, string | null>();
  private readonly ignoreLists = new Map<string, IgnoreList>();

  /**
   * The ignore list that applies to a file, as in the editor: `.tifa/ignore.json` of the nearest folder
   * above it that has a `.tifa/` (its workspace folder), with the file's path relative to that folder.
   */
  suppressionFor(file: string): Suppression | undefined {
    const abs = path.resolve(file);
    const folder = projectOf(path.dirname(abs), this.projects);
    if (!folder) return undefined;
    let list = this.ignoreLists.get(folder);
    if (!list) {
      let text = '';
      try {
        text = fs.readFileSync(path.join(folder, IGNORE_FILE), 'utf8');
      } catch {
        // no ignore list
      }
      this.ignoreLists.set(folder, (list = IgnoreList.parse(text)));
    }
    if (!list.size) return undefined;
    return { list, file: path.relative(folder, abs).split(path.sep).join('/') };
  }

  private place(model: TextModel, start: number, end: number): Place {
    const s = model.positionAt(start);
    const e = model.positionAt(end);
    return { start, end, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  private toFindings(model: TextModel, findings: AnalyzedFinding[], locale: Locale): FileFinding[] {
    return findings.map((f) => {
      const p = this.place(model, f.start, f.end);
      const out: FileFinding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: t(f.message, locale),
        start: p.start,
        end: p.end,
        line: p.line,
        column: p.column,
        endLine: p.endLine,
        endColumn: p.endColumn,
      };
      if (f.fix)
        out.fix = {
          title: t(f.fix.title, locale),
          safe: f.fix.safe,
          edits: f.fix.edits.map((e) => {
            const q = this.place(model, e.start, e.end);
            return { start: q.start, end: q.end, line: q.line, column: q.column, endLine: q.endLine, endColumn: q.endColumn, newText: e.newText };
          }),
        };
      return out;
    });
  }

  /** Pack findings (format.packRows) for the main thread, which merges them with the other parts'. */
  private pack(r: FileResult, model: TextModel, findings: AnalyzedFinding[], opts: JobOptions): FileResult {
    return packRows(
      r,
      findings.length,
      (k) => {
        const f = findings[k];
        return { ruleId: f.ruleId, severity: f.severity, message: t(f.message, opts.locale), ...this.place(model, f.start, f.end), fix: f.fix };
      },
      opts,
      isMainThread,
    );
  }

  /** The findings of the text (those the user ignored left out). */
  private lint(text: string, opts: JobOptions, ignore: Suppression | undefined): { model: TextModel; findings: AnalyzedFinding[] } {
    const model = new TextModel(text);
    const findings = runRules({ model, glossary: this.glossary, lexicon: this.lexicon }, opts.rules, rulesOf(opts));
    return { model, findings: ignore ? ignore.list.filter(ignore.file, text, findings) : findings };
  }

  /** Read and decode a file: what `process` starts from, as plain data (it can be handed to another thread); notes in `locale`. */
  static read(file: string, encoding?: EncodingName, locale: Locale = 'zh-cn'): { read: ReadFile; buf?: Buffer } {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      return { read: { file, bytes: 0, error: t(NOTES.cannotRead(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message), locale) } };
    }
    let decoded: ReturnType<typeof decodeBuffer>;
    try {
      decoded = decodeBuffer(buf, encoding);
    } catch (e) {
      // a file longer than a string may be (~536 million characters): an error for this file, not the run
      return { read: { file, bytes: buf.length, error: t(NOTES.cannotRead(file, `${(e as Error).message} (${(buf.length / 1e6).toFixed(0)} MB)`), locale) } };
    }
    if (!isDecoded(decoded)) return { read: { file, bytes: buf.length, skipped: t(decoded.skip === 'binary' ? NOTES.binary : NOTES.unknownEncoding, locale) }, buf };
    return { read: { file, bytes: buf.length, decoded }, buf };
  }

  /** Lint, fix or count a file; `given`: the file as read elsewhere (lint and stats only: fix reads its own bytes). */
  process(file: string, opts: JobOptions, given?: ReadFile): FileResult {
    const { read, buf } = given && opts.command !== 'fix' ? { read: given, buf: undefined } : Engine.read(file, opts.encoding, opts.locale);
    const r: FileResult = { file, command: opts.command, bytes: read.bytes, findings: [] };
    if (read.error !== undefined) {
      r.error = read.error;
      return r;
    }
    if (read.skipped !== undefined) {
      r.skipped = read.skipped;
      return r;
    }
    const { text, encoding, bom, lossy } = read.decoded!;
    r.encoding = encoding;
    r.bom = bom;
    if (lossy) r.warning = t(NOTES.lossy(encoding), opts.locale);

    const ignore = this.suppressionFor(file);
    if (opts.command === 'fix') return this.fix(r, buf!, text, encoding, bom, lossy, opts, ignore);

    const { model, findings } = this.lint(text, opts, ignore);
    if (opts.command === 'stats') {
      r.stats = this.stats(model, findings, opts);
      return r;
    }
    // a part of the rules in a worker: packed for the main thread straight from the rules' findings
    if (opts.command === 'lint' && (opts.parts ?? 1) > 1 && opts.render) return this.pack(r, model, findings, opts);
    r.findings = this.toFindings(model, findings, opts.locale);
    return r;
  }

  /**
   * A file's counts for `stats`: its findings by rule (counted from the rules' findings: no places or
   * messages are made for them), its characters, slogans and outline.
   */
  private stats(model: TextModel, findings: AnalyzedFinding[], opts: JobOptions): FileStats {
    const byRule: Record<string, number> = {};
    for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    // in parts, each part counts its own rules' findings, the first part the text's Han characters and
    // slogans, and the last its outline (on 2 threads: the worker, which has less besides its rules)
    const part = opts.part ?? 0;
    const first = part === 0;
    const last = part === (opts.parts ?? 1) - 1;
    const slogans: Record<string, number> = {};
    if (first) for (const m of findSlogans(model, this.glossary)) if (!m.needsSegmentation) slogans[m.form.entry.term] = (slogans[m.form.entry.term] ?? 0) + 1;
    const text = model.text;
    return {
      characters: text.length,
      hanCharacters: first ? countIdeographs(text) : 0,
      lines: text === '' ? 0 : model.lineCount,
      paragraphs: model.paragraphs.length,
      findingsByRule: byRule,
      slogans,
      outline: last ? countOutline(buildOutline(model)) : 0,
    };
  }

  private fix(r: FileResult, buf: Buffer, text: string, encoding: EncodingName, bom: boolean, lossy: boolean, opts: JobOptions, ignore: Suppression | undefined): FileResult {
    const ctx = { glossary: this.glossary, lexicon: this.lexicon };
    // what the user ignored is kept as it is
    const result = fixText(text, ctx, opts.rules, SAFE, undefined, ignore);
    const applied = result.applied;
    let fixed = result.text;
    const eol = eolStyle(text);
    if (eol !== 'mixed') fixed = withEol(fixed, eol);
    const remaining = this.lint(fixed, opts, ignore);
    r.findings = this.toFindings(remaining.model, remaining.findings, opts.locale);
    if (fixed === text) {
      r.fixed = 0;
      return r;
    }
    // refuse to write what we could not read back byte for byte
    const unfixed = (why: Msg): FileResult => ({ ...r, findings: this.toFindings(new TextModel(text), this.lint(text, opts, ignore).findings, opts.locale), error: t(why, opts.locale) });
    if (lossy) return unfixed(NOTES.notFixedLossy(r.file, encoding));
    if (!encodeText(text, encoding, bom).equals(buf)) return unfixed(NOTES.notFixedRoundTrip(r.file, encoding));
    const bytes = encodeExactly(fixed, encoding, bom);
    const back = bytes && decodeBuffer(bytes, opts.encoding);
    if (!bytes || !back || !isDecoded(back) || back.text !== fixed) return unfixed(NOTES.notFixedEncoding(r.file, encoding));
    r.fixed = applied;
    if (opts.dryRun) {
      // a UTF-8 file's byte order mark stays in its first line, as on disk, so that `patch` finds that line
      const mark = bom && encoding === 'utf-8' ? '\ufeff' : '';
      r.diff = unifiedDiff(r.file, mark + text, mark + fixed);
      return r;
    }
    try {
      writeAtomically(r.file, bytes);
    } catch (e) {
      // not written: the findings are the file's as it stays
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      return { ...unfixed(NOTES.cannotWrite(r.file, code)), fixed: 0 };
    }
    return r;
  }
}

/** The rules a job runs: its part of them when linting in parts (rulesOfPart), every rule otherwise. */
export function rulesOf(opts: JobOptions): Rule[] {
  return opts.command === 'fix' ? RULES : rulesOfPart(opts.part ?? 0, opts.parts ?? 1);
}

/**
 * One file's lint result from the results of each part of the rules (JobOptions.part): the same as
 * linting with every rule, findings in report order (by range, then by rule order).
 */
export function mergeParts(parts: FileResult[]): FileResult {
  const [first, ...rest] = parts;
  if (!rest.length) return first;
  const all = parts.flatMap((p) => p.findings);
  // each part is already in report order: a stable sort by range and rule keeps each rule's own order
  all.sort(byReportOrder);
  const merged = { ...first, findings: all };
  // stats: each part counted its own rules' findings (the reports sort the counts), and some parts the
  // text's Han characters or outline (the others count 0 of them: Engine.stats)
  if (first.stats) {
    const stats = parts.map((p) => p.stats!);
    merged.stats = {
      ...first.stats,
      hanCharacters: stats.reduce((n, s) => n + s.hanCharacters, 0),
      outline: stats.reduce((n, s) => n + s.outline, 0),
      findingsByRule: Object.assign({}, ...stats.map((s) => s.findingsByRule)),
    };
  }
  return merged;
}

/**
 * Write a file through a temporary file beside it and a rename, keeping its mode (whatever the umask) and,
 * where we may, its owner and group. A read-only file (no write permission for anyone, or none for us) is
 * refused: the rename would replace it all the same, where the user made it read-only to keep it as it is.
 */
function writeAtomically(link: string, bytes: Buffer): void {
  const file = fs.realpathSync(link);
  const st = fs.statSync(file);
  if ((st.mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'read-only' });
  fs.accessSync(file, fs.constants.W_OK);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tifa-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode: st.mode });
    // the mode asked for at creation is narrowed by the umask (a group-writable file lost that)
    fs.chmodSync(tmp, st.mode & 0o7777);
    if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) {
      try {
        fs.chownSync(tmp, st.uid, st.gid);
      } catch {
        // only its owner's or root's to give: the fixed file is ours
      }
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}

/** The entries of the user glossaries; what is wrong with one (unreadable, not JSON, a bad entry) goes to `warnings`, a line each. */
function readUserGlossaries(files: string[], locale: Locale, warnings: string[]): Entry[][] {
  return readUserGlossariesSync(files).map(({ file, text, entries, problems }) => {
    for (const p of problems) {
      const line = p.offset === undefined ? '' : `:${text.slice(0, p.offset).split('\n').length}`;
      warnings.push(`${file}${line}${locale === 'en' ? ': ' : '：'}${t(p.message, locale)}`);
    }
    return entries;
  });
}
