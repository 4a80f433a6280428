// Webhooks end to end, on both databases: subscriptions and who may manage them, bad input,
// signed deliveries of feedback.created and response.completed to a real receiver on
// loopback (each event once, valid signature, PII masked), retries with back-off and the
// delivery log, redelivery, a test event, and deliveries pending across a kill -9 of the
// server (at least once, none lost).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';
import { WebhookReceiver } from './lib/webhook_receiver.mjs';

const SERVER_ARGS = ['--webhook-retry-base-ms', '200', '--job-lease-seconds', '2'];

for (const backend of backends()) {
  describe(`webhooks on ${backend}`, () => {
    let server;
    let receiver;
    let workspace;
    let tokens;
    let clients;
    let base;

    before(async () => {
      server = await new VoxloopServer({ backend, extraArgs: SERVER_ARGS }).start();
      ({ workspace, tokens } = provision(server));
      clients = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      base = `/api/v1/workspaces/${workspace}`;
      receiver = await new WebhookReceiver().start();
    });
    after(async () => {
      await server?.stop();
      server?.cleanup();
      await receiver?.stop();
    });

    // Every request to `endpoint` for events of `type`.
    const requestsOf = (endpoint, type) => receiver.requests.filter((request) => request.endpoint === endpoint && request.json?.type === type);
    const requestsTo = (endpoint) => receiver.requests.filter((request) => request.endpoint === endpoint);
    // Polls the delivery log until `done(items)` holds.
    const logUntil = async (client, webhook, done) => {
      const deadline = Date.now() + 20000;
      let items = [];
      while (Date.now() < deadline) {
        items = (await client.get(`${base}/webhooks/${webhook}/deliveries?limit=200`)).json.items;
        if (done(items)) return items;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`the delivery log did not settle: ${JSON.stringify(items.map((item) => [item.status, item.attempts]))}`);
    };

    test('subscriptions: create shows the secret once; list, change, delete; roles; bad input', async () => {
      const created = await clients.admin.post(`${base}/webhooks`, {
        url: receiver.endpoint('crud'), events: ['case.created'], description: 'CRM',
      });
      assert.equal(created.status, 201, created.text);
      assert.match(created.json.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      assert.equal(Buffer.from(created.json.secret.slice(6), 'base64').length, 32);
      assert.deepEqual(created.json.events, ['case.created']);
      const listed = await clients.owner.get(`${base}/webhooks`);
      assert.equal(listed.status, 200);
      const entry = listed.json.items.find((item) => item.id === created.json.id);
      assert.equal(entry.url, receiver.endpoint('crud'));
      assert.equal(entry.secret, undefined, 'the secret is shown at creation only');
      const changed = await clients.admin.patch(`${base}/webhooks/${created.json.id}`, { active: false, events: ['*'] });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.json.active, false);
      assert.deepEqual(changed.json.events, ['*']);
      for (const role of ['analyst', 'agent', 'viewer']) {
        expectProblem(assert, await clients[role].get(`${base}/webhooks`), 403);
        expectProblem(assert, await clients[role].post(`${base}/webhooks`, { url: receiver.url, events: ['*'] }), 403);
        expectProblem(assert, await clients[role].delete(`${base}/webhooks/${created.json.id}`), 403);
      }
      expectProblem(assert, await new Client(server.base).get(`${base}/webhooks`), 401);

      const bad = [
        [{ url: 'ftp://example.com/x', events: ['*'] }, 'url'],
        [{ url: 'not a url', events: ['*'] }, 'url'],
        [{ url: 'http://user:pass@example.com/', events: ['*'] }, 'url'],
        [{ url: receiver.url, events: ['feedback.exploded'] }, 'events/0'],
        [{ url: receiver.url, events: [] }, 'events'],
        [{ url: receiver.url }, 'events'],
        [{ events: ['*'] }, 'url'],
        [{ url: receiver.url, events: ['*'], colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of bad) {
        const response = await clients.admin.post(`${base}/webhooks`, body);
        expectProblem(assert, response, 400);
        assert.ok(response.json.errors?.some((error) => error.field === field), `${JSON.stringify(body)}: ${response.text}`);
      }
      const after = await clients.admin.get(`${base}/webhooks`);
      assert.equal(after.json.items.length, listed.json.items.length, 'bad input stored nothing');
      expectProblem(assert, await clients.admin.patch(`${base}/webhooks/${created.json.id}`, { url: 'gopher://x' }), 400);
      assert.equal((await clients.admin.delete(`${base}/webhooks/${created.json.id}`)).status, 204);
      expectProblem(assert, await clients.admin.get(`${base}/webhooks/${created.json.id}`), 404);
      expectProblem(assert, await clients.admin.delete(`${base}/webhooks/${created.json.id}`), 404);
    });

    test('feedback.created and response.completed arrive signed, once each, PII masked', async () => {
      const created = await clients.admin.post(`${base}/webhooks`, {
        url: receiver.endpoint('events'), events: ['feedback.created', 'response.completed'],
      });
      assert.equal(created.status, 201, created.text);
      receiver.secrets.events = created.json.secret;
      const single = await clients.agent.post(`${base}/feedback`, {
        channel: 'email', text: 'Giao hàng chậm, gọi tôi ở 0912 345 678 nhé', rating: 3,
        customer: { external_id: 'wh-1', email: 'lan@example.vn' },
      });
      assert.equal(single.status, 201, single.text);
      const batch = await clients.agent.post(`${base}/feedback`, {
        items: [{ channel: 'chat', text: '服务很好' }, { channel: 'review', text: 'Great support' }],
      });
      assert.equal(batch.status, 201, batch.text);
      const ids = [single.json.id, ...batch.json.items.map((item) => item.id)];
      await receiver.waitFor(() => requestsOf('events', 'feedback.created').length >= 3, 20000, 'three feedback.created');

      const survey = await clients.analyst.post(`${base}/surveys`, { template: 'nps', name: 'Webhook NPS' });
      assert.equal(survey.status, 201, survey.text);
      const published = (await clients.analyst.post(`${base}/surveys/${survey.json.id}/publish`)).json;
      const submitted = await fetch(`${server.base}/api/v1/public/surveys/${published.id}/responses`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.0.1' },
        body: JSON.stringify({ answers: { nps: 2, reason: 'Quá chậm' }, channel: 'kiosk' }),
      });
      assert.equal(submitted.status, 201, await submitted.text());
      await receiver.waitFor(() => requestsOf('events', 'response.completed').length >= 1, 20000, 'response.completed');
      await new Promise((resolve) => setTimeout(resolve, 500));  // nothing more should come

      const feedbackEvents = requestsOf('events', 'feedback.created');
      // The three items, plus the survey's free-text answer.
      assert.equal(feedbackEvents.length, 4, JSON.stringify(feedbackEvents.map((r) => r.json.data.text)));
      for (const request of requestsTo('events')) {
        assert.ok(request.valid, `bad signature on ${request.id}`);
        assert.match(request.id, /^msg_\d+$/);
        assert.match(request.contentType, /^application\/json/);
        assert.ok(Math.abs(Number(request.timestamp) - Date.now() / 1000) < 60);
        assert.equal(request.json.workspace_id, workspace);
      }
      assert.equal(new Set(requestsTo('events').map((request) => request.id)).size, requestsTo('events').length,
        'each event once');
      const byItem = new Map(feedbackEvents.map((request) => [request.json.data.id, request.json.data]));
      for (const id of ids) assert.ok(byItem.has(id), `no event for item ${id}`);
      const first = byItem.get(single.json.id);
      assert.equal(first.channel, 'email');
      assert.equal(first.rating, 3);
      assert.equal(first.pii_masked, true);
      assert.ok(!first.text.includes('0912 345 678'), `the phone number was sent: ${first.text}`);
      assert.ok(!JSON.stringify(first).includes('lan@example.vn'), 'the customer e-mail was sent');
      assert.equal(first.customer_id, single.json.customer_id);
      assert.equal(byItem.get(batch.json.items[0].id).analysis.language, 'zh');
      const completed = requestsOf('events', 'response.completed')[0].json.data;
      assert.equal(completed.survey_id, published.id);
      assert.deepEqual(completed.scores.map((score) => [score.question, score.value]), [['nps', 2]]);

      // The delivery log has them all, delivered on the first attempt.
      await logUntil(clients.admin, created.json.id, (items) => items.length === 5 && items.every((item) => item.status === 'delivered'));
      const log = await clients.admin.get(`${base}/webhooks/${created.json.id}/deliveries?limit=2`);
      assert.equal(log.status, 200, log.text);
      assert.equal(log.json.items.length, 2);
      assert.ok(log.json.next_cursor);
      const rest = await clients.admin.get(`${base}/webhooks/${created.json.id}/deliveries?cursor=${log.json.next_cursor}`);
      const deliveries = [...log.json.items, ...rest.json.items];
      assert.equal(deliveries.length, 5);
      for (const delivery of deliveries) {
        assert.equal(delivery.status, 'delivered');
        assert.equal(delivery.attempts, 1);
        assert.equal(delivery.last_status_code, 200);
      }
      await clients.admin.delete(`${base}/webhooks/${created.json.id}`);
    });

    test('a failing receiver gets retries with back-off until it answers; redelivery and test events', async () => {
      const created = await clients.owner.post(`${base}/webhooks`, { url: receiver.endpoint('retry'), events: ['feedback.created'] });
      receiver.secrets.retry = created.json.secret;
      let failuresLeft = 2;
      receiver.respond = () => (failuresLeft-- > 0 ? 503 : 200);
      const item = await clients.agent.post(`${base}/feedback`, { channel: 'web_form', text: 'Retry me' });
      assert.equal(item.status, 201);
      await receiver.waitFor(() => receiver.delivered().some((r) => r.json?.data?.id === item.json.id), 20000, 'the retried delivery');
      receiver.respond = () => 200;
      const attempts = requestsTo('retry').filter((request) => request.json?.data?.id === item.json.id);
      assert.deepEqual(attempts.map((request) => request.status), [503, 503, 200]);
      assert.equal(new Set(attempts.map((request) => request.id)).size, 1, 'the same webhook-id on every attempt');
      assert.ok(attempts.every((request) => request.valid));
      // Back-off: 200 ms, then 400 ms (±20 %), so the second gap is the longer.
      const gaps = attempts.slice(1).map((request, idx) => request.receivedAt - attempts[idx].receivedAt);
      assert.ok(gaps[0] >= 150, `first retry after ${gaps[0]} ms`);
      assert.ok(gaps[1] >= 300, `second retry after ${gaps[1]} ms`);
      const log = await logUntil(clients.owner, created.json.id, (items) => items[0]?.status === 'delivered');
      assert.equal(log.length, 1);
      assert.equal(log[0].status, 'delivered');
      assert.equal(log[0].attempts, 3);
      assert.equal(log[0].last_status_code, 200);
      assert.equal(log[0].payload.data.id, item.json.id);

      const again = await clients.owner.post(`${base}/webhooks/${created.json.id}/deliveries/${log[0].id}/redeliver`);
      assert.equal(again.status, 202, again.text);
      await receiver.waitFor(() => requestsTo('retry').filter((r) => r.id === attempts[0].id).length === 4, 20000, 'the redelivery');
      expectProblem(assert, await clients.owner.post(`${base}/webhooks/${created.json.id}/deliveries/123/redeliver`), 404);
      expectProblem(assert, await clients.agent.post(`${base}/webhooks/${created.json.id}/deliveries/${log[0].id}/redeliver`), 403);

      const ping = await clients.owner.post(`${base}/webhooks/${created.json.id}/test`);
      assert.equal(ping.status, 202, ping.text);
      await receiver.waitFor(() => requestsOf('retry', 'webhook.test').length === 1, 20000, 'the test event');
      assert.ok(requestsOf('retry', 'webhook.test')[0].valid);

      // Paused while a delivery waits for its next attempt: the delivery fails, nothing more is sent.
      receiver.respond = (request) => (request.endpoint === 'retry' ? 503 : 200);
      const late = await clients.agent.post(`${base}/feedback`, { channel: 'web_form', text: 'Paused meanwhile' });
      await receiver.waitFor(() => requestsTo('retry').some((r) => r.json?.data?.id === late.json.id), 20000, 'a first attempt');
      assert.equal((await clients.owner.patch(`${base}/webhooks/${created.json.id}`, { active: false })).status, 200);
      const paused = await logUntil(clients.owner, created.json.id,
        (items) => items.some((entry) => entry.payload.data?.id === late.json.id && entry.status === 'failed'));
      const entry = paused.find((candidate) => candidate.payload.data?.id === late.json.id);
      assert.equal(entry.last_error, 'the subscription is paused');
      const attemptsSeen = requestsTo('retry').filter((r) => r.json?.data?.id === late.json.id).length;
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.equal(requestsTo('retry').filter((r) => r.json?.data?.id === late.json.id).length, attemptsSeen);
      receiver.respond = () => 200;
      await clients.owner.delete(`${base}/webhooks/${created.json.id}`);
    });

    test('deliveries pending at a kill -9 are all made after the restart', async () => {
      const created = await clients.admin.post(`${base}/webhooks`, { url: receiver.endpoint('crash'), events: ['feedback.created'] });
      receiver.secrets.crash = created.json.secret;
      receiver.respond = (request) => (request.endpoint === 'crash' ? 503 : 200);  // the receiver is down: everything stays pending
      const acknowledged = [];
      for (let idx = 0; idx < 10; idx++) {
        const response = await clients.agent.post(`${base}/feedback`, { channel: 'api', text: `pending ${idx}` });
        assert.equal(response.status, 201);
        acknowledged.push(response.json.id);
      }
      const batch = await clients.agent.post(`${base}/feedback`, {
        items: Array.from({ length: 10 }, (_, idx) => ({ channel: 'api', text: `pending batch ${idx}` })),
      });
      assert.equal(batch.status, 201);
      acknowledged.push(...batch.json.items.map((item) => item.id));
      await receiver.waitFor(() => requestsTo('crash').length > 0, 20000, 'a first attempt');
      await server.kill('SIGKILL');
      receiver.respond = () => 200;  // the receiver is back
      await server.start();
      const wanted = new Set(acknowledged);
      const deliveredIds = () => new Set(receiver.delivered()
        .filter((request) => request.endpoint === 'crash' && wanted.has(request.json?.data?.id))
        .map((request) => request.json.data.id));
      await receiver.waitFor(() => deliveredIds().size === wanted.size, 45000, 'every pending delivery');
      for (const request of requestsTo('crash')) assert.ok(request.valid, 'signed before and after the restart');
      // One event id per item, whatever the number of attempts.
      const idsByItem = new Map();
      for (const request of requestsTo('crash')) {
        const seen = idsByItem.get(request.json.data.id) ?? new Set();
        seen.add(request.id);
        idsByItem.set(request.json.data.id, seen);
      }
      for (const [item, eventIds] of idsByItem) assert.equal(eventIds.size, 1, `item ${item} had several event ids`);
      // Recreate the clients' view of the server: it listens on a new port.
      clients = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      const log = await logUntil(clients.admin, created.json.id, (items) => items.every((item) => item.status === 'delivered'));
      assert.equal(log.length, 20);
      assert.ok(log.some((delivery) => delivery.attempts >= 2), 'refused before the crash, delivered after it');
    });
  });
}
