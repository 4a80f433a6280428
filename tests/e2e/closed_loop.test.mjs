// The closed loop end to end, on both databases, against a real SMTP sink and a real webhook
// receiver: a detractor's response fires a rule that opens and assigns a case; the agent
// replies from the case and the mail reaches the customer with the case's reply address;
// the customer's answer, posted by a mail relay to the inbound endpoint, lands on the case
// and opens it again; resolving sends the follow-up, whose page takes the customer's answer
// (a bad one reopens the case); the closed-loop figures count it all; every case event
// reaches the receiver once, signed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends, admin } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';
import { WebhookReceiver } from './lib/webhook_receiver.mjs';
import { SmtpSink } from './lib/smtp_sink.mjs';

const INBOUND_SECRET = 'relay-secret-0123456789';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends()) {
  describe(`the closed loop on ${backend}`, () => {
    let server;
    let receiver;
    let sink;
    let workspace;
    let clients;
    let base;
    let agentId;

    before(async () => {
      sink = await new SmtpSink().start();
      server = await new VoxloopServer({
        backend,
        extraArgs: ['--webhook-retry-base-ms', '200', '--smtp-url', sink.url, '--mail-from', 'Phở Thìn <cskh@phothin.vn>',
          '--reply-domain', 'reply.phothin.vn', '--inbound-secret', INBOUND_SECRET],
      }).start();
      let tokens;
      ({ workspace, tokens } = provision(server));
      clients = Object.fromEntries(Object.entries(tokens).map(([role, token]) => [role, new Client(server.base, { token })]));
      base = `/api/v1/workspaces/${workspace}`;
      agentId = admin(server, ['create-user', '--email', 'minh@phothin.vn', '--role', 'agent', '--workspace', workspace],
        'correct horse battery\n');
      receiver = await new WebhookReceiver().start();
    });
    after(async () => {
      await server?.stop();
      server?.cleanup();
      await receiver?.stop();
      await sink?.stop();
    });

    const inbound = (body, secret = INBOUND_SECRET) => fetch(`${server.base}/api/v1/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body: JSON.stringify(body),
    });
    const caseOf = async (id) => (await clients.agent.get(`${base}/cases/${id}`)).json;

    test('detractor → case → reply → customer answer → resolve → follow-up → reopen → figures', async () => {
      const hook = await clients.admin.post(`${base}/webhooks`, { url: receiver.endpoint('loop'), events: ['case.created', 'case.updated', 'case.resolved'] });
      assert.equal(hook.status, 201, hook.text);
      receiver.secrets.loop = hook.json.secret;
      const rule = await clients.admin.post(`${base}/rules`, {
        name: 'Detractors', when: { all: [{ field: 'nps', op: 'lte', value: 6 }] },
        then: [{ type: 'create_case', title: 'Khách không hài lòng' }, { type: 'assign', user_id: agentId }],
      });
      assert.equal(rule.status, 201, rule.text);
      const survey = await clients.analyst.post(`${base}/surveys`, { template: 'nps', name: 'Loop' });
      const published = (await clients.analyst.post(`${base}/surveys/${survey.json.id}/publish`)).json;
      const submitted = await fetch(`${server.base}/api/v1/public/surveys/${published.id}/responses`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.3.0.1' },
        body: JSON.stringify({ answers: { nps: 3, reason: 'Phở nguội, phục vụ chậm' }, channel: 'link',
          customer: { email: 'lan@example.vn', name: 'Nguyễn Thị Lan' } }),
      });
      assert.equal(submitted.status, 201, await submitted.text());

      const queue = (await clients.agent.get(`${base}/cases?assignee=${agentId}&status=active`)).json.items;
      assert.equal(queue.length, 1);
      const opened = queue[0];
      assert.equal(opened.title, 'Khách không hài lòng');

      // The agent replies; the mail reaches the customer, answerable at the case's address.
      const reply = await clients.agent.post(`${base}/cases/${opened.id}/replies`, {
        text: 'Chào chị Lan, chúng tôi xin lỗi và gửi chị phiếu giảm giá.', status: 'waiting_on_customer',
      });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.json.direction, 'outbound');
      const mail = await sink.waitFor((message) => message.to.includes('lan@example.vn'), 20000);
      assert.equal(mail.subject, 'Re: Khách không hài lòng');
      assert.match(mail.text, /phiếu giảm giá/);
      const replyTo = mail.headers['reply-to'];
      assert.match(replyTo, /reply\+[0-9a-f]{32}@reply\.phothin\.vn/);
      const address = replyTo.match(/reply\+[0-9a-f]{32}@reply\.phothin\.vn/)[0];
      let current = await caseOf(opened.id);
      assert.equal(current.status, 'waiting_on_customer');
      assert.ok(current.first_responded_at);
      const sent = (await clients.agent.get(`${base}/cases/${opened.id}/messages`)).json.items;
      assert.equal(sent.length, 1);
      for (let i = 0; i < 50 && (await clients.agent.get(`${base}/cases/${opened.id}/messages`)).json.items[0].status !== 'sent'; i += 1) await sleep(100);
      assert.equal((await clients.agent.get(`${base}/cases/${opened.id}/messages`)).json.items[0].status, 'sent');

      // The customer answers through the relay.
      const wrong = await inbound({ to: address, from: 'x@y.vn', text: 'x' }, 'wrong');
      assert.equal(wrong.status, 401);
      assert.match(wrong.headers.get('content-type'), /problem\+json/);
      const noSecret = await inbound({ to: address, from: 'x@y.vn', text: 'x' }, null);
      assert.equal(noSecret.status, 401);
      const unknown = await inbound({ to: 'reply+00000000000000000000000000000000@reply.phothin.vn', from: 'lan@example.vn', text: 'x' });
      assert.equal(unknown.status, 404);
      const badBody = await inbound({ to: address, text: 'no sender' });
      assert.equal(badBody.status, 400);
      assert.equal((await caseOf(opened.id)).history.filter((event) => event.kind === 'customer_replied').length, 0,
        'refused mail changed nothing');
      const answer = await inbound({
        to: [`Phở Thìn <${address}>`], from: 'Nguyễn Thị Lan <lan@example.vn>', subject: 'Re: Khách không hài lòng',
        text: 'Cảm ơn, nhưng tôi vẫn chưa nhận được phiếu.\n\nOn Mon, 7 Dec 2026 at 10:00, Phở Thìn wrote:\n> Chào chị Lan',
      });
      assert.equal(answer.status, 202, await answer.text());
      current = await caseOf(opened.id);
      assert.equal(current.status, 'open', 'a case waiting on the customer opens again');
      assert.ok(current.history.some((event) => event.kind === 'customer_replied' && event.actor_type === 'customer'));
      const conversation = (await clients.agent.get(`${base}/cases/${opened.id}/messages`)).json.items;
      assert.deepEqual(conversation.map((message) => message.direction), ['outbound', 'inbound']);
      assert.equal(conversation[1].body, 'Cảm ơn, nhưng tôi vẫn chưa nhận được phiếu.', 'the quoted history is cut off');
      const hidden = (await clients.analyst.get(`${base}/cases/${opened.id}/messages`)).json.items;
      assert.equal(hidden[1].body, null, 'without pii.read the conversation is not shown');
      assert.equal(hidden[1].body_hidden, true);
      expectProblem(assert, await clients.analyst.post(`${base}/cases/${opened.id}/replies`, { text: 'x' }), 403);
      expectProblem(assert, await clients.agent.post(`${base}/cases/${opened.id}/replies`, { text: '' }), 400);

      // Resolve with the follow-up; the customer says it is not solved: the case reopens.
      expectProblem(assert, await clients.agent.patch(`${base}/cases/${opened.id}`, { followup: true }), 400);
      const resolved = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'resolved', followup: true });
      assert.equal(resolved.status, 200, resolved.text);
      const followup = await sink.waitFor((message) => message.to.includes('lan@example.vn') && /solved/.test(message.subject), 20000);
      const link = followup.text.match(/http:\/\/127\.0\.0\.1:\d+\/f\/[0-9a-f]{32}/)[0];
      const page = await fetch(`${link}?solved=no`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
      const html = await page.text();
      assert.match(html, /Khách không hài lòng/);
      assert.match(html, /value="no" checked="checked"/);
      const answered = await fetch(link, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'solved=no&csat=2',
      });
      assert.equal(answered.status, 200);
      assert.match(await answered.text(), /mở lại|open again/);
      current = await caseOf(opened.id);
      assert.equal(current.status, 'reopened');
      const kinds = current.history.map((event) => event.kind);
      assert.ok(kinds.includes('followup_sent') && kinds.includes('followup_answered'), kinds.join());
      const again = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'solved=yes&csat=5' });
      assert.equal(again.status, 200);
      assert.equal((await caseOf(opened.id)).status, 'reopened', 'a second answer changes nothing');
      const token = link.split('/f/')[1];
      expectProblem(assert, await new Client(server.base).post(`/api/v1/public/followups/${token}`, { solved: true }), 409);
      expectProblem(assert, await new Client(server.base).post('/api/v1/public/followups/ffffffffffffffffffffffffffffffff', { solved: true }), 404);
      assert.equal((await fetch(`${server.base}/f/nope`)).status, 404);

      // Solved the second time, answered over JSON.
      const resolvedAgain = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'resolved', followup: true });
      assert.equal(resolvedAgain.status, 200, resolvedAgain.text);
      const second = await sink.waitFor((message) => message.to.includes('lan@example.vn') && /solved/.test(message.subject)
        && !message.text.includes(token), 20000);
      const secondToken = second.text.match(/\/f\/([0-9a-f]{32})/)[1];
      expectProblem(assert, await new Client(server.base).post(`/api/v1/public/followups/${secondToken}`, { solved: true, csat: 9 }), 400);
      const happy = await new Client(server.base).post(`/api/v1/public/followups/${secondToken}`, { solved: true, csat: 5 });
      assert.equal(happy.status, 200, happy.text);
      assert.deepEqual(happy.json, { answered: true, solved: true, csat: 5 });
      assert.equal((await caseOf(opened.id)).status, 'resolved');

      // The figures.
      const stats = await clients.analyst.get(`${base}/cases/stats`);
      assert.equal(stats.status, 200, stats.text);
      assert.equal(stats.json.detractors, 1);
      assert.equal(stats.json.detractor_cases, 1);
      assert.equal(stats.json.detractors_contacted, 1);
      assert.equal(stats.json.share_of_detractors_contacted, 1);
      assert.equal(stats.json.cases_opened, 1);
      assert.equal(stats.json.cases_resolved, 1);
      assert.ok(stats.json.median_first_response_minutes >= 0 && stats.json.median_first_response_minutes < 5);
      assert.equal(stats.json.followups_sent, 1, 'one case, its latest follow-up');
      assert.equal(stats.json.followups_answered, 1);
      assert.equal(stats.json.followups_solved, 1);
      assert.equal(stats.json.followup_csat, 5);
      expectProblem(assert, await clients.analyst.get(`${base}/cases/stats?from=yesterday`), 400);
      expectProblem(assert, await clients.viewer.get(`${base}/cases/stats`), 403);

      // Every case event once, signed; statuses in version order.
      await receiver.waitFor(() => receiver.requests.filter((request) => request.endpoint === 'loop' && request.json?.type === 'case.resolved').length >= 2,
        20000, 'two case.resolved');
      await sleep(500);
      const events = receiver.requests.filter((request) => request.endpoint === 'loop');
      for (const request of events) assert.ok(request.valid, `bad signature on ${request.id}`);
      assert.equal(new Set(events.map((request) => request.id)).size, events.length, 'each event once');
      const statuses = events.filter((request) => request.json.type === 'case.updated').map((request) => request.json.data)
        .sort((a, b) => a.version - b.version).map((data) => data.status);
      assert.deepEqual(statuses, ['waiting_on_customer', 'open', 'resolved', 'reopened', 'resolved']);
      const firstUpdate = events.filter((request) => request.json.type === 'case.updated').map((request) => request.json.data)
        .sort((a, b) => a.version - b.version)[0];
      assert.equal(firstUpdate.changes.first_responded_at[0], null, 'the reply is the first response, as a change');
      assert.ok(firstUpdate.changes.first_responded_at[1]);
      assert.equal(events.filter((request) => request.json.type === 'case.created').length, 1);

      // A follow-up left unanswered expires when the case is reopened: it asked about a state
      // that is gone. An answered one still says "answered already".
      assert.equal((await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'reopened' })).status, 200);
      const third = await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'resolved', followup: true });
      assert.equal(third.status, 200, third.text);
      const thirdMail = await sink.waitFor((message) => message.to.includes('lan@example.vn') && /solved/.test(message.subject)
        && !message.text.includes(token) && !message.text.includes(secondToken), 20000);
      const thirdToken = thirdMail.text.match(/\/f\/([0-9a-f]{32})/)[1];
      assert.equal((await fetch(`${server.base}/f/${thirdToken}`)).status, 200);
      assert.equal((await clients.agent.patch(`${base}/cases/${opened.id}`, { status: 'reopened' })).status, 200);
      assert.equal((await fetch(`${server.base}/f/${thirdToken}`)).status, 404);
      expectProblem(assert, await new Client(server.base).post(`/api/v1/public/followups/${thirdToken}`, { solved: true }), 404);
      assert.equal((await caseOf(opened.id)).status, 'reopened');
    });
  });
}
