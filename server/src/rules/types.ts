import type { TextModel } from '../core/text';
import type { Msg } from '../l10n';
import type { Glossary } from '../glossary/glossary';
import type { Lexicon } from '../segment/lexicon';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit in UTF-16 offsets of the analysed text. */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: Msg;
  edits: Edit[];
  /** may be applied by fix-all without asking (layout, whitespace, punctuation, markup) */
  safe: boolean;
}

export interface Finding {
  ruleId: string;
  start: number;
  end: number;
  message: Msg;
  fix?: Fix;
  /** other places the finding concerns (e.g. both ends of an unbalanced pair) */
  related?: { start: number; end: number; message: Msg }[];
}

export interface RuleContext {
  model: TextModel;
  glossary: Glossary;
  /** word knowledge; `ready` is false until the dictionary is loaded */
  lexicon: Lexicon;
  /** rule options from settings (`tifa.rules`), keyed by rule id */
  options: Record<string, unknown>;
}

export interface RuleMeta {
  id: string;
  title: Msg;
  description: Msg;
  defaultSeverity: Severity;
  /** whether this rule's fixes are safe for fix-all */
  fixAllSafe: boolean;
  /**
   * 'paragraph': the findings in a paragraph depend only on it and its neighbours, so the editor may
   * re-check just the paragraphs an edit touches (core/incremental.ts); default 'document'.
   */
  scope?: 'paragraph' | 'document';
  /** the check reads ctx.glossary (a CLI thread whose rules do not leaves the glossary unloaded) */
  usesGlossary?: boolean;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): Finding[];
  /**
   * Work the rule's check starts with and shares with other rules (cached on the model), which the
   * editor may run as a step of its own before the check, so that no single step keeps a request waiting long.
   */
  prepare?(ctx: Omit<RuleContext, 'options'>): void;
}
