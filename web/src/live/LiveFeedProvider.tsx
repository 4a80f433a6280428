// One live connection per open workspace: screens subscribe to new feedback through
// useFeedbackEvents instead of opening streams of their own.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { subscribeFeedback } from '../api/events';
import type { StreamState } from '../api/events';
import type { FeedbackItem } from '../api/types';

type Listener = (item: FeedbackItem) => void;

interface LiveFeed {
  state: StreamState;
  subscribe: (listener: Listener) => () => void;
}

const LiveFeedContext = createContext<LiveFeed | null>(null);

export function LiveFeedProvider({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const [state, setState] = useState<StreamState>('connecting');
  const listeners = useRef(new Set<Listener>());
  useEffect(() => subscribeFeedback(workspaceId, (item) => {
    for (const listener of listeners.current) listener(item);
  }, setState), [workspaceId]);
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<LiveFeed>(() => ({ state, subscribe }), [state, subscribe]);
  return <LiveFeedContext.Provider value={value}>{children}</LiveFeedContext.Provider>;
}

function useLiveFeed(): LiveFeed {
  const feed = useContext(LiveFeedContext);
  if (!feed) throw new Error('live feed used outside LiveFeedProvider');
  return feed;
}

export function useLiveState(): StreamState {
  return useLiveFeed().state;
}

// Calls `onItem` for every new feedback item of the workspace while mounted.
export function useFeedbackEvents(onItem: Listener): void {
  const { subscribe } = useLiveFeed();
  const latest = useRef(onItem);
  useEffect(() => {
    latest.current = onItem;
  });
  useEffect(() => subscribe((item) => latest.current(item)), [subscribe]);
}
