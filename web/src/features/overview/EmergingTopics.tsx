// Topics and key phrases on the rise: their share of responses in the period against the
// period before (the API's `emerging_topics`: rising ones with at least 3 mentions, most
// significant first). A topic opens its feedback; a phrase, the Explorer searching for it.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { MetricRow, MetricsQuery } from '../../api/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { ChartPanel } from '../metrics/ChartPanel';
import { drillHref } from '../metrics/drill';
import { useMetricsQuery } from '../metrics/useMetricsQuery';
import { rangeOf } from './period';
import type { Period } from './period';

const SHOWN = 8;

// The Explorer's rolling period nearest to the Overview's.
const EXPLORER_RANGE: Record<Period, string | undefined> = { '30d': '30d', '90d': '90d', '12m': undefined };

export function EmergingTopics({ period }: { period: Period }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const query = useMemo<MetricsQuery>(() => ({ metric: 'emerging_topics', range: rangeOf(period) }), [period]);
  const answer = useMetricsQuery(query);
  const rows = (answer.data?.rows ?? []).slice(0, SHOWN);
  const linkOf = (row: MetricRow) => {
    if (row.group.topic) return drillHref(path, { metric: 'count', range: rangeOf(period), filters: {}, group: { topic: row.group.topic } });
    const params = new URLSearchParams({ q: row.group.phrase ?? '' });
    const range = EXPLORER_RANGE[period];
    if (range) params.set('range', range);
    return `${path('explorer')}?${params.toString()}`;
  };

  return (
    <ChartPanel id="emerging-topics" title={t('overview.emerging')} lead={t('overview.emergingLead')}
                loading={answer.isPending} error={answer.error} empty={rows.length === 0}>
      <ol className="emerging-list" data-testid="emerging-list">
        {rows.map((row) => {
          const phrase = !row.group.topic;
          const label = row.group.topic ?? row.group.phrase ?? '';
          return (
            <li key={`${phrase ? 'p' : 't'}:${label}`} className="emerging-item">
              <Link to={linkOf(row)} className={phrase ? 'phrase' : 'topic'}>{phrase ? t('overview.phrase', { phrase: label }) : label}</Link>
              <span className="emerging-ratio">{t('overview.ratio', { ratio: formatNumber(row.value ?? 0, { maximumFractionDigits: 1 }) })}</span>
              <span className="muted">{t('overview.mentions', { now: row.n, before: row.previous?.n ?? 0 })}</span>
              <span className={row.significant ? 'badge badge-significant' : 'badge badge-muted'}
                    title={row.p_value != null ? t('score.pValue', { p: formatNumber(row.p_value, { maximumSignificantDigits: 2 }) }) : undefined}>
                {row.significant ? t('score.significant') : t('score.notSignificant')}
              </span>
            </li>
          );
        })}
      </ol>
    </ChartPanel>
  );
}
