// A live, paged feedback list: pages by cursor from GET …/feedback, and on every new item
// the workspace streams, asks the server for the head of the same list (so its own filters
// decide what belongs) and puts the items not yet shown on top.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { listFeedback } from '../../api/feedback';
import type { FeedbackQuery } from '../../api/feedback';
import type { FeedbackItem } from '../../api/types';
import { useFeedbackEvents } from '../../live/LiveFeedProvider';

const REFRESH_DELAY_MS = 200;  // a burst of events costs one request

// Newest first: by received time, then by id.
function isNewer(a: FeedbackItem, b: FeedbackItem): boolean {
  if (a.received_at !== b.received_at) return a.received_at > b.received_at;
  return BigInt(a.id) > BigInt(b.id);
}

export interface FeedbackFeed {
  items: FeedbackItem[];
  freshIds: ReadonlySet<string>;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

export function useFeedbackFeed(workspaceId: string, query: FeedbackQuery, pageSize: number): FeedbackFeed {
  const queryKey = ['feedback', workspaceId, query, pageSize] as const;
  const keyText = JSON.stringify(queryKey);
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => listFeedback(workspaceId, query, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchOnWindowFocus: false,
  });
  const [fresh, setFresh] = useState<FeedbackItem[]>([]);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setFresh([]);
    return () => window.clearTimeout(timer.current);
  }, [keyText]);

  const loaded = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const freshIds = useMemo(() => new Set(fresh.map((item) => item.id)), [fresh]);
  const items = useMemo(() => [...fresh, ...loaded.filter((item) => !freshIds.has(item.id))],
                        [fresh, freshIds, loaded]);
  // What the list shows now, for the event handler (which outlives renders).
  const latest = useRef({ items, ready: pages.isSuccess, keyText });
  useEffect(() => {
    latest.current = { items, ready: pages.isSuccess, keyText };
  }, [items, pages.isSuccess, keyText]);

  useFeedbackEvents(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      try {
        const askedFor = latest.current.keyText;
        const head = await listFeedback(workspaceId, query, undefined, pageSize);
        const { items: shown, ready } = latest.current;
        // The filters may have changed while the request was out: its answer no longer applies.
        if (!ready || latest.current.keyText !== askedFor) return;
        const known = new Set(shown.map((item) => item.id));
        const top = shown[0];
        const arrived = head.items.filter((item) => !known.has(item.id) && (!top || isNewer(item, top)));
        if (arrived.length > 0) setFresh((previous) => [...arrived, ...previous]);
      } catch {
        // A failed refresh is retried by the next event; the list itself stays as it was.
      }
    }, REFRESH_DELAY_MS);
  });

  return {
    items,
    freshIds,
    loading: pages.isPending,
    error: pages.error,
    hasMore: pages.hasNextPage,
    loadingMore: pages.isFetchingNextPage,
    loadMore: () => void pages.fetchNextPage(),
  };
}
