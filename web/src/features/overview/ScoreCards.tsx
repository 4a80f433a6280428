// NPS, CSAT and CES over the period: each with its value, the ± margin of its 95% confidence
// interval, how many answers it rests on, and its change from the previous period with
// whether that change is statistically significant (the API's two-sided test, p < 0.05).
// One query answers all three; a card opens the feedback behind its number.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { SCORE_METRICS } from '../../api/metrics';
import type { MetricRow, MetricsQuery, ScoreMetric } from '../../api/metrics';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatChange, formatMargin, formatMetricValue, isPercentMetric, marginOf } from '../../format/metrics';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { drillHref } from '../metrics/drill';
import { useMetricsQuery } from '../metrics/useMetricsQuery';
import { rangeOf } from './period';
import type { Period } from './period';

function ScoreCard({ metric, row, period }: { metric: ScoreMetric; row: MetricRow | undefined; period: Period }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const id = `score-${metric}`;
  const n = row?.n ?? 0;
  const margin = row ? marginOf(row) : null;
  const change = row?.change ?? null;
  const unit = metric === 'nps' ? 'metrics.unitPoints' : isPercentMetric(metric) ? 'metrics.unitPercentagePoints' : 'metrics.unitNone';
  const direction = change === null ? 'none' : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return (
    <article className="score-card" data-testid={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="score-title">{t(`metric.${metric}`)}</h2>
      <p className="score-value">
        <span data-testid={`${id}-value`} data-value={row?.value ?? ''}>{formatMetricValue(metric, row?.value, formatNumber)}</span>
        {margin !== null && (
          <span className="score-margin" title={t('score.marginHelp')}>
            {' ± '}<span data-testid={`${id}-margin`} data-value={margin}>{formatMargin(metric, margin, formatNumber)}</span>
          </span>
        )}
      </p>
      <p className="score-n">
        {t('score.nLabel')} <span data-testid={`${id}-n`} data-value={n}>{formatNumber(n)}</span>
      </p>
      <p className={`score-change is-${direction}`}>
        {change === null
          ? <span data-testid={`${id}-change`} data-value="">{t('score.noPrevious')}</span>
          : (
            <>
              <span className="visually-hidden">{t(`score.direction.${direction}` as 'score.direction.up')}</span>
              <span data-testid={`${id}-change`} data-value={change}>{t(unit, { value: formatChange(metric, change, formatNumber) })}</span>
              {' '}{t('score.vsPrevious')}{' '}
              <span className={row?.significant ? 'badge badge-significant' : 'badge badge-muted'}
                    data-testid={`${id}-significance`} data-significant={row?.significant ? 'true' : 'false'}
                    title={row?.p_value != null ? t('score.pValue', { p: formatNumber(row.p_value, { maximumSignificantDigits: 2 }) }) : undefined}>
                {row?.significant ? t('score.significant') : t('score.notSignificant')}
              </span>
            </>
          )}
      </p>
      {n > 0 && (
        <Link className="score-link" to={drillHref(path, { metric, range: rangeOf(period), filters: {}, group: {} })}>
          {t('score.seeFeedback')}
        </Link>
      )}
    </article>
  );
}

export function ScoreCards({ period }: { period: Period }) {
  const { t } = useI18n();
  const query = useMemo<MetricsQuery>(() => ({
    metrics: [...SCORE_METRICS], range: rangeOf(period), compare: 'previous_period',
  }), [period]);
  const answer = useMetricsQuery(query);
  const rows = answer.data?.rows ?? [];
  return (
    <section className="score-cards" aria-label={t('overview.scores')}>
      {answer.isPending && <Loading />}
      {answer.error && <ErrorNotice error={answer.error} />}
      {answer.data && SCORE_METRICS.map((metric) => (
        <ScoreCard key={metric} metric={metric} period={period} row={rows.find((row) => row.metric === metric)} />
      ))}
    </section>
  );
}
