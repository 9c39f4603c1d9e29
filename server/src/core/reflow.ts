import { CLOSERS, HAN_RANGES, isAsciiLetter, isDigit, isHan, isInlineSpace } from './cjk';
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

/** A line that opens a new paragraph whatever the previous line looked like (so does a field: isField). */
const FIELD = String.raw`(?:时间|地点|主持人?|参加人员|参会人员|出席|列席|记录人?|联系人|联系电话|电话|传真|地址|邮编|邮箱|附件|抄送|主送|签发人|主题词|发布时间|来源|责任编辑|审核|日期)[ \t\u3000]*[：:]`;
const STRONG_START = /^[ \t\u3000]*(?:问[：:]|答[：:]|#{1,6}[ \t]|[■□◆●▲◇※]|[（(【〔][ \t\u3000]*(?:上接|下转)|——|[-*+][ \t]|本报讯|新华社.{0,12}电)/u;
/** A field of a header or a footer: `时间：…`, `联系人：…`, `附件：…` (no sentence reads on from it). */
const FIELD_LINE = new RegExp(String.raw`^[ \t\u3000]*${FIELD}`, 'u');

/**
 * Whether the line's content [start, end) starts with a field (FIELD_LINE): a colon among its first
 * characters first (most lines have none there), then the expression on those characters only.
 */
function isField(text: string, start: number, end: number): boolean {
  const stop = Math.min(end, start + 8);
  for (let i = start + 2; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff1a || c === 0x3a) return FIELD_LINE.test(text.slice(start, i + 1));
  }
  return false;
}
/** A line that opens a new paragraph when the previous line ended a sentence. */
const WEAK_START = /^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十]{1,3}[，、章节条部分]|首先|其次|最后|此外|同时，|另外)/u;
/** A line that is only a page marker (`（上接第 1版）`, `■下转第3版`, `- 12 -`). */
const MARKER_LINE = /^[ \t\u3000]*(?:[■□◆●▲◇※]?[ \t\u3000]*[（(【〔]?[ \t\u3000]*(?:上接|下转|转接|接|转|续)[ \t\u3000]*第?[ \t\u3000]*[A-Za-z]?[ \t\u3000]*[0-9０-９一二三四五六七八九十]{1,3}[ \t\u3000]*版[ \t\u3000]*[)）】〕]?|[-－—–·•][ \t\u3000]*\d{1,4}[ \t\u3000]*[-－—–·•])[ \t\u3000]*$/u;
/** A byline or a signature: `本报评论员`, `□新华社记者 葛晨 张忠霞`, `中华人民共和国主席 习近平`. */
const BYLINE = /^[ \t\u3000]*[（(□■]?[^，。；！？]{0,16}(?:记者|通讯员|评论员|特约评论员|撰稿人|作者|摄影|编辑|主席|总理|实习生)(?:[ \t\u3000]+[\u4e00-\u9fff·]{2,5})*[ \t\u3000]*[）)]?[ \t\u3000]*$/u;
const TOC = /(…{2,}|\.{4,}|·{3,})[ \t]*[(（]?\d+[)）]?[ \t]*$/;
/** Two clauses of a headline separated by a space: `锚定既定奋斗目标 意气风发走向未来`. */
const CLAUSE_SPACE = /[\u4e00-\u9fff”》]{4}[ \t\u3000]+[“《\u4e00-\u9fff]{4}/u;
/** a Chinese numbered heading: 一、 （一） 第一章 第一节 第一条 1. （1） */
const NUMBERED_HEADING = /^(第[一二三四五六七八九十百零〇]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])/;

/*
 * Character classes, one bit each, so that a line is classified by a single pass over its code units and
 * a regular expression above runs only on the few lines whose first or last character lets it match.
 * Each "first"/"last" class is exactly the set of characters the corresponding expression can start or
 * end with on trimmed content; keep them in step with the expressions.
 */
