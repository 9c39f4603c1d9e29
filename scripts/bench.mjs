// npm run bench: the figures of issue 7, each run several times, printed as min / median / max beside a
// same-run floor, and written to bench/results.json. Inputs are built in bench/out/ (gitignored):
// a corpus of 200 copies of ../shared/seeds and 100 KB / 1 MB documents. Not a test: nothing here
// asserts a time; the budgets are printed beside the figures.
//   node scripts/bench.mjs [--quick] [--only cli,lsp]   (TIFA_BENCH_DIST=dir: measure that build instead of dist/)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../test/protocol/lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
// TIFA_BENCH_DIST: another build to measure (an older commit's dist/, to compare on the same machine state)
const DIST = process.env.TIFA_BENCH_DIST ? path.resolve(process.env.TIFA_BENCH_DIST) : path.join(ROOT, 'dist');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : ['cli', 'lsp'];
const REPS = QUICK ? 2 : 5;

const results = { machine: machine(), date: new Date().toISOString(), figures: {} };

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpu: cpus[0]?.model, memGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg: os.loadavg().map((x) => +x.toFixed(2)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const summary = (xs) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs), n: xs.length });
const f1 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Record a figure and print it: min / median / max, the budget, and the floor measured in the same run. */
function figure(key, label, unit, xs, { budget, better = 'lower', floor, note } = {}) {
  const s = summary(xs);
  const met = budget === undefined ? undefined : better === 'lower' ? s.median <= budget : s.median >= budget;
  results.figures[key] = { label, unit, ...s, budget, better, met, floor, note };
  const b = budget === undefined ? '' : `  budget ${better === 'lower' ? '≤' : '≥'} ${budget} ${unit} ${met ? 'met' : 'MISSED'}`;
  const fl = floor ? `  [floor: ${floor.label} ${f1(floor.median)} ${floor.unit}]` : '';
  console.log(`${label.padEnd(46)} ${f1(s.min).padStart(8)} / ${f1(s.median).padStart(8)} / ${f1(s.max).padStart(8)} ${unit}${b}${fl}${note ? `  (${note})` : ''}`);
}

// --- inputs --------------------------------------------------------------------------------------------

function seedTexts() {
  if (!fs.existsSync(SEEDS)) return undefined;
  return fs
    .readdirSync(SEEDS)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => ({ name: n, bytes: fs.readFileSync(path.join(SEEDS, n)) }));
}

/** Text of our own making with the artifacts the rules look for, for machines without the seeds. */
function syntheticText(bytes) {
  const paras = [
    '一、坚持以人民为中心的发展思想，增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
    '要求自 己，严格自律，推动高质量发展取得新成效。',
    '■上接第3版',
    '（二）加快构建新发展格局，着力推动长三角一体化发展，2024年实现GDP增长5%。',
    '记者 张三 李四',
    '<p>全面深化改革&nbsp;不断推进</p>',
  ];
  let s = '';
  for (let i = 0; Buffer.byteLength(s) < bytes; i++) s += paras[i % paras.length] + (i % 3 === 2 ? '\n\n' : '\n');
  return s;
}

function buildInputs() {
  fs.mkdirSync(OUT, { recursive: true });
  const seeds = seedTexts();
  const corpus = path.join(OUT, 'corpus');
  const copies = 200;
  const stamp = path.join(corpus, '.complete');
  if (!fs.existsSync(stamp)) {
    fs.rmSync(corpus, { recursive: true, force: true });
    for (let i = 1; i <= copies; i++) {
      const d = path.join(corpus, `c${String(i).padStart(3, '0')}`);
      fs.mkdirSync(d, { recursive: true });
      if (seeds) for (const s of seeds) fs.writeFileSync(path.join(d, s.name), s.bytes);
      else fs.writeFileSync(path.join(d, 'synthetic.txt'), syntheticText(186_000));
    }
    fs.writeFileSync(stamp, '');
  }
  const base = seeds ? Buffer.concat(seeds.map((s) => Buffer.concat([s.bytes, Buffer.from('\n\n')]))).toString('utf8') : syntheticText(200_000);
  const sized = (bytes) => {
    let s = '';
    while (Buffer.byteLength(s) < bytes) s += base;
    // cut at a line break near the size
    const buf = Buffer.from(s);
    const cut = buf.lastIndexOf(0x0a, bytes);
    return buf.subarray(0, cut + 1).toString('utf8');
  };
  const doc100k = sized(100_000);
  const doc1m = sized(1_000_000);
  fs.writeFileSync(path.join(OUT, 'doc-100k.txt'), doc100k);
  fs.writeFileSync(path.join(OUT, 'doc-1m.txt'), doc1m);
  const files = [];
  const walk = (d) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.txt')) files.push(p);
    }
  };
  walk(corpus);
  const bytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  return { corpus, files, bytes, doc100k, doc1m, seeds: !!seeds };
}

