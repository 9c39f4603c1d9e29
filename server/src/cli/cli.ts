/**
 * tifa — the command line on the same core as the language server.
 *   tifa lint  [options] PATH|GLOB…
 *   tifa fix   [options] [--dry-run] PATH|GLOB…
 *   tifa stats [options] PATH|GLOB…
 * Files are processed in parallel by worker threads (this same bundle, started as a worker); output
 * is in file order whatever the order of completion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread, parentPort, workerData, Worker } from 'node:worker_threads';
import { encodingByName, ENCODING_ALIASES, type EncodingName } from '../core/encoding';
import { measureRules, type RuleSetting } from '../core/analyze';
import { RULES_BY_ID } from '../rules';
import { msg, t, type Locale, type Msg } from '../l10n';
import { collectFiles, isGlob } from './files';
import { nestedGlossaries, projectConfig } from './project';
import { cannotReadGlossary } from '../glossary/user';
import { Engine, mergeParts, rulesOf, type Command, type FileResult, type JobOptions, type ReadFile } from './engine';
import { COLORS, NO_COLORS, ReportStream, SarifStream, mergeRendered, prerender, skippedNote, statsJson, statsText } from './format';
import { VERSION } from '../version';

/** files read for one part of the rules that may wait for the other part (see runInWorkers) */
const KEEP = 256;

const USAGE = `usage: tifa lint  [options] PATH|GLOB…
       tifa fix   [options] [--dry-run] PATH|GLOB…
       tifa stats [options] PATH|GLOB…

  PATH                  a file, or a folder (searched for .txt files); GLOB e.g. 'corpus/**/*.txt'
  -f, --format FORMAT   stylish (default), json, sarif (lint, fix); stylish, json (stats)
      --lang zh-cn|en   message language (default zh-cn)
      --encoding NAME   read files as utf-8, utf-16le, utf-16be, gb18030 (gbk) or big5 instead of detecting
  -j, --jobs N          threads (default: one per 5 MB of text (8 MB for fix), at most one per core)
      --ignore PATTERN  skip files matching a gitignore-like pattern (repeatable; also .tifaignore)
      --rule ID=LEVEL   off, error, warning, information or hint for a rule (repeatable)
      --glossary FILE   a user glossary (repeatable), besides .tifa/glossary.json of the project
      --dry-run         fix: print a unified diff instead of writing
      --color, --no-color, --no-progress
exit status: 0 no findings, 1 findings, 2 usage or I/O error
As in the editor: the nearest .tifa/ above a PATH, and those of the projects inside it, give glossaries;
each file's nearest .tifa/ its ignore list; the nearest .vscode/settings.json tifa.rules (which --rule
overrides) and tifa.glossaries.`;

/** The usage in Chinese, its columns aligned as a terminal shows them (a Han character is two columns wide). */
const USAGE_ZH = [
  '用法：tifa lint  [选项] 路径|通配符…',
  '      tifa fix   [选项] [--dry-run] 路径|通配符…',
  '      tifa stats [选项] 路径|通配符…',
  '',
  ...(
    [
      ['路径', "文件，或文件夹（查找其中的 .txt 文件）；通配符如 'corpus/**/*.txt'"],
      ['-f, --format 格式', 'stylish（默认）、json、sarif（lint、fix）；stylish、json（stats）'],
      ['    --lang zh-cn|en', '消息语言（默认 zh-cn）'],
      ['    --encoding 编码', '按 utf-8、utf-16le、utf-16be、gb18030（gbk）或 big5 读取文件，不自动检测'],
      ['-j, --jobs N', '线程数（默认每 5 MB 文本一个，fix 每 8 MB 一个，至多每核一个）'],
      ['    --ignore 模式', '跳过与模式（类似 gitignore）匹配的文件（可重复；另见 .tifaignore）'],
      ['    --rule 规则=级别', '把规则设为 off、error、warning、information 或 hint（可重复）'],
      ['    --glossary 文件', '用户词表（可重复），项目的 .tifa/glossary.json 之外'],
      ['    --dry-run', 'fix：输出统一格式的差异（unified diff），不写入文件'],
      ['    --color, --no-color, --no-progress', ''],
    ] as const
  ).map(([left, right]) => `  ${left}${' '.repeat(Math.max(1, 22 - columns(left)))}${right}`.trimEnd()),
  '退出状态：0 没有问题，1 有问题，2 用法错误或读写错误',
  '与编辑器一致：PATH 所在或其上最近的 .tifa/ 以及其中各项目的 .tifa/ 提供词表；',
  '每个文件最近的 .tifa/ 提供忽略列表；最近的 .vscode/settings.json 提供 tifa.rules（--rule 可覆盖）和 tifa.glossaries。',
].join('\n');

