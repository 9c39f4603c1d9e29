import type { Entry, Variant } from './types';
import { FormTrie } from './trie';

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
  private _trie?: FormTrie;
  private _errorTrie?: FormTrie | null;
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

  /** All forms, for one-pass matching that tolerates OCR whitespace inside a form. */
  get trie(): FormTrie {
    return (this._trie ??= new FormTrie(this.forms));
  }

  /** The error forms only (undefined when there are none). */
  get errorTrie(): FormTrie | undefined {
    if (this._errorTrie === undefined) {
      const errs = this.forms.filter((f) => f.error);
      this._errorTrie = errs.length ? new FormTrie(errs) : null;
    }
    return this._errorTrie ?? undefined;
  }

  /** Words segmentation must keep whole (added to jieba as user words). */
  get words(): string[] {
    return this.forms.map((f) => f.text);
  }

  static isShort(form: string): boolean {
    return bareLength(form) <= 2;
  }
}
