// Surveys over HTTP, on SQLite and on PostgreSQL: create from a template, publish, answer
// through the public JSON endpoint (the widget's), see the free texts become analysed
// feedback items, versions on edit, lifecycle rules, the anti-abuse guards, and the CSV /
// XLSX exports.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

async function publicPost(base, path, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
}

for (const backend of backends()) {
  describe(`surveys on ${backend}`, () => {
    let server;
    let ws;
    let owner;
    let analyst;
    let viewer;
    let surveys;

    before(async () => {
      server = await new VoxloopServer({ backend, extraArgs: ['--public-rate-limit', '1000'] }).start();
      ws = provision(server, 'Surveys');
      owner = new Client(server.base, { token: ws.tokens.owner });
      analyst = new Client(server.base, { token: ws.tokens.analyst });
      viewer = new Client(server.base, { token: ws.tokens.viewer });
      surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
    });
    after(async () => { await server.stop(); server.cleanup(); });

    async function publishedNps(name = 'Quarterly NPS') {
      const created = await analyst.post(surveys, { template: 'nps', name });
      assert.equal(created.status, 201, created.text);
      const published = await analyst.post(`${surveys}/${created.json.id}/publish`);
      assert.equal(published.status, 200, published.text);
      return published.json;
    }

    test('a survey created from a template lists its questions with ids and types', async () => {
      const created = await analyst.post(surveys, { template: 'nps', name: 'Khảo sát NPS' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.status, 'draft');
      assert.equal(created.json.version, 1);
      assert.equal(created.json.name, 'Khảo sát NPS');
      const types = Object.fromEntries(created.json.questions.map((q) => [q.id, q.type]));
      assert.equal(types.nps, 'nps');
      assert.ok(created.json.questions.every((q) => typeof q.id === 'string' && q.id.length > 0));
      assert.deepEqual([...created.json.languages].sort(), ['en', 'vi', 'zh']);
      const fetched = await viewer.get(`${surveys}/${created.json.id}`);
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.json.questions, created.json.questions);
      const listed = await viewer.get(`${surveys}?status=draft`);
      assert.ok(listed.json.items.some((s) => s.id === created.json.id));
      expectProblem(assert, await viewer.post(surveys, { template: 'nps' }), 403, 'forbidden');
      expectProblem(assert, await analyst.post(surveys, { template: 'nope' }), 400, 'validation');
      const templates = await viewer.get(`/api/v1/workspaces/${ws.workspace}/survey-templates`);
      assert.deepEqual(templates.json.items.map((t) => t.id).sort(), ['ces', 'csat', 'nps', 'product']);
    });

    test('a draft is not public; a published survey is, in the respondent\'s language', async () => {
      const created = await analyst.post(surveys, { template: 'csat' });
      const path = `/api/v1/public/surveys/${created.json.id}`;
      assert.equal((await fetch(`${server.base}${path}`)).status, 404);
      await analyst.post(`${surveys}/${created.json.id}/publish`);
      const vi = await fetch(`${server.base}${path}?language=vi`);
      assert.equal(vi.status, 200);
      assert.equal(vi.headers.get('access-control-allow-origin'), '*');
      const body = await vi.json();
      assert.equal(body.language, 'vi');
      const zh = await (await fetch(`${server.base}${path}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).json();
      assert.equal(zh.language, 'zh');
      assert.notEqual(zh.questions[0].text, body.questions[0].text);
      const preflight = await fetch(`${server.base}${path}/responses`, { method: 'OPTIONS' });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);
    });

    test('a response is stored, its free texts become analysed feedback, and it is listed', async () => {
      const survey = await publishedNps();
      const submitted = await publicPost(server.base, `/api/v1/public/surveys/${survey.id}/responses`, {
        answers: { nps: 3, reason: 'Giao hàng quá chậm, nhân viên thái độ tệ', improve: 'Giao nhanh hơn', contact: true },
        language: 'vi',
      });
      assert.equal(submitted.status, 201, submitted.text);
      assert.equal(submitted.json.status, 'completed');
      assert.equal(submitted.json.thank_you, 'detractor');
      const listed = await viewer.get(`${surveys}/${survey.id}/responses`);
      assert.equal(listed.status, 200);
      assert.equal(listed.json.items.length, 1);
      const response = listed.json.items[0];
      assert.equal(response.answers.nps, 3);
      assert.equal(response.language, 'vi');
      assert.equal(response.version, 1);
      const feedback = await owner.get(`/api/v1/workspaces/${ws.workspace}/feedback?channel=survey`);
      const texts = feedback.json.items.filter((item) => item.survey_id === survey.id);
      assert.equal(texts.length, 2, feedback.text);
      const reason = texts.find((item) => item.text.startsWith('Giao hàng quá chậm'));
      assert.equal(reason.response_id, submitted.json.id);
      assert.equal(reason.rating, 3);
      assert.equal(reason.analysis.language, 'vi');
      assert.equal(reason.analysis.sentiment.label, 'negative');
      const counted = await viewer.get(`${surveys}/${survey.id}`);
      assert.equal(counted.json.response_count, 1);
    });

    test('invalid answers get problem+json naming the question and store nothing', async () => {
      const survey = await publishedNps();
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      const outOfRange = await publicPost(server.base, path, { answers: { nps: 11 } });
      expectProblem(assert, outOfRange, 400, 'validation');
      assert.equal(outOfRange.json.errors[0].field, 'answers.nps');
      const missing = await publicPost(server.base, path, { answers: { reason: 'ok' } });
      expectProblem(assert, missing, 400, 'validation');
      assert.ok(missing.json.errors.some((e) => e.field === 'answers.nps' && e.code === 'required'));
      const unknown = await publicPost(server.base, path, { answers: { nps: 9, nope: 1 } });
      assert.ok(unknown.json.errors.some((e) => e.field === 'answers.nope'));
      expectProblem(assert, await publicPost(server.base, path, { answers: 'x' }), 400, 'validation');
      const malformed = await fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"answers":' });
      assert.equal(malformed.status, 400);
      const tooBig = await publicPost(server.base, path, { answers: { nps: 9, reason: 'x'.repeat(300 * 1024) } });
      assert.equal(tooBig.status, 413);
      assert.equal((await publicPost(server.base, '/api/v1/public/surveys/123456789/responses', { answers: { nps: 9 } })).status, 404);
      const listed = await viewer.get(`${surveys}/${survey.id}/responses`);
      assert.equal(listed.json.items.length, 0);
    });

    test('a honeypot submission looks accepted but stores nothing; a double submit stores one', async () => {
      const survey = await publishedNps();
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      const bot = await publicPost(server.base, path, { answers: { nps: 10 }, website: 'http://spam.example' });
      assert.equal(bot.status, 201);
      const first = await publicPost(server.base, path, { answers: { nps: 10, reason: 'Tuyệt vời' } });
      const again = await publicPost(server.base, path, { answers: { nps: 10, reason: 'Tuyệt vời' } });
      assert.equal(first.status, 201);
      assert.equal(again.status, 200);
      assert.equal(again.json.duplicate, true);
      assert.equal(again.json.id, first.json.id);
      const kiosk1 = await publicPost(server.base, path, { answers: { nps: 10 }, channel: 'kiosk' });
      const kiosk2 = await publicPost(server.base, path, { answers: { nps: 10 }, channel: 'kiosk' });
      assert.equal(kiosk1.status, 201);
      assert.equal(kiosk2.status, 201, 'kiosks are shared by many people: no duplicate guard');
      const listed = await viewer.get(`${surveys}/${survey.id}/responses`);
      assert.equal(listed.json.items.length, 3);
    });

    test('editing a published survey makes a new version; old responses keep theirs', async () => {
      const survey = await publishedNps();
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      assert.equal((await publicPost(server.base, path, { answers: { nps: 8 } })).status, 201);
      const edited = { ...survey, questions: [...survey.questions, { id: 'city', type: 'short_text', text: { en: 'Your city?' } }] };
      const stale = await analyst.put(`${surveys}/${survey.id}`, { ...edited, revision: survey.revision + 5 });
      expectProblem(assert, stale, 409, 'conflict');
      const saved = await analyst.put(`${surveys}/${survey.id}`, edited);
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.version, 2);
      assert.equal(saved.json.status, 'active');
      assert.equal((await publicPost(server.base, path, { answers: { nps: 9, city: 'Hà Nội' } })).status, 201);
      const listed = await viewer.get(`${surveys}/${survey.id}/responses`);
      assert.deepEqual(listed.json.items.map((r) => r.version), [2, 1]);
      const invalid = await analyst.put(`${surveys}/${survey.id}`, { ...edited, questions: [{ id: 'a', type: 'nps', text: { en: 'x' }, jumps: [{ to: 'zzz' }] }] });
      expectProblem(assert, invalid, 400, 'validation');
    });

    test('paused and closed surveys take no responses; closed cannot reopen; duplicate makes a draft', async () => {
      const survey = await publishedNps();
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      assert.equal((await analyst.post(`${surveys}/${survey.id}/pause`)).json.status, 'paused');
      expectProblem(assert, await publicPost(server.base, path, { answers: { nps: 9 } }), 409, 'conflict');
      assert.equal((await analyst.post(`${surveys}/${survey.id}/resume`)).json.status, 'active');
      assert.equal((await publicPost(server.base, path, { answers: { nps: 9 } })).status, 201);
      assert.equal((await analyst.post(`${surveys}/${survey.id}/close`)).json.status, 'closed');
      expectProblem(assert, await publicPost(server.base, path, { answers: { nps: 9 } }), 409, 'conflict');
      expectProblem(assert, await analyst.post(`${surveys}/${survey.id}/publish`), 409, 'conflict');
      const copy = await analyst.post(`${surveys}/${survey.id}/duplicate`, { name: 'NPS again' });
      assert.equal(copy.status, 201, copy.text);
      assert.equal(copy.json.status, 'draft');
      assert.equal(copy.json.name, 'NPS again');
      assert.equal(copy.json.response_count, 0);
    });

    test('a response limit is enforced', async () => {
      const created = await analyst.post(surveys, { template: 'csat' });
      const limited = { ...created.json, settings: { ...created.json.settings, response_limit: 1 } };
      assert.equal((await analyst.put(`${surveys}/${created.json.id}`, limited)).status, 200);
      await analyst.post(`${surveys}/${created.json.id}/publish`);
      const score = created.json.questions.find((q) => q.type === 'csat').id;
      const path = `/api/v1/public/surveys/${created.json.id}/responses`;
      assert.equal((await publicPost(server.base, path, { answers: { [score]: 5 } })).status, 201);
      expectProblem(assert, await publicPost(server.base, path, { answers: { [score]: 4 } }), 409, 'conflict');
    });

    test('responses export as CSV (formula-safe, UTF-8 BOM) and XLSX; viewers may not export', async () => {
      const survey = await publishedNps('Export');
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      await publicPost(server.base, path, { answers: { nps: 10, reason: '=HYPERLINK("http://evil")' } });
      await publicPost(server.base, path, { answers: { nps: 6, reason: 'Phí ship cao, 运费太贵' }, language: 'zh' });
      const csvResponse = await fetch(`${server.base}${surveys}/${survey.id}/responses.csv`, { headers: { authorization: `Bearer ${ws.tokens.analyst}` } });
      assert.equal(csvResponse.status, 200);
      assert.match(csvResponse.headers.get('content-type'), /text\/csv/);
      const csvBytes = Buffer.from(await csvResponse.arrayBuffer());
      assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
      const csv = { text: csvBytes.subarray(3).toString('utf8') };
      assert.ok(csv.text.includes("'=HYPERLINK"), 'formula neutralised');
      assert.ok(csv.text.includes('运费太贵'));
      assert.equal(csv.text.trim().split('\r\n').length, 3);
      const xlsx = await fetch(`${server.base}${surveys}/${survey.id}/responses.xlsx`, { headers: { authorization: `Bearer ${ws.tokens.analyst}` } });
      assert.equal(xlsx.status, 200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX file is a zip');
      expectProblem(assert, await viewer.get(`${surveys}/${survey.id}/responses.csv`), 403, 'forbidden');
    });

    test('a widget-identified respondent is linked to the customer, unless anonymous; erasure removes the answers', async () => {
      const survey = await publishedNps('Identified');
      const path = `/api/v1/public/surveys/${survey.id}/responses`;
      const identified = await publicPost(server.base, path, {
        answers: { nps: 7, reason: 'Ổn' }, customer: { external_id: 'C-42', email: 'lan@example.vn', name: 'Lan' } });
      assert.equal(identified.status, 201, identified.text);
      const listed = await viewer.get(`${surveys}/${survey.id}/responses`);
      const customerId = listed.json.items[0].customer_id;
      assert.ok(customerId);
      const customer = await owner.get(`/api/v1/workspaces/${ws.workspace}/customers/${customerId}`);
      assert.equal(customer.json.external_id, 'C-42');
      const badCustomer = await publicPost(server.base, path, { answers: { nps: 7 }, customer: { name: 'no key' } });
      expectProblem(assert, badCustomer, 400, 'validation');

      const created = await analyst.post(surveys, { template: 'nps', name: 'Anonymous' });
      const anonymous = { ...created.json, settings: { ...created.json.settings, anonymous: true } };
      assert.equal((await analyst.put(`${surveys}/${created.json.id}`, anonymous)).status, 200);
      await analyst.post(`${surveys}/${created.json.id}/publish`);
      const anon = await publicPost(server.base, `/api/v1/public/surveys/${created.json.id}/responses`, {
        answers: { nps: 9 }, customer: { external_id: 'C-43' } });
      assert.equal(anon.status, 201, anon.text);
      const anonListed = await viewer.get(`${surveys}/${created.json.id}/responses`);
      assert.equal(anonListed.json.items[0].customer_id, null);

      const erased = await owner.delete(`/api/v1/workspaces/${ws.workspace}/customers/${customerId}`);
      assert.equal(erased.status, 200, erased.text);
      const afterErasure = await viewer.get(`${surveys}/${survey.id}/responses`);
      assert.equal(afterErasure.json.items.length, 0);
    });

    test('the public endpoint is rate limited per client', async () => {
      const limited = await new VoxloopServer({ backend: 'sqlite', extraArgs: ['--public-rate-limit', '3'] }).start();
      try {
        const other = provision(limited, 'Limited');
        const client = new Client(limited.base, { token: other.tokens.analyst });
        const created = await client.post(`/api/v1/workspaces/${other.workspace}/surveys`, { template: 'nps' });
        await client.post(`/api/v1/workspaces/${other.workspace}/surveys/${created.json.id}/publish`);
        const path = `/api/v1/public/surveys/${created.json.id}/responses`;
        const statuses = [];
        for (let i = 0; i < 5; i++) statuses.push((await publicPost(limited.base, path, { answers: { nps: i } })).status);
        assert.deepEqual(statuses.slice(0, 3), [201, 201, 201]);
        assert.equal(statuses[4], 429);
      } finally {
        await limited.stop();
        limited.cleanup();
      }
    });
  });
}
