// Rules and cases end to end, on both databases: rules over the API (the contract, roles, bad
// input); a detractor's survey response fires a rule that opens, assigns and tags a case and
// sends alert.fired; the agent works the case (versions, transitions, notes) and every
// case.* event reaches a real webhook receiver once with a valid signature; a customer's
// second complaint joins their open case; a spike of matches sends one alert; e-mail alerts
// reach a real SMTP sink; the queue's filters, bulk changes and cases opened by hand.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends, admin } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';
import { WebhookReceiver } from './lib/webhook_receiver.mjs';
import { SmtpSink } from './lib/smtp_sink.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends()) {
  describe(`rules and cases on ${backend}`, () => {
    let server;
    let receiver;
    let sink;
    let workspace;
    let clients;
    let base;
    let agentId;
    let viewerId;

    before(async () => {
      sink = await new SmtpSink().start();
      server = await new VoxloopServer({
        backend,
        extraArgs: ['--webhook-retry-base-ms', '200', '--smtp-url', sink.url, '--mail-from', 'Voxloop <alerts@shop.vn>',
          '--public-url', 'https://cx.shop.vn'],
      }).start();
      let tokens;
      ({ workspace, tokens } = provision(server));
      clients = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      base = `/api/v1/workspaces/${workspace}`;
      agentId = admin(server, ['create-user', '--email', 'agent@shop.vn', '--role', 'agent', '--workspace', workspace,
        '--name', 'Trần Minh'], 'correct horse battery\n');
      viewerId = admin(server, ['create-user', '--email', 'viewer@shop.vn', '--role', 'viewer', '--workspace', workspace],
        'correct horse battery\n');
      receiver = await new WebhookReceiver().start();
    });
    after(async () => {
      await server?.stop();
      server?.cleanup();
      await receiver?.stop();
      await sink?.stop();
    });

    const requestsOf = (endpoint, type) => receiver.requests.filter((request) => request.endpoint === endpoint && request.json?.type === type);
    const subscribe = async (name, events) => {
      const created = await clients.admin.post(`${base}/webhooks`, { url: receiver.endpoint(name), events });
      assert.equal(created.status, 201, created.text);
      receiver.secrets[name] = created.json.secret;
      return created.json;
    };
    const createRule = async (rule) => {
      const created = await clients.admin.post(`${base}/rules`, rule);
      assert.equal(created.status, 201, created.text);
      return created.json;
    };
    const disable = async (rule) => {
      const changed = await clients.admin.patch(`${base}/rules/${rule.id}`, { enabled: false });
      assert.equal(changed.status, 200, changed.text);
    };
    const publishNps = async (name) => {
      const survey = await clients.analyst.post(`${base}/surveys`, { template: 'nps', name });
      assert.equal(survey.status, 201, survey.text);
      const published = await clients.analyst.post(`${base}/surveys/${survey.json.id}/publish`);
      assert.equal(published.status, 200, published.text);
      return published.json.id;
    };
    const respond = async (surveyId, answers, ip) => {
      const submitted = await fetch(`${server.base}/api/v1/public/surveys/${surveyId}/responses`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ answers, channel: 'link' }),
      });
      const text = await submitted.text();
      assert.equal(submitted.status, 201, text);
      return JSON.parse(text);
    };

    test('rules: the contract, who may manage them, and bad input', async () => {
      const rule = await createRule({
        name: 'Angry enterprise customers',
        when: { all: [{ field: 'sentiment.label', op: 'eq', value: 'negative' },
          { any: [{ field: 'customer.plan', op: 'eq', value: 'enterprise' }, { field: 'text', op: 'contains', value: 'hủy' }] }] },
        then: [{ type: 'create_case' }, { type: 'notify_email', to: ['lead@shop.vn'] }],
        enabled: false,
      });
      assert.match(rule.id, /^\d+$/);
      assert.equal(rule.enabled, false);
      assert.equal(rule.when.all.length, 2);
      assert.deepEqual(rule.then.map((action) => action.type), ['create_case', 'notify_email']);
      assert.equal(rule.fired_count, 0);
      const listed = await clients.analyst.get(`${base}/rules`);
      assert.equal(listed.status, 200, listed.text);
      assert.ok(listed.json.items.some((item) => item.id === rule.id));
      const renamed = await clients.owner.patch(`${base}/rules/${rule.id}`, { name: 'Angry key accounts', throttle_minutes: 30 });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.json.name, 'Angry key accounts');
      assert.equal(renamed.json.throttle_minutes, 30);
      assert.deepEqual(renamed.json.when, rule.when, 'a change keeps what it does not name');

      expectProblem(assert, await clients.analyst.post(`${base}/rules`, { name: 'x', when: { all: [] }, then: [{ type: 'create_case' }] }), 403);
      expectProblem(assert, await clients.agent.get(`${base}/rules`), 403);
      expectProblem(assert, await clients.viewer.get(`${base}/rules/${rule.id}`), 403);
      expectProblem(assert, await clients.analyst.delete(`${base}/rules/${rule.id}`), 403);
      expectProblem(assert, await new Client(server.base).get(`${base}/rules`), 401);

      const good = { name: 'ok', when: { all: [{ field: 'rating', op: 'lte', value: 2 }] }, then: [{ type: 'create_case' }] };
      const bad = [
        [{ ...good, name: undefined }, 'name'],
        [{ ...good, when: undefined }, 'when'],
        [{ ...good, when: { all: [{ field: 'colour', op: 'eq', value: 'red' }] } }, 'when/all/0/field'],
        [{ ...good, when: { any: [{ all: [{ field: 'rating', op: 'near', value: 1 }] }] } }, 'when/any/0/all/0/op'],
        [{ ...good, then: [] }, 'then'],
        [{ ...good, then: [{ type: 'launch_rocket' }] }, 'then/0/type'],
        [{ ...good, then: [{ type: 'notify_email', to: ['not an address'] }] }, 'then/0/to/0'],
        [{ ...good, then: [{ type: 'set_priority', priority: 'extreme' }] }, 'then/0/priority'],
        [{ ...good, then: [{ type: 'assign' }] }, 'then/0/user_id'],
        [{ ...good, then: [{ type: 'notify_webhook', url: 'ftp://chat' }] }, 'then/0/url'],
        [{ ...good, throttle_minutes: -1 }, 'throttle_minutes'],
        [{ ...good, quiet_hours: { start: '25:00', end: '07:00' } }, 'quiet_hours/start'],
        [{ ...good, colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of bad) {
        const response = await clients.admin.post(`${base}/rules`, body);
        expectProblem(assert, response, 400);
        assert.ok(response.json.errors.some((error) => error.field === field), `${field}: ${response.text}`);
      }
      const newline = await clients.admin.post(`${base}/rules`, { ...good, name: 'two\nlines' });
      expectProblem(assert, newline, 400);
      assert.equal(newline.json.errors[0].field, 'name');

      // A chat webhook URL is a secret: managers see it, readers see its host.
      const chat = await createRule({ ...good, name: 'To the channel', enabled: false,
        then: [{ type: 'notify_webhook', url: 'https://hooks.slack.com/services/T000/B000/XXXX' }] });
      assert.equal(chat.then[0].url, 'https://hooks.slack.com/services/T000/B000/XXXX');
      const seen = await clients.analyst.get(`${base}/rules/${chat.id}`);
      assert.equal(seen.json.then[0].url, 'https://hooks.slack.com/…');
      assert.ok(!seen.text.includes('XXXX'));
      expectProblem(assert, await clients.admin.post(`${base}/rules`, { ...good,
        then: [{ type: 'notify_webhook', url: 'https://user:pw@hooks.example/x' }] }), 400);
      await clients.admin.delete(`${base}/rules/${chat.id}`);

      const before = (await clients.admin.get(`${base}/rules`)).json.items.length;
      expectProblem(assert, await clients.admin.patch(`${base}/rules/${rule.id}`, { then: [{ type: 'tag' }] }), 400);
      assert.equal((await clients.admin.get(`${base}/rules/${rule.id}`)).json.name, 'Angry key accounts', 'a refused change changes nothing');
      expectProblem(assert, await clients.admin.get(`${base}/rules/999999`), 404);
      const deleted = await clients.admin.delete(`${base}/rules/${rule.id}`);
      assert.equal(deleted.status, 204, deleted.text);
      assert.equal((await clients.admin.get(`${base}/rules`)).json.items.length, before - 1);
    });

    test('a detractor fires the rule: a case opened, assigned and tagged, alert.fired and case events signed, once', async () => {
      const webhook = await subscribe('loop', ['case.created', 'case.updated', 'case.resolved', 'alert.fired']);
      const rule = await createRule({
        name: 'Detractors to support',
        when: { all: [{ field: 'nps', op: 'lte', value: 6 }] },
        then: [{ type: 'create_case', team: 'support' }, { type: 'assign', user_id: agentId }, { type: 'tag', tags: ['detractor'] },
          { type: 'notify_webhook' }],
      });
      const surveyId = await publishNps('Loop NPS');
      const promoter = await respond(surveyId, { nps: 10, reason: 'Tuyệt vời' }, '10.1.0.1');
      const detractor = await respond(surveyId, { nps: 2, reason: 'Giao hàng quá chậm, tôi rất thất vọng' }, '10.1.0.2');
      assert.equal(detractor.feedback_ids?.length ?? 1, 1);

      await receiver.waitFor(() => requestsOf('loop', 'case.created').length >= 1 && requestsOf('loop', 'alert.fired').length >= 1,
        20000, 'case.created and alert.fired');
      const listed = await clients.agent.get(`${base}/cases?assignee=${agentId}`);
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.json.items.length, 1, 'the promoter opened no case');
      const opened = listed.json.items[0];
      assert.equal(opened.status, 'new');
      assert.equal(opened.team, 'support');
      assert.equal(opened.assignee_id, agentId);
      assert.equal(opened.rule_id, rule.id);
      assert.deepEqual(opened.tags, ['detractor']);
      assert.equal(opened.response_id, detractor.id);
      assert.equal(opened.feedback_item_ids.length, 1, JSON.stringify(opened));
      assert.ok(['normal', 'high', 'urgent'].includes(opened.priority), opened.priority);
      assert.ok(opened.priority_score >= 20, `an NPS of 2 scores at least 20: ${opened.priority_score}`);
      assert.ok(Date.parse(opened.first_response_due_at) > Date.parse(opened.created_at));
      assert.ok(Date.parse(opened.resolution_due_at) > Date.parse(opened.first_response_due_at));
      // The item itself carries the rule's tag.
      const item = await clients.agent.get(`${base}/feedback/${opened.feedback_item_ids[0]}`);
      assert.equal(item.status, 200, item.text);
      assert.ok(item.json.tags.includes('detractor'), JSON.stringify(item.json.tags));
      assert.equal(item.json.response_id ?? detractor.id, detractor.id);
      assert.ok(!promoter.feedback_ids || !opened.feedback_item_ids.includes(promoter.feedback_ids[0]));

      const alert = requestsOf('loop', 'alert.fired')[0].json.data;
      assert.equal(alert.rule.id, rule.id);
      assert.equal(alert.case_id, opened.id);
      assert.equal(alert.response_id, detractor.id);
      assert.match(alert.summary, /NPS of 2/);

      // The agent works it: open, a note, waiting on the customer, resolved.
      const stale = opened.version;
      const working = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'open', version: opened.version });
      assert.equal(working.status, 200, working.text);
      assert.equal(working.json.status, 'open');
      assert.equal(working.json.version, opened.version + 1);
      expectProblem(assert, await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'resolved', version: stale }), 409);
      const note = await clients.agent.post(`${base}/cases/${opened.id}/notes`, { text: 'Gọi lại cho khách lúc 15h' });
      assert.equal(note.status, 201, note.text);
      const waiting = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'waiting_on_customer', priority: 'urgent' });
      assert.equal(waiting.status, 200, waiting.text);
      assert.equal(waiting.json.priority, 'urgent');
      assert.equal(waiting.json.priority_manual, true);
      assert.ok(waiting.json.first_responded_at, 'waiting on the customer means they were answered');
      const resolved = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'resolved' });
      assert.equal(resolved.status, 200, resolved.text);
      assert.ok(resolved.json.resolved_at);
      const refused = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'open' });
      expectProblem(assert, refused, 400);
      assert.equal(refused.json.errors[0].field, 'status');
      expectProblem(assert, await clients.viewer.patch(`${base}/cases/${opened.id}`, { status: 'closed' }), 403);
      expectProblem(assert, await clients.viewer.post(`${base}/cases/${opened.id}/notes`, { text: 'x' }), 403);
      expectProblem(assert, await clients.agent.patch(`${base}/cases/${opened.id}`, { assignee_id: viewerId }), 400);

      const detail = await clients.analyst.get(`${base}/cases/${opened.id}`);
      expectProblem(assert, await clients.viewer.get(`${base}/cases/${opened.id}`), 403);
      assert.equal(detail.status, 200, detail.text);
      assert.deepEqual(detail.json.history.map((event) => event.kind), ['created', 'changed', 'note', 'changed', 'changed']);
      assert.equal(detail.json.history[0].actor_type, 'rule');
      assert.equal(detail.json.history[2].data.text, 'Gọi lại cho khách lúc 15h');
      assert.deepEqual(detail.json.history[4].data.changes.status, ['waiting_on_customer', 'resolved']);

      await receiver.waitFor(() => requestsOf('loop', 'case.resolved').length >= 1 && requestsOf('loop', 'case.updated').length >= 3,
        20000, 'case.updated ×3 and case.resolved');
      await sleep(400);
      const events = receiver.requests.filter((request) => request.endpoint === 'loop');
      assert.equal(requestsOf('loop', 'case.created').length, 1);
      assert.equal(requestsOf('loop', 'alert.fired').length, 1);
      assert.equal(requestsOf('loop', 'case.updated').length, 3);
      assert.equal(requestsOf('loop', 'case.resolved').length, 1);
      for (const request of events) assert.ok(request.valid, `bad signature on ${request.id}`);
      assert.equal(new Set(events.map((request) => request.id)).size, events.length, 'each event once');
      // Deliveries are not ordered (two job workers); the case's version orders them.
      const updates = requestsOf('loop', 'case.updated').map((request) => request.json.data).sort((a, b) => a.version - b.version);
      assert.deepEqual(updates.map((data) => data.status), ['open', 'waiting_on_customer', 'resolved']);
      assert.deepEqual(updates[0].changes.status, ['new', 'open']);
      assert.deepEqual(requestsOf('loop', 'case.resolved')[0].json.data.feedback_item_ids, opened.feedback_item_ids);

      const fired = await clients.admin.get(`${base}/rules/${rule.id}`);
      assert.equal(fired.json.fired_count, 1);
      await disable(rule);
      await clients.admin.delete(`${base}/webhooks/${webhook.id}`);
    });

    test("a customer's second complaint joins their open case; enterprise customers rank higher", async () => {
      const rule = await createRule({
        name: 'Enterprise complaints',
        when: { all: [{ field: 'customer.plan', op: 'eq', value: 'enterprise' }, { field: 'rating', op: 'lte', value: 2 }] },
        then: [{ type: 'create_case', title: 'Enterprise complaint' }],
      });
      const customer = { external_id: 'acme-42', email: 'lan@acme.vn', attributes: { plan: 'enterprise' } };
      const first = await clients.agent.post(`${base}/feedback`, { channel: 'email', text: 'The invoice is wrong again', rating: 1, customer });
      assert.equal(first.status, 201, first.text);
      const other = await clients.agent.post(`${base}/feedback`, {
        channel: 'email', text: 'Bad', rating: 1, customer: { external_id: 'small-1', attributes: { plan: 'free' } },
      });
      assert.equal(other.status, 201, other.text);
      const second = await clients.agent.post(`${base}/feedback`, { channel: 'chat', text: 'Still nobody called me back', rating: 2, customer });
      assert.equal(second.status, 201, second.text);

      const cases = (await clients.agent.get(`${base}/cases?status=new`)).json.items.filter((item) => item.rule_id === rule.id);
      assert.equal(cases.length, 1, JSON.stringify(cases));
      const [joined] = cases;
      assert.equal(joined.title, 'Enterprise complaint');
      assert.equal(joined.customer_id, first.json.customer_id);
      assert.deepEqual([...joined.feedback_item_ids].sort(), [first.json.id, second.json.id].sort());
      assert.ok(joined.priority_score >= 50, `a rating of 1 from an enterprise customer: ${joined.priority_score}`);
      assert.ok(['high', 'urgent'].includes(joined.priority));
      const detail = (await clients.agent.get(`${base}/cases/${joined.id}`)).json;
      assert.deepEqual(detail.history.map((event) => event.kind), ['created', 'items_added']);
      assert.equal((await clients.admin.get(`${base}/rules/${rule.id}`)).json.fired_count, 2);
      await disable(rule);
    });

    test('a spike sends one alert, not one per item; e-mail alerts reach the SMTP sink', async () => {
      await subscribe('spike', ['alert.fired']);
      const rule = await createRule({
        name: 'Payment failures',
        when: { any: [{ field: 'text', op: 'contains', value: 'thanh toan loi' }] },
        then: [{ type: 'notify_webhook' }, { type: 'notify_email', to: ['oncall@shop.vn'] }],
        throttle_minutes: 60,
      });
      const batch = await clients.agent.post(`${base}/feedback`, {
        items: Array.from({ length: 12 }, (_, index) => ({ channel: 'chat', text: `Thanh toán lỗi lần ${index + 1}` })),
      });
      assert.equal(batch.status, 201, batch.text);
      const more = await clients.agent.post(`${base}/feedback`, { channel: 'chat', text: 'THANH TOÁN LỖI nữa rồi' });
      assert.equal(more.status, 201, more.text);
      await receiver.waitFor(() => requestsOf('spike', 'alert.fired').length >= 1, 20000, 'alert.fired');
      const mail = await sink.waitFor((message) => message.to.includes('oncall@shop.vn'), 20000);
      assert.equal(mail.subject, 'Voxloop alert: Payment failures');
      assert.match(mail.text, /Thanh toán lỗi/);
      await sleep(800);
      assert.equal(requestsOf('spike', 'alert.fired').length, 1, 'one alert for the spike');
      assert.equal(sink.messages().filter((message) => message.to.includes('oncall@shop.vn')).length, 1, 'one e-mail');
      const stats = (await clients.admin.get(`${base}/rules/${rule.id}`)).json;
      assert.equal(stats.fired_count, 13);
      assert.ok(stats.last_notified_at);
      await disable(rule);
    });

    test('the queue: filters, bulk changes, cases by hand, bad input', async () => {
      const item = await clients.agent.post(`${base}/feedback`, {
        channel: 'phone', text: 'Nhân viên thô lỗ', rating: 1, customer: { external_id: 'walk-in-7' },
      });
      assert.equal(item.status, 201, item.text);
      const byHand = await clients.agent.post(`${base}/cases`, {
        title: 'Rude staff at Hoàn Kiếm', feedback_ids: [item.json.id], priority: 'high', team: 'stores', tags: ['store'],
      });
      assert.equal(byHand.status, 201, byHand.text);
      assert.equal(byHand.json.priority, 'high');
      assert.equal(byHand.json.priority_manual, true);
      assert.equal(byHand.json.customer_id, item.json.customer_id);
      assert.deepEqual(byHand.json.feedback_item_ids, [item.json.id]);
      assert.equal(byHand.json.history[0].actor_type, 'token');

      const twice = await clients.agent.post(`${base}/cases`, { title: 'Twice', feedback_ids: [item.json.id, item.json.id] });
      assert.equal(twice.status, 201, twice.text);
      assert.deepEqual(twice.json.feedback_item_ids, [item.json.id], 'each item once');
      await clients.agent.patch(`${base}/cases/${twice.json.id}`, { status: 'closed' });
      expectProblem(assert, await clients.agent.post(`${base}/cases`, { title: 'line\r\nbreak' }), 400);

      // Two rules on one anonymous item open one case between them.
      const ruleA = await createRule({ name: 'A', when: { all: [{ field: 'text', op: 'contains', value: 'hai quy tac' }] },
        then: [{ type: 'create_case' }, { type: 'tag', tags: ['a'] }] });
      const ruleB = await createRule({ name: 'B', when: { all: [{ field: 'text', op: 'contains', value: 'hai quy tac' }] },
        then: [{ type: 'set_priority', priority: 'urgent' }, { type: 'tag', tags: ['b'] }] });
      const both = await clients.agent.post(`${base}/feedback`, { channel: 'chat', text: 'Hai quy tắc cùng lúc' });
      assert.equal(both.status, 201, both.text);
      const joint = (await clients.agent.get(`${base}/cases?status=active&limit=200`)).json.items
        .filter((entry) => entry.feedback_item_ids.includes(both.json.id));
      assert.equal(joint.length, 1, JSON.stringify(joint));
      assert.equal(joint[0].priority, 'urgent');
      assert.deepEqual(joint[0].tags, ['a', 'b']);
      const tagged = (await clients.agent.get(`${base}/feedback/${both.json.id}`)).json;
      assert.deepEqual(tagged.tags, ['a', 'b']);
      for (const rule of [ruleA, ruleB]) await disable(rule);
      await clients.agent.patch(`${base}/cases/${joint[0].id}`, { status: 'closed' });

      const team = await clients.analyst.get(`${base}/cases?team=stores&status=active`);
      expectProblem(assert, await clients.viewer.get(`${base}/cases`), 403);
      assert.equal(team.status, 200, team.text);
      assert.deepEqual(team.json.items.map((entry) => entry.id), [byHand.json.id]);
      const unassigned = (await clients.agent.get(`${base}/cases?assignee=none&priority=high`)).json.items;
      assert.ok(unassigned.some((entry) => entry.id === byHand.json.id));
      assert.equal((await clients.agent.get(`${base}/cases?sla=overdue`)).json.items.length, 0, 'nothing is overdue yet');
      const breaching = (await clients.agent.get(`${base}/cases?sla=breaching&within_minutes=10080`)).json.items;
      assert.ok(breaching.some((entry) => entry.id === byHand.json.id), 'due within a week');
      const page = await clients.agent.get(`${base}/cases?limit=1`);
      assert.equal(page.json.items.length, 1);
      assert.ok(page.json.next_cursor);
      const next = await clients.agent.get(`${base}/cases?limit=1&cursor=${page.json.next_cursor}`);
      assert.notEqual(next.json.items[0].id, page.json.items[0].id);

      const all = (await clients.agent.get(`${base}/cases?status=active&limit=200`)).json.items;
      const closedOne = all.find((entry) => entry.id !== byHand.json.id);
      const bulk = await clients.agent.post(`${base}/cases/bulk`, {
        ids: [byHand.json.id, closedOne?.id ?? byHand.json.id, '424242'], patch: { assignee_id: agentId, add_tags: ['triaged'] },
      });
      assert.equal(bulk.status, 200, bulk.text);
      assert.deepEqual(bulk.json.items.map((entry) => entry.ok), [true, true, false]);
      assert.equal(bulk.json.items[2].error.status, 404);
      assert.deepEqual(bulk.json.items[0].case.tags, ['store', 'triaged']);
      const mine = (await clients.agent.get(`${base}/cases?assignee=${agentId}&status=active`)).json.items;
      assert.ok(mine.some((entry) => entry.id === byHand.json.id));
      const unassign = await clients.agent.patch(`${base}/cases/${byHand.json.id}`, { assignee_id: null });
      assert.equal(unassign.json.assignee_id, null);
      const auto = await clients.agent.patch(`${base}/cases/${byHand.json.id}`, { priority: 'auto' });
      assert.equal(auto.json.priority_manual, false);

      for (const [path, body, field] of [
        ['cases', { feedback_ids: [item.json.id] }, 'title'],
        ['cases', { title: 'x', feedback_ids: ['999999'] }, 'feedback_ids/0'],
        ['cases', { title: 'x', priority: 'extreme' }, 'priority'],
        ['cases', { title: 'x', assignee_id: viewerId }, 'assignee_id'],
        ['cases', { title: 'x', colour: 1 }, 'colour'],
        ['cases/bulk', { ids: [], patch: {} }, 'ids'],
        ['cases/bulk', { ids: [byHand.json.id], patch: { status: 'exploded' } }, 'status'],
      ]) {
        const response = await clients.agent.post(`${base}/${path}`, body);
        if (path === 'cases/bulk' && field === 'status') {
          assert.equal(response.status, 200, response.text);
          assert.equal(response.json.items[0].error.errors[0].field, 'status');
          continue;
        }
        expectProblem(assert, response, 400);
        assert.ok(response.json.errors.some((error) => error.field === field), `${field}: ${response.text}`);
      }
      for (const query of ['status=lost', 'assignee=someone', 'priority=extreme', 'sla=late', 'limit=0']) {
        const response = await clients.agent.get(`${base}/cases?${query}`);
        assert.equal(response.status, 400, `${query}: ${response.text}`);
        expectProblem(assert, response, 400);
      }
      expectProblem(assert, await clients.agent.patch(`${base}/cases/${byHand.json.id}`, { version: 'one' }), 400);
      expectProblem(assert, await clients.agent.get(`${base}/cases/31337`), 404);
      expectProblem(assert, await clients.analyst.post(`${base}/cases`, { title: 'x' }), 403);
      expectProblem(assert, await new Client(server.base).get(`${base}/cases`), 401);
      const after = (await clients.agent.get(`${base}/cases/${byHand.json.id}`)).json;
      assert.equal(after.status, 'new', 'refused changes changed nothing');
    });
  });
}