const C = new Uint16Array(65536);
/** separates tokens (letter-spacing) and clauses: [ \t\u3000], isInlineSpace without NBSP */
const SEP = 1;
/** SENTENCE_PUNCT */
const PUNCT = 2;
/** first character of a BYLINE keyword */
const BYLINE_KEY = 4;
/** second character of a BYLINE keyword */
const BYLINE_KEY2 = 8;
/** can start STRONG_START */
const F_STRONG = 16;
/** can start WEAK_START */
const F_WEAK = 32;
/** can start NUMBERED_HEADING */
const F_NUMBERED = 64;
/** can start MARKER_LINE */
const F_MARKER = 128;
/** can end MARKER_LINE */
const L_MARKER = 256;
/** can end TOC */
const L_TOC = 512;
/** ends a sentence: 。！？；：… or a closing bracket or quote */
const END = 1024;
/** can start a line that continues the previous one (`startsContinuation`) */
const CONT = 2048;
/** can end a paragraph that stops mid-sentence (`OPEN_END`) */
const OPEN = 4096;
function mark(chars: string, bit: number): void {
  for (let i = 0; i < chars.length; i++) C[chars.charCodeAt(i)] |= bit;
}
const DIGITS = '0123456789';
const NUMERALS = '一二三四五六七八九十';
mark('问答#■□◆●▲◇※（(【〔—-*+本新', F_STRONG);
mark(NUMERALS + '（(' + DIGITS + '第首其最此同另', F_WEAK);
mark('第' + NUMERALS + '（(' + DIGITS, F_NUMBERED);
mark('■□◆●▲◇※（(【〔上下转接续-－—–·•', F_MARKER);
mark('版)）】〕-－—–·•', L_MARKER);
mark(DIGITS + ')）', L_TOC);
mark('，。；！？：,;!?', PUNCT);
for (const c of FINAL) C[c] |= END;
for (const c of CLOSERS) C[c] |= END;
mark('，、。；：！？）》”’…—%·《“‘（(【「', CONT);
mark('，、“‘《（(—' + DIGITS + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', OPEN);
mark(' \t\u3000', SEP);
/**
 * Per character, three counts packed into one number so that a line's are summed with one addition per
 * character: its display width in quarter cells (Han 4, ASCII 2, other punctuation 3 as it is often
 * compressed, inline spaces 0; bits 0–11), whether it is Han (bits 12–19) and whether it is an inline
 * space (bits 20–27). A line of at most 4 × MAX_COLUMN characters cannot overflow a field; the sums are exact.
 */
const COUNTS = new Uint32Array(65536);
const QUARTER_MASK = 0xfff;
const HAN_SHIFT = 12;
const SPACE_SHIFT = 20;
const COUNT_MASK = 0xff;
// (filled by ranges rather than by a loop over every unit calling isHan: that loop was most of the bundle's start-up)
COUNTS.fill(2, 0, 128);
COUNTS.fill(3, 128);
for (const [a, b] of HAN_RANGES) {
  COUNTS.fill(4 | (1 << HAN_SHIFT), a, b + 1);
  for (let c = a; c <= b; c++) C[c] |= CONT;
}
for (const c of [0x20, 0x09, 0x3000, 0xa0]) COUNTS[c] = 1 << SPACE_SHIFT; // isInlineSpace: no width
for (let c = 0; c < 128; c++) if (isDigit(c) || isAsciiLetter(c)) C[c] |= CONT;
for (let c = 0x4e00; c <= 0x9fff; c++) C[c] |= OPEN;
/** The second character of each BYLINE keyword, by its first (`记者`, `通讯员`, … `实习生`). */
const BYLINE_SECOND = new Uint16Array(65536);
for (const w of ['记者', '通讯员', '评论员', '特约评论员', '撰稿人', '作者', '摄影', '编辑', '主席', '总理', '实习生']) {
  C[w.charCodeAt(0)] |= BYLINE_KEY;
  C[w.charCodeAt(1)] |= BYLINE_KEY2;
  BYLINE_SECOND[w.charCodeAt(0)] = w.charCodeAt(1);
}

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

/** A classified line with the counts `analyseRun` needs (set for lines of at most 4 × MAX_COLUMN code units). */
interface Line extends LayoutLine {
  /** has sentence punctuation (SENTENCE_PUNCT) */
  punct: boolean;
  /** Han characters, and characters other than inline spaces */
  han: number;
  chars: number;
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
  /** 1 for every line that lies in hard-wrapped territory, by line number */
  territory: Uint8Array;
  /**
   * The breaks between paragraphs (runs of non-blank lines, as `TextModel.paragraphs`), as pairs of lines:
   * the last line of a paragraph, then the first line of the next. Found on the way, for `splitBreaks`.
   */
  breaks: number[];
}

const cache = new WeakMap<TextModel, Layout>();

/** The content of a line without leading and trailing inline whitespace (empty for a blank line). */
function contentSpan(model: TextModel, line: number): Span {
  const text = model.text;
  let s = model.lineStart(line);
  let e = model.lineEnd(line);
  while (s < e && isInlineSpace(text.charCodeAt(s))) s++;
  while (e > s && isInlineSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/**
 * Whether text[start, end) is a letter-spaced line: at least four single-Han tokens in a row
 * (`潘 东 升 ，男 ，汉 族`), without building the string; tokens are separated by [ \t\u3000]+.
 */
export function isLetterSpacedSpan(text: string, start: number, end: number): boolean {
  let toks = 0;
  let run = 0;
  let best = 0;
  let multi = 0;
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x3000) {
      i++;
      continue;
    }
    const t = i;
    let han = 0;
    do {
      if (isHan(c)) han++;
      if (++i === end) break;
      c = text.charCodeAt(i);
    } while (c !== 0x20 && c !== 0x09 && c !== 0x3000);
    toks++;
    if (han > 1) multi++;
    if (han === 1 && i - t <= 3) run++;
    else if (han === 0 && i - t <= 1) continue; // a lone quote or bracket between letters
    else run = 0;
    if (run > best) best = run;
  }
  // most of the line is spaced out, not just a run inside ordinary text
  return best >= 4 && multi * 4 <= toks;
}

/**
 * Classify the trimmed, non-empty content text[start, end) of `line`. With `columnOnly`, `undefined` if
 * it is wider than MAX_COLUMN (layout only looks at lines that can be column lines; most are far wider).
 * The result is `into`, if given, filled in (layout reuses the objects of lines no paragraph kept).
 */
function classify(text: string, line: number, start: number, end: number, columnOnly: boolean, into?: Line): Line | undefined {
  const len = end - start;
  // one pass for the width and the character counts; only lines that can be column lines, or short headings, need them
  let width = 1e9;
  let any = 0; // the classes of all the characters, or-ed together
  let han = 0;
  let chars = 0;
  if (len <= 4 * MAX_COLUMN) {
    const max = columnOnly ? 4 * MAX_COLUMN : 4 * 4 * MAX_COLUMN; // width in quarter cells
    let counts = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      counts += COUNTS[c];
      if ((counts & QUARTER_MASK) > max) return undefined;
      any |= C[c];
    }
    han = (counts >> HAN_SHIFT) & COUNT_MASK;
    chars = len - ((counts >> SPACE_SHIFT) & COUNT_MASK);
    width = (counts & QUARTER_MASK) / 4;
  } else if (columnOnly) return undefined;
  const punct = (any & PUNCT) !== 0;
  const sep = (any & SEP) !== 0;
  const spaced = len <= 4 * MAX_COLUMN && sep && isLetterSpacedSpan(text, start, end);
  const first = text.charCodeAt(start);
  const fc = C[first];
  const lc = C[text.charCodeAt(end - 1)];
  let kind: LineKind = 'body';
  if (fc & F_MARKER && lc & L_MARKER && MARKER_LINE.test(text.slice(start, end))) kind = 'marker';
  else if (isHeading(text, start, end, first, lc)) kind = 'heading';
  else if (len <= 40 && fc & F_NUMBERED && !punct && NUMBERED_HEADING.test(text.slice(start, end))) kind = 'heading';
  else if (len <= 30 && (any & (BYLINE_KEY | BYLINE_KEY2)) === (BYLINE_KEY | BYLINE_KEY2) && hasBylineKeyword(text, start, end) && BYLINE.test(text.slice(start, end))) kind = 'byline';
  else if (len <= 60 && !punct && sep && !spaced && CLAUSE_SPACE.test(text.slice(start, end))) kind = 'heading';
  const ll = into ?? newLine();
  ll.line = line;
  ll.start = start;
  ll.end = end;
  ll.width = width;
  ll.final = (lc & END) !== 0;
  ll.kind = kind;
  ll.strongStart = ((fc & F_STRONG) !== 0 && STRONG_START.test(text.slice(start, end))) || isField(text, start, end);
  ll.weakStart = (fc & F_WEAK) !== 0 && WEAK_START.test(text.slice(start, end));
  ll.spaced = spaced;
  ll.punct = punct;
  ll.han = han;
  ll.chars = chars;
  return ll;
}

