// Moves to the same screen in another workspace.
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';
import { useWorkspace } from '../session/WorkspaceContext';

export function WorkspaceSwitcher() {
  const { t } = useI18n();
  const { me } = useSession();
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const location = useLocation();
  const workspaces = me?.workspaces ?? [];
  if (workspaces.length < 2) return <span className="workspace-name">{workspace.name}</span>;
  const switchTo = (id: string) => {
    const screen = location.pathname.split('/')[4] ?? '';
    const keep = screen === 'feedback' ? '' : screen;
    navigate(`/app/w/${encodeURIComponent(id)}${keep ? `/${keep}` : ''}`);
  };
  return (
    <label className="workspace-switcher">
      <span className="visually-hidden">{t('workspaces.switch')}</span>
      <select name="workspace" value={workspace.id} onChange={(event) => switchTo(event.target.value)}>
        {workspaces.map((option) => <option key={option.id} value={option.id}>{option.name}</option>)}
      </select>
    </label>
  );
}
