import type { Entry, Variant } from './types';

/** One written form the matcher looks for. */
export interface Form {
  text: string;
  entry: Entry;
  /** an error form, to be corrected to entry.term */
  error: boolean;
}

export function variantForm(v: string | Variant): Variant {
  return typeof v === 'string' ? { form: v } : v;
}

/** Length in characters ignoring whitespace. */
function bareLength(s: string): number {
  return s.replace(/\s/g, '').length;
}

/**
 * The glossary: entries by term and the forms to match. Later layers (user glossaries) override
 * earlier ones (the built-in data) term by term.
 */
export class Glossary {
  readonly entries: Entry[];
  readonly byTerm = new Map<string, Entry>();
  readonly forms: Form[] = [];
  private _regex?: RegExp;
  private _errorRegex?: RegExp | null;
  private _formByBare?: Map<string, Form>;

  constructor(layers: Entry[][]) {
    for (const layer of layers) for (const e of layer) this.byTerm.set(e.term, e);
    this.entries = [...this.byTerm.values()];
    const seen = new Set<string>();
    for (const e of this.entries) {
      const add = (text: string, error: boolean) => {
        const bare = text.replace(/\s/g, '');
        if (!bare || seen.has(bare)) return;
        seen.add(bare);
        this.forms.push({ text: bare, entry: e, error });
      };
      add(e.term, false);
      for (const v of e.variants ?? []) {
        const f = variantForm(v);
        add(f.form, !!f.error);
      }
    }
    this.forms.sort((a, b) => b.text.length - a.text.length);
  }

  static empty(): Glossary {
    return new Glossary([]);
  }

  get(term: string): Entry | undefined {
    return this.byTerm.get(term);
  }

  /** Form for the characters of a match, whitespace removed. */
  formOf(bare: string): Form | undefined {
    if (!this._formByBare) {
      this._formByBare = new Map();
      for (const f of this.forms) this._formByBare.set(f.text, f);
    }
    return this._formByBare.get(bare);
  }

  /**
   * One regular expression for all forms, longest first, that tolerates whitespace (spaces, a hard
   * wrap, blank lines) between the characters of a form, as OCR leaves them.
   */
  get regex(): RegExp {
    if (!this._regex) {
      const alts = this.forms.map((f) => [...f.text].map(escapeRe).join('\\s{0,6}'));
      this._regex = alts.length ? new RegExp(alts.join('|'), 'gu') : /(?!)/gu;
    }
    return this._regex;
  }

  /** A regular expression for the error forms only (undefined when there are none). */
  get errorRegex(): RegExp | undefined {
    if (this._errorRegex === undefined) {
      const errs = this.forms.filter((f) => f.error);
      this._errorRegex = errs.length ? new RegExp(errs.map((f) => [...f.text].map(escapeRe).join('\\s{0,6}')).join('|'), 'gu') : null;
    }
    return this._errorRegex ?? undefined;
  }

  /** Words segmentation must keep whole (added to jieba as user words). */
  get words(): string[] {
    return this.forms.map((f) => f.text);
  }

  static isShort(form: string): boolean {
    return bareLength(form) <= 2;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
