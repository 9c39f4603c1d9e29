import type { Rule } from './types';
import { rule as cjkSpace } from './cjk-space';
import { rule as pageMarker } from './page-marker';
import { rule as markupResidue } from './markup-residue';
import { rule as sloganVariant } from './slogan-variant';
import { RULES_LAYOUT } from './group-layout';
import { RULES_CHARS } from './group-chars';
import { RULES_STRUCTURE } from './group-structure';

/** Every rule, in the order findings are reported. One module per rule id. */
export const RULES: Rule[] = [cjkSpace, pageMarker, markupResidue, sloganVariant, ...RULES_LAYOUT, ...RULES_CHARS, ...RULES_STRUCTURE];

export const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));
