// Customer text is text, never HTML, and personal data follows the role: an owner sees a
// customer's contact details, an analyst sees them masked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let shop;
let itemId;
before(async () => {
  shop = await startShop({ feedback: [] });
  const created = await shop.api.post(shop.feedbackPath, {
    channel: 'review', text: XSS,
    customer: { email: 'tran.minh@example.vn', name: 'Trần Văn Minh', phone: '+84912345678',
      attributes: { note: '<script>alert(2)</script>' } },
  });
  assert.equal(created.status, 201, created.text);
  itemId = created.json.id;
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

test('markup in feedback is shown as text, and no script runs', async () => {
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await signIn(page, shop.server.base, 'owner');
    await page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer`);
    const text = page.locator('.feedback-text').first();
    await text.waitFor();
    assert.equal(await text.innerText(), XSS);
    assert.equal(await page.locator('.feed-list img').count(), 0);
    await screenshot(page, 'privacy-xss-list');
    await text.click();
    await page.locator('.detail-text').waitFor();
    assert.equal(await page.locator('.detail-text').innerText(), XSS);
    await page.getByText('<script>alert(2)</script>').waitFor();
    assert.equal(await page.locator('main img, main script').count(), 0);
    await screenshot(page, 'privacy-xss-detail');
    assert.deepEqual(browser.problems, [], 'no dialog, CSP violation or page error');
  } finally {
    await browser.close();
  }
});

test('an owner sees contact details, an analyst sees them masked', async () => {
  const expected = {
    owner: ['Trần Văn Minh', 'tran.minh@example.vn', '+84912345678'],
    analyst: ['T. V. M.', 't***@example.vn', '+84******678'],
  };
  for (const [role, facts] of Object.entries(expected)) {
    const browser = await openBrowser(DESKTOP);
    try {
      const { page } = browser;
      await signIn(page, shop.server.base, role);
      await page.waitForURL(/\/app\/w\/\d+\/\w+/);
      await page.goto(`${shop.server.base}/app/w/${shop.workspace}/feedback/${itemId}`);
      const customer = page.getByRole('region', { name: 'Customer' });
      await customer.getByText(facts[1]).waitFor();
      const shown = await customer.locator('dd').allInnerTexts();
      for (const fact of facts) assert.ok(shown.includes(fact), `${role} sees ${fact}: ${shown.join(' | ')}`);
      const masked = await customer.getByText('Contact details are masked for your role.').count();
      assert.equal(masked, role === 'analyst' ? 1 : 0);
      await screenshot(page, `privacy-customer-${role}`);
    } finally {
      await browser.close();
    }
  }
});
