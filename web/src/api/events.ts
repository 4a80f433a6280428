// The workspace's live event stream (Server-Sent Events): new feedback as it commits.
import { workspacePath } from './client';
import type { FeedbackItem } from './types';

export type StreamState = 'connecting' | 'open' | 'closed';

// Opens the stream; returns a function that closes it. EventSource reconnects by itself
// after a network error; `onState` follows it.
export function subscribeFeedback(workspaceId: string, onItem: (item: FeedbackItem) => void,
                                  onState: (state: StreamState) => void): () => void {
  const source = new EventSource(workspacePath(workspaceId, '/events'));
  onState('connecting');
  source.onopen = () => onState('open');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  source.addEventListener('feedback.created', (event: MessageEvent<string>) => {
    try {
      onItem(JSON.parse(event.data) as FeedbackItem);
    } catch {
      // A malformed event is dropped; the next list refresh shows the item anyway.
    }
  });
  return () => source.close();
}
