import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Analysis } from '../core/analyzer';
import type { Entry } from '../glossary/types';
import type { Locale } from '../l10n';
import { toRange } from './convert';

const LABELS = {
  'zh-cn': { sep: '：', category: '类别', members: '组成', first: '首次提出', sources: '出处', related: '相关提法', period: '时期', count: (n: number) => `本文出现 ${n} 次`, variant: (t: string) => `疑为“${t}”的误写`, user: '来自用户词表' },
  en: { sep: ': ', category: 'Category', members: 'Members', first: 'First proposed', sources: 'Sources', related: 'Related', period: 'Period', count: (n: number) => `${n} occurrence${n === 1 ? '' : 's'} in this document`, variant: (t: string) => `probably a misspelling of “${t}”`, user: 'from a user glossary' },
};

/** The hover card of a glossary entry, as Markdown. */
export function entryMarkdown(e: Entry, locale: Locale, occurrences?: number, errorForm?: string): string {
  const L = LABELS[locale];
  const parts: string[] = [];
  parts.push(`**${e.term}**${e.english ? ` — *${e.english}*` : ''}`);
  if (errorForm) parts.push(`⚠ \`${errorForm}\`: ${L.variant(e.term)}`);
  const meta = [`${L.category}${L.sep}${e.category}`];
  if (e.period) meta.push(`${L.period}${L.sep}${e.period}`);
  parts.push(meta.join(' · '));
  if (e.components?.length) parts.push(`${L.members}${L.sep}\n\n` + e.components.map((c, i) => `${i + 1}. ${c}`).join('\n'));
  parts.push(locale === 'en' && e.definitionEn ? e.definitionEn : e.definition);
  const facts: string[] = [];
  if (e.firstProposed && (e.firstProposed.date || e.firstProposed.occasion))
    facts.push(`**${L.first}**${L.sep}${[e.firstProposed.date, e.firstProposed.occasion].filter(Boolean).join(locale === 'en' ? ', ' : '，')}`);
  if (e.sources?.length) facts.push(`**${L.sources}**${L.sep}${e.sources.map((s) => (s.startsWith('《') || /^[A-Za-z]/.test(s) ? s : `《${s}》`)).join(locale === 'en' ? ', ' : '、')}`);
  if (e.related?.length) facts.push(`**${L.related}**${L.sep}${e.related.join(' · ')}`);
  if (facts.length) parts.push(facts.join('  \n'));
  const foot: string[] = [];
  if (occurrences !== undefined) foot.push(L.count(occurrences));
  if (e.origin && !e.origin.builtin) foot.push(L.user);
  if (foot.length) parts.push(`*${foot.join(' · ')}*`);
  return parts.join('\n\n');
}

export function hover(a: Analysis, offset: number, locale: Locale): Hover | null {
  const m = a.sloganAt(offset);
  if (!m) return null;
  const entry = m.form.entry;
  const n = a.occurrences(entry);
  return {
    contents: { kind: MarkupKind.Markdown, value: entryMarkdown(entry, locale, n, m.form.error ? m.form.text : undefined) },
    range: toRange(a.model, m.start, m.end),
  };
}