// --- floors --------------------------------------------------------------------------------------------

function readFloor(files, bytes) {
  const xs = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    for (const f of files) fs.readFileSync(f);
    xs.push(bytes / 1e6 / ((performance.now() - t) / 1000));
  }
  return { label: 'reading the files', unit: 'MB/s', ...summary(xs) };
}

/** One regular-expression pass over the same text: the practical floor of any linter. */
function regexFloor(texts, bytes) {
  const re = /[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]/g;
  const xs = [];
  let n = 0;
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    for (const s of texts) n += (s.match(re) ?? []).length;
    xs.push(bytes / 1e6 / ((performance.now() - t) / 1000));
  }
  return { label: 'one regex pass', unit: 'MB/s', ...summary(xs), matches: n / REPS };
}

/**
 * The issue's floor, measured the way it was when the budget was set (0.33 s, about 110 MB/s, on this
 * machine): a whole Node process that walks the corpus, reads every file and makes one regular-expression
 * pass, spawned and timed as the CLI is. The machine's speed swings from day to day by more than the
 * CLI's margin; this floor, beside the CLI's figures, tells a slow day from a slow build.
 */
function processFloor(corpus, bytes) {
  const script = `const fs=require('fs'),path=require('path');const re=/[\\u4e00-\\u9fff][ \\t\\u3000]+[\\u4e00-\\u9fff]/g;let n=0;
(function walk(d){for(const e of fs.readdirSync(d,{withFileTypes:true})){const p=path.join(d,e.name);if(e.isDirectory())walk(p);else if(e.name.endsWith('.txt'))n+=(fs.readFileSync(p,'utf8').match(re)??[]).length}})(process.argv[1]);
process.stdout.write(String(n))`;
  const xs = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, ['-e', script, corpus], { encoding: 'utf8' });
    const s = (performance.now() - t) / 1000;
    if (p.status !== 0 || !(+p.stdout > 0)) throw new Error(`the whole-process floor failed (${p.status}): ${p.stderr}`);
    xs.push(bytes / 1e6 / s);
  }
  return { label: 'a whole process: start, read, one regex pass', unit: 'MB/s', ...summary(xs) };
}

/** The whole-process floor when issue 7 set the CLI's budget (0.33 s over the 37 MB corpus). */
const ISSUE_FLOOR_MBS = 110;

// --- CLI -----------------------------------------------------------------------------------------------

