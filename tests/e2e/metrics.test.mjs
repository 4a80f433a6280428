// The metrics query API over HTTP, on SQLite and on PostgreSQL: answers checked against values
// computed here from the posted data (NPS with its interval, grouping by channel, segment and
// local month), survey scores, freshness after every kind of write (new items, survey
// responses, corrections, customer changes, erasure), the same answers after a restart (the
// index rebuilt from the database), drill-down with PII masking, dimensions, CSV/XLSX export,
// bad input and every endpoint × role.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

// NPS of 0–10 answers, as the API defines it: % promoters (9–10) − % detractors (0–6), with
// the normal-approximation 95% interval.
function nps(ratings) {
  const n = ratings.length;
  const p = ratings.filter((r) => r >= 9).length / n;
  const d = ratings.filter((r) => r <= 6).length / n;
  const margin = 1.959964 * Math.sqrt((p + d - (p - d) ** 2) / n) * 100;
  const value = (p - d) * 100;
  return { value, n, ci_low: value - margin, ci_high: value + margin };
}

function assertClose(actual, expected, message) {
  assert.ok(Math.abs(actual - expected) < 0.05, `${message}: ${actual} ≠ ${expected}`);
}

// The posted data: [rating, channel, customer, received_at]. Item 0 is 00:30 on 1 November in
// Ho Chi Minh City (still 31 October in UTC); item 10 is 23:30 on 31 October there.
const ITEMS = [
  [10, 'email', 'c1', '2026-10-31T17:30:00Z'],
  [10, 'email', 'c1', '2026-11-02T09:00:00Z'],
  [9, 'email', 'c2', '2026-11-03T09:00:00Z'],
  [9, 'email', 'c2', '2026-11-04T09:00:00Z'],
  [9, 'email', 'c3', '2026-11-05T09:00:00Z'],
  [8, 'chat', 'c3', '2026-11-06T09:00:00Z'],
  [7, 'chat', 'c4', '2026-11-07T09:00:00Z'],
  [6, 'chat', 'c4', '2026-11-08T09:00:00Z'],
  [2, 'chat', 'c5', '2026-11-09T09:00:00Z'],
  [0, 'chat', 'c5', '2026-11-10T09:00:00Z'],
  [10, 'email', 'c1', '2026-10-31T16:30:00Z'],
];
const SEGMENTS = { c1: 'smb', c2: 'smb', c3: 'smb', c4: 'enterprise', c5: 'enterprise' };
const RANGE = { from: '2026-10-01', to: '2026-12-01' };
const ratingsWhere = (keep) => ITEMS.filter(keep).map(([rating]) => rating);

