/** Entry of dist/segmenter-worker.js: nodejieba behind a message port. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadJieba } from './jieba';

const port = parentPort!;
try {
  const jieba = loadJieba();
  for (const w of (workerData?.words as string[] | undefined) ?? []) jieba.insertWord(w);
  port.postMessage({ type: 'ready' });
  port.on('message', (m: { type: string; id: number; texts: string[]; words?: string[] }) => {
    if (m.type === 'words') {
      for (const w of m.words ?? []) jieba.insertWord(w);
      return;
    }
    if (m.type !== 'cut') return;
    try {
      port.postMessage({ type: 'result', id: m.id, result: m.texts.map((t) => jieba.cut(t)) });
    } catch {
      port.postMessage({ type: 'result', id: m.id, result: undefined });
    }
  });
} catch (e) {
  port.postMessage({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
}
