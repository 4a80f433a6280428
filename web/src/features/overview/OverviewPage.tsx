// Overview: the executive's view of the workspace.
import { useI18n } from '../../i18n/I18nProvider';
import { LatestNegative } from './LatestNegative';

export function OverviewPage() {
  const { t } = useI18n();
  return (
    <div className="overview">
      <header className="page-header">
        <h1>{t('overview.title')}</h1>
      </header>
      <LatestNegative />
    </div>
  );
}
