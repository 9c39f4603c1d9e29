/**
 * Output formats of the CLI: stylish (ESLint-like, coloured on a terminal), JSON, SARIF 2.1.0, and
 * the `stats` report.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, RULE_ORDER } from '../rules';
import { msg, t, type Locale, type Msg } from '../l10n';
import type { Severity } from '../rules/types';
import type { FileResult, FileStats, JobOptions } from './engine';

import { VERSION } from '../version';
/**
 * Where each rule's page lives on the web, for SARIF consumers (code scanning runs elsewhere, so the
 * editor's file: link to the installed docs would not resolve there). The repository URL of package.json.
 */
export const DOCS_BASE = 'https://github.com/tifa-dev/tifa/blob/main/docs/rules/';

export interface Colors {
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLORS: Colors = { dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), bold: sgr(1, 22), underline: sgr(4, 24) };
const id = (s: string) => s;
export const NO_COLORS: Colors = { dim: id, red: id, yellow: id, blue: id, bold: id, underline: id };

/** Width of a string in a terminal: CJK and fullwidth characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/** How many findings of each kind a file has (what the stylish summary and the exit status need). */
export interface Tally {
  errors: number;
  warnings: number;
  others: number;
  fixable: number;
}

export function tally(r: FileResult): Tally {
  if (r.tally) return r.tally;
  const t: Tally = { errors: 0, warnings: 0, others: 0, fixable: 0 };
  for (const f of r.findings) count(t, f);
  return t;
}

/** Count one finding into a tally. */
function count(t: Tally, f: { severity: Severity; fix?: { safe: boolean } }): void {
  if (f.severity === 'error') t.errors++;
  else if (f.severity === 'warning') t.warnings++;
  else t.others++;
  if (f.fix?.safe) t.fixable++;
}

/** Add one tally into another. */
function addTally(into: Tally, t: Tally): void {
  into.errors += t.errors;
  into.warnings += t.warnings;
  into.others += t.others;
  into.fixable += t.fixable;
}

/** One file's block of the stylish report ('' when it has no findings). */
export function stylishFile(r: FileResult, c: Colors = NO_COLORS): string {
  return stylishRows(
    r.file,
    r.findings.map((f) => [`${f.line}:${f.column}`, f.severity, f.message, f.ruleId]),
    c,
  );
}

/** The stylish block from its rows: [line:column, severity, message, rule id] in report order. */
function stylishRows(file: string, rows: string[][], c: Colors): string {
  if (!rows.length) return '';
  const lines: string[] = ['', c.underline(file)];
  let w0 = 0;
  let w1 = 0;
  for (const row of rows) {
    w0 = Math.max(w0, row[0].length);
    w1 = Math.max(w1, row[1].length);
  }
  for (const [pos, severity, message, ruleId] of rows) {
    const sev = severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
    lines.push(`  ${c.dim(pos.padEnd(w0))}  ${sev(severity.padEnd(w1))}  ${message}  ${c.dim(ruleId)}`);
  }
  return lines.join('\n');
}

/**
 * The report (JSON or stylish) written file by file as results come in, in file order: the CLI
 * writes each file's part while the other files are still being linted. `part` gives the text for one
 * file, `end` the rest (JSON's closing bracket, stylish's summary).
 */
export class ReportStream {
  private started = false;
  private readonly sum: Tally = { errors: 0, warnings: 0, others: 0, fixable: 0 };

  constructor(
    private readonly format: 'json' | 'stylish',
    private readonly locale: Locale,
    private readonly c: Colors = NO_COLORS,
  ) {}

  part(r: FileResult): string | Uint8Array {
    addTally(this.sum, tally(r));
    if (this.format === 'json') {
      // bytes (prerendered, merged from the parts, or written here): the separator goes into the slot before the elements
      const bytes = r.renderedBytes ?? jsonFileBytes(r);
      if (!bytes.length) return '';
      bytes[0] = this.started ? 0x2c : 0x5b; // , [
      bytes[1] = 0x0a;
      this.started = true;
      return bytes;
    }
    const text = r.rendered ?? stylishFile(r, this.c);
    if (!text) return '';
    const sep = this.started ? '\n' : '';
    this.started = true;
    return sep + text;
  }

