import { loadJieba, type JiebaApi } from './jieba';

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

abstract class BaseSegmenter implements Segmenter {
  state: SegmenterState = 'idle';
  error?: string;
  private listeners: (() => void)[] = [];
  abstract start(words: string[]): Promise<void>;
  abstract cut(texts: string[]): Promise<string[][] | undefined>;
  addWords(_words: string[]): void {}
  onReady(listener: () => void): void {
    this.listeners.push(listener);
  }
  protected ready(): void {
    this.state = 'ready';
    for (const l of this.listeners) l();
  }
}

/** In-process nodejieba: for the CLI and tests, where blocking for a second at start is fine. */
export class InProcessSegmenter extends BaseSegmenter {
  private jieba?: JiebaApi;
  private loading?: Promise<void>;

  start(words: string[]): Promise<void> {
    if (!this.loading) {
      this.state = 'loading';
      this.loading = (async () => {
        try {
          this.jieba = loadJieba();
          for (const w of words) this.jieba.insertWord(w);
          this.ready();
        } catch (e) {
          this.state = 'failed';
          this.error = e instanceof Error ? e.message : String(e);
        }
      })();
    }
    return this.loading;
  }

  override addWords(words: string[]): void {
    if (this.jieba) for (const w of words) this.jieba.insertWord(w);
  }

  cutSync(text: string): string[] | undefined {
    return this.jieba?.cut(text);
  }

  async cut(texts: string[]): Promise<string[][] | undefined> {
    const j = this.jieba;
    if (!j) return undefined;
    return texts.map((t) => j.cut(t));
  }
}

/** No segmentation at all (nodejieba could not load): everything that needs words stays conservative. */
export class NullSegmenter extends BaseSegmenter {
  async start(): Promise<void> {
    this.state = 'failed';
  }
  async cut(): Promise<undefined> {
    return undefined;
  }
}
