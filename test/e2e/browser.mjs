#!/usr/bin/env node
// Browser checks: the packaged extension (tifa.vsix, installed with code-server --install-extension)
// in code-server, driven as a person would with playwright-core + Debian's Chromium: hover card,
// Outline view, Problems panel, lightbulb quick fix. Each check saves a screenshot into
// test/e2e/artifacts/ (gitignored).
// Env: TIFA_E2E_VSIX (default <repo>/tifa.vsix), TIFA_E2E_NEGATIVE=1 (hover expects a wrong member),
// TIFA_E2E_HEADED=1 (needs a display), TIFA_E2E_KEEP=1 (keep the temp profile).
// Exit: 0 all passed, 1 a check failed, 3 the platform cannot provision.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provision, UnsupportedPlatformError, EXIT_UNSUPPORTED } from '../../scripts/provision.mjs';
import { REPO, requireDep } from './lib/deps.mjs';
import { makeProfile, writeUserSettings, startCodeServer, installVsix, workbenchUrl, launchChromium, versions } from './lib/codeserver.mjs';
import { checkRunner, assert } from './lib/checks.mjs';
import { gbBytes } from '../protocol/lsp.mjs';

const ART = path.join(REPO, 'test', 'e2e', 'artifacts');
const FIXTURES = path.join(REPO, 'test', 'e2e', 'fixtures');
const NEGATIVE = !!process.env.TIFA_E2E_NEGATIVE;
const MOD = 'Control';

