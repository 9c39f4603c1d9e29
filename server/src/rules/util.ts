import { isHan, isInlineSpace } from '../core/cjk';
import type { TextModel } from '../core/text';

/** Characters common in Chinese transliterations of foreign names. */
const TRANSLIT = new Set([...'何阿埃艾爱安昂奥澳巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂杜多厄恩尔法菲费芬丰弗福富盖冈戈格贡古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎考柯科克肯库夸奎拉莱兰朗劳勒雷蕾黎里理丽利莉连列林琳卢鲁路伦罗洛马玛迈麦曼梅蒙米明莫墨姆穆纳娜奈南内尼涅纽努诺欧帕潘佩彭皮普奇齐乔切琼丘萨塞赛桑瑟森沙尚舍什施史舒斯松苏索塔泰坦汤唐特提托瓦万威韦维温沃乌伍西希谢辛休许雅亚扬耶伊因英尤于约扎泽詹兹佐'].map((c) => c.charCodeAt(0)));

export function isTranslitChar(c: number): boolean {
  return TRANSLIT.has(c);
}

/** Whether the Han run that ends at `end` (exclusive) and the one that starts at `start` both look transliterated. */
export function looksLikeForeignName(text: string, leftEnd: number, rightStart: number): boolean {
  let l = 0;
  for (let i = leftEnd - 1; i >= 0 && isHan(text.charCodeAt(i)); i--) {
    if (!isTranslitChar(text.charCodeAt(i))) break;
    l++;
  }
  let r = 0;
  for (let i = rightStart; i < text.length && isHan(text.charCodeAt(i)); i++) {
    if (!isTranslitChar(text.charCodeAt(i))) break;
    r++;
  }
  return (l >= 2 && r >= 2) || (l >= 1 && r >= 3) || (l >= 3 && r >= 1);
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
  const text = model.text;
  const e = model.lineEnd(line);
  const out: { start: number; end: number }[] = [];
  let i = model.lineStart(line);
  while (i < e) {
    while (i < e && isInlineSpace(text.charCodeAt(i))) i++;
    if (i >= e) break;
    const s = i;
    while (i < e && !isInlineSpace(text.charCodeAt(i))) i++;
    out.push({ start: s, end: i });
  }
  return out;
}

/**
 * Letter-spacing: runs of single characters separated by spaces (`目 录`, `以 高 标 准`, `“ 时 代 楷 模 ”`),
 * at least `min` characters of which at least two are Han. Spans are from the first to the last character.
 */
export function letterSpacedRuns(model: TextModel, line: number, min = 2): { start: number; end: number }[] {
  const text = model.text;
  const toks = spaceTokens(model, line);
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < toks.length) {
    if (toks[i].end - toks[i].start !== 1) {
      i++;
      continue;
    }
    let j = i;
    let han = 0;
    while (j < toks.length && toks[j].end - toks[j].start === 1 && (j === i || toks[j].start - toks[j - 1].end <= 3)) {
      if (isHan(text.charCodeAt(toks[j].start))) han++;
      j++;
    }
    if (j - i >= min && han >= 2) out.push({ start: toks[i].start, end: toks[j - 1].end });
    i = j;
  }
  return out;
}

const PUNCT_AFTER = /[，。、；：！？）》”]/;
const PUNCT_BEFORE = /[，。、；：！？（《“]/;

/**
 * Spans that look like a quotation whose marks were lost, leaving the term padded by spaces:
 * `总书记 七一 重要讲话` (spaces on both sides), `增强 四个意识、` (space before, punctuation after).
 * Both-sided: 1–12 Han characters. One-sided: a glossary form, or 2–5 Han characters.
 */
