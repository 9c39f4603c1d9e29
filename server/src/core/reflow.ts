import { CLOSERS, isAsciiLetter, isDigit, isHan, isInlineSpace } from './cjk';
import type { Span, TextModel } from './text';
import type { Edit } from '../rules/types';

/**
 * Layout analysis shared by `hard-wrap`, `split-paragraph` and the Reflow Paragraphs command.
 *
 * Newspaper OCR gives one line per column line (every ~16 characters, often with a blank line between
 * lines). A wrapped paragraph is a sequence of such lines up to a line that ends a sentence and is
 * short, or that is followed by a line that starts a paragraph (lost indentation, `问：`, a heading).
 * Everything here is linear in the size of the document.
 */

/** Lines at most this wide (in character cells) can be column lines. */
const MAX_COLUMN = 40;
/** How many blank lines may stand between two lines of one column. */
const MAX_GAP = 2;

const FINAL = new Set([...'。！？；：…!?;:'].map((c) => c.charCodeAt(0)));
const SENTENCE_PUNCT = /[，。；！？：,;!?]/;

/** Display width of a line's content in character cells: Han 1, CJK punctuation ¾ (often compressed), ASCII ½. */
export function cellWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isInlineSpace(c)) continue;
    if (isHan(c)) w += 1;
    else if (c < 128) w += 0.5;
    else w += 0.75;
  }
  return w;
}

/** Whether a line's content (trimmed) ends a sentence: 。！？；：… possibly followed by closing quotes or brackets, or a closer. */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isInlineSpace(s.charCodeAt(i))) i--;
  if (i < 0) return false;
  const c = s.charCodeAt(i);
  if (FINAL.has(c)) return true;
  // `…”` / `。）` / a closing bracket or quote at the end of a line is treated as an end (spec: ends in ” or ）)
  return CLOSERS.has(c);
}

/** A line that opens a new paragraph whatever the previous line looked like. */
const STRONG_START = /^[ \t\u3000]*(?:问[：:]|答[：:]|#{1,6}[ \t]|[■□◆●▲◇※]|[（(【〔][ \t\u3000]*(?:上接|下转)|——|[-*+][ \t]|本报讯|新华社.{0,12}电)/u;
/** A line that opens a new paragraph when the previous line ended a sentence. */
const WEAK_START = /^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十]{1,3}[，、章节条部分]|首先|其次|最后|此外|同时，|另外)/u;
/** A line that is only a page marker (`（上接第 1版）`, `■下转第3版`, `- 12 -`). */
const MARKER_LINE = /^[ \t\u3000]*(?:[■□◆●▲◇※]?[ \t\u3000]*[（(【〔]?[ \t\u3000]*(?:上接|下转|转接|接|转|续)[ \t\u3000]*第?[ \t\u3000]*[A-Za-z]?[ \t\u3000]*[0-9０-９一二三四五六七八九十]{1,3}[ \t\u3000]*版[ \t\u3000]*[)）】〕]?|[-－—–·•][ \t\u3000]*\d{1,4}[ \t\u3000]*[-－—–·•])[ \t\u3000]*$/u;
/** A byline or a signature: `本报评论员`, `□新华社记者 葛晨 张忠霞`, `中华人民共和国主席 习近平`. */
const BYLINE = /^[ \t\u3000]*[（(□■]?[^，。；！？]{0,16}(?:记者|通讯员|评论员|特约评论员|撰稿人|作者|摄影|编辑|主席|总理|实习生)(?:[ \t\u3000]+[\u4e00-\u9fff·]{2,5})*[ \t\u3000]*[）)]?[ \t\u3000]*$/u;
const TOC = /(…{2,}|\.{4,}|·{3,})[ \t]*[(（]?\d+[)）]?[ \t]*$/;
/** Two clauses of a headline separated by a space: `锚定既定奋斗目标 意气风发走向未来`. */
const CLAUSE_SPACE = /[\u4e00-\u9fff”》]{4}[ \t\u3000]+[“《\u4e00-\u9fff]{4}/u;

export type LineKind = 'body' | 'heading' | 'marker' | 'byline';