export async function runBrowserChecks() {
  let tools;
  try { tools = provision(); } catch (e) {
    if (e instanceof UnsupportedPlatformError) { console.log(`[browser] cannot provision: ${e.message}`); return EXIT_UNSUPPORTED; }
    throw e;
  }
  const vsix = path.resolve(process.env.TIFA_E2E_VSIX || path.join(REPO, 'tifa.vsix'));
  const r = checkRunner('browser');
  if (!fs.existsSync(vsix)) {
    await r.check('the packaged extension exists', () => assert(false, `${vsix} is missing: run \`npm run package\` first`));
    return r.finish();
  }
  const playwright = requireDep('playwright-core');
  fs.mkdirSync(ART, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-browser-'));
  const profile = makeProfile(root);
  // a copy of the fixtures, so that nothing a check does can touch the repo
  const ws = path.join(root, 'workspace');
  fs.cpSync(FIXTURES, ws, { recursive: true });
  // a government notice in GB18030 (our own text), which VS Code opens as UTF-8
  fs.writeFileSync(path.join(ws, 'gb-notice.txt'), gbBytes('关于加强基层治理的通知\r\n各单位要求自 己严格落实，切实做好各项工作。\r\n'));
  writeUserSettings(profile, {
    'workbench.startupEditor': 'none',
    'files.autoSave': 'off', // VS Code for the Web saves after a delay by default
    'workbench.tips.enabled': false,
    'workbench.editor.enablePreview': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 150,
    'editor.minimap.enabled': false,
    'editor.fontSize': 16,
    'editor.wordWrap': 'on',
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  });

  const t0 = Date.now();
  let server; let browser;
  try {
    const installed = installVsix(tools, profile, vsix);
    console.log(`[browser] ${installed.split('\n').pop()} (${path.basename(vsix)}, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
    const v = versions(tools);
    server = await startCodeServer(tools, profile, { smokeTestDriver: false });
    console.log(`[browser] VS Code ${v.vscode} (code-server ${v.codeServer}) at ${server.base}`);
    browser = await launchChromium(playwright, tools, { headless: !process.env.TIFA_E2E_HEADED });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(30000);
    await page.goto(workbenchUrl(server.base, { folder: ws }));
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    const shot = (name) => page.screenshot({ path: path.join(ART, name) });
    let n = 0;
    const check = r.check;
    r.check = async (title, fn) => {
      const i = String(++n).padStart(2, '0');
      return check(title, async () => {
        try { await fn(); } catch (e) {
          await page.screenshot({ path: path.join(ART, `FAILED-${i}-${title.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 40)}.png`) }).catch(() => {});
          throw e;
        }
      });
    };

    await r.check('the workbench opens the fixtures with Tifa installed', async () => {
      await openFile(page, 'interview.txt');
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Policy Text/.test(e.textContent)), null, { timeout: 30000 });
      await shot('01-language-policytext.png');
    });

    await r.check('hover on 四个意识 shows a card with its four members', async () => {
      await waitEditorText(page, '四个意识');
      const box = await textBox(page, '四个意识');
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 3 });
      const hover = page.locator('.monaco-hover:visible').filter({ hasText: '政治意识' }).first();
      await hover.waitFor({ state: 'visible', timeout: 20000 });
      const text = await hover.innerText();
      await shot('02-hover-四个意识.png');
      const members = ['政治意识', '大局意识', '核心意识', '看齐意识', ...(NEGATIVE ? ['经济意识'] : [])];
      for (const m of members) assert(text.includes(m), `hover card lists ${m}: ${JSON.stringify(text.slice(0, 200))}`);
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
    });

    await r.check('the Outline view lists the questions', async () => {
      await openFile(page, 'interview.txt');
      await openOutline(page);
      const pane = page.locator('.outline-pane');
      await pane.waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const t = document.querySelector('.outline-pane')?.innerText || '';
        return t.includes('总体考虑') && t.includes('教育培训') && t.includes('具体安排');
      }, null, { timeout: 20000 }).catch(() => {});
      const text = await pane.innerText();
      await shot('03-outline-questions.png');
      for (const q of ['总体考虑', '教育培训', '具体安排']) assert(text.includes(q), `outline lists the question about ${q}: ${JSON.stringify(text.slice(0, 300))}`);
    });

    await r.check('the Problems panel lists the OCR findings', async () => {
      await openFile(page, 'ocr-page.txt');
      await waitEditorText(page, '上接第2版');
      await page.keyboard.press(`${MOD}+Shift+M`);
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible' });
      await page.waitForFunction(() => {
        const t = document.querySelector('.markers-panel')?.innerText || '';
        return ['cjk-space', 'page-marker', 'markup-residue'].every((c) => t.includes(c));
      }, null, { timeout: 30000 }).catch(() => {});
      const text = await panel.innerText();
      await shot('04-problems-panel.png');
      for (const c of ['cjk-space', 'page-marker', 'markup-residue']) assert(text.includes(c), `Problems lists ${c}: ${JSON.stringify(text.slice(0, 400))}`);
      assert(/tifa/.test(text), 'findings are attributed to tifa');
    });

    await r.check('a lightbulb quick fix turns 自 己 into 自己', async () => {
      await page.keyboard.press(`${MOD}+J`); // hide the panel again
      await focusEditor(page);
      const box = await textBox(page, '自\u00a0己', '自 己');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const bulb = page.locator('.lightBulbWidget .codicon, .lightBulbWidget').first();
      let how = 'lightbulb';
      try {
        await bulb.waitFor({ state: 'visible', timeout: 10000 });
        await shot('05-lightbulb.png');
        await bulb.click();
      } catch {
        how = 'Ctrl+.';
        await page.keyboard.press(`${MOD}+Period`);
      }
      const menu = page.locator('.action-widget').first();
      await menu.waitFor({ state: 'visible', timeout: 10000 });
      const items = await page.locator('.action-widget .monaco-list-row.action').allInnerTexts();
      console.log(`      (${how}) quick fixes offered: ${JSON.stringify(items)}`);
      await shot('06-quickfix-menu.png');
      let idx = items.findIndex((t) => /空格|space/i.test(t));
      if (idx < 0) idx = 0;
      const problemsBefore = await statusProblems(page);
      await page.locator('.action-widget .monaco-list-row.action').nth(idx).click();
      await page.waitForFunction(() => [...document.querySelectorAll('.view-line')].some((l) => l.textContent.includes('自己做起')), null, { timeout: 10000 });
      const lines = await editorLines(page);
      // the finding goes away once the server has re-checked the edited text
      await page.waitForFunction((b) => {
        const el = document.querySelector('[id="status.problems"]');
        return el && el.textContent !== b;
      }, problemsBefore, { timeout: 10000 }).catch(() => {});
      const problemsAfter = await statusProblems(page);
      await shot('07-quickfix-applied.png');
      assert(problemsAfter !== problemsBefore, `the Problems count changed after the fix (${problemsBefore} → ${problemsAfter})`);
      assert(lines.some((l) => l.includes('坚持从自己做起')), 'the line now reads 自己');
      assert(!lines.some((l) => l.includes('自 己')), 'no 自 己 left');
      assert(lines.some((l) => l.includes('上接第2版')), 'the rest of the page is untouched');
    });

    await r.check('Tifa: Clean Up Document previews the safe fixes, and applying them cleans the page', async () => {
      await runCommand(page, 'File: Revert File'); // undo the lightbulb fix above
      await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes('自 己')), null, { timeout: 10000 });
      await runCommand(page, 'Tifa: Clean Up Document');
      const preview = page.locator('.bulk-edit-panel');
      await preview.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 15000 });
      const rows = await preview.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      console.log(`      preview: ${JSON.stringify(rows)}`);
      await shot('10-cleanup-preview.png');
      // the file's checkbox (un)checks all its changes; changes that "need confirmation" start unchecked
      const fileBox = preview.locator('.monaco-list-row[aria-level="1"] .edit-checkbox').first();
      if ((await fileBox.getAttribute('aria-checked')) !== 'true') await fileBox.click();
      await preview.locator('.monaco-button').filter({ hasText: /^Apply$/ }).first().click();
      await page.waitForFunction(() => ![...document.querySelectorAll('.editor-instance .view-line')].some((l) => l.textContent.includes('<p>')), null, { timeout: 10000 });
      const lines = await editorLines(page);
      await shot('11-cleanup-applied.png');
      const text = lines.join('\n');
      for (const bad of ['自 己', '<p>', '&nbsp;']) assert(!text.includes(bad), `removed ${bad}`);
      for (const s2 of ['坚持从自己做起', '掌握第一手情况。', '营造干事创业的良好氛围。']) assert(text.includes(s2), `kept ${s2}`);
      // what is left in the Problems panel for this page: only the page marker (its fix is not a safe one)
      await page.waitForTimeout(1500);
      await page.keyboard.press(`${MOD}+Shift+M`);
      await page.locator('.markers-panel').waitFor({ state: 'visible' });
      await page.waitForTimeout(500);
      const left = problemsOf(await page.locator('.markers-panel').innerText(), 'ocr-page.txt');
      await shot('12-cleanup-problems-left.png');
      assert(left.every((l) => /page-marker/.test(l)), `findings left after the clean-up: ${JSON.stringify(left)}`);
    });

    await r.check('typing “四个 opens the completion list of slogans; accepting 四个自信 closes the quotation', async () => {
      await openFile(page, 'draft.txt');
      await waitEditorText(page, '暖心驿站');
      await focusEditor(page);
      await page.keyboard.press(`${MOD}+End`);
      await page.keyboard.press('Enter');
      await page.keyboard.type('我们要坚定“四个', { delay: 40 });
      const widget = page.locator('.suggest-widget.visible');
      await widget.waitFor({ state: 'visible', timeout: 15000 });
      await page.waitForFunction(() => /四个自信/.test(document.querySelector('.suggest-widget.visible')?.innerText || ''), null, { timeout: 10000 }).catch(() => {});
      const rows = await widget.locator('.monaco-list-row').allInnerTexts();
      console.log(`      completion rows: ${JSON.stringify(rows.map((t) => t.replace(/\s+/g, ' ')).slice(0, 8))}`);
      const items = rows.map((t) => t.split('\n')[0].trim());
      assert(items.includes('四个自信') && items.includes('四个意识'), `the list offers 四个自信 and 四个意识: ${JSON.stringify(items)}`);
      assert(items.every((t) => t.startsWith('四个') || t.includes('四个')), `only slogans with 四个: ${JSON.stringify(items)}`);
      // select 四个自信 and show its documentation beside the list
      for (let k = 0; k < 20 && !/四个自信/.test(await widget.locator('.monaco-list-row.focused').innerText().catch(() => '')); k++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press(`${MOD}+Space`); // toggle details
      await page.locator('.suggest-details-container .suggest-details').filter({ hasText: '道路自信' }).first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      await shot('13-completion-四个.png');
      const details = await page.locator('.suggest-details-container').innerText().catch(() => '');
      assert(/道路自信/.test(details), `the details show the entry: ${JSON.stringify(details.slice(0, 200))}`);
      await page.keyboard.press('Enter');
      await waitEditorText(page, '我们要坚定“四个自信”');
      await shot('14-completion-accepted.png');
      const lines = await editorLines(page);
      assert(lines.some((l) => l.trim() === '我们要坚定“四个自信”'), `the line reads 我们要坚定“四个自信”: ${JSON.stringify(lines.slice(-3))}`);
      await runCommand(page, 'File: Revert File');
      await page.waitForFunction(() => ![...document.querySelectorAll('.editor-instance .view-line')].some((l) => l.textContent.includes('我们要坚定')), null, { timeout: 10000 });
    });

    await r.check('F12 on 四个意识 opens its glossary entry', async () => {
      await openFile(page, 'interview.txt');
      await waitEditorText(page, '四个意识');
      const box = await textBox(page, '四个意识');
      await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.keyboard.press('F12');
      await page.locator('.tab.active').filter({ hasText: '四个意识' }).waitFor({ state: 'visible', timeout: 15000 });
      await waitEditorText(page, '看齐意识');
      await shot('15-definition-glossary-entry.png');
      const text = (await editorLines(page)).join('\n');
      for (const m of ['四个意识', '政治意识', '大局意识', '核心意识', '看齐意识']) assert(text.includes(m), `the entry shows ${m}: ${JSON.stringify(text.slice(0, 200))}`);
      await page.keyboard.press(`${MOD}+W`);
    });

    await r.check('a GB18030 file opened as UTF-8: Tifa offers to reopen it in GB18030, and the button does', async () => {
      await openFile(page, 'gb-notice.txt');
      const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'GB18030' }).first();
      await toast.waitFor({ state: 'visible', timeout: 20000 });
      await shot('16-gb18030-offer.png');
      await toast.locator('.monaco-button').filter({ hasText: 'Reopen as GB18030' }).first().click();
      await waitEditorText(page, '各单位要求自 己严格落实');
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /GB\s?18030/.test(e.textContent)), null, { timeout: 15000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Policy Text/.test(e.textContent)), null, { timeout: 15000 });
      await shot('17-gb18030-reopened.png');
      const lines = await editorLines(page);
      assert(lines.some((l) => l.includes('关于加强基层治理的通知')) && !lines.join('').includes('\ufffd'), `the Chinese text, no replacement characters: ${JSON.stringify(lines.slice(0, 3))}`);
    });

    await r.check('an English .txt stays Plain Text', async () => {
      await openFile(page, 'notes-en.txt');
      await waitEditorText(page, 'Meeting notes');
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Plain Text/.test(e.textContent)), null, { timeout: 15000 });
      await shot('08-english-plaintext.png');
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.TIFA_E2E_KEEP) console.log(`[browser] kept ${root}`); else fs.rmSync(root, { recursive: true, force: true });
    console.log(`[browser] done in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(process.cwd(), ART) || ART}`);
  }
  return r.finish();
}

// ---- workbench helpers --------------------------------------------------------------------------
async function openFile(page, name) {
  await focusEditorArea(page);
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator('.tab.active').filter({ hasText: name }).waitFor({ state: 'visible' });
}

async function openOutline(page) {
  // the Outline section at the bottom of the Explorer: expand it as a user would (click its header)
  const header = page.locator('.pane-header').filter({ hasText: /^\s*Outline/ }).first();
  await header.waitFor({ state: 'visible' });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await page.locator('.outline-pane').waitFor({ state: 'visible' });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

async function focusEditorArea(page) {
  // make sure keyboard shortcuts go to the workbench and not to a leftover widget
  await page.keyboard.press('Escape');
}

async function focusEditor(page) {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
}

async function waitEditorText(page, text) {
  await page.waitForFunction((t) => [...document.querySelectorAll('.editor-instance .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').includes(t)), text, { timeout: 30000 });
}

/** The Problems panel's entries (message + source + code) for one file, from the panel's text. */
function problemsOf(panelText, file) {
  const lines = panelText.split('\n').map((l) => l.trim()).filter(Boolean);
  const out = [];
  let inFile = false;
  for (let i = 0; i < lines.length; i++) {
    if (/\.txt$/.test(lines[i])) { inFile = lines[i] === file; continue; }
    if (inFile && /^\[Ln \d+, Col \d+\]$/.test(lines[i])) out.push(lines.slice(Math.max(0, i - 3), i + 1).join(' '));
  }
  return out;
}

async function statusProblems(page) {
  return page.evaluate(() => document.querySelector('[id="status.problems"]')?.textContent ?? '');
}

async function editorLines(page) {
  return page.$$eval('.editor-instance .view-line', (ls) => ls.map((l) => l.textContent.replace(/\u00a0/g, ' ')));
}

/** The on-screen box of `text` inside the editor's rendered lines (spans may split it across tokens). */
async function textBox(page, ...candidates) {
  const box = await page.evaluate((cands) => {
    for (const line of document.querySelectorAll('.editor-instance .view-line')) {
      const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      const nodes = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
      for (const cand of cands) {
        const at = all.indexOf(cand);
        if (at < 0) continue;
        const locate = (off) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= off) return [nodes[i][0], off - nodes[i][1]]; return null; };
        const [sn, so] = locate(at);
        const [en, eo] = locate(at + cand.length - 1);
        const range = document.createRange();
        range.setStart(sn, so);
        range.setEnd(en, eo + 1);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return null;
  }, candidates);
  assert(box && box.width > 0, `text ${candidates[0]} is on screen`);
  return box;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runBrowserChecks().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
}