  end(): string {
    if (this.format === 'json') return this.started ? '\n]' : '[]';
    const { errors, warnings, others, fixable } = this.sum;
    const c = this.c;
    const lines: string[] = [];
    const total = errors + warnings + others;
    if (total) {
      const summary =
        this.locale === 'en'
          ? `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(others, 'note')})`
          : `✖ 共 ${total} 处问题（错误 ${errors}，警告 ${warnings}，提示 ${others}）`;
      lines.push('', c.bold(errors ? c.red(summary) : c.yellow(summary)));
      if (fixable)
        lines.push(c.dim(this.locale === 'en' ? `  ${fixable === 1 && total === 1 ? 'It' : `${fixable} of them`} can be fixed with \`tifa fix\`.` : `  其中 ${fixable} 处可用 \`tifa fix\` 自动修复。`));
      lines.push('');
    }
    return (this.started && lines.length ? '\n' : '') + lines.join('\n');
  }
}

/**
 * One file's findings as elements of the JSON report, in UTF-8, after a 2-byte slot for the separator
 * (ReportStream fills it in); empty when none. One finding a line, each as `JSON.stringify` writes it, so
 * that line tools (grep, wc -l, head) see one finding a line. Not pretty-printed: indented, the report of
 * the bench corpus was 50 MB (for 37 MB of text) against 29 MB.
 */
function jsonFileBytes(r: FileResult): Uint8Array {
  if (!r.findings.length) return new Uint8Array(0);
  const w = jsonWriter(r.file);
  w.ascii('  ');
  for (let k = 0; k < r.findings.length; k++) {
    if (k) w.ascii(',\n');
    w.finding(r.findings[k]);
  }
  const bytes = new Uint8Array(w.at);
  bytes.set(w.buf.subarray(0, w.at));
  return bytes;
}

/** What a finding's report entry shows (a FileFinding has it all; the packer makes no more than this). */
export interface ReportRow {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { safe: boolean; edits: { start: number; end: number; newText: string }[] };
}

/**
 * Writes the JSON report's elements as UTF-8 bytes, exactly as `JSON.stringify` writes them (the same
 * escapes), straight from the findings: no string is made per finding. As strings, the elements cost more
 * than half of what the JSON report added to a run over the bench corpus (each built of pieces, flattened,
 * then encoded by a call into Node per finding).
 */
class JsonWriter {
  buf: Buffer = Buffer.allocUnsafe(1 << 16);
  at = 0;
  /** the file name as JSON */
  private file = Buffer.alloc(0);

  /** Start over, for the findings of `file`. */
  reset(file: string): this {
    this.at = 0;
    this.file = Buffer.from(JSON.stringify(file));
    return this;
  }

  /** Room for n more bytes. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  /** ASCII text as it is (the report's own punctuation and keys). */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** A whole number ≥ 0 (offsets, lines, columns). */
  int(n: number): void {
    this.room(16);
    const buf = this.buf;
    let at = this.at;
    if (n < 10) {
      buf[at++] = 48 + n;
    } else {
      let digits = 1;
      for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
      at += digits;
      for (let i = at - 1, x = n; i >= at - digits; i--, x = Math.floor(x / 10)) buf[i] = 48 + (x % 10);
    }
    this.at = at;
  }

  /** A string as JSON: quoted, with JSON.stringify's escapes (\" \\ \b \f \n \r \t, \u00xx, a lone surrogate as \udxxx). */
  str(s: string): void {
    // at most 6 bytes a UTF-16 unit (an escape), and the quotes
    this.room(6 * s.length + 2);
    const buf = this.buf;
    let at = this.at;
    buf[at++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 0x22 && c !== 0x5c) buf[at++] = c;
        else at = jsonEscape(buf, at, c);
      } else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[at++] = 0xf0 | (cp >> 18);
          buf[at++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[at++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[at++] = 0x80 | (cp & 0x3f);
          i++;
        } else at = jsonEscape(buf, at, c);
      } else {
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      }
    }
    buf[at++] = 0x22;
    this.at = at;
  }

  /** `key` (ASCII: punctuation and the name) and a whole number after it. */
  private num(key: string, n: number): void {
    this.ascii(key);
    this.int(n);
  }

  /** `key` (ASCII) and a string after it, as JSON. */
  private text(key: string, s: string): void {
    this.ascii(key);
    this.str(s);
  }

  /** One finding as an element of the report, on one line. */
  finding(f: ReportRow): void {
    this.ascii('{"file":');
    this.room(this.file.length);
    this.buf.set(this.file, this.at);
    this.at += this.file.length;
    this.text(',"ruleId":', f.ruleId);
    this.text(',"severity":', f.severity);
    this.text(',"message":', f.message);
    this.num(',"line":', f.line);
    this.num(',"column":', f.column);
    this.num(',"endLine":', f.endLine);
    this.num(',"endColumn":', f.endColumn);
    if (f.fix) {
      this.ascii(f.fix.safe ? ',"fix":{"safe":true,"edits":[' : ',"fix":{"safe":false,"edits":[');
      const edits = f.fix.edits;
      for (let k = 0; k < edits.length; k++) {
        this.num(k ? ',{"start":' : '{"start":', edits[k].start);
        this.num(',"end":', edits[k].end);
        this.text(',"newText":', edits[k].newText);
        this.ascii('}');
      }
      this.ascii(']}');
    }
    this.ascii('}');
  }
}

