#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests() launches.
// It takes the arguments runTests passes
//   --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [WORKSPACE]
// and runs the same extension-host test suite in code-server (VS Code's web workbench + remote Node
// extension host) driven by Debian's Chromium through playwright-core:
//   the workbench URL carries a smoke-test `payload` with extensionDevelopmentPath/extensionTestsPath,
//   honoured because code-server runs with --vscode-option enable-smoke-test-driver;
//   when the suite ends the workbench calls window.codeAutomationExit(code), which we expose.
// Mocha's output (extension host console → browser console) is forwarded to stdout, and the shim
// exits with the suite's exit code, so runTests resolves on pass and rejects on failure.
// Env: TIFA_E2E_TIMEOUT (s, default 300), TIFA_E2E_KEEP=1 keeps the temp profile, every TIFA_* var is
// passed on to the extension host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provision, UnsupportedPlatformError, EXIT_UNSUPPORTED } from '../../../scripts/provision.mjs';
import { requireDep } from '../lib/deps.mjs';
import { spawnSync } from 'node:child_process';
import { makeProfile, writeUserSettings, startCodeServer, workbenchUrl, launchChromium, versions, chromiumVersion } from '../lib/codeserver.mjs';

const say = (s) => process.stdout.write(`[code-shim] ${s}\n`);

function parseArgs(argv) {
  const o = { devPaths: [], positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) { o.positional.push(a); continue; }
    const [, k, v] = m;
    const value = () => (v !== undefined ? v : argv[++i]);
    if (k === 'extensionDevelopmentPath') o.devPaths.push(path.resolve(value()));
    else if (k === 'extensionTestsPath') o.testsPath = path.resolve(value());
    else if (k === 'user-data-dir' || k === 'extensions-dir') value(); // the shim uses a fresh profile of its own
    // everything else (--no-sandbox, --disable-updates, --skip-welcome, ...) is for desktop VS Code
  }
  return o;
}

async function main() {
  if (process.argv.includes('--version')) { // like `code --version`
    const v = versions(provision());
    console.log(`${v.vscode}\n${v.commit}\ncode-server ${v.codeServer}`);
    return 0;
  }
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.testsPath || opts.devPaths.length === 0) {
    say('usage: code-shim --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE]');
    return 2;
  }
  const workspace = opts.positional.length ? path.resolve(opts.positional[0]) : undefined;
  let tools;
  try { tools = provision(); } catch (e) {
    if (e instanceof UnsupportedPlatformError) { say(`cannot provision code-server here: ${e.message}`); return EXIT_UNSUPPORTED; }
    throw e;
  }
  const playwright = requireDep('playwright-core');
  const v = versions(tools);
  say(`host: VS Code ${v.vscode} (code-server ${v.codeServer}, web workbench in ${chromiumVersion(tools)} headless, remote extension host on Node ${nodeVersion(tools)})`);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-shim-'));
  const profile = makeProfile(root);
  writeUserSettings(profile, {
    'workbench.startupEditor': 'none',
    'files.autoSave': 'off', // VS Code for the Web saves after a delay by default
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
  });
  const extEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TIFA_')));
  const timeoutS = Number(process.env.TIFA_E2E_TIMEOUT || 300);
  let server, browser;
  const t0 = Date.now();
  try {
    // TIFA_E2E_NO_SMOKE_DRIVER=1 (a negative control): without the driver the payload is ignored and the suite never runs
    server = await startCodeServer(tools, profile, { smokeTestDriver: !process.env.TIFA_E2E_NO_SMOKE_DRIVER, env: extEnv });
    say(`code-server listening on ${server.base} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const url = workbenchUrl(server.base, {
      folder: workspace,
      extensionDevelopmentPath: opts.devPaths[0],
      extensionTestsPath: opts.testsPath,
      extensionEnvironment: extEnv,
    });
    browser = await launchChromium(playwright, tools);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let sawSuiteOutput = false;
    let lastText = null;
    let resolveExit;
    const exitCode = new Promise((resolve) => { resolveExit = resolve; });
    // the workbench calls window.codeAutomationExit(code) when the extension tests end: expose it before navigating
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
    page.on('console', (msg) => {
      if (process.env.TIFA_E2E_DEBUG) process.stdout.write(`[console.${msg.type()}] ${JSON.stringify(msg.text()).slice(0, 400)}\n`);
      const text = cleanConsole(msg);
      if (text === null || text === lastText) return;
      lastText = text;
      if (!text.startsWith('[workbench error]')) sawSuiteOutput = true;
      process.stdout.write(text + '\n');
    });
    page.on('pageerror', (err) => say(`page error: ${err.message}`));
    await page.goto(url);
    const noStart = Number(process.env.TIFA_E2E_START_TIMEOUT || 90);
    const timer = new Promise((resolve) => {
      const iv = setInterval(() => {
        const el = (Date.now() - t0) / 1000;
        if (!sawSuiteOutput && el > noStart) { clearInterval(iv); say(`the suite did not start within ${noStart} s (is the payload honoured? smoke-test driver on?)`); resolve(124); }
        if (el > timeoutS) { clearInterval(iv); say(`timed out after ${timeoutS} s`); resolve(124); }
      }, 1000);
      iv.unref();
    });
    const code = await Promise.race([exitCode, timer]);
    say(`suite finished with exit code ${code} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return code;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (!process.env.TIFA_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
    else say(`kept profile in ${root}`);
  }
}

function nodeVersion(tools) {
  return (spawnSync(tools.node24, ['--version'], { encoding: 'utf8' }).stdout || '?').trim();
}

// The extension host's console reaches the page as '%c INFO color: #33f <text>' like the workbench's
// own log. The suite prefixes its lines with '[e2e] ': forward those, plus errors that are not the
// workbench's offline noise (gallery look-ups, missing resources), without the CSS.
const NOISE = /Failed to load resource|ENOTFOUND|open-vsx|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|marketplace|same-origin|allow-scripts/;
function cleanConsole(msg) {
  const text = msg.text();
  const k = text.indexOf('[e2e] ');
  if (k >= 0) return text.slice(k + 6).replace(/\s+$/, '');
  if (msg.type() === 'error' && !NOISE.test(text)) {
    return '[workbench error] ' + text.replace(/^%c\s*ERR\s*color:\s*\S+\s*/, '').split('\n').slice(0, 6).join('\n');
  }
  return null;
}

main().then((code) => process.exit(code), (e) => { say(`error: ${e && e.stack || e}`); process.exit(1); });
