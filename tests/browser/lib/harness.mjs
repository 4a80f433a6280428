// Browser test harness: the real voxloop binary (tests/e2e/lib/server.mjs) with a workspace
// seeded over the API, and Debian's chromium driven by playwright-core — headless, with a
// fresh profile, no network beyond loopback. Screenshots go to $VOXLOOP_TEST_OUTPUT/browser/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { VoxloopServer, admin } from '../../e2e/lib/server.mjs';
import { Client } from '../../e2e/lib/client.mjs';

export const PASSWORD = 'a long test password';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

const OUTPUT = join(process.env.VOXLOOP_TEST_OUTPUT ?? new URL('../../../test-output', import.meta.url).pathname, 'browser');

// Starts the server and provisions one workspace: people for the given roles (e-mail
// `<role>@shop.test`, name `Test <role>`; their user ids in `users`), an agent token for
// writes, and the demo feedback below. `serverArgs` go to `voxloop serve`.
export async function startShop({ roles = ['owner', 'analyst'], feedback = seedFeedback(), serverArgs = [] } = {}) {
  const server = await new VoxloopServer({ extraArgs: serverArgs }).start();
  const workspace = admin(server, ['create-workspace', '--name', 'Cửa hàng Lan', '--timezone', 'Asia/Ho_Chi_Minh']);
  const users = {};
  for (const role of roles) {
    users[role] = admin(server, ['create-user', '--email', `${role}@shop.test`, '--role', role, '--workspace', workspace,
      '--name', `Test ${role}`], `${PASSWORD}\n`);
  }
  const token = admin(server, ['create-token', '--workspace', workspace, '--role', 'agent', '--name', 'seed']);
  const api = new Client(server.base, { token });
  const feedbackPath = `/api/v1/workspaces/${workspace}/feedback`;
  for (let start = 0; start < feedback.length; start += 500) {
    const response = await api.post(feedbackPath, { items: feedback.slice(start, start + 500) });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${response.text}`);
  }
  return { server, workspace, api, feedbackPath, users };
}

// 70 items over 35 days: more than one page (50), in three languages and several channels,
// with customers whose contact details are personal data.
export function seedFeedback() {
  const texts = {
    vi: 'Giao hàng chậm, nhân viên thân thiện',
    zh: '快递太慢了，但客服很好',
    en: 'Great coffee, slow delivery',
  };
  const channels = ['chat', 'email', 'review', 'survey', 'social'];
  const languages = ['vi', 'zh', 'en'];
  const day = 24 * 3600 * 1000;
  const now = Date.now();
  return Array.from({ length: 70 }, (_, index) => {
    const language = languages[index % 3];
    return {
      channel: channels[index % channels.length],
      text: `${texts[language]} #${index}`,
      rating: index % 11,
      external_id: `seed-${index}`,
      received_at: new Date(now - (index + 1) * day / 2).toISOString(),
      customer: { external_id: `cust-${index % 7}`, email: `khach${index % 7}@example.vn`,
        name: 'Nguyễn Thị Lan', phone: `+8491234567${index % 7}`, attributes: { plan: index % 2 ? 'pro' : 'free' } },
    };
  });
}

// A headless chromium with a fresh profile; closes and removes it with `close()`.
export async function openBrowser(viewport = DESKTOP) {
  const profile = mkdtempSync(join(tmpdir(), 'voxloop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.VOXLOOP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'en-GB',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const problems = watchPage(page);
  return {
    context, page, problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Collects what must never happen on a page: dialogs (a script ran), CSP violations and
// uncaught errors.
function watchPage(page) {
  const problems = [];
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`);
    }
  });
  return problems;
}

export async function signIn(page, base, role) {
  await page.goto(`${base}/app/login`);
  await page.getByLabel('E-mail').fill(`${role}@shop.test`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

export async function screenshot(page, name) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}
