/**
 * Table-of-contents navigation: an entry leads to the heading it names, through a document link on
 * the entry and through go to definition (`tocDefinition`, which the definition handler calls when
 * the position is not on a slogan).
 */
import type { DocumentLink, Location } from 'vscode-languageserver/node';
import type { FeatureModule, ServerContext } from '../context';
import type { Analysis } from '../core/analyzer';
import { outlineInfo } from '../outline/outline';
import { t, msg } from '../l10n';
import { toRange } from './convert';

/** The heading a TOC entry at `offset` leads to, or null. */
export function tocDefinition(a: Analysis, uri: string, offset: number): Location | null {
  const toc = outlineInfo(a.model).toc;
  if (!toc) return null;
  for (const r of toc.entries) {
    const e = r.entry;
    if (offset >= e.selStart && offset <= e.selEnd && e.target) return { uri, range: toRange(a.model, e.target.selStart, e.target.selEnd) };
  }
  return null;
}

/** Document links from the TOC entries to their headings (`file#L33,1`). */
export function tocLinks(a: Analysis, uri: string, tooltip: string): DocumentLink[] {
  const toc = outlineInfo(a.model).toc;
  if (!toc) return [];
  const out: DocumentLink[] = [];
  for (const r of toc.entries) {
    const target = r.entry.target;
    if (!target) continue;
    const p = a.model.positionAt(target.selStart);
    const base = uri.replace(/#.*$/, '');
    out.push({ range: toRange(a.model, r.entry.selStart, r.entry.selEnd), target: `${base}#L${p.line + 1},${p.character + 1}`, tooltip: `${tooltip}${target.name}` });
  }
  return out;
}

export const register: FeatureModule = (ctx: ServerContext) => {
  const { connection, documents, service } = ctx;
  connection.onDocumentLinks(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    return tocLinks(await ctx.analysisOf(doc), doc.uri, t(msg('转到标题：', 'Go to heading: '), service.locale));
  });
  return { documentLinkProvider: { resolveProvider: false } };
};
