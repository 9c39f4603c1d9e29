import { msg } from '../l10n';
import { mayHaveToc, outlineInfo } from '../outline/outline';
import { entryNameSpan } from '../outline/toc';
import type { Finding, Rule } from './types';

const short = (s: string) => (s.length > 30 ? s.slice(0, 30) + '…' : s);

/**
 * toc-mismatch: a table-of-contents entry that names no heading of the document, or whose heading
 * stands out of the entries' order. The message names the nearest heading. Only where the table of
 * contents governs the document (most of its entries match a heading): a TOC of another document is
 * left alone. No fix: which side is wrong is for the reader to decide.
 */
export const rule: Rule = {
  id: 'toc-mismatch',
  title: msg('目录与标题不符', 'Table of contents mismatch'),
  description: msg(
    '目录条目在正文中找不到对应的标题，或标题顺序与目录不一致。',
    'A table-of-contents entry has no matching heading in the text, or the headings are out of the entries’ order.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  check({ model }) {
    // most documents have no table of contents: skip building their outline
    if (!mayHaveToc(model)) return [];
    const toc = outlineInfo(model).toc;
    if (!toc || !toc.governs) return [];
    const out: Finding[] = [];
    const lineNo = (offset: number) => model.lineAt(offset) + 1;
    /** the entry's name in its line: the finding leaves out the leaders and the page number */
    const nameOf = (e: { selStart: number; selEnd: number }): { start: number; end: number } => {
      const { from, to } = entryNameSpan(model.text.slice(e.selStart, e.selEnd));
      return to > from ? { start: e.selStart + from, end: e.selStart + to } : { start: e.selStart, end: e.selEnd };
    };
    for (const r of toc.entries) {
      const e = r.entry;
      if (r.status === 'missing') {
        const n = r.nearest;
        out.push({
          ruleId: 'toc-mismatch',
          ...nameOf(e),
          message: n
            ? msg(
                `目录条目“${short(e.name)}”在正文中没有对应的标题；最接近的标题是第 ${lineNo(n.selStart)} 行的“${short(n.name)}”。`,
                `The entry “${short(e.name)}” has no matching heading; the nearest is “${short(n.name)}” on line ${lineNo(n.selStart)}.`,
              )
            : msg(`目录条目“${short(e.name)}”在正文中没有对应的标题。`, `The entry “${short(e.name)}” has no matching heading.`),
          related: n ? [{ start: n.selStart, end: n.selEnd, message: msg('最接近的标题', 'nearest heading') }] : undefined,
        });
      } else if (r.status === 'order' && r.heading) {
        const h = r.heading;
        out.push({
          ruleId: 'toc-mismatch',
          ...nameOf(e),
          message: msg(
            `目录条目“${short(e.name)}”的标题（第 ${lineNo(h.selStart)} 行“${short(h.name)}”）与目录顺序不一致。`,
            `The heading of the entry “${short(e.name)}” (“${short(h.name)}”, line ${lineNo(h.selStart)}) is out of the table of contents’ order.`,
          ),
          related: [{ start: h.selStart, end: h.selEnd, message: msg('该条目的标题', 'the entry’s heading') }],
        });
      }
    }
    return out;
  },
};
