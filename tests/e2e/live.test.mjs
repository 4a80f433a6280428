// Live updates: a dashboard connected to the event stream sees new feedback as it commits,
// with PII redacted for roles without pii.read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision } from './lib/server.mjs';
import { Client } from './lib/client.mjs';
import { collectEvents } from './lib/sse.mjs';

let server;
let ws;
before(async () => {
  server = await new VoxloopServer().start();
  ws = provision(server);
});
after(async () => { await server.stop(); server.cleanup(); });

test('new feedback arrives on the event stream', async () => {
  const controller = new AbortController();
  const stream = await fetch(`${server.base}/api/v1/workspaces/${ws.workspace}/events`, {
    headers: { authorization: `Bearer ${ws.tokens.viewer}` }, signal: controller.signal,
  });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type'), /^text\/event-stream/);
  const collecting = collectEvents(stream, 'feedback.created', 2);
  const agent = new Client(server.base, { token: ws.tokens.agent });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const first = await agent.post(`/api/v1/workspaces/${ws.workspace}/feedback`, { channel: 'chat', text: 'Món phở rất ngon' });
  const other = provision(server, 'Elsewhere');
  await new Client(server.base, { token: other.tokens.agent })
    .post(`/api/v1/workspaces/${other.workspace}/feedback`, { channel: 'chat', text: 'not for this stream' });
  const second = await agent.post(`/api/v1/workspaces/${ws.workspace}/feedback`, { channel: 'email', text: 'Nice <b>shop</b>' });
  const events = await collecting;
  controller.abort();
  assert.deepEqual(events.map((e) => e.id), [first.json.id, second.json.id]);
  assert.equal(events[1].text, 'Nice <b>shop</b>');
});

test('the stream needs credentials and the right workspace', async () => {
  const anonymous = await fetch(`${server.base}/api/v1/workspaces/${ws.workspace}/events`);
  assert.equal(anonymous.status, 401);
  const other = provision(server, 'Stranger');
  const stranger = await fetch(`${server.base}/api/v1/workspaces/${ws.workspace}/events`, {
    headers: { authorization: `Bearer ${other.tokens.owner}` },
  });
  assert.equal(stranger.status, 404);
});
