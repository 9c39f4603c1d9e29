export type SegmenterState = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * Word segmentation, asynchronous so that the server can run nodejieba off its main thread.
 * `cut` resolves to undefined while segmentation is not available (not loaded yet, or failed).
 */
export interface Segmenter {
  readonly state: SegmenterState;
  readonly error?: string;
  /** Start loading (idempotent). Resolves when ready or failed. */
  start(words: string[]): Promise<void>;
  cut(texts: string[]): Promise<string[][] | undefined>;
  /** words segmentation must keep whole from now on (a reloaded glossary) */
  addWords(words: string[]): void;
  onReady(listener: () => void): void;
}
