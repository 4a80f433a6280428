// Every kind of bad input gets a clear problem+json answer and changes nothing; the server
// survives all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { VoxloopServer, provision } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

let server;
let ws;
let agent;
let path;

before(async () => {
  server = await new VoxloopServer({ extraArgs: ['--max-text-chars', '5000'] }).start();
  ws = provision(server);
  agent = new Client(server.base, { token: ws.tokens.agent });
  path = `/api/v1/workspaces/${ws.workspace}/feedback`;
});
after(async () => { await server.stop(); server.cleanup(); });

async function count() {
  const page = await agent.get(`${path}?limit=200`);
  return page.json.items.length;
}

test('malformed JSON', async () => {
  for (const raw of ['{"channel": "chat",', 'not json', '', '{"a":1}}', '[1,2', '{"text":"x" "y"}']) {
    const response = await agent.request('POST', path, { raw, headers: { 'content-type': 'application/json' } });
    expectProblem(assert, response, 400, 'malformed-json');
  }
});

test('invalid UTF-8', async () => {
  const raw = Buffer.concat([Buffer.from('{"channel":"chat","text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  const response = await agent.request('POST', path, { raw, headers: { 'content-type': 'application/json' } });
  expectProblem(assert, response, 400, 'invalid-utf8');
});

test('wrong types and missing fields name each field', async () => {
  const response = await agent.post(path, {
    channel: 42, text: ['a'], rating: 'high', received_at: 'yesterday', customer: 'bob', tags: 'x', colour: 'red',
  });
  expectProblem(assert, response, 400, 'validation');
  const byField = Object.fromEntries(response.json.errors.map((e) => [e.field, e.code]));
  assert.deepEqual(byField, {
    channel: 'type', text: 'type', rating: 'type', received_at: 'invalid', customer: 'type', tags: 'type', colour: 'unknown',
  });
  const missing = await agent.post(path, {});
  assert.deepEqual(missing.json.errors.map((e) => `${e.field}:${e.code}`).sort(), ['channel:required', 'text:required']);
  const notObject = await agent.post(path, [1, 2, 3]);
  expectProblem(assert, notObject, 400, 'validation');
  const badCustomer = await agent.post(path, { channel: 'chat', text: 'x', customer: { email: 'not-an-email' } });
  assert.deepEqual(badCustomer.json.errors.map((e) => e.field), ['customer.email']);
  const keyless = await agent.post(path, { channel: 'chat', text: 'x', customer: { name: 'Only A Name' } });
  assert.deepEqual(keyless.json.errors.map((e) => `${e.field}:${e.code}`), ['customer:required']);
  assert.equal(await count(), 0);
});

test('text over the configured limit', async () => {
  const response = await agent.post(path, { channel: 'chat', text: 'ư'.repeat(5001) });
  expectProblem(assert, response, 400, 'validation');
  assert.equal(response.json.errors[0].field, 'text');
  assert.equal(response.json.errors[0].code, 'too_long');
  const atLimit = await agent.post(path, { channel: 'chat', text: 'ư'.repeat(5000) });
  assert.equal(atLimit.status, 201);
});

test('a 20 MiB body is refused with 413 before it is read', async () => {
  const big = '{"channel":"chat","text":"' + 'a'.repeat(20 * 1024 * 1024) + '"}';
  let status;
  try {
    const response = await agent.request('POST', path, { raw: big, headers: { 'content-type': 'application/json' } });
    status = response.status;
    expectProblem(assert, response, 413, 'too-large');
  } catch (error) {
    // The server may close the connection while the client is still sending; then the
    // answer is lost to the client, but it must not have been a success.
    status = 'reset';
  }
  assert.ok(status === 413 || status === 'reset', `got ${status}`);
  assert.equal((await fetch(`${server.base}/healthz`)).status, 200, 'server still up');
});

test('a raw oversized Content-Length is answered 413 on the socket', async () => {
  const answer = await new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ws.tokens.agent}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${20 * 1024 * 1024}\r\n\r\n{`);
    });
    let data = '';
    socket.on('data', (chunk) => { data += chunk; });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  assert.match(answer, /^HTTP\/1\.1 413/);
  assert.match(answer, /application\/problem\+json/);
});

test('garbage on the socket does not crash the server', async () => {
  for (const junk of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', '\x00\x01\x02\x03', 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n']) {
    await new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.end(junk));
      socket.on('close', resolve);
      socket.on('error', resolve);
      socket.resume();
    });
  }
  assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
});

test('unknown workspace, unknown item, unknown route, wrong method', async () => {
  const owner = new Client(server.base, { token: ws.tokens.owner });
  expectProblem(assert, await owner.get('/api/v1/workspaces/999999999/feedback'), 404, 'not-found');
  expectProblem(assert, await owner.get('/api/v1/workspaces/not-an-id/feedback'), 404, 'not-found');
  expectProblem(assert, await owner.get(`${path}/12345`), 404, 'not-found');
  expectProblem(assert, await owner.get(`${path}/abc`), 404, 'not-found');
  expectProblem(assert, await owner.get('/api/v1/nothing-here'), 404, 'not-found');
  const wrongMethod = await owner.request('PUT', path, { body: {} });
  expectProblem(assert, wrongMethod, 405, 'method-not-allowed');
  assert.match(wrongMethod.headers.get('allow'), /GET/);
});

test('no credentials, bad credentials, role not allowed', async () => {
  expectProblem(assert, await new Client(server.base).post(path, { channel: 'chat', text: 'x' }), 401, 'unauthenticated');
  expectProblem(assert, await new Client(server.base, { token: 'vxl_bogus' }).post(path, { channel: 'chat', text: 'x' }), 401, 'unauthenticated');
  expectProblem(assert, await new Client(server.base, { token: ws.tokens.viewer }).post(path, { channel: 'chat', text: 'x' }), 403, 'forbidden');
});

test('problem bodies never leak internals', async () => {
  const response = await agent.post(path, { channel: 'chat' });
  assert.doesNotMatch(response.text, /sqlite|SELECT|INSERT|\/work\/|\.cpp/i);
  assert.equal(response.headers.get('x-request-id'), response.json.request_id);
});
