// Where an item came from: channel, rating, times, tags, survey and metadata.
import type { FeedbackItem } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

function metadataText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function DetailsPanel({ item }: { item: FeedbackItem }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { workspace } = useWorkspace();
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t('details.title')}</h2>
      <dl className="facts">
        <dt>{t('details.channel')}</dt><dd>{t(`channel.${item.channel}`)}</dd>
        <dt>{t('details.rating')}</dt><dd>{item.rating === null ? none : formatNumber(item.rating)}</dd>
        <dt>{t('details.received')}</dt>
        <dd><time dateTime={item.received_at}>{formatDateTime(item.received_at, workspace.timezone)}</time></dd>
        <dt>{t('details.tags')}</dt><dd>{item.tags.length === 0 ? none : item.tags.join(', ')}</dd>
        <dt>{t('details.survey')}</dt><dd>{item.survey_id ?? none}</dd>
        <dt>{t('details.externalId')}</dt><dd>{item.external_id ?? none}</dd>
        {Object.entries(item.metadata).map(([key, value]) => (
          <div key={key} className="fact-row"><dt>{key}</dt><dd>{metadataText(value)}</dd></div>
        ))}
      </dl>
    </section>
  );
}
