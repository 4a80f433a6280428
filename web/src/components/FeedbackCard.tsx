// One feedback item in a list: its text (always as text, never HTML), sentiment, channel,
// language, topics and when it came in; the whole card links to the item.
import { Link } from 'react-router';
import type { FeedbackItem } from '../api/types';
import { isKnownLanguage } from '../format/language';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkspace } from '../session/WorkspaceContext';
import { SentimentBadge } from './SentimentBadge';

export function FeedbackCard({ item, fresh = false }: { item: FeedbackItem; fresh?: boolean }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { workspace, path } = useWorkspace();
  return (
    <article className={fresh ? 'feedback-card is-fresh' : 'feedback-card'} data-feedback-id={item.id}>
      <Link to={path(`feedback/${item.id}`)} className="feedback-link">
        <p className="feedback-text">{item.text}</p>
      </Link>
      <div className="feedback-meta">
        <SentimentBadge label={item.analysis.sentiment.label} />
        <span className="badge">{t(`channel.${item.channel}`)}</span>
        {isKnownLanguage(item.analysis.language) && <span className="badge">{item.analysis.language}</span>}
        {item.rating !== null && <span className="badge">{t('feedback.ratingValue', { rating: formatNumber(item.rating) })}</span>}
        {item.text_redacted && <span className="badge badge-muted">{t('feedback.redacted')}</span>}
        {fresh && <span className="badge badge-new">{t('feedback.new')}</span>}
        {item.analysis.topics.map((topic) => <span key={topic} className="topic">{topic}</span>)}
        <time dateTime={item.received_at}>{formatDateTime(item.received_at, workspace.timezone)}</time>
      </div>
    </article>
  );
}
