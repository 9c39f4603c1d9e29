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

  constructor(forms: Iterable<Form>, private readonly gap = 6) {
    for (const f of forms) {
      if (f.text.length) this.first[f.text.charCodeAt(0)] = 1;
      let n = this.root;
      for (let i = 0; i < f.text.length; i++) {
        const c = f.text.charCodeAt(i);
        let m = n.next.get(c);
        if (!m) n.next.set(c, (m = { next: new Map() }));
        n = m;
      }
      if (!n.form || n.form.error) n.form = f;
    }
    const firsts = [...this.root.next.keys()];
    if (firsts.length <= 32) this.firstRe = new RegExp(firsts.length ? `[${firsts.map((c) => '\\u' + c.toString(16).padStart(4, '0')).join('')}]` : '[^\\s\\S]', 'g');
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
      let node = root.get(text.charCodeAt(i));
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
