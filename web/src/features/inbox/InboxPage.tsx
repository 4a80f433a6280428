// The agent's view: negative feedback to handle, newest first, arriving live.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { FeedbackFeed } from '../explorer/FeedbackFeed';
import { useFeedbackFeed } from '../explorer/useFeedbackFeed';

const PAGE_SIZE = 30;

export function InboxPage() {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const query = useMemo(() => ({ sentiment: 'negative' }), []);
  const feed = useFeedbackFeed(workspace.id, query, PAGE_SIZE);
  return (
    <div className="inbox">
      <header className="page-header">
        <h1>{t('inbox.title')}</h1>
        <p className="lead">{t('inbox.lead')}</p>
      </header>
      <FeedbackFeed feed={feed} />
    </div>
  );
}
