import * as path from 'node:path';
import type { Finding } from '../rules/types';

/**
 * Suppressed findings, as stored in `.tifa/ignore.json`: a finding is identified by its rule, its file
 * (relative to the workspace folder) and the text around it, not by its position, so an ignore survives
 * edits elsewhere in the file.
 */
export interface IgnoreEntry {
  file: string;
  rule: string;
  /** the flagged text with up to CONTEXT characters on each side */
  context: string;
}

/** Where a workspace folder keeps its ignore list. */
export const IGNORE_FILE = path.join('.tifa', 'ignore.json');

export const CONTEXT = 8;

export function contextOf(text: string, f: { start: number; end: number }): string {
  return text.slice(Math.max(0, f.start - CONTEXT), Math.min(text.length, f.end + CONTEXT));
}

/** The ignore list that applies to a file, and the file's path as the list names it (relative to its folder). */
export interface Suppression {
  list: IgnoreList;
  file: string;
}

export class IgnoreList {
  /** file → rule → the stored contexts */
  private byFile = new Map<string, Map<string, Set<string>>>();

  constructor(readonly entries: IgnoreEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  private add(e: IgnoreEntry): void {
    let rules = this.byFile.get(e.file);
    if (!rules) this.byFile.set(e.file, (rules = new Map()));
    let s = rules.get(e.rule);
    if (!s) rules.set(e.rule, (s = new Set()));
    s.add(e.context);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The findings that are not suppressed for this file. A finding is suppressed by an entry of its rule
   * whose context is the finding's text with the same CONTEXT characters on at least one side: an edit
   * or a fix on one side of it (the end of the line before, which a hard-wrap fix joins) leaves the other
   * side to know it by. Only the flagged text changed, or both sides, brings it back.
   */
  filter<T extends Finding>(file: string, text: string, findings: T[]): T[] {
    const rules = this.byFile.get(file);
    if (!rules) return findings;
    return findings.filter((f) => {
      const contexts = rules.get(f.ruleId);
      return !contexts || !suppressedBy(contexts, text, f);
    });
  }

  static parse(json: string): IgnoreList {
    try {
      const data = JSON.parse(json);
      const list = Array.isArray(data) ? data : Array.isArray(data?.ignore) ? data.ignore : [];
      return new IgnoreList(list.filter((e: unknown): e is IgnoreEntry => !!e && typeof (e as IgnoreEntry).file === 'string' && typeof (e as IgnoreEntry).rule === 'string' && typeof (e as IgnoreEntry).context === 'string'));
    } catch {
      return new IgnoreList();
    }
  }

  with(e: IgnoreEntry): IgnoreList {
    return new IgnoreList([...this.entries, e]);
  }

  serialize(): string {
    return JSON.stringify({ ignore: this.entries }, null, 2) + '\n';
  }
}

/** Whether one of `contexts` (of the finding's rule) names the finding at f in text: all of it, or its flagged text and one whole side. */
function suppressedBy(contexts: Set<string>, text: string, f: { start: number; end: number }): boolean {
  const whole = contextOf(text, f);
  if (contexts.has(whole)) return true;
  const b = Math.min(CONTEXT, f.start);
  const a = Math.min(CONTEXT, text.length - f.end);
  // the whole context before and the flagged text (a stored context then has at most CONTEXT characters
  // after them), or the flagged text and the whole context after (at most CONTEXT before them); a side
  // cut short by the file's start or end is too little to know a finding by
  const head = b === CONTEXT ? text.slice(f.start - b, f.end) : undefined;
  const tail = a === CONTEXT ? text.slice(f.start, f.end + a) : undefined;
  for (const c of contexts) {
    if (head !== undefined && c.length >= head.length && c.length <= head.length + CONTEXT && c.startsWith(head)) return true;
    if (tail !== undefined && c.length >= tail.length && c.length <= tail.length + CONTEXT && c.endsWith(tail)) return true;
  }
  return false;
}
