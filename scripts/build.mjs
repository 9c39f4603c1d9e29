// Bundles the extension, the server, the segmenter worker and the CLI with esbuild into dist/,
// and copies beside them what cannot be bundled: nodejieba's binary and dictionaries, and the glossary data.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const t0 = Date.now();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: 'linked',
  external: ['vscode', 'nodejieba'],
  logLevel: 'warning',
  minify: !process.env.TIFA_NO_MINIFY, // TIFA_NO_MINIFY=1 keeps names readable in profiles
  define: { TIFA_VERSION: JSON.stringify(pkg.version) },
  keepNames: true,
};
// keepNames wraps every inner function in a call that sets its name, each time the closure is made:
// 2–3 % of the CLI's linting time. The server and the CLI go without (their source maps name things).
const fast = { keepNames: false };

const builds = [
  { entryPoints: { extension: 'client/src/extension.ts' } },
  { entryPoints: { server: 'server/src/server.ts', 'segmenter-worker': 'server/src/segment/worker.ts' }, ...fast },
  { entryPoints: { cli: 'server/src/cli/cli.ts' }, banner: { js: '#!/usr/bin/env node' }, ...fast },
];

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

function copyAssets() {
  // nodejieba: only what it needs at run time (12 MB), not its sources
  const nj = path.join(root, 'node_modules', 'nodejieba');
  const out = path.join(dist, 'node_modules', 'nodejieba');
  for (const f of ['index.js', 'package.json', 'LICENSE', 'build/Release/nodejieba.node']) copy(path.join(nj, f), path.join(out, f));
  for (const f of ['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8', 'idf.utf8', 'stop_words.utf8'])
    copy(path.join(nj, 'submodules/cppjieba/dict', f), path.join(out, 'submodules/cppjieba/dict', f));
  copy(path.join(root, 'server', 'data'), path.join(dist, 'data'));
  copy(path.join(root, 'docs', 'rules'), path.join(dist, 'docs', 'rules'));
}

/** jieba's dictionary → dist/data/lexicon.bin, the word table the server and the CLI load in milliseconds. */
async function compileLexicon() {
  const dict = path.join(root, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
  if (!fs.existsSync(dict)) return console.warn('build: nodejieba has no dictionary; no lexicon.bin (word checks load nothing)');
  const tool = path.join(dist, '.compile-lexicon.cjs');
  await esbuild.build({ ...common, sourcemap: false, entryPoints: ['server/src/segment/compile-lexicon.ts'], outfile: tool, absWorkingDir: root });
  try {
    execFileSync(process.execPath, [tool, dict, path.join(dist, 'data', 'lexicon.bin')], { stdio: 'inherit' });
  } finally {
    fs.rmSync(tool, { force: true });
  }
}

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b, outdir: dist, absWorkingDir: root });
    await ctx.watch();
  }
  copyAssets();
  await compileLexicon();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, outdir: dist, absWorkingDir: root })));
  copyAssets();
  await compileLexicon();
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}
