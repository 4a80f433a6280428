// Overview: the score cards show what the query API answers for the same question, and that
// is what the data posted makes by hand — NPS from survey responses and rated feedback, CSAT
// and CES from their surveys, the change from the previous 90 days with its significance —
// with numbers formatted in the user's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';
import { ownerClient, publishedSurvey, query, queryUntil, respond } from './lib/metrics.mjs';

const DAY = 24 * 3600 * 1000;
const SCORES_QUERY = { metrics: ['nps', 'csat', 'ces'], range: { last: '90d' }, compare: 'previous_period' };

// This period: 8 NPS survey responses and 2 rated feedback items (10 NPS answers: promoters
// 10, 9, 9, 10, 10; passives 7, 8; detractors 3, 6, 0 → 50% − 30% = NPS 20); a rating of 42
// and an unrated item are no NPS answers. The previous period (100–120 days ago): ratings
// 0, 1, 2, 3, 4, 10 → (1 − 5) / 6 = NPS −66.7. CSAT 5, 4, 2 → 2 of 3 satisfied = 66.7%;
// CES 7, 5, 6 → mean 6.
const NPS_ANSWERS = [10, 9, 9, 10, 7, 8, 3, 6];
const EXPECTED = { nps: { value: 20, n: 10, promoters: 5, passives: 2, detractors: 3 }, previousNps: -200 / 3 };

