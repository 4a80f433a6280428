// Ingesting and reading feedback over HTTP, on SQLite and on PostgreSQL: single items and
// batches, idempotency (external_id and Idempotency-Key), all-or-nothing batches, customer
// upserts, filters, pagination and PII masking.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

for (const backend of backends()) {
  describe(`feedback on ${backend}`, () => {
    let server;
    let ws;
    let agent;
    let viewer;
    let feedbackPath;

    before(async () => {
      server = await new VoxloopServer({ backend }).start();
      ws = provision(server);
      agent = new Client(server.base, { token: ws.tokens.agent });
      viewer = new Client(server.base, { token: ws.tokens.viewer });
      feedbackPath = `/api/v1/workspaces/${ws.workspace}/feedback`;
    });
    after(async () => { await server.stop(); server.cleanup(); });

    async function count(query = '') {
      let total = 0;
      let cursor = '';
      for (;;) {
        const page = await agent.get(`${feedbackPath}?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, page.text);
        total += page.json.items.length;
        if (!page.json.next_cursor) return total;
        cursor = page.json.next_cursor;
      }
    }

    test('stores one item and answers 201 with it', async () => {
      const response = await agent.post(feedbackPath, {
        channel: 'chat', text: 'Giao hàng chậm quá 😡', rating: 2,
        received_at: '2026-11-20T08:00:00+07:00', metadata: { order: 'A-1' }, tags: ['vip'],
        customer: { external_id: 'cust-1', email: 'Lan@Example.vn', name: 'Nguyễn Thị Lan', attributes: { plan: 'pro' } },
      });
      assert.equal(response.status, 201, response.text);
      const item = response.json;
      assert.match(item.id, /^\d+$/);
      assert.equal(item.channel, 'chat');
      assert.equal(item.text, 'Giao hàng chậm quá 😡');
      assert.equal(item.rating, 2);
      assert.equal(item.received_at, '2026-11-20T01:00:00.000Z');
      assert.deepEqual(item.metadata, { order: 'A-1' });
      assert.deepEqual(item.tags, ['vip']);
      assert.match(item.customer_id, /^\d+$/);
      assert.equal(response.headers.get('location'), `${feedbackPath}/${item.id}`);
      const fetched = await agent.get(`${feedbackPath}/${item.id}`);
      assert.equal(fetched.status, 200);
      assert.equal(fetched.json.text, item.text);
    });

    test('upserts customers by external_id, then e-mail, then phone', async () => {
      const post = (customer, text) => agent.post(feedbackPath, { channel: 'email', text, customer });
      const first = await post({ email: 'wei@example.cn', phone: '+86 138 0013 8000' }, 'one');
      const byEmail = await post({ email: 'WEI@example.cn' }, 'two');
      const byPhone = await post({ phone: '+86-138-0013-8000' }, 'three');
      const other = await post({ email: 'someone.else@example.cn' }, 'four');
      assert.equal(byEmail.json.customer_id, first.json.customer_id);
      assert.equal(byPhone.json.customer_id, first.json.customer_id);
      assert.notEqual(other.json.customer_id, first.json.customer_id);
      const customer = await agent.get(`/api/v1/workspaces/${ws.workspace}/customers/${first.json.customer_id}`);
      assert.equal(customer.json.email, 'wei@example.cn');
      assert.equal(customer.json.phone, '+8613800138000');
    });

    test('re-sending an external_id stores nothing twice', async () => {
      const before = await count();
      const body = { channel: 'review', text: 'Great coffee', external_id: 'review-77' };
      const first = await agent.post(feedbackPath, body);
      const again = await agent.post(feedbackPath, { ...body, text: 'edited text' });
      assert.equal(first.status, 201);
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.json.id, first.json.id);
      assert.equal(again.json.text, 'Great coffee');
      assert.equal(await count(), before + 1);
    });

    test('an Idempotency-Key returns the first result and refuses another body', async () => {
      const before = await count();
      const headers = { 'idempotency-key': `key-${backend}-1` };
      const body = { items: [{ channel: 'api', text: 'a' }, { channel: 'api', text: 'b' }] };
      const first = await agent.post(feedbackPath, body, { headers });
      const again = await agent.post(feedbackPath, body, { headers });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json.items.map((i) => i.id), first.json.items.map((i) => i.id));
      assert.equal(await count(), before + 2);
      const reused = await agent.post(feedbackPath, { channel: 'api', text: 'different' }, { headers });
      expectProblem(assert, reused, 409, 'idempotency-key-reused');
    });

    test('a batch is all-or-nothing', async () => {
      const before = await count();
      const bad = await agent.post(feedbackPath, {
        items: [{ channel: 'sms', text: 'ok' }, { channel: 'carrier-pigeon', text: 'bad' }, { text: 'no channel' }],
      });
      expectProblem(assert, bad, 400, 'validation');
      const fields = bad.json.errors.map((e) => e.field).sort();
      assert.deepEqual(fields, ['items[1].channel', 'items[2].channel']);
      assert.equal(await count(), before);
      const items = Array.from({ length: 1000 }, (_, i) => ({ channel: 'import', text: `row ${i}` }));
      const good = await agent.post(feedbackPath, { items });
      assert.equal(good.status, 201, good.text);
      assert.equal(good.json.created, 1000);
      assert.equal(await count(), before + 1000);
      const tooMany = await agent.post(feedbackPath, { items: [...items, { channel: 'import', text: 'x' }] });
      expectProblem(assert, tooMany, 400, 'validation');
    });

    test('filters by channel, time, customer and text, and pages without repeats', async () => {
      const marker = `needle${backend}`;
      const customer = { external_id: `filter-${backend}` };
      const created = [];
      for (let i = 0; i < 7; i++) {
        const response = await agent.post(feedbackPath, {
          channel: i % 2 ? 'social' : 'phone', text: `${marker} number ${i}`, customer,
          received_at: `2025-01-0${i + 1}T12:00:00Z`,
        });
        created.push(response.json);
      }
      assert.equal(await count(`&q=${marker.toUpperCase()}`), 7, 'search ignores case');
      assert.equal(await count(`&q=${marker}&channel=social`), 3);
      assert.equal(await count(`&q=${marker}&from=2025-01-03&to=2025-01-05`), 2);
      assert.equal(await count(`&customer=${created[0].customer_id}`), 7);
      const seen = new Set();
      let cursor = '';
      do {
        const page = await agent.get(`${feedbackPath}?q=${marker}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        for (const item of page.json.items) {
          assert.ok(!seen.has(item.id), 'no item twice');
          seen.add(item.id);
        }
        cursor = page.json.next_cursor;
      } while (cursor);
      assert.equal(seen.size, 7);
      const newestFirst = await agent.get(`${feedbackPath}?q=${marker}&limit=2`);
      assert.equal(newestFirst.json.items[0].received_at, '2025-01-07T12:00:00.000Z');
      expectProblem(assert, await agent.get(`${feedbackPath}?cursor=garbage`), 400, 'validation');
      expectProblem(assert, await agent.get(`${feedbackPath}?limit=5000`), 400, 'validation');
    });

    test('roles without pii.read see customers masked', async () => {
      const response = await agent.post(feedbackPath, {
        channel: 'email', text: 'Please call me back',
        customer: { email: 'private.person@example.com', phone: '+84 912 345 678', name: 'Trần Văn Minh' },
      });
      const path = `/api/v1/workspaces/${ws.workspace}/customers/${response.json.customer_id}`;
      const full = await agent.get(path);
      assert.equal(full.json.email, 'private.person@example.com');
      const analyst = new Client(server.base, { token: ws.tokens.analyst });
      const masked = await analyst.get(path);
      assert.equal(masked.status, 200);
      assert.equal(masked.json.email, 'p***@example.com');
      assert.equal(masked.json.phone, '+84******678');
      assert.equal(masked.json.name, 'T. V. M.');
      assert.equal(masked.json.pii_masked, true);
      expectProblem(assert, await viewer.get(path), 403, 'forbidden');
    });

    test('customers can be created, matched and edited', async () => {
      const customersPath = `/api/v1/workspaces/${ws.workspace}/customers`;
      const created = await agent.post(customersPath, { external_id: `crm-${backend}`, name: 'Ava', attributes: { segment: 'smb' } });
      assert.equal(created.status, 201, created.text);
      const matched = await agent.post(customersPath, { external_id: `crm-${backend}`, attributes: { plan: 'pro' } });
      assert.equal(matched.status, 200);
      assert.equal(matched.json.id, created.json.id);
      assert.deepEqual(matched.json.attributes, { segment: 'smb', plan: 'pro' });
      const patched = await agent.patch(`${customersPath}/${created.json.id}`, { email: 'ava@example.com', attributes: { segment: null } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.json.email, 'ava@example.com');
      assert.deepEqual(patched.json.attributes, { plan: 'pro' });
      const listed = await agent.get(`${customersPath}?email=AVA@example.com`);
      assert.deepEqual(listed.json.items.map((c) => c.id), [created.json.id]);
      const clash = await agent.post(customersPath, { external_id: `other-${backend}` });
      const conflict = await agent.patch(`${customersPath}/${clash.json.id}`, { external_id: `crm-${backend}` });
      expectProblem(assert, conflict, 409, 'conflict');
    });
  });
}
