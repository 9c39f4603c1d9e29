import { isInlineSpace } from './cjk';

/** A position as LSP counts it: zero-based line and UTF-16 character. */
export interface Pos {
  line: number;
  character: number;
}

export interface Span {
  start: number;
  end: number;
}

/** A paragraph: a run of non-blank lines. Offsets are UTF-16 offsets into the document. */
export interface Paragraph {
  /** first line */
  startLine: number;
  /** last line (inclusive) */
  endLine: number;
  start: number;
  /** offset of the end of the last line, before its line break */
  end: number;
}

/**
 * The document as the core sees it: the text, its line starts and its paragraphs.
 * Offsets are UTF-16 code units, as in LSP and in JavaScript strings. Immutable.
 */
export class TextModel {
  readonly text: string;
  /** offset at which each line starts */
  readonly lineStarts: number[];
  private _paragraphs?: Paragraph[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // LF only (most files): a native search from break to break
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  /** Offset of the end of the line's content (before \r\n, \n or \r). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line break after `line` ("" for the last line). */
  lineBreak(line: number): string {
    return this.text.slice(this.lineEnd(line), line + 1 < this.lineCount ? this.lineStarts[line + 1] : this.text.length);
  }

  /** The document's dominant line break, for fixes that insert one. */
  get eol(): string {
    if (this.lineCount < 2) return '\n';
    const b = this.lineBreak(0);
    return b || '\n';
  }

  isBlankLine(line: number): boolean {
    const s = this.lineStart(line);
    const e = this.lineEnd(line);
    for (let i = s; i < e; i++) if (!isInlineSpace(this.text.charCodeAt(i))) return false;
    return true;
  }

  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Pos {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(offset);
    return { line, character: offset - this.lineStarts[line] };
  }

  offsetAt(pos: Pos): number {
    if (pos.line >= this.lineCount) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  /** Paragraphs: maximal runs of non-blank lines. */
  get paragraphs(): Paragraph[] {
    if (!this._paragraphs) {
      const out: Paragraph[] = [];
      let start = -1;
      for (let l = 0; l < this.lineCount; l++) {
        const blank = this.isBlankLine(l);
        if (!blank && start < 0) start = l;
        if (blank && start >= 0) {
          out.push({ startLine: start, endLine: l - 1, start: this.lineStart(start), end: this.lineEnd(l - 1) });
          start = -1;
        }
      }
      if (start >= 0) out.push({ startLine: start, endLine: this.lineCount - 1, start: this.lineStart(start), end: this.lineEnd(this.lineCount - 1) });
      this._paragraphs = out;
    }
    return this._paragraphs;
  }
}
