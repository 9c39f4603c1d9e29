import * as fs from 'node:fs';

/**
 * Dictionary membership: is this string a word? Built from jieba's dictionary plus the glossary's terms.
 * Until it is loaded `ready` is false and rules that depend on it stay quiet rather than guess.
 */
export class Lexicon {
  private words = new Set<string>();
  /** two-character words as c1 * 65536 + c2: the common lookup, without building a string */
  private pairs = new Set<number>();
  private extra = new Set<string>();
  ready = false;
  error?: string;

  static readonly MAX_LEN = 8;

  isWord(w: string): boolean {
    return this.words.has(w) || this.extra.has(w);
  }

  /** Whether the two UTF-16 units c1 c2 make a dictionary word (as isWord of a two-character string). */
  isPair(c1: number, c2: number): boolean {
    return this.pairs.has(c1 * 65536 + c2);
  }


  /** words we know regardless of the dictionary (glossary terms, user words) */
  addWords(words: Iterable<string>): void {
    for (const w of words) {
      this.extra.add(w);
      if (w.length === 2) this.pairs.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
    }
  }

  private addLines(text: string, from: number, to: number): void {
    let i = from;
    while (i < to) {
      let nl = text.indexOf('\n', i);
      if (nl < 0 || nl > to) nl = to;
      const sp = text.indexOf(' ', i);
      const end = sp >= 0 && sp < nl ? sp : nl;
      if (end - i >= 1 && end - i <= Lexicon.MAX_LEN) {
        this.words.add(text.slice(i, end));
        if (end - i === 2) this.pairs.add(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      }
      i = nl + 1;
    }
  }

  /** Load synchronously (CLI, tests). */
  loadSync(file: string): void {
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.addLines(text, 0, text.length);
      this.ready = true;
    } catch (e) {
      this.error = String(e);
    }
  }

  /** Load without blocking the event loop for long: parse in slices, yielding between them. */
  async load(file: string): Promise<void> {
    try {
      const text = await fs.promises.readFile(file, 'utf8');
      const slice = 256 * 1024;
      let i = 0;
      while (i < text.length) {
        let end = Math.min(text.length, i + slice);
        const nl = text.indexOf('\n', end);
        end = nl < 0 ? text.length : nl + 1;
        this.addLines(text, i, end);
        i = end;
        await new Promise<void>((r) => setImmediate(r));
      }
      this.ready = true;
    } catch (e) {
      this.error = String(e);
    }
  }
}
