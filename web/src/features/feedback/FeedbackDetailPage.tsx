// One feedback item: its text as the caller may see it, its analysis and its customer.
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { getFeedback } from '../../api/feedback';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { isKnownLanguage } from '../../format/language';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { AnalysisPanel } from './AnalysisPanel';
import { CustomerPanel } from './CustomerPanel';
import { DetailsPanel } from './DetailsPanel';

export function FeedbackDetailPage() {
  const { t } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const { feedbackId = '' } = useParams();
  const navigate = useNavigate();
  const item = useQuery({
    queryKey: ['feedback-item', workspace.id, feedbackId],
    queryFn: ({ signal }) => getFeedback(workspace.id, feedbackId, signal),
  });
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate(path('explorer')));

  return (
    <div className="detail">
      <button type="button" className="link-button" onClick={back}>← {t('detail.back')}</button>
      {item.isPending && <Loading />}
      {item.error && <ErrorNotice error={item.error} />}
      {item.data && (
        <>
          <header className="page-header">
            <h1>{t('detail.title')}</h1>
          </header>
          <blockquote className="detail-text" lang={isKnownLanguage(item.data.analysis.language) ? item.data.analysis.language : undefined}>
            {item.data.text}
          </blockquote>
          {item.data.text_redacted && <p className="notice">{t('detail.redactedNotice')}</p>}
          <div className="detail-grid">
            <AnalysisPanel item={item.data} />
            {item.data.customer_id && (can('customers.read')
              ? <CustomerPanel customerId={item.data.customer_id} />
              : <section className="panel"><h2>{t('customer.title')}</h2><p>{t('customer.hidden')}</p></section>)}
            <DetailsPanel item={item.data} />
          </div>
          {item.data.customer_id && (
            <Link to={`${path('explorer')}?customer=${item.data.customer_id}`} className="button">
              {t('customer.allFeedback')}
            </Link>
          )}
        </>
      )}
    </div>
  );
}