export interface LayoutLine {
  line: number;
  /** offsets of the content, without leading and trailing inline whitespace */
  start: number;
  end: number;
  width: number;
  final: boolean;
  kind: LineKind;
  strongStart: boolean;
  weakStart: boolean;
  /** letter-spaced: most tokens are single characters */
  spaced: boolean;
}

export interface WrappedParagraph {
  /** the non-blank lines of the paragraph, in order (at least two) */
  lines: LayoutLine[];
  start: number;
  end: number;
}

export interface Layout {
  /** paragraphs of hard-wrapped text (two or more lines to join) */
  wrapped: WrappedParagraph[];
  /** every line that lies in hard-wrapped territory */
  territory: Set<number>;
}

const cache = new WeakMap<TextModel, Layout>();

function contentSpan(model: TextModel, line: number): Span {
  const text = model.text;
  let s = model.lineStart(line);
  let e = model.lineEnd(line);
  while (s < e && isInlineSpace(text.charCodeAt(s))) s++;
  while (e > s && isInlineSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/** Letter-spaced line: at least four single-Han tokens in a row (`潘 东 升 ，男 ，汉 族`). */
export function isLetterSpacedLine(s: string): boolean {
  const toks = s.split(/[ \t\u3000]+/).filter(Boolean);
  let run = 0;
  let best = 0;
  let multi = 0;
  for (const t of toks) {
    let han = 0;
    for (let i = 0; i < t.length; i++) if (isHan(t.charCodeAt(i))) han++;
    if (han > 1) multi++;
    if (han === 1 && t.length <= 3) run++;
    else if (han === 0 && t.length <= 1) continue; // a lone quote or bracket between letters
    else run = 0;
    if (run > best) best = run;
  }
  // most of the line is spaced out, not just a run inside ordinary text
  return best >= 4 && multi * 4 <= toks.length;
}

/** a Chinese numbered heading: 一、 （一） 第一章 第一节 第一条 1. （1） */
const NUMBERED_HEADING = /^(第[一二三四五六七八九十百零〇]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])/;

function classify(model: TextModel, line: number): LayoutLine {
  const { start, end } = contentSpan(model, line);
  const s = model.text.slice(start, end);
  let kind: LineKind = 'body';
  const spaced = end - start <= 4 * MAX_COLUMN && isLetterSpacedLine(s);
  if (MARKER_LINE.test(s)) kind = 'marker';
  else if (/^#{1,6}[ \t]/.test(s) || TOC.test(s) || (/^——/.test(s) && !/[。！？；]/.test(s)) || /^\*\*[^*]+\*\*$/.test(s)) kind = 'heading';
  else if (s.length <= 40 && NUMBERED_HEADING.test(s) && !SENTENCE_PUNCT.test(s)) kind = 'heading';
  else if (s.length <= 30 && BYLINE.test(s)) kind = 'byline';
  else if (s.length <= 60 && !SENTENCE_PUNCT.test(s) && CLAUSE_SPACE.test(s) && !spaced) kind = 'heading';
  return {
    line,
    start,
    end,
    width: end - start > 4 * MAX_COLUMN ? 1e9 : cellWidth(s),
    final: endsSentence(s),
    kind,
    strongStart: STRONG_START.test(s),
    weakStart: WEAK_START.test(s),
    spaced,
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/** Hard-wrapped paragraphs of the document (memoised per model). */
export function layout(model: TextModel): Layout {
  const hit = cache.get(model);
  if (hit) return hit;
  const wrapped: WrappedParagraph[] = [];
  const territory = new Set<number>();
  // runs of short non-blank lines with small gaps between them
  let run: LayoutLine[] = [];
  let gaps: number[] = [];
  let lastLine = -1;
  const flush = () => {
    if (run.length >= 2) analyseRun(model, run, gaps, wrapped, territory);
    run = [];
    gaps = [];
  };
  for (let l = 0; l < model.lineCount; l++) {
    if (model.isBlankLine(l)) continue;
    const ll = classify(model, l);
    if (ll.width > MAX_COLUMN) {
      flush();
      lastLine = -1;
      continue;
    }
    if (run.length && l - lastLine - 1 > MAX_GAP) flush();
    if (run.length) gaps.push(l - lastLine - 1);
    run.push(ll);
    lastLine = l;
  }
  flush();
  const out = { wrapped, territory };
  cache.set(model, out);
  return out;
}

function startsContinuation(model: TextModel, ll: LayoutLine): boolean {
  const c = model.text.charCodeAt(ll.start);
  return isHan(c) || isDigit(c) || isAsciiLetter(c) || /[，、。；：！？）》”’…—%·《“‘（(【「]/.test(model.text[ll.start]);
}

function analyseRun(model: TextModel, run: LayoutLine[], gaps: number[], wrapped: WrappedParagraph[], territory: Set<number>): void {
  const text = model.text;
  const body = run.filter((x) => x.kind === 'body');
  if (body.length < 3) return;
  // does this look like column text at all? some sentence punctuation, and lines of a usable width
  let punct = false;
  let hanChars = 0;
  let chars = 0;
  for (const x of body) {
    const s = text.slice(x.start, x.end);
    if (SENTENCE_PUNCT.test(s)) punct = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (isInlineSpace(c)) continue;
      chars++;
      if (isHan(c)) hanChars++;
    }
  }
  // Chinese column text: some sentence punctuation, and mostly Chinese characters
  if (!punct || hanChars * 2 < chars) return;
  const typicalGap = gaps.length ? percentile(gaps, 0.5) : 0;
  const widthAt = (k: number): number => {
    const ws: number[] = [];
    for (let j = Math.max(0, k - 6); j <= Math.min(run.length - 1, k + 6); j++) if (run[j].kind === 'body') ws.push(run[j].width);
    return ws.length ? percentile(ws, 0.7) : run[k].width;
  };
  // letter-spaced headline lines at the start of a paragraph, and lines glued to a heading, are headings too
  const ends: boolean[] = new Array(run.length).fill(false);
  for (let k = 0; k < run.length; k++) {
    const cur = run[k];
    const next = run[k + 1];
    const prevEnded = k === 0 || ends[k - 1];
    const s = text.slice(cur.start, cur.end);
    if (cur.kind === 'body' && prevEnded && cur.spaced && !SENTENCE_PUNCT.test(s)) cur.kind = 'heading';
    if (cur.kind === 'body' && k > 0 && run[k - 1].kind !== 'body' && run[k - 1].kind !== 'marker' && gaps[k - 1] < typicalGap && !SENTENCE_PUNCT.test(s)) cur.kind = 'heading';
    if (!next) {
      ends[k] = true;
      break;
    }
    const W = widthAt(k);
    let end = false;
    if (cur.kind !== 'body' || next.kind !== 'body') end = true;
    else if (next.strongStart) end = true;
    else if (gaps[k] > typicalGap) end = true;
    else if (!startsContinuation(model, next)) end = true;
    else if (cur.final) {
      if (cur.width <= W - 2) end = true;
      else if (next.weakStart) end = true;
      else if (!next.final && next.width <= W - 1.5) end = true;
    } else if (cur.width < 0.6 * W) end = true;
    ends[k] = end;
  }
  // is this column text? enough full lines that continue on the next line
  let continuing = 0;
  for (let k = 0; k + 1 < run.length; k++) {
    if (ends[k] || run[k].kind !== 'body') continue;
    const W = widthAt(k);
    if (!run[k].final && W >= 8 && Math.abs(run[k].width - W) <= 3) continuing++;
  }
  if (continuing < 2) return;
  let cur: LayoutLine[] = [];
  for (let k = 0; k < run.length; k++) {
    territory.add(run[k].line);
    cur.push(run[k]);
    if (ends[k]) {
      if (cur.length >= 2) wrapped.push({ lines: cur, start: cur[0].start, end: cur[cur.length - 1].end });
      cur = [];
    }
  }
  // the blank lines between lines of the run belong to the territory too
  for (let k = 0; k + 1 < run.length; k++) for (let l = run[k].line + 1; l < run[k + 1].line; l++) territory.add(l);
}

/** The edit that joins the content ending at `leftEnd` with the content starting at `rightStart`. */
export function joinEdit(text: string, leftEnd: number, rightStart: number): Edit {
  const a = text.charCodeAt(leftEnd - 1);
  const b = text.charCodeAt(rightStart);
  const latin = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 44 || c === 46;
  // English words wrapped across lines keep a space between them
  const sep = isAsciiLetter(a) && latin(b) ? ' ' : latin(a) && isAsciiLetter(b) ? ' ' : '';
  return { start: leftEnd, end: rightStart, newText: sep };
}

/** The edits that join a wrapped paragraph's lines into one. */
export function wrappedEdits(model: TextModel, p: WrappedParagraph): Edit[] {
  const out: Edit[] = [];
  for (let k = 0; k + 1 < p.lines.length; k++) out.push(joinEdit(model.text, p.lines[k].end, p.lines[k + 1].start));
  return out;
}

export interface SplitBreak {
  /** offset of the last character before the break and just after the first character after it */
  start: number;
  end: number;
  /** the edit that merges the two parts */
  edit: Edit;
  beforeLine: number;
  afterLine: number;
}

export interface WordKnowledge {
  isWord?: (w: string) => boolean;
  isTerm?: (w: string) => boolean;
}

const OPEN_END = /[\u4e00-\u9fff0-9A-Za-z，、“‘《（(—]$/u;

/**
 * Sentences split by blank lines (a page or column break) in normally paragraphed text: a paragraph that
 * ends mid-sentence followed by a paragraph that continues it. Hard-wrapped territory is left to `hard-wrap`.
 */
export function splitBreaks(model: TextModel, know: WordKnowledge = {}): SplitBreak[] {
  const text = model.text;
  const { territory } = layout(model);
  const paras = model.paragraphs;
  const out: SplitBreak[] = [];
  for (let i = 0; i + 1 < paras.length; i++) {
    const P = paras[i];
    const Q = paras[i + 1];
    if (territory.has(P.endLine) || territory.has(Q.startLine)) continue;
    const last = classify(model, P.endLine);
    const first = classify(model, Q.startLine);
    if (last.kind !== 'body' || first.kind !== 'body') continue;
    const ls = text.slice(last.start, last.end);
    if (!ls || !OPEN_END.test(ls)) continue;
    if (first.strongStart || first.weakStart || !startsContinuation(model, first)) continue;
    if (/^#{1,6}[ \t]|^[-*+][ \t]|^>/.test(ls)) continue;
    if (P.startLine === P.endLine) {
      // a short one-line paragraph without sentence punctuation is a heading or a signature, unless the break tears a word
      if (ls.length < 20 && !SENTENCE_PUNCT.test(ls.slice(0, -1)) && !tornAcross(text, last.end, first.start, know)) continue;
      // a salutation: `尊敬的拉马福萨总统，`
      if (ls.length < 20 && /[，,]$/.test(ls)) continue;
      // a date or a signature line
      if (/^[\d\s年月日]+$/.test(ls)) continue;
    }
    out.push({ start: last.end - 1, end: first.start + 1, edit: joinEdit(text, last.end, first.start), beforeLine: P.endLine, afterLine: Q.startLine });
  }
  return out;
}

/** Whether a word or a known term runs across the break between `leftEnd` and `rightStart`. */
function tornAcross(text: string, leftEnd: number, rightStart: number, know: WordKnowledge): boolean {
  const { isWord, isTerm } = know;
  for (let l = 1; l <= 4; l++) {
    for (let r = 1; r <= 4; r++) {
      if (l + r < 2 || leftEnd - l < 0 || rightStart + r > text.length) continue;
      const w = text.slice(leftEnd - l, leftEnd) + text.slice(rightStart, rightStart + r);
      let han = true;
      for (let i = 0; i < w.length; i++) if (!isHan(w.charCodeAt(i))) han = false;
      if (!han) continue;
      if (isTerm?.(w)) return true;
      if (l + r === 2 && isWord?.(w)) return true;
    }
  }
  return false;
}

/**
 * Reflow: the edits that join hard-wrapped lines and merge split paragraphs, across the whole document
 * or within `range` (offsets; a paragraph is taken when it overlaps the range). Edits do not overlap.
 */
export function reflow(model: TextModel, range?: Span, know: WordKnowledge = {}): Edit[] {
  const inRange = (s: number, e: number) => !range || (s <= range.end && e >= range.start);
  const edits: Edit[] = [];
  for (const p of layout(model).wrapped) if (inRange(p.start, p.end)) edits.push(...wrappedEdits(model, p));
  for (const b of splitBreaks(model, know)) if (inRange(b.start, b.end)) edits.push(b.edit);
  edits.sort((a, b) => a.start - b.start);
  return edits;
}
