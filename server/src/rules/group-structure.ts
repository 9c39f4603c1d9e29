import type { Rule } from './types';
import { rule as tocMismatch } from './toc-mismatch';

/** Rules of the structure group (each in its own module), in reporting order. */
export const RULES_STRUCTURE: Rule[] = [tocMismatch];
