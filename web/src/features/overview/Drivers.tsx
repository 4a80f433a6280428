// What moves NPS: per topic, how many points NPS would gain without the responses that
// mention the topic negatively (the API's `drivers` of `nps`). The biggest drags come first;
// a bar opens those negative mentions.
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
import type { QueryRange } from '../../api/metrics';

const SHOWN = 8;

export function Drivers({ range, testId = 'drivers' }: { range: QueryRange; testId?: string }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const query = useMemo<MetricsQuery>(() => ({ metric: 'drivers', of: 'nps', range }), [range]);
  const answer = useMetricsQuery(query);
  const bars = useMemo<CategoryBar[]>(() => (answer.data?.rows ?? [])
    .filter((row) => row.group.topic && row.value !== null)
    .slice(0, SHOWN)
    .map((row) => {
      const topic = row.group.topic as string;
      return {
        key: topic, label: topic, value: row.value,
        color: (row.value ?? 0) > 0 ? COLORS.negative : COLORS.positive,
        details: [
          formatNumber(row.n),
          formatNumber(row.negative ?? 0),
          formatMetricValue('nps', row.score_with, formatNumber),
          formatMetricValue('nps', row.score_without, formatNumber),
        ],
        href: drillHref(path, { metric: 'nps', range, filters: {}, group: { topic, sentiment: 'negative' } }),
      };
    }), [answer.data, path, range, formatNumber]);

  return (
    <ChartPanel id={testId} title={t('overview.drivers')} lead={t('overview.driversLead')}
                loading={answer.isPending} error={answer.error} empty={bars.length === 0}>
      <CategoryBars metric="drivers" bars={bars} label={t('overview.drivers')} testId={`${testId}-chart`}
                    columns={[t('dimension.topic'), t('drivers.impact'), t('drivers.mentions'), t('drivers.negative'),
                      t('drivers.with'), t('drivers.without')]} />
    </ChartPanel>
  );
}
