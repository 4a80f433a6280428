// A webhook receiver for tests: a real HTTP server on loopback that records every request
// and checks its Standard Webhooks signature (webhook-id, webhook-timestamp,
// webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">) with the subscription's
// secret of the subscription — one per path: `endpoint(name)` gives a URL under the receiver
// and `secrets[name]` holds its secret. `respond(request)` decides the status of each answer
// (default 200).
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifySignature(secret, id, timestamp, body, header) {
  if (!secret?.startsWith('whsec_') || !header) return false;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(' ').some((part) => {
    const [version, signature] = part.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export class WebhookReceiver {
  constructor() {
    this.requests = [];  // {id, timestamp, signature, body, json, status, valid}
    this.secrets = {};  // endpoint name → whsec_ secret
    this.respond = () => 200;
  }

  async start() {
    this.server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const record = {
          receivedAt: Date.now(),
          endpoint: decodeURIComponent(request.url.split('/').pop()),
          id: request.headers['webhook-id'],
          timestamp: request.headers['webhook-timestamp'],
          signature: request.headers['webhook-signature'],
          contentType: request.headers['content-type'],
          body,
        };
        try { record.json = JSON.parse(body); } catch { record.json = undefined; }
        record.valid = verifySignature(this.secrets[record.endpoint], record.id, record.timestamp, body, record.signature);
        record.status = this.respond(record);
        this.requests.push(record);
        response.writeHead(record.status, { 'content-type': 'text/plain' });
        response.end('ok');
      });
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}/hooks`;
    return this;
  }

  endpoint(name) { return `${this.url}/${encodeURIComponent(name)}`; }

  // The requests answered with a 2xx.
  delivered() { return this.requests.filter((request) => request.status >= 200 && request.status < 300); }

  // Waits until `predicate()` holds (polling), or fails after `ms`.
  async waitFor(predicate, ms = 20000, what = 'the webhook requests') {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}; got ${this.requests.length} requests: ` +
      JSON.stringify(this.requests.map((request) => [request.id, request.json?.type, request.status])));
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
