// What Voxloop understood of an item: language, sentiment, topics, key phrases, personal data.
import { Link } from 'react-router';
import type { FeedbackItem } from '../../api/types';
import { SentimentBadge } from '../../components/SentimentBadge';
import { isKnownLanguage } from '../../format/language';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

export function AnalysisPanel({ item }: { item: FeedbackItem }) {
  const { t, formatNumber } = useI18n();
  const { path } = useWorkspace();
  const { analysis } = item;
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <section className="panel" aria-labelledby="analysis-title">
      <h2 id="analysis-title">{t('analysis.title')}</h2>
      <dl className="facts">
        <dt>{t('analysis.language')}</dt>
        <dd>{isKnownLanguage(analysis.language) ? analysis.language : none}</dd>
        <dt>{t('analysis.sentiment')}</dt>
        <dd>
          <SentimentBadge label={analysis.sentiment.label} />{' '}
          {analysis.sentiment.label && (
            <span className="muted">{formatNumber(analysis.sentiment.score, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })}</span>
          )}
        </dd>
        <dt>{t('analysis.topics')}</dt>
        <dd>
          {analysis.topics.length === 0 ? none : (
            <ul className="inline-list">
              {analysis.topics.map((topic) => (
                <li key={topic}><Link className="topic" to={`${path('explorer')}?topic=${encodeURIComponent(topic)}`}>{topic}</Link></li>
              ))}
            </ul>
          )}
          {analysis.topics_source === 'manual' && <span className="muted"> ({t('analysis.manual')})</span>}
        </dd>
        <dt>{t('analysis.phrases')}</dt>
        <dd>
          {analysis.key_phrases.length === 0 ? none : (
            <ul className="inline-list">{analysis.key_phrases.map((phrase) => <li key={phrase} className="phrase">{phrase}</li>)}</ul>
          )}
        </dd>
        <dt>{t('analysis.pii')}</dt>
        <dd>
          {analysis.pii.length === 0 ? none : (
            <ul className="inline-list">{analysis.pii.map((kind) => <li key={kind}><code>{kind}</code></li>)}</ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