for (const backend of backends()) {
  describe(`metrics query API on ${backend}`, () => {
    let server;
    let ws;
    let clients;
    let base;
    const itemIds = [];

    async function query(body, client = clients.viewer) {
      const response = await client.post(`${base}/query`, body);
      assert.equal(response.status, 200, response.text);
      return response.json;
    }
    const rowOf = (answer, group) =>
      answer.rows.find((row) => Object.entries(group).every(([key, value]) => row.group[key] === value));

    before(async () => {
      server = await new VoxloopServer({ backend, extraArgs: ['--public-rate-limit', '1000'] }).start();
      ws = provision(server, 'Metrics');
      base = `/api/v1/workspaces/${ws.workspace}`;
      clients = Object.fromEntries(Object.entries(ws.tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      for (const [index, [rating, channel, customer, receivedAt]] of ITEMS.entries()) {
        const text = index === 8 ? 'Rất tệ, gọi cho tôi: lan@example.vn' : `Phản hồi số ${index}`;
        const created = await clients.agent.post(`${base}/feedback`, {
          channel, text, rating, received_at: receivedAt,
          customer: { external_id: customer, attributes: { segment: SEGMENTS[customer], plan: 'pro' } },
        });
        assert.equal(created.status, 201, created.text);
        itemIds.push(created.json.id);
      }
    });
    after(async () => { await server.stop(); server.cleanup(); });

    test('NPS over all feedback is one row with the interval computed by hand', async () => {
      const answer = await query({ metric: 'nps', range: RANGE });
      assert.equal(answer.rows.length, 1);
      const expected = nps(ratingsWhere(() => true));
      const [row] = answer.rows;
      assert.equal(row.n, expected.n);
      assertClose(row.value, expected.value, 'nps');
      assertClose(row.ci_low, expected.ci_low, 'ci_low');
      assertClose(row.ci_high, expected.ci_high, 'ci_high');
      assert.deepEqual(row.breakdown, { promoters: 6, passives: 2, detractors: 3 });
      assert.equal(answer.time_zone, 'Asia/Ho_Chi_Minh');
    });

    test('grouping by channel, segment and local month', async () => {
      const byChannel = await query({ metric: 'nps', group_by: ['channel'], range: RANGE });
      for (const channel of ['email', 'chat']) {
        const expected = nps(ratingsWhere(([, c]) => c === channel));
        const row = rowOf(byChannel, { channel });
        assert.equal(row.n, expected.n, channel);
        assertClose(row.value, expected.value, channel);
      }
      const bySegment = await query({ metric: 'nps', group_by: ['segment'], range: RANGE });
      for (const segment of ['smb', 'enterprise']) {
        const expected = nps(ratingsWhere(([, , customer]) => SEGMENTS[customer] === segment));
        const row = rowOf(bySegment, { segment });
        assert.equal(row.n, expected.n, segment);
        assertClose(row.value, expected.value, segment);
      }
      // Months in the workspace's zone: item 0 falls in November there, item 10 in October.
      const byMonth = await query({ metric: 'nps', interval: 'month', range: RANGE });
      assert.deepEqual(byMonth.rows.map((row) => [row.group.time, row.n]), [['2026-10-01', 1], ['2026-11-01', 10]]);
      const filtered = await query({ metric: 'count', filters: { segment: 'enterprise', channel: ['chat'] }, range: RANGE });
      assert.equal(filtered.rows[0].value, 4);
    });

    test('a survey\'s NPS counts its completed responses, and new ones at once', async () => {
      const created = await clients.analyst.post(`${base}/surveys`, { template: 'nps', name: 'Quý 4' });
      assert.equal(created.status, 201, created.text);
      const survey = (await clients.analyst.post(`${base}/surveys/${created.json.id}/publish`)).json;
      const answers = [{ nps: 10, reason: 'Giao hàng nhanh, tuyệt vời' }, { nps: 3, reason: 'Giao hàng chậm quá' }, { nps: 9 }];
      for (const [index, given] of answers.entries()) {
        const response = await fetch(`${server.base}/api/v1/public/surveys/${survey.id}/responses`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${index + 1}` },
          body: JSON.stringify({ answers: given, channel: 'kiosk' }),
        });
        assert.equal(response.status, 201, await response.text());
      }
      const answer = await query({ metric: 'nps', survey: survey.id });
      assert.equal(answer.rows.length, 1);
      assert.equal(answer.rows[0].n, 3);
      assertClose(answer.rows[0].value, nps([10, 3, 9]).value, 'survey nps');
      const dimensions = (await clients.viewer.get(`${base}/query/dimensions`)).json;
      assert.ok(dimensions.surveys.some((entry) => entry.id === survey.id && entry.name === 'Quý 4'));
      assert.deepEqual([...dimensions.segments].sort(), ['enterprise', 'smb']);
      assert.ok(dimensions.channels.includes('email') && dimensions.channels.includes('survey'));
    });

    test('a correction and a customer change show in the next answer', async () => {
      const review = await clients.agent.post(`${base}/feedback`, {
        channel: 'review', text: 'Tuyệt vời, tôi rất hài lòng', received_at: '2026-11-20T09:00:00Z',
        customer: { external_id: 'c9', attributes: { segment: 'smb' } },
      });
      assert.equal(review.status, 201, review.text);
      const sentimentOf = async () => {
        const answer = await query({ metric: 'count', group_by: ['sentiment'], filters: { channel: 'review' }, range: RANGE });
        return Object.fromEntries(answer.rows.map((row) => [row.group.sentiment, row.value]));
      };
      const correct = await clients.agent.patch(`${base}/feedback/${review.json.id}`, { sentiment: 'negative' });
      assert.equal(correct.status, 200, correct.text);
      assert.deepEqual(await sentimentOf(), { negative: 1 });

      const list = await clients.agent.get(`${base}/customers?external_id=c9`);
      const customerId = list.json.items[0].id;
      const patched = await clients.agent.patch(`${base}/customers/${customerId}`, { attributes: { segment: 'vip' } });
      assert.equal(patched.status, 200, patched.text);
      const bySegment = await query({ metric: 'count', group_by: ['segment'], filters: { channel: 'review' }, range: RANGE });
      assert.deepEqual(bySegment.rows.map((row) => [row.group.segment, row.value]), [['vip', 1]]);
    });

    test('drill-down lists the feedback behind a number, PII masked without pii.read', async () => {
      const body = { metric: 'nps', range: RANGE, group: { segment: 'enterprise' } };
      const asViewer = await clients.viewer.post(`${base}/query/feedback`, body);
      assert.equal(asViewer.status, 200, asViewer.text);
      const expected = ITEMS.map((item, index) => [item, itemIds[index]])
        .filter(([[, , customer]]) => SEGMENTS[customer] === 'enterprise').map(([, id]) => id);
      assert.deepEqual(asViewer.json.items.map((item) => item.id).sort(), [...expected].sort());
      assert.ok(!asViewer.text.includes('lan@example.vn'), 'the viewer sees no e-mail address');
      const asAgent = await clients.agent.post(`${base}/query/feedback`, body);
      assert.ok(asAgent.text.includes('lan@example.vn'), 'the agent may see it');
      // Pages: two at a time, newest first, no repeats.
      const first = await clients.viewer.post(`${base}/query/feedback`, { ...body, limit: 2 });
      assert.equal(first.json.items.length, 2);
      assert.ok(first.json.next_cursor);
      const second = await clients.viewer.post(`${base}/query/feedback`, { ...body, limit: 2, cursor: first.json.next_cursor });
      const seen = [...first.json.items, ...second.json.items].map((item) => item.id);
      assert.equal(new Set(seen).size, 4);
      assert.ok(first.json.items[0].received_at >= first.json.items[1].received_at);
    });

    test('the rows export as CSV and XLSX for roles allowed to export', async () => {
      const body = { metric: 'nps', group_by: ['segment'], range: RANGE };
      const csv = await clients.analyst.post(`${base}/query.csv`, body);
      assert.equal(csv.status, 200, csv.text);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], 'segment,metric,value,n,ci_low,ci_high,previous_value,previous_n,change,p_value,significant');
      const enterprise = lines.find((line) => line.startsWith('enterprise,')).split(',');
      assert.equal(enterprise[1], 'nps');
      assert.equal(Number(enterprise[3]), 4);
      const xlsx = await fetch(`${server.base}${base}/query.xlsx`, {
        method: 'POST', headers: { authorization: `Bearer ${ws.tokens.analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(xlsx.status, 200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      expectProblem(assert, await clients.viewer.post(`${base}/query.csv`, body), 403, 'forbidden');
    });

    test('bad queries are refused with the field named', async () => {
      const bad = async (body, field) => {
        const response = await clients.viewer.post(`${base}/query`, body);
        expectProblem(assert, response, 400, 'validation');
        assert.ok(response.json.errors.some((error) => error.field === field), `${field}: ${response.text}`);
      };
      await bad({ metric: 'happiness' }, 'metric');
      await bad({ metric: 'nps', group_by: ['weather'] }, 'group_by');
      await bad({ metric: 'nps', interval: 'fortnight' }, 'interval');
      await bad({ metric: 'nps', range: { from: 'yesterday' } }, 'range.from');
      await bad({ metric: 'nps', filters: { weather: 'rain' } }, 'filters.weather');
      await bad({ metric: 'nps', sort: 'up' }, 'sort');
      const malformed = await clients.viewer.request('POST', `${base}/query`, { raw: '{"metric":', headers: { 'content-type': 'application/json' } });
      expectProblem(assert, malformed, 400);
      expectProblem(assert, await new Client(server.base).post(`${base}/query`, { metric: 'nps' }), 401);
      expectProblem(assert, await clients.viewer.post('/api/v1/workspaces/123456789/query', { metric: 'nps' }), 404);
      expectProblem(assert, await clients.viewer.post(`${base}/query/feedback`, { metric: 'nps', limit: 0 }), 400, 'validation');
      expectProblem(assert, await clients.viewer.post(`${base}/query/feedback`, { metric: 'nps', cursor: 'zz' }), 400, 'validation');
    });

    test('every endpoint × role: allowed or refused as docs/permissions.md says', async () => {
      const body = { metric: 'count', range: RANGE };
      const endpoints = [
        ['POST', '/query', 'OANGV'],
        ['POST', '/query/feedback', 'OANGV'],
        ['GET', '/query/dimensions', 'OANGV'],
        ['POST', '/query.csv', 'OAN'],
        ['POST', '/query.xlsx', 'OAN'],
      ];
      const letters = { owner: 'O', admin: 'A', analyst: 'N', agent: 'G', viewer: 'V' };
      for (const [method, path, allowed] of endpoints) {
        for (const [role, letter] of Object.entries(letters)) {
          const response = await clients[role].request(method, base + path, method === 'POST' ? { body } : {});
          if (allowed.includes(letter)) {
            assert.equal(response.status, 200, `${role} ${method} ${path}: ${response.text}`);
          } else {
            expectProblem(assert, response, 403, 'forbidden');
          }
        }
      }
    });

    test('after a restart the rebuilt index gives the same answers; erasure removes a customer\'s rows', async () => {
      const bySegment = { metric: 'nps', group_by: ['segment'], range: RANGE };
      const before = await query(bySegment);
      await server.stop();
      await server.start();  // on a new port: new clients
      clients = Object.fromEntries(Object.entries(ws.tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      assert.match(server.output, new RegExp(`metrics index: workspace ${ws.workspace} rows \\d+ bytes \\d+ built in \\d+ ms`));
      assert.deepEqual(await query(bySegment), before);

      const list = await clients.owner.get(`${base}/customers?external_id=c5`);
      const erased = await clients.owner.delete(`${base}/customers/${list.json.items[0].id}`);
      assert.ok(erased.status === 200 || erased.status === 204, erased.text);
      const after = await query(bySegment);
      const expected = nps(ratingsWhere(([, , customer]) => customer === 'c4'));
      assert.equal(rowOf(after, { segment: 'enterprise' }).n, expected.n);
      assertClose(rowOf(after, { segment: 'enterprise' }).value, expected.value, 'enterprise after erasure');
    });
  });
}
