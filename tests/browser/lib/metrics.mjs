// Helpers for the dashboard's metrics tests: surveys answered through the public API (so the
// numbers are known), the query API asked directly (to compare the page with), and clicks on
// a chart's canvas at the pixel where a bar or point is drawn.
import assert from 'node:assert/strict';
import { admin } from '../../e2e/lib/server.mjs';
import { Client } from '../../e2e/lib/client.mjs';

// A client with an owner token of the shop's workspace (surveys, queries, exports).
export function ownerClient(shop) {
  const token = admin(shop.server, ['create-token', '--workspace', shop.workspace, '--role', 'owner', '--name', 'metrics-test']);
  return new Client(shop.server.base, { token });
}

// Creates a survey from a template and publishes it; returns its id.
export async function publishedSurvey(client, workspace, template, name) {
  const surveys = `/api/v1/workspaces/${workspace}/surveys`;
  const created = await client.post(surveys, { template, name });
  assert.equal(created.status, 201, created.text);
  const published = await client.post(`${surveys}/${created.json.id}/publish`);
  assert.equal(published.status, 200, published.text);
  return created.json.id;
}

// Posts completed responses (one per answers object) as respondents do, without credentials.
export async function respond(base, surveyId, answersList) {
  const anonymous = new Client(base);
  const ids = [];
  for (const answers of answersList) {
    const response = await anonymous.post(`/api/v1/public/surveys/${surveyId}/responses`, { answers, channel: 'api' });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.duplicate, false, 'each response is new');
    ids.push(response.json.id);
  }
  return ids;
}

export async function query(client, workspace, body) {
  const response = await client.post(`/api/v1/workspaces/${workspace}/query`, body);
  assert.equal(response.status, 200, response.text);
  return response.json;
}

// Asks until `accept(answer)` holds (the index follows commits; this absorbs any lag).
export async function queryUntil(client, workspace, body, accept, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let answer;
  while (Date.now() < deadline) {
    answer = await query(client, workspace, body);
    if (accept(answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`the query never gave the expected answer: ${JSON.stringify(answer)}`);
}

// Waits until the chart with data-testid `testId` has drawn, and returns where each target
// is (the chart's own `data-hits`, in CSS pixels inside it) with the chart's box.
export async function chartTargets(page, testId) {
  const chart = page.locator(`[data-testid="${testId}"][data-ready="true"]`);
  await chart.waitFor();
  const hits = JSON.parse(await chart.getAttribute('data-hits'));
  const box = await chart.boundingBox();
  return { chart, hits, box };
}

// Clicks the canvas where target `index` is drawn: a real click that ECharts handles.
export async function clickChartTarget(page, testId, index) {
  const { hits, box } = await chartTargets(page, testId);
  const hit = hits[index];
  assert.ok(hit, `chart ${testId} has target ${index}: ${JSON.stringify(hits)}`);
  await page.mouse.click(box.x + hit[0], box.y + hit[1]);
}

// The keys of a chart's table rows (data-key), in the order of the chart's targets.
export async function chartKeys(page, testId) {
  return page.locator(`[data-testid="${testId}-table"] tbody tr`).evaluateAll(
    (rows) => rows.map((row) => row.getAttribute('data-key')));
}