const HEX = '0123456789abcdef';
/** JSON.stringify's escape of the unit c at buf[at]; the position after it */
function jsonEscape(buf: Buffer, at: number, c: number): number {
  buf[at++] = 0x5c; // \
  const short = c === 0x22 ? 0x22 : c === 0x5c ? 0x5c : c === 8 ? 0x62 : c === 12 ? 0x66 : c === 10 ? 0x6e : c === 13 ? 0x72 : c === 9 ? 0x74 : 0;
  if (short) {
    buf[at++] = short;
    return at;
  }
  buf[at++] = 0x75; // u
  for (let shift = 12; shift >= 0; shift -= 4) buf[at++] = HEX.charCodeAt((c >> shift) & 15);
  return at;
}

/** The one writer (its buffer grows to the largest file's report and is used again), started for `file`. */
let writer: JsonWriter | undefined;
function jsonWriter(file: string): JsonWriter {
  return (writer ??= new JsonWriter()).reset(file);
}

/**
 * Render a file's part of the report where it was linted (in its worker thread, so that the main thread
 * only joins strings): `rendered` (stylish) or `renderedBytes` (JSON) and `tally` replace the findings,
 * and `findingCount` keeps their number.
 */
export function prerender(r: FileResult, job: JobOptions): FileResult {
  if (!job.render || r.command !== 'lint') return r;
  r.tally = tally(r);
  if (job.render === 'json') r.renderedBytes = jsonFileBytes(r);
  else r.rendered = stylishFile(r, job.color ? COLORS : NO_COLORS);
  r.findingCount = r.findings.length;
  r.findings = [];
  return r;
}

/** A part of the report as text (ReportStream.part gives merged JSON as bytes). */
export function text(part: string | Uint8Array): string {
  return typeof part === 'string' ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A relative URI reference for a file (under %SRCROOT%), or an absolute file URI outside it. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

/**
 * SARIF 2.1.0: one run of the tool `tifa` with every rule's metadata (id, titles in both languages,
 * help in docs/rules/<id>.md, default level), one result per finding, and fixes as replacements.
 * Columns are UTF-16 code units, as in the editor.
 *
 * The log is written file by file as the results come in, in file order (as ReportStream): the run's
 * frame indented as `JSON.stringify(log, null, 2)` would, each result on a line of its own, and the
 * artifacts and the invocation after the results. Made whole and printed at once, the log of the 149 MB
 * bench corpus was a string longer than V8 allows (the run failed after 18 s and 2.7 GB), and the 37 MB
 * corpus's took 5 s and 1.4 GB for 226 MB.
 */
export class SarifStream {
  private started = false;
  private results = 0;
  private readonly artifacts: object[] = [];
  private readonly notifications: object[] = [];
  private failed = false;

  constructor(
    private readonly locale: Locale,
    private readonly cwd = process.cwd(),
  ) {}

  /** The log up to its results: the tool and its rules. */
  private head(): string {
    const locale = this.locale;
    const frame = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'tifa',
              fullName: 'Tifa 提法',
              version: VERSION,
              semanticVersion: VERSION,
              informationUri: 'https://github.com/tifa-dev/tifa',
              language: locale === 'en' ? 'en' : 'zh-CN',
              rules: RULES.map((r) => ({
                id: r.id,
                name: r.id.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase()).replace(/^[a-z]/, (ch) => ch.toUpperCase()),
                shortDescription: { text: t(r.title, locale) },
                fullDescription: { text: t(r.description, locale) },
                helpUri: `${DOCS_BASE}${r.id}.md`,
                help: { text: t(r.description, locale) },
                defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
                properties: { title: { zh: r.title.zh, en: r.title.en }, fixAllSafe: r.fixAllSafe },
              })),
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(this.cwd + path.sep).href } },
          columnKind: 'utf16CodeUnits',
        },
      ],
    };
    const text = JSON.stringify(frame, null, 2);
    // the run's object stays open for its results
    return text.slice(0, text.length - '\n    }\n  ]\n}'.length) + ',\n      "results": [';
  }

  /** A file's results (its notification if it was skipped or unreadable), after the log's head for the first file. */
  part(r: FileResult): string {
    let s = '';
    if (!this.started) {
      this.started = true;
      s = this.head();
    }
    const cwd = this.cwd;
    if (r.error || r.skipped) {
      this.failed ||= !!r.error;
      this.notifications.push({
        level: r.error ? 'error' : 'note',
        message: { text: r.error ?? t(skippedNote(r.file, r.skipped!), this.locale) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file, cwd) } }],
      });
    }
    if (!r.encoding) return s;
    const index = this.artifacts.length;
    const at = artifactLocation(r.file, cwd);
    const location = { ...at, index };
    this.artifacts.push({ location: at, length: r.bytes, encoding: r.encoding, mimeType: 'text/plain' });
    for (const f of r.findings) {
      const res: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
      };
      const ri = RULE_ORDER.get(f.ruleId);
      if (ri !== undefined) res.ruleIndex = ri;
      if (f.fix)
        res.fixes = [
          {
            description: { text: f.fix.title },
            artifactChanges: [{ artifactLocation: location, replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })) }],
            properties: { safe: f.fix.safe },
          },
        ];
      s += (this.results++ ? ',\n        ' : '\n        ') + JSON.stringify(res);
    }
    return s;
  }

  /** The rest of the log: the end of the results, the artifacts and the invocation. */
  end(): string {
    const head = this.started ? '' : this.head();
    this.started = true;
    // a value of the run's object, indented as the frame is
    const value = (v: unknown) => JSON.stringify(v, null, 2).replace(/\n/g, '\n      ');
    return (
      head +
      (this.results ? '\n      ]' : ']') +
      `,\n      "artifacts": ${value(this.artifacts)}` +
      `,\n      "invocations": ${value([{ executionSuccessful: !this.failed, toolExecutionNotifications: this.notifications }])}` +
      '\n    }\n  ]\n}'
    );
  }
}

