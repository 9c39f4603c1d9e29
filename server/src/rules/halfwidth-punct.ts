import { isCjkPunct, isHan, isInlineSpace, letterCounts } from '../core/cjk';
import { msg } from '../l10n';
import type { Edit, Finding, Rule } from './types';

const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };
/** The characters the rule looks at: half-width punctuation and the opening bracket. */
const CANDIDATE = /[,:;?!(]/g;

/**
 * halfwidth-punct: half-width `, : ; ? !` between Chinese characters, and `( )` around Chinese text,
 * as scraped text has them. The fix uses the full-width form (and drops a space after it). URLs,
 * numbers (1,000; 3:30), times and English text stay alone.
 */
export const rule: Rule = {
  id: 'halfwidth-punct',
  title: msg('半角标点', 'Half-width punctuation'),
  description: msg(
    '中文之间用了半角标点（, : ; ? ! 和括号）。修复改为全角形式。网址、数字、时间和英文不受影响。',
    'Half-width punctuation (, : ; ? ! and brackets) between Chinese characters. The fix uses the full-width form. URLs, numbers, times and English are left alone.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model }) {
    const text = model.text;
    const out: Finding[] = [];
    // the candidates are rare: find them with one regular expression over the whole text, not per character
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text))) {
      const i = m.index;
      const line = model.lineAt(i);
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      const ch = m[0];
      if (ch !== '(') {
        const before = text.charCodeAt(i - 1);
        if (i === ls || !isHan(before)) continue;
        if (inUrl(text, ls, i)) continue;
        // what follows, over at most one space
        let j = i + 1;
        if (j < le && isInlineSpace(text.charCodeAt(j)) && !isInlineSpace(text.charCodeAt(j + 1))) j++;
        const after = j < le ? text.charCodeAt(j) : -1;
        const endOk = (ch === '?' || ch === '!' || ch === ':') && (after === -1 || isClosing(after));
        if (!(isHan(after) || (isCjkPunct(after) && !isClosing(after)) || endOk)) continue;
        // `?!` and `!!` runs: take them as they come, one by one
        const end = after === -1 ? i + 1 : j;
        push(out, i, i + 1, [{ start: i, end, newText: FULL[ch] }]);
      } else {
        const close = text.indexOf(')', i + 1);
        if (close < 0 || close >= le || close - i > 200) continue;
        // a nested bracket: left alone
        if (text.lastIndexOf('(', close - 1) > i) continue;
        const { han, latin } = letterCounts(text, i + 1, close);
        if (han === 0 || latin > han) continue;
        const before = i > ls ? text.charCodeAt(i - 1) : -1;
        const after = close + 1 < le ? text.charCodeAt(close + 1) : -1;
        const chineseAround = before === -1 || isHan(before) || isCjkPunct(before) || isInlineSpace(before) || after === -1 || isHan(after) || isCjkPunct(after);
        if (!chineseAround) continue;
        push(out, i, close + 1, [
          { start: i, end: i + 1, newText: '（' },
          { start: close, end: close + 1, newText: '）' },
        ]);
        CANDIDATE.lastIndex = close + 1; // what the brackets hold is done with
      }
    }
    return out;
  },
};

function isClosing(c: number): boolean {
  return c === 0x201d || c === 0x2019 || c === 0xff09 || c === 0x300b || c === 0x3011 || c === 0x300d;
}

function inUrl(text: string, ls: number, i: number): boolean {
  let k = i;
  while (k > ls && !isInlineSpace(text.charCodeAt(k - 1)) && !isHan(text.charCodeAt(k - 1))) k--;
  const word = text.slice(Math.max(ls, k - 8), i + 3);
  return /[a-z]+:\/\//i.test(word) || /(https?|ftp|mailto):/i.test(word);
}

function push(out: Finding[], start: number, end: number, edits: Edit[]): void {
  const ch = edits.map((e) => e.newText).join('');
  out.push({
    ruleId: 'halfwidth-punct',
    start,
    end,
    message: msg(`中文中的半角标点，应为“${ch}”`, `half-width punctuation in Chinese text; use “${ch}”`),
    fix: { title: msg(`改为全角“${ch}”`, `Use the full-width “${ch}”`), edits, safe: true },
  });
}
