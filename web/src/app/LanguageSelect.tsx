// The interface language; for a signed-in user it is saved as their setting.
import { useState } from 'react';
import { LOCALE_NAMES, LOCALES, toLocale } from '../i18n/locale';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';

export function LanguageSelect() {
  const { t, locale } = useI18n();
  const { changeLocale } = useSession();
  const [failed, setFailed] = useState(false);
  const change = async (value: string) => {
    setFailed(false);
    try {
      await changeLocale(toLocale(value));
    } catch {
      setFailed(true);
    }
  };
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('settings.language')}</span>
      <select name="locale" value={locale} onChange={(event) => void change(event.target.value)}>
        {LOCALES.map((code) => <option key={code} value={code} lang={code}>{LOCALE_NAMES[code]}</option>)}
      </select>
      {failed && <span role="alert" className="inline-error">{t('settings.languageNotSaved')}</span>}
    </label>
  );
}
