// The current language and everything that depends on it: translated strings, and dates and
// numbers formatted with Intl for that language (dates in the workspace's time zone when
// one is given).
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { INTL_TAGS, initialLocale, rememberLocale } from './locale';
import type { Locale } from './locale';
import { catalogs } from './messages';
import type { MessageKey } from './messages';

export type MessageParams = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
  formatDateTime: (iso: string, timeZone?: string) => string;
  formatDate: (iso: string, timeZone?: string) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  // How far `iso` is from `now`, in words: "in 3 hours", "2 days ago".
  formatRelative: (iso: string, now?: number) => string;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000],
];

const I18nContext = createContext<I18n | null>(null);

function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = INTL_TAGS[locale];
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = INTL_TAGS[locale];
    const numbers = new Intl.NumberFormat(tag);
    const format = (iso: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(tag, { ...options, timeZone: safeTimeZone(timeZone) }).format(date);
    };
    return {
      locale,
      setLocale,
      t: (key, params) => {
        const template = catalogs[locale][key];
        if (!params) return template;
        return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const param = params[name];
          if (param === undefined) return whole;
          return typeof param === 'number' ? numbers.format(param) : param;
        });
      },
      formatDateTime: (iso, timeZone) => format(iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' }),
      formatDate: (iso, timeZone) => format(iso, timeZone, { dateStyle: 'medium' }),
      formatNumber: (value, options) => new Intl.NumberFormat(tag, options).format(value),
      formatRelative: (iso, now = Date.now()) => {
        const at = new Date(iso).getTime();
        if (Number.isNaN(at)) return iso;
        const difference = at - now;
        const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
        for (const [unit, size] of RELATIVE_UNITS) {
          if (Math.abs(difference) >= size || unit === 'minute') {
            return relative.format(Math.round(difference / size), unit);
          }
        }
        return relative.format(0, 'minute');
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