/** A finding's or an edit's region in SARIF. */
function region(p: { line: number; column: number; endLine: number; endColumn: number; start: number; end: number }) {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn, charOffset: p.start, charLength: p.end - p.start };
}

// --- stats ------------------------------------------------------------------------------------------

export interface StatsTotal extends FileStats {
  files: number;
  bytes: number;
  /** files by the encoding they were read in (`utf-8`, `utf-8 bom`, `gb18030`, `big5`, `utf-16le bom` …), most first */
  encodings: Record<string, number>;
}

/** A file's encoding as stats counts it: the encoding, and ` bom` when the file starts with a byte order mark. */
function encodingLabel(r: FileResult): string {
  return `${r.encoding ?? '?'}${r.bom ? ' bom' : ''}`;
}

export function totalStats(results: FileResult[]): StatsTotal {
  const total: StatsTotal = { files: 0, bytes: 0, characters: 0, hanCharacters: 0, lines: 0, paragraphs: 0, findingsByRule: {}, slogans: {}, outline: 0, encodings: {} };
  for (const r of results) {
    const s = r.stats;
    if (!s) continue;
    total.files++;
    total.bytes += r.bytes;
    total.characters += s.characters;
    total.hanCharacters += s.hanCharacters;
    total.lines += s.lines;
    total.paragraphs += s.paragraphs;
    total.outline += s.outline;
    const e = encodingLabel(r);
    total.encodings[e] = (total.encodings[e] ?? 0) + 1;
    for (const [k, v] of Object.entries(s.findingsByRule)) total.findingsByRule[k] = (total.findingsByRule[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.slogans)) total.slogans[k] = (total.slogans[k] ?? 0) + v;
  }
  total.findingsByRule = sortCounts(total.findingsByRule);
  total.slogans = sortCounts(total.slogans);
  total.encodings = sortCounts(total.encodings);
  return total;
}

