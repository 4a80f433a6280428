// Cases: the queue, one case with its history, changes, notes, replies to the customer and
// the conversation (docs/api.md, "Cases").
import { api, workspacePath } from './client';
import type { BulkResult, Case, CaseDetail, CaseEvent, CaseMessage, Page } from './types';

// The queue's filters as the API takes them.
export interface CaseQuery {
  status?: string;
  assignee?: string;
  priority?: string;
  team?: string;
  sla?: string;
  within_minutes?: string;
}

export interface CasePatch {
  title?: string;
  status?: string;
  priority?: string;
  team?: string;
  assignee_id?: string | null;
  tags?: string[];
  add_tags?: string[];
  version?: number;
  // With status "resolved": send the customer the follow-up survey.
  followup?: boolean;
}

export interface NewReply {
  text: string;
  status?: 'waiting_on_customer';
}

const casePath = (workspaceId: string, id: string, rest = '') =>
  workspacePath(workspaceId, `/cases/${encodeURIComponent(id)}${rest}`);

export const listCases = (workspaceId: string, query: CaseQuery, cursor: string | undefined, limit: number,
                          signal?: AbortSignal) =>
  api.get<Page<Case>>(workspacePath(workspaceId, '/cases'), { ...query, cursor, limit }, signal);

export const getCase = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api.get<CaseDetail>(casePath(workspaceId, id), undefined, signal);

export const updateCase = (workspaceId: string, id: string, patch: CasePatch) =>
  api.patch<CaseDetail>(casePath(workspaceId, id), patch);

export const bulkUpdateCases = (workspaceId: string, ids: string[], patch: CasePatch) =>
  api.post<{ items: BulkResult[] }>(workspacePath(workspaceId, '/cases/bulk'), { ids, patch });

export const addCaseNote = (workspaceId: string, id: string, text: string) =>
  api.post<CaseEvent>(casePath(workspaceId, id, '/notes'), { text });

export const sendCaseReply = (workspaceId: string, id: string, reply: NewReply) =>
  api.post<CaseMessage>(casePath(workspaceId, id, '/replies'), reply);

export const listCaseMessages = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api.get<Page<CaseMessage>>(casePath(workspaceId, id, '/messages'), { limit: 200 }, signal);
