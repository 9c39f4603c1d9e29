import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, LspClient, positionOf } from './lsp.mjs';

test('without nodejieba the server still starts, answers, warns, and matches short slogans in quotes', async () => {
  // a copy of the built server with nodejieba (binary and dictionaries) missing
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-nojieba-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'dist'))) if (f.endsWith('.js')) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dir, f));
  fs.cpSync(path.join(ROOT, 'dist', 'data'), path.join(dir, 'data'), { recursive: true });
  const lsp = new LspClient({ serverPath: path.join(dir, 'server.js'), cwd: dir });
  try {
    await lsp.initialize();
    const status = await lsp.waitFor((m) => m.method === 'tifa/status' && m.params.segmenter === 'failed');
    assert.equal(status.params.segmenter, 'failed');
    const warn = await lsp.waitFor((m) => m.method === 'window/logMessage' && /segmentation unavailable/.test(m.params.message));
    assert.ok(warn);
    const uri = 'file:///tmp/tifa-test/nojieba.txt';
    const text = '学习“七一”重要讲话，增强“四个意识”，学习七一讲话。\n';
    lsp.open(uri, text);
    const diags = await lsp.diagnostics(uri);
    assert.ok(Array.isArray(diags));
    const h = await lsp.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '七一', 1) });
    assert.ok(h, 'a quoted short slogan still hovers');
    const h2 = await lsp.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '七一讲话', 1) });
    assert.equal(h2, null, 'a bare short slogan needs segmentation, so it is not claimed');
    const h3 = await lsp.request('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '四个意识', 1) });
    assert.ok(h3);
  } finally {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
