// A workspace's front door: each role starts where its work is (session/roles.ts).
import { Navigate } from 'react-router';
import { homeFor } from '../../session/roles';
import { useWorkspace } from '../../session/WorkspaceContext';

export function RoleHome() {
  const { workspace, path } = useWorkspace();
  return <Navigate to={path(homeFor(workspace.role))} replace />;
}
