import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import type { Lexicon } from '../segment/lexicon';
import { inPair, wordView } from './joined';
import { afterDatelineOrByline } from './util';
import { CLASS, IN_MISPRINT, KNOWN_MISPRINTS, SIMILAR } from './similar';

/**
 * Characters that are everyday words by themselves (讲, 极, 断, 油, 线 …): a pair with one of them is as
 * likely an unlisted phrase (讲好, 极低, 断油) as a misreading, so replacing one needs more evidence.
 */
const COMMON_ALONE = new Set([
  ...'讲说看想做写读听走跑买卖吃喝打拿放送找用开关断修改变成出入进回起过来去到极太更最很挺好坏大小多少高低长短新旧快慢本者油线水火电钱书人事话',
  ...'头手心口门车路山河田土木石金王白日月年天时分元件条只位次名干千于入八土士夫太同问间见办为力方万',
]);

/**
 * ocr-confusion: a character that OCR likely misread for one of similar shape (`小粗` for 小组, `达背` for
 * 违背, `耕话` for 讲话). Evidence: two adjacent characters make no word and belong to no word around them,
 * while swapping one of them for a shape-similar character (our table) makes a dictionary word. It only
 * suggests: the fix replaces a character, names the alternatives, and is never applied by fix-all.
 */
export const rule: Rule = {
  id: 'ocr-confusion',
  title: msg('疑似形近字误识', 'Possible OCR misreading of a similar-shaped character'),
  description: msg(
    'OCR 把某个字误识为字形相近的另一个字，使词语不成词（如“小粗”应为“小组”，“达背”应为“违背”）。仅作提示，不会自动替换。',
    'OCR misread a character for one of similar shape, so the word is no word (`小粗` for 小组, `达背` for 违背). A suggestion only, never applied automatically.',
  ),
  defaultSeverity: 'information',
  fixAllSafe: false,
  prepare: ({ model, lexicon }) => void wordView(model, lexicon),
  check(ctx) {
    const { model, lexicon } = ctx;
    // words are judged on the text with hard wraps undone; the pair itself must be adjacent in the original
    const view = wordView(model, lexicon);
    if (!view) return [];
    const { text, at, hanAt, han, isWordAt } = view;
    const out: Finding[] = [];
    const used = new Map<string, boolean>();
    /**
     * Whether the candidate word is a likely reading: one the document itself uses elsewhere; otherwise only where the replaced character is no everyday word.
     */
    const likely = (word: string, replaced: string): boolean => {
      if (!COMMON_ALONE.has(replaced)) return true;
      // the document is searched only when it decides (a search per candidate was most of this rule's time)
      let u = used.get(word);
      if (u === undefined) used.set(word, (u = model.text.includes(word)));
      return u;
    };
    /**
     * Whether the other characters of a candidate word [a, e) already make words with their neighbours
     * outside it (中美|友城 must not become 中|美发): then the candidate steals them.
     */
    const stolen = (a: number, e: number, q: number): boolean => {
      for (let k = 1; k <= 2; k++) {
        for (let j = 1; a + j <= q; j++) if (han(a - k) && isWordAt(a - k, a + j)) return true;
        for (let j = 1; e - j > q; j++) if (han(e + k - 1) && isWordAt(e - j, e + k)) return true;
      }
      return false;
    };
    /** a dictionary word of 2–4 characters that covers q, with `ch` read at q; the longest first */
    const wordAt = (q: number, ch: string): string | undefined => {
      const x = text[q];
      const code = ch.charCodeAt(0);
      let best: [number, number] | undefined;
      for (let a = q; a >= q - 3 && han(a); a--) {
        for (let e = Math.max(q + 1, a + 2); e <= a + 4 && han(e - 1); e++) {
          if (ch !== x && at[e - 1] - at[a] !== e - 1 - a) break; // a suggestion never spans a line break (a heading and its text)
          if (lexicon.isWordAtWith(text, a, e, q, code) && (!best || e - a > best[1] - best[0]) && (ch === x || !stolen(a, e, q))) best = [a, e];
        }
      }
      return best && text.slice(best[0], q) + ch + text.slice(q + 1, best[1]);
    };
    // the view marked the characters to look at: those with shape-similar ones, and those of the known
    // misprints. Those a two-character word covers as the text stands leave first, in a loop of their own
    // (96% of them; it costs less than asking inside the loop below), except a misprint's characters.
    const all = view.suspectAt;
    const suspects = new Int32Array(all.length);
    let kept = 0;
    for (let j = 0; j < all.length; j++) {
      const q = all[j];
      if (IN_MISPRINT[text.charCodeAt(q)] === 1 || !inPair(text, hanAt, lexicon, q)) suspects[kept++] = q;
    }
    for (let j = 0; j < kept; j++) {
      const q = suspects[j];
      const code = text.charCodeAt(q);
      const cls = CLASS[code];
      const x = text[q];
      // a misprint the dictionary lists as a word (自已)
      let known: { word: string; ch: string } | undefined;
      if (IN_MISPRINT[code] === 1) {
        for (const [bad, good] of [[text.slice(q - 1, q + 1), 0], [text.slice(q, q + 2), 1]] as const) {
          const k = bad.length === 2 ? KNOWN_MISPRINTS.get(bad) : undefined;
          if (k && k[1 - good] !== x) known = { word: k, ch: k[1 - good] };
        }
      }
      // a particle or numeral by itself, or a character that belongs to a word as it stands: nothing to suggest
      if (!known && (cls === 2 || (IN_MISPRINT[code] === 1 && inPair(text, hanAt, lexicon, q)) || inLongerWord(text, hanAt, lexicon, q))) continue;
      const sims = SIMILAR.get(code);
      if (!sims) continue;
      const cands: { word: string; ch: string }[] = known ? [known] : [];
      for (const c of sims) {
        const w = wordAt(q, c);
        if (!w || !likely(w, x)) continue;
        // the word must hold more than particles around the replaced character (为…所惑 is no 所感)
        if ([...w].every((ch) => ch === c || CLASS[ch.charCodeAt(0)] === 2)) continue;
        cands.push({ word: w, ch: c });
      }
      if (!cands.length) continue;
      if (afterDatelineOrByline(model, model.lineAt(at[q]), at[q])) continue;
      cands.sort((u, v) => v.word.length - u.word.length);
      const best = known ?? cands[0];
      const others = [...new Set(cands.map((c) => c.word))].filter((w) => w !== best.word);
      const alt = others.length ? msg(`；也可能是${others.map((w) => `“${w}”`).join('、')}`, `; or perhaps ${others.map((w) => `“${w}”`).join(', ')}`) : msg('', '');
      out.push({
        ruleId: 'ocr-confusion',
        start: at[q],
        end: at[q] + 1,
        message: msg(
          `“${x}”在此不成词，疑为“${best.ch}”（形近字误识），读作“${best.word}”${alt.zh}`,
          `“${x}” makes no word here; perhaps a misread “${best.ch}” (similar shape), reading “${best.word}”${alt.en}`,
        ),
        fix: { title: msg(`将“${x}”改为“${best.ch}”（${best.word}）`, `Change “${x}” to “${best.ch}” (${best.word})`), edits: [{ start: at[q], end: at[q] + 1, newText: best.ch }], safe: false },
      });
    }
    return out;
  },
};

/** whether the character at q belongs to a dictionary word of 3–4 characters as it stands */
function inLongerWord(text: string, hanAt: Uint8Array, lexicon: Lexicon, q: number): boolean {
  const n = text.length;
  for (let len = 3; len <= 4; len++) {
    for (let a = q - len + 1; a <= q; a++) {
      if (a < 0 || a + len > n) continue;
      let ok = true;
      for (let k = a; k < a + len; k++) if (hanAt[k] !== 1) ok = false;
      if (ok && lexicon.isWordAt(text, a, a + len)) return true;
    }
  }
  return false;
}
