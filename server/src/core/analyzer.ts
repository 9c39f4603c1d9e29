import type { TextModel } from './text';
import type { AnalyzedFinding, RuleSetting } from './analyze';
import { isWholeToken, segmentationWindow, type SloganMatch } from '../glossary/match';
import type { Glossary } from '../glossary/glossary';
import type { Lexicon } from '../segment/lexicon';
import type { Segmenter } from '../segment/segmenter';
import { buildOutline, type OutlineSymbol } from '../outline/outline';

export interface AnalyzerEnv {
  glossary: Glossary;
  lexicon: Lexicon;
  segmenter: Segmenter;
  rules: Record<string, RuleSetting>;
}

/** Everything the features need about one version of a document. Outline is computed on demand. */
export class Analysis {
  private _outline?: OutlineSymbol[];
  private _counts?: Map<object, number>;
  constructor(
    readonly model: TextModel,
    readonly findings: AnalyzedFinding[],
    readonly slogans: SloganMatch[],
  ) {}

  /** How many times an entry occurs in the document (counted once per analysis). */
  occurrences(entry: object): number {
    if (!this._counts) {
      this._counts = new Map();
      for (const m of this.slogans) this._counts.set(m.form.entry, (this._counts.get(m.form.entry) ?? 0) + 1);
    }
    return this._counts.get(entry) ?? 0;
  }

  get outline(): OutlineSymbol[] {
    if (!this._outline) this._outline = buildOutline(this.model);
    return this._outline;
  }

  /** The slogan at an offset (a match covers it, its edge included). */
  sloganAt(offset: number): SloganMatch | undefined {
    const s = this.slogans;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].end < offset) lo = mid + 1;
      else if (s[mid].start > offset) hi = mid - 1;
      else return s[mid];
    }
    return undefined;
  }
}

/**
 * Slogan matches, with short unquoted forms kept only where segmentation sees them as a word. `known`
 * remembers verdicts by window (the editor passes one per document, so that a keystroke segments only
 * the windows it changed); it must be dropped when the segmenter's words change.
 */
export async function confirmSlogans(model: TextModel, matches: SloganMatch[], segmenter: Segmenter, known?: Map<string, boolean>): Promise<SloganMatch[]> {
  const pending = matches.filter((m) => m.needsSegmentation);
  if (!pending.length) return matches;
  const ok = new Set<SloganMatch>();
  const ask: { m: SloganMatch; w: { text: string; at: number }; key: string }[] = [];
  for (const m of pending) {
    const w = segmentationWindow(model, m);
    const key = `${w.at}:${m.end - m.start}:${w.text}`;
    const v = known?.get(key);
    if (v === undefined) ask.push({ m, w, key });
    else if (v) ok.add(m);
  }
  const cuts = ask.length && segmenter.state === 'ready' ? await segmenter.cut(ask.map((x) => x.w.text)) : undefined;
  if (cuts) {
    if (known && known.size > 50000) known.clear();
    ask.forEach(({ m, w, key }, i) => {
      const whole = isWholeToken(cuts[i], w.at, m.end - m.start);
      known?.set(key, whole);
      if (whole) ok.add(m);
    });
  }
  return matches.filter((m) => !m.needsSegmentation || ok.has(m));
}