/** A blank Line, for `classify` to fill (always built with the same fields in the same order). */
function newLine(): Line {
  // width starts as a double (-0, which is 0 to every comparison): widths are quarters (10.75), and a field that
  // starts as a small integer changes its representation at the first of them, which throws away the
  // optimised code of every function that reads it (analyseRun was compiled three times per run)
  return { line: 0, start: 0, end: 0, width: -0, final: false, kind: 'body', strongStart: false, weakStart: false, spaced: false, punct: false, han: 0, chars: 0 };
}

/** Whether text[start, end) holds the first two characters of a BYLINE keyword (`记者`, `主席`, …): BYLINE cannot match without. */
function hasBylineKeyword(text: string, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i++) {
    const second = BYLINE_SECOND[text.charCodeAt(i)];
    if (second !== 0 && text.charCodeAt(i + 1) === second) return true;
  }
  return false;
}

/** A Markdown heading, a table-of-contents line, a `——` subtitle or a bold line. */
function isHeading(text: string, start: number, end: number, first: number, lc: number): boolean {
  if (first === 0x23 /* # */ && /^#{1,6}[ \t]/.test(text.slice(start, end))) return true;
  if (lc & L_TOC && TOC.test(text.slice(start, end))) return true;
  if (first === 0x2014 /* — */ && /^——/.test(text.slice(start, end)) && !/[。！？；]/.test(text.slice(start, end))) return true;
  return first === 0x2a /* * */ && /^\*\*[^*]+\*\*$/.test(text.slice(start, end));
}

/** How far (in lines of a run) the typical width around a line is taken from. */
const REACH = 6;

/**
 * The widths of the body lines within REACH lines of run[k], kept sorted while k moves down the run,
 * so that their 0.7 percentile (the typical width around a line) costs no sort per line.
 */
class WidthWindow {
  private readonly ws = new Float64Array(2 * REACH + 1);
  private n = 0;

  /** Just the window around run[k], as the kinds are now. */
  at(run: Line[], k: number): void {
    this.n = 0;
    const hi = Math.min(run.length - 1, k + REACH);
    for (let j = Math.max(0, k - REACH); j <= hi; j++) if (run[j].kind === 'body') this.add(run[j].width);
  }

  /** Move from run[k] to run[k + 1]: run[k - REACH] leaves, run[k + REACH + 1] comes in (each if a body line). */
  advance(run: Line[], k: number): void {
    if (k - REACH >= 0 && run[k - REACH].kind === 'body') this.remove(run[k - REACH].width);
    if (k + REACH + 1 < run.length && run[k + REACH + 1].kind === 'body') this.add(run[k + REACH + 1].width);
  }

  add(w: number): void {
    const ws = this.ws;
    let i = this.n++;
    while (i > 0 && ws[i - 1] > w) {
      ws[i] = ws[i - 1];
      i--;
    }
    ws[i] = w;
  }

  remove(w: number): void {
    const ws = this.ws;
    let i = 0;
    while (ws[i] !== w) i++;
    for (this.n--; i < this.n; i++) ws[i] = ws[i + 1];
  }

  /** The 0.7 percentile of the widths (as taken from the sorted list), or `fallback` if there are none. */
  typical(fallback: number): number {
    const n = this.n;
    return n ? this.ws[Math.min(n - 1, Math.floor(n * 0.7))] : fallback;
  }
}
const around = new WidthWindow();

/** Hard-wrapped paragraphs of the document (memoised per model). */
export function layout(model: TextModel): Layout {
  const hit = cache.get(model);
  if (hit) return hit;
  const text = model.text;
  const wrapped: WrappedParagraph[] = [];
  const territory = new Uint8Array(model.lineCount);
  const breaks: number[] = [];
  let lastNonBlank = -1;
  // runs of short non-blank lines with small gaps between them (both arrays reused from run to run:
  // analyseRun keeps the lines it puts into paragraphs, never the arrays)
  const run: Line[] = [];
  const gaps: number[] = [];
  spare.length = 0;
  let lastLine = -1;
  const starts = model.lineStarts;
  const lineCount = starts.length;
  for (let l = 0; l < lineCount; l++) {
    let s = starts[l];
    let e = model.lineEnd(l);
    while (s < e && isInlineSpace(text.charCodeAt(s))) s++;
    if (s === e) continue; // blank
    while (isInlineSpace(text.charCodeAt(e - 1))) e--;
    if (lastNonBlank >= 0 && l - lastNonBlank > 1) breaks.push(lastNonBlank, l);
    lastNonBlank = l;
    const ll = classify(text, l, s, e, true, spare.length ? spare.pop() : undefined);
    if (!ll) {
      if (run.length) flush(text, run, gaps, wrapped, territory);
      lastLine = -1;
      continue;
    }
    if (run.length && l - lastLine - 1 > MAX_GAP) flush(text, run, gaps, wrapped, territory);
    if (run.length) gaps.push(l - lastLine - 1);
    run.push(ll);
    lastLine = l;
  }
  if (run.length) flush(text, run, gaps, wrapped, territory);
  const out = { wrapped, territory, breaks };
  cache.set(model, out);
  return out;
}

/**
 * Line objects classified but kept by no paragraph, to be filled again: most short lines end up in
 * paragraphs, but building an object for each of the others costs allocation and garbage collection.
 */
const spare: Line[] = [];

/** Analyse the run collected so far, and empty it; its lines that no paragraph kept become spare. */
function flush(text: string, run: Line[], gaps: number[], wrapped: WrappedParagraph[], territory: Uint8Array): void {
  if (run.length >= 2) analyseRun(text, run, gaps, wrapped, territory);
  for (let k = 0; k < run.length; k++) if (!kept[k]) spare.push(run[k]);
  kept.fill(0, 0, run.length);
  run.length = 0;
  gaps.length = 0;
}

function startsContinuation(text: string, ll: LayoutLine): boolean {
  return (C[text.charCodeAt(ll.start)] & CONT) !== 0;
}

/** Scratch for analyseRun, grown as needed: whether each line of the run ends a paragraph, and the typical width around it. */
let ENDS = new Uint8Array(256);
let TYPICAL = new Float64Array(256);
/** 1 for each line of the run that analyseRun put into a paragraph (cleared by flush). */
let kept = new Uint8Array(256);

function analyseRun(text: string, run: Line[], gaps: number[], wrapped: WrappedParagraph[], territory: Uint8Array): void {
  let bodies = 0;
  // does this look like column text at all? some sentence punctuation, and lines of a usable width
  let punct = false;
  let hanChars = 0;
  let chars = 0;
  for (const x of run) {
    if (x.kind !== 'body') continue;
    bodies++;
    if (x.punct) punct = true;
    hanChars += x.han;
    chars += x.chars;
  }
  if (bodies < 3) return;
  // Chinese column text: some sentence punctuation, and mostly Chinese characters
  if (!punct || hanChars * 2 < chars) return;
  const typicalGap = median(gaps);
  // letter-spaced headline lines at the start of a paragraph, and lines glued to a heading, are headings too
  // (the typical width at k sees the kinds of lines up to k as changed here, those after k as classified)
  if (ENDS.length < run.length) {
    ENDS = new Uint8Array(2 * run.length);
    TYPICAL = new Float64Array(2 * run.length);
    kept = new Uint8Array(2 * run.length);
  }
  const ends = ENDS.fill(0, 0, run.length);
  const typical = TYPICAL;
  let changed: number[] | undefined; // the lines turned into headings here
  around.at(run, 0);
  for (let k = 0; k < run.length; k++) {
    const cur = run[k];
    const next = run[k + 1];
    const prevEnded = k === 0 || ends[k - 1] === 1;
    const wasBody = cur.kind === 'body';
    if (cur.kind === 'body' && prevEnded && cur.spaced && !cur.punct) cur.kind = 'heading';
    if (cur.kind === 'body' && k > 0 && run[k - 1].kind !== 'body' && run[k - 1].kind !== 'marker' && gaps[k - 1] < typicalGap && !cur.punct) cur.kind = 'heading';
    if (wasBody && cur.kind !== 'body') {
      around.remove(cur.width);
      (changed ??= []).push(k);
    }
    if (!next) {
      ends[k] = 1;
      break;
    }
    const W = (typical[k] = around.typical(cur.width));
    around.advance(run, k);
    let end = false;
    if (cur.kind !== 'body' || next.kind !== 'body') end = true;
    else if (next.strongStart) end = true;
    else if (gaps[k] > typicalGap) end = true;
    else if (!startsContinuation(text, next)) end = true;
    else if (cur.final) {
      if (cur.width <= W - 2) end = true;
      else if (next.weakStart) end = true;
      else if (!next.final && next.width <= W - 1.5) end = true;
    } else if (cur.width < 0.6 * W) end = true;
    ends[k] = end ? 1 : 0;
  }
  // is this column text? enough full lines that continue on the next line
  // (the typical width with the final kinds: as above, unless a line after k within REACH turned into a heading)
  let continuing = 0;
  for (let k = 0; k + 1 < run.length; k++) {
    if (ends[k] || run[k].kind !== 'body') continue;
    let W = typical[k];
    if (changed && changedWithin(changed, k)) {
      around.at(run, k);
      W = around.typical(run[k].width);
    }
    if (!run[k].final && W >= 8 && Math.abs(run[k].width - W) <= 3) continuing++;
  }
  if (continuing < 2) return;
  let from = 0; // the first line of the current paragraph
  for (let k = 0; k < run.length; k++) {
    territory[run[k].line] = 1;
    if (ends[k]) {
      if (k > from) {
        wrapped.push({ lines: run.slice(from, k + 1), start: run[from].start, end: run[k].end });
        kept.fill(1, from, k + 1);
      }
      from = k + 1;
    }
  }
  // the blank lines between lines of the run belong to the territory too
  for (let k = 0; k + 1 < run.length; k++) for (let l = run[k].line + 1; l < run[k + 1].line; l++) territory[l] = 1;
}

/** Whether a line after run[k] within REACH lines is among `changed`. */
function changedWithin(changed: number[], k: number): boolean {
  for (const j of changed) if (j > k && j <= k + REACH) return true;
  return false;
}

/** The median (the value at index ⌊n/2⌋ when sorted) of the gaps of a run, which are 0, 1 or 2 (MAX_GAP). */
function median(gaps: number[]): number {
  if (!gaps.length) return 0;
  const counts = [0, 0, 0];
  for (const g of gaps) counts[g]++;
  const at = Math.min(gaps.length - 1, Math.floor(gaps.length * 0.5));
  return at < counts[0] ? 0 : at < counts[0] + counts[1] ? 1 : 2;
}

/** The edit that joins the content ending at `leftEnd` with the content starting at `rightStart`. */
export function joinEdit(text: string, leftEnd: number, rightStart: number): Edit {
  const a = text.charCodeAt(leftEnd - 1);
  const b = text.charCodeAt(rightStart);
  // English words wrapped across lines keep a space between them
  const sep = isAsciiLetter(a) && isLatin(b) ? ' ' : isLatin(a) && isAsciiLetter(b) ? ' ' : '';
  return { start: leftEnd, end: rightStart, newText: sep };
}

/** A letter, a digit, a comma or a full stop. */
function isLatin(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 44 || c === 46;
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

/** Characters a paragraph that stops mid-sentence ends with: the class OPEN, `[\u4e00-\u9fff0-9A-Za-z，、“‘《（(—]`. */
/**
 * Sentences split by blank lines (a page or column break) in normally paragraphed text: a paragraph that
 * ends mid-sentence followed by a paragraph that continues it. Hard-wrapped territory is left to `hard-wrap`.
 */
export function splitBreaks(model: TextModel, know: WordKnowledge = {}): SplitBreak[] {
  const text = model.text;
  const { territory, breaks } = layout(model);
  const out: SplitBreak[] = [];
  for (let i = 0; i < breaks.length; i += 2) {
    // the last line of one paragraph and the first line of the next
    const endLine = breaks[i];
    const startLine = breaks[i + 1];
    if (territory[endLine] || territory[startLine]) continue;
    // the cheap tests first: most paragraphs end a sentence, and the next one must read on from it
    // (both lines are non-blank: the content ends and starts with a character other than an inline space)
    let le = model.lineEnd(endLine);
    while (isInlineSpace(text.charCodeAt(le - 1))) le--;
    if (!(C[text.charCodeAt(le - 1)] & OPEN)) continue;
    let fs = model.lineStart(startLine);
    while (isInlineSpace(text.charCodeAt(fs))) fs++;
    if (!(C[text.charCodeAt(fs)] & CONT)) continue;
    const ls = contentSpan(model, endLine);
    const fe = contentSpan(model, startLine);
    const last = classify(text, endLine, ls.start, ls.end, false)!;
    const first = classify(text, startLine, fe.start, fe.end, false)!;
    if (last.kind !== 'body' || first.kind !== 'body') continue;
    if (first.strongStart || first.weakStart) continue;
    const c = text.charCodeAt(last.start);
    if ((c === 0x23 /* # */ || c === 0x2d || c === 0x2a || c === 0x2b || c === 0x3e) && /^#{1,6}[ \t]|^[-*+][ \t]|^>/.test(text.slice(last.start, last.end))) continue;
    // what follows is a field (`附件：…`, `联系人：…`): no sentence reads on into it; nor on from one (`记录：孙丽`)
    const next = text.slice(first.start, first.end);
    if (LABEL_START.test(next) || isField(text, last.start, last.end)) continue;
    if (endLine === 0 || model.isBlankLine(endLine - 1)) {
      // a paragraph of one line
      const s = text.slice(last.start, last.end);
      // the document's first line: its title (`关于开展…的通知`), however long; or a line before a
      // salutation (`各区县人民政府，市政府各部门：`, `同志们：`); unless the break tears a word (a title
      // ends with a Chinese character: `…的1200⏎⏎多家企业` is a sentence)
      const title = s.length <= 50 && !SENTENCE_PUNCT.test(s) && isHan(text.charCodeAt(last.end - 1)) && (isFirstContentLine(model, endLine) || (next.length <= 40 && /[：:]$/.test(next)));
      if (title && !tornAcross(text, last.end, first.start, know)) continue;
      // a short one-line paragraph without sentence punctuation is a heading or a signature, unless the break tears a word
      if (s.length < 20 && !SENTENCE_PUNCT.test(s.slice(0, -1)) && !tornAcross(text, last.end, first.start, know)) continue;
      // a salutation: `尊敬的拉马福萨总统，`
      if (s.length < 20 && /[，,]$/.test(s)) continue;
      // a date or a signature line
      if (/^[\d\s年月日]+$/.test(s)) continue;
    }
    out.push({ start: last.end - 1, end: first.start + 1, edit: joinEdit(text, last.end, first.start), beforeLine: endLine, afterLine: startLine });
  }
  return out;
}

/** A field's label at the start of a paragraph: `附件：`, `联系人：`, `电话:` (a short word and a colon). */
const LABEL_START = /^[\u4e00-\u9fff]{1,5}[：:]/;

/** Whether no line before `line` has content. */
function isFirstContentLine(model: TextModel, line: number): boolean {
  for (let l = 0; l < line; l++) if (!model.isBlankLine(l)) return false;
  return true;
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
  // edit by edit: a paragraph hard-wrapped over tens of thousands of lines overflowed the call stack as arguments of one push
  for (const p of layout(model).wrapped) if (inRange(p.start, p.end)) for (const e of wrappedEdits(model, p)) edits.push(e);
  for (const b of splitBreaks(model, know)) if (inRange(b.start, b.end)) edits.push(b.edit);
  edits.sort((a, b) => a.start - b.start);
  return edits;
}
