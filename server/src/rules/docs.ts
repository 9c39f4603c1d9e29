import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Rule documentation shipped beside the bundle (dist/docs/rules), or in the source tree (docs/rules). */
function docsDir(): string {
  for (const d of [path.join(__dirname, 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')]) if (fs.existsSync(d)) return d;
  return path.join(__dirname, 'docs', 'rules');
}

let dir: string | undefined;
const uris = new Map<string, string>();

/** A file: URI of a rule's documentation page, opened by the editor from a diagnostic's code link. */
export function ruleDocUri(ruleId: string): string {
  let u = uris.get(ruleId);
  if (!u) {
    dir ??= docsDir();
    uris.set(ruleId, (u = pathToFileURL(path.join(dir, `${ruleId}.md`)).href));
  }
  return u;
}
