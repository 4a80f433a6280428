// Replying to the customer from a case, in the browser — written to the contract of
// POST …/cases/{id}/replies, GET …/cases/{id}/messages and PATCH {"status": "resolved",
// "followup": true} (docs/api.md "Cases"), which are being built alongside this screen: until
// the server has them, this test fails where it first needs them.
//
// The agent writes a reply and sends it waiting on the customer: the reply is in the
// conversation (as text, never HTML), the case waits on the customer, and the mail reaches a
// real SMTP sink; resolving with "Send the follow-up survey" queues a follow-up message; an
// analyst (no pii.read) sees the conversation with its bodies hidden.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpSink } from '../e2e/lib/smtp_sink.mjs';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

const REPLY = 'Chào chị Mai, chúng tôi đã hoàn tiền <b>hôm nay</b>.';

let sink;
let shop;
let casesPath;
let caseId;
before(async () => {
  sink = await new SmtpSink().start();
  shop = await startShop({
    roles: ['owner', 'analyst', 'agent'], feedback: [],
    serverArgs: ['--smtp-url', sink.url, '--mail-from', 'Cửa hàng Lan <cskh@shop.vn>', '--public-url', 'https://cx.shop.vn'],
  });
  casesPath = `/api/v1/workspaces/${shop.workspace}/cases`;
  const posted = await shop.api.post(shop.feedbackPath, {
    channel: 'email', text: 'Tôi muốn hoàn tiền, hàng bị vỡ',
    customer: { external_id: 'c-mai', email: 'mai@example.vn', name: 'Lê Thị Mai' },
  });
  assert.equal(posted.status, 201, posted.text);
  const created = await shop.api.post(casesPath, { title: 'Hàng bị vỡ', feedback_ids: [posted.json.id], assignee_id: shop.users.agent });
  assert.equal(created.status, 201, created.text);
  caseId = created.json.id;
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
  await sink?.stop();
});

const app = (rest) => `${shop.server.base}/app/w/${shop.workspace}/${rest}`;

async function messages() {
  const answer = await shop.api.get(`${casesPath}/${caseId}/messages`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json.items;
}

describe('replies', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser(DESKTOP);
    page = browser.page;
    await signIn(page, shop.server.base, 'agent');
  });
  after(async () => {
    assert.deepEqual(browser?.problems ?? [], [], 'no dialog, CSP violation or page error');
    await browser?.close();
  });

  test('the agent replies and waits on the customer; the mail goes out', async () => {
    await page.goto(app(`cases/${caseId}`));
    const conversation = page.getByRole('region', { name: 'Conversation with the customer' });
    await conversation.getByText('No messages yet.').waitFor();
    await page.getByLabel('Reply to the customer').fill(REPLY);
    assert.equal(await page.getByLabel('Then wait on the customer').isChecked(), true);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply queued for sending.').waitFor();
    const sent = conversation.locator('[data-direction="outbound"]');
    await sent.first().waitFor();
    assert.equal(await sent.first().locator('.message-body').innerText(), REPLY);
    assert.equal(await conversation.locator('b').count(), 0, 'the reply is text, not HTML');
    assert.equal(await page.getByLabel('Reply to the customer').inputValue(), '');

    const stored = await messages();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].direction, 'outbound');
    assert.equal(stored[0].kind, 'reply');
    assert.equal(stored[0].body, REPLY);
    const detail = await shop.api.get(`${casesPath}/${caseId}`);
    assert.equal(detail.json.status, 'waiting_on_customer');
    await page.getByTestId('case-status').getByText('Waiting on customer').waitFor();
    assert.ok(detail.json.history.some((event) => event.kind === 'reply'), 'the history records the reply');
    await page.getByRole('region', { name: 'History' }).locator('[data-kind="reply"]').waitFor();

    const mail = await sink.waitFor((message) => message.to.includes('mai@example.vn'));
    assert.match(mail.text, /hoàn tiền/);
    await screenshot(page, 'case-reply');
  });

  test('resolving with the follow-up survey queues the follow-up', async () => {
    const work = page.getByRole('region', { name: 'Work the case' });
    await work.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
    await work.getByLabel('Send the follow-up survey').check();
    await work.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const detail = await shop.api.get(`${casesPath}/${caseId}`);
    assert.equal(detail.json.status, 'resolved');
    const followups = (await messages()).filter((message) => message.kind === 'followup');
    assert.equal(followups.length, 1);
    await page.reload();
    await page.getByRole('region', { name: 'Conversation with the customer' })
      .locator('.message', { hasText: 'Follow-up survey' }).waitFor();
  });
});

test('an analyst sees the conversation with its bodies hidden, and no reply box', async () => {
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await signIn(page, shop.server.base, 'analyst');
    await page.goto(app(`cases/${caseId}`));
    const conversation = page.getByRole('region', { name: 'Conversation with the customer' });
    await conversation.locator('.message').first().waitFor();
    assert.equal(await conversation.getByText(REPLY).count(), 0);
    assert.ok(await conversation.getByText('The message is hidden for your role.').count() >= 1);
    assert.equal(await page.getByLabel('Reply to the customer').count(), 0);
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});
