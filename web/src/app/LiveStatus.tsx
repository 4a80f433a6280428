// Whether new feedback is arriving live.
import { useI18n } from '../i18n/I18nProvider';
import { useLiveState } from '../live/LiveFeedProvider';

export function LiveStatus() {
  const { t } = useI18n();
  const state = useLiveState();
  return (
    <span className={`live-status live-${state}`} data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${state}`)}
    </span>
  );
}
