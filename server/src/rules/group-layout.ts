import type { Rule } from './types';
import { rule as hardWrap } from './hard-wrap';
import { rule as splitParagraph } from './split-paragraph';
import { rule as letterSpaced } from './letter-spaced';
import { rule as strippedQuotes } from './stripped-quotes';
import { rule as asciiQuotes } from './ascii-quotes';
import { rule as halfwidthPunct } from './halfwidth-punct';
import { rule as digitSpacing } from './digit-spacing';

/** Rules of the layout group (each in its own module), in reporting order. */
export const RULES_LAYOUT: Rule[] = [hardWrap, splitParagraph, letterSpaced, strippedQuotes, asciiQuotes, halfwidthPunct, digitSpacing];
