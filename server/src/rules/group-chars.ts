import type { Rule } from './types';
import { rule as duplicateText } from './duplicate-text';
import { rule as foreignNameDot } from './foreign-name-dot';
import { rule as unbalancedPair } from './unbalanced-pair';
import { rule as invisibleChar } from './invisible-char';
import { rule as traditionalChar } from './traditional-char';
import { rule as ocrConfusion } from './ocr-confusion';

/** Rules of the chars group (each in its own module), in reporting order. */
export const RULES_CHARS: Rule[] = [duplicateText, foreignNameDot, unbalancedPair, invisibleChar, traditionalChar, ocrConfusion];