/** Counts by frequency, then by name (stable output). */
export function sortCounts(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

export function statsJson(results: FileResult[]): string {
  const files = results
    .filter((r) => r.stats)
    .map((r) => ({ file: r.file, bytes: r.bytes, encoding: r.encoding, bom: r.bom ?? false, ...r.stats!, findingsByRule: sortCounts(r.stats!.findingsByRule), slogans: sortCounts(r.stats!.slogans) }));
  return JSON.stringify({ files, total: totalStats(results) }, null, 2);
}

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

export function statsText(results: FileResult[], locale: Locale, c: Colors = NO_COLORS, top = 20): string {
  const en = locale === 'en';
  const head = en ? ['file', 'chars', 'Han', 'findings', 'slogans', 'outline'] : ['文件', '字符', '汉字', '问题', '提法', '大纲'];
  const rows = results.filter((r) => r.stats).map((r) => [r.file, r.stats!.characters, r.stats!.hanCharacters, sum(r.stats!.findingsByRule), sum(r.stats!.slogans), r.stats!.outline].map(String));
  const total = totalStats(results);
  rows.push([en ? `total (${total.files} files)` : `合计（${total.files} 个文件）`, total.characters, total.hanCharacters, sum(total.findingsByRule), sum(total.slogans), total.outline].map(String));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padStart(cell, widths[i]))).join('  ');
  const lines = [c.bold(fmt(head)), ...rows.slice(0, -1).map(fmt), c.bold(fmt(rows[rows.length - 1]))];
  const list = (title: string, m: Record<string, number>) => {
    const entries = Object.entries(m);
    if (!entries.length) return;
    lines.push('', c.bold(title));
    const w = Math.max(...entries.slice(0, top).map(([k]) => displayWidth(k)));
    for (const [k, v] of entries.slice(0, top)) lines.push(`  ${pad(k, w)}  ${padStart(String(v), 6)}`);
    if (entries.length > top) lines.push(c.dim(en ? `  … ${entries.length - top} more` : `  …… 另有 ${entries.length - top} 项`));
  };
  list(en ? 'Findings by rule' : '各规则问题数', total.findingsByRule);
  list(en ? 'Slogans by frequency' : '提法频次', total.slogans);
  // a corpus gathered from several sources: which files are in GB18030, Big5, UTF-16 (to convert, to fix with tifa fix)
  list(en ? 'Files by encoding' : '各编码文件数', total.encodings);
  return lines.join('\n') + '\n';
}

/**
 * A part of a file's findings (JobOptions.part) made ready to cross to the main thread and be merged
 * there with the other parts (mergeRendered): numbers in one typed array, and each finding's text
 * (its JSON element, or its stylish message) in one string. Cloning thousands of finding objects
 * between threads cost more than the rules that found them.
 */
