// Explorer: every filter the feedback list offers, the matching feedback (paged, live), and
// the views saved from it. Filters live in the URL, so a view is also a shareable link.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { SavedViewsPanel } from '../views/SavedViewsPanel';
import { ShareLink } from '../views/ShareLink';
import { chartParams } from './chart';
import { FeedbackFeed } from './FeedbackFeed';
import { FilterForm } from './FilterForm';
import { activeFilterCount, filtersToParams, readFilters, toFeedbackQuery } from './filters';
import type { Filters } from './filters';
import { MetricsChart } from './MetricsChart';
import { useFeedbackFeed } from './useFeedbackFeed';

const PAGE_SIZE = 50;

export function ExplorerPage() {
  const { t } = useI18n();
  const { workspace, can } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const query = useMemo(() => toFeedbackQuery(filters, workspace.timezone, Date.now()), [filters, workspace.timezone]);
  const feed = useFeedbackFeed(workspace.id, query, PAGE_SIZE);
  // New filters keep the chart's own choices (metric, grouping).
  const apply = (next: Filters) => {
    const nextParams = filtersToParams(next);
    for (const [key, value] of chartParams(new URLSearchParams(search))) nextParams.set(key, value);
    setParams(nextParams);
  };
  const viewFilters = useMemo(() => ({ ...filters, ...Object.fromEntries(chartParams(new URLSearchParams(search))) }), [filters, search]);
  const count = activeFilterCount(filters);

  return (
    <div className="explorer">
      <header className="page-header">
        <h1>{t('explorer.title')}</h1>
        <ShareLink />
      </header>
      <div className="explorer-layout">
        <aside className="explorer-side">
          <details className="filter-panel" open>
            <summary>{count > 0 ? t('filters.titleCount', { count }) : t('filters.title')}</summary>
            <FilterForm filters={filters} timeZone={workspace.timezone} onChange={apply} />
          </details>
          {can('metrics.read') && <SavedViewsPanel page="explorer" filters={viewFilters} />}
        </aside>
        <div className="explorer-main">
          {can('metrics.read') && <MetricsChart filters={filters} />}
          <section className="explorer-results" aria-label={t('explorer.results')}>
            <FeedbackFeed feed={feed} />
          </section>
        </div>
      </div>
    </div>
  );
}
