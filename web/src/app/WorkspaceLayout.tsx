// Every screen inside one workspace: the header, the live connection and the screen itself.
import { useMemo } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { LiveFeedProvider } from '../live/LiveFeedProvider';
import { useSession } from '../session/SessionProvider';
import { WorkspaceContext, scopeOf } from '../session/WorkspaceContext';
import { AppHeader } from './AppHeader';

export function WorkspaceLayout() {
  const { t } = useI18n();
  const { me } = useSession();
  const { workspaceId } = useParams();
  const workspace = me?.workspaces.find((candidate) => candidate.id === workspaceId);
  const scope = useMemo(() => (workspace ? scopeOf(workspace) : null), [workspace]);
  if (!scope) {
    return (
      <main className="page" id="main">
        <h1>{t('workspaces.notFound')}</h1>
        <Link to="/app/workspaces">{t('workspaces.choose')}</Link>
      </main>
    );
  }
  return (
    <WorkspaceContext.Provider value={scope}>
      <LiveFeedProvider workspaceId={scope.workspace.id}>
        <a href="#main" className="skip-link">{t('nav.skip')}</a>
        <AppHeader />
        <main className="page" id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </LiveFeedProvider>
    </WorkspaceContext.Provider>
  );
}
