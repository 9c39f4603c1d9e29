import { msg } from '../l10n';
import type { Finding, Rule } from './types';

const BLOCK = /^<\/?(p|div|br|li|ul|ol|h[1-6]|section|article|table|tr|blockquote|hr)\b/i;
// a run of tags (and whitespace between them), an entity, a Word bookmark, or Markdown emphasis. A bookmark
// ends at its line and before another `[`: it matched up to the next `]` anywhere, across lines (a fix then
// deleted all of it), and a line of unclosed bookmarks was read again from each of them (quadratic).
// Between a tag's name and its `>` only attributes, with at most one line break between two of them:
// anything from `<letter` to the next `>` took prose with it, across lines and paragraphs (`a<b 和⏎⏎c>d`:
// a fix deleting the words and the break). A bare attribute has an ASCII name (`onclick`). One with a
// value may have any name, and the damage OCR or a wrong encoding does to scraped pages is allowed for:
// no space after a quoted value, a lost `=` before one, a lost closing quote before the `>`
// (`data-origi來al="…"订data-height="…"`, `class校"…"`, `class="…纷>`), as browsers read those as tags too.
const WS = String.raw`(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)`;
const QUOTED = String.raw`(?:"[^"\r\n<>]*(?:"|(?=>))|'[^'\r\n<>]*(?:'|(?=>)))`;
const ATTR = String.raw`(?:[^\s"'<>\/=\x60]+(?:[ \t]*=[ \t]*(?:${QUOTED}|[^\s"'<>\x60]+)|${QUOTED})|[a-zA-Z_:@][-\w:.@]*)`;
const RESIDUE = new RegExp(
  String.raw`(?:<\/?[a-zA-Z][a-zA-Z0-9]*(?:(?:${WS}|(?<=["']))${ATTR})*${WS}?\/?>[ \t]*)+|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});|\[bookmark:[^\][\r\n]*\]|\*\*(?=\S)([^*\n]{1,200}?)\*\*`,
  'g',
);

/** a tag with attributes, all of them bare words (no value, no quote): `<b and c>`, `<td nowrap>` */
const BARE_ONLY = /^<\/?[a-zA-Z][a-zA-Z0-9]*\s+[^=\s"'>/][^="'>]*?\/?>$/;

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', hellip: '…', middot: '·', ensp: ' ', emsp: ' ' };

function decodeEntity(s: string): string | undefined {
  const name = s.slice(1, -1);
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return undefined;
    return String.fromCodePoint(code);
  }
  return ENTITIES[name];
}

/**
 * markup-residue: HTML tags and entities, Word bookmarks and Markdown emphasis left in a plain-text corpus.
 * Tags are stripped; block tags between text become a line break; entities are decoded.
 */
export const rule: Rule = {
  id: 'markup-residue',
  title: msg('标记残留', 'Markup residue'),
  description: msg(
    '网页或文档转换留下的 HTML 标签与实体、Word 书签、Markdown 强调符号。',
    'HTML tags and entities, Word bookmarks and Markdown emphasis left over from scraping or conversion.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check({ model }) {
    const text = model.text;
    const out: Finding[] = [];
    // front matter (--- … ---) at the top is metadata, not residue
    let from = 0;
    const fm = /^\uFEFF?\s*---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
    if (fm) from = fm[0].length;
    RESIDUE.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = RESIDUE.exec(text))) {
      // whether a tag (the markup is no tag, or only tags) takes words with it: ask before removing it
      let askFirst = false;
      const start = m.index;
      const end = start + m[0].length;
      const s = m[0];
      let newText = '';
      let what: string;
      if (s[0] === '<') {
        const tags = s.match(/<[^>]*>/g) ?? [];
        // a tag whose attributes hold Chinese text (alt, title) would take that text with it, and one whose
        // attributes are bare words only (`<b and c>`) may be words
        askFirst = /[\u3400-\u9fff]/.test(s) || tags.some((t) => BARE_ONLY.test(t));
        // `a<b and c>d`: a comparison in prose, read as a tag with two bare attributes
        if (tags.length === 1 && BARE_ONLY.test(tags[0]) && isAsciiAlnum(text.charCodeAt(start - 1)) && isAsciiAlnum(text.charCodeAt(start + tags[0].length))) continue;
        what = tags.length > 1 ? `${tags[0]}…（${tags.length}）` : (tags[0] ?? s);
        const block = tags.some((t) => BLOCK.test(t));
        // a block tag between text becomes a line break; at a line's edge it simply goes
        const lineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
        const lineEnd = end >= text.length || text[end] === '\n' || text[end] === '\r';
        if (block && !lineStart && !lineEnd) newText = model.eol;
      } else if (s[0] === '&') {
        const d = decodeEntity(s);
        if (d === undefined) continue;
        newText = d;
        what = s;
      } else if (s[0] === '[') {
        what = s;
        let e = end;
        while (e < text.length && /[ \t]/.test(text[e])) e++;
        out.push(finding(start, end, what, [{ start, end: e, newText: '' }]));
        continue;
      } else {
        what = '**';
        out.push(finding(start, end, what, [
          { start, end: start + 2, newText: '' },
          { start: end - 2, end, newText: '' },
        ]));
        continue;
      }
      out.push(finding(start, end, what, [{ start, end, newText }], !askFirst));
    }
    return out;
  },
};

function finding(start: number, end: number, what: string, edits: { start: number; end: number; newText: string }[], safe = true): Finding {
  return {
    ruleId: 'markup-residue',
    start,
    end,
    message: msg(`标记残留：${what}`, `markup residue: ${what}`),
    fix: safe
      ? { title: msg(`清除标记 ${what}`, `Remove the markup ${what}`), edits, safe }
      : { title: msg(`清除标记 ${what}（连同其中的文字）`, `Remove the markup ${what} (with the text inside it)`), edits, safe },
  };
}
