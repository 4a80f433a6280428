// The signed-in person's recent notifications in this workspace, kept in the query cache
// under ['notifications', workspace id]: fetched once, grown by live `notification` events,
// and updated in place when they are marked read (then checked against the server).
import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications';
import type { Notification, NotificationPage } from '../api/notifications';
import { useLiveState, useNotificationEvents } from '../live/LiveFeedProvider';

// How many the panel shows at first, and how many more each "Show older" adds.
export const RECENT_LIMIT = 20;

const keyOf = (workspaceId: string) => ['notifications', workspaceId] as const;

// Puts a notification that just arrived on top; one already listed is not counted twice.
export function withArrived(page: NotificationPage, arrived: Notification): NotificationPage {
  if (page.items.some((item) => item.id === arrived.id)) return page;
  return {
    ...page,
    // Not cut to RECENT_LIMIT: next_cursor goes on after the oldest one fetched.
    items: [arrived, ...page.items],
    unread_count: page.unread_count + (arrived.read_at ? 0 : 1),
  };
}

// Adds the next older page below the listed ones; the unread count stays the live one.
export function withOlder(page: NotificationPage, older: NotificationPage): NotificationPage {
  const listed = new Set(page.items.map((item) => item.id));
  return {
    ...page,
    items: [...page.items, ...older.items.filter((item) => !listed.has(item.id))],
    next_cursor: older.next_cursor,
  };
}

// Marks the listed notifications with these ids (all when `ids` is null) read at `at`.
export function withRead(page: NotificationPage, ids: ReadonlySet<string> | null, at: string): NotificationPage {
  let newlyRead = 0;
  const items = page.items.map((item) => {
    if (item.read_at || (ids && !ids.has(item.id))) return item;
    newlyRead += 1;
    return { ...item, read_at: at };
  });
  const unread_count = ids ? Math.max(0, page.unread_count - newlyRead) : 0;
  return { ...page, items, unread_count };
}

function update(client: QueryClient, workspaceId: string, change: (page: NotificationPage) => NotificationPage) {
  client.setQueryData<NotificationPage>(keyOf(workspaceId), (page) => (page ? change(page) : page));
}

export function useNotifications(workspaceId: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keyOf(workspaceId),
    queryFn: ({ signal }) => listNotifications(workspaceId, { limit: RECENT_LIMIT }, signal),
  });
  useNotificationEvents((arrived) => update(client, workspaceId, (page) => withArrived(page, arrived)));

  // Events sent while the stream was down are lost: after a reconnection, ask again.
  const state = useLiveState();
  const wasOpen = useRef(false);
  useEffect(() => {
    if (state !== 'open') return;
    if (wasOpen.current) void client.invalidateQueries({ queryKey: keyOf(workspaceId) });
    wasOpen.current = true;
  }, [state, client, workspaceId]);

  // A refetch in flight would overwrite the change made before the server answers.
  const change = async (apply: (page: NotificationPage) => NotificationPage) => {
    await client.cancelQueries({ queryKey: keyOf(workspaceId) });
    update(client, workspaceId, apply);
  };
  const settle = () => client.invalidateQueries({ queryKey: keyOf(workspaceId) });
  const markRead = useMutation({
    mutationFn: (id: string) => markNotificationRead(workspaceId, id),
    onMutate: (id) => change((page) => withRead(page, new Set([id]), new Date().toISOString())),
    onSettled: settle,
  });
  const markAllRead = useMutation({
    mutationFn: () => markAllNotificationsRead(workspaceId),
    onMutate: () => change((page) => withRead(page, null, new Date().toISOString())),
    onSettled: settle,
  });
  const loadOlder = useMutation({
    mutationFn: (cursor: string) => listNotifications(workspaceId, { limit: RECENT_LIMIT, cursor }),
    onSuccess: (older) => update(client, workspaceId, (page) => withOlder(page, older)),
  });
  return { query, markRead, markAllRead, loadOlder };
}
