import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listCorpusFiles } from '../../server/src/features/corpusFiles';

test('the workspace walker follows linked files and folders, walks each folder once and ends on a cycle of links', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tifa-walk-'));
  const ws = path.join(root, 'ws');
  const archive = path.join(root, 'archive');
  fs.mkdirSync(path.join(ws, 'own'), { recursive: true });
  fs.mkdirSync(path.join(archive, 'y2023'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'own', 'a.txt'), '坚持稳中求进。\n');
  fs.writeFileSync(path.join(archive, 'y2023', 'b.txt'), '要求自己。\n');
  fs.writeFileSync(path.join(archive, 'c.txt'), '四个意识。\n');
  fs.writeFileSync(path.join(archive, 'notes.md'), 'not a corpus file\n');
  fs.symlinkSync(archive, path.join(ws, 'linked'), 'dir'); // a folder kept elsewhere
  fs.symlinkSync(path.join(archive, 'c.txt'), path.join(ws, 'own', 'c-link.txt')); // a single linked file
  fs.symlinkSync(ws, path.join(archive, 'y2023', 'back')); // a cycle: ws → linked → y2023 → back → ws
  fs.symlinkSync(path.join(root, 'gone'), path.join(ws, 'dangling.txt')); // a dangling link
  const files = (await listCorpusFiles([ws])).map((f) => path.relative(ws, f));
  assert.deepEqual(files, [path.join('linked', 'c.txt'), path.join('linked', 'y2023', 'b.txt'), path.join('own', 'a.txt'), path.join('own', 'c-link.txt')]);
  // the same folder given twice is walked once
  assert.equal((await listCorpusFiles([ws, ws])).length, 4);
  // the budget still holds
  assert.equal((await listCorpusFiles([ws], 2)).length, 2);
});
