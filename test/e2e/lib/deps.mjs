// Resolve the e2e layer's npm dependencies (playwright-core, @vscode/test-electron, mocha) from the
// repo's node_modules, or from $TIFA_E2E_NODE_MODULES (a folder holding node_modules/, for trying the
// harness before the repo's devDependencies are installed).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function requireDep(name) {
  const bases = [path.join(REPO, 'package.json')];
  if (process.env.TIFA_E2E_NODE_MODULES) bases.unshift(path.join(process.env.TIFA_E2E_NODE_MODULES, 'package.json'));
  let lastErr;
  for (const base of bases) {
    try { return createRequire(base)(name); } catch (e) { lastErr = e; }
  }
  throw new Error(`cannot load ${name}: add it to devDependencies and run npm install (${lastErr && lastErr.message})`);
}
