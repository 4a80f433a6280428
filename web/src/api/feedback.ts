// Feedback items and their customers.
import { api, workspacePath } from './client';
import type { Customer, FeedbackItem, Page } from './types';

// The list filters the API takes (docs/api.md, GET …/feedback); `from`/`to` are RFC 3339.
export interface FeedbackQuery {
  channel?: string;
  from?: string;
  to?: string;
  customer?: string;
  survey?: string;
  sentiment?: string;
  language?: string;
  topic?: string;
  q?: string;
}

export const listFeedback = (workspaceId: string, query: FeedbackQuery, cursor: string | undefined,
                             limit: number, signal?: AbortSignal) =>
  api.get<Page<FeedbackItem>>(workspacePath(workspaceId, '/feedback'),
                              { ...query, cursor, limit }, signal);

export const getFeedback = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api.get<FeedbackItem>(workspacePath(workspaceId, `/feedback/${encodeURIComponent(id)}`),
                        undefined, signal);

export const getCustomer = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api.get<Customer>(workspacePath(workspaceId, `/customers/${encodeURIComponent(id)}`),
                    undefined, signal);
