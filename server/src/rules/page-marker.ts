import { charTable } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';

// 上接第1版 / （上接第 1版） / ■下转第3版 / 转第A2版 / 接第四版
// (the spaces between the parts are bounded: a long run of spaces was read again from each of its positions, quadratic)
const CONTINUATION = /[■□◆●▲▼◇※]?[ \t\u3000]{0,8}[（(【〔]?[ \t\u3000]{0,8}(?:上接|下转|转接|接|转|续)[ \t\u3000]{0,8}第?[ \t\u3000]{0,8}[A-Za-z]?[ \t\u3000]{0,8}[0-9０-９一二三四五六七八九十]{1,3}[ \t\u3000]{0,8}版[ \t\u3000]{0,8}[)）】〕]?/gu;
// a line that is only a page number: - 12 -, — 12 —, 第 12 页, ·12·, 12
const PAGE_LINE = /^[ \t\u3000]*(?:[-－—–·•][ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*[-－—–·•]|第[ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[/／共][ \t\u3000]*[0-9０-９]{1,4}[ \t\u3000]*页?)?|[0-9０-９]{1,4}[ \t\u3000]*[/／][ \t\u3000]*[0-9０-９]{1,4})[ \t\u3000]*$/u;

/** Characters a line matching PAGE_LINE can start with, after its leading spaces. */
const PAGE_LINE_FIRST = charTable('-－—–·•第0123456789０１２３４５６７８９');

/** A cheap necessary condition for PAGE_LINE, without slicing the line. */
function mayBePageLine(text: string, ls: number, le: number): boolean {
  let i = ls;
  while (i < le) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) break;
    i++;
  }
  return i < le && PAGE_LINE_FIRST[text.charCodeAt(i)] === 1;
}

/**
 * page-marker: newspaper and print apparatus inside the text: continuation markers (`■上接第1版`,
 * `（下转第2版）`) and lines that are only a page number (`- 12 -`, `第 3 页`).
 * The fix deletes the marker and keeps the text around it.
 */
export const rule: Rule = {
  id: 'page-marker',
  title: msg('版面标记', 'Page marker'),
  description: msg(
    '报纸或印刷品的版面信息（“上接第1版”“下转第2版”、页码行）混入正文。',
    'Newspaper or print apparatus (continuation markers, page numbers) left inside the text.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  scope: 'paragraph',
  check({ model }) {
    const text = model.text;
    const out: Finding[] = [];
    const seen = new Set<number>();
    const push = (start: number, end: number, wholeLine: number | undefined) => {
      const marker = text.slice(start, end).trim();
      let ds = start;
      let de = end;
      if (wholeLine !== undefined) {
        // delete the whole line with its line break, so no empty line is left behind
        ds = model.lineStart(wholeLine);
        de = wholeLine + 1 < model.lineCount ? model.lineStart(wholeLine + 1) : model.lineEnd(wholeLine);
        if (wholeLine + 1 >= model.lineCount && wholeLine > 0) ds = model.lineEnd(wholeLine - 1);
      } else {
        while (de < text.length && /[ \t\u3000]/.test(text[de])) de++;
      }
      out.push({
        ruleId: 'page-marker',
        start,
        end,
        message: msg(`版面标记“${marker}”混入正文`, `page marker “${marker}” inside the text`),
        fix: { title: msg(`删除版面标记“${marker}”`, `Delete the page marker “${marker}”`), edits: [{ start: ds, end: de, newText: '' }], safe: false },
      });
    };
    // the next 版 in the text: a continuation marker needs one on its line
    let ban = text.indexOf('版');
    for (let line = 0; line < model.lineCount; line++) {
      const ls = model.lineStart(line);
      const le = model.lineEnd(line);
      if (ban >= 0 && ban < ls) ban = text.indexOf('版', ls);
      const hasBan = ban >= 0 && ban < le;
      if (le - ls > 200 && !hasBan) continue;
      // a page-number line starts (after spaces) with a dash, a bullet, 第 or a digit: most lines are not even looked at
      if (mayBePageLine(text, ls, le)) {
        const lineText = text.slice(ls, le);
        if (PAGE_LINE.test(lineText)) {
          const t = lineText.trim();
          const st = ls + lineText.indexOf(t);
          push(st, st + t.length, line);
          continue;
        }
      }
      if (!hasBan) continue;
      const lineText = text.slice(ls, le);
      // the line's first and last characters other than whitespace: whether a marker stands alone on it
      // (found once per line, not by trimming the rest of the line for each marker)
      let solid: { first: number; last: number } | undefined;
      CONTINUATION.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CONTINUATION.exec(lineText))) {
        let st = ls + m.index;
        let en = st + m[0].length;
        while (st < en && /[ \t\u3000]/.test(text[st])) st++;
        while (en > st && /[ \t\u3000]/.test(text[en - 1])) en--;
        if (seen.has(st)) continue;
        seen.add(st);
        // an unbracketed `接第N版` inside running prose needs its marker sign or its own line
        const bracketed = /^[■□◆●▲▼◇※（(【〔]/.test(text.slice(st, en));
        solid ??= solidEnds(lineText);
        const rest = solid.first < st - ls || solid.last >= en - ls;
        if (!bracketed && rest && !/^(上接|下转)/.test(text.slice(st, en))) continue;
        push(st, en, rest ? undefined : line);
      }
    }
    return out;
  },
};

/** The offsets of the first and the last character of `s` that is not whitespace (as `trim` sees it); first > last when there is none. */
function solidEnds(s: string): { first: number; last: number } {
  let first = 0;
  while (first < s.length && /\s/.test(s[first])) first++;
  let last = s.length - 1;
  while (last >= first && /\s/.test(s[last])) last--;
  return { first, last };
}
