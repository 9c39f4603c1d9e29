/**
 * Suppression: “Ignore this finding” stores the finding in `.tifa/ignore.json` of its workspace folder
 * (keyed by rule, file and surrounding text, so it survives edits elsewhere); the list reloads when the
 * file changes on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureModule } from '../context';
import { IgnoreList, contextOf, IGNORE_FILE } from '../core/ignore';

export const register: FeatureModule = (ctx) => {
  const { service, documents } = ctx;

  /** each folder's ignore file as last read or written ('' for none): a change seen twice (by the client's watcher and the server's) reloads once */
  const texts = new Map<string, string>();

  /** Read each folder's list; true when one differs from what was read or written before. */
  function load(): boolean {
    let changed = false;
    for (const folder of ctx.workspaceFolders()) {
      let text = '';
      try {
        text = fs.readFileSync(path.join(folder, IGNORE_FILE), 'utf8');
      } catch {
        /* no ignore file */
      }
      if (texts.get(folder) === text && service.ignores.has(folder)) continue;
      texts.set(folder, text);
      service.ignores.set(folder, IgnoreList.parse(text));
      changed = true;
    }
    return changed;
  }

  const reload = () => {
    if (!load()) return;
    service.invalidate();
    ctx.revalidateAll();
  };

  ctx.onReady(reload);
  // the client's file watcher and the server's own watch of `.tifa/` (features/tifaFolder.ts)
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
    const serialized = list.serialize();
    fs.writeFileSync(file, serialized);
    texts.set(where.folder, serialized);
    service.ignores.set(where.folder, list);
    service.invalidate();
    ctx.revalidateAll();
    return { ignored: true };
  });

  return {};
};
