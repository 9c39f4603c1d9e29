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
  private byFile = new Map<string, Set<string>>();

  constructor(readonly entries: IgnoreEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  private add(e: IgnoreEntry): void {
    let s = this.byFile.get(e.file);
    if (!s) this.byFile.set(e.file, (s = new Set()));
    s.add(`${e.rule}\u0000${e.context}`);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The findings that are not suppressed for this file. */
  filter<T extends Finding>(file: string, text: string, findings: T[]): T[] {
    const s = this.byFile.get(file);
    if (!s) return findings;
    return findings.filter((f) => !s.has(`${f.ruleId}\u0000${contextOf(text, f)}`));
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
