// The workspace a screen works in, with the caller's role and permissions there.
import { createContext, useContext } from 'react';
import type { MemberWorkspace, Permission } from '../api/types';

export interface WorkspaceScope {
  workspace: MemberWorkspace;
  can: (permission: Permission) => boolean;
  // An in-app path inside this workspace, e.g. path('explorer') → /app/w/123/explorer.
  path: (rest?: string) => string;
}

export const WorkspaceContext = createContext<WorkspaceScope | null>(null);

export function scopeOf(workspace: MemberWorkspace): WorkspaceScope {
  return {
    workspace,
    can: (permission) => workspace.permissions.includes(permission),
    path: (rest = '') => `/app/w/${encodeURIComponent(workspace.id)}${rest ? `/${rest}` : ''}`,
  };
}

export function useWorkspace(): WorkspaceScope {
  const scope = useContext(WorkspaceContext);
  if (!scope) throw new Error('useWorkspace outside a workspace route');
  return scope;
}
