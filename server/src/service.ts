import { Analysis, type AnalyzerEnv } from './core/analyzer';
import { IncrementalAnalyzer, type Staleness } from './core/incremental';
import { RULES_BY_ID } from './rules';
import type { RuleSetting } from './core/analyze';
import { Glossary } from './glossary/glossary';
import { loadBuiltinEntries, type GlossaryProblem } from './glossary/load';
import type { Entry } from './glossary/types';
import { Lexicon } from './segment/lexicon';
import type { Segmenter } from './segment/segmenter';
import { resolveLocale, type Locale } from './l10n';
import { IgnoreList, type Suppression } from './core/ignore';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

export interface TifaSettings {
  language: 'auto' | 'zh-cn' | 'en';
  rules: Record<string, RuleSetting>;
  glossaries: string[];
  diagnosticsDelay: number;
  /** at most this many diagnostics per document (features/diagnostics.ts) */
  maxDiagnostics: number;
}

export const DEFAULT_SETTINGS: TifaSettings = { language: 'auto', rules: {}, glossaries: [], diagnosticsDelay: 200, maxDiagnostics: 10_000 };

/** Settings as the client sends them, with anything malformed replaced by its default. */
export function normalizeSettings(raw: unknown): TifaSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const language = o.language === 'en' || o.language === 'zh-cn' ? o.language : 'auto';
  const rules = o.rules && typeof o.rules === 'object' && !Array.isArray(o.rules) ? (o.rules as Record<string, RuleSetting>) : {};
  const glossaries = Array.isArray(o.glossaries) ? o.glossaries.filter((g): g is string => typeof g === 'string') : [];
  const d = Number(o.diagnosticsDelay);
  const diagnosticsDelay = Number.isFinite(d) && d >= 0 ? Math.min(d, 10_000) : DEFAULT_SETTINGS.diagnosticsDelay;
  const m = Number(o.maxDiagnostics);
  const maxDiagnostics = Number.isFinite(m) && m >= 1 ? Math.floor(m) : DEFAULT_SETTINGS.maxDiagnostics;
  return { language, rules, glossaries, diagnosticsDelay, maxDiagnostics };
}

interface Cached {
  version: number;
  generation: number;
  analysis: Promise<Analysis>;
  /** the same findings before the slogans are confirmed (see `findings`); undefined after a full run */
  findings?: Analysis;
  /** whether the document-scoped findings are current, carried over, outdated, or not yet found */
  stale: Staleness;
}

/**
 * The language service without transport: glossary, word knowledge, settings and per-document
 * analysis cache. The LSP server and the tests drive it.
 */
export class TifaService {
  settings: TifaSettings = DEFAULT_SETTINGS;
  displayLanguage: string | undefined;
  glossary: Glossary;
  builtin: Entry[];
  builtinProblems: GlossaryProblem[];
  readonly lexicon = new Lexicon();
  private cache = new Map<string, Cached>();
  /** per document: block results of its last analysis, reused where an edit left the text alone */
  private incremental = new Map<string, IncrementalAnalyzer>();
  /** suppressed findings per workspace folder (from `.tifa/ignore.json`) */
  ignores = new Map<string, IgnoreList>();
  /** bumped whenever something that changes results changes (settings, glossary, word knowledge) */
  private generation = 0;

  constructor(readonly segmenter: Segmenter) {
    const b = loadBuiltinEntries();
    this.builtin = b.entries;
    this.builtinProblems = b.problems;
    this.glossary = new Glossary([this.builtin]);
    this.lexicon.addWords(this.glossary.words);
  }

  get locale(): Locale {
    return resolveLocale(this.settings.language, this.displayLanguage);
  }

  get env(): AnalyzerEnv {
    return { glossary: this.glossary, lexicon: this.lexicon, segmenter: this.segmenter, rules: this.settings.rules };
  }

  setUserGlossaries(layers: Entry[][]): void {
    this.glossary = new Glossary([this.builtin, ...layers]);
    // the new terms are words for the dictionary checks and for segmentation alike
    this.lexicon.addWords(this.glossary.words);
    this.segmenter.addWords(this.glossary.words);
    this.invalidate();
  }