/** the columns a terminal gives a string: two for each Han character or full-width mark */
function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** A mistake on the command line (what is wrong, in both languages; the usage follows), or the usage or version asked for. */
class UsageError extends Error {
  constructor(
    readonly text: Msg = msg('', ''),
    readonly kind: 'mistake' | 'help' | 'version' = 'mistake',
  ) {
    super(text.en);
  }
}

/** `--lang` as given, before the arguments are parsed (a usage error is said in it): Chinese unless `en`. */
function localeOf(argv: string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && argv[i + 1] === 'en') return 'en';
    if (argv[i] === '--lang=en') return 'en';
  }
  return 'zh-cn';
}

interface Options extends JobOptions {
  format: string;
  paths: string[];
  jobs?: number;
  ignore: string[];
  color?: boolean;
  progress: boolean;
  timing: boolean;
}

export function parseArgs(argv: string[]): Options {
  const opts: Options = { command: 'lint', format: 'stylish', locale: 'zh-cn', dryRun: false, rules: {}, paths: [], ignore: [], progress: true, timing: false };
  const args = [...argv];
  const command = args.shift() ?? '';
  if (command === 'help' || command === '--help' || command === '-h') throw new UsageError(undefined, 'help');
  if (command === '') throw new UsageError();
  if (command === '--version' || command === '-v') throw new UsageError(undefined, 'version');
  if (command !== 'lint' && command !== 'fix' && command !== 'stats') throw new UsageError(msg(`未知命令 ${command}`, `unknown command ${command}`));
  opts.command = command as Command;
  const value = (a: string): string => {
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
    const v = args.shift();
    if (v === undefined) throw new UsageError(msg(`${a} 需要一个值`, `${a} needs a value`));
    return v;
  };
  while (args.length) {
    const a = args.shift()!;
    const name = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--format':
      case '-f':
        opts.format = value(a);
        break;
      case '--lang': {
        const v = value(a);
        if (v !== 'en' && v !== 'zh-cn') throw new UsageError(msg(`未知语言 ${v}`, `unknown language ${v}`));
        opts.locale = v as Locale;
        break;
      }
      case '--encoding': {
        const v = value(a);
        const e = encodingByName(v);
        if (!e) throw new UsageError(msg(`未知编码 ${v}（可用：${Object.keys(ENCODING_ALIASES).join('、')}）`, `unknown encoding ${v} (one of ${Object.keys(ENCODING_ALIASES).join(', ')})`));
        opts.encoding = e as EncodingName;
        break;
      }
      case '--jobs':
      case '-j': {
        const n = Number(value(a));
        if (!Number.isInteger(n) || n < 1) throw new UsageError(msg('--jobs 需要一个不小于 1 的整数', '--jobs needs a whole number ≥ 1'));
        opts.jobs = n;
        break;
      }
      case '--ignore':
        opts.ignore.push(value(a));
        break;
      case '--glossary':
        (opts.glossaries ??= []).push(path.resolve(value(a)));
        break;
      case '--rule': {
        const v = value(a);
        const m = /^([\w-]+)=(off|error|warning|information|hint)$/.exec(v);
        if (!m) throw new UsageError(msg(`--rule 的格式是 规则=off|error|warning|information|hint，不是 ${v}`, `--rule needs ID=off|error|warning|information|hint, not ${v}`));
        if (!RULES_BY_ID.has(m[1])) throw new UsageError(msg(`未知规则 ${m[1]}`, `unknown rule ${m[1]}`));
        opts.rules[m[1]] = m[2] as RuleSetting;
        break;
      }
      case '--dry-run':
        opts.dryRun = true;
        break;
      case '--color':
        opts.color = true;
        break;
      case '--no-color':
        opts.color = false;
        break;
      case '--no-progress':
        opts.progress = false;
        break;
      case '--timing':
        opts.timing = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError(undefined, 'help');
      case '--':
        opts.paths.push(...args.splice(0));
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(msg(`未知选项 ${a}`, `unknown option ${a}`));
        opts.paths.push(a);
    }
  }
  const formats = opts.command === 'stats' ? ['stylish', 'json'] : ['stylish', 'json', 'sarif'];
  if (!formats.includes(opts.format)) throw new UsageError(msg(`${opts.command} 不支持格式 ${opts.format}`, `unknown format ${opts.format} for ${opts.command}`));
  if (opts.dryRun && opts.command !== 'fix') throw new UsageError(msg('--dry-run 只用于 fix', '--dry-run is for fix'));
  if (!opts.paths.length) throw new UsageError(msg('没有给出路径', 'no PATH given'));
  return opts;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag !== undefined) return flag;
  const env = process.env;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

