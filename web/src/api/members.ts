// The workspace's members (docs/api.md, "Workspaces, members"): who cases can be assigned to.
import { api, workspacePath } from './client';
import type { Member, Page } from './types';

export const listMembers = (workspaceId: string, signal?: AbortSignal) =>
  api.get<Page<Member>>(workspacePath(workspaceId, '/members'), undefined, signal);
