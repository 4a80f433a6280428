// Data-subject requests: export everything held about a customer, erase a feedback item or a
// customer with all their feedback; both audited, neither possible for roles without rights.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

let server;
let ws;
let owner;
let agent;
let base;

before(async () => {
  server = await new VoxloopServer().start();
  ws = provision(server);
  owner = new Client(server.base, { token: ws.tokens.owner });
  agent = new Client(server.base, { token: ws.tokens.agent });
  base = `/api/v1/workspaces/${ws.workspace}`;
});
after(async () => { await server.stop(); server.cleanup(); });

async function feedbackCount(query = '') {
  return (await owner.get(`${base}/feedback?limit=200${query}`)).json.items.length;
}

test('exports everything held about a customer, unmasked, and audits it', async () => {
  const customer = { email: 'export.me@example.vn', name: 'Lê Thu Hà', phone: '0912 345 678' };
  await agent.post(`${base}/feedback`, { channel: 'chat', text: 'Lần 1', customer });
  const second = await agent.post(`${base}/feedback`, { channel: 'email', text: 'Lần 2', customer });
  const exported = await agent.get(`${base}/customers/${second.json.customer_id}/export`);
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-disposition'), /attachment/);
  assert.equal(exported.json.customer.email, 'export.me@example.vn');
  assert.deepEqual(exported.json.feedback.map((f) => f.text), ['Lần 1', 'Lần 2']);
  const analyst = new Client(server.base, { token: ws.tokens.analyst });
  expectProblem(assert, await analyst.get(`${base}/customers/${second.json.customer_id}/export`), 403, 'forbidden');
  const audit = await owner.get(`${base}/audit`);
  assert.ok(audit.json.items.some((entry) => entry.action === 'customer.export'));
});

test('erases one feedback item', async () => {
  const created = await agent.post(`${base}/feedback`, { channel: 'sms', text: 'please delete me' });
  expectProblem(assert, await agent.delete(`${base}/feedback/${created.json.id}`), 403, 'forbidden');
  assert.equal((await owner.delete(`${base}/feedback/${created.json.id}`)).status, 204);
  expectProblem(assert, await owner.get(`${base}/feedback/${created.json.id}`), 404, 'not-found');
  expectProblem(assert, await owner.delete(`${base}/feedback/${created.json.id}`), 404, 'not-found');
});

test('erases a customer with all their feedback, leaving others untouched', async () => {
  const customer = { external_id: 'forget-me' };
  for (const text of ['a', 'b', 'c']) await agent.post(`${base}/feedback`, { channel: 'chat', text, customer });
  const keep = await agent.post(`${base}/feedback`, { channel: 'chat', text: 'keep', customer: { external_id: 'keep-me' } });
  const before = await feedbackCount();
  const customerId = (await owner.get(`${base}/customers?external_id=forget-me`)).json.items[0].id;
  const erased = await owner.delete(`${base}/customers/${customerId}`);
  assert.equal(erased.status, 200, erased.text);
  assert.equal(erased.json.erased_feedback_items, 3);
  assert.equal(await feedbackCount(), before - 3);
  expectProblem(assert, await owner.get(`${base}/customers/${customerId}`), 404, 'not-found');
  assert.equal((await owner.get(`${base}/feedback/${keep.json.id}`)).status, 200);
  const audit = await owner.get(`${base}/audit`);
  const entry = audit.json.items.find((e) => e.action === 'customer.erase');
  assert.deepEqual(entry.details, { feedback_items: 3 });
  assert.doesNotMatch(audit.text, /forget-me/);
});
