import type { Rule } from './types';

/** Rules of the structure group (each in its own module), in reporting order. */
export const RULES_STRUCTURE: Rule[] = [];
