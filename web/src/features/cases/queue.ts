// The case queue's filters as they live in the URL query string (so every view is a link):
// `view` picks one of the standard queues, `status`, `priority` and `team` narrow it.
import type { CaseQuery } from '../../api/cases';
import { CASE_STATUSES, PRIORITIES } from '../../api/types';

export const VIEWS = ['all', 'mine', 'team', 'unassigned', 'overdue', 'breaching'] as const;
export type View = (typeof VIEWS)[number];

// "Breaching soon": due within this many minutes, overdue included.
export const BREACHING_MINUTES = 120;

export interface QueueFilters {
  view: View;
  status?: string;
  priority?: string;
  team?: string;
}

const STATUS_VALUES: readonly string[] = ['active', ...CASE_STATUSES];

export function readQueueFilters(params: URLSearchParams): QueueFilters {
  const view = params.get('view') ?? 'all';
  const status = params.get('status') ?? undefined;
  const priority = params.get('priority') ?? undefined;
  const team = params.get('team')?.trim().slice(0, 100) || undefined;
  return {
    view: (VIEWS as readonly string[]).includes(view) ? (view as View) : 'all',
    status: status && STATUS_VALUES.includes(status) ? status : undefined,
    priority: priority && (PRIORITIES as readonly string[]).includes(priority) ? priority : undefined,
    team,
  };
}

export function queueParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view !== 'all') params.set('view', filters.view);
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.team) params.set('team', filters.team);
  return params;
}

// The API's parameters for a queue: the view's own, then the explicit filters.
export function toCaseQuery(filters: QueueFilters): CaseQuery {
  const query: CaseQuery = {};
  switch (filters.view) {
    case 'mine': Object.assign(query, { assignee: 'me', status: 'active' }); break;
    case 'team': Object.assign(query, { status: 'active' }); break;
    case 'unassigned': Object.assign(query, { assignee: 'none', status: 'active' }); break;
    case 'overdue': Object.assign(query, { sla: 'overdue' }); break;
    case 'breaching': Object.assign(query, { sla: 'breaching', within_minutes: String(BREACHING_MINUTES) }); break;
    case 'all': break;
  }
  if (filters.status) query.status = filters.status;
  if (filters.priority) query.priority = filters.priority;
  if (filters.team) query.team = filters.team;
  return query;
}
