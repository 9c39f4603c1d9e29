import type { Form } from './glossary';

interface Node {
  next: Map<number, Node>;
  form?: Form;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

/**
 * A character trie of glossary forms that matches leftmost-longest in one pass over the text,
 * tolerating up to `gap` whitespace characters (spaces, a hard wrap, blank lines) between the
 * characters of a form, as OCR leaves them. Linear in the text for a bounded form length.
 */
export class FormTrie {
  private root: Node = { next: new Map() };
  /** 1 for the UTF-16 units a form starts with: the scan skips every other character without a map lookup */
  private first = new Uint8Array(65536);
  /** with few first characters (the error forms), a regular expression of them jumps between candidates */
  private firstRe?: RegExp;
  /**
   * The forms' first two characters (c1 << 16 | c2), open-addressed: a candidate whose next character
   * (after any spaces) makes no form's start is passed over without walking the trie's maps. Most are
   * (a quarter of Chinese text starts some form: 中, 全, 新 …), and a map lookup cost more than this probe.
   */
  private readonly starts: Uint32Array;
  private readonly startsShift: number;
  /** 1 for a character that is a form by itself (no second character to check) */
  private whole = new Uint8Array(65536);

  constructor(forms: Iterable<Form>, private readonly gap = 6) {
    const starts: number[] = [];
    for (const f of forms) {
      if (f.text.length) this.first[f.text.charCodeAt(0)] = 1;
      if (f.text.length === 1) this.whole[f.text.charCodeAt(0)] = 1;
      else if (f.text.length > 1) starts.push(((f.text.charCodeAt(0) << 16) | f.text.charCodeAt(1)) >>> 0);
      let n = this.root;
      for (let i = 0; i < f.text.length; i++) {
        const c = f.text.charCodeAt(i);
        let m = n.next.get(c);
        if (!m) n.next.set(c, (m = { next: new Map() }));
        n = m;
      }
      if (!n.form || n.form.error) n.form = f;
    }
    let bits = 10;
    while (1 << bits < 4 * starts.length) bits++;
    const size = 1 << bits;
    this.starts = new Uint32Array(size);
    this.startsShift = 32 - bits;
    for (const key of starts) {
      let slot = Math.imul(key, 0x9e3779b1) >>> this.startsShift;
      while (this.starts[slot] !== 0 && this.starts[slot] !== key) slot = (slot + 1) & (size - 1);
      this.starts[slot] = key;
    }
    const firsts = [...this.root.next.keys()];
    if (firsts.length <= 32) this.firstRe = new RegExp(firsts.length ? `[${firsts.map((c) => '\\u' + c.toString(16).padStart(4, '0')).join('')}]` : '[^\\s\\S]', 'g');
  }

  /** Whether some form starts with c1 c2. */
  private startsWith(c1: number, c2: number): boolean {
    const key = ((c1 << 16) | c2) >>> 0;
    const starts = this.starts;
    const mask = starts.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.startsShift; ; slot = (slot + 1) & mask) {
      const k = starts[slot];
      if (k === key) return true;
      if (k === 0) return false;
    }
  }

  /** Calls `hit` for each leftmost-longest match, without overlaps. */
  scan(text: string, hit: (start: number, end: number, form: Form) => void): void {
    const root = this.root.next;
    const first = this.first;
    const re = this.firstRe;
    const len = text.length;
    let i = 0;
    while (i < len) {
      if (re) {
        re.lastIndex = i;
        if (!re.test(text)) return;
        i = re.lastIndex - 1;
      } else if (first[text.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      const c1 = text.charCodeAt(i);
      if (this.whole[c1] === 0) {
        // no form starts with this character and the next one (spaces between allowed, as below)
        let k = i + 1;
        while (k < len && k - i - 1 < this.gap && isWs(text.charCodeAt(k))) k++;
        if (k >= len || !this.startsWith(c1, text.charCodeAt(k))) {
          i++;
          continue;
        }
      }
      let node = root.get(c1);
      if (!node) {
        i++;
        continue;
      }
      let j = i + 1;
      let bestEnd = -1;
      let best: Form | undefined;
      for (;;) {
        if (node.form) {
          bestEnd = j;
          best = node.form;
        }
        if (!node.next.size) break;
        let k = j;
        while (k < len && k - j < this.gap && isWs(text.charCodeAt(k))) k++;
        if (k >= len) break;
        const child: Node | undefined = node.next.get(text.charCodeAt(k));
        if (!child) break;
        node = child;
        j = k + 1;
      }
      if (best) {
        hit(i, bestEnd, best);
        i = bestEnd;
      } else i++;
    }
  }
}