/** A progress bar on stderr (a terminal only), drawn at most every 100 ms after the first 300 ms. */
class Progress {
  private readonly t0 = Date.now();
  private last = 0;
  private shown = false;
  constructor(
    private readonly total: number,
    private readonly totalBytes: number,
    private readonly enabled: boolean,
  ) {}

  update(done: number, bytes: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.t0 < 300 || (now - this.last < 100 && done < this.total)) return;
    this.last = now;
    this.shown = true;
    const width = 24;
    const frac = this.totalBytes ? bytes / this.totalBytes : done / Math.max(1, this.total);
    const full = Math.round(frac * width);
    const mbs = bytes / 1e6 / Math.max(0.001, (now - this.t0) / 1000);
    process.stderr.write(`\r\x1b[K[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${Math.floor(frac * 100)}%  ${done}/${this.total}  ${mbs.toFixed(1)} MB/s`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}

interface WorkerMessage {
  type: 'ready' | 'result';
  i?: number;
  result?: FileResult;
  loadMs?: { glossary: number; lexicon: number };
  /** ready: what went wrong loading word knowledge */
  warning?: string;
  /** with --timing: the worker's milliseconds per rule so far */
  ruleMs?: Record<string, number>;
}

let warned = false;
/** A warning about the run itself (not a file), printed once whichever worker meets it. */
function warnOnce(msg: string): void {
  if (warned) return;
  warned = true;
  // each line of it (a glossary's mistakes are a line each) as the CLI's
  process.stderr.write(msg.split('\n').map((line) => `tifa: ${line}\n`).join(''));
}

/** --timing's line for a thread whose engine is ready. */
function readyNote(who: string, ms: number, loadMs: Engine['loadMs']): string {
  return `${who}ready in ${ms.toFixed(0)} ms (glossary ${loadMs.glossary.toFixed(0)} ms, lexicon ${loadMs.lexicon.toFixed(0)} ms)`;
}

/** The engine a job's thread uses: with the job's user glossaries; `glossary: false` when its rules read none. */
function engineFor(job: JobOptions, glossary?: boolean): Engine {
  return new Engine({ glossary, userGlossaries: job.glossaries, locale: job.locale });
}

/** An engine on this thread: its warning printed once, its start-up timed. */
function localEngine(who: string, timing: (msg: string) => void, job: JobOptions): Engine {
  const t0 = performance.now();
  const engine = engineFor(job);
  if (engine.warning) warnOnce(engine.warning);
  timing(readyNote(who, performance.now() - t0, engine.loadMs));
  return engine;
}

/**
 * A worker and when it was started. Worker 1 may be started before the files are collected (see main), so
 * that its start-up (about 100 ms) runs while this thread walks the folders. It is taken over by
 * runInWorkers in the same tick (main does not yield in between), and a worker's messages and failure come
 * through this thread's event loop: none can come before its listeners are attached.
 */
interface StartedWorker {
  worker: Worker;
  /** when it was started */
  t0: number;
}

function startWorker(job: JobOptions): StartedWorker {
  return { worker: new Worker(__filename, { workerData: { tifaWorker: true, job } }), t0: performance.now() };
}

/**
 * Process files in worker threads, calling `done(i, result)` as each finishes. With `parts` > 1 (lint),
 * worker k runs part k % parts of the rules over every file, and a file is done when each part has
 * answered for it; each part keeps its own queue, so its workers pull files at their own pace.
 */
function runInWorkers(
  files: string[],
  job: JobOptions,
  jobs: number,
  parts: number,
  done: (i: number, r: FileResult) => void,
  timing: (msg: string) => void,
  ruleMs: Record<string, number>[],
  early?: StartedWorker,
): Promise<void> {
  return new Promise((resolve) => {
    const next = new Array<number>(parts).fill(0);
    // with the rules in parts, this thread runs the first part itself: one isolate fewer to start and to
    // warm up (its JIT compilation is most of a worker's fixed cost), and no messages for that part
    const local = parts > 1;
    const window = local ? 64 : 2;
    const answers: (FileResult[] | undefined)[] = new Array(files.length);
    let finished = 0;
    const workers: Worker[] = [];
    const partOf = new Map<Worker, number>();
    const fallbacks = new Map<number, Engine>();
    const inFlight = new Map<Worker, Set<number>>();
    const finish = () => {
      for (const w of workers) void w.terminate();
      resolve();
    };
    const answer = (i: number, part: number, r: FileResult) => {
      const got = (answers[i] ??= new Array(parts));
      got[part] = r;
      for (let p = 0; p < parts; p++) if (!got[p]) return;
      answers[i] = undefined;
      done(i, parts === 1 ? r : job.render ? mergeRendered(got, job) : mergeParts(got));
      if (++finished === files.length) finish();
    };
    /**
     * With this thread linting a part too, each file is read and decoded once, here, and its text handed
     * to the worker; a file read for one part waits here for the other (at most KEEP of them).
     */
    const reads = new Map<number, ReadFile>();
    const readOnce = (i: number, otherNext: number): ReadFile => {
      const kept = reads.get(i);
      if (kept) {
        reads.delete(i);
        return kept;
      }
      const { read } = Engine.read(files[i], job.encoding, job.locale);
      if (i >= otherNext && reads.size < KEEP) reads.set(i, read);
      return read;
    };
    const feed = (w: Worker) => {
      const part = partOf.get(w)!;
      const flight = inFlight.get(w);
      // a worker that failed (while this feed waited for the report's reader) gets nothing
      if (!flight || next[part] >= files.length) return;
      // the report's reader is behind: no more files until it has caught up
      if (draining) return void draining.then(() => feed(w));
      const i = next[part]++;
      flight.add(i);
      w.postMessage({ i, file: files[i], read: local ? readOnce(i, next[1 - part]) : undefined });
    };
    /** this thread does a part's files when its workers fail */
    const here = (part: number, i: number) => {
      let engine = fallbacks.get(part);
      if (!engine) fallbacks.set(part, (engine = engineFor(job)));
      // a file already read for the other part is not read again
      const r = engine.process(files[i], { ...job, part, parts }, local ? readOnce(i, next[1 - part]) : undefined);
      answer(i, part, parts > 1 ? r : prerender(r, job));
    };
    for (let k = local ? 1 : 0; k < jobs; k++) {
      const part = k % parts;
      // worker 1 may have been started already, with the same job (main); the others start here, the same way
      const started = k === 1 && early ? early : startWorker({ ...job, part, parts });
      const w = started.worker;
      workers.push(w);
      partOf.set(w, part);
      inFlight.set(w, new Set());
      const t0 = started.t0;
      const onMessage = (m: WorkerMessage) => {
        const at = performance.now();
        if (m.type === 'ready' && m.warning) warnOnce(m.warning);
        if (m.type === 'ready') timing(readyNote(`worker ${k}${parts > 1 ? ` (rules part ${part + 1} of ${parts})` : ''}: `, at - t0, m.loadMs!));
        else {
          const flight = inFlight.get(w);
          // a result sent before the worker failed but delivered after: its files were done here since
          if (!flight) return;
          if (m.ruleMs) ruleMs[k] = m.ruleMs;
          flight.delete(m.i!);
          feed(w);
          if (next[part] >= files.length && flight.size === 0) timing(`worker ${k}: done at ${(performance.now() - t0).toFixed(0)} ms`);
          answer(m.i!, part, m.result!);
        }
      };
      const onError = (e: Error) => {
        // a worker died: its files are done here, on the main thread
        process.stderr.write(`tifa: ${t(msg(`工作线程出错：${e.message}`, `worker failed: ${e.message}`), job.locale)}\n`);
        const mine = [...inFlight.get(w)!];
        inFlight.get(w)!.clear();
        inFlight.delete(w);
        for (const i of mine) here(part, i);
        // and the rest of its part goes to the part's other workers, or is done here when none is left
        const alive = workers.some((x) => x !== w && inFlight.has(x) && partOf.get(x) === part);
        if (!alive) while (next[part] < files.length) here(part, next[part]++);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      // files in flight per worker, so that a worker never waits for the main thread: two when the main
      // thread only collects, more when it lints too (it reads the workers' messages between its own files)
      for (let f = 0; f < window; f++) feed(w);
    }
    if (local) {
      // a file at a time, letting the workers' messages in between (they are merged and written here)
      const t0 = performance.now();
      if (job.timing) ruleMs[0] = measureRules();
      const engine = localEngine(`main thread (rules part 1 of ${parts}): `, timing, job);
      fallbacks.set(0, engine);
      const step = () => {
        if (next[0] >= files.length) return timing(`main thread: done at ${(performance.now() - t0).toFixed(0)} ms`);
        if (draining) return void draining.then(() => setImmediate(step));
        const i = next[0]++;
        answer(i, 0, engine.process(files[i], { ...job, part: 0, parts }, readOnce(i, next[1])));
        setImmediate(step);
      };
      setImmediate(step);
    }
  });
}

function workerMain(): void {
  // for the tests only, TIFA_TEST_WORKER_FAILS=N: a worker that dies right after sending the result of its
  // first N files (that result may then reach the main thread after the news of the failure), or with 0,
  // before it is ready; its files are then linted on the main thread
  let failAfter = Number(process.env.TIFA_TEST_WORKER_FAILS ?? -1);
  if (failAfter === 0) throw new Error('a worker start-up failure staged by TIFA_TEST_WORKER_FAILS');
  const { job } = workerData as { job: JobOptions };
  const engine = engineFor(job, rulesOf(job).some((r) => r.usesGlossary));
  const ruleMs = job.timing ? measureRules() : undefined;
  parentPort!.postMessage({ type: 'ready', loadMs: engine.loadMs, warning: engine.warning });
  parentPort!.on('message', (m: { i: number; file: string; read?: ReadFile }) => {
    const r = engine.process(m.file, job, m.read);
    // a part of the rules (packed by the engine when rendered): the main thread merges the parts
    const result = (job.parts ?? 1) > 1 ? r : prerender(r, job);
    // a JSON part's bytes are handed over, not copied
    const bytes = result.packed?.bytes ?? result.renderedBytes;
    parentPort!.postMessage({ type: 'result', i: m.i, result, ruleMs }, bytes ? [bytes.buffer as ArrayBuffer] : []);
    if (--failAfter === 0) throw new Error('a worker failure staged by TIFA_TEST_WORKER_FAILS');
  });
}

export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.kind === 'version') {
        process.stdout.write(`tifa ${VERSION}\n`);
        return 0;
      }
      const locale = localeOf(argv);
      const usage = locale === 'en' ? USAGE : USAGE_ZH;
      // asked for: the usage on stdout, and success
      if (e.kind === 'help') {
        process.stdout.write(usage + '\n');
        return 0;
      }
      if (e.text.en) process.stderr.write(`tifa: ${t(e.text, locale)}\n`);
      process.stderr.write(usage + '\n');
      return 2;
    }
    throw e;
  }
  const en = opts.locale === 'en';
  reportLocale = opts.locale;
  const color = useColor(opts.color, process.stdout);
  const job: JobOptions = {
    command: opts.command,
    locale: opts.locale,
    encoding: opts.encoding,
    dryRun: opts.dryRun,
    rules: opts.rules,
    timing: opts.timing,
    render: opts.command === 'lint' && (opts.format === 'json' || opts.format === 'stylish') ? opts.format : undefined,
    color,
  };
  // the projects, as the editor reads them: their glossaries, then those named (each must be there), and
  // their rule settings, which --rule overrides
  for (const g of opts.glossaries ?? [])
    if (!fs.existsSync(g)) {
      process.stderr.write(`tifa: ${g}${en ? ': ' : '：'}${t(cannotReadGlossary('ENOENT'), opts.locale)}\n`);
      return 2;
    }
  const project = projectConfig(opts.paths);
  for (const w of project.warnings) process.stderr.write(`tifa: ${t(w, opts.locale)}\n`);
  const glossaries = [...new Set([...project.glossaries, ...(opts.glossaries ?? [])])];
  if (glossaries.length) job.glossaries = glossaries;
  job.rules = { ...project.rules, ...opts.rules };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // linting (or counting) folders or globs on several cores: the worker for the second part of the rules
  // starts now, while the files are collected (they may turn out too few for it: then it is stopped unused)
  const inParts = opts.command === 'lint' || opts.command === 'stats';
  let early =
    inParts && (opts.jobs ?? cores) > 1 && opts.paths.some((p) => isGlob(p) || isFolder(p)) ? startWorker({ ...job, part: 1, parts: 2 }) : undefined;
  const { files, missing, notFiles } = collectFiles(opts.paths, { ignore: opts.ignore });
  // projects inside the folders linted (a corpus of several): their glossaries too, as a multi-root
  // workspace's in the editor; the worker started early knew none of them, so it starts again
  const nested = nestedGlossaries(files, glossaries);
  if (nested.length) {
    job.glossaries = [...glossaries, ...nested];
    if (early) {
      void early.worker.terminate();
      early = startWorker({ ...job, part: 1, parts: 2 });
    }
  }
  let failed = missing.length > 0 || notFiles.length > 0;
  for (const m of missing) process.stderr.write(`tifa: ${m}: ${en ? 'no such file, or the glob matches nothing' : '文件不存在，或通配符没有匹配到文件'}\n`);
  for (const m of notFiles) process.stderr.write(`tifa: ${m}: ${en ? 'not a regular file (a pipe or a device), not read' : '不是普通文件（管道或设备），未读取'}\n`);
  const timing = (s: string) => opts.timing && process.stderr.write(`tifa: ${s}\n`);

  const sizes = files.map((f) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  });
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  // a second thread pays off (measured on 2 cores, where each thread warms up its JIT) from about 10 MB on
  // when the rules are split between the threads (lint, stats: 12 MB in 0.87 s against 0.95 s with one
  // thread, 8 MB alike), from about 16 MB when each thread runs every rule (fix: 10 MB in 1.80 s against
  // 1.73 s); --jobs is obeyed as given
  const perThread = inParts ? 5e6 : 8e6;
  const jobs = Math.max(1, Math.min(files.length, opts.jobs ?? Math.min(cores, Math.floor(totalBytes / perThread))));

  const ruleMs: Record<string, number>[] = [];
  const results: FileResult[] = new Array(files.length);
  const progress = new Progress(files.length, totalBytes, opts.progress && !!process.stderr.isTTY && !process.env.CI);
  let done = 0;
  let doneBytes = 0;
  // the report (or fix --dry-run's diff) is written as the files come in, in file order
  const colors = color ? COLORS : NO_COLORS;
  const dryRun = opts.command === 'fix' && opts.dryRun;
  const stream: { part(r: FileResult): string | Uint8Array; end(): string } | undefined =
    opts.command === 'stats'
      ? undefined
      : dryRun
        ? { part: (r) => r.diff ?? '', end: () => '' }
        : opts.format === 'sarif'
          ? new SarifStream(opts.locale)
          : new ReportStream(opts.format === 'json' ? 'json' : 'stylish', opts.locale, colors);
  let written = 0;
  // the report goes out in pieces of about 64 KB, not a write (a system call) per file; a terminal gets each file at once
  const pending = new Pending(process.stdout.isTTY ? 0 : 1 << 16);
  const onDone = (i: number, r: FileResult) => {
    results[i] = r;
    done++;
    doneBytes += sizes[i];
    progress.update(done, doneBytes);
    if (!stream) return;
    for (; written < files.length && results[written]; written++) {
      const w = results[written];
      pending.add(stream.part(w));
      w.findingCount ??= w.findings.length;
      if (w.findingCount > 0) process.exitCode ??= 1; // the status if the reader leaves early
      // written: its findings and text need not stay in memory (their count stays, for the exit status)
      w.findings = [];
      w.rendered = w.renderedBytes = w.diff = undefined;
    }
    if (pending.full()) {
      progress.clear();
      writeOut(pending.take());
    }
  };
  const t0 = performance.now();
  // lint and stats split the rules between the threads (each compiles half of them); fix needs every rule per file
  const parts = inParts && jobs > 1 ? 2 : 1;
  if (early && parts === 1) void early.worker.terminate();
  if (jobs > 1) await runInWorkers(files, job, jobs, parts, onDone, timing, ruleMs, early);
  else if (files.length) {
    if (opts.timing) ruleMs.push(measureRules());
    const engine = localEngine('', timing, job);
    for (let i = 0; i < files.length; i++) {
      onDone(i, prerender(engine.process(files[i], job), job));
      if (draining) await draining;
    }
  }
  progress.clear();
  const ms = performance.now() - t0;
  timing(`${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms with ${jobs} job${jobs > 1 ? 's' : ''} (${(totalBytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s)`);
  if (opts.timing) {
    const sum: Record<string, number> = {};
    for (const r of ruleMs) for (const [id, v] of Object.entries(r)) sum[id] = (sum[id] ?? 0) + v;
    const rows = Object.entries(sum).sort((a, b) => b[1] - a[1]);
    timing(`time in rules (all jobs): ${rows.map(([id, v]) => `${id} ${v.toFixed(0)} ms`).join(', ')}`);
  }

  for (const r of results) {
    if (r.skipped) process.stderr.write(`tifa: ${t(skippedNote(r.file, r.skipped), opts.locale)}\n`);
    if (r.warning) process.stderr.write(`tifa: ${r.file}${en ? ': ' : '：'}${r.warning}\n`);
    if (r.error) {
      process.stderr.write(`tifa: ${r.error}\n`);
      failed = true;
    }
  }
  let out: string | Uint8Array;
  if (stream) {
    // a report ends with a line break; a diff has its own
    pending.add(stream.end() + (dryRun ? '' : '\n'));
    out = pending.take();
  } else out = opts.format === 'json' ? statsJson(results) : statsText(results, opts.locale, colors);
  const code = failed ? 2 : opts.command === 'stats' ? 0 : results.some((r) => (r.findingCount ?? r.findings.length) > 0) ? 1 : 0;
  process.exitCode = code; // also the status if the reader closes the pipe early
  await write(out);

  if (opts.command === 'fix') {
    const fixed = results.filter((r) => r.fixed);
    const n = fixed.reduce((a, r) => a + r.fixed!, 0);
    const verb = opts.dryRun ? (en ? 'would fix' : '可修复') : en ? 'fixed' : '已修复';
    process.stderr.write(en ? `tifa: ${verb} ${n} problem${n === 1 ? '' : 's'} in ${fixed.length} file${fixed.length === 1 ? '' : 's'}\n` : `tifa: ${verb} ${fixed.length} 个文件中的 ${n} 处问题\n`);
  }
  return code;
}

