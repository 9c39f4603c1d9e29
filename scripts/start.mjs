#!/usr/bin/env node
// `npm start` (after `npm run build`): open a real VS Code with Tifa under development on samples/.
//   - a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/samples`
//   - otherwise: provision code-server (scripts/provision.mjs, cached outside the repo), serve VS Code
//     on 127.0.0.1 and print the URL to open in a browser. The URL loads the extension under
//     development from this folder (reload the browser window after a rebuild). Ctrl+C stops it.
// Env: TIFA_PORT (default 0: any free port), TIFA_START_MODE=code-server (ignore a desktop `code`),
//      TIFA_CACHE (see provision.mjs), TIFA_START_PROFILE (profile folder; default <cache>/start-profile). Exit 3: this platform cannot provision code-server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { provision, UnsupportedPlatformError, EXIT_UNSUPPORTED } from './provision.mjs';
import { makeProfile, writeUserSettings, startCodeServer, workbenchUrl, versions } from '../test/e2e/lib/codeserver.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(REPO, 'samples');

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try { fs.accessSync(p, fs.constants.X_OK); if (fs.statSync(p).isFile()) return p; } catch { /* next */ }
  }
  return null;
}

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first (npm start does).');
    return 1;
  }
  const code = process.env.TIFA_START_MODE === 'code-server' ? null : findOnPath('code');
  if (code) {
    console.log(`Opening VS Code (${code}) with Tifa under development on ${SAMPLES}`);
    const p = spawn(code, [`--extensionDevelopmentPath=${REPO}`, SAMPLES], { stdio: 'inherit' });
    return new Promise((resolve) => p.on('exit', (c) => resolve(c ?? 0)));
  }

  let tools;
  try { tools = provision(); } catch (e) {
    if (e instanceof UnsupportedPlatformError) {
      console.error(`No desktop \`code\` on PATH, and code-server cannot be provisioned here: ${e.message}`);
      console.error('Install VS Code, then run: code --extensionDevelopmentPath=. samples');
      return EXIT_UNSUPPORTED;
    }
    throw e;
  }
  // a persistent profile (window layout, settings) next to the cached tools, never inside the repo
  const profile = makeProfile(process.env.TIFA_START_PROFILE || path.join(tools.cache, 'start-profile'));
  const settingsFile = path.join(profile.userData, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    writeUserSettings(profile, {
      'files.autoSave': 'off', // VS Code for the Web would otherwise save every edit to samples/ after a second
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    });
  }
  const port = Number(process.env.TIFA_PORT || 0);
  const v = versions(tools);
  const server = await startCodeServer(tools, profile, { port, smokeTestDriver: true });
  // extensionDevelopmentPath comes in through the workbench's payload, honoured with the smoke-test driver on
  const url = workbenchUrl(server.base, { folder: SAMPLES, extensionDevelopmentPath: REPO });
  console.log('');
  console.log(`  Tifa under development in VS Code ${v.vscode} (code-server ${v.codeServer}), workspace ${path.relative(process.cwd(), SAMPLES) || SAMPLES}`);
  console.log('  Open this URL in a browser on this machine:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`  After \`npm run build\`, reload the browser window. Log: ${profile.log}. Ctrl+C stops.`);

  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping code-server (${why}) ...`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl+C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.proc.on('exit', (c, s) => {
    if (stopping) return;
    console.error(`code-server exited unexpectedly (${c ?? s}):\n${server.logText().split('\n').slice(-20).join('\n')}`);
    process.exit(1);
  });
  return new Promise(() => {}); // keep running
}

main().then((c) => { if (typeof c === 'number') process.exit(c); }, (e) => { console.error(e && e.stack || e); process.exit(1); });
