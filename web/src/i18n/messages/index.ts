import type { Locale } from '../locale';
import { en } from './en';
import type { MessageKey } from './en';
import { vi } from './vi';
import { zh } from './zh';

export type { MessageKey };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, vi, zh };
