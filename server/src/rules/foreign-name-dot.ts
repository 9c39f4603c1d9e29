import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, foreignNameSpan, isTranslitChar, mostlyLetterSpaced } from './util';

/**
 * A Han character, then a run of one or two inline spaces (isInlineSpace) ending before another Han
 * character. Transliteration characters all lie in U+4E00–U+9FFF; the run is whole, as Han characters
 * bound it. The match ends before the second character, which may begin the next candidate.
 */
const SPACE_BETWEEN_HAN = /[\u4e00-\u9fff][ \t\u3000\u00a0]{1,2}(?=[\u4e00-\u9fff])/g;

/**
 * foreign-name-dot: the parts of a transliterated foreign name separated by a space where Chinese writes
 * the interpunct `·` (`克里斯 斯塔克` → `克里斯·斯塔克`). Bylines listing Chinese names, datelines,
 * letter-spaced lines, and a country followed by a city stay quiet. The fix replaces the space by `·`.
 */
export const rule: Rule = {
  id: 'foreign-name-dot',
  title: msg('外国人名间隔号', 'Interpunct in a foreign name'),
  description: msg(
    '外国人名的音译各部分之间应以间隔号“·”分隔，OCR 或转换常把它变成空格（如“克里斯 斯塔克”）。',
    'The parts of a transliterated foreign name are joined by the interpunct `·`; OCR and conversion often turn it into a space (`克里斯 斯塔克`).',
  ),
  defaultSeverity: 'warning',
  fixAllSafe: true,
  scope: 'paragraph',
  check(ctx) {
    const { model, lexicon } = ctx;
    const text = model.text;
    const isWord = lexicon.ready ? (w: string) => lexicon.isWord(w) : undefined;
    const out: Finding[] = [];
    // Candidates are one or two spaces between Han characters: one regular expression over the whole
    // text finds them. A name needs a transliteration character on both sides of the space (else
    // foreignNameSpan has nothing to join), which rules out almost all of them before any real work.
    let letterSpacedLine = -1;
    let letterSpaced = false;
    SPACE_BETWEEN_HAN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SPACE_BETWEEN_HAN.exec(text))) {
      const ws = m.index + 1;
      const j = m.index + m[0].length;
      if (!isTranslitChar(text.charCodeAt(ws - 1)) || !isTranslitChar(text.charCodeAt(j))) continue;
      const span = foreignNameSpan(text, ws, j, isWord);
      if (!span) continue;
      const line = model.lineAt(ws);
      if (line !== letterSpacedLine) {
        letterSpacedLine = line;
        letterSpaced = mostlyLetterSpaced(model, line);
      }
      if (letterSpaced || afterDatelineOrByline(model, line, ws)) continue;
      const name = text.slice(span.start, ws) + '·' + text.slice(j, span.end);
      out.push({
        ruleId: 'foreign-name-dot',
        start: span.start,
        end: span.end,
        message: msg(`外国人名各部分之间应使用间隔号：${name}`, `the parts of a foreign name are joined by “·”: ${name}`),
        fix: { title: msg(`改为“${name}”`, `Write “${name}”`), edits: [{ start: ws, end: j, newText: '·' }], safe: true },
      });
    }
    return out;
  },
};
