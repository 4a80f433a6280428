// The latest negative comments, live.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { FeedbackFeed } from '../explorer/FeedbackFeed';
import { useFeedbackFeed } from '../explorer/useFeedbackFeed';

const SHOWN = 5;

export function LatestNegative() {
  const { t } = useI18n();
  const { workspace, path } = useWorkspace();
  const query = useMemo(() => ({ sentiment: 'negative' }), []);
  const feed = useFeedbackFeed(workspace.id, query, SHOWN);
  return (
    <section className="panel" aria-labelledby="latest-negative-title">
      <h2 id="latest-negative-title">{t('overview.latestNegative')}</h2>
      <FeedbackFeed feed={{ ...feed, items: feed.items.slice(0, SHOWN) }} showMore={false} />
      <Link to={`${path('explorer')}?sentiment=negative`}>{t('overview.seeAllNegative')}</Link>
    </section>
  );
}
