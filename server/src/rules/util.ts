import { charTable, isHan, isInlineSpace, isJsSpace } from '../core/cjk';
import type { TextModel } from '../core/text';
import type { Glossary } from '../glossary/glossary';
import type { Lexicon } from '../segment/lexicon';

/**
 * Glossary forms asked about a stretch of text: the first and last characters and the length of the
 * forms rule most stretches out before a string is built for the glossary's map.
 */
export class TermIndex {
  /** bit tables of the forms' first two and last two characters (hashed), and of their lengths */
  private readonly head = new Uint8Array(1 << 16);
  private readonly tail = new Uint8Array(1 << 16);
  private readonly lengths: Uint8Array;

  constructor(private readonly glossary: Glossary) {
    let max = 0;
    for (const f of glossary.forms) max = Math.max(max, f.text.length);
    this.lengths = new Uint8Array(max + 1);
    for (const f of glossary.forms) {
      const t = f.text;
      if (t.length < 2) continue; // a one-character form is looked up without the tables
      this.head[pairHash(t.charCodeAt(0), t.charCodeAt(1))] = 1;
      this.tail[pairHash(t.charCodeAt(t.length - 2), t.charCodeAt(t.length - 1))] = 1;
      this.lengths[t.length] = 1;
    }
  }

  /** Whether text[start..end) is a glossary form. */
  hasAt(text: string, start: number, end: number): boolean {
    const n = end - start;
    if (n >= 2 && (n >= this.lengths.length || this.lengths[n] === 0 || this.head[pairHash(text.charCodeAt(start), text.charCodeAt(start + 1))] === 0 || this.tail[pairHash(text.charCodeAt(end - 2), text.charCodeAt(end - 1))] === 0)) return false;
    return !!this.glossary.formOf(text.slice(start, end));
  }

  /** Whether some form of two or more characters may start with text[start], text[start + 1]: false rules out `hasAt(text, start, end)` for every end >= start + 2. */
  mayStartAt(text: string, start: number): boolean {
    return this.head[pairHash(text.charCodeAt(start), text.charCodeAt(start + 1))] !== 0;
  }

  /**
   * Whether some form may start as text[a..b) joined to what starts at `c` does: false rules out
   * `has2(text, a, b, c, d)` for every `d` (its test of the first two characters).
   */
  mayStart2(text: string, a: number, b: number, c: number): boolean {
    return this.head[b - a >= 2 ? pairHash(text.charCodeAt(a), text.charCodeAt(a + 1)) : pairHash(text.charCodeAt(a), text.charCodeAt(c))] !== 0;
  }

  /** Whether some form may end as what ends at `b` joined to text[c..d) does (the test of `has2` on the last two characters). */
  mayEnd2(text: string, b: number, c: number, d: number): boolean {
    return this.tail[d - c >= 2 ? pairHash(text.charCodeAt(d - 2), text.charCodeAt(d - 1)) : pairHash(text.charCodeAt(b - 1), text.charCodeAt(c))] !== 0;
  }

  /** Whether text[a..b) joined to text[c..d) is a glossary form (both parts non-empty). */
  has2(text: string, a: number, b: number, c: number, d: number): boolean {
    return this.lengthOk(b - a + d - c) && this.mayStart2(text, a, b, c) && this.mayEnd2(text, b, c, d) && !!this.glossary.formOf(text.slice(a, b) + text.slice(c, d));
  }

  /** has2 for a caller that has made its two tests (mayStart2, mayEnd2) already. */
  has2Tested(text: string, a: number, b: number, c: number, d: number): boolean {
    return this.lengthOk(b - a + d - c) && !!this.glossary.formOf(text.slice(a, b) + text.slice(c, d));
  }

  /** Whether some form has this length. */
  private lengthOk(n: number): boolean {
    return n < this.lengths.length && this.lengths[n] !== 0;
  }
}

function pairHash(c1: number, c2: number): number {
  return (Math.imul(c1, 0x9e3779b1) ^ c2) & 0xffff;
}

const termIndexes = new WeakMap<Glossary, TermIndex>();

/** The glossary's TermIndex (built once per glossary). */
export function termIndex(glossary: Glossary): TermIndex {
  let t = termIndexes.get(glossary);
  if (!t) termIndexes.set(glossary, (t = new TermIndex(glossary)));
  return t;
}