function benchCli(inp) {
  console.log(`\nCLI: lint over ${inp.files.length} files, ${(inp.bytes / 1e6).toFixed(1)} MB (${inp.seeds ? '200 copies of the seeds' : 'synthetic: seeds absent'})`);
  const rf = readFloor(inp.files, inp.bytes);
  const texts = inp.files.map((f) => fs.readFileSync(f, 'utf8'));
  const xf = regexFloor(texts, inp.bytes);
  console.log(`${'floor: reading the files'.padEnd(46)} ${f1(rf.min).padStart(8)} / ${f1(rf.median).padStart(8)} / ${f1(rf.max).padStart(8)} MB/s`);
  console.log(`${'floor: one regex pass over the text'.padEnd(46)} ${f1(xf.min).padStart(8)} / ${f1(xf.median).padStart(8)} / ${f1(xf.max).padStart(8)} MB/s`);
  const pf = processFloor(inp.corpus, inp.bytes);
  const speed = pf.median / ISSUE_FLOOR_MBS;
  console.log(
    `${'floor: a whole process (start, read, regex)'.padEnd(46)} ${f1(pf.min).padStart(8)} / ${f1(pf.median).padStart(8)} / ${f1(pf.max).padStart(8)} MB/s` +
      `  (issue 7's, when it set the budget: about ${ISSUE_FLOOR_MBS}; now ${(speed * 100).toFixed(0)}% of that)`,
  );
  results.figures.floorRead = { label: 'floor: reading the files', unit: 'MB/s', ...summary([rf.min, rf.median, rf.max]) };
  results.figures.floorRegex = { label: 'floor: one regex pass', unit: 'MB/s', ...summary([xf.min, xf.median, xf.max]) };
  results.figures.floorProcess = { label: 'floor: a whole process (start, read, one regex pass)', unit: 'MB/s', ...summary([pf.min, pf.median, pf.max]), issueFloor: ISSUE_FLOOR_MBS, machineSpeed: +speed.toFixed(2) };
  const cli = path.join(DIST, 'cli.js');
  // the report goes to a file, as `tifa lint … > report` would: a pipe read by this process would take
  // CPU from the CLI on the same two cores
  const report = path.join(OUT, 'report.out');
  const run = (args, corpus = inp.corpus, bytes = inp.bytes) => {
    const fd = fs.openSync(report, 'w');
    const t = performance.now();
    const p = spawnSync(process.execPath, [cli, ...args, corpus], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    const s = (performance.now() - t) / 1000;
    fs.closeSync(fd);
    if (p.status !== 1 && p.status !== 0) throw new Error(`tifa lint failed (${p.status}): ${p.stderr}`);
    return { mbs: bytes / 1e6 / s, stderr: p.stderr };
  };
  for (const [key, label, args] of [
    ['cliThroughput', 'CLI lint throughput (default report, all cores)', ['lint', '--no-progress', '--timing']],
    ['cliThroughputJson', 'CLI lint throughput (--format json, all cores)', ['lint', '--no-progress', '--format', 'json']],
  ]) {
    const mbs = [];
    const startup = [];
    for (let r = 0; r < REPS; r++) {
      const { mbs: x, stderr } = run(args);
      mbs.push(x);
      for (const m of stderr.matchAll(/ready in (\d+) ms/g)) startup.push(+m[1]);
    }
    const size = fs.statSync(report).size;
    const note = key === 'cliThroughputJson' ? `${JSON.parse(fs.readFileSync(report, 'utf8')).length} findings, ${(size / 1e6).toFixed(0)} MB of JSON` : `${(size / 1e6).toFixed(0)} MB report`;
    figure(key, label, 'MB/s', mbs, { budget: 25, better: 'higher', floor: pf, note });
    if (startup.length) figure('cliWorkerStartup', 'CLI worker start (glossary + word list)', 'ms', startup);
  }
  const one = [];
  for (let r = 0; r < Math.min(REPS, 3); r++) one.push(run(['lint', '--no-progress', '--jobs', '1']).mbs);
  figure('cliThroughput1', 'CLI lint throughput, --jobs 1 (default report)', 'MB/s', one, { floor: pf });
  // Each worker spends its first few megabytes warming up (the JIT): a corpus four times as large shows
  // the throughput past that. Its files are hard links to the corpus's (no disk space, four distinct
  // paths each); not linked folders, which the CLI walks once (it visits a folder once by its real path).
  const large = path.join(OUT, 'corpus-x4');
  if (!fs.existsSync(path.join(large, '.complete-files'))) {
    fs.rmSync(large, { recursive: true, force: true });
    for (const d of fs.readdirSync(inp.corpus).filter((n) => !n.startsWith('.')))
      for (const k of ['a', 'b', 'c', 'd']) {
        const to = path.join(large, k + d);
        fs.mkdirSync(to, { recursive: true });
        for (const f of fs.readdirSync(path.join(inp.corpus, d))) {
          try {
            fs.linkSync(path.join(inp.corpus, d, f), path.join(to, f));
          } catch {
            fs.copyFileSync(path.join(inp.corpus, d, f), path.join(to, f));
          }
        }
      }
    fs.writeFileSync(path.join(large, '.complete-files'), '');
  }
  const big = [];
  for (let r = 0; r < Math.min(REPS, 3); r++) {
    const { mbs, stderr } = run(['lint', '--no-progress', '--timing'], large, 4 * inp.bytes);
    // the figure is only true if the CLI linted all four copies
    const m = /(\d+) files, ([\d.]+) MB in/.exec(stderr);
    if (!m || +m[1] !== 4 * inp.files.length) throw new Error(`the CLI linted ${m ? m[1] : '?'} files of the ${4 * inp.files.length} in ${large}`);
    big.push(mbs);
  }
  figure('cliThroughputX4', `CLI lint throughput over ${((4 * inp.bytes) / 1e6).toFixed(0)} MB (the corpus four times)`, 'MB/s', big, { budget: 25, better: 'higher', floor: pf });
  fs.rmSync(report, { force: true });
}

// --- language server -----------------------------------------------------------------------------------

const DOC = (name) => pathToFileURL(path.join(OUT, name)).href;

function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? +m[1] / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drop the notifications the bench has read. The test client keeps every one; an editor does not, and
 * thousands of kept diagnostics of a 1 MB document make the client's own garbage collections long enough
 * to show in the server's latencies.
 */
function forget(c) {
  c.notifications.length = 0;
}

/**
 * The bench's workspace folder: empty. The server indexes a workspace's corpus files whenever the user is
 * idle (for workspace symbols); with this repository as the workspace it would index the bench's own
 * 186 MB of corpora between and during the figures (the floors are measured while the server is idle).
 */
const WORKSPACE = path.join(OUT, 'workspace');

async function started(opts = {}) {
  const c = new LspClient({ settings: { diagnosticsDelay: 0 }, ...opts });
  fs.mkdirSync(WORKSPACE, { recursive: true });
  await c.initialize({ root: WORKSPACE });
  return c;
}

async function benchInitialize() {
  const xs = [];
  for (let r = 0; r < REPS + 2; r++) {
    const t = performance.now();
    const c = new LspClient({ settings: { diagnosticsDelay: 0 } });
    await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    xs.push(performance.now() - t);
    await c.stop();
  }
  // the floor: a bare Node process that answers one line on stdin
  const fl = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    await new Promise((resolve) => {
      const p = spawn(process.execPath, ['-e', 'process.stdin.once("data", () => { process.stdout.write("ok"); process.exit(0); })']);
      p.stdout.once('data', () => resolve());
      p.stdin.write('x');
    });
    fl.push(performance.now() - t);
  }
  figure('initialize', 'initialize answered after spawn', 'ms', xs, { budget: 300, floor: { label: 'bare node echo', unit: 'ms', ...summary(fl) } });
}

