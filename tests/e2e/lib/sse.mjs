// Server-sent events for tests: reads a stream until enough events of one name arrived.

// Reads `response`'s events until `count` events named `name` arrived (or the stream ends);
// returns their parsed `data`. Cancels the stream when done.
export async function collectEvents(response, name, count) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': '))
        .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      if (event.event === name) events.push(JSON.parse(event.data));
    }
  }
  await reader.cancel();
  return events;
}