/** Runs of inline spaces between Han (or an opening mark) and Han, by line: see `spacedHanRuns`. */
export interface SpacedHanRuns {
  /** the lines that hold such a run, ascending */
  lines: number[];
  /**
   * the runs with Han on both sides, as start/end offset pairs: those of lines[c] are
   * hanRuns[runFrom[c]…runFrom[c + 1]) (none where only an opening mark stands before the line's runs)
   */
  hanRuns: number[];
  runFrom: number[];
}

const spaceRuns = new WeakMap<TextModel, SpacedHanRuns>();

/**
 * The lines where a run of inline spaces stands between a Han character (after it) and a Han
 * character or an opening mark `，。、；：！？（《“` (before it): the only lines where cjk-space and
 * stripped-quotes can find anything. One pass over the whole text, shared by the rules (cached per model).
 */
export function spacedHanRuns(model: TextModel): SpacedHanRuns {
  const cached = spaceRuns.get(model);
  if (cached) return cached;
  const r: SpacedHanRuns = { lines: [], hanRuns: [], runFrom: [0] };
  const text = model.text;
  const starts = model.lineStarts;
  // a regular expression finds the runs faster than a loop over the characters; it skips the runs
  // that no Han character (isHan) follows, the most common ones (`11 月`, `2023 年`: digits follow)
  // (a match starts only at the first space of a run: the lookbehind fails at once inside one; without it, a
  // long run followed by no Han character was read again from each of its positions, quadratic)
  const re = /[ \t\u00a0\u3000](?<![ \t\u00a0\u3000][ \t\u00a0\u3000])[ \t\u00a0\u3000]*(?=[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/g;
  let line = 0;
  while (re.test(text)) {
    const we = re.lastIndex;
    let ws = we - 1;
    while (ws > 0 && isInlineSpace(text.charCodeAt(ws - 1))) ws--;
    if (ws === 0) continue;
    const b = text.charCodeAt(ws - 1);
    const han = isHan(b);
    if (!han && OPENING[b] !== 1) continue;
    while (line + 1 < starts.length && starts[line + 1] <= ws) line++;
    const k = r.lines.length - 1;
    if (k < 0 || r.lines[k] !== line) {
      r.lines.push(line);
      r.runFrom.push(r.hanRuns.length);
    }
    if (han) {
      r.hanRuns.push(ws, we);
      r.runFrom[r.runFrom.length - 1] = r.hanRuns.length;
    }
  }
  spaceRuns.set(model, r);
  return r;
}

/** Punctuation a lost quotation may follow (PUNCT_BEFORE) or precede (PUNCT_AFTER). */
const OPENING = charTable('，。、；：！？（《“');
const CLOSING = charTable('，。、；：！？）》”');

/** Characters common in Chinese transliterations of foreign names. */
const TRANSLIT = charTable('何阿埃艾爱安昂奥澳巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂杜多厄恩尔法菲费芬丰弗福富盖冈戈格贡古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎考柯科克肯库夸奎拉莱兰朗劳勒雷蕾黎里理丽利莉连列林琳卢鲁路伦罗洛马玛迈麦曼梅蒙米明莫墨姆穆纳娜奈南内尼涅纽努诺欧帕潘佩彭皮普奇齐乔切琼丘萨塞赛桑瑟森沙尚舍什施史舒斯松苏索塔泰坦汤唐特提托瓦万威韦维温沃乌伍西希谢辛休许雅亚扬耶伊因英尤于约扎泽詹兹佐茨罕默恰汀琪薇黛芙妮娅丝莎露茜缇芭娃勃嘉瑞卓哲迦蓬贡捷夫卜契迭茹');

/** Characters that hardly occur in Chinese given names: one of them makes a run look foreign, not Chinese. */
const STRONGLY_FOREIGN = charTable('斯尔克特德塞基姆夫茨埃奥乌伊蒂迪杰吉诺普齐兹泽瓦韦耶库戈格贾赫罗卡拉纳萨塔巴阿亚妮娅莎茜缇芭默穆勒');

/** Transliterated place names that a name-like run may end or start with (`俄罗斯 莫斯科` is a country and a city). */
const PLACES = new Set(
  ('俄罗斯 白俄罗斯 阿根廷 巴西 埃及 伊朗 伊拉克 叙利亚 约旦 黎巴嫩 以色列 巴勒斯坦 土耳其 希腊 意大利 西班牙 葡萄牙 加拿大 墨西哥 古巴 智利 秘鲁 ' +
    '哥伦比亚 委内瑞拉 玻利维亚 乌拉圭 巴拉圭 厄瓜多尔 巴拿马 哥斯达黎加 尼加拉瓜 洪都拉斯 危地马拉 萨尔瓦多 牙买加 海地 澳大利亚 新西兰 斐济 ' +
    '印度 巴基斯坦 孟加拉 斯里兰卡 尼泊尔 不丹 马尔代夫 阿富汗 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 越南 老挝 柬埔寨 ' +
    '缅甸 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 沙特 阿联酋 卡塔尔 科威特 巴林 阿曼 也门 埃塞俄比亚 肯尼亚 坦桑尼亚 乌干达 卢旺达 索马里 ' +
    '苏丹 利比亚 突尼斯 阿尔及利亚 摩洛哥 塞内加尔 马里 尼日尔 尼日利亚 加纳 喀麦隆 加蓬 刚果 安哥拉 赞比亚 津巴布韦 莫桑比克 马达加斯加 纳米比亚 ' +
    '博茨瓦纳 南非 荷兰 比利时 卢森堡 瑞士 奥地利 瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 ' +
    '斯洛文尼亚 黑山 阿尔巴尼亚 马其顿 乌克兰 摩尔多瓦 立陶宛 拉脱维亚 爱沙尼亚 格鲁吉亚 亚美尼亚 阿塞拜疆 莫斯科 伦敦 巴黎 柏林 罗马 纽约 ' +
    '华盛顿 曼谷 雅加达 开罗 内罗毕 悉尼 墨尔本 圣地亚哥 布宜诺斯艾利斯 里约热内卢 利马 波哥大 加拉加斯 哈瓦那 温哥华 多伦多 洛杉矶 芝加哥 ' +
    '休斯敦 西雅图 日内瓦 维也纳 布鲁塞尔 雅典 伊斯坦布尔 德黑兰 巴格达 大马士革 利雅得 迪拜 多哈 卡拉奇 伊斯兰堡 加德满都 科伦坡 达卡 ' +
    '亚洲 欧洲 非洲 美洲 拉美 南美 北美 中东 东盟 欧盟 非盟 亚太 欧亚 撒哈拉 亚马孙 安第斯').split(' '),
);

export function isTranslitChar(c: number): boolean {
  return TRANSLIT[c] === 1;
}

/** A name part joined by `·` counts as part of the run: `萨马德·卡米勒`. */
function isDot(c: number): boolean {
  return c === 0xb7 || c === 0x30fb || c === 0x2022;
}

/**
 * The transliterated name around a space: the run of transliteration characters that ends at `leftEnd`
 * and the one that starts at `rightStart` (each may already hold `·`), if together they look like the
 * parts of one foreign name (`克里斯 斯塔克`, `何塞 卡斯特罗`, `萨马德·卡米勒 阿里`) and not a list of
 * Chinese names or a country and a city. `isWord` (the dictionary), when given, trims characters that
 * belong to the next word (`卡斯特罗许久` ends before 许).
 */
export function foreignNameSpan(text: string, leftEnd: number, rightStart: number, isWord?: (w: string) => boolean): { start: number; end: number } | undefined {
  let start = leftEnd;
  let l = 0;
  while (start > 0 && leftEnd - start < 16) {
    const c = text.charCodeAt(start - 1);
    if (isTranslitChar(c)) {
      start--;
      l++;
    } else if (isDot(c) && start >= 2 && isTranslitChar(text.charCodeAt(start - 2)) && l > 0) start--;
    else break;
  }
  let end = rightStart;
  let r = 0;
  while (end < text.length && end - rightStart < 16) {
    const c = text.charCodeAt(end);
    if (isTranslitChar(c)) {
      end++;
      r++;
    } else if (isDot(c) && r > 0 && isTranslitChar(text.charCodeAt(end + 1))) end++;
    else break;
  }
  if (isWord) {
    // a character that makes a word with what follows belongs to the sentence, not to the name
    while (r > 2 && end < text.length && isHan(text.charCodeAt(end)) && isWord(text.slice(end - 1, end + 1))) {
      end--;
      r--;
    }
    while (l > 2 && start > 0 && isHan(text.charCodeAt(start - 1)) && isWord(text.slice(start - 1, start + 1))) {
      start++;
      l--;
    }
  }
  if (!((l >= 2 && r >= 2) || (l >= 1 && r >= 3) || (l >= 3 && r >= 1))) return undefined;
  const left = text.slice(start, leftEnd);
  const right = text.slice(rightStart, end);
  for (let k = 2; k <= Math.min(8, left.length); k++) if (PLACES.has(left.slice(-k))) return undefined;
  for (let k = 2; k <= Math.min(8, right.length); k++) if (PLACES.has(right.slice(0, k))) return undefined;
  let strong = 0;
  for (let i = start; i < leftEnd; i++) if (STRONGLY_FOREIGN[text.charCodeAt(i)] === 1) strong++;
  for (let i = rightStart; i < end; i++) if (STRONGLY_FOREIGN[text.charCodeAt(i)] === 1) strong++;
  if (strong === 0) return undefined;
  if (nameListLine(text, leftEnd, rightStart)) return undefined;
  return { start, end };
}

/** Whether the Han run that ends at `leftEnd` and the one that starts at `rightStart` look like parts of one transliterated name. */
export function looksLikeForeignName(text: string, leftEnd: number, rightStart: number): boolean {
  return !!foreignNameSpan(text, leftEnd, rightStart);
}

/** A line that lists names separated by spaces (`参访记者 彭西 郭爽 张雷 宋宇`): three or more short tokens. */
function nameListLine(text: string, leftEnd: number, rightStart: number): boolean {
  let s = leftEnd;
  while (s > 0 && leftEnd - s < 200 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  let e = rightStart;
  while (e < text.length && e - rightStart < 200 && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  if (leftEnd - s >= 200 || e - rightStart >= 200) return false; // bylines are short lines
  const toks = text.slice(s, e).split(/[ \u3000\u00a0\t]+/).filter((t) => t.length > 0);
  let short = 0;
  for (const t of toks) if (t.replace(/[（()）]/g, '').length <= 4) short++;
  return toks.length >= 4 && short >= toks.length - 1;
}

/** A line with no sentence punctuation and few characters: a headline, a title, a TOC entry, a byline. */
export function isHeadlineLike(model: TextModel, line: number): boolean {
  const s = model.lineText(line).trim();
  if (!s) return false;
  if (/(…{2,}|\.{4,}|·{3,})\s*[(（]?\d+[)）]?$/.test(s)) return true; // a table-of-contents entry
  if (s.length > 60) return false;
  return !/[，。；！？：,;]/.test(s.replace(/[:：]$/, ''));
}

/** Tokens of a line separated by inline whitespace. */
export function spaceTokens(model: TextModel, line: number): { start: number; end: number }[] {
  const n = lineTokens(model, line);
  const out: { start: number; end: number }[] = [];
  for (let k = 0; k < n; k++) out.push({ start: tok[2 * k], end: tok[2 * k + 1] });
  return out;
}

/**
 * The last line tokenised by `lineTokens` (the line tests below ask about the same line in turn): its
 * tokens as start/end offset pairs in `tok` (token k is tok[2k]…tok[2k + 1]), with no object per token.
 */
let memoModel: TextModel | undefined;
let memoLine = -1;
let memoCount = 0;
let tok = new Int32Array(256);

/** `spaceTokens` of a line, into `tok`; returns their count. Shared by the tests of this module. */
function lineTokens(model: TextModel, line: number): number {
  if (memoModel === model && memoLine === line) return memoCount;
  const text = model.text;
  const e = model.lineEnd(line);
  let n = 0;
  let i = model.lineStart(line);
  while (i < e) {
    while (i < e && isInlineSpace(text.charCodeAt(i))) i++;
    if (i >= e) break;
    const s = i;
    while (i < e && !isInlineSpace(text.charCodeAt(i))) i++;
    if (2 * n + 2 > tok.length) {
      const grown = new Int32Array(tok.length * 2);
      grown.set(tok);
      tok = grown;
    }
    tok[2 * n] = s;
    tok[2 * n + 1] = i;
    n++;
  }
  memoModel = model;
  memoLine = line;
  memoCount = n;
  return n;
}

/**
 * Letter-spacing: runs of single characters separated by spaces (`目 录`, `以 高 标 准`, `“ 时 代 楷 模 ”`),
 * at least `min` characters of which at least two are Han. Spans are from the first to the last character.
 */
export function letterSpacedRuns(model: TextModel, line: number, min = 2): { start: number; end: number }[] {
  const text = model.text;
  const n = lineTokens(model, line);
  const t = tok;
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < n) {
    if (t[2 * i + 1] - t[2 * i] !== 1) {
      i++;
      continue;
    }
    let j = i;
    let han = 0;
    while (j < n && t[2 * j + 1] - t[2 * j] === 1 && (j === i || t[2 * j] - t[2 * j - 1] <= 3)) {
      if (isHan(text.charCodeAt(t[2 * j]))) han++;
      j++;
    }
    if (j - i >= min && han >= 2) out.push({ start: t[2 * i], end: t[2 * j - 1] });
    i = j;
  }
  return out;
}

/** The number of an article, a chapter, a section or a part, alone: `第一条`, `第三章`. */
const SECTION_NUMBER = /^第[一二三四五六七八九十百零〇\d]+[编章节条款部]$/;

/**
 * Whether the text of a line before `at` (a space's start) is only a heading's number (`第一条\u3000为了…`,
 * as regulations and plans write it): the space after it separates the number from the heading's text.
 */
export function afterSectionNumber(text: string, lineStart: number, at: number): boolean {
  if (at - lineStart > 16) return false;
  let s = lineStart;
  while (s < at && (text.charCodeAt(s) === 0x20 || text.charCodeAt(s) === 0x3000 || text.charCodeAt(s) === 0x09)) s++;
  return at - s >= 3 && SECTION_NUMBER.test(text.slice(s, at));
}

/**
 * Whether the spaces text[from, to) of the line [ls, le) are a layout gap (columns of a table, fields of a
 * form: `亿元      12000`, `联系人：王芳    电话：…`), not a stray space: a tab, three ASCII spaces or more,
 * or two where the line has another such gap between its words. (A doubled stray space, `年  9 月`, is
 * alone on its line.)
 */
export function wideGap(text: string, from: number, to: number, ls: number, le: number): boolean {
  const n = asciiSpaces(text, from, to);
  if (n < 0 || n >= 3) return true;
  if (n < 2) return false;
  // another gap of two spaces or more between words on the line
  let i = ls;
  while (i < le && isInlineSpace(text.charCodeAt(i))) i++;
  while (i < le) {
    if (text.charCodeAt(i) !== 0x20) {
      i++;
      continue;
    }
    let j = i;
    while (j < le && text.charCodeAt(j) === 0x20) j++;
    if (j - i >= 2 && j < le && (i < from || i >= to)) return true;
    i = j;
  }
  return false;
}

/**
 * Whether the space [from, to) on the line [ls, le) separates fields or the items of a short list, as
 * scraped pages and forms set them: a field's label follows it and another stands before it on the line
 * (`来源：省政府网站\u3000发布时间：2024-03-15`), or it is among short items after a label on a short line
 * (`字号：大 中 小`, `分享到：微信 微博 QQ空间`). Looked at only for a space some rule would flag.
 */
export function fieldLayout(text: string, ls: number, le: number, from: number, to: number): boolean {
  // a field follows: `…\u3000发布时间：`
  let e = to;
  while (e < le && e - to <= 5 && isHan(text.charCodeAt(e))) e++;
  const fieldAfter = e - to >= 2 && e < le && (text.charCodeAt(e) === 0xff1a || text.charCodeAt(e) === 0x3a);
  const shortLine = le - ls <= 60;
  if (!fieldAfter && !shortLine) return false;
  // a label's colon before the space, nearest first, within a short line's length (so a long line costs
  // no more per space)
  let colon = -1;
  for (let i = from - 1; i >= ls && from - i <= 60; i--) {
    const c = text.charCodeAt(i);
    if ((c === 0xff1a || c === 0x3a) && isLabelBefore(text, ls, i)) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return false;
  if (fieldAfter) return true;
  // short items after the label, to the end of the (short) line
  let run = 0;
  for (let i = colon + 1; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3000 || c === 0x09) run = 0;
    else if (++run > 4) return false;
  }
  return true;
}

/** Whether the colon at `colon` ends a label: two to five Chinese characters after a space, the line's start or punctuation. */
function isLabelBefore(text: string, ls: number, colon: number): boolean {
  let b = colon;
  while (b > ls && colon - b < 6 && isHan(text.charCodeAt(b - 1))) b--;
  const n = colon - b;
  if (n < 2 || n > 5) return false;
  if (b === ls) return true;
  const c = text.charCodeAt(b - 1);
  return c === 0x20 || c === 0x3000 || c === 0x09 || !(isHan(c) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a));
}

/** The ASCII spaces in text[from, to), or -1 with a tab among them. */
function asciiSpaces(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09) return -1;
    if (c === 0x20) n++;
  }
  return n;
}