async function benchOpen(c, text, name, budget, key, label) {
  const xs = [];
  const full = [];
  let count = 0;
  let fullCount = 0;
  for (let r = 0; r < REPS + 1; r++) {
    const uri = DOC(`${name}-${r}.txt`);
    const seen = c.notifications.length;
    const t = performance.now();
    c.open(uri, text);
    // the first publish: paragraph-scoped rules; the second: with the document-wide rules
    const isMine = (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 1;
    const d = await c.diagnostics(uri, { version: 1, timeout: 60000 });
    const ms = performance.now() - t;
    await c.waitFor((m) => isMine(m) && c.notifications.filter((n, i) => i >= seen && isMine(n)).length >= 2, { timeout: 60000 });
    const msFull = performance.now() - t;
    count = d.length;
    fullCount = c.notifications.filter((n, i) => i >= seen && isMine(n)).at(-1).params.diagnostics.length;
    if (r > 0) {
      xs.push(ms); // the first run warms up the code paths
      full.push(msFull);
    }
    c.notify('textDocument/didClose', { textDocument: { uri } });
    forget(c);
  }
  // floor: one regex pass over the same text in this process
  const re = /[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]/g;
  const fl = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    text.match(re);
    fl.push(performance.now() - t);
  }
  const floor = { label: 'one regex pass', unit: 'ms', ...summary(fl) };
  figure(key, label, 'ms', xs, { budget, floor, note: `first publish: ${count} diagnostics of paragraph-scoped rules` });
  figure(`${key}Complete`, `${label} (complete)`, 'ms', full, { floor, note: `with the document-wide rules: ${fullCount} diagnostics` });
}

/** Offsets → LSP positions in a text (LF only, as the bench documents are). */
function positionAt(text, offset) {
  let line = 0;
  let ls = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    ls = i + 1;
  }
  return { line, character: offset - ls };
}

