import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import t2sData from '../../data/t2s.json';

/** traditional-only character → simplified form (our own table; characters shared by both scripts are absent) */
const T2S = new Map<number, string>(Object.entries((t2sData as { map: Record<string, string> }).map).map(([t, s]) => [t.charCodeAt(0), s]));

/**
 * Simplified forms that are also ordinary characters of traditional text (干 后 里 面 台 …): they prove
 * nothing about which script a document is in.
 */
const SHARED = new Set([...'干后里面台系只出谷松表斗卜几才制布采舍向回游周托并余冲夸志云丑朴板困症御致扎胡须郁姜卤尸巨凶准岩杰范丰价征家叶弃'].map((c) => c.charCodeAt(0)));

/**
 * What each code unit counts towards, read once per character of the document (a typed array, not a
 * Map): bit 1 a traditional-only character, bit 2 a simplified-only one. Only characters from U+4E00 on
 * are counted.
 */
const COUNT = new Uint8Array(65536);
/** Traditional-only characters (all of them, wherever they lie), for the findings. */
const IS_TRAD = new Uint8Array(65536);
for (const t of T2S.keys()) {
  IS_TRAD[t] = 1;
  if (t >= 0x4e00) COUNT[t] = 1;
}
for (const s of T2S.values()) {
  const c = s.charCodeAt(0);
  if (c >= 0x4e00 && !SHARED.has(c) && !T2S.has(c)) COUNT[c] = 2;
}

/** Whether a code unit is a traditional-only character (exported for tests and other rules). */
export function toSimplified(c: number): string | undefined {
  return T2S.get(c);
}

/**
 * The traditional and the simplified characters of the text. A function of its own:
 * with the loop in check, the optimised loop (entered midway through the first large file) went on into a
 * comparison after it that no file had reached yet, and went back to the interpreter there, file after
 * file (71 times in one run over the bench corpus).
 */
function countScripts(text: string): { trad: number; simp: number } {
  let trad = 0;
  let simp = 0;
  // branch-free: this loop reads every character of every document
  for (let i = 0; i < text.length; i++) {
    const k = COUNT[text.charCodeAt(i)];
    trad += k & 1;
    simp += k >> 1;
  }
  return { trad, simp };
}

/**
 * traditional-char: traditional characters mixed into simplified text (OCR of older print, pasted
 * quotations). A document that is mostly traditional (a Hong Kong or Taiwan text) is left alone: the
 * decision is by proportion of script-specific characters, with no setting. Consecutive traditional
 * characters make one finding. Converting replaces characters, so the fix is offered, not applied by
 * fix-all.
 */
export const rule: Rule = {
  id: 'traditional-char',
  title: msg('简体文本中混入繁体字', 'Traditional characters in simplified text'),
  description: msg(
    '以简体为主的文本中夹杂繁体字，多见于旧印刷品的 OCR 或粘贴的引文。通篇繁体的文本（港澳台文献）不提示。',
    'Traditional characters mixed into mostly simplified text, typical of OCR of older print or pasted quotations. A text that is traditional throughout (Hong Kong, Taiwan) is left alone.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  check(ctx) {
    const text = ctx.model.text;
    const { trad, simp } = countScripts(text);
    // nothing to say, or a traditional document: its script is the author's choice
    if (trad === 0 || trad >= simp) return [];
    const out: Finding[] = [];
    let i = 0;
    while (i < text.length) {
      if (IS_TRAD[text.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let j = i;
      let conv = '';
      while (j < text.length && IS_TRAD[text.charCodeAt(j)] === 1) conv += T2S.get(text.charCodeAt(j++));
      const orig = text.slice(i, j);
      out.push({
        ruleId: 'traditional-char',
        start: i,
        end: j,
        message: msg(`繁体字“${orig}”，简体作“${conv}”`, `traditional “${orig}”; simplified “${conv}”`),
        fix: { title: msg(`改为简体“${conv}”`, `Convert to simplified “${conv}”`), edits: [{ start: i, end: j, newText: conv }], safe: false },
      });
      i = j;
    }
    return out;
  },
};
