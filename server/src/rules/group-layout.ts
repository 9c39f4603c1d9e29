import type { Rule } from './types';

/** Rules of the layout group (each in its own module), in reporting order. */
export const RULES_LAYOUT: Rule[] = [];
