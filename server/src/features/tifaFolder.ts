/**
 * The server's own watch on each workspace folder's `.tifa/` (the user glossary, the ignore list). The
 * client's file watcher is the main signal; this one covers what it misses: its events came late or not at
 * all under load (the e2e suite waited 15 s for one), and files written by another program (a `git pull`,
 * a script, a branch switched) must take effect too. Both kinds of event reach the features through the
 * same hook (`ServerContext.onWatchedFilesChanged`), so that each feature has one handler.
 *
 * `.tifa/` is watched where it exists; where it does not (not yet, or no longer: removed by a branch
 * switch), the workspace folder itself is watched until it appears. Changes are reported after a pause
 * (a program writes a file in several steps) as the paths of the JSON files concerned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { WORKSPACE_GLOSSARY } from '../glossary/user';
import { IGNORE_FILE } from '../core/ignore';

const TIFA_DIR = path.dirname(WORKSPACE_GLOSSARY);

/** Files the features read from `.tifa/` by name: reported whenever an event names no file. */
const KNOWN = [WORKSPACE_GLOSSARY, IGNORE_FILE].map((f) => path.basename(f));

export interface FolderWatch {
  close(): void;
}

/**
 * Watch `.tifa/` of each folder; `onChange` gets the changed JSON files' paths, `delay` ms after the
 * last event. Never throws: a folder that cannot be watched at all is left to the client's watcher.
 */
export function watchTifaFolders(folders: string[], onChange: (files: string[]) => void, delay = 150): FolderWatch {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const report = (file: string) => {
    changed.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const files = [...changed];
      changed.clear();
      onChange(files);
    }, delay);
  };
  const watches = folders.map((folder) => watchOne(folder, report));
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watches) w.close();
    },
  };
}

function watchOne(folder: string, report: (file: string) => void): FolderWatch {
  const dir = path.join(folder, TIFA_DIR);
  let inner: fs.FSWatcher | undefined;
  let outer: fs.FSWatcher | undefined;
  let closed = false;
  /** every JSON file that may have changed: the known names and whatever the folder holds now */
  const reportAll = () => {
    const names = new Set(KNOWN);
    try {
      for (const n of fs.readdirSync(dir)) if (n.endsWith('.json')) names.add(n);
    } catch {
      /* the folder is gone: its files are gone too, reported by their known names */
    }
    for (const n of names) report(path.join(dir, n));
  };
  const close = (w: fs.FSWatcher | undefined) => {
    try {
      w?.close();
    } catch {
      /* closed already */
    }
  };
  /** `.tifa/` went away (removed, renamed): watch the workspace folder until it is back */
  const lost = () => {
    close(inner);
    inner = undefined;
    reportAll();
    watchOuter();
  };
  const watchInner = (): boolean => {
    if (closed) return false;
    try {
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!fs.existsSync(dir)) return lost();
        if (name === null || name === undefined) reportAll();
        else if (String(name).endsWith('.json')) report(path.join(dir, String(name)));
      });
      w.on('error', () => {
        if (inner === w) lost();
      });
      inner = w;
      return true;
    } catch {
      return false;
    }
  };
  const watchOuter = () => {
    if (closed || outer) return;
    try {
      const w = fs.watch(folder, { persistent: false }, (_event, name) => {
        if (name !== null && name !== undefined && String(name) !== TIFA_DIR) return;
        if (!fs.existsSync(dir) || !watchInner()) return;
        close(outer);
        outer = undefined;
        reportAll();
      });
      w.on('error', () => {
        close(w);
        if (outer === w) outer = undefined;
      });
      outer = w;
    } catch {
      /* the workspace folder itself cannot be watched: the client's watcher remains */
    }
    // created between the failed watch of `.tifa/` and this one
    if (outer && fs.existsSync(dir) && watchInner()) {
      close(outer);
      outer = undefined;
      reportAll();
    }
  };
  if (!watchInner()) watchOuter();
  return {
    close() {
      closed = true;
      close(inner);
      close(outer);
    },
  };
}

/** The watch's changed paths as the client's watcher would report them: changed where the file is, deleted where it is gone. */
export function asFileEvents(files: string[]): FileEvent[] {
  return files.map((f) => ({ uri: pathToFileURL(f).href, type: fs.existsSync(f) ? FileChangeType.Changed : FileChangeType.Deleted }));
}
