/** A user-facing message in both languages the product speaks. Chinese is the default. */
export interface Msg {
  zh: string;
  en: string;
}

export type Locale = 'zh-cn' | 'en';

export function msg(zh: string, en: string): Msg {
  return { zh, en };
}

export function t(m: Msg, locale: Locale): string {
  return locale === 'en' ? m.en : m.zh;
}

/**
 * The locale to speak: an explicit setting wins; otherwise VS Code's display language
 * (English when it is English, Chinese for everything else).
 */
export function resolveLocale(setting: string | undefined, displayLanguage: string | undefined): Locale {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  if (displayLanguage && /^en\b/i.test(displayLanguage)) return 'en';
  return 'zh-cn';
}
