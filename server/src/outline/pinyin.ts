/**
 * Pinyin initials of Han characters, for searching symbols by initials (`stwmjs` → 生态文明建设).
 * No table: the ICU collator for Chinese sorts Han by pinyin, so a character's initial is the last
 * boundary character (阿 八 嚓 哒 …) that sorts before it. Results are cached per character. Where
 * the collator lacks Chinese data (small-ICU builds) characters have no initial and search falls back
 * to characters alone.
 */
const BOUNDS = '阿八嚓哒妸发旮哈讥咔垃痳拏噢妑七呥仨他屲夕丫帀';
const LETTERS = 'abcdefghjklmnopqrstwxyz';
/** common characters with two readings: both initials count */
const POLYPHONES: Record<string, string> = { 长: 'cz', 重: 'zc', 行: 'xh', 乐: 'ly', 调: 'td', 还: 'hh', 省: 'sx', 会: 'hk', 藏: 'cz', 传: 'cz', 朝: 'cz', 都: 'dd', 便: 'bp', 参: 'cs', 率: 'sl', 差: 'cc', 系: 'xj' };

let collator: Intl.Collator | undefined | null;
const cache = new Map<string, string>();

function collatorOrNull(): Intl.Collator | null {
  if (collator === undefined) {
    try {
      const c = new Intl.Collator('zh-CN-u-co-pinyin');
      // check that the collator knows pinyin order (阿 a < 八 ba < 嚓 ca, 帀 za < 中 zhong)
      collator = c.compare('阿', '八') < 0 && c.compare('八', '嚓') < 0 && c.compare('帀', '中') < 0 ? c : null;
    } catch {
      collator = null;
    }
  }
  return collator;
}

/** The initial(s) of one character: '' for non-Han, two letters for a few common polyphones. */
export function initialsOf(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = '';
  const code = ch.charCodeAt(0);
  if (POLYPHONES[ch]) out = POLYPHONES[ch];
  else if (code >= 0x4e00 && code <= 0x9fff) {
    const c = collatorOrNull();
    if (c) {
      let lo = 0;
      let hi = BOUNDS.length - 1;
      let ans = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (c.compare(ch, BOUNDS[mid]) >= 0) {
          ans = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (ans >= 0) out = LETTERS[ans];
    }
  } else if (/[A-Za-z0-9]/.test(ch)) out = ch.toLowerCase();
  cache.set(ch, out);
  return out;
}

/** Per character of `s`, its possible initials ('' where none). */
export function initialsSeq(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) out.push(initialsOf(ch));
  return out;
}

/**
 * Whether a lower-case ASCII query matches the initials of a name: as a run of consecutive characters
 * (`wmjs` in 生态文明建设), or as initials of characters in order starting at the first one (`stjs`).
 */
export function matchesInitials(seq: string[], query: string): boolean {
  const q = query.toLowerCase();
  if (!q || !/^[a-z0-9]+$/.test(q)) return false;
  // a run
  for (let i = 0; i + q.length <= seq.length; i++) {
    let ok = true;
    for (let k = 0; k < q.length && ok; k++) ok = seq[i + k].includes(q[k]);
    if (ok) return true;
  }
  // in order from the first character
  if (!seq.length || !seq[0].includes(q[0])) return false;
  let k = 1;
  for (let i = 1; i < seq.length && k < q.length; i++) if (seq[i].includes(q[k])) k++;
  return k === q.length;
}
