// Drill-down: a click on a chart's bar or point (a real click on the canvas, where ECharts drew
// it) opens exactly the feedback behind that number — the same items the query API's
// drill-down answers — as text, never markup; the list is a shareable link and each item opens
// its detail page. The Explorer's chart exports its rows for roles allowed to export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';
import { chartKeys, clickChartTarget, ownerClient, queryUntil } from './lib/metrics.mjs';

const XSS = '<img src=x onerror=alert(1)>';
const FEEDBACK = [
  { channel: 'chat', text: XSS, rating: 9 },
  { channel: 'chat', text: 'Nhân viên chat trả lời rất nhanh', rating: 3 },
  { channel: 'chat', text: '客服回复很快', rating: 10 },
  { channel: 'email', text: 'The invoice address was wrong', rating: 7 },
  { channel: 'email', text: 'Không nhận được hoá đơn' },
  { channel: 'review', text: 'Good shop' },
];
const textsOf = (channel) => FEEDBACK.filter((item) => item.channel === channel).map((item) => item.text).sort();

let shop;
let owner;
let browser;
before(async () => {
  shop = await startShop({ roles: ['analyst', 'viewer'], feedback: FEEDBACK });
  owner = ownerClient(shop);
  await queryUntil(owner, shop.workspace, { metric: 'count' }, (answer) => answer.rows[0]?.n === FEEDBACK.length);
  browser = await openBrowser(DESKTOP);
  await signIn(browser.page, shop.server.base, 'analyst');
  await browser.page.waitForURL('**/explorer');
});
after(async () => {
  await browser?.close();
  await shop?.server.stop();
  shop?.server.cleanup();
});

// The drill-down list as shown: each item's text and id.
async function drilledItems(page) {
  const list = page.getByTestId('drilldown-list');
  await list.waitFor();
  return list.locator('.feedback-card').evaluateAll((cards) => cards.map((card) => ({
    id: card.getAttribute('data-feedback-id'), text: card.querySelector('.feedback-text').textContent,
  })));
}

test('a click on the chat bar of the Explorer chart lists exactly the chat feedback, as text', async () => {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer?by=channel`);
  await page.locator('[data-testid="explorer-chart-canvas"][data-ready="true"]').waitFor();
  const keys = await chartKeys(page, 'explorer-chart-canvas');
  assert.deepEqual(keys, ['chat', 'email', 'review'], 'bars by volume');
  await screenshot(page, 'drilldown-explorer-chart');
  await clickChartTarget(page, 'explorer-chart-canvas', keys.indexOf('chat'));
  await page.waitForURL(/\/drilldown\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('metric'), 'count');
  assert.equal(url.searchParams.get('g.channel'), 'chat');

  const shown = await drilledItems(page);
  assert.deepEqual(shown.map((item) => item.text).sort(), textsOf('chat'));
  // The page shows what the API's drill-down answers, in its order (newest first).
  const api = await owner.post(`/api/v1/workspaces/${shop.workspace}/query/feedback`,
    { metric: 'count', group: { channel: 'chat' }, limit: 50 });
  assert.equal(api.status, 200, api.text);
  assert.deepEqual(shown.map((item) => item.id), api.json.items.map((item) => item.id));
  // Markup in feedback is text: shown literally, no element made of it, no script run.
  assert.ok(shown.some((item) => item.text === XSS));
  await page.getByText(XSS, { exact: true }).waitFor();
  assert.equal(await page.locator('main img, main script').count(), 0);
  await screenshot(page, 'drilldown-chat');

  // A shared link opens the same list.
  await page.reload();
  assert.deepEqual((await drilledItems(page)).map((item) => item.id), api.json.items.map((item) => item.id));

  // Each item opens its detail page with its analysis.
  await page.locator('.feedback-card', { hasText: '客服回复很快' }).locator('.feedback-link').click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  assert.equal(await page.locator('.detail-text').innerText(), '客服回复很快');
  await page.getByRole('region', { name: 'Analysis' }).waitFor();
  assert.deepEqual(browser.problems, [], 'no dialog, CSP violation or page error');
});

test('a click on a point of the NPS trend lists the rated feedback of that week', async () => {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/overview`);
  await page.locator('[data-testid="nps-trend-chart"][data-ready="true"]').waitFor();
  const weeks = await chartKeys(page, 'nps-trend-chart');
  // Everything arrived now: the last week holds the four NPS answers (ratings 0–10).
  await clickChartTarget(page, 'nps-trend-chart', weeks.length - 1);
  await page.waitForURL(/\/drilldown\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('metric'), 'nps');
  assert.equal(url.searchParams.get('g.time'), weeks.at(-1));
  assert.equal(url.searchParams.get('interval'), 'week');
  const expected = FEEDBACK.filter((item) => Number.isInteger(item.rating) && item.rating <= 10).map((item) => item.text).sort();
  assert.deepEqual((await drilledItems(page)).map((item) => item.text).sort(), expected);
  await screenshot(page, 'drilldown-nps-week');
  assert.deepEqual(browser.problems, []);
});

test('the table under a chart links to the same drill-down', async () => {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer?by=channel`);
  await page.locator('[data-testid="explorer-chart-canvas"][data-ready="true"]').waitFor();
  await page.getByText('Show the numbers as a table').first().click();
  await page.getByTestId('explorer-chart-canvas-table').getByRole('link', { name: 'E-mail' }).click();
  await page.waitForURL(/g\.channel=email/);
  assert.deepEqual((await drilledItems(page)).map((item) => item.text).sort(), textsOf('email'));
});

test('an analyst exports the chart\'s rows as CSV; a viewer sees no export', async () => {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer?by=channel`);
  await page.locator('[data-testid="explorer-chart-canvas"][data-ready="true"]').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  assert.match(header, /^channel,/);
  assert.ok(lines.some((line) => line.startsWith('chat,') && line.includes(',3,')), csv);
  assert.equal(await page.getByRole('button', { name: 'Export XLSX' }).count(), 1);

  const viewer = await openBrowser(DESKTOP);
  try {
    await signIn(viewer.page, shop.server.base, 'viewer');
    await viewer.page.waitForURL('**/overview');
    await viewer.page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer?by=channel`);
    await viewer.page.locator('[data-testid="explorer-chart-canvas"][data-ready="true"]').waitFor();
    assert.equal(await viewer.page.getByRole('button', { name: /^Export/ }).count(), 0);
    assert.deepEqual(viewer.problems, []);
  } finally {
    await viewer.close();
  }
  assert.deepEqual(browser.problems, []);
});
