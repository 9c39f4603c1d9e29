export const CATEGORIES = ['党的建设', '经济', '外交', '生态', '法治', '社会', '国防', '港澳台', '历史', '文化', '科教'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Variant {
  form: string;
  /** an OCR or typing error that should be corrected to the term */
  error?: boolean;
}

export interface Entry {
  term: string;
  variants?: (string | Variant)[];
  category: Category | string;
  components?: string[];
  /** false for a term that starts with a numeral but has no members (a date, a plan) */
  numbered?: boolean;
  definition: string;
  /** an English definition, where the data has one */
  definitionEn?: string;
  firstProposed?: { date?: string; occasion?: string };
  english?: string;
  related?: string[];
  sources: string[];
  period?: string;
  /** where the entry came from: `builtin`, or a user glossary file */
  origin?: { file: string; builtin: boolean };
}
