/**
 * Line classification for the outline: what a single line of a policy text is (a Markdown heading, a
 * question, a numbered heading, a headline candidate, a byline, a dateline…). Pure functions of a
 * line's text. Every test looks at most at the first MAX_SCAN characters, so that a 1 MB single-line
 * document costs no more than a short one.
 */
import { charTable, isHan, isInlineSpace, chineseNumeral, countHan, SENTENCE_END, CLOSERS } from '../core/cjk';

export const MAX_SCAN = 400;

export const CN = '[一二三四五六七八九十百零〇两]+';


/** The separators of letter-spaced tokens, as `[ \u3000\u00a0\t]`. */
const SEPARATOR = /[ \u3000\u00a0\t]/;

/** Remove Markdown emphasis markers (`**`, `__`) from a string. */
export function stripEmphasis(s: string): string {
  if (s.indexOf('*') < 0 && s.indexOf('__') < 0) return s;
  return s.replace(/\*\*|__/g, '');
}

/** Letter-spaced text (`以 高 标 准 可 持 续`, `目 录`): mostly single-character tokens. Collapsed. */
export function collapseLetterSpacing(s: string): string {
  // most lines hold no separator at all: one token, returned as it is
  if (!SEPARATOR.test(s)) return s;
  const toks = s.split(/[ \u3000\u00a0\t]+/).filter(Boolean);
  if (toks.length < 2) return s;
  let single = 0;
  for (const t of toks) if (t.length === 1 || (t.length === 2 && !isHan(t.charCodeAt(0)) !== !isHan(t.charCodeAt(1)))) single++;
  if (single / toks.length < 0.7) return s;
  // join single characters; keep a space where two multi-character tokens meet
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    if (i > 0 && toks[i].length > 1 && toks[i - 1].length > 1) out += ' ';
    out += toks[i];
  }
  return out;
}

/** Whether the text is letter-spaced (three or more single-character tokens in a row, mostly Han). */
export function isLetterSpaced(s: string): boolean {
  if (!SEPARATOR.test(s)) return false; // one token
  const toks = s.split(/[ \u3000\u00a0\t]+/).filter(Boolean);
  if (toks.length < 3) return false;
  let single = 0;
  for (const t of toks) if (t.length === 1) single++;
  return single / toks.length >= 0.7;
}

/** A display name: Markdown markers, emphasis, dot leaders and letter-spacing removed. */
export function cleanName(s: string): string {
  let n = s.length > MAX_SCAN ? s.slice(0, MAX_SCAN) : s;
  n = n.trim();
  // each step only where the character it needs is there
  if (n.indexOf('#') >= 0) n = n.replace(/^#{1,6}[ \t]*/, '').replace(/[ \t]+#+[ \t]*$/, '');
  n = stripEmphasis(n).trim();
  n = stripLeaders(n);
  if (!SEPARATOR.test(n)) return n.trim();
  n = collapseLetterSpacing(n);
  return n.replace(/[ \u3000\u00a0\t]+/g, ' ').trim();
}

/** Remove a trailing run of dot leaders (and a page number after them). */
export function stripLeaders(s: string): string {
  const m = LEADER.exec(s);
  return m ? s.slice(0, m.index).trimEnd() : s;
}
const LEADER = /(?:[…⋯]{2,}|[.．]{4,}|[·・]{3,}|-{4,}|_{4,})/;

export function hasLeader(s: string): boolean {
  return LEADER.test(s);
}

/** Whether a line (trimmed) ends a sentence: sentence-final punctuation, possibly followed by closers. */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isInlineSpace(s.charCodeAt(i))) i--;
  while (i >= 0 && CLOSERS.has(s.charCodeAt(i))) i--;
  if (i < 0) return false;
  const c = s.charCodeAt(i);
  return SENTENCE_END.has(c) || c === 0xff1a /* ： */ || c === 0x3a || c === 0x2e /* . */ || c === 0xff01 || c === 0xff1f;
}

