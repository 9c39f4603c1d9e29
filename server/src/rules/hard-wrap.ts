import { msg } from '../l10n';
import { layout, wrappedEdits } from '../core/reflow';
import type { Finding, Rule } from './types';

/**
 * hard-wrap: a paragraph broken into short fixed-width lines (newspaper columns), with or without blank
 * lines between them. One finding per wrapped paragraph; the fix joins its lines into one and changes
 * nothing else. Headlines, bylines, page markers and `问：`/`答：` starts are paragraph boundaries.
 */
export const rule: Rule = {
  id: 'hard-wrap',
  title: msg('段落硬换行', 'Hard-wrapped paragraph'),
  description: msg(
    '段落被拆成定宽短行（报纸分栏 OCR 的痕迹），行间常夹空行。修复把同一段的各行接成一行。',
    'A paragraph broken into short fixed-width lines (newspaper columns after OCR), often with blank lines between them. The fix joins the lines of the paragraph.',
  ),
  defaultSeverity: 'information',
  fixAllSafe: true,
  check({ model }) {
    const out: Finding[] = [];
    for (const p of layout(model).wrapped) {
      const n = p.lines.length;
      out.push({
        ruleId: 'hard-wrap',
        start: p.start,
        end: p.end,
        message: msg(`段落被硬换行拆成 ${n} 行`, `paragraph hard-wrapped into ${n} lines`),
        fix: { title: msg('合并本段各行', 'Join the lines of this paragraph'), edits: wrappedEdits(model, p), safe: true },
      });
    }
    return out;
  },
};
