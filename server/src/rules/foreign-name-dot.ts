import { isHan, isInlineSpace } from '../core/cjk';
import { msg } from '../l10n';
import type { Finding, Rule } from './types';
import { afterDatelineOrByline, foreignNameSpan, mostlyLetterSpaced } from './util';

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
    for (let line = 0; line < model.lineCount; line++) {
      const s = model.lineStart(line);
      const e = model.lineEnd(line);
      let checkedLetterSpacing: boolean | undefined;
      for (let i = s + 1; i < e - 1; i++) {
        if (!isInlineSpace(text.charCodeAt(i)) || !isHan(text.charCodeAt(i - 1))) continue;
        let j = i;
        while (j < e && isInlineSpace(text.charCodeAt(j))) j++;
        const ws = i;
        i = j;
        if (j >= e || j - ws > 2 || !isHan(text.charCodeAt(j))) continue;
        const span = foreignNameSpan(text, ws, j, isWord);
        if (!span) continue;
        checkedLetterSpacing ??= mostlyLetterSpaced(model, line);
        if (checkedLetterSpacing || afterDatelineOrByline(model, line, ws)) continue;
        const name = text.slice(span.start, ws) + '·' + text.slice(j, span.end);
        out.push({
          ruleId: 'foreign-name-dot',
          start: span.start,
          end: span.end,
          message: msg(`外国人名各部分之间应使用间隔号：${name}`, `the parts of a foreign name are joined by “·”: ${name}`),
          fix: { title: msg(`改为“${name}”`, `Write “${name}”`), edits: [{ start: ws, end: j, newText: '·' }], safe: true },
        });
      }
    }
    return out;
  },
};
