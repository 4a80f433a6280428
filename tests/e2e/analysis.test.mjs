// The analysis engine over HTTP, on SQLite and PostgreSQL: every ingested item carries its
// language, sentiment, topics, key phrases and redacted text; people correct sentiment and
// topics; the taxonomy is edited and existing items are re-analysed in the background; a
// sentiment model is trained on the corrections and reports its held-out quality.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

// Awaits a request, asserts a problem+json answer with `status`, returns the problem.
async function problem(request, status) {
  const response = await request;
  expectProblem(assert, response, status);
  return response.json;
}

// Polls a job until it leaves the queue; returns its final view.
async function waitForJob(client, ws, jobId) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = await client.get(`/api/v1/workspaces/${ws}/jobs/${jobId}`);
    assert.equal(job.status, 200, job.text);
    if (['done', 'failed', 'cancelled'].includes(job.json.status)) return job.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

for (const backend of backends()) {
  describe(`analysis on ${backend}`, () => {
    let server;
    let ws;
    let agent;
    let analyst;
    let viewer;
    let feedbackPath;

    before(async () => {
      server = await new VoxloopServer({ backend }).start();
      ws = provision(server);
      agent = new Client(server.base, { token: ws.tokens.agent });
      analyst = new Client(server.base, { token: ws.tokens.analyst });
      viewer = new Client(server.base, { token: ws.tokens.viewer });
      feedbackPath = `/api/v1/workspaces/${ws.workspace}/feedback`;
    });
    after(async () => { await server.stop(); server.cleanup(); });

    async function ingest(text, channel = 'chat') {
      const response = await agent.post(feedbackPath, { channel, text });
      assert.equal(response.status, 201, response.text);
      return response.json;
    }

    test('analyses Vietnamese, Chinese and English feedback at ingest', async () => {
      const vi = await ingest('Giao hàng quá chậm, đợi 2 tiếng 😡 gọi 0912 345 678');
      assert.equal(vi.analysis.language, 'vi');
      assert.equal(vi.analysis.sentiment.label, 'negative');
      assert.equal(vi.analysis.sentiment.source, 'builtin');
      assert.ok(vi.analysis.sentiment.score < 0 && vi.analysis.sentiment.score >= -1);
      assert.ok(vi.analysis.topics.includes('delivery/late'), JSON.stringify(vi.analysis.topics));
      assert.deepEqual(vi.analysis.pii, ['phone']);
      assert.equal(vi.analysis.redacted_text, 'Giao hàng quá chậm, đợi 2 tiếng 😡 gọi [PHONE]');
      for (const phrase of vi.analysis.key_phrases) assert.doesNotMatch(phrase, /\d{3}/);

      const zh = await ingest('非常满意，味道很好，送餐也快');
      assert.equal(zh.analysis.language, 'zh');
      assert.equal(zh.analysis.sentiment.label, 'positive');

      const en = await ingest('The staff were rude and my refund never arrived');
      assert.equal(en.analysis.language, 'en');
      assert.equal(en.analysis.sentiment.label, 'negative');
      assert.ok(en.analysis.key_phrases.length > 0);
    });

    test('agents correct sentiment and topics; bad corrections change nothing', async () => {
      const item = await ingest('Sản phẩm dùng cũng được');
      const path = `${feedbackPath}/${item.id}`;
      await problem(viewer.patch(path, { sentiment: 'negative' }), 403);
      const badLabel = await problem(agent.patch(path, { sentiment: 'awful' }), 400);
      assert.ok(badLabel.errors.some((e) => e.field === 'sentiment'), JSON.stringify(badLabel));
      const badTopic = await problem(agent.patch(path, { topics: ['no/such/topic'] }), 400);
      assert.ok(badTopic.errors.some((e) => e.field === 'topics[0]'), JSON.stringify(badTopic));
      await problem(agent.patch(path, {}), 400);
      await problem(agent.patch(`${feedbackPath}/999999999`, { sentiment: 'neutral' }), 404);
      const unchanged = await agent.get(path);
      assert.equal(unchanged.json.analysis.sentiment.source, 'builtin');

      const corrected = await agent.patch(path, { sentiment: 'negative', topics: ['product/quality'] });
      assert.equal(corrected.status, 200, corrected.text);
      assert.equal(corrected.json.analysis.sentiment.label, 'negative');
      assert.equal(corrected.json.analysis.sentiment.source, 'manual');
      assert.deepEqual(corrected.json.analysis.topics, ['product/quality']);
      assert.equal(corrected.json.analysis.topics_source, 'manual');
      const read = await viewer.get(path);
      assert.equal(read.json.analysis.sentiment.source, 'manual');
    });

    test('a new taxonomy re-analyses stored items in the background, keeping corrections', async () => {
      const parking = await ingest('Bãi đỗ xe chật quá, không có chỗ gửi xe máy');
      const corrected = await ingest('Bãi gửi xe rộng rãi');
      await agent.patch(`${feedbackPath}/${corrected.id}`, { topics: ['service'] });
      const taxonomyPath = `/api/v1/workspaces/${ws.workspace}/taxonomy`;
      const current = await viewer.get(taxonomyPath);
      assert.equal(current.status, 200);
      assert.equal(current.json.version, 0);
      assert.ok(current.json.categories.length >= 5);

      const categories = [...current.json.categories, {
        id: 'parking', name: { en: 'Parking', vi: 'Bãi đỗ xe' },
        keywords: { vi: ['bãi đỗ xe', 'gửi xe'], en: ['parking'] },
      }];
      await problem(agent.put(taxonomyPath, { categories }), 403);
      const invalid = await problem(
        analyst.put(taxonomyPath, { categories: [...categories, { id: 'Bad Id' }] }), 400);
      assert.ok(invalid.errors.some((e) => e.field.startsWith(`categories[${categories.length}]`)),
        JSON.stringify(invalid));
      assert.equal((await viewer.get(taxonomyPath)).json.version, 0);

      const saved = await analyst.put(taxonomyPath, { categories });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.json.version, 1);
      const job = await analyst.post(`/api/v1/workspaces/${ws.workspace}/reanalysis`, {});
      assert.equal(job.status, 202, job.text);
      const finished = await waitForJob(analyst, ws.workspace, job.json.job.id);
      assert.equal(finished.status, 'done', JSON.stringify(finished));
      assert.equal(finished.progress.done, finished.progress.total);

      const after = await viewer.get(`${feedbackPath}/${parking.id}`);
      assert.ok(after.json.analysis.topics.includes('parking'), JSON.stringify(after.json.analysis));
      const kept = await viewer.get(`${feedbackPath}/${corrected.id}`);
      assert.deepEqual(kept.json.analysis.topics, ['service']);
    });

    test('trains a sentiment model on corrections and reports its held-out quality', async () => {
      const modelsPath = `/api/v1/workspaces/${ws.workspace}/models`;
      await problem(agent.post(`${modelsPath}/sentiment/train`, {}), 403);
      await problem(analyst.post(`${modelsPath}/sentiment/train`, {}), 400);
      await problem(analyst.post(`${modelsPath}/mood/train`, {}), 404);
      // This workspace's customers say "ổn áp" for good and "toang" for broken.
      const good = ['ổn áp lắm', 'dịch vụ ổn áp', 'ổn áp nha shop', 'hàng ổn áp', 'quá ổn áp'];
      const bad = ['toang rồi', 'máy toang', 'toang luôn shop ơi', 'vừa mua đã toang', 'toang thật'];
      for (let round = 0; round < 5; round++) {
        for (const [texts, label] of [[good, 'positive'], [bad, 'negative']]) {
          for (const text of texts) {
            const item = await ingest(`${text} ${round}`);
            const corrected = await agent.patch(`${feedbackPath}/${item.id}`, { sentiment: label });
            assert.equal(corrected.status, 200, corrected.text);
          }
        }
      }
      const listed = await viewer.get(modelsPath);
      assert.equal(listed.status, 200);
      assert.ok(listed.json.corrections.sentiment >= 50);
      const started = await analyst.post(`${modelsPath}/sentiment/train`, {});
      assert.equal(started.status, 202, started.text);
      const job = await waitForJob(analyst, ws.workspace, started.json.job.id);
      assert.equal(job.status, 'done', JSON.stringify(job));
      assert.ok(job.result.held_out >= 5);
      const model = await viewer.get(`${modelsPath}/sentiment`);
      assert.equal(model.status, 200, model.text);
      assert.equal(model.json.status, 'active');
      const { metrics } = model.json;
      for (const key of ['model', 'builtin', 'blend']) {
        assert.ok(metrics[key].accuracy >= 0 && metrics[key].accuracy <= 1, key);
        assert.ok(metrics[key].macro_f1 >= 0 && metrics[key].macro_f1 <= 1, key);
      }
      assert.ok(metrics.model.accuracy >= 0.9, JSON.stringify(metrics));
      assert.ok(['builtin', 'blend', 'model'].includes(model.json.serving));
      if (model.json.serving !== 'builtin') {
        const fresh = await ingest('toang hẳn');
        assert.equal(fresh.analysis.sentiment.label, 'negative');
        assert.match(fresh.analysis.sentiment.source, /^(model|blend):/);
      }
    });
  });
}
