import type { Rule } from './types';

/** Rules of the chars group (each in its own module), in reporting order. */
export const RULES_CHARS: Rule[] = [];
