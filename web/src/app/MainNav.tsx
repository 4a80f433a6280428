import { NavLink } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkspace } from '../session/WorkspaceContext';
import { NAV_ITEMS } from './navigation';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useI18n();
  const { can, path } = useWorkspace();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {NAV_ITEMS.filter((item) => can(item.permission)).map((item) => (
          <li key={item.path}>
            <NavLink to={path(item.path)} onClick={onNavigate}>{t(item.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
