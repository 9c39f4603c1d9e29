#!/usr/bin/env node
// `npm start` as a new user meets it (the code-server path): scripts/start.mjs prints a URL; that URL,
// opened in Chromium, shows samples/ with the extension under development loaded (a Chinese sample is
// switched to Policy Text and gets findings); Ctrl+C stops it and its children.
// Exit: 0 pass, 1 fail, 3 cannot provision.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { provision, UnsupportedPlatformError, EXIT_UNSUPPORTED } from '../../scripts/provision.mjs';
import { REPO, requireDep } from './lib/deps.mjs';
import { launchChromium } from './lib/codeserver.mjs';
import { checkRunner, assert } from './lib/checks.mjs';

const ART = path.join(REPO, 'test', 'e2e', 'artifacts');

export async function runStartCheck() {
  let tools;
  try { tools = provision(); } catch (e) {
    if (e instanceof UnsupportedPlatformError) { console.log(`[start] cannot provision: ${e.message}`); return EXIT_UNSUPPORTED; }
    throw e;
  }
  const playwright = requireDep('playwright-core');
  fs.mkdirSync(ART, { recursive: true });
  const r = checkRunner('npm start');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-start-'));
  const proc = spawn(process.execPath, [path.join(REPO, 'scripts', 'start.mjs')], {
    cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TIFA_START_MODE: 'code-server', TIFA_PORT: '0', TIFA_START_PROFILE: profile },
  });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => proc.on('exit', (c, s) => resolve(c ?? s)));
  let url; let browser;
  try {
    await r.check('scripts/start.mjs serves VS Code and prints the URL', async () => {
      const t0 = Date.now();
      while (!(url = (/(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out) || [])[1])) {
        if (Date.now() - t0 > 60000) throw new Error(`no URL within 60 s:\n${out}`);
        await new Promise((res) => setTimeout(res, 200));
      }
      assert(url.includes('payload='), 'the URL loads the extension under development');
    });
    if (!url) return r.finish();

    await r.check('the URL opens samples/ with Tifa under development active', async () => {
      const sample = fs.readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.txt') && f !== 'notes-en.txt')
        .find((f) => /[\u4e00-\u9fff]/.test(fs.readFileSync(path.join(REPO, 'samples', f), 'utf8')));
      assert(sample, 'samples/ holds a Chinese .txt');
      browser = await launchChromium(playwright, tools);
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(url);
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(sample);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: sample }).first().click();
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Policy Text/.test(e.textContent)), null, { timeout: 30000 });
      await page.waitForFunction(() => {
        const el = document.querySelector('[id="status.problems"]');
        return el && /[1-9]/.test(el.textContent);
      }, null, { timeout: 30000 }).catch(() => {});
      await page.screenshot({ path: path.join(ART, '09-npm-start-sample.png') });
      const problems = await page.evaluate(() => document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') || document.querySelector('[id="status.problems"]')?.textContent);
      console.log(`      ${sample}: ${problems}`);
    });

    await r.check('Ctrl+C stops code-server and its children', async () => {
      if (browser) await browser.close().catch(() => {});
      browser = undefined;
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(url)[1]);
      proc.kill('SIGINT');
      const code = await Promise.race([exited, new Promise((res) => setTimeout(() => res('timeout'), 20000))]);
      assert(code === 0, `start.mjs exited with ${code}`);
      const open = await new Promise((res) => { const s = net.connect(port, '127.0.0.1'); s.on('connect', () => { s.destroy(); res(true); }); s.on('error', () => res(false)); });
      assert(!open, `port ${port} still open`);
      let alive = false;
      try { process.kill(-proc.pid, 0); alive = true; } catch { /* group gone */ }
      assert(!alive, 'processes of start.mjs are left over');
      await new Promise((res) => setTimeout(res, 500));
      const left = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
        try { return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(profile); } catch { return false; }
      });
      assert(left.length === 0, `processes using the profile are left over: ${left.join(' ')}`);
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return r.finish();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runStartCheck().then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
}