// a reader that stops early (`tifa lint … | head`) closes the pipe: that ends the output, not in a crash
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

/**
 * Less compiling for the optimising compiler, in this process and its workers. On a corpus of tens of MB
 * each worker's JIT compilation is a third of its CPU time, on the cores that lint. Less inlining (the
 * first two flags) cut that compilation by about a quarter (measured: 1.5 s → 1.1 s of compiler threads
 * over the 37 MB bench corpus) and the linting itself runs as fast. Without allocation-site pretenuring,
 * a site whose objects outlive a file (reflow's paragraphs, kept while the file is linted) is not switched
 * to old-space allocation midway, which threw away the optimised code of the functions allocating there
 * (analyseRun was compiled again, ~45 ms each time). V8's flags are process-wide and read when a function
 * is compiled, so they are set before any worker starts.
 */
function lessCompiling(): void {
  try {
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
    v8.setFlagsFromString('--no-turbo-escape');
    v8.setFlagsFromString('--no-allocation-site-pretenuring');
  } catch {
    // an engine without these flags: the defaults
  }
}

/** Report parts (text, or JSON bytes) waiting to be written together once there are `batch` of them (UTF-16 units or bytes). */
class Pending {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;

  constructor(private readonly batch: number) {}

  add(part: string | Uint8Array): void {
    if (!part.length) return;
    this.parts.push(part);
    this.size += part.length;
  }

