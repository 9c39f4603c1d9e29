import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type { Segmenter, SegmenterState } from './segmenter';

interface Pending {
  resolve: (r: string[][] | undefined) => void;
}

/**
 * nodejieba in a worker thread (dist/segmenter-worker.js): loading its dictionaries takes about a
 * second of synchronous work, which must never stall the language server's main thread.
 */
export class WorkerSegmenter implements Segmenter {
  state: SegmenterState = 'idle';
  error?: string;
  private worker?: Worker;
  private seq = 0;
  private pending = new Map<number, Pending>();
  private listeners: (() => void)[] = [];
  private started?: Promise<void>;

  constructor(private readonly script = path.join(__dirname, 'segmenter-worker.js')) {}

  onReady(listener: () => void): void {
    this.listeners.push(listener);
  }

  start(words: string[]): Promise<void> {
    if (this.started) return this.started;
    this.state = 'loading';
    this.started = new Promise<void>((resolve) => {
      const fail = (why: string) => {
        if (this.state === 'failed') return;
        this.state = 'failed';
        this.error = why;
        for (const p of this.pending.values()) p.resolve(undefined);
        this.pending.clear();
        resolve();
      };
      try {
        const w = new Worker(this.script, { workerData: { words } });
        this.worker = w;
        w.unref();
        w.on('message', (m: { type: string; id?: number; result?: string[][]; error?: string }) => {
          if (m.type === 'ready') {
            this.state = 'ready';
            for (const l of this.listeners) l();
            resolve();
          } else if (m.type === 'failed') {
            fail(m.error ?? 'unknown error');
          } else if (m.type === 'result' && m.id !== undefined) {
            const p = this.pending.get(m.id);
            this.pending.delete(m.id);
            p?.resolve(m.result);
          }
        });
        w.on('error', (e) => fail(e.message));
        w.on('exit', (code) => fail(`segmenter worker exited (${code})`));
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    });
    return this.started;
  }

  cut(texts: string[]): Promise<string[][] | undefined> {
    if (this.state !== 'ready' || !this.worker) return Promise.resolve(undefined);
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker!.postMessage({ type: 'cut', id, texts });
    });
  }

  addWords(words: string[]): void {
    this.worker?.postMessage({ type: 'words', words });
  }

  dispose(): void {
    void this.worker?.terminate();
  }
}
