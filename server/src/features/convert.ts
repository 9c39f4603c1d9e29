import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextModel } from '../core/text';
import type { Edit } from '../rules/types';

export function toRange(model: TextModel, start: number, end: number): Range {
  return { start: model.positionAt(start), end: model.positionAt(end) };
}

export function toTextEdit(model: TextModel, e: Edit): TextEdit {
  return { range: toRange(model, e.start, e.end), newText: e.newText };
}