  full(): boolean {
    return this.size > 0 && this.size >= this.batch;
  }

  /** The parts as one piece to write ('' when none), and none left. */
  take(): string | Uint8Array {
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    if (parts.length <= 1) return parts[0] ?? '';
    if (parts.every((p) => typeof p === 'string')) return parts.join('');
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  }
}

/** Write to stdout and wait until it is flushed (large outputs into a pipe). */
function write(s: string | Uint8Array): Promise<void> {
  if (toFile()) {
    writeOut(s);
    return Promise.resolve();
  }
  return new Promise((resolve) => (s.length ? process.stdout.write(s, () => resolve()) : resolve()));
}

/** the language of a message about the report itself (a full disk) */
let reportLocale: Locale = 'zh-cn';
let stdoutIsFile: boolean | undefined;
/** Whether standard output is a file (or a device such as /dev/null), which is written synchronously and never fills up like a pipe. */
function toFile(): boolean {
  if (stdoutIsFile === undefined) {
    try {
      const st = fs.fstatSync(1);
      stdoutIsFile = st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
    } catch {
      stdoutIsFile = false;
    }
  }
  return stdoutIsFile;
}

/**
 * Set while standard output (a pipe) holds more of the report than its reader has taken: linting waits
 * for it to drain, so that a slow reader (`tifa lint … | gzip`) does not make the report pile up in memory.
 */
