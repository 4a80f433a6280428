// Alert rules (docs/api.md, "Rules"): listed in the order they are judged.
import { api, workspacePath } from './client';
import type { Page, Rule, RuleBody } from './types';

const rulePath = (workspaceId: string, id: string) => workspacePath(workspaceId, `/rules/${encodeURIComponent(id)}`);

export const listRules = (workspaceId: string, signal?: AbortSignal) =>
  api.get<Page<Rule>>(workspacePath(workspaceId, '/rules'), undefined, signal);
export const getRule = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api.get<Rule>(rulePath(workspaceId, id), undefined, signal);
export const createRule = (workspaceId: string, rule: RuleBody) =>
  api.post<Rule>(workspacePath(workspaceId, '/rules'), rule);
export const updateRule = (workspaceId: string, id: string, patch: Partial<RuleBody>) =>
  api.patch<Rule>(rulePath(workspaceId, id), patch);
export const deleteRule = (workspaceId: string, id: string) => api.delete(rulePath(workspaceId, id));
