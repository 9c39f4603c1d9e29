// A small LSP client over stdio for protocol tests: it starts dist/server.js as an editor would and
// speaks JSON-RPC with Content-Length framing. No library, so the tests see the wire as it is.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import gb from '../gb-bytes.cjs';
const { gbBytes, big5Bytes } = gb;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/** The seed file whose name starts with a prefix (000, 001, …), or undefined when ../shared is absent. */
export function seed(prefix) {
  if (!fs.existsSync(SEEDS)) return undefined;
  const f = fs.readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  return f ? path.join(SEEDS, f) : undefined;
}

export const NO_SEEDS = fs.existsSync(SEEDS) ? false : 'the seed corpora (../shared/seeds) are absent on this machine';

export class LspClient {
  constructor({ settings = {}, env = {}, args = ['--stdio'], serverPath = SERVER, cwd = undefined } = {}) {
    this.settings = settings;
    this.proc = spawn(process.execPath, [serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env }, cwd });
    this.resetReader();
    this.seq = 0;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.stderr = '';
    this.requestsFromServer = [];
    this.exited = new Promise((r) => this.proc.on('exit', (code, signal) => r({ code, signal })));
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdout.on('data', (d) => this.onData(d));
  }

  resetReader() {
    this.chunks = [];
    this.received = 0;
    this.need = 0;
  }

  /**
   * Messages from the server's output. A large one (the diagnostics of a 1 MB document) comes in many
   * pieces: they are kept as they come and joined once, when the whole message is there, as an editor's
   * reader does, so that the client's own work stays out of the latencies it measures.
   */
  onData(d) {
    this.chunks.push(d);
    this.received += d.length;
    if (this.received < this.need) return;
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
    this.need = 0;
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) break;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString('ascii'));
      const end = sep + 4 + Number(m[1]);
      if (buf.length < end) {
        this.need = end;
        break;
      }
      const body = JSON.parse(buf.subarray(sep + 4, end).toString('utf8'));
      buf = buf.subarray(end);
      this.dispatch(body);
    }
    this.chunks = buf.length ? [buf] : [];
    this.received = buf.length;
  }

  dispatch(msg) {
    if (msg.id !== undefined && msg.method) {
      // a request from the server
      this.requestsFromServer.push(msg);
      let result = null;
      if (msg.method === 'workspace/configuration') result = msg.params.items.map((it) => (it.section === 'tifa' ? this.settings : null));
      else if (msg.method === 'workspace/applyEdit') {
        this.appliedEdits = [...(this.appliedEdits ?? []), msg.params.edit];
        result = { applied: true };
      }
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      this.notifications.push(msg);
      for (const w of [...this.waiters]) if (w.pred(msg)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p.resolve(msg.result);
    } else {
      this.notifications.push(msg);
      for (const w of [...this.waiters]) if (w.pred(msg)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  }

  write(obj) {
    const s = Buffer.from(JSON.stringify(obj), 'utf8');
    // one write per message, as editors do: two would wake the server twice
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${s.length}\r\n\r\n`, 'ascii'), s]));
  }

  request(method, params, timeout = 20000) {
    const id = ++this.seq;
    this.write({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout waiting for ${method}; stderr: ${this.stderr.slice(-2000)}`)), timeout);
      this.pending.set(id, { resolve: (r) => (clearTimeout(t), resolve(r)), reject: (e) => (clearTimeout(t), reject(e)) });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Wait for a notification matching pred (already received ones count, newest first, unless `fresh`). */
  waitFor(pred, { timeout = 20000, fresh = false } = {}) {
    if (!fresh) {
      for (let i = this.notifications.length - 1; i >= 0; i--) if (pred(this.notifications[i])) return Promise.resolve(this.notifications[i]);
    }
    return new Promise((resolve, reject) => {
      const w = { pred, resolve: (m) => (clearTimeout(t), resolve(m)) };
      const t = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timeout waiting for a notification; stderr: ${this.stderr.slice(-2000)}`));
      }, timeout);
      this.waiters.push(w);
    });
  }

  async initialize({ locale = 'zh-cn', configuration = true, root = ROOT, progress = false } = {}) {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      locale,
      capabilities: {
        workspace: { configuration, applyEdit: true, workspaceEdit: { documentChanges: true } },
        ...(progress ? { window: { workDoneProgress: true } } : {}),
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
      },
    });
    this.notify('initialized', {});
    return res;
  }

  /** Wait until the server has loaded its word knowledge (dictionary and segmentation). */
  ready(timeout = 30000) {
    return this.waitFor((m) => m.method === 'tifa/status' && m.params.lexicon !== 'loading' && m.params.segmenter !== 'loading' && m.params.segmenter !== 'idle', { timeout });
  }

  open(uri, text, languageId = 'policytext') {
    this.versions = this.versions ?? new Map();
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri, contentChanges) {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges });
    return v;
  }

  /** Diagnostics published for a uri (at the given version, if any). */
  diagnostics(uri, { version, timeout, fresh } = {}) {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version), { timeout, fresh }).then((m) => m.params.diagnostics);
  }

  async stop() {
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(t);
  }
}

/** Position (line, character in UTF-16) of the first occurrence of `needle` in text, plus `delta` characters. */
export function positionOf(text, needle, delta = 0, from = 0) {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, i + delta);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Apply LSP TextEdits to a text. */
export function applyTextEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  for (const e of sorted) text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  return text;
}

/** GB18030 and Big5 bytes made independently of the product (test/gb-bytes.cjs) */
export { gbBytes, big5Bytes };
