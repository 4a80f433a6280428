// Explorer: filters in the URL, cursor paging, item detail with analysis and customer, saved
// views and shareable links — on a desktop and on a phone.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

let shop;
before(async () => { shop = await startShop(); });
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

const cards = (page) => page.locator('.feed-list > li');

// Waits until the list shows exactly `count` items.
async function expectCount(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('.feed-list > li').length === n
    || (n === 0 && document.querySelector('.empty')), count);
  assert.equal(await cards(page).count(), count);
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  describe(`explorer on a ${name}`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await openBrowser(viewport);
      page = browser.page;
      await signIn(page, shop.server.base, 'analyst');
      await page.waitForURL('**/explorer');
    });
    after(async () => { await browser?.close(); });

    test('pages through every item with the cursor', async () => {
      await expectCount(page, 50);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expectCount(page, 70);
      assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
      // Newest first: the seed's item #0 is the most recent.
      assert.match(await cards(page).first().locator('.feedback-text').innerText(), /#0$/);
      await screenshot(page, `explorer-${name}-all`);
    });

    test('filters by channel and text, and the URL holds the filters', async () => {
      await page.getByLabel('Channel').selectOption('chat');
      await page.waitForURL(/channel=chat/);
      await expectCount(page, 14);
      for (const badge of await page.locator('.feedback-meta .badge:nth-child(2)').allInnerTexts()) {
        assert.equal(badge, 'Chat');
      }
      await page.getByLabel('Text contains').fill('COFFEE');
      await page.getByLabel('Text contains').press('Enter');
      await page.waitForURL(/q=COFFEE/);
      // Chat is every 5th item from #0, English every 3rd from #2: #5, #20, #35, #50, #65.
      await expectCount(page, 5);
      assert.deepEqual((await page.locator('.feedback-text').allInnerTexts()).map((t) => t.split('#')[1]),
        ['5', '20', '35', '50', '65']);
      // The same link, opened afresh, shows the same list.
      await page.reload();
      await expectCount(page, 5);
      assert.equal(await page.getByLabel('Channel').inputValue(), 'chat');
      await screenshot(page, `explorer-${name}-filtered`);
    });

    test('filters by period in the workspace time zone', async () => {
      await page.getByRole('button', { name: 'Clear all' }).click();
      await expectCount(page, 50);
      await page.getByLabel('Period').selectOption('7d');
      await page.waitForURL(/range=7d/);
      // Item #n arrived (n + 1) × 12 hours before seeding: #0–#12 are within the last 7 days.
      await expectCount(page, 13);
    });

    test('opens an item with its analysis and its customer, masked for an analyst', async () => {
      await cards(page).first().locator('.feedback-link').click();
      await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
      assert.match(await page.locator('.detail-text').innerText(), /#0$/);
      const analysis = page.getByRole('region', { name: 'Analysis' });
      await analysis.getByText('Sentiment').waitFor();
      const customer = page.getByRole('region', { name: 'Customer' });
      await customer.getByText('Contact details are masked for your role.').waitFor();
      const facts = await customer.locator('dd').allInnerTexts();
      assert.ok(facts.includes('k***@example.vn'), facts.join(' | '));
      assert.ok(facts.includes('N. T. L.'), facts.join(' | '));
      assert.ok(!facts.some((fact) => fact.includes('khach0@')), 'the e-mail is not shown in full');
      await screenshot(page, `explorer-${name}-detail`);
      await page.getByRole('link', { name: 'All feedback from this customer' }).click();
      await page.waitForURL(/customer=\d+/);
      await expectCount(page, 10);
    });

    test('saves the current filters as a view and opens it again', async () => {
      await page.getByRole('button', { name: 'Clear all' }).click();
      await page.locator('select[name="language"]').selectOption('zh');
      await page.waitForURL(/language=zh/);
      await page.getByLabel('Name of this view').fill(`Khách Trung Quốc ${name}`);
      await page.getByLabel('Share with the workspace').check();
      await page.getByRole('button', { name: 'Save view' }).click();
      const link = page.getByRole('link', { name: `Khách Trung Quốc ${name}` });
      await link.waitFor();
      await page.getByRole('button', { name: 'Clear all' }).click();
      await page.waitForURL((url) => !url.search.includes('language'));
      await link.click();
      await page.waitForURL(/language=zh/);
      await page.waitForFunction(() => document.querySelector('select[name="language"]').value === 'zh');
      await screenshot(page, `explorer-${name}-saved-view`);
      assert.deepEqual(browser.problems, []);
    });
  });
}
