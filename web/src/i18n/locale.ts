// The dashboard's languages and how a user's locale setting maps onto them.
export const LOCALES = ['en', 'vi', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

// What Intl formats dates and numbers with, per language.
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', vi: 'vi-VN', zh: 'zh-CN' };

// Each language named in itself, so a reader finds their own whatever the current language.
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', vi: 'Tiếng Việt', zh: '中文' };

// "vi-VN" → "vi", "zh-Hans-CN" → "zh"; anything unknown → "en".
export function toLocale(tag: string | undefined | null): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : 'en';
}

const STORAGE_KEY = 'voxloop.locale';

// The language to show before anyone signs in: the last one chosen here, else the browser's.
export function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored) return toLocale(stored);
  } catch {
    // Storage can be disabled; the browser's language is the fallback.
  }
  return toLocale(navigator.language);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering is harmless: the signed-in user's setting wins anyway.
  }
}
