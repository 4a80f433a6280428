// A feedback list with paging and live arrivals, announced to screen readers.
import type { FeedbackFeed as Feed } from './useFeedbackFeed';
import { FeedbackCard } from '../../components/FeedbackCard';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';

export function FeedbackFeed({ feed, showMore = true }: { feed: Feed; showMore?: boolean }) {
  const { t } = useI18n();
  if (feed.loading) return <Loading />;
  if (feed.error) return <ErrorNotice error={feed.error} />;
  return (
    <div className="feed">
      <p className="visually-hidden" aria-live="polite">
        {feed.freshIds.size > 0 ? t('feed.arrived', { count: feed.freshIds.size }) : ''}
      </p>
      {feed.items.length === 0
        ? <p className="empty">{t('feed.empty')}</p>
        : (
          <ol className="feed-list" aria-label={t('feed.label')}>
            {feed.items.map((item) => (
              <li key={item.id}><FeedbackCard item={item} fresh={feed.freshIds.has(item.id)} /></li>
            ))}
          </ol>
        )}
      {showMore && feed.hasMore && (
        <button type="button" className="button" onClick={feed.loadMore} disabled={feed.loadingMore}>
          {feed.loadingMore ? t('common.loading') : t('feed.loadMore')}
        </button>
      )}
    </div>
  );
}
