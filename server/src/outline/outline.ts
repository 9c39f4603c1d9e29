/**
 * The outline of a policy text: every structure of spec/outline.md — Markdown headings, the table of
 * contents (its entries linked to their headings), subtitles as details, Chinese numbered headings,
 * lead-in headings, questions with their answers, newspaper headlines with no markup, front-matter
 * titles — as a tree of sections. Bylines, datelines, notes and end markers are not symbols; end
 * markers and datelines close the article they end.
 *
 * One pass over the lines classifies them (see lines.ts), a table of contents is matched to the
 * headings (toc.ts), and the flat list is nested by rank. Linear in the size of the document.
 */
import type { TextModel } from '../core/text';
import { charTable, countHan } from '../core/cjk';
import {
  ANSWER,
  DATE_LINE,
  DATELINE,
  END_MARKER,
  MAX_SCAN,
  NOTE,
  NUMBERED,
  NUMBERED_FIRST,
  NUMBERED_FIRST_CHARS,
  LEAD_FIRST_CHARS,
  PAGE_MARKER,
  QUESTION,
  cleanName,
  collapseLetterSpacing,
  endsSentence,
  headlineCandidate,
  isByline,
  isLetterSpaced,
  leadInSentence,
  leadSeries,
  markdownHeading,
  hasLeader,
  stripEmphasis,
} from './lines';
import { align, isTocHeading, looksLikeEntry, parseEntry, titleKey, MATCH } from './toc';

export { cleanName } from './lines';

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
  /** a table-of-contents entry: the heading it names */
  target?: OutlineSymbol;
}

export interface TocEntryReport {
  entry: OutlineSymbol;
  /** ok: matched in order; order: its heading is out of the entries' order; missing: no heading matches */
  status: 'ok' | 'order' | 'missing';
  heading?: OutlineSymbol;
  /** for a missing entry, the most similar heading (or the one where it was expected) */
  nearest?: OutlineSymbol;
}

export interface OutlineInfo {
  roots: OutlineSymbol[];
  toc?: { symbol: OutlineSymbol; entries: TocEntryReport[]; governs: boolean };
}

/** Rank of headlines (unmarked), and the least rank of floating symbols (questions, lead-ins). */
const HEADLINE_RANK = 7;
/** Rank of the articles a table of contents names. */
const ARTICLE_RANK = 1;

type Float = 'question' | 'leadin';

interface Item {
  sym: OutlineSymbol;
  float?: Float;
  series?: string;
  n?: number;
  bold?: boolean;
  /** Markdown level, for headings */
  level?: number;
  /** first and last line of the heading */
  line: number;
  endLine: number;
  /** end of the last non-blank line before the heading */
  prevEnd: number;
}

interface Closer {
  closer: 'end' | 'dateline';
  start: number;
  end: number;
  prevEnd: number;
}

type Event = Item | Closer;

const cache = new WeakMap<TextModel, OutlineInfo>();

/** The outline of a document (cached per model). */
export function buildOutline(model: TextModel): OutlineSymbol[] {
  return outlineInfo(model).roots;
}

export function outlineInfo(model: TextModel): OutlineInfo {
  let info = cache.get(model);
  if (!info) {
    info = new OutlineBuilder(model).build();
    cache.set(model, info);
  }
  return info;
}

/**
 * Whether the document may hold a table of contents: some line is a TOC heading (`目录`) or looks
 * like an entry (dot leaders or a tab before a page number). A necessary condition for
 * `outlineInfo(model).toc`, cheap enough to run on every document: it looks only at the lines that
 * hold `目`, a tab or a run of leaders, found with one search over the whole text each.
 */
