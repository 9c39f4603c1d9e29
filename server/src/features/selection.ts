/**
 * Expand selection for policy texts: sentence → paragraph → the sections around it (heading, then
 * the whole section, outward) → the document.
 */
import type { SelectionRange } from 'vscode-languageserver/node';
import type { FeatureModule, ServerContext } from '../context';
import type { Analysis } from '../core/analyzer';
import type { OutlineSymbol } from '../outline/outline';
import { toRange } from './convert';

const SENTENCE_END = new Set([...'。！？；!?…']);
const CLOSERS = new Set([...'”’」』）)】》']);

interface Span {
  start: number;
  end: number;
}

/** The nested spans around an offset, innermost first, each strictly containing the one before. */
export function selectionSpans(a: Analysis, offset: number): Span[] {
  const { model } = a;
  const text = model.text;
  const candidates: Span[] = [];
  const add = (s: Span) => void (s.end > s.start && candidates.push(s));
  offset = Math.max(0, Math.min(offset, text.length));
  const line = model.lineAt(offset);
  // the paragraph: the run of non-blank lines around the offset
  const paras = model.paragraphs;
  let lo = 0;
  let hi = paras.length - 1;
  let para: Span | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (paras[mid].endLine < line) lo = mid + 1;
    else if (paras[mid].startLine > line) hi = mid - 1;
    else {
      para = { start: paras[mid].start, end: paras[mid].end };
      break;
    }
  }
  let block: Span | undefined;
  if (para) {
    // in single-spaced text a paragraph is a run of lines joined by hard wraps: lines that end mid-sentence
    block = para;
    let first = line;
    let last = line;
    const endsSentence = (l: number) => {
      const s = model.lineText(l).trimEnd();
      const c = s[s.length - 1];
      return !s || SENTENCE_END.has(c) || (CLOSERS.has(c) && SENTENCE_END.has(s[s.length - 2])) || c === '：';
    };
    while (first > 0 && model.lineStart(first - 1) >= block.start && !endsSentence(first - 1)) first--;
    while (model.lineEnd(last) < block.end && !endsSentence(last)) last++;
    para = { start: Math.max(block.start, model.lineStart(first)), end: Math.min(block.end, model.lineEnd(last)) };
    // the sentence: from after the previous sentence end to the next one (closers included)
    let s = offset;
    while (s > para.start) {
      const c = text[s - 1];
      if (SENTENCE_END.has(c) || (CLOSERS.has(c) && s - 2 >= para.start && SENTENCE_END.has(text[s - 2]))) break;
      s--;
    }
    while (s < offset && /\s/.test(text[s])) s++;
    let e = offset;
    while (e < para.end && !SENTENCE_END.has(text[e])) e++;
    while (e < para.end && SENTENCE_END.has(text[e])) e++;
    while (e < para.end && CLOSERS.has(text[e])) e++;
    if (e > s) add({ start: s, end: e });
    add(para);
    add(block);
  }
  // the sections around it, innermost first
  const path: OutlineSymbol[] = [];
  let level = a.outline;
  for (;;) {
    const s = level.find((x) => x.start <= offset && offset <= x.end);
    if (!s) break;
    path.push(s);
    level = s.children;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (offset >= s.selStart && offset <= s.selEnd) add({ start: s.selStart, end: s.selEnd });
    add({ start: s.start, end: s.end });
  }
  add({ start: 0, end: text.length });
  // a chain: smallest first, each containing the one before
  candidates.sort((x, y) => x.end - x.start - (y.end - y.start));
  const spans: Span[] = [];
  for (const c of candidates) {
    const last = spans[spans.length - 1];
    if (last && (c.start > last.start || c.end < last.end || (c.start === last.start && c.end === last.end))) continue;
    spans.push(c);
  }
  return spans;
}

export function selectionRange(a: Analysis, offset: number): SelectionRange {
  const spans = selectionSpans(a, offset);
  let parent: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) parent = { range: toRange(a.model, spans[i].start, spans[i].end), parent };
  return parent ?? { range: toRange(a.model, offset, offset) };
}

export const register: FeatureModule = (ctx: ServerContext) => {
  ctx.connection.onSelectionRanges(async (p) => {
    const doc = ctx.documents.get(p.textDocument.uri);
    if (!doc) return [];
    const a = await ctx.analysisOf(doc);
    return p.positions.map((pos) => selectionRange(a, a.model.offsetAt(pos)));
  });
  return { selectionRangeProvider: true };
};
