/**
 * Workspace symbols: every heading and question of every corpus file (`.txt`, mostly Chinese) in
 * the workspace folders. The index is built in the background after start-up (with work-done
 * progress), kept current from open documents and from file events, and searched by characters
 * (in order, gaps allowed) or by pinyin initials (`stwmjs` → 生态文明建设).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureModule, ServerContext } from '../context';
import { TextModel } from '../core/text';
import { isMostlyChinese } from '../core/cjk';
import { buildOutline, type OutlineSymbol, type SymbolKind as Kind } from '../outline/outline';
import { initialsSeq, matchesInitials } from '../outline/pinyin';
import { t, msg } from '../l10n';
import { KIND } from './symbols';
import { toRange } from './convert';
import { listCorpusFiles, readCorpusFile } from './corpusFiles';

interface Indexed {
  name: string;
  /** the name without spaces, for matching */
  key: string;
  kind: Kind;
  range: Range;
  container?: string;
  seq?: string[];
}

const INDEXED_KINDS = new Set<Kind>(['title', 'heading', 'headline', 'numbered', 'leadin', 'question']);
const MAX_FILES = 20_000;
const MAX_RESULTS = 1000;
/** how long after the user's last action the background index resumes (ms) */
const QUIET_MS = 500;

/**
 * A copy of a string that does not keep alive the text it was cut from. V8 makes a slice of 13 or more
 * characters a view of its parent: a heading kept in the index kept its whole file's text in memory
 * (31 MB for the index of the 37 MB bench corpus; about 6 MB with copies).
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The symbols of a text worth finding across the workspace (kept for long: their strings are copies). */
export function indexText(text: string): Indexed[] {
  const model = new TextModel(text);
  const out: Indexed[] = [];
  const walk = (s: OutlineSymbol, container?: string) => {
    const name = s.name && own(s.name);
    if (INDEXED_KINDS.has(s.kind) && name) out.push({ name, key: name.replace(/\s+/g, ''), kind: s.kind, range: toRange(model, s.selStart, s.selEnd), container });
    for (const c of s.children) walk(c, s.kind === 'toc' ? container : name);
  };
  for (const s of buildOutline(model)) walk(s);
  return out;
}

/** Match score of a symbol for a query (lower is better), or undefined. */
export function score(sym: Indexed, query: string): { score: number; viaInitials?: string } | undefined {
  const q = query.replace(/\s+/g, '');
  if (!q) return { score: 3 };
  const key = sym.key;
  const lowerKey = key.toLowerCase();
  const lq = q.toLowerCase();
  const i = lowerKey.indexOf(lq);
  if (i === 0) return { score: 0 };
  if (i > 0) return { score: 1 };
  // characters in order
  let k = 0;
  for (let j = 0; j < lowerKey.length && k < lq.length; j++) if (lowerKey[j] === lq[k]) k++;
  if (k === lq.length) return { score: 2 };
  if (/^[a-z0-9]+$/i.test(q)) {
    sym.seq ??= initialsSeq(key);
    if (matchesInitials(sym.seq, lq)) return { score: 4, viaInitials: sym.seq.map((x) => x[0] ?? '').join('') };
  }
  return undefined;
}

/** Search an index; names matched by initials carry them, so that the editor's own filter keeps them. */
export function search(files: Map<string, Indexed[]>, query: string, limit = MAX_RESULTS): SymbolInformation[] {
  const hits: { s: Indexed; uri: string; score: number; name: string }[] = [];
  for (const [uri, syms] of files)
    for (const s of syms) {
      const m = score(s, query);
      if (!m) continue;
      let name = s.name;
      if (m.viaInitials !== undefined) {
        const lq = query.replace(/\s+/g, '').toLowerCase();
        let k = 0;
        for (const c of m.viaInitials) if (c === lq[k]) k++;
        name = `${s.name} ‹${k === lq.length ? m.viaInitials : lq}›`;
      }
      hits.push({ s, uri, score: m.score, name });
    }
  hits.sort((a, b) => a.score - b.score || a.s.key.length - b.s.key.length);
  return hits.slice(0, limit).map((h) => ({ name: h.name, kind: KIND[h.s.kind], location: { uri: h.uri, range: h.s.range }, containerName: h.s.container }));
}