export function mayHaveToc(model: TextModel): boolean {
  const text = model.text;
  /** end of the line checked last: later hits on the same line are skipped */
  let lineEnd = -1;
  /** the line around `at`, trimmed and cut as OutlineBuilder does ('' when longer than `max`) */
  const lineOf = (at: number, max: number): string => {
    const line = model.lineAt(at);
    let s = model.lineStart(line);
    let e = model.lineEnd(line);
    lineEnd = e;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    return e - s > max ? '' : text.slice(s, Math.min(e, s + MAX_SCAN));
  };
  // a TOC heading is at most 20 characters long
  for (let at = text.indexOf('目'); at >= 0; at = text.indexOf('目', Math.max(at + 1, lineEnd))) if (isTocHeading(lineOf(at, 20))) return true;
  lineEnd = -1;
  for (let at = text.indexOf('\t'); at >= 0; at = text.indexOf('\t', Math.max(at + 1, lineEnd))) if (looksLikeEntry(lineOf(at, Infinity), false)) return true;
  lineEnd = -1;
  LEADER_PAIR.lastIndex = 0;
  for (let m = LEADER_PAIR.exec(text); m; m = LEADER_PAIR.exec(text)) {
    if (m.index < lineEnd) continue;
    if (looksLikeEntry(lineOf(m.index, Infinity), false)) return true;
  }
  return false;
}
/**
 * Two leader characters in a row: every run of dot leaders (`hasLeader`) holds such a pair, and the
 * pairs are found several times faster than the runs. A line with a pair and no run is an entry only
 * by its tab, and the lines with a tab were asked about before.
 */
const LEADER_PAIR = /[…⋯.．·・\-_]{2}/g;

function sym(name: string, kind: SymbolKind, rank: number, start: number, end: number): OutlineSymbol {
  return { name, kind, rank, start, end, selStart: start, selEnd: end, children: [] };
}

const SUBTITLE_PUNCT = /[。；！？，]/;

/** `——在…的讲话`: a subtitle line (no sentence punctuation). */
function subtitleText(s: string): string | undefined {
  // cleaning removes no sentence punctuation, except after dot leaders: a line that has some and no
  // leaders is running text, known without cleaning it
  if (s.length <= MAX_SCAN && SUBTITLE_PUNCT.test(s) && !hasLeader(s)) return undefined;
  const t = cleanName(s);
  if (!t.startsWith('——') || t.length > 80 || /[。；！？，]/.test(t)) return undefined;
  return countHan(t) >= 2 ? t : undefined;
}

class OutlineBuilder {
  private readonly n: number;
  /** trimmed line text (at most MAX_SCAN characters) */
  private readonly t: string[];
  /** trimmed length */
  private readonly len: Int32Array;
  private readonly off: Int32Array;
  private readonly endOff: Int32Array;
  private column = false;
  private doubleSpaced = false;
  private median = 0;

  constructor(private readonly model: TextModel) {
    const n = model.lineCount;
    this.n = n;
    this.t = new Array<string>(n);
    this.len = new Int32Array(n);
    this.off = new Int32Array(n);
    this.endOff = new Int32Array(n);
    const text = model.text;
    for (let l = 0; l < n; l++) {
      let s = model.lineStart(l);
      let e = model.lineEnd(l);
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      this.off[l] = s;
      this.endOff[l] = e;
      this.len[l] = e - s;
      this.t[l] = text.slice(s, Math.min(e, s + MAX_SCAN));
    }
  }

  private stats(): void {
    const hist = new Int32Array(2001);
    let nonBlank = 0;
    let followedByBlank = 0;
    for (let l = 0; l < this.n; l++) {
      if (!this.len[l]) continue;
      nonBlank++;
      hist[Math.min(2000, this.len[l])]++;
      if (l + 1 >= this.n || !this.len[l + 1]) followedByBlank++;
    }
    let acc = 0;
    for (let k = 0; k <= 2000; k++) {
      acc += hist[k];
      if (acc * 2 >= nonBlank) {
        this.median = k;
        break;
      }
    }
    this.column = nonBlank >= 20 && this.median <= 30;
    this.doubleSpaced = nonBlank > 0 && followedByBlank / nonBlank >= 0.7;
  }

