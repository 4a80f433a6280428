// Saved dashboard views over HTTP, on SQLite and on PostgreSQL: private and shared views,
// only the creator changes them, version guards, validation, paging and the CSRF rule for
// people signed in with a cookie.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends, admin } from './lib/server.mjs';
import { Client, expectProblem, login } from './lib/client.mjs';

const PASSWORD = 'correct horse battery';

for (const backend of backends()) {
  describe(`saved views on ${backend}`, () => {
    let server;
    let ws;
    let lan;   // a person (cookie session)
    let minh;  // another person
    let viewsPath;

    async function personClient(email, role) {
      admin(server, ['create-user', '--email', email, '--role', role, '--workspace', ws.workspace], `${PASSWORD}\n`);
      const session = await login(server.base, email, PASSWORD);
      assert.equal(session.status, 200);
      return new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
    }

    before(async () => {
      server = await new VoxloopServer({ backend }).start();
      ws = provision(server, 'Views');
      viewsPath = `/api/v1/workspaces/${ws.workspace}/views`;
      lan = await personClient('lan@example.vn', 'analyst');
      minh = await personClient('minh@example.vn', 'viewer');
    });
    after(async () => { await server.stop(); server.cleanup(); });

    const names = (response) => response.json.items.map((view) => view.name);

    test('a private view is seen by its creator only, a shared one by everyone', async () => {
      const own = await lan.post(viewsPath, { name: 'Giao hàng chậm', page: 'explorer',
        filters: { topic: 'delivery', sentiment: 'negative' } });
      assert.equal(own.status, 201, own.text);
      assert.deepEqual(own.json.filters, { sentiment: 'negative', topic: 'delivery' });
      assert.equal(own.json.mine, true);
      assert.equal(own.json.shared, false);
      assert.equal(own.json.version, 1);
      const shared = await lan.post(viewsPath, { name: '差评', page: 'explorer', shared: true });
      assert.equal(shared.status, 201, shared.text);
      assert.deepEqual(names(await lan.get(viewsPath)), ['差评', 'Giao hàng chậm']);
      const seenByMinh = await minh.get(viewsPath);
      assert.deepEqual(names(seenByMinh), ['差评']);
      assert.equal(seenByMinh.json.items[0].mine, false);
      expectProblem(assert, await minh.patch(`${viewsPath}/${own.json.id}`, { name: 'x' }), 404, 'not-found');
    });

    test('only the creator changes or deletes a shared view', async () => {
      const view = await lan.post(viewsPath, { name: 'Weekly', page: 'overview', shared: true });
      expectProblem(assert, await minh.patch(`${viewsPath}/${view.json.id}`, { name: 'Mine now' }), 403, 'forbidden');
      expectProblem(assert, await minh.delete(`${viewsPath}/${view.json.id}`), 403, 'forbidden');
      const renamed = await lan.patch(`${viewsPath}/${view.json.id}`, { name: 'Hằng tuần', shared: false });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json.name, 'Hằng tuần');
      assert.equal(renamed.json.version, 2);
      assert.ok(!names(await minh.get(viewsPath)).includes('Hằng tuần'));
      assert.equal((await lan.delete(`${viewsPath}/${view.json.id}`)).status, 204);
      expectProblem(assert, await lan.delete(`${viewsPath}/${view.json.id}`), 404, 'not-found');
    });

    test('a stale version is a conflict and changes nothing', async () => {
      const view = await lan.post(viewsPath, { name: 'v1', page: 'explorer' });
      assert.equal((await lan.patch(`${viewsPath}/${view.json.id}`, { name: 'v2', version: 1 })).status, 200);
      expectProblem(assert, await lan.patch(`${viewsPath}/${view.json.id}`, { name: 'v3', version: 1 }), 409, 'conflict');
      const listed = (await lan.get(viewsPath)).json.items.find((item) => item.id === view.json.id);
      assert.equal(listed.name, 'v2');
    });

    test('bad views are refused field by field', async () => {
      const response = await lan.post(viewsPath, { name: ' ', page: 'Explorer!', filters: { 'Bad Key': 'x', q: 5 }, extra: 1 });
      expectProblem(assert, response, 400, 'validation');
      const fields = response.json.errors.map((error) => error.field).sort();
      assert.deepEqual(fields, ['extra', 'filters.Bad Key', 'filters.q', 'name', 'page']);
      expectProblem(assert, await lan.post(viewsPath, {}), 400, 'validation');
      expectProblem(assert, await lan.patch(`${viewsPath}/abc`, { name: 'x' }), 404, 'not-found');
      expectProblem(assert, await lan.get(`${viewsPath}?limit=0`), 400, 'validation');
      expectProblem(assert, await lan.get(`${viewsPath}?cursor=zz`), 400, 'validation');
    });

    test('a cookie-authenticated save needs the CSRF token', async () => {
      const noCsrf = new Client(server.base, { cookie: lan.cookie });
      expectProblem(assert, await noCsrf.post(viewsPath, { name: 'x', page: 'explorer' }), 403, 'csrf');
    });

    test('API tokens keep their own views and pages are cursor-linked', async () => {
      const token = new Client(server.base, { token: ws.tokens.viewer });
      for (let viewIdx = 0; viewIdx < 3; viewIdx++) {
        assert.equal((await token.post(viewsPath, { name: `t${viewIdx}`, page: 'explorer' })).status, 201);
      }
      const first = await token.get(`${viewsPath}?limit=2`);
      assert.equal(first.status, 200);
      assert.equal(first.json.items.length, 2);
      const rest = await token.get(`${viewsPath}?limit=2&cursor=${first.json.next_cursor}`);
      const all = [...names(first), ...names(rest)];
      assert.deepEqual(all.filter((name) => name.startsWith('t')), ['t2', 't1', 't0']);
      assert.ok(!names(await lan.get(viewsPath)).includes('t0'), 'a token\'s private view stays private');
    });
  });
}