const MD_HEADING = /^(#{1,6})[ \t]+(\S.*)$/;
export function markdownHeading(s: string): { level: number; text: string } | undefined {
  const m = MD_HEADING.exec(s.length > MAX_SCAN ? s.slice(0, MAX_SCAN) : s);
  return m ? { level: m[1].length, text: m[2] } : undefined;
}

export const QUESTION = /^(?:\*\*)?(?:问|提问|记者问)(?:\*\*)?[：:]/;
export const ANSWER = /^(?:\*\*)?答(?:\*\*)?[：:]/;

/** Numbered headings, outermost first; `rank` orders them. */
/** First characters a numbered heading can start with. */
export const NUMBERED_FIRST_CHARS = '第一二三四五六七八九十百零〇两（(0123456789';
export const NUMBERED_FIRST = charTable(NUMBERED_FIRST_CHARS);

export const NUMBERED: { re: RegExp; rank: number; strong: boolean }[] = [
  { re: new RegExp(`^第${CN}编`), rank: 8, strong: true },
  { re: new RegExp(`^第${CN}章`), rank: 8.5, strong: true },
  { re: new RegExp(`^第${CN}节`), rank: 9, strong: true },
  { re: new RegExp(`^第${CN}条`), rank: 9.5, strong: true },
  { re: new RegExp(`^${CN}、`), rank: 10, strong: true },
  { re: new RegExp(`^[（(]${CN}[)）]`), rank: 11, strong: true },
  { re: /^[0-9]{1,2}[.．、](?![0-9])/, rank: 12, strong: false },
  { re: /^[（(][0-9]{1,2}[)）]/, rank: 13, strong: false },
];

/** `第一，` / `一是` / `——` at the start of a paragraph: a series of lead-ins. */
export function leadSeries(s: string): { series: string; n: number } | undefined {
  // the first character rules out all four series on most paragraphs, before a regular expression runs
  if (LEAD_FIRST[s.charCodeAt(0)] !== 1) return undefined;
  let m = /^第([一二三四五六七八九十]{1,3})[，、,]/.exec(s);
  if (m) return { series: 'di', n: chineseNumeral(m[1]) ?? 0 };
  m = /^([一二三四五六七八九十]{1,3})是/.exec(s);
  if (m) return { series: 'shi', n: chineseNumeral(m[1]) ?? 0 };
  m = /^(首先|其次|再次|最后)[，,]/.exec(s);
  if (m) return { series: 'order', n: 0 };
  if (s.startsWith('——')) return { series: 'dash', n: 0 };
  return undefined;
}

/** First characters of a lead-in series (`leadSeries`). */
export const LEAD_FIRST_CHARS = '第一二三四五六七八九十首其再最—';
const LEAD_FIRST = charTable(LEAD_FIRST_CHARS);

/** The lead-in sentence of a paragraph: up to the first `。`/`：`/`？`/`！`, if short enough. */
export function leadInSentence(s: string, max = 40): string | undefined {
  const lim = Math.min(s.length, max + 1);
  for (let i = 1; i < lim; i++) {
    const c = s[i];
    if (c === '。' || c === '：' || c === ':' || c === '？' || c === '！') return s.slice(0, i);
  }
  return undefined;
}

/** Bylines: `人民日报评论员`, `□新华社记者 葛晨 张忠霞`, `中华人民共和国主席 习近平` (title, then a name), `本报记者 …`. */
export function isByline(s: string): boolean {
  if (s.length > 60 || s.indexOf('，') >= 0 || s.indexOf('。') >= 0) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x25a1 || c0 === 0x25a0) return true; // □ ■
  if (BYLINE_WORD.test(s) && !/[。！？；]/.test(s)) return true;
  if (s.indexOf(' ') < 0 && s.indexOf('\u3000') < 0 && s.indexOf('\t') < 0) return false;
  // `职务 姓名`: the last space-separated token is a short name
  const toks = s.split(/[ \u3000\t]+/).filter(Boolean);
  if (toks.length >= 2 && toks.length <= 6) {
    const last = toks[toks.length - 1];
    if (last.length >= 2 && last.length <= 3 && countHan(last) === last.length && TITLE_WORD.test(toks[toks.length - 2])) return true;
  }
  return false;
}

const TITLE_WORD = /(?:主席|总书记|总理|部长|书记|主任|委员|院长|省长|市长|县长|代表|教授|研究员|作者|编辑|总编|社长|局长|厅长|署长|大使|发言人)$/;
const BYLINE_WORD = /记者|评论员|通讯员|撰稿人|编者|摄影|责任编辑|来源/;

/** A dateline at the start of a paragraph: `新华社北京11月19日电 …`, `本报北京11月19日讯`. */
export const DATELINE = /^[（(]?(?:新华社|本报|中新社|人民网|新华网|央视网|据新华社)[^\s，。]{0,12}?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)/;
/** An end-of-article marker: `（新华社北京11月19日电）`, `（完）`, `（记者 … ）` on a line of its own. */
export const END_MARKER = /^[（(](?:(?:新华社|本报|中新社|据)[^（）()]{0,20}(?:电|讯)|完|参访记者[^（）()]{0,80}|记者[^（）()]{0,60}|责任编辑[^（）()]{0,20})[)）]$/;
/** A note: `※ 这是…`, `注：…`. */
export const NOTE = /^(?:※|注[：:]|\*注)/;
/** Page markers: `■上接第1版`, `（上接第 1版）`, `（下转第4版）`. */
export const PAGE_MARKER = /^[■□◆]?\s*[（(]?\s*(?:上接|下转|接第|转第)\s*第?\s*\d+\s*版/;
/** A date on a line of its own: `2023 年 11 月 14 日`. */
export const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$/;

const FORBIDDEN = /[。，；：！？、,;!?]/;
const BAD_END = /[。，；：！？、,;:!?…—\-（(《“‘]$/;
const BAD_START = /^[（(【[□■※●◆>\-—*#<&0-9０-９]/;

/**
 * Whether a line could be a headline with no markup: short, mostly Han, no sentence punctuation.
 * `s` is the trimmed line. Context (position, neighbours) is judged by the caller.
 */
export function headlineCandidate(s: string): boolean {
  if (s.length > 120) return false;
  const c = collapseLetterSpacing(s);
  if (c.length > 40) return false;
  if (BAD_START.test(c) || BAD_END.test(c) || FORBIDDEN.test(c)) return false;
  const han = countHan(c);
  if (han < 4 || han / c.replace(/\s/g, '').length < 0.6) return false;
  if (DATE_LINE.test(c) || isByline(s) || QUESTION.test(c) || ANSWER.test(c)) return false;
  if (/^[A-Za-z]/.test(c) || /[<>{}=]/.test(c)) return false;
  // a sentence broken by a stray line break: `…习近平总书记 七` (⏎⏎ `一 重要讲话…`)
  if (!isLetterSpaced(s) && /[ \u3000\t]\S$/.test(s)) return false;
  return true;
}
