/**
 * Suppression: “Ignore this finding” stores the finding in `.tifa/ignore.json` of its workspace folder
 * (keyed by rule, file and surrounding text, so it survives edits elsewhere); the list reloads when the
 * file changes on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureModule } from '../context';
import { IgnoreList, contextOf } from '../core/ignore';

export const IGNORE_FILE = path.join('.tifa', 'ignore.json');

export const register: FeatureModule = (ctx) => {
  const { service, documents } = ctx;

  function load(): void {
    service.ignores.clear();
    for (const folder of ctx.workspaceFolders()) {
      const file = path.join(folder, IGNORE_FILE);
      let list = new IgnoreList();
      try {
        list = IgnoreList.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        /* no ignore file */
      }
      service.ignores.set(folder, list);
    }
    service.invalidate();
  }

  const reload = () => {
    load();
    ctx.revalidateAll();
  };

  // The client's file watcher is the main signal. The server also watches each `.tifa` folder itself
  // (as for the glossaries): an ignore list deleted or edited while the editor's watcher lags, or by
  // another program, still takes effect; the e2e suite saw the client's event not come within 15 s.
  const watchers = new Map<string, fs.FSWatcher>();
  let pending: NodeJS.Timeout | undefined;
  const watch = (folder: string) => {
    if (watchers.has(folder)) return;
    try {
      const w = fs.watch(path.join(folder, path.dirname(IGNORE_FILE)), { persistent: false }, (_e, name) => {
        if (name && String(name) !== path.basename(IGNORE_FILE)) return;
        if (pending) clearTimeout(pending);
        pending = setTimeout(reload, 150);
      });
      w.on('error', () => {
        w.close();
        watchers.delete(folder);
      });
      watchers.set(folder, w);
    } catch {
      /* no .tifa folder yet: watched once the first finding is ignored */
    }
  };

  ctx.onReady(() => {
    for (const folder of ctx.workspaceFolders()) watch(folder);
    reload();
  });
  ctx.onWatchedFilesChanged((changes) => {
    if (changes.some((c) => c.uri.startsWith('file:') && fileURLToPath(c.uri).endsWith(IGNORE_FILE))) reload();
  });

  ctx.registerCommand('tifa.server.ignoreFinding', async (args) => {
    const [uri, ruleId, start, end] = args as [string, string, number, number];
    const doc = documents.get(uri);
    const where = service.locate(uri);
    if (!doc || !where) return { ignored: false };
    const text = doc.getText();
    const entry = { file: where.file, rule: ruleId, context: contextOf(text, { start, end }) };
    const list = (service.ignores.get(where.folder) ?? new IgnoreList()).with(entry);
    const file = path.join(where.folder, IGNORE_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, list.serialize());
    watch(where.folder);
    service.ignores.set(where.folder, list);
    service.invalidate();
    ctx.revalidateAll();
    return { ignored: true };
  });

  return {};
};
