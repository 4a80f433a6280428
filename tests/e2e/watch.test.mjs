// The watch job end to end, on both databases: a metric rule (NPS below a threshold over a
// window) alerts once when it starts to hold — not on every run — and a topic spike alerts
// once; a case that misses its first-response time is marked once, sends case.sla_breached,
// and an sla_breach rule escalates it (assignee, priority, tag, alert). The due time is moved
// into the past in the database itself: SLA times are hours long.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { VoxloopServer, provision, backends, admin } from './lib/server.mjs';
import { Client, expectProblem, login } from './lib/client.mjs';
import { WebhookReceiver } from './lib/webhook_receiver.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs one SQL statement against the server's database.
function sql(server, statement) {
  if (server.databaseUrl) {
    execFileSync('psql', [server.databaseUrl, '-q', '-c', statement], { env: { ...process.env, ...server.env } });
  } else {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', `${server.dataDir}/voxloop.db`, statement]);
  }
}

for (const backend of backends()) {
  describe(`the watch job on ${backend}`, () => {
    let server;
    let receiver;
    let workspace;
    let clients;
    let base;
    let leadId;

    before(async () => {
      server = await new VoxloopServer({ backend, extraArgs: ['--watch-interval-seconds', '1', '--webhook-retry-base-ms', '200'] }).start();
      let tokens;
      ({ workspace, tokens } = provision(server));
      clients = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      base = `/api/v1/workspaces/${workspace}`;
      leadId = admin(server, ['create-user', '--email', 'lead@shop.vn', '--role', 'agent', '--workspace', workspace],
        'correct horse battery\n');
      receiver = await new WebhookReceiver().start();
      const hook = await clients.admin.post(`${base}/webhooks`, { url: receiver.endpoint('watch'), events: ['alert.fired', 'case.sla_breached'] });
      assert.equal(hook.status, 201, hook.text);
      receiver.secrets.watch = hook.json.secret;
    });
    after(async () => {
      await server?.stop();
      server?.cleanup();
      await receiver?.stop();
    });

    const alerts = (ruleId) => receiver.requests.filter((request) => request.endpoint === 'watch'
      && request.json?.type === 'alert.fired' && request.json.data.rule.id === ruleId);

    test('metric rules: validation; an NPS threshold alerts once when it starts to hold', async () => {
      for (const [body, field] of [
        [{ name: 'x', kind: 'metric', when: { metric: 'nps', op: 'lt' }, then: [{ type: 'notify_webhook' }] }, 'when/value'],
        [{ name: 'x', kind: 'metric', when: { metric: 'happiness', op: 'lt', value: 1 }, then: [{ type: 'notify_webhook' }] }, 'when/metric'],
        [{ name: 'x', kind: 'metric', when: { metric: 'nps', op: 'lt', value: 1 }, then: [{ type: 'create_case' }] }, 'then/0/type'],
        [{ name: 'x', kind: 'metric', when: { metric: 'topic_volume' }, then: [{ type: 'notify_webhook' }] }, 'when/topic'],
        [{ name: 'x', kind: 'metric', when: { metric: 'nps', op: 'lt', value: 1, window_days: 400 }, then: [{ type: 'notify_webhook' }] }, 'when/window_days'],
        [{ name: 'x', kind: 'sla_breach', when: { sla: 'sometime' }, then: [{ type: 'notify_webhook' }] }, 'when/sla'],
        [{ name: 'x', kind: 'weather', when: {}, then: [{ type: 'notify_webhook' }] }, 'kind'],
      ]) {
        const response = await clients.admin.post(`${base}/rules`, body);
        expectProblem(assert, response, 400);
        assert.ok(response.json.errors.some((error) => error.field === field), `${field}: ${response.text}`);
      }
      const rule = await clients.admin.post(`${base}/rules`, {
        name: 'NPS under water', kind: 'metric',
        when: { metric: 'nps', op: 'lt', value: 0, window_days: 7, min_n: 3 },
        then: [{ type: 'notify_webhook' }],
      });
      assert.equal(rule.status, 201, rule.text);
      assert.equal(rule.json.kind, 'metric');
      const survey = await clients.analyst.post(`${base}/surveys`, { template: 'nps', name: 'Watch NPS' });
      const published = (await clients.analyst.post(`${base}/surveys/${survey.json.id}/publish`)).json;
      const respond = async (nps, ip) => {
        const submitted = await fetch(`${server.base}/api/v1/public/surveys/${published.id}/responses`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ answers: { nps }, channel: 'link' }),
        });
        assert.equal(submitted.status, 201, await submitted.text());
      };
      await respond(1, '10.7.0.1');
      await respond(2, '10.7.0.2');
      await sleep(2500);
      assert.equal(alerts(rule.json.id).length, 0, 'two answers are under min_n');
      await respond(0, '10.7.0.3');
      await receiver.waitFor(() => alerts(rule.json.id).length >= 1, 20000, 'the NPS alert');
      await respond(3, '10.7.0.4');
      await sleep(3000);  // several watch runs while it still holds
      assert.equal(alerts(rule.json.id).length, 1, 'one alert while the condition holds');
      const data = alerts(rule.json.id)[0].json.data;
      assert.equal(data.metric.name, 'nps');
      assert.equal(data.metric.value, -100);
      assert.equal(data.metric.n, 3);
      assert.match(data.summary, /nps over the last 7 days: -100\.0 from 3/);
      assert.ok(alerts(rule.json.id)[0].valid, 'signed');
      const stored = (await clients.admin.get(`${base}/rules/${rule.json.id}`)).json;
      assert.equal(stored.fired_count, 1);
      await clients.admin.patch(`${base}/rules/${rule.json.id}`, { enabled: false });
    });

    test('a topic spike against its usual level alerts once', async () => {
      const probe = await clients.agent.post(`${base}/feedback`, { channel: 'chat', text: 'Giao hàng quá chậm, chờ cả tuần' });
      assert.equal(probe.status, 201, probe.text);
      const topic = probe.json.analysis?.topics?.[0];
      assert.ok(topic, `the analysis found a topic: ${probe.text}`);
      const rule = await clients.admin.post(`${base}/rules`, {
        name: 'Delivery spike', kind: 'metric',
        when: { metric: 'topic_volume', topic, window_days: 1, min_n: 4, spike: { factor: 2, baseline_windows: 3 } },
        then: [{ type: 'notify_webhook' }],
      });
      assert.equal(rule.status, 201, rule.text);
      await sleep(2500);
      assert.equal(alerts(rule.json.id).length, 0, 'one item is no spike');
      const batch = await clients.agent.post(`${base}/feedback`, {
        items: ['Giao hàng chậm quá', 'Đơn hàng giao trễ ba ngày', 'Giao hàng lâu, shipper không gọi'].map((text) => ({ channel: 'chat', text })),
      });
      assert.equal(batch.status, 201, batch.text);
      const counted = batch.json.items.filter((item) => item.analysis?.topics?.includes(topic)).length;
      assert.ok(counted >= 3, `the batch is about ${topic}: ${JSON.stringify(batch.json.items.map((item) => item.analysis?.topics))}`);
      await receiver.waitFor(() => alerts(rule.json.id).length >= 1, 20000, 'the spike alert');
      await sleep(2500);
      assert.equal(alerts(rule.json.id).length, 1);
      const data = alerts(rule.json.id)[0].json.data;
      assert.equal(data.metric.topic, topic);
      assert.ok(data.metric.count >= 4);
      assert.equal(data.metric.baseline, 0);
      await clients.admin.patch(`${base}/rules/${rule.json.id}`, { enabled: false });
    });

    test('a missed first response is marked once and escalated by an sla_breach rule', async () => {
      const escalate = await clients.admin.post(`${base}/rules`, {
        name: 'Escalate', kind: 'sla_breach', when: { sla: 'first_response' },
        then: [{ type: 'assign', user_id: leadId }, { type: 'set_priority', priority: 'urgent' }, { type: 'tag', tags: ['escalated'] },
          { type: 'notify_webhook' }],
      });
      assert.equal(escalate.status, 201, escalate.text);
      const item = await clients.agent.post(`${base}/feedback`, { channel: 'email', text: 'Không ai trả lời tôi', customer: { external_id: 'late-1' } });
      const opened = await clients.agent.post(`${base}/cases`, { title: 'Nobody answered', feedback_ids: [item.json.id],
        assignee_id: leadId });
      assert.equal(opened.status, 201, opened.text);
      const other = await clients.agent.post(`${base}/cases`, { title: 'On time' });
      assert.equal(other.status, 201, other.text);
      assert.equal(opened.json.first_response_breached_at, null);
      sql(server, `UPDATE cases SET first_response_due_at = 1000 WHERE id = ${opened.json.id}`);

      const breaches = () => receiver.requests.filter((request) => request.endpoint === 'watch' && request.json?.type === 'case.sla_breached');
      await receiver.waitFor(() => breaches().length >= 1 && alerts(escalate.json.id).length >= 1, 20000, 'the breach');
      await sleep(2500);
      assert.equal(breaches().length, 1, 'each due time is missed once');
      assert.equal(breaches()[0].json.data.id, opened.json.id);
      assert.equal(breaches()[0].json.data.sla, 'first_response');
      assert.equal(alerts(escalate.json.id).length, 1);
      const after = (await clients.agent.get(`${base}/cases/${opened.json.id}`)).json;
      assert.ok(after.first_response_breached_at);
      assert.equal(after.assignee_id, leadId);
      assert.equal(after.priority, 'urgent');
      assert.ok(after.tags.includes('escalated'));
      const kinds = after.history.map((event) => event.kind);
      assert.ok(kinds.includes('sla_breached'), kinds.join());
      assert.equal(after.history.find((event) => event.kind === 'changed' && event.actor_type === 'rule')?.actor_id, escalate.json.id);
      const untouched = (await clients.agent.get(`${base}/cases/${other.json.id}`)).json;
      assert.equal(untouched.first_response_breached_at, null);
      assert.equal(untouched.priority, other.json.priority);
      const overdue = (await clients.agent.get(`${base}/cases?sla=overdue`)).json.items.map((entry) => entry.id);
      assert.ok(!overdue.includes(other.json.id));
      // The assignee was told in the dashboard: assigned, then the missed time.
      const session = await login(server.base, 'lead@shop.vn', 'correct horse battery');
      const told = (await new Client(server.base, { cookie: session.cookie }).get(`${base}/notifications`)).json.items
        .filter((entry) => entry.link.endsWith(`/cases/${opened.json.id}`)).map((entry) => [entry.kind, entry.title]);
      assert.deepEqual(told, [['case.sla_breached', 'Nobody answered'],
        ['case.assigned', 'Nobody answered']]);
    });
  });
}
