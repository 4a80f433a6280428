// What the dashboard knows about cases beyond their shape: the statuses a case may move to
// (docs/api.md, "Statuses"), whether it is overdue, and the members who can work it.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { listMembers } from '../../api/members';
import type { Case, CaseStatus, Member } from '../../api/types';
import { CASE_WORKER_ROLES } from '../../api/types';

export const ACTIVE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting_on_customer', 'reopened'];

export function isActive(status: CaseStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

// Where a case in `status` may go next.
export function nextStatuses(status: CaseStatus): CaseStatus[] {
  if (isActive(status)) {
    return (['open', 'waiting_on_customer', 'resolved', 'closed'] as CaseStatus[]).filter((next) => next !== status);
  }
  if (status === 'resolved') return ['closed', 'reopened'];
  return ['reopened'];
}

// An active case whose resolution is past due.
export function isOverdue(item: Case, now = Date.now()): boolean {
  if (!isActive(item.status) || !item.resolution_due_at) return false;
  return new Date(item.resolution_due_at).getTime() < now;
}

export interface Members {
  all: Member[];
  // Members who may be assigned cases (their role has cases.work).
  workers: Member[];
  nameOf: (userId: string) => string;
}

export function useMembers(workspaceId: string, enabled = true): Members {
  const query = useQuery({
    queryKey: ['members', workspaceId],
    queryFn: ({ signal }) => listMembers(workspaceId, signal),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const all = query.data?.items ?? [];
    const byId = new Map(all.map((member) => [member.user_id, member]));
    return {
      all,
      workers: all.filter((member) => CASE_WORKER_ROLES.includes(member.role)),
      nameOf: (userId: string) => {
        const member = byId.get(userId);
        return member ? member.name || member.email : userId;
      },
    };
  }, [query.data]);
}

// "a, b,, c " → ["a", "b", "c"]
export function splitList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}
