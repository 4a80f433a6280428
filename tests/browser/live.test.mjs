// New feedback appears without a reload (Server-Sent Events), where the filters let it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

let shop;
let browser;
before(async () => {
  shop = await startShop();
  browser = await openBrowser(DESKTOP);
  await signIn(browser.page, shop.server.base, 'owner');
  await browser.page.waitForURL('**/overview');
});
after(async () => {
  await browser?.close();
  await shop?.server.stop();
  shop?.server.cleanup();
});

async function openLive(path) {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/${path}`);
  await page.locator('.feed-list > li').first().waitFor();
  await page.locator('.live-status[data-state="open"]').waitFor();
  return page;
}

test('a new item appears on top of the list as it is posted', async () => {
  const page = await openLive('explorer');
  const before = await page.locator('.feed-list > li').count();
  const posted = await shop.api.post(shop.feedbackPath, { channel: 'chat', text: 'Vừa nhận hàng, rất hài lòng!' });
  assert.equal(posted.status, 201);
  const fresh = page.locator(`.feedback-card.is-fresh[data-feedback-id="${posted.json.id}"]`);
  await fresh.waitFor({ timeout: 10000 });
  assert.equal(await page.locator('.feed-list > li').first().locator('.feedback-text').innerText(), 'Vừa nhận hàng, rất hài lòng!');
  assert.equal(await page.locator('.feed-list > li').count(), before + 1);
  await page.getByText('New feedback: 1').waitFor({ state: 'attached' });
  await screenshot(page, 'live-new-item');
});

test('an item outside the filters stays out; one inside comes in', async () => {
  const page = await openLive('explorer?channel=email');
  const outside = await shop.api.post(shop.feedbackPath, { channel: 'chat', text: 'not an e-mail' });
  const inside = await shop.api.post(shop.feedbackPath, { channel: 'email', text: '邮件反馈：发票地址错了' });
  await page.locator(`[data-feedback-id="${inside.json.id}"]`).waitFor({ timeout: 10000 });
  assert.equal(await page.locator(`[data-feedback-id="${outside.json.id}"]`).count(), 0);
  assert.deepEqual(browser.problems, []);
});
