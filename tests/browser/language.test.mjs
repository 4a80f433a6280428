// The interface in English, Vietnamese and Chinese: the user's setting (kept by the server),
// translated strings, and dates and numbers formatted for the language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

let shop;
let browser;
before(async () => {
  shop = await startShop();
  browser = await openBrowser(DESKTOP);
  await signIn(browser.page, shop.server.base, 'analyst');
  await browser.page.waitForURL('**/explorer');
});
after(async () => {
  await browser?.close();
  await shop?.server.stop();
  shop?.server.cleanup();
});

const LANGUAGES = {
  en: { option: 'English', tag: 'en-GB', heading: 'Explorer', nav: 'Overview', date: /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/ },
  vi: { option: 'Tiếng Việt', tag: 'vi-VN', heading: 'Khám phá', nav: 'Tổng quan', date: /thg/ },
  zh: { option: '中文', tag: 'zh-CN', heading: '探索', nav: '概览', date: /^\d{4}年\d{1,2}月\d{1,2}日/ },
};

async function expectLanguage(page, code) {
  const language = LANGUAGES[code];
  await page.getByRole('heading', { level: 1, name: language.heading }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), language.tag);
  await page.getByRole('link', { name: language.nav }).waitFor();
  await page.locator('.feed-list time').first().waitFor();
  const date = await page.locator('.feed-list time').first().innerText();
  assert.match(date, language.date, `${code} date: ${date}`);
}

async function savedLocale(page) {
  return page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).user.locale);
}

test('starts in the user\'s language, English', async () => {
  await expectLanguage(browser.page, 'en');
});

for (const code of ['vi', 'zh']) {
  test(`switches to ${code}, saves the setting and keeps it after a reload`, async () => {
    const { page } = browser;
    await page.locator('select[name="locale"]').selectOption({ label: LANGUAGES[code].option });
    await expectLanguage(page, code);
    await page.waitForFunction(async (expected) =>
      (await (await fetch('/api/v1/auth/me')).json()).user.locale === expected, code);
    assert.equal(await savedLocale(page), code);
    await page.reload();
    await expectLanguage(page, code);
    await screenshot(page, `language-${code}`);
  });
}

test('switching back to English restores every string', async () => {
  const { page } = browser;
  await page.locator('select[name="locale"]').selectOption({ label: 'English' });
  await expectLanguage(page, 'en');
  assert.deepEqual(browser.problems, []);
});
