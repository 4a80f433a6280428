// The feedback behind one number of a chart (POST …/query/feedback), newest first, paged; the
// URL says which number (drill.ts), so the list is a link. Each item opens its detail page.
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { drillDown } from '../../api/metrics';
import type { Dimension } from '../../api/metrics';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FeedbackCard } from '../../components/FeedbackCard';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useWorkspace } from '../../session/WorkspaceContext';
import { drillRequest, readDrill } from './drill';
import type { DrillSpec } from './drill';
import { useDimensionName, useGroupLabel } from './labels';

const PAGE_SIZE = 50;
const KNOWN_LAST = ['7d', '30d', '90d', '12m'];

type Translate = (key: MessageKey, params?: Record<string, string>) => string;

// A range bound as given: a calendar date as it is, an instant in the workspace's time zone.
function boundText(bound: string | undefined, formatDateTime: (iso: string, timeZone?: string) => string, timeZone: string): string {
  if (!bound) return '…';
  return bound.includes('T') ? formatDateTime(bound, timeZone) : bound;
}

function rangeText(spec: DrillSpec, t: Translate, formatDateTime: (iso: string, timeZone?: string) => string, timeZone: string): string {
  if (!spec.range) return t('range.all');
  if ('last' in spec.range) {
    return KNOWN_LAST.includes(spec.range.last) ? t(`range.${spec.range.last}` as MessageKey)
      : t('metrics.rangeLast', { last: spec.range.last });
  }
  return t('metrics.rangeBetween', {
    from: boundText(spec.range.from, formatDateTime, timeZone), to: boundText(spec.range.to, formatDateTime, timeZone),
  });
}

function DrillDownList({ spec }: { spec: DrillSpec }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const pages = useInfiniteQuery({
    queryKey: ['drilldown', workspace.id, spec],
    queryFn: ({ pageParam, signal }) => drillDown(workspace.id, drillRequest(spec, pageParam, PAGE_SIZE), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchOnWindowFocus: false,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  if (pages.isPending) return <Loading />;
  if (pages.error) return <ErrorNotice error={pages.error} />;
  return (
    <div className="feed">
      {items.length === 0
        ? <p className="empty">{t('drill.empty')}</p>
        : (
          <ol className="feed-list" aria-label={t('drill.listLabel')} data-testid="drilldown-list">
            {items.map((item) => <li key={item.id}><FeedbackCard item={item} /></li>)}
          </ol>
        )}
      {pages.hasNextPage && (
        <button type="button" className="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('common.loading') : t('feed.loadMore')}
        </button>
      )}
    </div>
  );
}

export function DrillDownPage() {
  const { t, formatDateTime } = useI18n();
  const { workspace, path } = useWorkspace();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const search = params.toString();
  const spec = useMemo(() => readDrill(new URLSearchParams(search)), [search]);
  const groupLabel = useGroupLabel();
  const dimensionName = useDimensionName();
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate(path('overview')));

  return (
    <div className="drilldown">
      <button type="button" className="link-button" onClick={back}>← {t('detail.back')}</button>
      <header className="page-header">
        <h1>{t('drill.title')}</h1>
      </header>
      {!spec && (
        <div className="notice" role="alert">
          <p>{t('drill.invalid')}</p>
          <Link to={path('overview')}>{t('nav.overview')}</Link>
        </div>
      )}
      {spec && (
        <>
          <dl className="facts drill-facts" data-testid="drilldown-facts">
            <dt>{t('drill.metric')}</dt>
            <dd>{t(`metric.${spec.metric}` as MessageKey)}</dd>
            <dt>{t('filters.range')}</dt>
            <dd>{rangeText(spec, t, formatDateTime, workspace.timezone)}</dd>
            {Object.entries(spec.group).map(([dimension, value]) => (
              <div className="fact-row" key={`g-${dimension}`}>
                <dt>{dimensionName(dimension as Dimension)}</dt>
                <dd>{groupLabel(dimension as Dimension, value, spec.interval)}</dd>
              </div>
            ))}
            {Object.entries(spec.filters).map(([dimension, value]) => (
              <div className="fact-row" key={`f-${dimension}`}>
                <dt>{dimensionName(dimension as Dimension)}</dt>
                <dd>{(Array.isArray(value) ? value : [value ?? '']).map((one) => groupLabel(dimension as Dimension, one)).join(', ')}</dd>
              </div>
            ))}
          </dl>
          <section className="drill-results" aria-label={t('drill.listLabel')}>
            <DrillDownList spec={spec} />
          </section>
        </>
      )}
    </div>
  );
}