  build(): OutlineInfo {
    this.stats();
    const { n, t, len, off, endOff } = this;
    let events: Event[] = [];
    const items: Item[] = [];
    const push = (it: Item) => {
      events.push(it);
      items.push(it);
    };
    let root: OutlineSymbol | undefined;
    let toc: { item: Item; entries: OutlineSymbol[]; keys: string[] } | undefined;

    let l = 0;
    while (l < n && !len[l]) l++;
    // front matter: `---` … `---` with a `title:`
    if (l < n && t[l] === '---') {
      for (let k = l + 1; k < n && k < l + 200; k++) {
        if (t[k] === '---' || t[k] === '...') {
          for (let j = l + 1; j < k; j++) {
            const m = /^title\s*:\s*(.+)$/.exec(t[j]);
            if (m) {
              const name = m[1].trim().replace(/^(['"])(.*)\1$/, '$2').trim();
              if (name) {
                root = sym(name, 'title', 0, off[j], endOff[j]);
                root.start = off[l];
              }
            }
          }
          l = k + 1;
          break;
        }
      }
    }
    const firstContent = (() => {
      let k = l;
      while (k < n && !len[k]) k++;
      return k;
    })();

    const seriesLevels = new Map<string, { n: number; level: number }>();
    let lastNB = -1;
    /** the last line was a structure (heading, byline, marker…), not running text */
    let lastStructural = false;
    /** the last title-like item (heading or headline) that a subtitle may follow */
    let lastTitle: Item | undefined;

    for (; l < n; l++) {
      if (!len[l]) continue;
      const s = t[l];
      const prevEnd = lastNB >= 0 ? endOff[lastNB] : off[l];
      const blankBefore = lastNB < l - 1;
      const prevOk: boolean = lastNB < 0 || lastStructural || endsSentence(t[lastNB].length < MAX_SCAN ? t[lastNB] : this.lineTail(lastNB));
      let structural = false;
      let consumedTo = l;
      // the first character rules out most of the tests below before a regular expression runs
      const c0 = s.charCodeAt(0);

      // a subtitle under the title just before it
      const sub = (c0 === 0x2014 /* — */ && s.startsWith('——')) || (c0 === 0x23 /* # */ && /^#{1,6}[ \t]+(?:\*\*)?——/.test(s)) ? subtitleText(s) : undefined;
      if (sub && lastTitle && lastTitle.endLine === lastNB && !lastTitle.sym.detail) {
        lastTitle.sym.detail = sub;
        lastTitle.sym.selEnd = endOff[l];
        lastTitle.endLine = l;
        lastNB = l;
        lastStructural = true;
        continue;
      }

      // a table of contents
      if (!toc && (isTocHeading(s) || (looksLikeEntry(s, false) && this.entryRunFrom(l) >= 3))) {
        const headed = isTocHeading(s);
        const entries: OutlineSymbol[] = [];
        const keys: string[] = [];
        let k = headed ? l + 1 : l;
        let last = l;
        let blanks = 0;
        // how many entries so far have a page number: where all have, the TOC's style is known
        let paged = 0;
        for (; k < n; k++) {
          if (!len[k]) {
            if (++blanks > 2) break;
            continue;
          }
          const afterBlank = blanks > 0;
          blanks = 0;
          if (entries.length >= 2000 || !looksLikeEntry(t[k], headed || entries.length > 0)) break;
          const e = parseEntry(t[k]);
          // the text begins: its first heading names the TOC's first entry again, or, after a blank line,
          // a numbered line without a page number follows entries that all had one (`第一章 总则` after
          // `第一章 总则……1`): a heading of the text, not an entry
          if (entries.length > 0 && (e.key === keys[0] || (afterBlank && !e.page && paged === entries.length))) break;
          if (e.page) paged++;
          const es = sym(e.name, 'tocEntry', 0, off[k], endOff[k]);
          if (e.page) es.detail = `(${e.page})`;
          entries.push(es);
          keys.push(e.key);
          last = k;
        }
        if (entries.length >= 2) {
          const name = headed ? cleanName(s).replace(/\s+/g, '') : '目录';
          const ts = sym(name, 'toc', ARTICLE_RANK, off[l], endOff[headed ? l : l]);
          ts.end = endOff[last];
          ts.children = entries;
          const item: Item = { sym: ts, line: l, endLine: headed ? l : last, prevEnd };
          push(item);
          toc = { item, entries, keys };
          lastNB = last;
          lastStructural = true;
          lastTitle = undefined;
          l = last;
          continue;
        }
      }

      const md = c0 === 0x23 /* # */ ? markdownHeading(s) : undefined;
      if (md) {
        let name = cleanName(md.text);
        let detail: string | undefined;
        const dash = name.search(/\s——/);
        if (dash >= 2) {
          detail = name.slice(dash).trim();
          name = name.slice(0, dash).trim();
        }
        if (name) {
          let level = md.level;
          const ser = leadSeries(name);
          if (ser && (ser.series === 'di' || ser.series === 'shi') && ser.n > 1) {
            const prev = seriesLevels.get(ser.series);
            if (prev && prev.n === ser.n - 1) level = prev.level;
          }
          for (const [k, v] of seriesLevels) if (v.level >= level && (!ser || k !== ser.series)) seriesLevels.delete(k);
          if (ser && (ser.series === 'di' || ser.series === 'shi')) seriesLevels.set(ser.series, { n: ser.n, level });
          const hs = sym(name, 'heading', level, off[l], endOff[l]);
          if (detail) hs.detail = detail;
          const it: Item = { sym: hs, level, line: l, endLine: l, prevEnd };
          push(it);
          lastTitle = it;
        }
        lastNB = l;
        lastStructural = true;
        continue;
      }

      // the tests below ask about `plain` only where its first character allows a match; it starts
      // as `s` does unless `s` starts with a marker: elsewhere `s` stands in for it
      const plain = PLAIN_FIRST[c0] === 1 ? stripEmphasis(s) : s;
      if (QUESTION_FIRST[c0] === 1 && (QUESTION.test(s) || QUESTION.test(plain))) {
        const q = this.question(l);
        const qs = sym(q.name, 'question', HEADLINE_RANK, off[l], endOff[q.endLine]);
        push({ sym: qs, float: 'question', line: l, endLine: q.endLine, prevEnd });
        lastNB = q.endLine;
        lastStructural = true;
        lastTitle = undefined;
        l = q.endLine;
        continue;
      }

      if ((c0 === 0xff08 /* （ */ || c0 === 0x28) && END_MARKER.test(s)) {
        events.push({ closer: 'end', start: off[l], end: endOff[l], prevEnd });
        structural = true;
      } else if (DATELINE_FIRST[c0] === 1 && DATELINE.test(s)) {
        events.push({ closer: 'dateline', start: off[l], end: endOff[l], prevEnd });
      } else if (
        (NOTE_FIRST[c0] === 1 && NOTE.test(s)) ||
        (PAGE_FIRST[c0] === 1 && PAGE_MARKER.test(s)) ||
        (c0 >= 0x30 && c0 <= 0x39 && DATE_LINE.test(s)) ||
        (len[l] <= 40 && isByline(s))
      ) {
        structural = true;
      } else if (prevOk || (blankBefore && !this.column)) {
        const it: Item | undefined = this.numbered(l, plain, prevEnd) ?? this.leadIn(l, s, plain, prevEnd, blankBefore, prevOk);
        if (it) {
          push(it);
          structural = it.sym.kind === 'numbered';
          lastTitle = undefined;
        } else if (prevOk && headlineCandidate(s) && this.headlineContext(l)) {
          const h = this.headline(l, l === firstContent && !root);
          push(h);
          lastTitle = h;
          consumedTo = h.endLine;
          structural = true;
        }
      }
      lastNB = consumedTo;
      lastStructural = structural;
      l = consumedTo;
    }

    const tocInfo = toc ? this.matchToc(toc, items) : undefined;
    events = events.filter((e) => 'closer' in e || e.sym.name); // headings merged into a detail
    this.promoteLeadIns(events);
    const roots = nest(events, root, this.lastContentEnd());
    return { roots, toc: tocInfo };
  }

  /** The end of a line longer than MAX_SCAN, for sentence-end tests. */
  private lineTail(line: number): string {
    return this.model.text.slice(Math.max(this.off[line], this.endOff[line] - 8), this.endOff[line]);
  }

  private lastContentEnd(): number {
    for (let l = this.n - 1; l >= 0; l--) if (this.len[l]) return this.endOff[l];
    return 0;
  }

  /** How many TOC-like entries follow from a line (blank lines skipped). */
  private entryRunFrom(l: number): number {
    let count = 0;
    for (let k = l; k < this.n && count < 3; k++) {
      if (!this.len[k]) continue;
      if (!looksLikeEntry(this.t[k], false)) break;
      count++;
    }
    return count;
  }

  /** A question and its hard-wrapped continuation lines: named whole. */
  private question(l: number): { name: string; endLine: number } {
    const { t, len, n } = this;
    let q = stripEmphasis(t[l]).replace(QUESTION, '').trim();
    let endLine = l;
    const lines: number[] = [];
    let answerAt = -1;
    for (let k = l + 1, seen = 0; k < n && seen < 8; k++) {
      if (!len[k]) {
        if (!this.column) break; // a paragraph ends the question in running text
        continue;
      }
      const s = t[k];
      if (ANSWER.test(s) || ANSWER.test(stripEmphasis(s))) {
        answerAt = k;
        break;
      }
      if (QUESTION.test(s) || markdownHeading(s) || len[k] > 200) break;
      lines.push(k);
      seen++;
      if (!this.column && /[？?]$/.test(s)) break;
    }
    let take = lines;
    if (answerAt < 0) {
      // no answer marker: up to the first line that ends with a question mark
      take = [];
      if (!/[？?]\s*$/.test(q))
        for (const k of lines) {
          take.push(k);
          if (/[？?]\s*$/.test(t[k])) break;
        }
      if (take.length && !/[？?]\s*$/.test(t[take[take.length - 1]])) take = [];
    }
    for (const k of take) {
      q += stripEmphasis(t[k]).trim();
      endLine = k;
    }
    q = q.replace(/[ \u3000\t]+/g, ' ');
    return { name: q.length > 150 ? q.slice(0, 150) + '…' : q || '问', endLine };
  }

  /** `一、总体要求`, `（一）指导思想。以…` (named by the lead-in), `1.推荐提名。…`, `第一章 总则`. */
  private numbered(l: number, plain: string, prevEnd: number): Item | undefined {
    if (NUMBERED_FIRST[plain.charCodeAt(0)] !== 1) return undefined;
    for (const p of NUMBERED) {
      if (!p.re.test(plain)) continue;
      const body = plain.trim();
      const short = body.length <= 40 && !/[，；。,;]/.test(body.slice(0, -1)) && this.len[l] <= 60;
      let name: string;
      let kind: SymbolKind = 'numbered';
      if (short) name = body.replace(/[。：:]$/, '');
      else {
        const li = leadInSentence(body, 40);
        if (li) {
          name = li;
          kind = 'leadin';
        } else if (p.strong) name = body.slice(0, 24) + '…';
        else return undefined; // a long list item, not a heading
      }
      const s = sym(cleanName(name), kind, p.rank, this.off[l], this.endOff[l]);
      return { sym: s, line: l, endLine: l, prevEnd };
    }
    return undefined;
  }

  /**
   * Lead-in headings: `**第一，坚持创新驱动。**…`, `——**共同发展是…。**…`, a bold line of its own;
   * unbolded `一是…。` / `第一，…。` / `——…。` paragraphs are candidates, kept when a bold sibling
   * of the same series follows (their bold was lost in conversion).
   */
  private leadIn(l: number, s: string, plain: string, prevEnd: number, blankBefore: boolean, prevOk: boolean): Item | undefined {
    const c0 = s.charCodeAt(0);
    const m = c0 === 0x2a /* * */ || c0 === 0x2014 /* — */ ? /^(——)?\*\*([^*]{2,80}?)\*\*/.exec(s) : null;
    if (m) {
      const inner = m[2].trim();
      const name = inner.replace(/[。：:；;，,]$/, '');
      if (countHan(name) < 2) return undefined;
      const ser = leadSeries(inner) ?? (m[1] ? { series: 'dash', n: 0 } : { series: 'bold', n: 0 });
      const ls = sym(name, 'leadin', HEADLINE_RANK, this.off[l], this.endOff[l]);
      return { sym: ls, float: 'leadin', series: ser.series, n: ser.n, bold: true, line: l, endLine: l, prevEnd };
    }
    if (this.column || !(blankBefore || prevOk)) return undefined;
    const ser = leadSeries(plain);
    if (!ser || ser.series === 'order') return undefined;
    const body = ser.series === 'dash' ? plain.slice(2) : plain;
    const li = leadInSentence(body, 40);
    if (!li || countHan(li) < 3) return undefined;
    const ls = sym(li, 'leadin', HEADLINE_RANK, this.off[l], this.endOff[l]);
    return { sym: ls, float: 'leadin', series: ser.series, n: ser.n, bold: false, line: l, endLine: l, prevEnd };
  }

  /** Context that makes a headline-like line a headline. */
  private headlineContext(l: number): boolean {
    const { t, len } = this;
    const next = l + 1 < this.n && len[l + 1] ? t[l + 1] : undefined;
    if (!this.column) {
      const c = collapseLetterSpacing(t[l]);
      return c.length <= Math.max(12, Math.min(40, this.median * 0.6));
    }
    // hard-wrapped columns: every line is short; a headline stands out by letter-spacing or by what
    // follows it at once (a subtitle, a byline, a second headline line) where lines are double-spaced
    if (isLetterSpaced(t[l])) return true;
    if (next === undefined) return false;
    if (next.startsWith('——') || (len[l + 1] <= 40 && isByline(next))) return true;
    return this.doubleSpaced && headlineCandidate(next);
  }

  /** A headline and its continuation lines (a second line, a subtitle). */
  private headline(l: number, first: boolean): Item {
    const { t, len, off, endOff } = this;
    let name = cleanName(t[l]);
    let detail: string | undefined;
    let endLine = l;
    for (let k = l + 1; k < this.n && k <= l + 3 && len[k]; k++) {
      const s = t[k];
      const sub = s.startsWith('——') ? subtitleText(s) : undefined;
      if (sub) {
        detail = sub;
        endLine = k;
        break;
      }
      if (len[k] <= 40 && isByline(s)) break;
      if (headlineCandidate(s) && (this.column || len[k] <= 30) && !DATELINE.test(s)) {
        name += ' ' + cleanName(s);
        endLine = k;
        continue;
      }
      break;
    }
    const hs = sym(name, first ? 'title' : 'headline', HEADLINE_RANK, off[l], endOff[endLine]);
    if (detail) hs.detail = detail;
    return { sym: hs, line: l, endLine, prevEnd: l > 0 ? this.prevEndOf(l) : off[l] };
  }

  private prevEndOf(l: number): number {
    for (let k = l - 1; k >= 0; k--) if (this.len[k]) return this.endOff[k];
    return this.off[l];
  }

  /** The headings after the table of contents, as many as it could name (and some subheadings); `numbered`: numbered headings too. */
  private tocCandidates(toc: { item: Item; entries: OutlineSymbol[] }, items: Item[], numbered: boolean): Item[] {
    const cap = 8 * toc.entries.length + 100;
    const heads: Item[] = [];
    for (const it of items) {
      if (heads.length >= cap) break;
      if (it.line <= toc.item.line || it.float) continue;
      const kind = it.sym.kind;
      if (kind === 'heading' || kind === 'headline' || kind === 'title' || (numbered && kind === 'numbered')) heads.push(it);
    }
    return heads;
  }

  /**
   * Match the entries of the table of contents to the headings. When most entries match, the TOC
   * governs: the headings it names are peers (whatever their `#` count), the headings it does not
   * name nest inside them, and a heading right after a named one with nothing between is its detail.
   */
  private matchToc(toc: { item: Item; entries: OutlineSymbol[]; keys: string[] }, items: Item[]): OutlineInfo['toc'] {
    // the headings after the table of contents that it may name: titles and headings first; when they
    // are too few to match most entries, the numbered headings too (a regulation's TOC lists its
    // chapters, `第一章 总则`, and its text has no other headings)
    let heads = this.tocCandidates(toc, items, false);
    let matching = matchKeys(toc.keys, heads);
    if (!governing(matching.matched, toc.entries.length)) {
      const withNumbered = this.tocCandidates(toc, items, true);
      const second = matchKeys(toc.keys, withNumbered);
      if (second.matched > matching.matched) {
        heads = withNumbered;
        matching = second;
      }
    }
    const { aligned, best } = matching;
    const governs = governing(matching.matched, toc.entries.length);
    const reports: TocEntryReport[] = [];
    if (governs) {
      const named = new Set<Item>();
      for (let i = 0; i < aligned.length; i++) if (aligned[i] >= 0) named.add(heads[aligned[i]]);
      for (const h of heads) {
        // a numbered heading keeps the rank its series gives it (第三章 stays a peer of 第二章, named or not)
        if (h.sym.kind === 'numbered') continue;
        if (named.has(h)) h.sym.rank = ARTICLE_RANK;
        else if (h.level !== undefined) h.sym.rank = Math.max(h.level, ARTICLE_RANK + 1);
      }
      toc.item.sym.rank = ARTICLE_RANK;
      // a heading that directly follows a named one (nothing between) and is not named itself: its detail
      for (let i = 0; i + 1 < items.length; i++) {
        const a = items[i];
        const b = items[i + 1];
        if (!named.has(a) || named.has(b) || b.level === undefined || b.float || leadSeries(b.sym.name)) continue;
        if (b.prevEnd !== a.sym.selEnd) continue;
        a.sym.detail = a.sym.detail ? `${a.sym.detail} ${b.sym.name}` : b.sym.name;
        a.sym.selEnd = b.sym.selEnd;
        a.endLine = b.endLine;
        b.sym.kind = 'heading';
        b.sym.name = ''; // removed below
      }
    }
    toc.entries.forEach((entry, i) => {
      const a = aligned[i];
      if (a >= 0) {
        entry.target = heads[a].sym;
        reports.push({ entry, status: 'ok', heading: heads[a].sym });
      } else if (best[i].index >= 0 && best[i].score >= MATCH) {
        entry.target = heads[best[i].index].sym;
        reports.push({ entry, status: 'order', heading: entry.target });
      } else {
        // the nearest: the most similar heading, or the one after the previous entry's heading
        let nearest: OutlineSymbol | undefined;
        if (best[i].index >= 0 && best[i].score >= 0.25) nearest = heads[best[i].index].sym;
        else {
          let prev = -1;
          for (let j = i - 1; j >= 0 && prev < 0; j--) prev = aligned[j];
          nearest = heads[prev + 1]?.sym;
        }
        reports.push({ entry, status: 'missing', nearest });
      }
    });
    // drop the headings merged into details
    for (let i = items.length - 1; i >= 0; i--) if (!items[i].sym.name) items.splice(i, 1);
    return { symbol: toc.item.sym, entries: reports, governs };
  }

  /** Keep an unbolded lead-in only where a bold (or kept) sibling of its series follows. */
  private promoteLeadIns(events: Event[]): void {
    const keep = new Set<Item>();
    const drop = new Set<Item>();
    for (let i = events.length - 1; i >= 0; i--) {
      const ev = events[i];
      if ('closer' in ev || ev.float !== 'leadin' || ev.bold !== false) continue;
      let ok = false;
      for (let j = i + 1; j < events.length; j++) {
        const nx = events[j];
        if ('closer' in nx) continue;
        if (nx.float !== 'leadin') break;
        if (nx.series !== ev.series) continue;
        ok = (nx.bold === true || keep.has(nx)) && (ev.series === 'dash' || ev.series === 'bold' || nx.n === (ev.n ?? 0) + 1);
        break;
      }
      (ok ? keep : drop).add(ev);
    }
    if (!drop.size) return;
    for (let i = events.length - 1; i >= 0; i--) if (drop.has(events[i] as Item)) events.splice(i, 1);
  }
}

/** First characters that the line tests of the builder's loop can match: the rest are skipped. */
const PAGE_FIRST = charTable('■□◆（(上下接转 ');
const QUESTION_FIRST_CHARS = '*_问提记';
const QUESTION_FIRST = charTable(QUESTION_FIRST_CHARS);
const DATELINE_FIRST = charTable('（(新本中人央据');
const NOTE_FIRST = charTable('※注*');
/** Where the line without emphasis (`plain`) may pass a test: its markers (in QUESTION_FIRST), and the first characters of questions, numbered headings and lead-in series. */
const PLAIN_FIRST = charTable(QUESTION_FIRST_CHARS + NUMBERED_FIRST_CHARS + LEAD_FIRST_CHARS);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/**
 * Nest the flat list by rank. A fixed-rank symbol closes the open ones of the same or a larger rank;
 * a floating one (question, lead-in) closes the open one of its kind and nests inside whatever else is
 * open. End markers close the open articles (headlines and below) where they stand; a dateline closes
 * them before it, once they have a body.
 */
function nest(events: Event[], root: OutlineSymbol | undefined, docEnd: number): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: OutlineSymbol[] = [];
  const floats = new Map<OutlineSymbol, Item>();
  if (root) stack.push(root);
  const close = (at: number) => {
    const s = stack.pop()!;
    s.end = Math.max(s.selEnd, at);
  };
  for (const ev of events) {
    if ('closer' in ev) {
      if (ev.closer === 'end') {
        while (stack.length && stack[stack.length - 1].rank >= HEADLINE_RANK && stack[stack.length - 1].selEnd <= ev.start) close(ev.end);
      } else {
        while (stack.length && stack[stack.length - 1].rank >= HEADLINE_RANK && stack[stack.length - 1].selEnd < ev.prevEnd) close(ev.prevEnd);
      }
      continue;
    }
    const s = ev.sym;
    if (ev.float) {
      // close the open symbol of the same kind (and all inside it)
      let j = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        const f = floats.get(stack[k]);
        if (!f) continue;
        if (ev.float === 'question' ? f.float === 'question' : f.float === 'leadin' && f.series === ev.series) {
          j = k;
          break;
        }
      }
      if (j < 0 && ev.float === 'question') while (stack.length && floats.get(stack[stack.length - 1])?.float === 'leadin') close(ev.prevEnd);
      if (j >= 0) while (stack.length > j) close(ev.prevEnd);
      s.rank = Math.max(HEADLINE_RANK, stack.length ? stack[stack.length - 1].rank + 0.5 : 0);
      floats.set(s, ev);
    } else {
      while (stack.length && stack[stack.length - 1].rank >= s.rank && stack[stack.length - 1] !== root) close(ev.prevEnd);
    }
    (stack.length ? stack[stack.length - 1].children : roots).push(s);
    if (s.kind !== 'toc') stack.push(s); // a table of contents holds its entries only
  }
  while (stack.length) close(docEnd);
  if (root) roots.unshift(root);
  return roots;
}

/**
 * The TOC's entry keys aligned with the headings' (toc.align), and how many entries found a heading.
 * Loops rather than map and filter: the arrays those make are of another kind once the caller is
 * optimised (map inlined) than before, which threw away the optimised code of align and of its caller
 * (each compiled twice per CLI run, 30–50 ms each).
 */
function matchKeys(keys: string[], heads: { sym: OutlineSymbol }[]): ReturnType<typeof align> & { matched: number } {
  const hkeys: string[] = [];
  for (const h of heads) hkeys.push(titleKey(h.sym.name + (h.sym.detail ?? '')));
  const { aligned, best } = align(keys, hkeys);
  let matched = 0;
  for (let i = 0; i < aligned.length; i++) if (aligned[i] >= 0) matched++;
  return { aligned, best, matched };
}

/** A TOC governs the document when most of its entries (two at least) name a heading of it. */
function governing(matched: number, entries: number): boolean {
  return matched >= Math.max(2, Math.ceil(entries / 2));
}
