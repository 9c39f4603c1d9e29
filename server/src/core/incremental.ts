/**
 * Incremental analysis for the editor: an edit re-runs rules only over the blocks of paragraphs it
 * touches. The document is cut into blocks of paragraphs at content-defined boundaries (so that an
 * edit moves no boundary but its own); each block is analysed in a window that adds one paragraph
 * of context on each side, and its findings are cached by the window's content. Rules declare
 * `scope: 'paragraph'` when their findings in a paragraph depend only on that paragraph and its
 * neighbours (never on the position in the document); every other rule (`scope: 'document'`, the
 * default) runs over the whole document on each analysis, as before.
 *
 * The result is the same as a full analysis: test/unit/incremental.test.ts checks it on the seeds
 * and after random edits, for every rule that declares `scope: 'paragraph'`.
 */
import { TextModel, type Paragraph } from './text';
import { effectiveSeverity, runRules, type AnalyzedFinding, type RuleSetting } from './analyze';
import { commonAffixes } from './edits';
import { confirmSlogans, type AnalyzerEnv } from './analyzer';
import { giveWay } from './giveWay';
import { findSlogans, type SloganMatch } from '../glossary/match';
import { RULES, RULES_BY_ID } from '../rules';
import type { Rule } from '../rules/types';

export type RuleScope = 'paragraph' | 'document';

/**
 * How current the document-scoped findings of a fast analysis are: 'none' (current), 'carried' (moved
 * over from an older text: run them again when typing pauses), 'outdated' (from before settings or word
 * knowledge changed: run them now) or 'missing' (never run: run them now).
 */
export type Staleness = 'none' | 'carried' | 'outdated' | 'missing';

export function scopeOf(rule: Rule): RuleScope {
  return rule.scope === 'paragraph' ? 'paragraph' : 'document';
}

/** A block: paragraphs [first, last] of the model, and the text range it owns. */
export interface Block {
  first: number;
  last: number;
  /** owned range: from the block's first paragraph (0 for the first block) to the next block's first paragraph */
  ownStart: number;
  ownEnd: number;
  /** analysed window: one paragraph of context on each side */
  winStart: number;
  winEnd: number;
}

const MIN_BLOCK = 2048;
const MAX_BLOCK = 16384;