  updateSettings(s: TifaSettings): void {
    this.settings = s;
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.cache.clear();
    // each document keeps its document-wide findings until its next full run (IncrementalAnalyzer.outdate)
    for (const inc of this.incremental.values()) inc.outdate(this.settings.rules);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.incremental.delete(uri);
  }

  /**
   * The analysis of a document version (cached; concurrent callers share one run). In the editor this is
   * the fast path: paragraph-scoped rules where the text changed, document-scoped findings carried over;
   * `isStale` then says `refresh` is due.
   */
  analysis(uri: string, version: number, text: () => string): Promise<Analysis> {
    return this.cached(uri, version, text).analysis;
  }

  /**
   * What diagnostics need of a document version: its findings, without waiting for word segmentation to
   * confirm the short slogans (their analysis has no slogans; use `analysis` for anything else).
   */
  findings(uri: string, version: number, text: () => string): Promise<Analysis> {
    const c = this.cached(uri, version, text);
    return c.findings ? Promise.resolve(c.findings) : c.analysis;
  }

  private cached(uri: string, version: number, text: () => string): Cached {
    const c = this.cache.get(uri);
    if (c && c.version === version && c.generation === this.generation) return c;
    const src = text();
    let entry: Cached;
    try {
      const r = this.analyzer(uri).analyzeFast(src, this.env);
      const findings = this.suppress(uri, src, new Analysis(r.model, r.findings, []));
      const analysis = r.slogans.then((slogans) => new Analysis(findings.model, findings.findings, slogans));
      entry = { version, generation: this.generation, analysis, findings, stale: r.stale };
    } catch (e) {
      entry = { version, generation: this.generation, analysis: Promise.reject(e), stale: 'none' };
      void entry.analysis.catch(() => undefined); // reported to whoever asks
    }
    this.cache.set(uri, entry);
    return entry;
  }

  /** How current the document-scoped findings of this version's cached analysis are. */
  staleness(uri: string, version: number): Staleness {
    const c = this.cache.get(uri);
    return c && c.version === version ? c.stale : 'none';
  }

  /**
   * Run the document-scoped rules on this version and make the cached analysis whole. The rules run one
   * at a time, yielding between them; meanwhile requests are answered from the fast analysis. Undefined
   * when `stale()` says a newer version came first (its own run will follow).
   */
  async refresh(uri: string, version: number, text: () => string, stale: () => boolean = () => false): Promise<Analysis | undefined> {
    const src = text();
    const inc = this.analyzer(uri);
    const generation = this.generation;
    const a = await this.analysis(uri, version, () => src);
    const global = await inc.analyzeGlobalYielding(a.model, this.env, () => stale() || generation !== this.generation);
    if (!global) return undefined;
    const local = a.findings.filter((f) => RULES_BY_ID.get(f.ruleId)?.scope === 'paragraph');
    const findings = [...local, ...global].sort((x, y) => x.start - y.start || x.end - y.end);
    const full = this.suppress(uri, src, new Analysis(a.model, findings, a.slogans));
    const c = this.cache.get(uri);
    if (generation === this.generation && c?.version === version) this.cache.set(uri, { version, generation, analysis: Promise.resolve(full), stale: 'none' });
    return full;
  }

  private analyzer(uri: string): IncrementalAnalyzer {
    let inc = this.incremental.get(uri);
    if (!inc) this.incremental.set(uri, (inc = new IncrementalAnalyzer()));
    return inc;
  }

  /** The workspace folder a document belongs to and its path relative to it. */
  locate(uri: string): { folder: string; file: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const p = fileURLToPath(uri);
    for (const folder of this.ignores.keys()) if (p.startsWith(folder + path.sep)) return { folder, file: path.relative(folder, p).split(path.sep).join('/') };
    return undefined;
  }

  /** The ignore list of the document's workspace folder and the document's path in it, when it has one. */
  ignoreFor(uri: string): Suppression | undefined {
    const where = this.locate(uri);
    const list = where && this.ignores.get(where.folder);
    return where && list?.size ? { list, file: where.file } : undefined;
  }

  private suppress(uri: string, text: string, a: Analysis): Analysis {
    const ignore = this.ignoreFor(uri);
    if (!ignore) return a;
    const kept = ignore.list.filter(ignore.file, text, a.findings);
    return kept.length === a.findings.length ? a : new Analysis(a.model, kept, a.slogans);
  }
}