export function paddedSpans(
  model: TextModel,
  line: number,
  isTerm: (s: string) => boolean,
  isWord?: (s: string) => boolean,
): { start: number; end: number; twoSided: boolean }[] {
  const text = model.text;
  const toks = spaceTokens(model, line);
  const out: { start: number; end: number; twoSided: boolean }[] = [];
  const shortLine = model.lineEnd(line) - model.lineStart(line) <= 40;
  const nextIsHan = (k: number) => k + 1 < toks.length && isHan(text.charCodeAt(toks[k + 1].start));
  const nextIsPunct = (k: number) => k + 1 < toks.length && PUNCT_AFTER.test(text[toks[k + 1].start]);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (!isHan(text.charCodeAt(t.start))) continue;
    let e = t.start;
    while (e < t.end && isHan(text.charCodeAt(e))) e++;
    const content = text.slice(t.start, e);
    if (k === 0) {
      // the rest of a quotation split over a line break: `七⏎⏎一 重要讲话`
      if (e === t.end && content.length <= 2 && nextIsHan(k) && t.start === model.lineStart(line) && continuesPrevious(model, line)) out.push({ start: t.start, end: e, twoSided: true });
      continue;
    }
    const prevEnd = text.charCodeAt(toks[k - 1].end - 1);
    if (!isHan(prevEnd) && !PUNCT_BEFORE.test(text[toks[k - 1].end - 1])) continue;
    if (e === t.end && (nextIsHan(k) || nextIsPunct(k)) && content.length <= 12) {
      out.push({ start: t.start, end: e, twoSided: true });
      continue;
    }
    const oneSided = e < t.end && PUNCT_AFTER.test(text[e]);
    // the space must not tear a word apart (`自 己严格`): then it is a stray space, not a lost quote
    const tears = !isWord || tearsWord(text, toks[k - 1].end, t.start, isWord);
    // a single quoted character (`天上有 星，`) only on a short line, and only where it does not finish a word (`自 己，`)
    const single = content.length === 1 && shortLine && !!isWord && !isWord(text[toks[k - 1].end - 1] + content);
    if (oneSided && (isTerm(content) || single || (!tears && content.length >= 2 && content.length <= 5))) {
      out.push({ start: t.start, end: e, twoSided: false });
      continue;
    }
    // a known slogan at the start of the token: `做到 两个维护等方面`
    for (let l = Math.min(12, content.length); l >= 2; l--) {
      if (isTerm(content.slice(0, l))) {
        out.push({ start: t.start, end: t.start + l, twoSided: false });
        break;
      }
    }
  }
  return out;
}

/**
 * Whether the space between `leftEnd` and `rightStart` tears a word apart: the two characters around
 * it make a word, and neither side ends or starts a word of its own (`自 己` yes; `深蓝 岛屿` no).
 */
export function tearsWord(text: string, leftEnd: number, rightStart: number, isWord: (w: string) => boolean): boolean {
  if (!isWord(text[leftEnd - 1] + text[rightStart])) return false;
  const l2 = leftEnd >= 2 && isHan(text.charCodeAt(leftEnd - 2)) ? text.slice(leftEnd - 2, leftEnd) : '';
  const r2 = rightStart + 2 <= text.length && isHan(text.charCodeAt(rightStart + 1)) ? text.slice(rightStart, rightStart + 2) : '';
  if ((l2 && isWord(l2)) || (r2 && isWord(r2))) return false;
  const l3 = leftEnd >= 3 && isHan(text.charCodeAt(leftEnd - 3)) ? l2 && text.slice(leftEnd - 3, leftEnd) : '';
  const r3 = r2 && rightStart + 3 <= text.length && isHan(text.charCodeAt(rightStart + 2)) ? text.slice(rightStart, rightStart + 3) : '';
  return !(l3 && isWord(l3)) && !(r3 && isWord(r3));
}

/** Whether the previous non-blank line ends mid-sentence (a paragraph split by a page or column break). */
export function continuesPrevious(model: TextModel, line: number): boolean {
  let l = line - 1;
  while (l >= 0 && model.isBlankLine(l)) l--;
  if (l < 0) return false;
  const t = model.lineText(l).trimEnd();
  return t.length > 0 && isHan(t.charCodeAt(t.length - 1));
}

/** A dateline (`新华社北京11月19日电 `) or a byline/caption keyword right before `offset` on its line. */
export function afterDatelineOrByline(model: TextModel, line: number, offset: number): boolean {
  const before = model.text.slice(model.lineStart(line), offset).trimEnd();
  if (/(\d+|[一二三四五六七八九十]+)日电$/.test(before) || /^[（(]?[^，。]{0,16}电$/.test(before)) return true;
  if (/(记者|通讯员|摄影|摄|主席|总理|作者|编辑|评论员|本报|特约|实习生)(\s+[\u4e00-\u9fff·]{2,5})*$/.test(before)) return true;
  if (/\d+\s*日$/.test(before)) return true; // a date, then the title (TOC entries, chronologies)
  return false;
}

/** A line whose tokens are mostly single characters: letter-spaced OCR (`岗 位 上 ，年 仅 57`). */
export function mostlyLetterSpaced(model: TextModel, line: number): boolean {
  const toks = spaceTokens(model, line);
  if (toks.length < 4) return false;
  let single = 0;
  for (const t of toks) if (t.end - t.start <= 2) single++;
  return single / toks.length >= 0.7;
}
