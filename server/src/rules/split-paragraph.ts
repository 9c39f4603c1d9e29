import { msg } from '../l10n';
import { splitBreaks } from '../core/reflow';
import type { Finding, Rule } from './types';

/**
 * split-paragraph: one sentence split by blank lines (a page or column break) in normally paragraphed
 * text: `七⏎⏎一`, `特⏎⏎色鲜明`. The fix merges the two parts. Hard-wrapped text is left to `hard-wrap`.
 */
export const rule: Rule = {
  id: 'split-paragraph',
  title: msg('段落被空行拆断', 'Paragraph split by blank lines'),
  description: msg(
    '一句话被空行（分页或分栏）拆成两段：前一段在句中断开，后一段接着说下去。修复把两部分接起来。',
    'A sentence split by blank lines (a page or column break): one paragraph stops mid-sentence and the next one continues it. The fix merges the two parts.',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  usesGlossary: true,
  scope: 'paragraph',
  check({ model, lexicon, glossary }) {
    const out: Finding[] = [];
    const know = {
      isWord: lexicon.ready ? (w: string) => lexicon.isWord(w) : undefined,
      isTerm: (w: string) => !!glossary.formOf(w),
    };
    for (const b of splitBreaks(model, know)) {
      const a = model.text[b.start];
      const z = model.text[b.end - 1];
      out.push({
        ruleId: 'split-paragraph',
        start: b.start,
        end: b.end,
        message: msg(`句子在“${a}”与“${z}”之间被空行拆断`, `sentence split by blank lines between “${a}” and “${z}”`),
        fix: { title: msg('合并被拆断的段落', 'Merge the split paragraph'), edits: [b.edit], safe: true },
      });
    }
    return out;
  },
};
