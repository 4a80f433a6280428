// The notification bell: an agent signed in sees no unread notifications; an admin assigns
// them a case over the API and the bell counts it live (no reload), the panel shows it — an
// HTML-looking case title as plain text — and opening it marks it read and goes to the
// case; "Mark all read" clears two at once; Escape and a click outside close the panel.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { admin } from '../e2e/lib/server.mjs';
import { Client, login } from '../e2e/lib/client.mjs';
import { DESKTOP, PASSWORD, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

const HTML_TITLE = 'Hoàn tiền <img src=x onerror=alert(1)> đơn #7';

let shop;
let adminApi;
let agentApi;
let casesPath;
let notificationsPath;
before(async () => {
  shop = await startShop({ roles: ['admin', 'agent'], feedback: [] });
  const token = admin(shop.server, ['create-token', '--workspace', shop.workspace, '--role', 'admin', '--name', 'notifications-test']);
  adminApi = new Client(shop.server.base, { token });
  const session = await login(shop.server.base, 'agent@shop.test', PASSWORD);
  assert.equal(session.status, 200);
  agentApi = new Client(shop.server.base, { cookie: session.cookie, csrf: session.json.csrf_token });
  casesPath = `/api/v1/workspaces/${shop.workspace}/cases`;
  notificationsPath = `/api/v1/workspaces/${shop.workspace}/notifications`;
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

let customerIndex = 0;

// Opens a case by hand (as the admin) on a new customer's feedback, then assigns it to the
// agent with a PATCH — the assignment is what notifies them.
async function assignNewCase(title) {
  customerIndex += 1;
  const posted = await adminApi.post(shop.feedbackPath, {
    channel: 'email', text: `Đơn hàng giao sai lần ${customerIndex}`, rating: 2,
    customer: { external_id: `notify-${customerIndex}`, email: `khach${customerIndex}@example.vn`, name: 'Trần Văn An' },
  });
  assert.equal(posted.status, 201, posted.text);
  const created = await adminApi.post(casesPath, { title, feedback_ids: [posted.json.id] });
  assert.equal(created.status, 201, created.text);
  const assigned = await adminApi.patch(`${casesPath}/${created.json.id}`, { assignee_id: shop.users.agent });
  assert.equal(assigned.status, 200, assigned.text);
  return created.json;
}

const bellCount = (page, count) => page.locator(`[data-testid="notification-count"][data-value="${count}"]`);
const bell = (page) => page.getByRole('button', { name: /^Notifications/ });
const panel = (page) => page.getByTestId('notification-panel');

describe('the notification bell', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser(DESKTOP);
    page = browser.page;
    await signIn(page, shop.server.base, 'agent');
    await page.locator('.live-status[data-state="open"]').waitFor();
  });
  after(async () => {
    assert.deepEqual(browser?.problems ?? [], [], 'no dialog, CSP violation or page error');
    await browser?.close();
  });

  test('shows nothing unread at first, and an empty panel that Escape closes', async () => {
    await bellCount(page, 0).waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('notification-count').isHidden(), true);
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await bell(page).click();
    await panel(page).getByText('No notifications yet.').waitFor();
    assert.equal(await bell(page).getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    assert.equal(await bell(page).evaluate((element) => element === document.activeElement), true,
      'focus goes back to the bell');
  });

  test('counts an assignment live and lists it with its title as text', async () => {
    await bell(page).click();
    await panel(page).getByText('No notifications yet.').waitFor();
    const assigned = await assignNewCase(HTML_TITLE);
    // The panel stays open: the item comes in from the event stream, not from a reload.
    await bellCount(page, 1).waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: 'Notifications, 1 unread', exact: true }).waitFor();
    assert.equal(await page.getByTestId('notification-count').innerText(), '1');
    const item = panel(page).locator('.notification-item[data-kind="case.assigned"]');
    await item.waitFor();
    assert.equal(await item.getAttribute('data-unread'), 'true');
    await item.getByText('Unread', { exact: true }).waitFor();
    const title = await item.locator('.notification-title').innerText();
    assert.ok(title.includes(HTML_TITLE), `the title shows the case title as text: ${title}`);
    assert.equal(await panel(page).locator('img').count(), 0, 'no element made from the title');
    await screenshot(page, 'notifications-panel');

    await item.click();
    await page.waitForURL((url) => url.pathname === `/app/w/${shop.workspace}/cases/${assigned.id}`);
    await page.getByRole('heading', { level: 1, name: HTML_TITLE }).waitFor();
    await panel(page).waitFor({ state: 'detached' });
    await bellCount(page, 0).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    const stored = await agentApi.get(notificationsPath);
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.json.unread_count, 0);
    assert.equal(stored.json.items.length, 1);
    assert.equal(stored.json.items[0].kind, 'case.assigned');
    assert.equal(stored.json.items[0].link, `/app/w/${shop.workspace}/cases/${assigned.id}`);
    assert.ok(stored.json.items[0].read_at, 'the notification is stored as read');
    assert.deepEqual(browser.problems, []);
  });

  test('"Mark all read" clears two unread notifications', async () => {
    await assignNewCase('Khách chờ hoàn tiền 1');
    await assignNewCase('Khách chờ hoàn tiền 2');
    await bellCount(page, 2).waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: 'Notifications, 2 unread', exact: true }).waitFor();
    await bell(page).click();
    const unread = panel(page).locator('.notification-item[data-unread="true"]');
    await page.waitForFunction(() => document.querySelectorAll('.notification-item[data-unread="true"]').length === 2);
    // Newest first.
    const titles = await panel(page).locator('.notification-title').allInnerTexts();
    assert.equal(titles.length, 3);
    assert.ok(titles[0].includes('Khách chờ hoàn tiền 2'), titles.join(' | '));
    assert.ok(titles[1].includes('Khách chờ hoàn tiền 1'), titles.join(' | '));

    await panel(page).getByRole('button', { name: 'Mark all read' }).click();
    await bellCount(page, 0).waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.querySelectorAll('.notification-item').length === 3
      && document.querySelectorAll('.notification-item[data-unread="true"]').length === 0);
    assert.equal(await unread.count(), 0);
    assert.equal(await panel(page).getByRole('button', { name: 'Mark all read' }).isDisabled(), true);

    const stored = await agentApi.get(`${notificationsPath}?unread=true`);
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.json.unread_count, 0);
    assert.deepEqual(stored.json.items, []);

    // A click outside closes the panel.
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await panel(page).waitFor({ state: 'detached' });
    await screenshot(page, 'notifications-all-read');
  });

  test('shows the newest 20, and "Show older" adds the rest without repeating any', async () => {
    // 3 so far; 20 more makes 23.
    for (let n = 1; n <= 20; n += 1) await assignNewCase(`Đơn chậm số ${n}`);
    await bellCount(page, 20).waitFor({ timeout: 20000 });
    await page.reload();
    await page.locator('.live-status[data-state="open"]').waitFor();
    await bellCount(page, 20).waitFor({ state: 'attached' });
    await bell(page).click();
    await page.waitForFunction(() => document.querySelectorAll('.notification-item').length === 20);
    const older = panel(page).getByRole('button', { name: 'Show older' });
    await older.click();
    await page.waitForFunction(() => document.querySelectorAll('.notification-item').length === 23);
    await older.waitFor({ state: 'detached' });
    const ids = await panel(page).locator('.notification-item').evaluateAll(
      (items) => items.map((item) => item.getAttribute('data-notification-id')));
    assert.equal(new Set(ids).size, 23, 'no notification listed twice');
    const titles = await panel(page).locator('.notification-title').allInnerTexts();
    assert.ok(titles[0].includes('Đơn chậm số 20'), titles[0]);
    assert.ok(titles[22].includes(HTML_TITLE), `the oldest comes last: ${titles[22]}`);
    assert.equal(await bellCount(page, 20).count(), 1, 'the unread count is unchanged');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
  });
});
