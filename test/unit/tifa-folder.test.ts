import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver/node';
import { asFileEvents, watchTifaFolders } from '../../server/src/features/tifaFolder';

/** the next report of the watch, or undefined after `ms` */
function nextReport(reports: string[][], ms = 5000): Promise<string[] | undefined> {
  const seen = reports.length;
  return new Promise((resolve) => {
    const t0 = Date.now();
    const poll = () => {
      if (reports.length > seen) return resolve(reports[seen]);
      if (Date.now() - t0 > ms) return resolve(undefined);
      setTimeout(poll, 20);
    };
    poll();
  });
}

test('.tifa watch: a folder created later, files written in bursts, the folder removed and created again', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-watch-'));
  const dir = path.join(ws, '.tifa');
  const reports: string[][] = [];
  const watch = watchTifaFolders([ws], (files) => reports.push(files.map((f) => path.relative(ws, f)).sort()), 300);
  try {
    // no .tifa yet: its creation with a file in it is reported, the file by name
    let next = nextReport(reports);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'ignore.json'), '{}');
    let r = await next;
    assert.ok(r?.includes(path.join('.tifa', 'ignore.json')), `reported: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 700));

    // several writes in quick succession: one report naming each JSON file; other files are not reported
    next = nextReport(reports);
    fs.writeFileSync(path.join(dir, 'glossary.json'), '[]');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(dir, 'glossary.json'), '[ ]');
    fs.writeFileSync(path.join(dir, 'ignore.json'), '{ }');
    r = await next;
    assert.deepEqual(r, [path.join('.tifa', 'glossary.json'), path.join('.tifa', 'ignore.json')]);
    await new Promise((res) => setTimeout(res, 700));
    assert.equal(reports.length, 2, 'one report for the burst');

    // the folder removed: its files are reported (gone); created again: reported again
    next = nextReport(reports);
    fs.rmSync(dir, { recursive: true });
    r = await next;
    assert.ok(r?.includes(path.join('.tifa', 'glossary.json')) && r.includes(path.join('.tifa', 'ignore.json')), `reported: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 700));
    next = nextReport(reports);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'glossary.json'), '[]');
    r = await next;
    assert.ok(r?.includes(path.join('.tifa', 'glossary.json')), `reported after re-creation: ${JSON.stringify(r)}`);
  } finally {
    watch.close();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('.tifa watch: a folder that does not exist is left alone, and close stops the reports', async () => {
  const reports: string[][] = [];
  const missing = path.join(os.tmpdir(), `tifa-none-${process.pid}-${Date.now()}`);
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-watch-'));
  const watch = watchTifaFolders([missing, ws], (files) => reports.push(files), 50);
  watch.close();
  fs.mkdirSync(path.join(ws, '.tifa'));
  fs.writeFileSync(path.join(ws, '.tifa', 'glossary.json'), '[]');
  await new Promise((res) => setTimeout(res, 700));
  assert.deepEqual(reports, []);
  fs.rmSync(ws, { recursive: true, force: true });
});

test("the watch's paths become the client watcher's events: changed where the file is, deleted where it is gone", () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-events-'));
  const here = path.join(ws, 'glossary.json');
  fs.writeFileSync(here, '[]');
  const gone = path.join(ws, 'ignore.json');
  assert.deepEqual(asFileEvents([here, gone]), [
    { uri: pathToFileURL(here).href, type: FileChangeType.Changed },
    { uri: pathToFileURL(gone).href, type: FileChangeType.Deleted },
  ]);
  fs.rmSync(ws, { recursive: true, force: true });
});
