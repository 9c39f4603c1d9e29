import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { Analysis } from '../core/analyzer';
import type { OutlineSymbol, SymbolKind as Kind } from '../outline/outline';
import { toRange } from './convert';

export const KIND: Record<Kind, SymbolKind> = {
  title: SymbolKind.File,
  heading: SymbolKind.Namespace,
  numbered: SymbolKind.Class,
  leadin: SymbolKind.Method,
  question: SymbolKind.Event,
  toc: SymbolKind.Package,
  tocEntry: SymbolKind.Key,
  headline: SymbolKind.String,
};

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const conv = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name || '…',
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(a.model, s.start, s.end),
    selectionRange: toRange(a.model, s.selStart, s.selEnd),
    children: s.children.map(conv),
  });
  return a.outline.map(conv);
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const walk = (s: OutlineSymbol) => {
    const startLine = a.model.lineAt(s.selStart);
    const endLine = a.model.lineAt(Math.max(s.selStart, s.end));
    if (endLine > startLine) out.push({ startLine, endLine });
    s.children.forEach(walk);
  };
  a.outline.forEach(walk);
  return out;
}
