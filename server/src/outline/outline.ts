import type { TextModel } from '../core/text';

export type SymbolKind = 'title' | 'heading' | 'numbered' | 'leadin' | 'question' | 'toc' | 'tocEntry' | 'headline';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** nesting rank: smaller ranks contain larger ones */
  rank: number;
  /** section range (offsets): from the heading to the end of the section */
  start: number;
  end: number;
  /** the heading itself */
  selStart: number;
  selEnd: number;
  children: OutlineSymbol[];
}

const CN = '[一二三四五六七八九十百零〇]+';
const PATTERNS: { re: RegExp; rank: number; kind: SymbolKind }[] = [
  { re: new RegExp(`^第${CN}编`), rank: 7, kind: 'numbered' },
  { re: new RegExp(`^第${CN}章`), rank: 8, kind: 'numbered' },
  { re: new RegExp(`^第${CN}节`), rank: 9, kind: 'numbered' },
  { re: new RegExp(`^${CN}、`), rank: 10, kind: 'numbered' },
  { re: new RegExp(`^[（(]${CN}[)）]`), rank: 11, kind: 'numbered' },
  { re: /^[0-9]{1,2}[.．、](?![0-9])/, rank: 12, kind: 'numbered' },
  { re: /^[（(][0-9]{1,2}[)）]/, rank: 13, kind: 'numbered' },
  { re: new RegExp(`^第${CN}条`), rank: 14, kind: 'numbered' },
];

const QUESTION = /^(?:问|记者)[：:]/;
const ANSWER = /^答[：:]/;

/** A heading's display name: Markdown markers, emphasis, dot leaders and letter-spacing removed. */
export function cleanName(s: string): string {
  let n = s.trim().replace(/^#{1,6}\s*/, '').replace(/\*\*/g, '').replace(/[…．.·]{3,}.*$/, '').trim();
  // letter-spaced: `目 录`, `以 高 标 准`
  if (/^(\S\s+){1,}\S$/.test(n) && n.replace(/\s/g, '').length >= 2 && n.split(/\s+/).every((t) => t.length === 1)) n = n.replace(/\s+/g, '');
  return n;
}

/** The lead-in of a numbered paragraph: `（一）指导思想。以…` → `（一）指导思想`. */
function leadIn(s: string, max = 40): string {
  const m = /^(.{1,40}?)[。：:]/.exec(s);
  if (m && m[1].length <= max) return m[1];
  return s.length > max ? s.slice(0, max) + '…' : s;
}

/**
 * The outline of a document: Markdown headings, Chinese numbered headings, questions (问：) with
 * their answers inside their range. Symbols nest by rank; each range runs to the next symbol of the
 * same or a smaller rank.
 */
export function buildOutline(model: TextModel): OutlineSymbol[] {
  const flat: OutlineSymbol[] = [];
  const n = model.lineCount;
  for (let line = 0; line < n; line++) {
    const raw = model.lineText(line);
    const s = raw.trim();
    if (!s) continue;
    const ls = model.lineStart(line) + raw.indexOf(s);
    const le = ls + s.length;
    const h = /^(#{1,6})\s+(.*)$/.exec(s);
    if (h) {
      const name = cleanName(h[2]);
      if (name) flat.push(sym(name, 'heading', h[1].length, ls, le));
      continue;
    }
    if (QUESTION.test(s)) {
      // a question hard-wrapped over following lines (blank lines between allowed) is named whole
      let q = s.replace(QUESTION, '').trim();
      let endLine = line;
      let selEnd = le;
      for (let k = line + 1; k < n && k <= line + 6 && !/[？?]\s*$/.test(q); k++) {
        const t = model.lineText(k).trim();
        if (!t) continue;
        if (ANSWER.test(t) || QUESTION.test(t)) break;
        q += t;
        endLine = k;
        selEnd = model.lineEnd(k);
      }
      flat.push(sym(q, 'question', 20, ls, selEnd));
      line = endLine;
      continue;
    }
    for (const p of PATTERNS) {
      if (!p.re.test(s)) continue;
      const body = s.replace(/\*\*/g, '');
      // a heading is a short line, or a numbered paragraph whose lead-in sentence names it
      const short = body.length <= 40 && !/[，；]/.test(body.slice(0, -1));
      const name = short ? body.replace(/[。：:]$/, '') : leadIn(body);
      if (!short && name.endsWith('…')) break; // a long numbered list item, not a heading
      flat.push(sym(name, short ? p.kind : 'leadin', p.rank, ls, le));
      break;
    }
  }
  return nest(flat, model.text.length, (offset) => endBefore(model, offset));
}

/** End of the last non-blank line before `offset`. */
function endBefore(model: TextModel, offset: number): number {
  let line = model.lineAt(offset) - 1;
  while (line > 0 && model.isBlankLine(line)) line--;
  return line >= 0 ? model.lineEnd(line) : offset;
}

function sym(name: string, kind: SymbolKind, rank: number, start: number, end: number): OutlineSymbol {
  return { name, kind, rank, start, end, selStart: start, selEnd: end, children: [] };
}

/** Nest a flat list by rank and extend each range to the start of the next symbol that closes it. */
export function nest(flat: OutlineSymbol[], docEnd: number, endBefore: (offset: number) => number = (o) => o): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: OutlineSymbol[] = [];
  const close = (s: OutlineSymbol, at: number) => {
    s.end = Math.max(s.selEnd, at);
  };
  for (const s of flat) {
    while (stack.length && stack[stack.length - 1].rank >= s.rank) close(stack.pop()!, endBefore(s.start));
    (stack.length ? stack[stack.length - 1].children : roots).push(s);
    stack.push(s);
  }
  while (stack.length) close(stack.pop()!, docEnd);
  return roots;
}
