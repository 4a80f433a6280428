// One case: its facts and SLA, the feedback behind it, the conversation with the customer,
// internal notes and the full history; people who work cases change it here.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { getCase } from '../../api/cases';
import { getFeedback } from '../../api/feedback';
import type { CaseDetail } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FeedbackCard } from '../../components/FeedbackCard';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { PriorityBadge, StatusBadge } from './badges';
import { CaseConversation } from './CaseConversation';
import { CaseHistory } from './CaseHistory';
import { CaseNoteForm } from './CaseNoteForm';
import { CaseWorkForm } from './CaseWorkForm';
import { DueTime } from './DueTime';
import { useMembers } from './caseModel';
import type { Members } from './caseModel';

export function CaseDetailPage() {
  const { t } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const { caseId = '' } = useParams();
  const members = useMembers(workspace.id, can('members.read'));
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const detail = useQuery({
    queryKey: ['case', workspace.id, caseId],
    queryFn: ({ signal }) => getCase(workspace.id, caseId, signal),
    refetchOnWindowFocus: false,
  });
  const item = detail.data;
  const canWork = can('cases.work');

  return (
    <div className="case-detail">
      <Link to={path('cases')} className="back-link">← {t('cases.backToQueue')}</Link>
      {detail.isPending && <Loading />}
      {detail.error && <ErrorNotice error={detail.error} />}
      {item && (
        <>
          <header className="page-header">
            <h1>{item.title}</h1>
            <div className="case-badges">
              <StatusBadge status={item.status} />
              <PriorityBadge priority={item.priority} />
            </div>
          </header>
          <div className="detail-grid">
            <CaseFacts item={item} members={members} />
            {canWork && (
              <CaseWorkForm key={item.version} item={item} members={members} justSaved={savedVersion === item.version}
                            onSaved={setSavedVersion} onReload={() => void detail.refetch()} />
            )}
          </div>
          <CaseItems item={item} />
          <CaseConversation caseId={item.id} canReply={canWork} />
          <section className="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">{t('note.title')}</h2>
            {canWork ? <CaseNoteForm caseId={item.id} /> : <p className="muted">{t('note.readOnly')}</p>}
          </section>
          <CaseHistory history={item.history} members={members} />
        </>
      )}
    </div>
  );
}

function CaseFacts({ item, members }: { item: CaseDetail; members: Members }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const none = <span className="muted">{t('common.none')}</span>;
  const time = (iso: string | null) => (iso
    ? <time dateTime={iso}>{formatDateTime(iso, workspace.timezone)}</time>
    : none);
  return (
    <section className="panel" aria-labelledby="case-facts-title">
      <h2 id="case-facts-title">{t('caseFacts.title')}</h2>
      <dl className="facts">
        <dt>{t('cases.status')}</dt><dd data-testid="case-status">{t(`status.${item.status}`)}</dd>
        <dt>{t('cases.priority')}</dt>
        <dd data-testid="case-priority">
          {t(`priority.${item.priority}`)}{' '}
          <span className="muted">
            {t(item.priority_manual ? 'caseFacts.prioritySetByHand' : 'caseFacts.priorityScore',
               { score: formatNumber(item.priority_score) })}
          </span>
        </dd>
        <dt>{t('cases.assignee')}</dt>
        <dd data-testid="case-assignee">{item.assignee_id ? members.nameOf(item.assignee_id) : t('cases.unassigned')}</dd>
        <dt>{t('cases.team')}</dt><dd data-testid="case-team">{item.team || none}</dd>
        <dt>{t('cases.tags')}</dt><dd data-testid="case-tags">{item.tags.length ? item.tags.join(', ') : none}</dd>
        <dt>{t('caseFacts.resolutionDue')}</dt><dd><DueTime item={item} /></dd>
        <dt>{t('caseFacts.firstResponseDue')}</dt><dd>{time(item.first_response_due_at)}</dd>
        <dt>{t('caseFacts.firstResponded')}</dt><dd>{time(item.first_responded_at)}</dd>
        <dt>{t('caseFacts.created')}</dt><dd>{time(item.created_at)}</dd>
        <dt>{t('caseFacts.updated')}</dt><dd>{time(item.updated_at)}</dd>
        {item.resolved_at && <div className="fact-row"><dt>{t('caseFacts.resolved')}</dt><dd>{time(item.resolved_at)}</dd></div>}
        {item.closed_at && <div className="fact-row"><dt>{t('caseFacts.closed')}</dt><dd>{time(item.closed_at)}</dd></div>}
        <dt>{t('customer.title')}</dt>
        <dd>
          {item.customer_id
            ? (can('feedback.read') ? <Link to={`${path('explorer')}?customer=${item.customer_id}`}>{item.customer_id}</Link> : item.customer_id)
            : none}
        </dd>
        {item.rule_id && (
          <div className="fact-row">
            <dt>{t('caseFacts.openedByRule')}</dt>
            <dd>{can('rules.read') ? <Link to={path(`rules/${item.rule_id}`)}>{item.rule_id}</Link> : item.rule_id}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

// The case's feedback items, each with its text (GET …/feedback/{id}) and a link to it.
function CaseItems({ item }: { item: CaseDetail }) {
  const { t } = useI18n();
  const { workspace, path } = useWorkspace();
  const feedback = useQueries({
    queries: item.feedback_item_ids.map((id) => ({
      queryKey: ['feedback-item', workspace.id, id],
      queryFn: ({ signal }: { signal: AbortSignal }) => getFeedback(workspace.id, id, signal),
      retry: false,
    })),
  });
  return (
    <section className="panel case-items" aria-labelledby="case-items-title">
      <h2 id="case-items-title">{t('caseItems.title', { count: item.feedback_item_ids.length })}</h2>
      {item.feedback_item_ids.length === 0
        ? <p className="empty">{t('caseItems.none')}</p>
        : (
          <ol className="feed-list" aria-label={t('caseItems.label')}>
            {item.feedback_item_ids.map((id, index) => {
              const result = feedback[index];
              return (
                <li key={id}>
                  {result?.data
                    ? <FeedbackCard item={result.data} />
                    : (
                      <div className="feedback-card">
                        <Link to={path(`feedback/${id}`)}>{t('caseItems.item', { id })}</Link>
                        {result?.isPending && <Loading />}
                        {result?.error ? <ErrorNotice error={result.error} /> : null}
                      </div>
                    )}
                </li>
              );
            })}
          </ol>
        )}
    </section>
  );
}
