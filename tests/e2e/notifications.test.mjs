// In-app notifications end to end, on both databases: a case assigned to a member tells them
// (not when they take it themselves), live on their own event stream and in their list; a
// rule's notify_in_app tells the members who may read cases, or the ones it names; each
// member sees and marks only their own; paging, the unread filter and bad input.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends, admin } from './lib/server.mjs';
import { Client, expectProblem, login } from './lib/client.mjs';
import { collectEvents } from './lib/sse.mjs';

const PASSWORD = 'correct horse battery';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends()) {
  describe(`notifications on ${backend}`, () => {
    let server;
    let ws;
    let base;
    let owner;
    const people = {};

    async function person(name, role) {
      const email = `${name}@shop.vn`;
      const id = admin(server, ['create-user', '--email', email, '--role', role, '--workspace', ws.workspace],
        `${PASSWORD}\n`);
      const session = await login(server.base, email, PASSWORD);
      assert.equal(session.status, 200);
      people[name] = { id, cookie: session.cookie,
        client: new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token }) };
    }
    const listOf = async (name, query = '') => {
      const list = await people[name].client.get(`${base}/notifications${query}`);
      assert.equal(list.status, 200, list.text);
      return list.json;
    };
    const openStream = async (name) => {
      const controller = new AbortController();
      const stream = await fetch(`${server.base}${base}/events`, {
        headers: { cookie: people[name].cookie }, signal: controller.signal,
      });
      assert.equal(stream.status, 200);
      return { stream, controller };
    };

    before(async () => {
      server = await new VoxloopServer({ backend }).start();
      ws = provision(server, 'Notify');
      base = `/api/v1/workspaces/${ws.workspace}`;
      owner = new Client(server.base, { token: ws.tokens.owner });
      await person('lan', 'agent');
      await person('minh', 'agent');
      await person('hoa', 'viewer');
      await person('an', 'analyst');
    });
    after(async () => { await server?.stop(); server?.cleanup(); });

    test('a case assigned to a member reaches them live, and only them', async () => {
      const lan = await openStream('lan');
      const minh = await openStream('minh');
      const lanEvents = collectEvents(lan.stream, 'notification', 1);
      const minhEvents = collectEvents(minh.stream, 'notification', 1);
      await sleep(100);
      const title = 'Giao hàng trễ <img src=x onerror=alert(1)>';
      const created = await owner.post(`${base}/cases`, { title, priority: 'high' });
      assert.equal(created.status, 201, created.text);
      const assigned = await owner.patch(`${base}/cases/${created.json.id}`, { assignee_id: people.lan.id });
      assert.equal(assigned.status, 200, assigned.text);
      const [event] = await lanEvents;
      lan.controller.abort();
      assert.equal(event.kind, 'case.assigned');
      assert.equal(event.title, title);
      assert.equal(event.body, '');
      assert.equal(event.link, `/app/w/${ws.workspace}/cases/${created.json.id}`);
      assert.equal(event.read_at, null);
      // Minh's stream carries nothing of Lan's: an assignment to Minh is the first it gets.
      const toMinh = await owner.post(`${base}/cases`, { title: 'Hoàn tiền', assignee_id: people.minh.id });
      assert.equal(toMinh.status, 201, toMinh.text);
      const [minhEvent] = await minhEvents;
      minh.controller.abort();
      assert.equal(minhEvent.title, 'Hoàn tiền');

      const list = await listOf('lan');
      assert.equal(list.unread_count, 1);
      assert.deepEqual(list.items.map((item) => item.id), [event.id]);
      assert.equal((await listOf('hoa')).items.length, 0);
    });

    test('taking a case oneself tells nobody; a reassignment tells the new assignee', async () => {
      const before = (await listOf('minh')).items.length;
      const own = await people.minh.client.post(`${base}/cases`, { title: 'Tự nhận', assignee_id: people.minh.id });
      assert.equal(own.status, 201, own.text);
      const again = await people.minh.client.patch(`${base}/cases/${own.json.id}`, { status: 'open' });
      assert.equal(again.status, 200, again.text);
      assert.equal((await listOf('minh')).items.length, before);
      const moved = await people.minh.client.patch(`${base}/cases/${own.json.id}`, { assignee_id: people.lan.id });
      assert.equal(moved.status, 200, moved.text);
      const lan = await listOf('lan');
      assert.equal(lan.items[0].title, 'Tự nhận');
      assert.equal(lan.unread_count, 2);
    });

    test('a rule tells the members who may read cases, or those it names', async () => {
      const everyone = await owner.post(`${base}/rules`, {
        name: 'Refunds', when: { all: [{ field: 'text', op: 'contains', value: 'hoàn tiền' }] },
        then: [{ type: 'create_case' }, { type: 'notify_in_app' }],
      });
      assert.equal(everyone.status, 201, everyone.text);
      const named = await owner.post(`${base}/rules`, {
        name: 'Angry VIP', when: { all: [{ field: 'text', op: 'contains', value: 'tệ' }] },
        then: [{ type: 'notify_in_app', user_ids: [people.hoa.id] }],
      });
      assert.equal(named.status, 201, named.text);
      const before = Object.fromEntries(await Promise.all(Object.keys(people).map(async (name) =>
        [name, (await listOf(name)).items.length])));
      const item = await owner.post(`${base}/feedback`, { channel: 'chat', text: 'Tôi muốn hoàn tiền, dịch vụ tệ quá',
        customer: { external_id: 'c-1' } });
      assert.equal(item.status, 201, item.text);
      const after = Object.fromEntries(await Promise.all(Object.keys(people).map(async (name) =>
        [name, (await listOf(name)).items]))); 
      // cases.read: the agents and the analyst; the viewer only through the rule naming her.
      for (const name of ['lan', 'minh', 'an']) {
        assert.equal(after[name].length, before[name] + 1, name);
        assert.equal(after[name][0].kind, 'rule.alert');
        assert.equal(after[name][0].title, 'Refunds');
        assert.match(after[name][0].link, new RegExp(`^/app/w/${ws.workspace}/cases/\\d+$`));
      }
      assert.equal(after.hoa.length, before.hoa + 1);
      assert.equal(after.hoa[0].title, 'Angry VIP');
      assert.match(after.hoa[0].body, /tệ quá/);
      assert.equal(after.hoa[0].link, '');

      const bad = await owner.post(`${base}/rules`, { name: 'x', when: { all: [{ field: 'text', op: 'contains', value: 'a' }] },
        then: [{ type: 'notify_in_app', user_ids: ['nobody'] }] });
      expectProblem(assert, bad, 400);
      assert.ok(bad.json.errors.some((error) => error.field === 'then/0/user_ids/0'), bad.text);
      const extra = await owner.post(`${base}/rules`, { name: 'x', when: { all: [{ field: 'text', op: 'contains', value: 'a' }] },
        then: [{ type: 'notify_in_app', to: ['a@b.vn'] }] });
      expectProblem(assert, extra, 400);
    });

    test('each member reads and marks only their own', async () => {
      const lan = await listOf('lan');
      const target = lan.items[lan.items.length - 1];
      expectProblem(assert, await people.minh.client.post(`${base}/notifications/${target.id}/read`, {}), 404);
      expectProblem(assert, await people.lan.client.post(`${base}/notifications/123/read`, {}), 404);
      expectProblem(assert, await people.lan.client.post(`${base}/notifications/abc/read`, {}), 404);
      const marked = await people.lan.client.post(`${base}/notifications/${target.id}/read`, {});
      assert.equal(marked.status, 200, marked.text);
      assert.ok(marked.json.read_at);
      await sleep(20);
      const twice = await people.lan.client.post(`${base}/notifications/${target.id}/read`, {});
      assert.equal(twice.json.read_at, marked.json.read_at);
      const unread = await listOf('lan', '?unread=true');
      assert.equal(unread.unread_count, lan.unread_count - 1);
      assert.equal(unread.items.length, lan.unread_count - 1);
      assert.ok(!unread.items.some((item) => item.id === target.id));

      const all = await people.lan.client.post(`${base}/notifications/read-all`, {});
      assert.equal(all.status, 200, all.text);
      assert.equal(all.json.marked, lan.unread_count - 1);
      assert.equal((await listOf('lan')).unread_count, 0);
      assert.equal((await listOf('lan', '?unread=true')).items.length, 0);
      // Minh's are untouched.
      assert.ok((await listOf('minh')).unread_count > 0);
    });

    test('paging, bad parameters, tokens and CSRF', async () => {
      const first = await listOf('minh', '?limit=1');
      assert.equal(first.items.length, 1);
      assert.ok(first.next_cursor);
      const second = await listOf('minh', `?limit=1&cursor=${encodeURIComponent(first.next_cursor)}`);
      assert.equal(second.items.length, 1);
      assert.notEqual(second.items[0].id, first.items[0].id);
      assert.ok(Number(second.items[0].id) < Number(first.items[0].id));

      expectProblem(assert, await people.minh.client.get(`${base}/notifications?unread=maybe`), 400);
      expectProblem(assert, await people.minh.client.get(`${base}/notifications?limit=0`), 400);
      expectProblem(assert, await people.minh.client.get(`${base}/notifications?cursor=zzz`), 400);

      const token = await owner.get(`${base}/notifications`);
      assert.equal(token.status, 200);
      assert.deepEqual(token.json.items, []);
      assert.equal(token.json.unread_count, 0);
      assert.equal((await owner.post(`${base}/notifications/read-all`, {})).json.marked, 0);

      const noCsrf = new Client(server.base, { cookie: people.minh.cookie });
      expectProblem(assert, await noCsrf.post(`${base}/notifications/read-all`, {}), 403, 'csrf');
      assert.ok((await listOf('minh')).unread_count > 0);
      expectProblem(assert, await new Client(server.base).get(`${base}/notifications`), 401);
    });
  });
}