/** cyrb53: a fast 53-bit string hash (cache keys: holding slices of old texts would keep them alive). */
export function hash53(s: string, start = 0, end = s.length, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Cut the paragraphs into blocks: a block ends after a paragraph once it holds MIN_BLOCK characters
 * and the paragraph's last characters hash to 0 mod 4 (content-defined), or at MAX_BLOCK.
 */
export function blocksOf(model: TextModel): Block[] {
  const ps: Paragraph[] = model.paragraphs;
  const text = model.text;
  const out: Block[] = [];
  let first = 0;
  for (let i = 0; i < ps.length; i++) {
    const size = ps[i].end - ps[first].start;
    const p = ps[i];
    const cut = i === ps.length - 1 || size >= MAX_BLOCK || (size >= MIN_BLOCK && hash53(text, Math.max(p.start, p.end - 16), p.end) % 4 === 0);
    if (!cut) continue;
    out.push({
      first,
      last: i,
      ownStart: out.length ? ps[first].start : 0,
      ownEnd: i + 1 < ps.length ? ps[i + 1].start : text.length,
      winStart: first > 0 ? ps[first - 1].start : 0,
      winEnd: i + 1 < ps.length ? ps[i + 1].end : text.length,
    });
    first = i + 1;
  }
  if (!out.length) out.push({ first: 0, last: -1, ownStart: 0, ownEnd: text.length, winStart: 0, winEnd: text.length });
  return out;
}

interface BlockResult {
  /** offsets relative to the window start */
  findings: AnalyzedFinding[];
  slogans: SloganMatch[];
}

/** A block's result placed in the document: findings and slogans in document offsets. */
interface PlacedBlock {
  b: Block;
  key: string;
  r: BlockResult;
  findings: AnalyzedFinding[];
  slogans: SloganMatch[];
}

/**
 * The items of a start-ordered list that block `b` owns (start in its own range; the last block also owns
 * its end), reading on from `cut[which]`, which is left after them: blocks are asked in document order.
 */
function ownedBy<T extends { start: number }>(items: T[], b: Block, cut: { findings: number; slogans: number }, which: 'findings' | 'slogans'): T[] {
  let i = cut[which];
  while (i < items.length && items[i].start < b.ownStart) i++;
  const from = i;
  while (i < items.length && (items[i].start < b.ownEnd || (b.ownEnd === b.winEnd && items[i].start <= b.ownEnd))) i++;
  cut[which] = i;
  return items.slice(from, i);
}

function placeBlock(b: Block, key: string, r: BlockResult): PlacedBlock {
  return { b, key, r, findings: r.findings.map((f) => shiftFinding(f, b.winStart)), slogans: b.winStart ? r.slogans.map((m) => shift(m, b.winStart)) : r.slogans };
}

function shift<T extends { start: number; end: number }>(x: T, d: number): T {
  return { ...x, start: x.start + d, end: x.end + d };
}

function shiftFinding(f: AnalyzedFinding, d: number): AnalyzedFinding {
  if (d === 0) return f;
  const g: AnalyzedFinding = { ...f, start: f.start + d, end: f.end + d };
  if (f.fix) g.fix = { ...f.fix, edits: f.fix.edits.map((e) => shift(e, d)) };
  if (f.related) g.related = f.related.map((r) => shift(r, d));
  return g;
}

/**
 * The incremental analyser of one document: keeps the block results of its last analysis and
 * reuses those whose window text is unchanged. Call `outdate()` when settings or word knowledge change.
 */
export class IncrementalAnalyzer {
  private cache = new Map<string, BlockResult>();
  /** statistics of the last run, for the benchmark and tests */
  lastRun = { blocks: 0, reused: 0 };

  constructor(private readonly rules: Rule[] = RULES) {}

  /** the document-scoped findings of the last full run, the text they were found in, and whether settings or word knowledge changed since */
  private lastGlobal?: { text: string; findings: AnalyzedFinding[]; outdated?: boolean };

  /** the blocks of the last local run by their own start, with their findings in document offsets */
  private lastLocal?: { text: string; placed: Map<number, PlacedBlock> };

  /** segmentation verdicts by window (confirmSlogans) */
  private confirmed = new Map<string, boolean>();

  /**
   * Settings or word knowledge changed: the block results and segmentation verdicts go. The last full
   * run's document-scoped findings stay until the next full run replaces them (so that they do not
   * vanish from the editor meanwhile), without those of rules now off and with the severities now set.
   */
  outdate(settings: Record<string, RuleSetting>): void {
    this.confirmed.clear();
    this.cache.clear();
    this.lastLocal = undefined;
    const last = this.lastGlobal;
    if (!last) return;
    const findings: AnalyzedFinding[] = [];
    for (const f of last.findings) {
      const rule = RULES_BY_ID.get(f.ruleId);
      const severity = rule && effectiveSeverity(rule, settings[f.ruleId]);
      if (severity) findings.push(severity === f.severity ? f : { ...f, severity });
    }
    this.lastGlobal = { text: last.text, findings, outdated: true };
  }

  /** Findings and slogan matches (before the segmentation check) of a text, reusing unchanged blocks. */
  analyzeSync(text: string, env: Pick<AnalyzerEnv, 'glossary' | 'lexicon'> & { rules: Record<string, RuleSetting> }): { model: TextModel; findings: AnalyzedFinding[]; slogans: SloganMatch[] } {
    const r = this.analyzeLocal(text, env);
    const global = this.analyzeGlobal(r.model, env);
    const findings = [...r.findings, ...global].sort((x, y) => x.start - y.start || x.end - y.end);
    return { model: r.model, findings, slogans: r.slogans };
  }

  /** The document-scoped rules over the whole text; remembered so that a later edit can shift them. */
  analyzeGlobal(model: TextModel, env: Pick<AnalyzerEnv, 'glossary' | 'lexicon'> & { rules: Record<string, RuleSetting> }): AnalyzedFinding[] {
    const global = this.rules.filter((r) => scopeOf(r) === 'document');
    const findings = global.length ? runRules({ model, glossary: env.glossary, lexicon: env.lexicon }, env.rules, global) : [];
    this.lastGlobal = { text: model.text, findings };
    return findings;
  }

  /**
   * As analyzeGlobal, one rule at a time with the event loop free in between (a hover or a keystroke
   * waits for one rule at most, not for all of them); undefined, and nothing remembered, once `stale()`
   * says a newer text has come.
   */
  async analyzeGlobalYielding(
    model: TextModel,
    env: Pick<AnalyzerEnv, 'glossary' | 'lexicon'> & { rules: Record<string, RuleSetting> },
    stale: () => boolean,
  ): Promise<AnalyzedFinding[] | undefined> {
    const findings: AnalyzedFinding[] = [];
    const ctx = { model, glossary: env.glossary, lexicon: env.lexicon };
    for (const rule of this.rules) {
      if (scopeOf(rule) !== 'document') continue;
      await giveWay();
      if (stale()) return undefined;
      if (rule.prepare && effectiveSeverity(rule, env.rules[rule.id])) {
        // shared work as a step of its own: the word view took two thirds of duplicate-text's step on a
        // 1 MB document (about 15 of 22 ms); the second word rule finds it made
        rule.prepare(ctx);
        await giveWay();
        if (stale()) return undefined;
      }
      for (const f of runRules(ctx, env.rules, [rule])) findings.push(f);
    }
    findings.sort((x, y) => x.start - y.start || x.end - y.end);
    this.lastGlobal = { text: model.text, findings };
    return findings;
  }

  /**
   * The document-scoped findings of the last full run, carried over to `text`: findings before the
   * changed region stay, those after it move with it, those touching it are dropped until the next
   * full run. Undefined when there has been no full run.
   */
  carriedGlobal(text: string): AnalyzedFinding[] | undefined {
    const last = this.lastGlobal;
    if (!last) return undefined;
    if (last.text === text) return last.findings;
    const old = last.text;
    const { prefix: p, suffix: q } = commonAffixes(old, text);
    const oldEnd = old.length - q;
    const delta = text.length - old.length;
    const out: AnalyzedFinding[] = [];
    for (const f of last.findings) {
      let lo = f.start;
      let hi = f.end;
      // everything the finding points at: its range, its fix, the places it relates (both ends of a pair)
      const edits = f.fix?.edits;
      if (edits)
        for (const e of edits) {
          lo = Math.min(lo, e.start);
          hi = Math.max(hi, e.end);
        }
      if (f.related)
        for (const e of f.related) {
          lo = Math.min(lo, e.start);
          hi = Math.max(hi, e.end);
        }
      if (hi < p) out.push(f);
      else if (lo > oldEnd) out.push(shiftFinding(f, delta));
    }
    return out;
  }

  /** The paragraph-scoped rules and the slogans, block by block, reusing unchanged blocks. */
  analyzeLocal(text: string, env: Pick<AnalyzerEnv, 'glossary' | 'lexicon'> & { rules: Record<string, RuleSetting> }): { model: TextModel; findings: AnalyzedFinding[]; slogans: SloganMatch[] } {
    const model = new TextModel(text);
    const local = this.rules.filter((r) => scopeOf(r) === 'paragraph');
    const findings: AnalyzedFinding[] = [];
    const slogans: SloganMatch[] = [];
    const next = new Map<string, BlockResult>();
    const placed = new Map<number, PlacedBlock>();
    const blocks = blocksOf(model);
    // where the text changed since the last run: blocks wholly before it are reused as they were (same
    // offsets, same finding objects), blocks wholly after it are reused moved; only the rest is hashed
    const prev = this.lastLocal;
    const d = prev && commonAffixes(prev.text, text);
    const changeEnd = d ? text.length - d.suffix : 0;
    const delta = prev ? text.length - prev.text.length : 0;
    let reused = 0;
    // first what can be reused; the blocks left to analyse are run afterwards
    const todo: { b: Block; key: string; pos: number }[] = [];
    const order: (PlacedBlock | undefined)[] = [];
    for (const b of blocks) {
      const a = b.ownStart - b.winStart;
      const z = b.ownEnd - b.winStart;
      let r: BlockResult | undefined;
      let key: string | undefined;
      if (d && b.winEnd <= d.prefix) {
        const o = prev.placed.get(b.ownStart);
        if (o && o.b.winStart === b.winStart && o.b.winEnd === b.winEnd && o.b.ownEnd === b.ownEnd) {
          reused++;
          order.push(o);
          continue;
        }
      } else if (d && b.winStart >= changeEnd) {
        const o = prev.placed.get(b.ownStart - delta);
        if (o && o.b.winStart === b.winStart - delta && o.b.winEnd === b.winEnd - delta && o.b.ownEnd === b.ownEnd - delta) ({ r, key } = o);
      }
      if (!r) {
        key = `${hash53(text, b.winStart, b.winEnd)}:${b.winEnd - b.winStart}:${a}:${z}`;
        r = this.cache.get(key);
      }
      if (r) {
        reused++;
        order.push(placeBlock(b, key!, r));
      } else {
        todo.push({ b, key: key!, pos: order.length });
        order.push(undefined);
      }
    }
    if (todo.length > 2 && todo.length * 2 > blocks.length) {
      // most of the document is new (it was just opened): one run over the whole text, its findings
      // handed to the blocks that own them, costs half of running every block's window (windows overlap)
      // both lists are in start order, as the blocks are: one sweep hands each block its share
      const all = local.length ? runRules({ model, glossary: env.glossary, lexicon: env.lexicon }, env.rules, local) : [];
      const allSlogans = findSlogans(model, env.glossary).sort((x, y) => x.start - y.start);
      const cut = { findings: 0, slogans: 0 };
      for (const { b, key, pos } of todo) {
        const mine = ownedBy(all, b, cut, 'findings');
        const mySlogans = ownedBy(allSlogans, b, cut, 'slogans');
        const r: BlockResult = { findings: mine.map((f) => shiftFinding(f, -b.winStart)), slogans: b.winStart ? mySlogans.map((m) => shift(m, -b.winStart)) : mySlogans };
        order[pos] = { b, key, r, findings: mine, slogans: mySlogans };
      }
    } else
      for (const { b, key, pos } of todo) {
        const a = b.ownStart - b.winStart;
        const z = b.ownEnd - b.winStart;
        const win = new TextModel(text.slice(b.winStart, b.winEnd));
        const own = (x: { start: number }) => x.start >= a && (x.start < z || (z === win.text.length && x.start <= z));
        const r: BlockResult = {
          findings: local.length ? runRules({ model: win, glossary: env.glossary, lexicon: env.lexicon }, env.rules, local).filter(own) : [],
          slogans: findSlogans(win, env.glossary).filter(own),
        };
        order[pos] = placeBlock(b, key, r);
      }
    for (const pb of order as PlacedBlock[]) {
      next.set(pb.key, pb.r);
      placed.set(pb.b.ownStart, pb);
      for (const f of pb.findings) findings.push(f);
      for (const m of pb.slogans) slogans.push(m);
    }
    this.cache = next;
    this.lastLocal = { text, placed };
    this.lastRun = { blocks: blocks.length, reused };
    findings.sort((x, y) => x.start - y.start || x.end - y.end);
    slogans.sort((x, y) => x.start - y.start);
    return { model, findings, slogans };
  }

  /**
   * The editor's fast path: paragraph-scoped rules re-run where the text changed, document-scoped
   * findings carried over from the last full run (`stale` says whether and how soon a full run is due).
   * The findings are there at once; the slogans follow once word segmentation has confirmed the short
   * ones (a round trip to the segmenter's thread), which diagnostics need not wait for.
   */
  analyzeFast(text: string, env: AnalyzerEnv): { model: TextModel; findings: AnalyzedFinding[]; slogans: Promise<SloganMatch[]>; stale: Staleness } {
    const local = this.analyzeLocal(text, env);
    const carried = this.carriedGlobal(text);
    const stale: Staleness = carried === undefined ? 'missing' : this.lastGlobal!.outdated ? 'outdated' : this.lastGlobal!.text !== text ? 'carried' : 'none';
    const findings = [...local.findings, ...(carried ?? [])].sort((x, y) => x.start - y.start || x.end - y.end);
    return { model: local.model, findings, slogans: confirmSlogans(local.model, local.slogans, env.segmenter, this.confirmed), stale };
  }
}
