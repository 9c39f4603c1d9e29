// Start code-server (VS Code's web workbench with a remote Node extension host) on loopback,
// with its own profile, and stop it cleanly. Used by the runTests shim, the browser checks and
// `npm start`. Recipes: ../shared/notes/real-vscode-e2e.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder with the per-run dirs code-server needs (TMPDIR, XDG_*, user data, extensions). */
export function makeProfile(root) {
  const dirs = {
    root,
    tmp: path.join(root, 'tmp'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    configFile: path.join(root, 'config.yaml'),
    log: path.join(root, 'code-server.log'),
  };
  for (const d of [dirs.tmp, dirs.config, dirs.data, dirs.userData, dirs.extensions]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(dirs.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return dirs;
}

/** Write VS Code user settings (e.g. to quieten the workbench for tests). */
export function writeUserSettings(profile, settings) {
  const dir = path.join(profile.userData, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function envFor(profile, tools, extra = {}) {
  return {
    ...process.env,
    PATH: `${path.dirname(tools.node24)}${path.delimiter}${process.env.PATH}`,
    TMPDIR: profile.tmp,
    XDG_CONFIG_HOME: profile.config,
    XDG_DATA_HOME: profile.data,
    ...extra,
  };
}

function baseArgs(profile) {
  return ['--config', profile.configFile, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

/** code-server --version → { codeServer, vscode, commit } */
export function versions(tools) {
  const r = spawnSync(tools.node24, [tools.codeServerEntry, '--version'], { encoding: 'utf8', env: { ...process.env, HOME: os.tmpdir() } });
  const m = /^(\S+)\s+(\S+)\s+with Code\s+(\S+)/m.exec(r.stdout || '');
  return m ? { codeServer: m[1], commit: m[2], vscode: m[3] } : { codeServer: '?', commit: '?', vscode: '?' };
}

/** Install a packaged .vsix into the profile's extensions dir (code-server cannot install a folder). */
export function installVsix(tools, profile, vsix) {
  const r = spawnSync(tools.node24, [tools.codeServerEntry, ...baseArgs(profile), '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: envFor(profile, tools), timeout: 120000 });
  if (r.status !== 0 || /failed|error/i.test(r.stderr || '')) {
    throw new Error(`code-server --install-extension ${vsix} failed (${r.status}): ${r.stdout}${r.stderr}`);
  }
  return (r.stdout || '').trim();
}

/**
 * Start code-server. Resolves to { port, base, proc, stop(), logText() } once it listens.
 * opts: { port = 0, smokeTestDriver = true, env = {}, onLine }
 */
export function startCodeServer(tools, profile, opts = {}) {
  const { port = 0, smokeTestDriver = true, env = {}, onLine } = opts;
  const args = [tools.codeServerEntry, ...baseArgs(profile),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened'];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logStream = fs.createWriteStream(profile.log);
  const proc = spawn(tools.node24, args, { env: envFor(profile, tools, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  let exited = null;
  const exitPromise = new Promise((resolve) => proc.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const s = chunk.toString();
      log += s;
      logStream.write(s);
      if (onLine) for (const line of s.split('\n')) if (line.trim()) onLine(line);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(log);
      if (m) resolve({ port: Number(m[2]), base: m[1] });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('error', reject);
    exitPromise.then((e) => reject(new Error(`code-server exited (${e.code ?? e.signal}) before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${log}`)), 60000).unref();
  });
  async function stop() {
    if (exited) return;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
    const t = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exitPromise;
    clearTimeout(t);
    // its children (extension host, file watcher) need a moment after the parent
    try { process.kill(-proc.pid, 0); await new Promise((r) => setTimeout(r, 3000)); process.kill(-proc.pid, 'SIGKILL'); } catch { /* all gone */ }
    logStream.end();
  }
  return ready.then((r) => ({ ...r, proc, stop, logText: () => log, exited: () => exited }));
}

/** The workbench URL that opens `folder` and, via the smoke-test payload, loads an extension under development. */
export function workbenchUrl(base, { folder, extensionDevelopmentPath, extensionTestsPath, extensionEnvironment } = {}) {
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`);
  const payload = [];
  const remote = (p) => `vscode-remote://remote${p.split(path.sep).map(encodeURIComponent).join('/')}`;
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(extensionEnvironment)]);
  if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return base + (q.length ? `?${q.join('&')}` : '');
}

/** Launch Debian's Chromium through playwright-core. */
export async function launchChromium(playwright, tools, { headless = true } = {}) {
  return playwright.chromium.launch({
    executablePath: fs.existsSync('/usr/lib/chromium/chromium') && tools.chromium === '/usr/bin/chromium' ? '/usr/lib/chromium/chromium' : tools.chromium,
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export function chromiumVersion(tools) {
  const r = spawnSync(tools.chromium, ['--version'], { encoding: 'utf8' });
  return (r.stdout || '').trim();
}
