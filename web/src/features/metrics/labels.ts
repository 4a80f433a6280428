// Names for what the query API groups by, in the user's language: a time bucket by its
// interval ("Week of 2 Mar 2026", "Q1 2026"), channels, sentiments and languages from the
// catalog, surveys by name, and everything else (topics, attributes) as it is stored.
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getDimensions, surveyChoices } from '../../api/metrics';
import type { Dimension, Interval } from '../../api/metrics';
import { CHANNELS, SENTIMENTS } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { INTL_TAGS } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/messages';
import { LANGUAGES } from '../explorer/filters';
import { useWorkspace } from '../../session/WorkspaceContext';

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

// The values each dimension takes, for pickers and labels; cached for a minute. Needs
// metrics.read: without it nothing is asked and pickers offer their fixed choices.
export function useDimensions() {
  const { workspace, can } = useWorkspace();
  return useQuery({
    queryKey: ['query-dimensions', workspace.id],
    queryFn: ({ signal }) => getDimensions(workspace.id, signal),
    staleTime: 60_000,
    enabled: can('metrics.read'),
  });
}

export type BucketLabel = (day: string, interval: Interval, style?: 'short' | 'long') => string;

export function useBucketLabel(): BucketLabel {
  const { t, locale } = useI18n();
  return useCallback((day, interval, style = 'long') => {
    const match = DAY.exec(day);
    if (!match) return day;
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const instant = new Date(Date.UTC(year, month - 1, date));
    const format = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(INTL_TAGS[locale], { ...options, timeZone: 'UTC' }).format(instant);
    switch (interval) {
      case 'day':
        return format({ day: 'numeric', month: 'short', year: style === 'long' ? 'numeric' : undefined });
      case 'week': {
        const start = format({ day: 'numeric', month: 'short', year: style === 'long' ? 'numeric' : undefined });
        return style === 'long' ? t('bucket.week', { date: start }) : start;
      }
      case 'month':
        return format({ month: 'short', year: 'numeric' });
      case 'quarter':
        return t('bucket.quarter', { quarter: String(Math.floor((month - 1) / 3) + 1), year: String(year) });
      case 'year':
        return String(year);
    }
  }, [t, locale]);
}

export type GroupLabel = (dimension: Dimension | 'phrase', value: string | null | undefined, interval?: Interval) => string;

export function useGroupLabel(): GroupLabel {
  const { t } = useI18n();
  const bucket = useBucketLabel();
  const dimensions = useDimensions();
  const surveys = surveyChoices(dimensions.data);
  return (dimension, value, interval) => {
    if (value === null || value === undefined || value === '') return t('group.none');
    if (dimension === 'time') return bucket(value, interval ?? 'day');
    if (dimension === 'channel' && (CHANNELS as readonly string[]).includes(value)) return t(`channel.${value}` as MessageKey);
    if (dimension === 'sentiment' && (SENTIMENTS as readonly string[]).includes(value)) return t(`sentiment.${value}` as MessageKey);
    if (dimension === 'language' && (LANGUAGES as readonly string[]).includes(value)) return t(`language.${value}` as MessageKey);
    if (dimension === 'survey') return surveys.find((survey) => survey.id === value)?.name ?? value;
    return value;
  };
}

// The name of a dimension ("Channel", "Customer: plan").
export function useDimensionName(): (dimension: Dimension | 'phrase') => string {
  const { t } = useI18n();
  return (dimension) => {
    if (dimension.startsWith('customer.')) return t('dimension.customer', { attribute: dimension.slice('customer.'.length) });
    return t(`dimension.${dimension}` as MessageKey);
  };
}
