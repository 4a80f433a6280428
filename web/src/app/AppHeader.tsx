// The bar on every signed-in screen. On a phone the navigation folds behind a menu button.
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkspace } from '../session/WorkspaceContext';
import { LanguageSelect } from './LanguageSelect';
import { LiveStatus } from './LiveStatus';
import { MainNav } from './MainNav';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function AppHeader() {
  const { t } = useI18n();
  const { path } = useWorkspace();
  const [open, setOpen] = useState(false);
  return (
    <header className={open ? 'app-header is-open' : 'app-header'}>
      <div className="header-row">
        <Link to={path()} className="brand">Voxloop</Link>
        <WorkspaceSwitcher />
        <button type="button" className="button menu-button" aria-expanded={open} aria-controls="header-menu"
                onClick={() => setOpen(!open)}>
          {t('nav.menu')}
        </button>
      </div>
      <div className="header-menu" id="header-menu">
        <MainNav onNavigate={() => setOpen(false)} />
        <div className="header-tools">
          <LiveStatus />
          <NotificationBell onNavigate={() => setOpen(false)} />
          <LanguageSelect />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
