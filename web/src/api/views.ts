// Saved dashboard views (docs/api.md, "Saved views").
import { api, workspacePath } from './client';
import type { Page, SavedView } from './types';

export interface NewSavedView {
  name: string;
  page: string;
  filters: Record<string, string>;
  shared: boolean;
}

export const listViews = (workspaceId: string, signal?: AbortSignal) =>
  api.get<Page<SavedView>>(workspacePath(workspaceId, '/views'), { limit: 200 }, signal);
export const createView = (workspaceId: string, view: NewSavedView) =>
  api.post<SavedView>(workspacePath(workspaceId, '/views'), view);
export const deleteView = (workspaceId: string, id: string) =>
  api.delete(workspacePath(workspaceId, `/views/${encodeURIComponent(id)}`));