let shop;
let owner;
let answer;
before(async () => {
  shop = await startShop({ roles: ['owner', 'viewer'], feedback: [] });
  owner = ownerClient(shop);
  const nps = await publishedSurvey(owner, shop.workspace, 'nps', 'Khảo sát NPS');
  await respond(shop.server.base, nps, NPS_ANSWERS.map((score, index) => ({ nps: score, reason: `Lý do số ${index}: điểm ${score}` })));
  const csat = await publishedSurvey(owner, shop.workspace, 'csat', 'CSAT');
  await respond(shop.server.base, csat, [{ csat: 5 }, { csat: 4 }, { csat: 2, issue: 'late' }]);
  const ces = await publishedSurvey(owner, shop.workspace, 'ces', 'CES');
  await respond(shop.server.base, ces, [{ ces: 7, resolved: true }, { ces: 5, resolved: true }, { ces: 6, resolved: true }]);
  const now = Date.now();
  const items = [
    { channel: 'review', text: 'Tuyệt vời, sẽ quay lại', rating: 10, received_at: new Date(now - 20 * DAY).toISOString() },
    { channel: 'chat', text: 'Rất tệ, không bao giờ mua nữa', rating: 0, received_at: new Date(now - 40 * DAY).toISOString() },
    { channel: 'api', text: 'Điểm trên thang khác', rating: 42 },
    { channel: 'email', text: 'Không có điểm' },
    ...[0, 1, 2, 3, 4, 10].map((rating, index) => ({
      channel: 'review', text: `Kỳ trước ${index}`, rating, received_at: new Date(now - (100 + index * 4) * DAY).toISOString(),
    })),
  ];
  const posted = await shop.api.post(shop.feedbackPath, { items });
  assert.equal(posted.status, 201, posted.text);
  answer = await queryUntil(owner, shop.workspace, SCORES_QUERY,
    (candidate) => candidate.rows.find((row) => row.metric === 'nps')?.n === EXPECTED.nps.n
      && candidate.rows.find((row) => row.metric === 'ces')?.n === 3);
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

const row = (metric) => answer.rows.find((candidate) => candidate.metric === metric);
const close = (actual, expected, message) => assert.ok(Math.abs(actual - expected) < 1e-6, `${message}: ${actual} ≠ ${expected}`);

// Reads a score card: the text shown and the raw number behind it (data-value).
async function card(page, metric) {
  const field = async (name) => {
    const element = page.getByTestId(`score-${metric}-${name}`);
    return { text: await element.innerText(), value: await element.getAttribute('data-value') };
  };
  return { value: await field('value'), n: await field('n'), margin: await field('margin'), change: await field('change') };
}

test('the query API answers what the posted data makes by hand', () => {
  const nps = row('nps');
  close(nps.value, EXPECTED.nps.value, 'NPS');
  assert.equal(nps.n, EXPECTED.nps.n);
  assert.deepEqual(nps.breakdown, { promoters: 5, passives: 2, detractors: 3 });
  close(nps.previous.value, EXPECTED.previousNps, 'previous NPS');
  assert.equal(nps.previous.n, 6);
  close(nps.change, EXPECTED.nps.value - EXPECTED.previousNps, 'NPS change');
  close(row('csat').value, 200 / 3, 'CSAT');
  assert.equal(row('csat').n, 3);
  close(row('ces').value, 6, 'CES');
  assert.equal(row('ces').n, 3);
});

test('an executive lands on the Overview, whose cards show the API\'s numbers', async () => {
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await signIn(page, shop.server.base, 'owner');
    await page.waitForURL('**/overview');
    await page.getByTestId('score-nps-value').waitFor();
    const en = (value, options) => new Intl.NumberFormat('en-GB', options).format(value);
    const nps = await card(page, 'nps');
    const api = row('nps');
    // The raw number is the API's, the text its English rendering, and both are the hand-made 20.
    assert.equal(Number(nps.value.value), api.value);
    assert.equal(nps.value.text, en(api.value, { maximumFractionDigits: 1 }));
    assert.equal(nps.value.text, '20');
    assert.equal(Number(nps.n.value), api.n);
    assert.equal(nps.n.text, '10');
    close(Number(nps.margin.value), (api.ci_high - api.ci_low) / 2, 'NPS margin');
    assert.equal(nps.margin.text, en((api.ci_high - api.ci_low) / 2, { maximumFractionDigits: 1 }));
    close(Number(nps.change.value), api.change, 'NPS change');
    assert.equal(nps.change.text, `${en(api.change, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} pts`);
    const marker = page.getByTestId('score-nps-significance');
    assert.equal(await marker.getAttribute('data-significant'), String(api.significant));
    assert.equal(await marker.innerText(), api.significant ? 'Significant' : 'Not significant');

    const csat = await card(page, 'csat');
    assert.equal(Number(csat.value.value), row('csat').value);
    assert.equal(csat.value.text, en(row('csat').value / 100, { style: 'percent', maximumFractionDigits: 1 }));
    assert.equal(csat.n.text, '3');
    const ces = await card(page, 'ces');
    assert.equal(ces.value.text, '6.0');
    assert.equal(ces.n.text, '3');

    // The trend's buckets carry the API's weekly numbers.
    const trend = await query(owner, shop.workspace, { metric: 'nps', interval: 'week', range: { last: '90d' } });
    await page.locator('[data-testid="nps-trend-chart"][data-ready="true"]').waitFor();
    const shownRows = await page.locator('[data-testid="nps-trend-chart-table"] tbody tr').evaluateAll(
      (rows) => rows.map((tr) => [tr.getAttribute('data-key'), tr.querySelectorAll('td')[2].textContent]));
    assert.deepEqual(shownRows, trend.rows.map((bucket) => [bucket.group.time, String(bucket.n)]));
    assert.equal(trend.rows.reduce((sum, bucket) => sum + bucket.n, 0), EXPECTED.nps.n);
    await page.locator('[data-testid="sentiment-trend-chart"][data-ready="true"]').waitFor();
    await screenshot(page, 'overview-desktop');

    // In Vietnamese the same numbers read the Vietnamese way.
    await page.locator('select[name="locale"]').selectOption({ label: 'Tiếng Việt' });
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    const vi = (value, options) => new Intl.NumberFormat('vi-VN', options).format(value);
    assert.equal(await page.getByTestId('score-ces-value').innerText(), vi(6, { minimumFractionDigits: 1, maximumFractionDigits: 2 }));
    assert.equal(await page.getByTestId('score-csat-value').innerText(),
      vi(row('csat').value / 100, { style: 'percent', maximumFractionDigits: 1 }));
    assert.equal(await page.getByTestId('score-nps-change').innerText(),
      `${vi(api.change, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} điểm`);
    await screenshot(page, 'overview-vi');
    await page.locator('select[name="locale"]').selectOption({ label: 'English' });
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    assert.deepEqual(browser.problems, [], 'no dialog, CSP violation or page error');
  } finally {
    await browser.close();
  }
});

test('the period picker asks for the last 30 days, in the URL', async () => {
  const browser = await openBrowser(PHONE);
  try {
    const { page } = browser;
    await signIn(page, shop.server.base, 'viewer');
    await page.waitForURL('**/overview');
    const api = await query(owner, shop.workspace, { ...SCORES_QUERY, range: { last: '30d' } });
    await page.getByLabel('Period').selectOption('30d');
    await page.waitForURL(/period=30d/);
    const nps = api.rows.find((candidate) => candidate.metric === 'nps');
    // The item rated 0 forty days ago drops out: 5 promoters, 2 passives, 2 detractors of 9.
    assert.equal(nps.n, 9);
    await page.waitForFunction((n) => document.querySelector('[data-testid="score-nps-n"]')?.getAttribute('data-value') === String(n), nps.n);
    assert.equal(Number(await page.getByTestId('score-nps-value').getAttribute('data-value')), nps.value);
    await page.reload();
    await page.waitForFunction((n) => document.querySelector('[data-testid="score-nps-n"]')?.getAttribute('data-value') === String(n), nps.n);
    await page.locator('[data-testid="nps-trend-chart"][data-ready="true"]').waitFor();
    await screenshot(page, 'overview-phone-30d');
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});
