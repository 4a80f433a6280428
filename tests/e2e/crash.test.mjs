// Durability: while clients post feedback, the server is killed with SIGKILL. After a
// restart every item that was acknowledged with a 2xx is there, exactly once.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client } from './lib/client.mjs';

const CLIENTS = 32;

for (const backend of backends()) {
  describe(`crash on ${backend}`, () => {
    let server;
    after(async () => { await server?.stop(); server?.cleanup(); });

    test('acknowledged items survive kill -9 exactly once', async () => {
      server = await new VoxloopServer({ backend }).start();
      const { workspace, tokens } = provision(server);
      const path = `/api/v1/workspaces/${workspace}/feedback`;
      const acknowledged = new Map();  // marker → id
      let stop = false;
      let failures = 0;
      const poster = async (clientIdx) => {
        for (let seq = 0; !stop; seq++) {
          const marker = `c${clientIdx}s${seq}`;
          const body = seq % 2
            ? { channel: 'api', text: `crash ${marker}`, external_id: marker }
            : { items: [{ channel: 'api', text: `crash ${marker}` }, { channel: 'api', text: `crash ${marker}b` }] };
          try {
            const response = await fetch(server.base + path, {
              method: 'POST', body: JSON.stringify(body),
              headers: { authorization: `Bearer ${tokens.agent}`, 'content-type': 'application/json' },
            });
            if (response.status === 201) {
              const json = await response.json();
              for (const item of json.items ?? [json]) acknowledged.set(item.text, item.id);
            }
          } catch {
            failures++;
            return;  // the server is gone
          }
        }
      };
      const posting = Array.from({ length: CLIENTS }, (_, i) => poster(i));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(posting);
      assert.ok(acknowledged.size > 100, `only ${acknowledged.size} items were acknowledged`);

      await server.start();
      const client = new Client(server.base, { token: tokens.agent });
      const stored = new Map();
      let cursor = '';
      do {
        const page = await client.get(`${path}?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200);
        for (const item of page.json.items) {
          assert.ok(!stored.has(item.text), `"${item.text}" is stored twice`);
          stored.set(item.text, item.id);
        }
        cursor = page.json.next_cursor;
      } while (cursor);
      for (const [text, id] of acknowledged) {
        assert.equal(stored.get(text), id, `acknowledged "${text}" is missing after the crash`);
      }
    });
  });
}
