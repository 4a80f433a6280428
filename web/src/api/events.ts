// The workspace's live event stream (Server-Sent Events): new feedback as it commits, and the
// signed-in person's own notifications as they are made.
import { workspacePath } from './client';
import type { Notification } from './notifications';
import type { FeedbackItem } from './types';

export type StreamState = 'connecting' | 'open' | 'closed';

// What the stream carries, by SSE event name.
export interface WorkspaceEventHandlers {
  onFeedback: (item: FeedbackItem) => void;
  onNotification: (notification: Notification) => void;
}

function listen<T>(source: EventSource, name: string, handle: (value: T) => void): void {
  source.addEventListener(name, (event: MessageEvent<string>) => {
    let value: T;
    try {
      value = JSON.parse(event.data) as T;
    } catch {
      // A malformed event is dropped; the next list refresh shows what it carried anyway.
      return;
    }
    handle(value);
  });
}

// Opens the stream; returns a function that closes it. EventSource reconnects by itself
// after a network error; `onState` follows it.
export function subscribeWorkspace(workspaceId: string, handlers: WorkspaceEventHandlers,
                                   onState: (state: StreamState) => void): () => void {
  const source = new EventSource(workspacePath(workspaceId, '/events'));
  onState('connecting');
  source.onopen = () => onState('open');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  listen(source, 'feedback.created', handlers.onFeedback);
  listen(source, 'notification', handlers.onNotification);
  return () => source.close();
}
