// A metrics query as screen state: cached per workspace and query, and asked again shortly
// after new feedback arrives (the server's index is updated on every commit), so dashboards
// stay current without a reload.
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { runQuery } from '../../api/metrics';
import type { MetricsQuery } from '../../api/metrics';
import { useFeedbackEvents } from '../../live/LiveFeedProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

const REFRESH_DELAY_MS = 2000;  // a burst of feedback costs one round of queries

export function useMetricsQuery(query: MetricsQuery, enabled = true) {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: ['metrics', workspace.id, query],
    queryFn: ({ signal }) => runQuery(workspace.id, query, signal),
    enabled,
    refetchOnWindowFocus: false,
  });
}

// Mounted once per screen: refreshes the screen's metrics queries when feedback arrives.
export function useLiveMetrics(): void {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useFeedbackEvents(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: ['metrics', workspace.id] });
      void queryClient.invalidateQueries({ queryKey: ['query-dimensions', workspace.id] });
    }, REFRESH_DELAY_MS);
  });
}