async function benchTyping(c, text) {
  const uri = DOC('typing-1m.txt');
  const seen = c.notifications.length;
  c.open(uri, text);
  // typing starts once the document is fully checked (both publishes), as a user reads before editing
  const isMine = (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 1;
  await c.waitFor(() => c.notifications.filter((m, i) => i >= seen && isMine(m)).length >= 2, { timeout: 60000 });
  // the user reads: one round of hovers over the document, not counted in the hover figure (the first
  // hovers after start-up run code that neither process has compiled yet); printed as a figure of its own
  const cold = await hoverRound(c, uri, text);
  figure('hoverFirstRound', `hover p99, first round (${cold.length} hovers, not counted)`, 'ms', [pct(cold, 99)], { note: `p50 ${f1(pct(cold, 50))} ms` });
  const xs = [];
  let cur = text;
  let last;
  const n = QUICK ? 10 : 30;
  const warm = 5;
  for (let r = 0; r < n; r++) {
    // type one character in the middle of a line somewhere in the document
    let off = Math.floor(((r + 0.5) / n) * cur.length);
    const nl = cur.indexOf('\n', off);
    off = nl > 0 ? Math.max(cur.lastIndexOf('\n', nl - 1) + 1, nl - 3) : off;
    const pos = positionAt(cur, off);
    const t = performance.now();
    const v = c.change(uri, [{ range: { start: pos, end: pos }, text: '的' }]);
    last = await c.diagnostics(uri, { version: v, timeout: 60000, fresh: true });
    xs.push(performance.now() - t);
    forget(c);
    cur = cur.slice(0, off) + '的' + cur.slice(off);
  }
  // the floor: the same diagnostics (as JSON) coming back from a bare Node process for a small request
  const published = path.join(OUT, 'published.json');
  fs.writeFileSync(published, JSON.stringify({ uri, version: n + 1, diagnostics: last }));
  const fl = await echoLatencies(n - warm, published);
  const floor = { label: `the same ${(fs.statSync(published).size / 1e3).toFixed(0)} KB of diagnostics echoed`, unit: 'ms', ...summary(fl) };
  figure('typing1m', `one typed character in 1 MB, re-published (keystrokes ${warm + 1}–${n})`, 'ms', xs.slice(warm), { budget: 20, floor });
  figure('typing1mFirst', `the first ${warm} keystrokes after opening`, 'ms', xs.slice(0, warm));
  return { uri, text: cur };
}

/** Hover once at each of about 1,000 places in a document (on slogans and spread evenly); the latencies. */
async function hoverRound(c, uri, text) {
  const offsets = [];
  for (const needle of ['四个意识', '高质量发展', '中国式现代化', '新发展格局', '两个维护']) {
    for (let i = text.indexOf(needle), k = 0; i >= 0 && k < 100; i = text.indexOf(needle, i + 1), k++) offsets.push(i + 1);
  }
  for (let k = 0; k < 500; k++) offsets.push(Math.floor((k / 500) * text.length));
  const positions = offsets.map((o) => positionAt(text, o));
  const xs = [];
  for (const p of positions) {
    const t = performance.now();
    await c.request('textDocument/hover', { textDocument: { uri }, position: p });
    xs.push(performance.now() - t);
  }
  return xs;
}

async function benchHover(c, doc) {
  // right after the typing: the document-wide rules of its last keystroke run meanwhile, one at a time
  const xs = [];
  const rounds = QUICK ? 1 : 2;
  for (let r = 0; r < rounds; r++) xs.push(...(await hoverRound(c, doc.uri, doc.text)));
  results.figures.hoverAll = { label: 'hover latency', unit: 'ms', ...summary(xs), p50: pct(xs, 50), p99: pct(xs, 99) };
  const floor = await echoFloor(xs.length);
  figure('hoverP99', `hover p99 (${xs.length} hovers, 1 MB document)`, 'ms', [pct(xs, 99)], { budget: 3, floor, note: `p50 ${f1(pct(xs, 50))} ms` });
}

/**
 * A bare Node process that answers every request with null, or with the JSON in `resultFile` (made once:
 * it does no work per request but the write): the floor of a round trip through the same pipes.
 */
function echoServer(resultFile) {
  const code = `const result = ${resultFile ? `require('fs').readFileSync(${JSON.stringify(resultFile)}, 'utf8')` : "'null'"};
    let b = Buffer.alloc(0); process.stdin.on('data', (d) => { b = Buffer.concat([b, d]); for (;;) { const i = b.indexOf('\\r\\n\\r\\n'); if (i < 0) return;
    const len = +/Content-Length: (\\d+)/i.exec(b.subarray(0, i).toString())[1]; if (b.length < i + 4 + len) return;
    const m = JSON.parse(b.subarray(i + 4, i + 4 + len).toString()); b = b.subarray(i + 4 + len);
    if (m.id !== undefined && m.method) { const s = Buffer.from('{"jsonrpc":"2.0","id":' + m.id + ',"result":' + result + '}'); process.stdout.write(Buffer.concat([Buffer.from('Content-Length: ' + s.length + '\\r\\n\\r\\n'), s])); } } });`;
  return new LspClient({ serverPath: '-e', args: [code] });
}

/** Latencies of n requests to an echo server (after as many to warm both ends up, as the figures' own runs do). */
async function echoLatencies(n, resultFile) {
  const e = echoServer(resultFile);
  const ys = [];
  for (let r = 0; r < 2; r++)
    for (let k = 0; k < n; k++) {
      const t = performance.now();
      await e.request('textDocument/hover', { textDocument: { uri: 'file:///x.txt' }, position: { line: k, character: 1 } });
      if (r) ys.push(performance.now() - t);
    }
  e.proc.kill();
  return ys;
}

/** The floor of a request's latency on this machine now: p99 of a bare Node process answering the same number of requests. */
async function echoFloor(n) {
  return { label: 'bare Node echo p99', unit: 'ms', ...summary([pct(await echoLatencies(n), 99)]) };
}

async function benchEdits(c, text) {
  const uri = DOC('edits-20k.txt');
  c.open(uri, text);
  await c.diagnostics(uri, { version: 1, timeout: 60000 });
  const total = QUICK ? 2000 : 10000;
  const warmup = 2000;
  const batch = 100;
  let v = 1;
  const rss = [];
  const mem = [];
  const pos = positionAt(text, Math.floor(text.length / 2));
  const t0 = performance.now();
  for (let k = 0; k < warmup + total; k += batch) {
    for (let j = 0; j < batch; j++) {
      // type a character, then delete it: the document stays the same size
      const ins = (k + j) % 2 === 0;
      v = c.change(uri, [{ range: { start: pos, end: ins ? pos : { line: pos.line, character: pos.character + 1 } }, text: ins ? '改' : '' }]);
    }
    await c.diagnostics(uri, { version: v, timeout: 120000, fresh: true });
    forget(c);
    if (k + batch === warmup || k + batch >= warmup + total) {
      rss.push(rssOf(c.proc.pid));
      // the server was started with --expose-gc: heap and RSS after a full collection
      mem.push(await c.request('tifa/debug/memory', null));
    }
  }
  const ms = performance.now() - t0;
  const growth = rss[1] - rss[0];
  const MB = (b) => b / 2 ** 20;
  const heapGrowth = MB(mem[1].heapUsed - mem[0].heapUsed);
  const rssGcGrowth = MB(mem[1].rss - mem[0].rss);
  const label = `over ${total} edits of a 20 KB document (after ${warmup} warm-up edits)`;
  results.figures.rssEdits = { label: `RSS growth ${label}, as the OS sees it`, unit: 'MB', min: growth, median: growth, max: growth, n: 1, from: rss[0], to: rss[1], editsPerSecond: (total / ms) * 1000 };
  console.log(`${`RSS growth over ${total} edits (no GC forced)`.padEnd(46)} ${f1(growth).padStart(8)} MB  (${f1(rss[0])} → ${f1(rss[1])} MB; ${f1((total / ms) * 1000)} edits/s incl. diagnostics)`);
  results.figures.heapEdits = { label: `heap growth ${label}, after a full GC`, unit: 'MB', min: heapGrowth, median: heapGrowth, max: heapGrowth, n: 1, from: MB(mem[0].heapUsed), to: MB(mem[1].heapUsed), budget: 1, better: 'lower', met: heapGrowth <= 1 };
  console.log(`${`heap growth over ${total} edits, after GC`.padEnd(46)} ${f1(heapGrowth).padStart(8)} MB  (${f1(MB(mem[0].heapUsed))} → ${f1(MB(mem[1].heapUsed))} MB; RSS after GC ${f1(MB(mem[0].rss))} → ${f1(MB(mem[1].rss))} MB)  budget ≤ 1 MB ${heapGrowth <= 1 ? 'met' : 'MISSED'}`);
  results.figures.rssGcEdits = { label: `RSS growth ${label}, after a full GC`, unit: 'MB', min: rssGcGrowth, median: rssGcGrowth, max: rssGcGrowth, n: 1 };
}

async function benchRss(inp) {
  // without segmentation: a copy of dist/ without the segmenter worker (the word list still loads)
  const noseg = path.join(OUT, 'dist-noseg');
  fs.rmSync(noseg, { recursive: true, force: true });
  fs.cpSync(DIST, noseg, { recursive: true, filter: (src) => !/segmenter-worker\.js(\.map)?$/.test(src) && !src.endsWith('.vsix') });
  const measure = async (make) => {
    const xs = [];
    for (let r = 0; r < Math.min(REPS, 3); r++) {
      const c = make();
      fs.mkdirSync(WORKSPACE, { recursive: true });
      await c.initialize({ root: WORKSPACE });
      await c.ready(60000);
      const uri = DOC(`rss-${r}.txt`);
      c.open(uri, inp.doc100k);
      await c.diagnostics(uri, { version: 1, timeout: 60000 });
      await new Promise((res) => setTimeout(res, 300));
      xs.push(rssOf(c.proc.pid));
      await c.stop();
    }
    return xs;
  };
  figure('rssWithSegmentation', 'server RSS, segmentation loaded (100 KB open)', 'MB', await measure(() => new LspClient({ settings: { diagnosticsDelay: 0 } })));
  const xs = await measure(() => new LspClientAt(path.join(noseg, 'server.js')));
  figure('rssWithoutSegmentation', 'server RSS, no segmentation (word list only)', 'MB', xs);
  // the workspace index (workspace symbols) of a corpus: the 37 MB corpus as the workspace, indexed while idle
  const ys = [];
  const secs = [];
  for (let r = 0; r < Math.min(REPS, 2); r++) {
    const c = new LspClient({ settings: { diagnosticsDelay: 0 } });
    const t = performance.now();
    await c.initialize({ root: inp.corpus, progress: true });
    await c.waitFor((m) => m.method === '$/progress' && m.params?.value?.kind === 'end', { timeout: 300000 });
    secs.push((performance.now() - t) / 1000);
    await new Promise((res) => setTimeout(res, 300));
    ys.push(rssOf(c.proc.pid));
    await c.stop();
  }
  figure('rssIndexedCorpus', `server RSS, the ${(inp.bytes / 1e6).toFixed(0)} MB corpus indexed as the workspace`, 'MB', ys, { note: `indexed in ${f1(median(secs))} s from start, while idle` });
}

/** An LspClient that starts another server file. */
class LspClientAt extends LspClient {
  constructor(serverFile) {
    super({ settings: { diagnosticsDelay: 0 }, args: ['--stdio'] });
    // replace the process started by the base class with one of serverFile
    this.proc.kill();
    this.proc = spawn(process.execPath, [serverFile, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.resetReader();
    this.exited = new Promise((r) => this.proc.on('exit', (code, signal) => r({ code, signal })));
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdout.on('data', (d) => this.onData(d));
  }
}

async function benchLsp(inp) {
  console.log(`\nLanguage server over stdio (dist/server.js, diagnosticsDelay 0)`);
  await benchInitialize();
  const c = await started();
  await c.ready(60000);
  await benchOpen(c, inp.doc100k, 'open-100k', 30, 'open100k', 'open → diagnostics, 100 KB');
  await benchOpen(c, inp.doc1m, 'open-1m', 250, 'open1m', 'open → diagnostics, 1 MB');
  const doc = await benchTyping(c, inp.doc1m);
  await benchHover(c, doc);
  await c.stop();
  const e = await started({ env: { NODE_OPTIONS: '--expose-gc' } });
  await e.ready(60000);
  await benchEdits(e, inp.doc100k.slice(0, inp.doc100k.indexOf('\n', 20000) + 1));
  await e.stop();
  await benchRss(inp);
}

// --- main ----------------------------------------------------------------------------------------------

if (!fs.existsSync(path.join(DIST, 'cli.js')) || !fs.existsSync(path.join(DIST, 'server.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const inp = buildInputs();
console.log(`machine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGB} GB, Node ${results.machine.node}, load ${results.machine.loadavg.join(' ')}`);
console.log(`${''.padEnd(46)} ${'min'.padStart(8)} / ${'median'.padStart(8)} / ${'max'.padStart(8)}`);
if (only.includes('cli')) benchCli(inp);
if (only.includes('lsp')) await benchLsp(inp);
results.machine.loadavgAfter = os.loadavg().map((x) => +x.toFixed(2));
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
// another build's figures do not replace the project's own
const written = process.env.TIFA_BENCH_DIST ? path.join(OUT, 'results-other-build.json') : path.join(ROOT, 'bench', 'results.json');
fs.writeFileSync(written, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${path.relative(ROOT, written)}`);
