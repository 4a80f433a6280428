// Signing in and out, the workspace picker and the role-aware home.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { admin } from '../e2e/lib/server.mjs';
import { Client } from '../e2e/lib/client.mjs';
import { DESKTOP, PHONE, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

let shop;
let browser;
before(async () => {
  shop = await startShop({ roles: ['owner', 'analyst', 'agent'] });
  browser = await openBrowser(DESKTOP);
});
after(async () => {
  await browser?.close();
  await shop?.server.stop();
  shop?.server.cleanup();
});

test('a wrong password is refused with a message, the right one signs in', async () => {
  const { page } = browser;
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/explorer`);
  await page.waitForURL('**/app/login');
  await page.getByLabel('E-mail').fill('owner@shop.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' }).waitFor();
  await screenshot(page, 'signin-wrong-password');
  await page.getByLabel('Password').fill('a long test password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back to where the visitor was going before sign-in.
  await page.waitForURL(`**/app/w/${shop.workspace}/explorer`);
  await page.getByRole('heading', { level: 1, name: 'Explorer' }).waitFor();
  assert.deepEqual(browser.problems, []);
});

test('each role starts on its own home screen', async () => {
  const { page } = browser;
  const homes = { owner: ['overview', 'Overview'], analyst: ['explorer', 'Explorer'], agent: ['inbox', 'Feedback to handle'] };
  for (const [role, [path, heading]] of Object.entries(homes)) {
    await browser.context.clearCookies();
    await signIn(page, shop.server.base, role);
    await page.waitForURL(`**/app/w/${shop.workspace}/${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
});

test('with two workspaces the picker lists both with the role in each', async () => {
  const second = admin(shop.server, ['create-workspace', '--name', '北京门店', '--timezone', 'Asia/Shanghai']);
  const token = admin(shop.server, ['create-token', '--workspace', second, '--role', 'owner', '--name', 'setup']);
  const added = await new Client(shop.server.base, { token })
    .post(`/api/v1/workspaces/${second}/members`, { email: 'owner@shop.test', role: 'viewer' });
  assert.equal(added.status, 201, added.text);
  const { page } = browser;
  await browser.context.clearCookies();
  await signIn(page, shop.server.base, 'owner');
  await page.waitForURL('**/app/workspaces');
  const cards = page.locator('.workspace-card');
  await cards.nth(1).waitFor();
  assert.deepEqual(await cards.allInnerTexts(), ['Cửa hàng Lan\nOwner', '北京门店\nViewer']);
  await screenshot(page, 'signin-workspace-picker');
  await cards.filter({ hasText: '北京门店' }).click();
  await page.waitForURL(`**/app/w/${second}/overview`);
  // The switcher moves to the same screen in the other workspace.
  await page.getByRole('link', { name: 'Explorer' }).click();
  await page.locator('select[name="workspace"]').selectOption({ label: 'Cửa hàng Lan' });
  await page.waitForURL(`**/app/w/${shop.workspace}/explorer`);
});

test('signing out ends the session; the app asks to sign in again', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/app/login');
  await page.goto(`${shop.server.base}/app/w/${shop.workspace}/overview`);
  await page.waitForURL('**/app/login');
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);
});

test('on a phone the navigation folds behind the menu button', async () => {
  const phone = await openBrowser(PHONE);
  try {
    const { page } = phone;
    await signIn(page, shop.server.base, 'analyst');
    await page.waitForURL('**/explorer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.isVisible(), false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.waitFor({ state: 'visible' });
    await screenshot(page, 'signin-phone-menu');
    await nav.getByRole('link', { name: 'To handle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Feedback to handle' }).waitFor();
    assert.equal(await nav.isVisible(), false, 'the menu closes after choosing');
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.close();
  }
});
