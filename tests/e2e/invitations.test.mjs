// E-mail invitations end to end, on SQLite and on PostgreSQL: the real binary mails a real
// SMTP sink (tests/support/smtp_sink.py, aiosmtpd) on loopback. Customers get the survey in
// their language with the first question as one-click score links and List-Unsubscribe
// headers; a link followed from a received mail answers the survey (public API and the hosted
// page); the send's figures follow; a refused recipient counts as bounced and is never mailed
// again; unsubscribing stops reminders; reminders reach only non-responders; an unreachable
// mail server leaves the invitation queued for a retry; no mail server: sends are refused.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends, freePort } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';
import { SmtpSink } from './lib/smtp_sink.mjs';

const PUBLIC_URL = 'https://feedback.example.vn';
const BOUNCING = 'bounce@example.vn';

function decodeEntities(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// The one-click answer links of a mail's HTML body, as {url, token, question, value, lang}.
function scoreLinks(mail, surveyId) {
  const prefix = `${PUBLIC_URL}/s/${surveyId}?`;
  return [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => decodeEntities(m[1]))
    .filter((href) => href.startsWith(prefix) && href.includes('v='))
    .map((href) => {
      const params = new URL(href).searchParams;
      return { url: href, token: params.get('t'), question: params.get('q'), value: params.get('v'), lang: params.get('lang') };
    });
}

// The token of the mail's List-Unsubscribe URL.
function unsubscribeToken(mail) {
  const match = /^<https:\/\/feedback\.example\.vn\/u\/([A-Za-z0-9_-]+)>$/.exec(mail.headers['list-unsubscribe'] ?? '');
  assert.ok(match, `List-Unsubscribe: ${mail.headers['list-unsubscribe']}`);
  return match[1];
}

const mailsTo = (sink, address) => sink.messages().filter((m) => m.to.includes(address));

async function until(what, check, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const backend of backends()) {
  describe(`e-mail invitations on ${backend}`, () => {
    let sink;
    let server;
    let ws;
    let analyst;
    let admin;
    let viewer;
    let surveys;
    let customers;

    before(async () => {
      sink = await new SmtpSink({ reject: [BOUNCING] }).start();
      server = await new VoxloopServer({
        backend,
        extraArgs: ['--smtp-url', sink.url, '--public-url', PUBLIC_URL, '--mail-from', 'Phở Thìn <survey@phothin.vn>'],
      }).start();
      ws = provision(server, 'Invitations');
      analyst = new Client(server.base, { token: ws.tokens.analyst });
      admin = new Client(server.base, { token: ws.tokens.admin });
      viewer = new Client(server.base, { token: ws.tokens.viewer });
      surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
      customers = `/api/v1/workspaces/${ws.workspace}/customers`;
    });
    after(async () => {
      await server?.stop();
      server?.cleanup();
      await sink?.stop();
    });

    async function publishedNps(name) {
      const created = await analyst.post(surveys, { template: 'nps', name });
      assert.equal(created.status, 201, created.text);
      const published = await analyst.post(`${surveys}/${created.json.id}/publish`);
      assert.equal(published.status, 200, published.text);
      return published.json;
    }
    async function customer(body) {
      const created = await admin.post(customers, body);
      assert.ok([200, 201].includes(created.status), created.text);
      return created.json;
    }
    const sendPath = (survey, send = '') => `${surveys}/${survey.id}/sends${send ? `/${send}` : ''}`;
    async function sendOf(survey, sendId) {
      const got = await viewer.get(sendPath(survey, sendId));
      assert.equal(got.status, 200, got.text);
      return got.json;
    }
    const settled = (survey, sendId, predicate) =>
      until('the send to settle', async () => { const send = await sendOf(survey, sendId); return predicate(send) && send; });

    // One survey mailed to three customers, shared by the tests below in order.
    let survey;
    let send;
    const mail = {};
    const lan = `lan.${backend}@example.vn`;
    const wei = `wei.${backend}@example.cn`;
    const ava = `ava.${backend}@example.com`;

    test('a send mails each customer in their language with one-click scores and List-Unsubscribe', async () => {
      survey = await publishedNps(`Invite NPS ${backend}`);
      const lanCustomer = await customer({ email: lan, name: 'Nguyễn Thị Lan', attributes: { language: 'vi' } });
      const weiCustomer = await customer({ email: wei, name: '王伟', attributes: { language: 'zh-CN' } });
      const created = await analyst.post(sendPath(survey), {
        name: 'Quarterly', reminder_after_days: 3, max_reminders: 2,
        recipients: [{ customer_id: lanCustomer.id }, { customer_id: weiCustomer.id },
          { email: ava.toUpperCase(), name: 'Ava Smith', language: 'en' }, ava],
      });
      assert.equal(created.status, 201, created.text);
      send = created.json;
      assert.match(send.id, /^\d+$/);
      assert.equal(send.name, 'Quarterly');
      assert.equal(send.counts.invited, 3, 'the repeated address is left out');
      assert.equal(send.skipped, 1);

      for (const address of [lan, wei, ava]) mail[address] = await sink.waitFor((m) => m.to.includes(address), 15000);
      const expected = { [lan]: ['vi', 'Nhấn vào một điểm số để trả lời:', 'Chào Nguyễn Thị Lan'],
        [wei]: ['zh', '点击分数即可作答：', '王伟'], [ava]: ['en', 'Click a score to answer:', 'Ava Smith'] };
      const tokens = new Set();
      for (const [address, [lang, hint, name]] of Object.entries(expected)) {
        const received = mail[address];
        assert.deepEqual(received.to, [address]);
        assert.equal(received.from, 'survey@phothin.vn');
        assert.match(received.headers.from, /Phở Thìn/);
        assert.match(received.html, new RegExp(`<html lang="${lang}"`));
        assert.ok(received.text.includes(hint), `${lang} wording: ${received.text}`);
        assert.ok(received.html.includes(name), 'greets the customer by name');
        const links = scoreLinks(received, survey.id);
        assert.deepEqual(links.map((l) => l.value), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
        assert.ok(links.every((l) => l.question === 'nps' && l.lang === lang && l.token === links[0].token));
        assert.equal(unsubscribeToken(received), links[0].token, 'one token per invitation');
        assert.equal(received.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
        assert.ok(received.html.includes(`${PUBLIC_URL}/o/${links[0].token}.gif`), 'open-tracking image');
        tokens.add(links[0].token);
      }
      assert.equal(tokens.size, 3);
      assert.equal(sink.messages().length, 3);
      assert.notEqual(mail[lan].subject, mail[ava].subject, 'subjects are translated');

      const stats = await settled(survey, send.id, (s) => s.counts.sent === 3);
      assert.equal(stats.rates.delivery, 1);
      assert.equal(stats.counts.responded, 0);
      assert.equal(stats.rates.response, 0);
    });

    test('links followed from the mails answer the survey, once per invitation', async () => {
      const lanToken = scoreLinks(mail[lan], survey.id)[0].token;
      const submit = (body) => new Client(server.base).post(`/api/v1/public/surveys/${survey.id}/responses`, body);
      const first = await submit({ answers: { nps: 9 }, invitation: lanToken });
      assert.equal(first.status, 201, first.text);
      expectProblem(assert, await submit({ answers: { nps: 10 }, invitation: lanToken }), 409, 'conflict');

      // Wei clicks score 3 in the mail: the hosted page records it and asks the next question.
      const click = scoreLinks(mail[wei], survey.id).find((l) => l.value === '3');
      const page = await fetch(click.url.replace(PUBLIC_URL, server.base), { redirect: 'follow' });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<html lang="zh"/);
      // Ava's mail client loads the images.
      const avaToken = scoreLinks(mail[ava], survey.id)[0].token;
      const pixel = await fetch(`${server.base}/o/${avaToken}.gif`);
      assert.equal(pixel.status, 200);
      assert.equal(pixel.headers.get('content-type'), 'image/gif');
      assert.equal(Buffer.from(await pixel.arrayBuffer()).subarray(0, 6).toString(), 'GIF89a');
      assert.equal((await fetch(`${server.base}/o/unknown-token.gif`)).status, 200, 'no error for mail clients');

      const stats = await settled(survey, send.id, (s) => s.counts.responded === 1 && s.counts.opened >= 2);
      assert.equal(stats.counts.sent, 3);
      assert.ok(Math.abs(stats.rates.response - 1 / 3) < 1e-9, `response rate ${stats.rates.response}`);
      assert.ok(stats.rates.open > 0);
      const responses = await analyst.get(`${surveys}/${survey.id}/responses?status=completed`);
      assert.equal(responses.json.items.length, 1);
      assert.deepEqual(responses.json.items[0].answers, { nps: 9 });
      assert.ok(responses.json.items[0].invitation_id);
      const partial = await analyst.get(`${surveys}/${survey.id}/responses?status=partial`);
      assert.deepEqual(partial.json.items.map((r) => r.answers), [{ nps: 3 }], 'the one-click score is kept');
      assert.ok(partial.json.items[0].invitation_id, 'tied to Wei\'s invitation');
      assert.notEqual(partial.json.items[0].invitation_id, responses.json.items[0].invitation_id);
    });

    test('invitations are listed per send, addresses masked without pii.read', async () => {
      const path = `${sendPath(survey, send.id)}/invitations`;
      const full = await admin.get(`${path}?limit=2`);
      assert.equal(full.status, 200, full.text);
      assert.equal(full.json.items.length, 2);
      assert.ok(full.json.next_cursor);
      const rest = await admin.get(`${path}?limit=2&cursor=${encodeURIComponent(full.json.next_cursor)}`);
      const all = [...full.json.items, ...rest.json.items];
      assert.deepEqual(all.map((i) => i.email).sort(), [ava, lan, wei].sort());
      assert.deepEqual(all.map((i) => i.status), ['sent', 'sent', 'sent']);
      const byEmail = Object.fromEntries(all.map((i) => [i.email, i]));
      assert.equal(byEmail[lan].language, 'vi');
      assert.equal(byEmail[wei].language, 'zh');
      assert.equal(byEmail[ava].language, 'en');
      assert.ok(byEmail[lan].responded_at);
      const masked = await analyst.get(path);
      assert.equal(masked.status, 200);
      for (const item of masked.json.items) {
        assert.ok(![ava, lan, wei].includes(item.email), `masked: ${item.email}`);
      }
      const listed = await viewer.get(sendPath(survey));
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.items.map((s) => s.id), [send.id]);
    });

    test('unsubscribing stops reminders, and reminders reach only non-responders', async () => {
      const avaToken = unsubscribeToken(mail[ava]);
      const page = await fetch(`${server.base}/u/${avaToken}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
      const html = await page.text();
      assert.match(html, new RegExp(`<form method="post" action="/u/${avaToken}">`));
      assert.match(html, /Phở Thìn/);
      // The RFC 8058 one-click POST, as a mail provider sends it.
      const done = await fetch(`${server.base}/u/${avaToken}`, {
        method: 'POST', body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(done.status, 200);
      assert.equal((await fetch(`${server.base}/u/${avaToken}`, { method: 'POST' })).status, 200, 'again: no change');
      assert.equal((await fetch(`${server.base}/u/not-a-token`)).status, 404);

      const remindPath = `${sendPath(survey, send.id)}/remind`;
      const notDue = await analyst.post(remindPath, {});
      assert.equal(notDue.status, 202, notDue.text);
      assert.equal(notDue.json.queued, 0, 'nobody was mailed three days ago');
      expectProblem(assert, await analyst.post(remindPath, { older_than_seconds: 0 }), 400, 'validation');

      const before = sink.messages().length;
      const reminded = await admin.post(remindPath, { older_than_seconds: 0 });
      assert.equal(reminded.status, 202, reminded.text);
      assert.equal(reminded.json.queued, 1, 'only Wei: Lan answered, Ava unsubscribed');
      const reminder = await sink.waitFor((m) => m.to.includes(wei) && m !== mail[wei] && m.file !== mail[wei].file);
      assert.notEqual(reminder.subject, mail[wei].subject, 'reminder wording');
      assert.equal(scoreLinks(reminder, survey.id)[0].token, scoreLinks(mail[wei], survey.id)[0].token, 'the same personal link');
      const stats = await settled(survey, send.id, (s) => s.counts.reminders === 1);
      assert.equal(stats.counts.unsubscribed, 1);
      assert.equal(sink.messages().length, before + 1);
      assert.equal(mailsTo(sink, lan).length, 1);
      assert.equal(mailsTo(sink, ava).length, 1);
    });

    test('a refused recipient counts as bounced and is never mailed again', async () => {
      const other = await publishedNps(`Bounce NPS ${backend}`);
      const okAddress = `ok.${backend}@example.vn`;
      const created = await analyst.post(sendPath(other), { recipients: [BOUNCING, okAddress] });
      assert.equal(created.status, 201, created.text);
      const stats = await settled(other, created.json.id, (s) => s.counts.bounced === 1 && s.counts.sent === 1);
      assert.equal(stats.rates.delivery, 0.5);
      await sink.waitFor((m) => m.to.includes(okAddress));

      const later = await analyst.post(sendPath(other), { recipients: [BOUNCING, ava, `new.${backend}@example.vn`] });
      assert.equal(later.status, 201, later.text);
      assert.equal(later.json.counts.invited, 1, 'the bounced and the unsubscribed address are left out');
      assert.equal(later.json.skipped, 2);
      await sink.waitFor((m) => m.to.includes(`new.${backend}@example.vn`));
      await settled(other, later.json.id, (s) => s.counts.sent === 1);
      assert.equal(mailsTo(sink, ava).length, 1);
    });

    test('bad sends get problem+json naming the field', async () => {
      const path = sendPath(survey);
      const bad = async (body, field) => {
        const response = await analyst.post(path, body);
        expectProblem(assert, response, 400, 'validation');
        assert.ok(response.json.errors.some((e) => e.field === field), `${field} in ${response.text}`);
      };
      await bad({}, 'recipients');
      await bad({ recipients: [] }, 'recipients');
      await bad({ recipients: ['not an address'] }, 'recipients/0');
      await bad({ recipients: [{ customer_id: '12345' }] }, 'recipients/0/customer_id');
      await bad({ recipients: [{ name: 'No address' }] }, 'recipients/0/email');
      await bad({ recipients: [lan], max_reminders: 99 }, 'max_reminders');
      await bad({ recipients: [lan], colour: 'red' }, 'colour');
      expectProblem(assert, await analyst.post(path, 'not json'), 400);
      expectProblem(assert, await viewer.post(path, { recipients: [lan] }), 403, 'forbidden');
      expectProblem(assert, await viewer.get(sendPath(survey, '123')), 404, 'not-found');
      const draft = await analyst.post(surveys, { template: 'nps', name: 'Draft' });
      expectProblem(assert, await analyst.post(`${surveys}/${draft.json.id}/sends`, { recipients: [lan] }), 409, 'conflict');
    });

    // Regression: a one-click score left a partial response tied to the invitation, and a later
    // submission with the same link hit the one-response-per-invitation index (409).
    test('a one-click answer from the mail is completed by a later submission with the same link', async () => {
      const clicked = await publishedNps(`One click ${backend}`);
      const address = `mai.${backend}@example.vn`;
      const created = await analyst.post(sendPath(clicked), { recipients: [{ email: address, language: 'vi' }] });
      assert.equal(created.status, 201, created.text);
      const received = await sink.waitFor((m) => m.to.includes(address), 15000);
      const link = scoreLinks(received, clicked.id).find((l) => l.value === '8');
      assert.equal((await fetch(link.url.replace(PUBLIC_URL, server.base))).status, 200);
      const submit = (answers) => new Client(server.base).post(
        `/api/v1/public/surveys/${clicked.id}/responses`, { answers, invitation: link.token });
      const completed = await submit({ nps: 8 });
      assert.equal(completed.status, 201, completed.text);
      expectProblem(assert, await submit({ nps: 2 }), 409, 'conflict');
      const responses = await analyst.get(`${surveys}/${clicked.id}/responses`);
      assert.deepEqual(responses.json.items.map((r) => [r.status, r.answers]), [['completed', { nps: 8 }]],
        'the partial response was completed, not duplicated');
      const stats = await settled(clicked, created.json.id, (s) => s.counts.responded === 1);
      assert.equal(stats.rates.response, 1);
    });
  });

  describe(`e-mail invitations without a mail server on ${backend}`, () => {
    let server;
    before(async () => { server = await new VoxloopServer({ backend }).start(); });
    after(async () => { await server?.stop(); server?.cleanup(); });

    test('creating a send is refused with a clear problem', async () => {
      const ws = provision(server, 'No mail');
      const analyst = new Client(server.base, { token: ws.tokens.analyst });
      const surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
      const created = await analyst.post(surveys, { template: 'nps', name: 'NPS' });
      await analyst.post(`${surveys}/${created.json.id}/publish`);
      const refused = await analyst.post(`${surveys}/${created.json.id}/sends`, { recipients: ['lan@example.vn'] });
      expectProblem(assert, refused, 503, 'email-not-configured');
      assert.match(refused.json.detail, /e-mail is not configured/i);
    });
  });

  describe(`e-mail invitations with an unreachable mail server on ${backend}`, () => {
    let server;
    before(async () => {
      const closedPort = await freePort();
      server = await new VoxloopServer({
        backend, extraArgs: ['--smtp-url', `smtp://127.0.0.1:${closedPort}`, '--public-url', PUBLIC_URL],
      }).start();
    });
    after(async () => { await server?.stop(); server?.cleanup(); });

    test('a delivery that cannot reach the server stays queued for a retry', async () => {
      const ws = provision(server, 'Mail down');
      const admin = new Client(server.base, { token: ws.tokens.admin });
      const surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
      const created = await admin.post(surveys, { template: 'nps', name: 'NPS' });
      await admin.post(`${surveys}/${created.json.id}/publish`);
      const address = `lan.${backend}@example.vn`;
      const send = await admin.post(`${surveys}/${created.json.id}/sends`, { recipients: [address] });
      assert.equal(send.status, 201, send.text);
      const path = `${surveys}/${created.json.id}/sends/${send.json.id}/invitations`;
      const invitation = await until('a failed attempt', async () => {
        const listed = await admin.get(path);
        const [item] = listed.json.items;
        return item.attempts >= 1 && item;
      });
      assert.equal(invitation.status, 'queued', 'retried later, not given up');
      assert.ok(invitation.last_error);
      assert.ok(!invitation.last_error.includes(address), 'errors never carry the address');
      const stats = await admin.get(`${surveys}/${created.json.id}/sends/${send.json.id}`);
      assert.equal(stats.json.counts.queued, 1);
      assert.equal(stats.json.counts.sent, 0);
      assert.equal(stats.json.rates.delivery, 0);
      assert.equal(stats.json.rates.response, null, 'no rate over nothing sent');
    });
  });
}
