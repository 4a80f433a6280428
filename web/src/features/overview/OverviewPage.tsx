// Overview: the executive's view of the workspace — NPS, CSAT and CES with their margins and
// change, the NPS trend with its confidence band, sentiment over time, the top topics, what
// drives NPS, what is emerging, and the latest negative comments. The period and the trend's
// interval live in the URL; every number opens the feedback behind it.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n/I18nProvider';
import { Drivers } from './Drivers';
import { EmergingTopics } from './EmergingTopics';
import { LatestNegative } from './LatestNegative';
import { NpsTrend } from './NpsTrend';
import { PERIODS, TREND_INTERVALS, defaultInterval, rangeOf, readInterval, readPeriod } from './period';
import type { Period, TrendInterval } from './period';
import { ScoreCards } from './ScoreCards';
import { SentimentTrend } from './SentimentTrend';
import { TopTopics } from './TopTopics';
import { useLiveMetrics } from '../metrics/useMetricsQuery';

export function OverviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params);
  const interval = readInterval(params, period);
  const range = useMemo(() => rangeOf(period), [period]);
  useLiveMetrics();

  const choose = (nextPeriod: Period, nextInterval: TrendInterval) => {
    const next = new URLSearchParams();
    next.set('period', nextPeriod);
    if (nextInterval !== defaultInterval(nextPeriod)) next.set('by', nextInterval);
    setParams(next, { replace: true });
  };

  const intervalPicker = (
    <SelectField label={t('overview.trendBy')} name="trend-interval" value={interval}
                 onChange={(value) => choose(period, value as TrendInterval)}>
      {TREND_INTERVALS.map((value) => <option key={value} value={value}>{t(`interval.${value}`)}</option>)}
    </SelectField>
  );

  return (
    <div className="overview">
      <header className="page-header">
        <h1>{t('overview.title')}</h1>
        <SelectField label={t('filters.range')} name="period" value={period}
                     onChange={(value) => choose(value as Period, defaultInterval(value as Period))}>
          {PERIODS.map((value) => <option key={value} value={value}>{t(`range.${value}`)}</option>)}
        </SelectField>
        <p className="lead">{t('overview.lead')}</p>
      </header>
      <ScoreCards period={period} />
      <div className="overview-grid">
        <NpsTrend period={period} interval={interval} tools={intervalPicker} />
        <SentimentTrend period={period} interval={interval} />
        <TopTopics period={period} />
        <Drivers range={range} />
        <EmergingTopics period={period} />
        <LatestNegative />
      </div>
    </div>
  );
}