export const register: FeatureModule = (ctx: ServerContext) => {
  const { connection, documents, service } = ctx;
  const files = new Map<string, Indexed[]>();
  let indexing: Promise<void> | undefined;
  const timers = new Map<string, NodeJS.Timeout>();

  const indexFile = async (file: string): Promise<void> => {
    const uri = pathToFileURL(file).href;
    if (documents.get(uri)) return; // open documents are indexed from the editor's text
    const text = await readCorpusFile(file);
    if (text !== undefined && isMostlyChinese(text)) files.set(uri, indexText(text));
    else files.delete(uri);
  };

  // The index is background work: after each file it lets requests through, and while the user is
  // busy (typing, hovering) it waits, so that a large corpus being indexed never slows the editor down.
  const giveWay = async (): Promise<void> => {
    await new Promise((r) => setImmediate(r));
    while (ctx.idleFor() < QUIET_MS) await new Promise((r) => setTimeout(r, QUIET_MS - ctx.idleFor() + 1));
  };

  const indexAll = async (): Promise<void> => {
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const title = t(msg('Tifa：索引工作区标题', 'Tifa: indexing workspace headings'), service.locale);
    progress?.begin(title, 0, undefined, false);
    try {
      const list = await listCorpusFiles(ctx.workspaceFolders(), MAX_FILES);
      for (let i = 0; i < list.length; i++) {
        await indexFile(list[i]);
        if (i % 10 === 9) progress?.report(Math.round(((i + 1) * 100) / list.length), `${i + 1}/${list.length}`);
        await giveWay();
      }
      for (const d of documents.all()) indexDoc(d);
    } finally {
      progress?.done();
    }
  };

  const start = (): Promise<void> => (indexing ??= indexAll().catch((e) => connection.console.error(`tifa: workspace index failed: ${String(e)}`)));

  const indexDoc = (doc: TextDocument) => {
    const text = doc.getText();
    if (doc.languageId === 'policytext' || isMostlyChinese(text)) files.set(doc.uri, indexText(text));
  };
  const schedule = (doc: TextDocument) => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const d = documents.get(doc.uri);
        if (!d) return;
        if (ctx.idleFor() < 300) schedule(d); // the user is busy: later
        else indexDoc(d);
      }, 300),
    );
  };

  /** index now the open documents still waiting for a pause */
  const flush = () => {
    for (const [uri, tm] of timers) {
      clearTimeout(tm);
      timers.delete(uri);
      const d = documents.get(uri);
      if (d) indexDoc(d);
    }
  };

  ctx.onReady(() => void start());
  // an opened or edited document is indexed once the user pauses (an opened one too: not before its
  // diagnostics); a search indexes the waiting ones at once. onDidChangeContent also fires on open.
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    if (e.document.uri.startsWith('file:')) void indexFile(fileURLToPath(e.document.uri));
    else files.delete(e.document.uri);
  });
  ctx.onWatchedFilesChanged(async (changes) => {
    for (const c of changes) {
      if (!c.uri.startsWith('file:') || !c.uri.toLowerCase().endsWith('.txt')) continue;
      if (c.type === FileChangeType.Deleted) {
        if (!documents.get(c.uri)) files.delete(c.uri);
      } else await indexFile(fileURLToPath(c.uri));
    }
  });

  connection.onWorkspaceSymbol(async (p, token) => {
    const done = start();
    // wait for the first index a little; answer with what there is after that
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    if (token.isCancellationRequested) return [];
    flush();
    return search(files, p.query ?? '');
  });

  return { workspaceSymbolProvider: true };
};
