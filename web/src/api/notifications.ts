// In-app notifications of the signed-in person: the recent ones with the unread count, and
// marking them read (docs/api.md, "Notifications"). New ones also arrive live on the
// workspace's event stream (events.ts, `notification`).
import { api, workspacePath } from './client';

export type NotificationKind = 'case.assigned' | 'case.sla_breached' | 'rule.alert';

export interface Notification {
  id: string;
  kind: NotificationKind;
  // Customer-influenced text: render as React text, never as HTML.
  title: string;
  body: string;
  // "" or an in-app path such as /app/w/<ws>/cases/<id>; anything else is not followed.
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  items: Notification[];
  next_cursor: string | null;
  unread_count: number;
}

export interface NotificationQuery {
  unread?: boolean;
  limit?: number;
  cursor?: string;
}

const notificationsPath = (workspaceId: string, rest = '') =>
  workspacePath(workspaceId, `/notifications${rest}`);

// Newest first.
export const listNotifications = (workspaceId: string, query: NotificationQuery = {}, signal?: AbortSignal) =>
  api.get<NotificationPage>(notificationsPath(workspaceId), {
    unread: query.unread ? 'true' : undefined, limit: query.limit, cursor: query.cursor,
  }, signal);

// Returns the notification with read_at set (already read ones keep their time).
export const markNotificationRead = (workspaceId: string, id: string) =>
  api.post<Notification>(notificationsPath(workspaceId, `/${encodeURIComponent(id)}/read`), {});

export const markAllNotificationsRead = (workspaceId: string) =>
  api.post<{ marked: number }>(notificationsPath(workspaceId, '/read-all'), {});

// Whether `link` is a path inside the dashboard that may be navigated to.
export function isAppLink(link: string): boolean {
  return link.startsWith('/app/') && !link.startsWith('/app//');
}
