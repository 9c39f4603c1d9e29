/**
 * tifa — the command line on the same core as the language server.
 *   tifa lint [--format stylish|json] [--lang zh-cn|en] PATH…
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextModel } from '../core/text';
import { runRules, type AnalyzedFinding } from '../core/analyze';
import { Glossary } from '../glossary/glossary';
import { loadBuiltinEntries } from '../glossary/load';
import { Lexicon } from '../segment/lexicon';
import { jiebaDictPath } from '../segment/jieba';
import { t, type Locale } from '../l10n';

const USAGE = `usage: tifa lint [--format stylish|json] [--lang zh-cn|en] PATH…

  PATH   a .txt file or a folder (searched for .txt files)
exit status: 0 no findings, 1 findings, 2 usage or I/O error`;

interface FileResult {
  file: string;
  model: TextModel;
  findings: AnalyzedFinding[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  const opts = { command: '', format: 'stylish', lang: 'zh-cn' as Locale, paths: [] as string[] };
  const args = [...argv];
  opts.command = args.shift() ?? '';
  while (args.length) {
    const a = args.shift()!;
    if (a === '--format' || a === '-f') opts.format = args.shift() ?? '';
    else if (a.startsWith('--format=')) opts.format = a.slice(9);
    else if (a === '--lang') opts.lang = (args.shift() === 'en' ? 'en' : 'zh-cn');
    else if (a.startsWith('--lang=')) opts.lang = a.slice(7) === 'en' ? 'en' : 'zh-cn';
    else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else opts.paths.push(a);
  }
  if (opts.command === 'help' || opts.command === '') throw new UsageError('');
  if (opts.command !== 'lint') throw new UsageError(`unknown command ${opts.command}`);
  if (!['stylish', 'json'].includes(opts.format)) throw new UsageError(`unknown format ${opts.format}`);
  if (!opts.paths.length) throw new UsageError('no PATH given');
  return opts;
}

/** Files to lint: the files named, and .txt files below folders named (sorted, hidden folders and node_modules skipped). */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const full = path.join(p, name);
        const s = fs.statSync(full);
        if (s.isDirectory()) walk(full);
        else if (name.toLowerCase().endsWith('.txt')) out.push(full);
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

/** Decode a file's bytes as UTF-8 (BOM dropped). Returns undefined for binary data. */
export function decode(buf: Buffer): string | undefined {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return undefined;
  let s = buf.toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

function stylish(results: FileResult[], locale: Locale): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const r of results) {
    if (!r.findings.length) continue;
    lines.push('', r.file);
    const rows = r.findings.map((f) => {
      const p = r.model.positionAt(f.start);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
      return [`${p.line + 1}:${p.character + 1}`, f.severity, t(f.message, locale), f.ruleId];
    });
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const row of rows) lines.push(`  ${row[0].padEnd(w0)}  ${row[1].padEnd(w1)}  ${row[2]}  ${row[3]}`);
  }
  const total = errors + warnings + others;
  if (total) {
    lines.push('', locale === 'en' ? `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} errors, ${warnings} warnings, ${others} infos)` : `✖ 共 ${total} 处问题（错误 ${errors}，警告 ${warnings}，提示 ${others}）`, '');
  }
  return lines.join('\n');
}

function json(results: FileResult[], locale: Locale): string {
  const out = [];
  for (const r of results)
    for (const f of r.findings) {
      const s = r.model.positionAt(f.start);
      const e = r.model.positionAt(f.end);
      out.push({
        file: r.file,
        ruleId: f.ruleId,
        severity: f.severity,
        message: t(f.message, locale),
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        fix: f.fix ? { safe: f.fix.safe, edits: f.fix.edits } : undefined,
      });
    }
  return JSON.stringify(out, null, 2);
}

export function main(argv: string[]): number {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`tifa: ${e.message}\n`);
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    throw e;
  }
  let files: string[];
  try {
    files = collectFiles(opts.paths);
  } catch (e) {
    process.stderr.write(`tifa: ${(e as Error).message}\n`);
    return 2;
  }
  const { entries } = loadBuiltinEntries();
  const glossary = new Glossary([entries]);
  const lexicon = new Lexicon();
  const dict = jiebaDictPath();
  if (dict) lexicon.loadSync(dict);
  lexicon.addWords(glossary.words);
  const results: FileResult[] = [];
  let ioError = false;
  for (const file of files) {
    let text: string | undefined;
    try {
      text = decode(fs.readFileSync(file));
    } catch (e) {
      process.stderr.write(`tifa: cannot read ${file}: ${(e as Error).message}\n`);
      ioError = true;
      continue;
    }
    if (text === undefined) {
      process.stderr.write(`tifa: skipped ${file}: binary file\n`);
      continue;
    }
    const model = new TextModel(text);
    results.push({ file, model, findings: runRules({ model, glossary, lexicon }) });
  }
  process.stdout.write((opts.format === 'json' ? json(results, opts.lang) : stylish(results, opts.lang)) + '\n');
  if (ioError) return 2;
  return results.some((r) => r.findings.length) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
