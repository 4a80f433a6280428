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
  const items = useMemo(() => {
    const seen = new Set(fresh.map((item) => item.id));
    return [...fresh, ...loaded.filter((item) => !seen.has(item.id))];
  }, [fresh, loaded]);
  const latest = useRef({ items, ready: pages.isSuccess });
  latest.current = { items, ready: pages.isSuccess };

  useFeedbackEvents(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      try {
        const head = await listFeedback(workspaceId, query, undefined, pageSize);
        const { items: shown, ready } = latest.current;
        if (!ready) return;
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
    freshIds: useMemo(() => new Set(fresh.map((item) => item.id)), [fresh]),
    loading: pages.isPending,
    error: pages.error,
    hasMore: pages.hasNextPage,
    loadingMore: pages.isFetchingNextPage,
    loadMore: () => void pages.fetchNextPage(),
  };
}
