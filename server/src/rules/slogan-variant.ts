import { msg } from '../l10n';
import type { Finding, Rule } from './types';

/**
 * slogan-variant: a known misspelling of a slogan (listed as an error variant in the glossary, e.g.
 * 四人邦 for 四人帮). The fix replaces it with the canonical form; it replaces characters, so it is
 * never applied silently.
 */
export const rule: Rule = {
  id: 'slogan-variant',
  title: msg('提法误写', 'Misspelt slogan'),
  description: msg('与词表中提法的规范写法相近的误写（错字、OCR 误识）。', 'A near-miss of a glossary slogan: a wrong character or an OCR misreading.'),
  defaultSeverity: 'warning',
  fixAllSafe: false,
  usesGlossary: true,
  scope: 'paragraph',
  check({ model, glossary }) {
    const trie = glossary.errorTrie;
    if (!trie) return [];
    const out: Finding[] = [];
    trie.scan(model.text, (start, end, form) => {
      const term = form.entry.term;
      out.push({
        ruleId: 'slogan-variant',
        start,
        end,
        message: msg(`“${form.text}”疑为“${term}”的误写`, `“${form.text}” is probably a misspelling of “${term}”`),
        fix: { title: msg(`改为“${term}”`, `Change to “${term}”`), edits: [{ start, end, newText: term }], safe: false },
      });
    });
    return out;
  },
};
