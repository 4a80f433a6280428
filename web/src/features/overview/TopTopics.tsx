// The topics mentioned most in the period: their volume (responses mentioning them) as bars
// coloured by the mean sentiment of those responses. A bar opens the topic's feedback.
import { useMemo } from 'react';
import type { MetricsQuery } from '../../api/metrics';
import { COLORS } from '../../charts/echarts';
import { formatMetricValue } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { CategoryBars } from '../metrics/CategoryBars';
import type { CategoryBar } from '../metrics/CategoryBars';
import { ChartPanel } from '../metrics/ChartPanel';
import { drillHref } from '../metrics/drill';
import { useMetricsQuery } from '../metrics/useMetricsQuery';
import { rangeOf } from './period';
import type { Period } from './period';

const SHOWN = 10;
const TONE = 0.2;  // a mean sentiment beyond ±0.2 colours the bar

function sentimentColor(score: number | null): string {
  if (score === null) return COLORS.neutral;
  if (score <= -TONE) return COLORS.negative;
  if (score >= TONE) return COLORS.positive;
  return COLORS.neutral;
}

export function TopTopics({ period }: { period: Period }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const query = useMemo<MetricsQuery>(() => ({ metrics: ['topic_volume', 'topic_sentiment'], range: rangeOf(period) }), [period]);
  const answer = useMetricsQuery(query);
  const bars = useMemo<CategoryBar[]>(() => {
    const rows = answer.data?.rows ?? [];
    const sentiment = new Map(rows.filter((row) => row.metric === 'topic_sentiment').map((row) => [row.group.topic, row.value]));
    return rows
      .filter((row) => row.metric === 'topic_volume' && row.group.topic && row.n > 0)
      .sort((a, b) => b.n - a.n)
      .slice(0, SHOWN)
      .map((row) => {
        const topic = row.group.topic as string;
        const score = sentiment.get(topic) ?? null;
        return {
          key: topic, label: topic, value: row.n, color: sentimentColor(score),
          details: [formatMetricValue('sentiment', score, formatNumber)],
          href: drillHref(path, { metric: 'count', range: rangeOf(period), filters: {}, group: { topic } }),
        };
      });
  }, [answer.data, path, period, formatNumber]);

  return (
    <ChartPanel id="top-topics" title={t('overview.topTopics')} lead={t('overview.topTopicsLead')}
                loading={answer.isPending} error={answer.error} empty={bars.length === 0}>
      <CategoryBars metric="count" bars={bars} label={t('overview.topTopics')} testId="top-topics-chart"
                    columns={[t('dimension.topic'), t('metric.topic_volume'), t('metric.topic_sentiment')]} />
    </ChartPanel>
  );
}
