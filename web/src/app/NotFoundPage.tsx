import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <main className="page" id="main">
      <h1>{t('error.pageNotFound')}</h1>
      <Link to="/app">{t('nav.home')}</Link>
    </main>
  );
}
