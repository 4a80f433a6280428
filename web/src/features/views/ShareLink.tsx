// Copies the current address — filters included — so a colleague opens the same view.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export function ShareLink() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
    } catch {
      setState('manual');
    }
  };
  return (
    <div className="share">
      <button type="button" className="button" onClick={copy}>{t('share.copy')}</button>
      <span role="status">{state === 'copied' ? t('share.copied') : ''}</span>
      {state === 'manual' && (
        <label className="field">
          <span>{t('share.manual')}</span>
          <input readOnly value={window.location.href} onFocus={(event) => event.target.select()} />
        </label>
      )}
    </div>
  );
}