export interface PackedPart {
  /** per finding: start, end, rule order, line, column, severity (SEVERITIES index) */
  nums: Int32Array;
  /** stylish: each finding's message, one after another; `lens` gives their lengths */
  text: string;
  /** the length of each finding's text (stylish: UTF-16 units; JSON: bytes) */
  lens: Int32Array;
  /** stylish, a part packed on the main thread, which merges it there: each message by itself (`text` is '') */
  texts?: string[];
  /**
   * JSON: each finding's element of the report in UTF-8, one after another. Bytes, not a string: they cross
   * to the main thread without a copy (transferred), are merged there by copying bytes, and go out as they
   * are. As strings the JSON report was cloned from thread to thread, cut, joined and encoded, and kept
   * the collectors busy: +0.4 s of CPU against the stylish report over the bench corpus.
   */
  bytes?: Uint8Array;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const NUMS = 6;

/**
 * Pack a part's findings (in a worker; see PackedPart): `row(k)` gives finding k's report entry, in
 * report order; `start`/`end`/`order` its range and rule order. Sets `packed`, `tally` and `findingCount`.
 */
export function packRows(r: FileResult, n: number, row: (k: number) => ReportRow & { start: number; end: number }, job: JobOptions, here = false): FileResult {
  const nums = new Int32Array(n * NUMS);
  const lens = new Int32Array(n);
  const texts: string[] = [];
  const t: Tally = { errors: 0, warnings: 0, others: 0, fixable: 0 };
  const isJson = job.render === 'json';
  const w = isJson ? jsonWriter(r.file) : undefined;
  for (let k = 0; k < n; k++) {
    const f = row(k);
    const o = k * NUMS;
    nums[o] = f.start;
    nums[o + 1] = f.end;
    nums[o + 2] = RULE_ORDER.get(f.ruleId)!;
    nums[o + 3] = f.line;
    nums[o + 4] = f.column;
    nums[o + 5] = SEVERITIES.indexOf(f.severity);
    count(t, f);
    if (w) {
      const from = w.at;
      w.finding(f);
      lens[k] = w.at - from;
    } else {
      texts.push(f.message);
      lens[k] = f.message.length;
    }
  }
  r.tally = t;
  r.findingCount = n;
  if (w) {
    // a copy of its own (the writer's buffer is used again), which a worker then hands over without a copy
    const bytes = new Uint8Array(w.at);
    bytes.set(w.buf.subarray(0, w.at));
    r.packed = { nums, text: '', lens, bytes };
  } else {
    // packed to stay on this thread: the texts are not joined into one string only to be cut apart again
    r.packed = here ? { nums, text: '', lens, texts } : { nums, text: texts.join(''), lens };
  }
  r.findings = [];
  return r;
}

/** A packed part's texts (PackedPart.text) one by one. */
function cut(text: string, lens: Int32Array): string[] {
  const out: string[] = [];
  for (let k = 0, at = 0; k < lens.length; at += lens[k++]) out.push(text.slice(at, at + lens[k]));
  return out;
}

/**
 * The file's rendered report from its packed parts, exactly as prerender renders the findings of all
 * rules: findings in report order (by range, then rule order; a rule keeps its own order).
 */
export function mergeRendered(parts: FileResult[], job: JobOptions): FileResult {
  const r: FileResult = { ...parts[0], packed: undefined, findings: [] };
  const tallies: Tally = { errors: 0, warnings: 0, others: 0, fixable: 0 };
  // the parts' arrays by themselves: a part packed here and one that came from a worker are objects of
  // two shapes, which the optimised loop below met one after the other (and was compiled again)
  const isJson = job.render === 'json';
  const numsOf: Int32Array[] = [];
  const lensOf: Int32Array[] = [];
  const textsOf: string[][] = [];
  const bytesOf: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    // a file skipped or unreadable has nothing packed
    if (!part.packed || !part.tally) continue;
    addTally(tallies, part.tally);
    const { nums, lens, text, texts, bytes } = part.packed;
    numsOf.push(nums);
    lensOf.push(lens);
    if (isJson) {
      // a Buffer over the same memory (one that came from a worker arrives as a Uint8Array), for Buffer#copy
      const b = bytes ?? new Uint8Array(0);
      bytesOf.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      size += b.byteLength + 2 * lens.length;
    } else textsOf.push(texts ?? cut(text, lens));
  }
  // JSON: the file's elements after a 2-byte slot for the separator before them (ReportStream fills it in),
  // each followed by `,\n` but the last
  const out = isJson && size ? Buffer.allocUnsafe(size) : undefined;
  const from = new Int32Array(numsOf.length);
  let at = 2;
  // each part is in report order already: merge them, taking the earliest (rules' byReportOrder, over the packed numbers) next;
  // findings at the same range and rule come from one part, which keeps their order
  const P = numsOf.length;
  const next = new Int32Array(P);
  let count = 0;
  const rows: string[][] = []; // stylish: [line:column, severity, message, rule id]
  for (;;) {
    let best = -1;
    for (let p = 0; p < P; p++) {
      if (next[p] >= lensOf[p].length) continue;
      if (best < 0) {
        best = p;
        continue;
      }
      const a = numsOf[p];
      const b = numsOf[best];
      const i = next[p] * NUMS;
      const j = next[best] * NUMS;
      if ((a[i] - b[j] || a[i + 1] - b[j + 1] || a[i + 2] - b[j + 2]) < 0) best = p;
    }
    if (best < 0) break;
    const nums = numsOf[best];
    const k = next[best]++;
    const o = k * NUMS;
    if (out) {
      if (at > 2) {
        out[at++] = 0x2c; // ,
        out[at++] = 0x0a; // \n
      }
      const len = lensOf[best][k];
      at += bytesOf[best].copy(out, at, from[best], from[best] + len);
      from[best] += len;
      count++;
    } else rows.push([`${nums[o + 3]}:${nums[o + 4]}`, SEVERITIES[nums[o + 5]], textsOf[best][k], RULES[nums[o + 2]].id]);
  }
  r.tally = tallies;
  r.findingCount = count + rows.length;
  if (isJson) r.renderedBytes = out ? out.subarray(0, at) : new Uint8Array(0);
  else r.rendered = stylishRows(r.file, rows, job.color ? COLORS : NO_COLORS);
  return r;
}

/** The note on a file the CLI passed over (binary, or in no encoding it reads), on the terminal and in SARIF. */
export function skippedNote(file: string, why: string): Msg {
  return msg(`跳过 ${file}：${why}`, `skipped ${file}: ${why}`);
}

/** `n` things in English: 1 error, 2 errors */
function plural(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}
