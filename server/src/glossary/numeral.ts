import { chineseNumeral, NUMERAL_CHARS } from '../core/cjk';

const NUM = `[${NUMERAL_CHARS}]+`;
const LEADING = new RegExp(`^(${NUM}|双)`);
const REPEATED = new RegExp(`^(?:(${NUM})[^${NUMERAL_CHARS}、，]{1,3}[、，]?){2,}$`);
const WEIYITI = new RegExp(`^(${NUM})位一体$`);

/**
 * How many members a numbered formula has, read off its name:
 * 四个意识 → 4; 三严三实 → 3+3; 三去一降一补 → 5; 一带一路 → 2; 五位一体 → 5; 双碳 → 2.
 * undefined where the term does not start with a numeral.
 */
export function formulaCount(term: string): number | undefined {
  // 一个中心、两个基本点 → 1 + 2
  const parts = term.split(/[、，]/);
  if (parts.length > 1) {
    const counts = parts.map(formulaCount);
    return counts.every((c) => c !== undefined) ? counts.reduce((a, b) => a! + b!, 0) : undefined;
  }
  const w = WEIYITI.exec(term);
  if (w) return chineseNumeral(w[1]);
  if (REPEATED.test(term) && !new RegExp(`^${NUM}个`).test(term)) {
    let sum = 0;
    for (const m of term.matchAll(new RegExp(NUM, 'g'))) sum += chineseNumeral(m[0]) ?? 0;
    return sum;
  }
  const m = LEADING.exec(term);
  if (!m) return undefined;
  if (m[1] === '双') return 2;
  const n = chineseNumeral(m[1]);
  return n ? n : undefined; // 零容忍 is no formula
}
