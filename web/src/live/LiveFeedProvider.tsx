// One live connection per open workspace: screens subscribe to new feedback through
// useFeedbackEvents, and to the signed-in person's notifications through
// useNotificationEvents, instead of opening streams of their own.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { subscribeWorkspace } from '../api/events';
import type { StreamState } from '../api/events';
import type { Notification } from '../api/notifications';
import type { FeedbackItem } from '../api/types';

type Listener<T> = (value: T) => void;

interface LiveFeed {
  state: StreamState;
  subscribeFeedback: (listener: Listener<FeedbackItem>) => () => void;
  subscribeNotifications: (listener: Listener<Notification>) => () => void;
}

const LiveFeedContext = createContext<LiveFeed | null>(null);

// A set of listeners and the stable function that adds one (returning its removal).
function useListeners<T>() {
  const listeners = useRef(new Set<Listener<T>>());
  const subscribe = useCallback((listener: Listener<T>) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const emit = useCallback((value: T) => {
    for (const listener of listeners.current) listener(value);
  }, []);
  return { subscribe, emit };
}

export function LiveFeedProvider({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const [state, setState] = useState<StreamState>('connecting');
  const feedback = useListeners<FeedbackItem>();
  const notifications = useListeners<Notification>();
  const emitFeedback = feedback.emit;
  const emitNotification = notifications.emit;
  useEffect(() => subscribeWorkspace(workspaceId, {
    onFeedback: emitFeedback,
    onNotification: emitNotification,
  }, setState), [workspaceId, emitFeedback, emitNotification]);
  const value = useMemo<LiveFeed>(() => ({
    state, subscribeFeedback: feedback.subscribe, subscribeNotifications: notifications.subscribe,
  }), [state, feedback.subscribe, notifications.subscribe]);
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

// Keeps `listener` subscribed through `subscribe` while mounted, always calling its latest
// version (so callers need not memoise it).
function useSubscription<T>(subscribe: (listener: Listener<T>) => () => void, listener: Listener<T>): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((value) => latest.current(value)), [subscribe]);
}

// Calls `onItem` for every new feedback item of the workspace while mounted.
export function useFeedbackEvents(onItem: Listener<FeedbackItem>): void {
  useSubscription(useLiveFeed().subscribeFeedback, onItem);
}

// Calls `onNotification` for every new notification of the signed-in person in this
// workspace while mounted.
export function useNotificationEvents(onNotification: Listener<Notification>): void {
  useSubscription(useLiveFeed().subscribeNotifications, onNotification);
}