let draining: Promise<void> | undefined;

/**
 * Write a part of the report. Into a file, straight through `fs.writeSync`: the stream would turn each
 * string into a new Buffer first (a pass to measure it, a pass to encode it, fresh memory each time), which
 * took the main thread ~75 ms for the 50 MB JSON report of the bench corpus, against ~40 ms this way.
 */
function writeOut(s: string | Uint8Array): void {
  if (!s.length) return;
  if (!toFile()) {
    if (!process.stdout.write(s)) draining ??= new Promise((resolve) => process.stdout.once('drain', () => resolve((draining = undefined))));
    return;
  }
  try {
    if (typeof s === 'string') fs.writeSync(1, s);
    else for (let at = 0; at < s.length; ) at += fs.writeSync(1, s, at);
  } catch (e) {
    // a full disk: the report is incomplete, and the run failed (an I/O error, exit status 2)
    process.stderr.write(`tifa: ${t(msg(`无法写出报告：${(e as Error).message}`, `cannot write the report: ${(e as Error).message}`), reportLocale)}\n`);
    process.exit(2);
  }
}

if (!isMainThread && (workerData as { tifaWorker?: boolean } | undefined)?.tifaWorker) workerMain();
else if (require.main === module) {
  lessCompiling();
  void main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`tifa: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
