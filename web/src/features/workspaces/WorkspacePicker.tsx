// The caller's workspaces and their role in each.
import { Link } from 'react-router';
import { LanguageSelect } from '../../app/LanguageSelect';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';

export function WorkspacePicker() {
  const { t } = useI18n();
  const { me } = useSession();
  const workspaces = me?.workspaces ?? [];
  return (
    <main className="page picker" id="main">
      <div className="picker-top">
        <p className="brand">Voxloop</p>
        <LanguageSelect />
      </div>
      <h1>{t('workspaces.title')}</h1>
      {workspaces.length === 0 && <p className="empty">{t('workspaces.none')}</p>}
      <ul className="workspace-list">
        {workspaces.map((workspace) => (
          <li key={workspace.id}>
            <Link to={`/app/w/${encodeURIComponent(workspace.id)}`} className="workspace-card">
              <span className="workspace-card-name">{workspace.name}</span>
              <span className="badge">{t(`role.${workspace.role}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
