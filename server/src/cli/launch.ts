/**
 * The CLI's entry (dist/cli.js). Before the rest of the bundle is evaluated (esbuild defers a module that is
 * `require`d until the call), it sets V8's flags and, for a lint that will want one, starts the worker
 * (early.ts); then it loads the CLI itself (cli.ts), which runs `tifa` or, in a worker, the worker's loop.
 */
import { isMainThread } from 'node:worker_threads';
import { lessInlining, startEarlyWorker } from './early';

if (isMainThread && require.main === module) {
  lessInlining();
  startEarlyWorker(__filename, process.argv.slice(2));
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require, not an import: evaluated here, after the worker started
require('./cli');
