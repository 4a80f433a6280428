import type { Sentiment } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

// A sentiment label with its colour; text, not colour alone, carries the meaning.
export function SentimentBadge({ label }: { label: Sentiment | null }) {
  const { t } = useI18n();
  if (!label) return <span className="badge">{t('sentiment.unknown')}</span>;
  return <span className={`badge badge-${label}`}>{t(`sentiment.${label}`)}</span>;
}
