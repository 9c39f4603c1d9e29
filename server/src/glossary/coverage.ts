import { NUMERAL_CHARS } from '../core/cjk';
import type { Glossary } from './glossary';

const NUM = `[${NUMERAL_CHARS}双]`;
// “四个意识”, "四个意识", ‘四个意识’, “ 四个意识 ” (padded), and quotes lost to spaces: ` 九个必须 `
const QUOTED = new RegExp(`[“"‘「]\\s*(${NUM}[\\u4e00-\\u9fff、]{1,11}?)\\s*[”"’」]|(?<=[\\u4e00-\\u9fff，、。] )(${NUM}[\\u4e00-\\u9fff]{1,7}) (?=[\\u4e00-\\u9fff])`, 'gu');

/** Whether the characters before the space and `f` together make a known form (`一带` + `一路`). */
function tornFragment(text: string, at: number, end: number, f: string, glossary: Glossary): boolean {
  for (let l = 1; l <= 6; l++) {
    const before = text.slice(at - 1 - l, at - 1);
    if (before.length === l && glossary.formOf(before + f)) return true;
    const after = text.slice(end, end + l);
    if (after.length === l && glossary.formOf(f + after)) return true;
  }
  return false;
}

export interface Coverage {
  /** distinct formulas with how often each occurs */
  counts: Map<string, number>;
  covered: string[];
  missing: [string, number][];
  share: number;
}

/** Quoted numbered formulas in texts (quoted or with quotes lost), and which of them the glossary knows. */
export function coverage(texts: string[], glossary: Glossary): Coverage {
  const counts = new Map<string, number>();
  for (const text of texts) {
    QUOTED.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = QUOTED.exec(text))) {
      const f = (m[1] ?? m[2]).replace(/\s/g, '');
      if (/^[一二两三四五六七八九十]{2,}$/.test(f)) continue; // a bare number
      if (m[2] && tornFragment(text, m.index, m.index + m[0].length, f, glossary)) continue; // `一带 一路`: the tail of a torn slogan
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
  }
  const covered: string[] = [];
  const missing: [string, number][] = [];
  for (const [f, n] of counts) (glossary.formOf(f) ? covered : missing).push(...((glossary.formOf(f) ? [f] : [[f, n]]) as never[]));
  missing.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { counts, covered, missing, share: counts.size ? covered.length / counts.size : 1 };
}
