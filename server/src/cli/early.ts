/**
 * The lint worker, started before the rest of the CLI is loaded (see launch.ts). A worker takes 250–400 ms
 * to boot, load the bundle and the word list, while the main thread lints alone; starting it before the
 * bundle is evaluated and the files are listed gives it about 70 ms of that back. It loads its engine and
 * then waits for its job (runInWorkers); when no worker is wanted after all it is terminated unused.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

export interface EarlyWorker {
  worker: Worker;
  /** performance.now() when it was started */
  t0: number;
  /** messages that came before runInWorkers listened (its 'ready') */
  queued: unknown[];
  /** set when it failed before it was taken */
  failed?: Error;
  /** stop queueing: the taker listens itself */
  release(): void;
}

let early: EarlyWorker | undefined;

/**
 * Less inlining for the optimising compiler, in this process and its workers. On a corpus of tens of MB
 * each worker's JIT compilation is a third of its CPU time, on the cores that lint; these two flags cut
 * that compilation by about a quarter (measured: 1.5 s → 1.1 s of compiler threads over the 37 MB bench
 * corpus) and the linting itself runs as fast. V8's flags are process-wide and read when a function is
 * compiled, so they are set before any worker starts.
 */
export function lessInlining(): void {
  try {
    v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
    v8.setFlagsFromString('--no-turbo-escape');
  } catch {
    // an engine without these flags: the defaults
  }
}

/**
 * Whether `tifa ARGV` will likely lint with a worker: `lint` on two cores or more, not `--jobs 1`, and a
 * folder, a glob or a large file among the arguments (a few small files are linted on one thread, and a
 * worker started for them would be CPU spent for nothing). A guess from the raw arguments: the options
 * are parsed later, and a wrong guess costs a worker started and stopped.
 */
export function wantsEarlyWorker(argv: string[], cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length): boolean {
  if (argv[0] !== 'lint' || cores < 2) return false;
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if ((a === '-j' || a === '--jobs') && argv[k + 1] === '1') return false;
    if (a === '--jobs=1') return false;
  }
  return argv.slice(1).some((a) => {
    if (a.startsWith('-')) return false;
    if (/[*?[{]/.test(a)) return true;
    try {
      const st = fs.statSync(a);
      return st.isDirectory() || st.size >= 16e6;
    } catch {
      return false;
    }
  });
}

/** Start the worker (the bundle `file`, as a worker) when `tifa ARGV` will likely want one. */
export function startEarlyWorker(file: string, argv: string[]): void {
  if (!wantsEarlyWorker(argv)) return;
  const worker = new Worker(file, { workerData: { tifaWorker: true } });
  const queued: unknown[] = [];
  const queue = (m: unknown) => queued.push(m);
  const fail = (err: Error) => (e.failed = err);
  const e: EarlyWorker = {
    worker,
    t0: performance.now(),
    queued,
    release: () => {
      worker.off('message', queue);
      worker.off('error', fail);
    },
  };
  worker.on('message', queue);
  worker.on('error', fail);
  // it must not keep the process alive unless it is taken
  worker.unref();
  early = e;
}

/** The worker started early, for runInWorkers to take (once); undefined if none was started, or it failed. */
export function takeEarlyWorker(): EarlyWorker | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  if (e.failed) {
    void e.worker.terminate();
    return undefined;
  }
  e.worker.ref();
  return e;
}

/** Stop the worker started early if nothing took it. */
export function dropEarlyWorker(): void {
  const e = early;
  early = undefined;
  if (e) void e.worker.terminate();
}
