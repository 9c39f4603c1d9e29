#!/usr/bin/env node
// Run the extension-host mocha suite (test/e2e/suite) with @vscode/test-electron's runTests().
//   - desktop VS Code (env TIFA_VSCODE=desktop, or a `code` executable on PATH): runTests runs it
//     there (TIFA_VSCODE=download lets runTests download VS Code, where there is internet);
//   - otherwise (this offline machine, CI): runTests launches test/e2e/shim/code-shim.mjs, which
//     runs the very same suite in code-server + Chromium.
// Exit code: 0 pass, 1 fail, 3 the platform cannot provision code-server (see scripts/provision.mjs).
// Overrides for trying the harness elsewhere: TIFA_E2E_EXTENSION (extension folder),
// TIFA_E2E_SUITE (suite index.js), TIFA_E2E_WORKSPACE (folder to open).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, requireDep } from './lib/deps.mjs';
import { EXIT_UNSUPPORTED } from '../../scripts/provision.mjs';

const HERE = path.join(REPO, 'test', 'e2e');

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

// runTests wants VS Code's Electron executable rather than the `code` CLI wrapper: find it from the wrapper.
function electronOf(cli) {
  let real = cli;
  try { real = fs.realpathSync(cli); } catch { /* keep */ }
  const app = path.dirname(path.dirname(real)); // .../bin/code → app folder
  const candidates = process.platform === 'darwin'
    ? [path.join(app, '..', '..', 'MacOS', 'Electron'), path.join(app, '..', '..', 'MacOS', 'Code')]
    : process.platform === 'win32' ? [path.join(app, '..', 'Code.exe'), path.join(app, 'Code.exe')]
      : [path.join(app, 'code'), path.join(app, 'code-insiders')];
  return candidates.find((c) => { try { return fs.statSync(c).isFile(); } catch { return false; } }) || cli;
}

export async function runSuite({ env = {}, quiet = false } = {}) {
  const { runTests } = requireDep('@vscode/test-electron');
  const extensionDevelopmentPath = path.resolve(process.env.TIFA_E2E_EXTENSION || REPO);
  const extensionTestsPath = path.resolve(process.env.TIFA_E2E_SUITE || path.join(HERE, 'suite', 'index.js'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-vscode-test-'));
  // the suite edits documents: give it a copy of the fixtures so that nothing can reach the repo
  const workspace = path.join(profile, 'workspace');
  fs.cpSync(path.resolve(process.env.TIFA_E2E_WORKSPACE || path.join(HERE, 'fixtures')), workspace, { recursive: true });
  fs.mkdirSync(path.join(profile, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user-data', 'User', 'settings.json'), JSON.stringify({ 'files.autoSave': 'off' }));

  const mode = process.env.TIFA_VSCODE || (findOnPath('code') ? 'desktop' : 'code-server');
  let vscodeExecutablePath;
  if (mode === 'desktop') {
    const cli = process.env.TIFA_VSCODE_PATH || findOnPath('code');
    const v = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    vscodeExecutablePath = electronOf(cli);
    console.log(`[runTest] host: desktop VS Code ${(v.stdout || '').split('\n')[0]} (${vscodeExecutablePath})`);
  } else if (mode === 'download') {
    vscodeExecutablePath = undefined; // runTests downloads the latest stable
    console.log('[runTest] host: desktop VS Code downloaded by @vscode/test-electron');
  } else {
    vscodeExecutablePath = path.join(HERE, 'shim', 'code-shim.mjs');
    console.log('[runTest] host: code-server through the runTests shim (test/e2e/shim/code-shim.mjs)');
  }
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: { TIFA_E2E: '1', ...env },
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`],
    });
    return 0;
  } catch (e) {
    if (!quiet) console.error(`[runTest] ${e.message}`);
    return e && e.code === EXIT_UNSUPPORTED ? EXIT_UNSUPPORTED : 1;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runSuite().then((code) => process.exit(code));
}
