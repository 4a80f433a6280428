// People signing in: the admin CLI, login with a session cookie, CSRF on cookie writes,
// logout, the caller's profile, workspaces, members and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { VoxloopServer, admin, BIN } from './lib/server.mjs';
import { Client, expectProblem, login } from './lib/client.mjs';

let server;
let workspace;
const password = 'correct horse battery';

before(async () => {
  server = await new VoxloopServer().start();
  workspace = admin(server, ['create-workspace', '--name', 'Cửa hàng Phở', '--timezone', 'Asia/Ho_Chi_Minh', '--language', 'vi']);
  admin(server, ['create-user', '--email', 'owner@example.vn', '--role', 'owner', '--workspace', workspace, '--name', 'Chủ'], `${password}\n`);
  admin(server, ['create-user', '--email', 'viewer@example.vn', '--role', 'viewer', '--workspace', workspace], `${password}\n`);
});
after(async () => { await server.stop(); server.cleanup(); });

test('the admin CLI validates its input and prints ids and tokens', () => {
  assert.match(workspace, /^\d+$/);
  const run = (args, input = '') => {
    try {
      return { code: 0, out: execFileSync(BIN, ['admin', ...args, ...server.storageArgs], { input, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      return { code: error.status, out: `${error.stdout}${error.stderr}` };
    }
  };
  assert.notEqual(run(['create-user', '--email', 'x@example.com', '--role', 'boss', '--workspace', workspace], 'password123456\n').code, 0);
  const weak = run(['create-user', '--email', 'x@example.com', '--role', 'agent', '--workspace', workspace], 'short\n');
  assert.notEqual(weak.code, 0);
  assert.match(weak.out, /password/);
  const duplicate = run(['create-user', '--email', 'owner@example.vn', '--role', 'agent', '--workspace', workspace], `${password}\n`);
  assert.notEqual(duplicate.code, 0);
  assert.notEqual(run(['create-workspace', '--name', 'x', '--timezone', 'Mars/Olympus']).code, 0);
  const token = run(['create-token', '--workspace', workspace, '--role', 'agent', '--name', 'ci']);
  assert.equal(token.code, 0);
  assert.match(token.out.trim(), /^vxl_[A-Za-z0-9_-]{43}$/);
});

test('login sets an HttpOnly SameSite session cookie and returns a CSRF token', async () => {
  const wrong = await login(server.base, 'owner@example.vn', 'wrong password!!');
  assert.equal(wrong.status, 401);
  const unknown = await login(server.base, 'nobody@example.vn', password);
  assert.equal(unknown.status, 401);
  assert.equal(unknown.json.detail, wrong.json.detail, 'same answer for unknown e-mail and wrong password');
  const ok = await login(server.base, 'OWNER@example.vn', password);
  assert.equal(ok.status, 200);
  assert.match(ok.setCookie, /HttpOnly/);
  assert.match(ok.setCookie, /SameSite=Strict/);
  assert.equal(ok.json.user.email, 'owner@example.vn');
  assert.ok(ok.json.csrf_token.length >= 20);
  assert.equal(ok.json.workspaces[0].id, workspace);
  assert.equal(ok.json.workspaces[0].role, 'owner');
  assert.ok(ok.json.workspaces[0].permissions.includes('workspace.delete'));
});

test('cookie-authenticated writes need the CSRF token', async () => {
  const session = await login(server.base, 'owner@example.vn', password);
  const path = `/api/v1/workspaces/${workspace}/feedback`;
  const noCsrf = new Client(server.base, { cookie: session.cookie });
  expectProblem(assert, await noCsrf.post(path, { channel: 'phone', text: 'Khách gọi điện khen' }), 403, 'csrf');
  const badCsrf = new Client(server.base, { cookie: session.cookie, csrf: 'nope' });
  expectProblem(assert, await badCsrf.post(path, { channel: 'phone', text: 'x' }), 403, 'csrf');
  const crossSite = new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  expectProblem(assert, await crossSite.post(path, { channel: 'phone', text: 'x' }, { headers: { origin: 'https://evil.example' } }), 403, 'csrf');
  const good = new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  assert.equal((await good.post(path, { channel: 'phone', text: 'Khách gọi điện khen nhân viên' })).status, 201);
  assert.equal((await noCsrf.get(path)).status, 200, 'reads need no CSRF token');
});

test('logout ends the session', async () => {
  const session = await login(server.base, 'owner@example.vn', password);
  const client = new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  assert.equal((await client.get('/api/v1/auth/me')).status, 200);
  const out = await client.post('/api/v1/auth/logout', {});
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  expectProblem(assert, await client.get('/api/v1/auth/me'), 401, 'unauthenticated');
});

test('people manage their profile, workspaces and members; the audit log records it', async () => {
  const session = await login(server.base, 'owner@example.vn', password);
  const owner = new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  const profile = await owner.patch('/api/v1/auth/me', { locale: 'vi', name: 'Chủ cửa hàng' });
  assert.equal(profile.status, 200, profile.text);
  assert.equal(profile.json.locale, 'vi');
  const wrongCurrent = await owner.patch('/api/v1/auth/me', { current_password: 'nope', new_password: 'another password 1' });
  expectProblem(assert, wrongCurrent, 400, 'validation');

  const created = await owner.post('/api/v1/workspaces', { name: 'Chi nhánh 2', timezone: 'Asia/Shanghai' });
  assert.equal(created.status, 201, created.text);
  const badZone = await owner.post('/api/v1/workspaces', { name: 'x', timezone: 'Nowhere/Land' });
  expectProblem(assert, badZone, 400, 'validation');
  const mine = await owner.get('/api/v1/workspaces');
  assert.deepEqual(mine.json.items.map((w) => w.name).sort(), ['Chi nhánh 2', 'Cửa hàng Phở']);

  const members = `/api/v1/workspaces/${workspace}/members`;
  const added = await owner.post(members, { email: 'agent@example.vn', role: 'agent', password: 'agent password 1', name: 'Nhân viên' });
  assert.equal(added.status, 201, added.text);
  const needsPassword = await owner.post(members, { email: 'ghost@example.vn', role: 'agent' });
  expectProblem(assert, needsPassword, 400, 'validation');
  const promoted = await owner.patch(`${members}/${added.json.user_id}`, { role: 'analyst' });
  assert.equal(promoted.json.role, 'analyst');
  const list = await owner.get(members);
  assert.equal(list.json.items.length, 3);
  const ownerId = session.json.user.id;
  expectProblem(assert, await owner.patch(`${members}/${ownerId}`, { role: 'viewer' }), 409, 'conflict');
  assert.equal((await owner.delete(`${members}/${added.json.user_id}`)).status, 204);
  const agentLogin = await login(server.base, 'agent@example.vn', 'agent password 1');
  assert.equal(agentLogin.json.workspaces.length, 0, 'removed members lose access');

  const audit = await owner.get(`/api/v1/workspaces/${workspace}/audit`);
  const actions = audit.json.items.map((entry) => entry.action);
  for (const action of ['member.add', 'member.update', 'member.remove']) assert.ok(actions.includes(action), action);
  assert.doesNotMatch(audit.text, /agent password/);
});

test('a viewer signs in but cannot write', async () => {
  const session = await login(server.base, 'viewer@example.vn', password);
  const viewer = new Client(server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  expectProblem(assert, await viewer.post(`/api/v1/workspaces/${workspace}/feedback`, { channel: 'chat', text: 'x' }), 403, 'forbidden');
  assert.equal((await viewer.get(`/api/v1/workspaces/${workspace}/feedback`)).status, 200);
});

test('sign-in attempts are rate limited per address and e-mail', async () => {
  let limited = false;
  for (let attempt = 0; attempt < 15 && !limited; attempt++) {
    const response = await login(server.base, 'viewer@example.vn', 'wrong password');
    limited = response.status === 429;
  }
  assert.ok(limited, 'a burst of wrong passwords is throttled');
});
