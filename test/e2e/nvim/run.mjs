#!/usr/bin/env node
// Runs test/e2e/nvim/check.lua in headless Neovim 0.7 against `node dist/server.js --stdio`.
// Env: TIFA_E2E_SERVER (default <repo>/dist/server.js), TIFA_E2E_NEGATIVE=1 (a wrong expectation).
// Exit: 0 pass, 1 fail, 3 no Neovim and none can be provisioned.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provision, UnsupportedPlatformError, EXIT_UNSUPPORTED } from '../../../scripts/provision.mjs';
import { REPO } from '../lib/deps.mjs';
import { checkRunner } from '../lib/checks.mjs';

export async function runNvimChecks({ env = {} } = {}) {
  let tools;
  try { tools = provision({ need: ['apt'] }); } catch (e) {
    if (e instanceof UnsupportedPlatformError) { console.log(`[nvim] cannot provision Neovim: ${e.message}`); return EXIT_UNSUPPORTED; }
    throw e;
  }
  const r = checkRunner('nvim');
  const server = path.resolve(process.env.TIFA_E2E_SERVER || path.join(REPO, 'dist', 'server.js'));
  if (!fs.existsSync(server)) {
    await r.check('the language server is built', () => { throw new Error(`${server} is missing: run \`npm run build\``); });
    return r.finish();
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-nvim-'));
  const fixtures = path.join(root, 'fixtures');
  fs.cpSync(path.join(REPO, 'test', 'e2e', 'fixtures'), fixtures, { recursive: true });
  const out = path.join(root, 'results.tsv');
  const version = await new Promise((resolve) => {
    const p = spawn(tools.nvim, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let s = ''; p.stdout.on('data', (d) => { s += d; }); p.on('close', () => resolve(s.split('\n')[0]));
  });
  console.log(`[nvim] ${version}, server ${path.relative(REPO, server)} on ${process.execPath} ${process.version}`);
  const t0 = Date.now();
  const code = await new Promise((resolve) => {
    const p = spawn(tools.nvim, ['--headless', '--clean', '-n', '-c', `luafile ${path.join(REPO, 'test', 'e2e', 'nvim', 'check.lua')}`], {
      cwd: fixtures,
      env: { ...process.env, ...env, TIFA_NODE: process.execPath, TIFA_SERVER: server, TIFA_FIXTURES: fixtures, TIFA_NVIM_OUT: out, XDG_STATE_HOME: root, XDG_CACHE_HOME: root, XDG_DATA_HOME: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    p.stdout.on('data', (d) => { log += d; });
    p.stderr.on('data', (d) => { log += d; });
    const timer = setTimeout(() => { log += '\n[nvim] timed out after 90 s'; p.kill('SIGKILL'); }, 90000);
    // eslint-disable-next-line no-control-regex
    p.on('close', (c) => { clearTimeout(timer); if (c !== 0 && log.trim()) console.log(log.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim().slice(-2000)); resolve(c); });
  });
  let lines = [];
  try { lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean); } catch { /* nvim died before writing */ }
  for (const line of lines) {
    const [state, name, detail] = line.split('\t');
    await r.check(name, () => { if (state !== 'PASS') throw new Error(detail); });
    if (state === 'PASS' && detail) console.log(`      ${detail}`);
  }
  if (lines.length === 0) await r.check('Neovim ran check.lua', () => { throw new Error(`nvim exited ${code} without results`); });
  console.log(`[nvim] done in ${((Date.now() - t0) / 1000).toFixed(1)} s (nvim exit ${code})`);
  fs.rmSync(root, { recursive: true, force: true });
  const rc = r.finish();
  return rc === 0 && code !== 0 ? 1 : rc;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runNvimChecks().then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
}
