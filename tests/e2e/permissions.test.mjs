// Every route × every role: allowed roles get past authorisation, the others get 403; no
// credentials get 401; a workspace the caller is not in is 404. The expected matrix is read
// from docs/permissions.md, so the documentation and the server cannot drift apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { VoxloopServer, BIN, provision } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'];

function documentedMatrix() {
  const doc = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
  const matrix = {};
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 8 || !/^[a-z]+(\.[a-z]+)?$/.test(cells[1])) continue;
    matrix[cells[1]] = Object.fromEntries(ROLES.map((role, index) => [role, cells[2 + index] === '✓']));
  }
  return matrix;
}

const routes = execFileSync(BIN, ['routes'], { encoding: 'utf8' })
  .trim().split('\n').map((line) => JSON.parse(line));
const matrix = documentedMatrix();
let server;
let main;
let doomed;  // a second workspace for the one route that deletes its workspace

before(async () => {
  server = await new VoxloopServer().start();
  main = provision(server, 'Permissions');
});
after(async () => { await server.stop(); server.cleanup(); });

function fill(path, workspace) {
  return path.replace('{ws}', workspace).replace(/\{[a-z*]+\}/g, '1');
}

test('the documented matrix names every permission the routes use', () => {
  for (const route of routes.filter((r) => r.permission)) {
    assert.ok(matrix[route.permission], `docs/permissions.md lacks ${route.permission}`);
  }
});

test('every workspace route admits exactly the roles that have its permission', async () => {
  const checked = [];
  for (const route of routes.filter((r) => r.access === 'workspace')) {
    const deletesWorkspace = route.method === 'DELETE' && route.path === '/api/v1/workspaces/{ws}';
    for (const role of ROLES) {
      let target = main;
      if (deletesWorkspace) target = doomed = provision(server, `Doomed ${role}`);
      const client = new Client(server.base, { token: target.tokens[role] });
      const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
      const response = await client.request(route.method, fill(route.path, target.workspace), { body });
      const allowed = matrix[route.permission][role];
      if (allowed) {
        assert.notEqual(response.status, 403, `${role} ${route.method} ${route.path}: ${response.text}`);
        assert.notEqual(response.status, 401, `${role} ${route.method} ${route.path}`);
        assert.ok(response.status < 500, `${role} ${route.method} ${route.path}: ${response.status} ${response.text}`);
      } else {
        expectProblem(assert, response, 403, 'forbidden');
      }
      checked.push(`${route.method} ${route.path} ${role}`);
    }
  }
  const workspaceRoutes = routes.filter((r) => r.access === 'workspace').length;
  assert.ok(workspaceRoutes >= 18, `only ${workspaceRoutes} workspace routes`);
  assert.equal(checked.length, workspaceRoutes * ROLES.length);
  assert.ok(doomed, 'the delete-workspace route was exercised');
});

test('every non-public route refuses requests without credentials', async () => {
  const anonymous = new Client(server.base);
  for (const route of routes.filter((r) => !['public', 'respondent'].includes(r.access))) {
    const response = await anonymous.request(route.method, fill(route.path, main.workspace),
      { body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
    expectProblem(assert, response, 401, 'unauthenticated');
  }
});

test('a bad or revoked token is refused', async () => {
  const forged = new Client(server.base, { token: 'vxl_not-a-real-token' });
  expectProblem(assert, await forged.get(`/api/v1/workspaces/${main.workspace}/feedback`), 401, 'unauthenticated');
  const malformed = await fetch(`${server.base}/api/v1/auth/me`, { headers: { authorization: 'Basic abc' } });
  assert.equal(malformed.status, 401);
  const ownerClient = new Client(server.base, { token: main.tokens.owner });
  const created = await ownerClient.post(`/api/v1/workspaces/${main.workspace}/tokens`, { name: 'temp', role: 'agent' });
  assert.equal(created.status, 201);
  const temp = new Client(server.base, { token: created.json.token });
  assert.equal((await temp.get(`/api/v1/workspaces/${main.workspace}/feedback`)).status, 200);
  assert.equal((await ownerClient.delete(`/api/v1/workspaces/${main.workspace}/tokens/${created.json.id}`)).status, 204);
  expectProblem(assert, await temp.get(`/api/v1/workspaces/${main.workspace}/feedback`), 401, 'unauthenticated');
});

test('workspaces the caller is not a member of do not exist for them', async () => {
  const other = provision(server, 'Other');
  const stranger = new Client(server.base, { token: other.tokens.owner });
  for (const route of routes.filter((r) => r.access === 'workspace' && r.method === 'GET')) {
    expectProblem(assert, await stranger.get(fill(route.path, main.workspace)), 404, 'not-found');
    expectProblem(assert, await stranger.get(fill(route.path, '123456789')), 404, 'not-found');
  }
});

test('an admin cannot create an owner token or demote the last owner', async () => {
  const adminClient = new Client(server.base, { token: main.tokens.admin });
  const ownerToken = await adminClient.post(`/api/v1/workspaces/${main.workspace}/tokens`, { name: 'x', role: 'owner' });
  expectProblem(assert, ownerToken, 403, 'forbidden');
  const agentToken = await adminClient.post(`/api/v1/workspaces/${main.workspace}/tokens`, { name: 'x', role: 'agent' });
  assert.equal(agentToken.status, 201);
});
