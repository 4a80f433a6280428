// /app: straight into the only workspace, else the picker.
import { Navigate } from 'react-router';
import { useSession } from '../../session/SessionProvider';

export function WorkspaceRedirect() {
  const { me } = useSession();
  const workspaces = me?.workspaces ?? [];
  if (workspaces.length === 1) return <Navigate to={`/app/w/${encodeURIComponent(workspaces[0].id)}`} replace />;
  return <Navigate to="/app/workspaces" replace />;
}
