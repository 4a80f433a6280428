// Cases in the browser: an owner writes a rule in the editor, feedback posted over the API
// fires it and opens a case; the agent finds it in "My cases", opens it, changes its status
// and assignee, adds a note and sees the history grow, meets a conflict when the case moved
// on meanwhile; bulk changes (with a failure shown); views and filters in the URL; cursor
// paging; a viewer has no Cases, an analyst reads them without write controls.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

const REFUND_TEXT = 'Tôi muốn hoàn tiền ngay, đơn hàng giao sai';

let shop;
let casesPath;
before(async () => {
  shop = await startShop({ roles: ['owner', 'admin', 'analyst', 'agent', 'viewer'], feedback: [] });
  casesPath = `/api/v1/workspaces/${shop.workspace}/cases`;
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

const app = (rest) => `${shop.server.base}/app/w/${shop.workspace}/${rest}`;
const rows = (page) => page.locator('.case-table tbody tr');
const rowOf = (page, title) => page.locator('.case-table tbody tr', { has: page.getByRole('link', { name: title, exact: true }) });

async function getCase(id) {
  const answer = await shop.api.get(`${casesPath}/${id}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json;
}

async function listAll(query = '') {
  const answer = await shop.api.get(`${casesPath}?limit=200${query ? `&${query}` : ''}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json.items;
}

async function createCase(title) {
  const created = await shop.api.post(casesPath, { title });
  assert.equal(created.status, 201, created.text);
  return created.json;
}

// Waits until the queue shows exactly `count` rows (or says it is empty for 0).
async function expectRows(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('.case-table tbody tr').length === n
    || (n === 0 && document.querySelector('.cases .empty')), count);
  assert.equal(await rows(page).count(), count);
}

describe('cases', () => {
  let refundCase;

  test('a rule written in the editor opens a case for matching feedback', async () => {
    const browser = await openBrowser(DESKTOP);
    try {
      const { page } = browser;
      await signIn(page, shop.server.base, 'owner');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
      await page.getByRole('link', { name: 'New rule' }).click();
      await page.getByLabel('Name').fill('Refunds to support');
      const condition = page.getByRole('group', { name: 'Condition 1' });
      await condition.getByLabel('Field').selectOption('text');
      await condition.getByLabel('Operator').selectOption('contains');
      await condition.getByLabel('Value').fill('hoàn tiền');
      const first = page.getByRole('group', { name: 'Action 1' });
      await first.getByLabel('Action', { exact: true }).selectOption('create_case');
      await first.getByLabel('Team').fill('support');
      await page.getByRole('button', { name: 'Add action' }).click();
      const second = page.getByRole('group', { name: 'Action 2' });
      await second.getByLabel('Action', { exact: true }).selectOption('assign');
      await second.getByLabel('Assign to').selectOption({ label: 'Test agent' });
      await page.getByRole('button', { name: 'Create rule' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/rules'));
      await page.getByRole('link', { name: 'Refunds to support' }).waitFor();

      const posted = await shop.api.post(shop.feedbackPath, {
        channel: 'email', text: REFUND_TEXT, rating: 1,
        customer: { external_id: 'c-refund', email: 'mai@example.vn', name: 'Lê Thị Mai' },
      });
      assert.equal(posted.status, 201, posted.text);
      const opened = await listAll();
      assert.equal(opened.length, 1, 'the rule opened one case');
      refundCase = opened[0];
      assert.deepEqual(refundCase.feedback_item_ids, [posted.json.id]);
      assert.equal(refundCase.team, 'support');
      assert.equal(refundCase.assignee_id, shop.users.agent);
      assert.deepEqual(browser.problems, []);
    } finally {
      await browser.close();
    }
  });

  describe('the agent', () => {
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

    test('finds the case in "My cases" with its team, assignee, priority, due time and items', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
      await page.getByRole('link', { name: 'My cases' }).click();
      await page.waitForURL(/view=mine/);
      await expectRows(page, 1);
      const row = rowOf(page, refundCase.title);
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      // checkbox, title, status, priority, assignee, team, due, items
      assert.equal(cells[2], 'New');
      assert.equal(cells[3].toLowerCase(), refundCase.priority);
      assert.equal(cells[4], 'Test agent');
      assert.equal(cells[5], 'support');
      assert.match(cells[6], /^(in |tomorrow)/, `due in the future: ${cells[6]}`);
      assert.equal(cells[7], '1');
      assert.equal(await row.locator('[data-overdue="true"]').count(), 0);
      await screenshot(page, 'cases-mine');
    });

    test('opens it, changes status and assignee, adds a note, and the history grows', async () => {
      await rowOf(page, refundCase.title).getByRole('link', { name: refundCase.title }).click();
      await page.getByRole('heading', { level: 1, name: refundCase.title }).waitFor();
      const items = page.getByRole('region', { name: /Feedback in this case/ });
      await items.getByText(REFUND_TEXT).waitFor();
      const link = items.getByRole('link', { name: REFUND_TEXT });
      assert.match(await link.getAttribute('href'), new RegExp(`/feedback/${refundCase.feedback_item_ids[0]}$`));

      const work = page.getByRole('region', { name: 'Work the case' });
      // Only the moves the server allows from "new".
      const statuses = await work.getByLabel('Status', { exact: true }).locator('option').allInnerTexts();
      assert.deepEqual(statuses, ['New (unchanged)', 'Open', 'Waiting on customer', 'Resolved', 'Closed']);
      await work.getByLabel('Status', { exact: true }).selectOption({ label: 'Open' });
      await work.getByLabel('Assignee').selectOption({ label: 'Test owner' });
      const level = refundCase.priority === 'low' ? 'high' : 'low';
      await work.getByLabel('Priority').selectOption(level);
      await work.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved.').waitFor();
      assert.equal(await page.getByTestId('case-status').innerText(), 'Open');
      assert.equal(await page.getByTestId('case-assignee').innerText(), 'Test owner');
      const stored = await getCase(refundCase.id);
      assert.equal(stored.status, 'open');
      assert.equal(stored.assignee_id, shop.users.owner);
      assert.equal(stored.priority, level);
      assert.equal(stored.priority_manual, true);

      const history = page.getByRole('region', { name: 'History' });
      const changed = history.locator('[data-kind="changed"]').last();
      await changed.waitFor();
      assert.match(await changed.locator('[data-field="status"]').innerText(), /Status: New → Open/);
      assert.match(await changed.locator('[data-field="assignee_id"]').innerText(), /Assignee: Test agent → Test owner/);
      const capital = (text) => text[0].toUpperCase() + text.slice(1);
      assert.equal(await changed.locator('[data-field="priority"]').innerText(),
        `Priority: ${capital(refundCase.priority)} → ${capital(level)}`);
      assert.equal(await work.getByLabel('Priority').inputValue(), level, 'a level set by hand stays chosen');
      assert.match(await changed.locator('.timeline-head').innerText(), /Test agent/, 'the agent made the change');

      // From "open", the status list has moved on too.
      const next = await work.getByLabel('Status', { exact: true }).locator('option').allInnerTexts();
      assert.deepEqual(next, ['Open (unchanged)', 'Waiting on customer', 'Resolved', 'Closed']);
      await work.getByLabel('Status', { exact: true }).selectOption({ label: 'Resolved' });
      await work.getByLabel('Send the follow-up survey').waitFor();
      await work.getByLabel('Status', { exact: true }).selectOption({ label: 'Open (unchanged)' });
      assert.equal(await work.getByLabel('Send the follow-up survey').count(), 0);

      const notesBefore = await history.locator('[data-kind="note"]').count();
      await page.getByRole('textbox', { name: 'Internal note' }).fill('Gọi lại cho khách lúc 15h <b>gấp</b>');
      await page.getByRole('button', { name: 'Add note' }).click();
      await history.locator('[data-kind="note"]').nth(notesBefore).waitFor();
      assert.equal(await history.locator('[data-kind="note"] .timeline-text').last().innerText(), 'Gọi lại cho khách lúc 15h <b>gấp</b>');
      assert.equal(await page.getByRole('textbox', { name: 'Internal note' }).inputValue(), '');
      const events = (await getCase(refundCase.id)).history.map((event) => event.kind);
      assert.deepEqual(events, ['created', 'changed', 'note']);
      assert.equal(await history.locator('li.timeline-entry').count(), events.length);
      await screenshot(page, 'case-detail');
    });

    test('says when the case changed meanwhile, and reloads it', async () => {
      const current = await getCase(refundCase.id);
      const elsewhere = await shop.api.patch(`${casesPath}/${refundCase.id}`, { team: 'billing', version: current.version });
      assert.equal(elsewhere.status, 200, elsewhere.text);
      const work = page.getByRole('region', { name: 'Work the case' });
      await work.getByLabel('Team', { exact: true }).fill('vip');
      await work.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('This case was changed meanwhile').waitFor();
      assert.equal((await getCase(refundCase.id)).team, 'billing', 'the stale change did not land');
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.getByTestId('case-team').getByText('billing').waitFor();
      assert.equal(await work.getByLabel('Team', { exact: true }).inputValue(), 'billing');
    });

    test('bulk-assigns two unassigned cases, and shows the ones a change could not apply to', async () => {
      const a = await createCase('Bulk A');
      const b = await createCase('Bulk B');
      await page.goto(app('cases'));
      await page.getByRole('link', { name: 'Unassigned' }).click();
      await page.waitForURL(/view=unassigned/);
      await expectRows(page, 2);
      await page.getByLabel('Select case Bulk A').check();
      await page.getByLabel('Select case Bulk B').check();
      await page.getByLabel('Assign to').selectOption({ label: 'Test agent' });
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await page.getByText('Changed: 2', { exact: true }).waitFor();
      for (const id of [a.id, b.id]) assert.equal((await getCase(id)).assignee_id, shop.users.agent);
      await expectRows(page, 0);  // nothing is unassigned any more

      await page.getByRole('link', { name: 'My cases' }).click();
      await page.waitForURL(/view=mine/);
      await expectRows(page, 2);
      await page.getByLabel('Select all cases shown').check();
      await page.getByLabel('Add tag').fill('đổi trả');
      await page.getByRole('button', { name: 'Tag', exact: true }).click();
      await page.getByText('Changed: 2', { exact: true }).waitFor();
      for (const id of [a.id, b.id]) assert.deepEqual((await getCase(id)).tags, ['đổi trả']);

      // B resolved elsewhere: "reopened" is a move B may make and A (new) may not.
      const resolved = await shop.api.patch(`${casesPath}/${b.id}`, { status: 'resolved' });
      assert.equal(resolved.status, 200, resolved.text);
      await page.getByRole('link', { name: 'My cases' }).click();
      await page.waitForURL(/view=mine/);
      await rowOf(page, 'Bulk A').waitFor();
      await page.getByRole('link', { name: 'All cases' }).click();
      await expectRows(page, 3);
      await page.getByLabel('Select case Bulk A').check();
      await page.getByLabel('Select case Bulk B').check();
      await page.getByLabel('Set status').selectOption({ label: 'Reopened' });
      await page.getByRole('button', { name: 'Set', exact: true }).click();
      await page.getByText('Changed: 1', { exact: true }).waitFor();
      await page.getByText('Not changed: 1').waitFor();
      const failures = page.getByRole('list', { name: 'Cases not changed' });
      assert.equal(await failures.locator('li').count(), 1);
      assert.match(await failures.locator('li').innerText(), /^Bulk A: This change is not allowed/);
      assert.equal((await getCase(a.id)).status, 'new');
      assert.equal((await getCase(b.id)).status, 'reopened');
      await rowOf(page, 'Bulk B').getByText('Reopened').waitFor();
      await screenshot(page, 'cases-bulk');
    });

    test('views and filters live in the URL', async () => {
      await page.getByRole('link', { name: 'Overdue' }).click();
      await page.waitForURL(/view=overdue/);
      await expectRows(page, (await listAll('sla=overdue')).length);
      await page.getByRole('link', { name: 'Breaching soon' }).click();
      await page.waitForURL(/view=breaching/);
      await expectRows(page, (await listAll('sla=breaching&within_minutes=120')).length);

      await page.getByRole('link', { name: 'All cases' }).click();
      await page.getByLabel('Status', { exact: true }).selectOption('reopened');
      await page.waitForURL(/status=reopened/);
      const reopened = await listAll('status=reopened');
      assert.ok(reopened.length > 0);
      await expectRows(page, reopened.length);
      for (const badge of await page.locator('.case-table [data-status]').allInnerTexts()) assert.equal(badge, 'Reopened');
      await page.reload();
      await expectRows(page, reopened.length);
      assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'reopened');

      await page.goto(app('cases?team=billing'));
      await expectRows(page, (await listAll('team=billing')).length);
      assert.equal(await page.getByLabel('Team', { exact: true }).inputValue(), 'billing');
    });

    test('pages through the queue with the cursor', async () => {
      for (let n = 0; n < 26; n += 1) await createCase(`Paging ${n}`);
      const total = (await listAll()).length;
      assert.ok(total > 25);
      await page.goto(app('cases'));
      await expectRows(page, 25);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expectRows(page, total);
      assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
      // Newest first.
      assert.equal(await rows(page).first().locator('.case-title').innerText(), 'Paging 25');
    });
  });

  test('a viewer has no Cases; an analyst reads cases without write controls', async () => {
    const viewer = await openBrowser(DESKTOP);
    try {
      await signIn(viewer.page, shop.server.base, 'viewer');
      const nav = viewer.page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Overview' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Cases' }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Rules' }).count(), 0);
    } finally {
      await viewer.close();
    }

    const analyst = await openBrowser(DESKTOP);
    try {
      const { page } = analyst;
      await signIn(page, shop.server.base, 'analyst');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Rules' }).waitFor();
      await nav.getByRole('link', { name: 'Cases' }).click();
      await expectRows(page, 25);
      assert.equal(await page.locator('.case-table input[type="checkbox"]').count(), 0);
      assert.equal(await page.getByRole('region', { name: /Change the selected cases/ }).count(), 0);
      await page.goto(app(`cases/${refundCase.id}`));
      await page.getByRole('heading', { level: 1, name: refundCase.title }).waitFor();
      const history = page.getByRole('region', { name: 'History' });
      await history.locator('[data-kind="note"]').first().waitFor();
      assert.equal(await page.getByRole('region', { name: 'Work the case' }).count(), 0);
      assert.equal(await page.getByRole('textbox', { name: 'Internal note' }).count(), 0);
      assert.equal(await page.getByLabel('Reply to the customer').count(), 0);
      assert.equal(await page.getByTestId('case-team').innerText(), 'billing');
      await screenshot(page, 'case-detail-analyst');
      assert.deepEqual(analyst.problems, []);
    } finally {
      await analyst.close();
    }
  });
});