/**
 * Whether the space between `leftEnd` and `rightStart` sets one character apart from one character: a
 * two-character name spaced to the width of three (`联系人：王  芳`, `张\u3000三`). The left one stands
 * after a break (the line's start, a space, punctuation; not a digit or a letter: `202開 年` is no name),
 * the right one before anything but a Chinese character.
 */
export function spacedName(text: string, leftEnd: number, rightStart: number): boolean {
  const a = leftEnd - 1;
  if (!isHan(text.charCodeAt(a)) || !isHan(text.charCodeAt(rightStart)) || isHan(text.charCodeAt(rightStart + 1))) return false;
  if (a === 0) return true;
  const c = text.charCodeAt(a - 1);
  return !isHan(c) && !(c >= 0x30 && c <= 0x39) && !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/**
 * Spans that look like a quotation whose marks were lost, leaving the term padded by spaces:
 * `总书记 七一 重要讲话` (spaces on both sides), `增强 四个意识、` (space before, punctuation after).
 * Both-sided: 1–12 Han characters. One-sided: a glossary form, or 2–5 Han characters.
 * `lexicon`: the dictionary when it is ready.
 */
export function paddedSpans(model: TextModel, line: number, terms: TermIndex, lexicon?: Lexicon): { start: number; end: number; twoSided: boolean }[] {
  const text = model.text;
  const n = lineTokens(model, line);
  const tk = tok;
  const out: { start: number; end: number; twoSided: boolean }[] = [];
  const lineStart = model.lineStart(line);
  const lineEnd = model.lineEnd(line);
  const shortLine = lineEnd - lineStart <= 40;
  // a lone quoted character (`天上有 星，`) counts only where the line lost other quotes too
  const singles: { start: number; end: number; twoSided: boolean }[] = [];
  for (let k = 0; k < n; k++) {
    const ts = tk[2 * k];
    const te = tk[2 * k + 1];
    if (!isHan(text.charCodeAt(ts))) continue;
    const nextIsHan = k + 1 < n && isHan(text.charCodeAt(tk[2 * k + 2]));
    if (k === 0) {
      // the rest of a quotation split over a line break: `七⏎⏎一 重要讲话` (a token of one or two Han characters)
      if (te - ts <= 2 && isHan(text.charCodeAt(te - 1)) && nextIsHan && ts === lineStart && continuesPrevious(model, line)) out.push({ start: ts, end: te, twoSided: true });
      continue;
    }
    const prevTokEnd = tk[2 * k - 1];
    const prevEnd = text.charCodeAt(prevTokEnd - 1);
    if (!isHan(prevEnd) && OPENING[prevEnd] !== 1) continue;
    // the Han characters the token starts with (looked at only here: most tokens are dropped above)
    let e = ts;
    while (e < te && isHan(text.charCodeAt(e))) e++;
    const length = e - ts;
    // the space after the number of an article or a chapter (`第一条\u3000要求…`) is the heading's: only a
    // known slogan after it may have lost its quotes
    const afterNumber = k === 1 && afterSectionNumber(text, lineStart, prevTokEnd);
    // set apart by layout, not by a lost quotation: a wide gap before or after it (wideGap: columns,
    // fields `联系人：王芳    电话：…`), a spaced name (`王  芳`), or fields and short items (fieldLayout)
    if (!terms.hasAt(text, ts, e) && (wideGap(text, prevTokEnd, ts, lineStart, lineEnd) || (k + 1 < n && wideGap(text, te, tk[2 * k + 2], lineStart, lineEnd)) || spacedName(text, prevTokEnd, ts) || fieldLayout(text, lineStart, lineEnd, prevTokEnd, ts))) continue;
    const nextIsPunct = k + 1 < n && CLOSING[text.charCodeAt(tk[2 * k + 2])] === 1;
    if (!afterNumber && e === te && (nextIsHan || nextIsPunct) && length <= 12) {
      out.push({ start: ts, end: e, twoSided: true });
      continue;
    }
    const oneSided = !afterNumber && e < te && CLOSING[text.charCodeAt(e)] === 1;
    if (oneSided) {
      const known = terms.hasAt(text, ts, e);
      // a single quoted character (`天上有 星，`) only on a short line, and only where it does not finish a word (`自 己，`)
      if (length === 1 && shortLine && !!lexicon && !known && !endsWord(text, prevTokEnd, ts, lexicon)) {
        singles.push({ start: ts, end: e, twoSided: false });
        continue;
      }
      // the space must not tear a word apart (`自 己严格`): then it is a stray space, not a lost quote
      if (known || (length >= 2 && length <= 5 && !!lexicon && !tearsWord(text, prevTokEnd, ts, lexicon))) {
        out.push({ start: ts, end: e, twoSided: false });
        continue;
      }
    }
    // a known slogan at the start of the token: `做到 两个维护等方面`
    if (length < 2 || !terms.mayStartAt(text, ts)) continue;
    for (let l = Math.min(12, length); l >= 2; l--) {
      if (terms.hasAt(text, ts, ts + l)) {
        out.push({ start: ts, end: ts + l, twoSided: false });
        break;
      }
    }
  }
  // `out` is in order (one span per token, at most); only the singles need sorting in
  if (!(singles.length && singles.length + out.length >= 2)) return out;
  out.push(...singles);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Whether the space between `leftEnd` and `rightStart` tears a word apart: the two characters around
 * it make a word, and neither side ends or starts a word of its own (`自 己` yes; `深蓝 岛屿` no).
 */
export function tearsWord(text: string, leftEnd: number, rightStart: number, lexicon: Lexicon): boolean {
  if (!lexicon.isPair(text.charCodeAt(leftEnd - 1), text.charCodeAt(rightStart))) return false;
  const l2 = leftEnd >= 2 && isHan(text.charCodeAt(leftEnd - 2));
  const r2 = rightStart + 2 <= text.length && isHan(text.charCodeAt(rightStart + 1));
  if ((l2 && lexicon.isWordAt(text, leftEnd - 2, leftEnd)) || (r2 && lexicon.isWordAt(text, rightStart, rightStart + 2))) return false;
  const l3 = l2 && leftEnd >= 3 && isHan(text.charCodeAt(leftEnd - 3));
  const r3 = r2 && rightStart + 3 <= text.length && isHan(text.charCodeAt(rightStart + 2));
  return !(l3 && lexicon.isWordAt(text, leftEnd - 3, leftEnd)) && !(r3 && lexicon.isWordAt(text, rightStart, rightStart + 3));
}

/** Whether the character at `at` finishes a word begun before the space at `leftEnd` (`自 己`, `久久为 功`). */
function endsWord(text: string, leftEnd: number, at: number, lexicon: Lexicon): boolean {
  for (let l = 1; l <= 3 && leftEnd - l >= 0; l++) {
    if (!isHan(text.charCodeAt(leftEnd - l))) break;
    if (lexicon.isWord(text.slice(leftEnd - l, leftEnd) + text[at])) return true;
  }
  return false;
}

/** Whether the previous non-blank line ends mid-sentence (a paragraph split by a page or column break). */
export function continuesPrevious(model: TextModel, line: number): boolean {
  let l = line - 1;
  while (l >= 0 && model.isBlankLine(l)) l--;
  if (l < 0) return false;
  const t = model.lineText(l).trimEnd();
  return t.length > 0 && isHan(t.charCodeAt(t.length - 1));
}

const BYLINE_WORDS = ['记者', '通讯员', '摄影', '摄', '主席', '总理', '作者', '编辑', '评论员', '本报', '特约', '实习生'];

/**
 * Whether `s` ends with a byline keyword and the names after it, as
 * /(记者|通讯员|摄影|摄|主席|总理|作者|编辑|评论员|本报|特约|实习生)(\s+[\u4e00-\u9fff·]{2,5})*$/ tests it, read
 * backwards from the end (the expression tries every position of a long line): each name is 2–5
 * name characters after spaces, so the names end where they do and the keyword ends before the first.
 */
function endsWithByline(s: string): boolean {
  let p = s.length;
  // at most MAX_BYLINE_NAMES names after the keyword: a long line of names was read back to its start for each of its spaces
  for (let names = 0; names <= MAX_BYLINE_NAMES; names++) {
    if (p > 0 && BYLINE_LAST[s.charCodeAt(p - 1)] === 1) for (const w of BYLINE_WORDS) if (p >= w.length && s.startsWith(w, p - w.length)) return true;
    let q = p;
    while (q > 0 && p - q < 6 && isNameChar(s.charCodeAt(q - 1))) q--;
    if (p - q < 2 || p - q > 5 || q === 0) return false;
    // the first name after a list's label and its colon: `出席会议的有：陈红\u3000周涛`
    if ((s.charCodeAt(q - 1) === 0xff1a || s.charCodeAt(q - 1) === 0x3a) && LIST_LABEL.test(s.slice(Math.max(0, q - 13), q - 1))) return true;
    if (!isJsSpace(s.charCodeAt(q - 1))) return false;
    while (q > 0 && isJsSpace(s.charCodeAt(q - 1))) q--;
    p = q;
  }
  return false;
}

/** The label of a list of names, before its colon: `出席会议的有`, `参加人员`, `小组成员`. */
const LIST_LABEL = /(?:出席|列席|参加|参会|名单|成员|委员|人员|组长|的有)[^，。；：:]{0,6}$/;

/** More names than a byline lists (the expression endsWithByline stands for had no bound). */
const MAX_BYLINE_NAMES = 32;

/** The last characters of the keywords. */
const BYLINE_LAST = charTable(BYLINE_WORDS.map((w) => w[w.length - 1]).join(''));

function isNameChar(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || c === 0xb7;
}

/** A dateline (`新华社北京11月19日电 `) or a byline/caption keyword right before `offset` on its line. */
export function afterDatelineOrByline(model: TextModel, line: number, offset: number): boolean {
  const before = model.text.slice(model.lineStart(line), offset).trimEnd();
  // the tests look at the end of `before`: its last character rules most of them out before a regular
  // expression has to try every position of a long line
  const last = before.charCodeAt(before.length - 1);
  if (last === 0x7535 /* 电 */ && /(\d|[一二三四五六七八九十])日电$/.test(before.slice(-3))) return true; // 新华社…11月19日电
  if ((last === 0x7535 || last === 0x8baf /* 讯 */) && before.length <= 18 && /^[（(]?[^，。]{0,16}[电讯]$/.test(before)) return true; // 本报讯
  if (endsWithByline(before)) return true;
  if (last === 0x65e5 /* 日 */ && digitsBeforeDay(before)) return true; // a date, then the title (TOC entries, chronologies)
  return false;
}

/**
 * How many of the line's tokens (separated by inline spaces) are at most `max` characters long. A
 * line `isLetterSpacedSpan` accepts has at least four of three or fewer (its single-Han tokens): a
 * cheap test before that one, on tokens most callers have asked for already.
 */
export function shortTokens(model: TextModel, line: number, max: number): number {
  const n = lineTokens(model, line);
  const t = tok;
  let count = 0;
  for (let k = 0; k < n; k++) if (t[2 * k + 1] - t[2 * k] <= max) count++;
  return count;
}

/** Whether `s`, which ends with 日, ends as /\d+\s*日$/ (a digit, then spaces, then 日), read from the end. */
function digitsBeforeDay(s: string): boolean {
  let i = s.length - 1;
  while (i > 0 && isJsSpace(s.charCodeAt(i - 1))) i--;
  const c = i > 0 ? s.charCodeAt(i - 1) : 0;
  return c >= 0x30 && c <= 0x39;
}

/** A line whose tokens are mostly single characters: letter-spaced OCR (`岗 位 上 ，年 仅 57`). */
export function mostlyLetterSpaced(model: TextModel, line: number): boolean {
  const n = lineTokens(model, line);
  if (n < 4) return false;
  const t = tok;
  let single = 0;
  for (let k = 0; k < n; k++) if (t[2 * k + 1] - t[2 * k] <= 2) single++;
  return single / n >= 0.7;
}

/**
 * Whether offsets of a line lie inside a pair of marks, read along the line once for offsets asked in
 * order (from the line's start again for an earlier one): looked up from the line's start for each offset,
 * a line of many asked took quadratic time. `nest`: the marks nest and count (“…《…》…”); otherwise the
 * last mark before the offset decides (an opening parenthesis not yet closed).
 */
export class MarkDepth {
  private at: number;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly lineStart: number,
    private readonly opens: Uint8Array,
    private readonly closes: Uint8Array,
    private readonly nest: boolean,
  ) {
    this.at = lineStart;
  }

  inside(to: number): boolean {
    if (to < this.at) {
      this.at = this.lineStart;
      this.depth = 0;
    }
    const { text, opens, closes, nest } = this;
    let depth = this.depth;
    for (let i = this.at; i < to; i++) {
      const c = text.charCodeAt(i);
      if (opens[c] === 1) depth = nest ? depth + 1 : 1;
      else if (closes[c] === 1 && depth > 0) depth--;
    }
    this.at = to;
    this.depth = depth;
    return depth > 0;
  }
}
