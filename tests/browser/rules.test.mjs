// Rules in the browser: the editor shows each of the server's field errors beside the input it
// names; a rule is created, switched off and on, edited (rows and the JSON mode for nested
// conditions) and deleted; feedback that matches fires it and the list counts it; an analyst
// reads rules without write controls and an agent has no Rules at all.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { admin } from '../e2e/lib/server.mjs';
import { Client } from '../e2e/lib/client.mjs';
import { DESKTOP, openBrowser, screenshot, signIn, startShop } from './lib/harness.mjs';

let shop;
let owner;   // an owner's API token, to check what the UI stored
let rulesPath;
before(async () => {
  shop = await startShop({ roles: ['owner', 'analyst', 'agent'], feedback: [] });
  const token = admin(shop.server, ['create-token', '--workspace', shop.workspace, '--role', 'owner', '--name', 'check']);
  owner = new Client(shop.server.base, { token });
  rulesPath = `/api/v1/workspaces/${shop.workspace}/rules`;
});
after(async () => {
  await shop?.server.stop();
  shop?.server.cleanup();
});

const app = (rest) => `${shop.server.base}/app/w/${shop.workspace}/${rest}`;

async function storedRules() {
  const answer = await owner.get(rulesPath);
  assert.equal(answer.status, 200, answer.text);
  return answer.json.items;
}

const ruleNamed = async (name) => (await storedRules()).find((rule) => rule.name === name);

// The field error shown beside `input`: the input says it is invalid and points at it.
async function errorBeside(input) {
  await input.page().waitForFunction((element) => element.getAttribute('aria-invalid') === 'true', await input.elementHandle());
  const id = await input.getAttribute('aria-describedby');
  assert.ok(id, 'the input names its error');
  return input.page().locator(`[id="${id}"]`).innerText();
}

describe('rules as an owner', () => {
  let browser;
  let page;
  before(async () => {
    browser = await openBrowser(DESKTOP);
    page = browser.page;
    await signIn(page, shop.server.base, 'owner');
  });
  after(async () => {
    assert.deepEqual(browser?.problems ?? [], [], 'no dialog, CSP violation or page error');
    await browser?.close();
  });

  test('shows the server\'s field errors beside the inputs they name, then creates the rule', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByText('No rules yet.').waitFor();
    await page.getByRole('link', { name: 'New rule' }).click();
    const condition = page.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Field').selectOption('nps');
    await condition.getByLabel('Operator').selectOption('lte');
    await condition.getByLabel('Value').fill('six');
    const action = page.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('Action', { exact: true }).selectOption('notify_email');
    await action.getByLabel('E-mail addresses').fill('lead@shop.vn, not-an-email');
    await page.getByLabel('Quiet hours start').fill('22:00');
    await page.getByLabel('Quiet hours end').fill('07:00');
    await page.getByLabel(/Quiet period after an alert/).fill('60');

    // No name: the server names `name`.
    await page.getByRole('button', { name: 'Create rule' }).click();
    assert.equal(await errorBeside(page.getByLabel('Name', { exact: true })), 'Required.');
    await page.getByLabel('Name', { exact: true }).fill('Detractors');

    // "six" is not a number: `when/all/0/value`.
    await page.getByRole('button', { name: 'Create rule' }).click();
    assert.equal(await errorBeside(condition.getByLabel('Value')), 'Wrong kind of value.');
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), null);
    await screenshot(page, 'rules-field-error');
    await condition.getByLabel('Value').fill('6');

    // The second address: `then/0/to/1`.
    await page.getByRole('button', { name: 'Create rule' }).click();
    assert.equal(await errorBeside(action.getByLabel('E-mail addresses')), 'Not valid.');
    assert.equal(await condition.getByLabel('Value').getAttribute('aria-invalid'), null);
    await action.getByLabel('E-mail addresses').fill('lead@shop.vn');
    assert.equal((await storedRules()).length, 0, 'nothing was stored while the rule was invalid');

    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/rules'));
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'Detractors' }) });
    await row.waitFor();
    assert.equal(await row.getByTestId('fired-count').innerText(), '0');
    assert.match(await row.innerText(), /Never/);
    assert.equal(await row.getByRole('switch', { name: 'Enable the rule Detractors' }).isChecked(), true);

    const stored = await ruleNamed('Detractors');
    assert.deepEqual(stored.when, { all: [{ field: 'nps', op: 'lte', value: 6 }] });
    assert.deepEqual(stored.then, [{ type: 'notify_email', to: ['lead@shop.vn'] }]);
    assert.equal(stored.throttle_minutes, 60);
    assert.deepEqual(stored.quiet_hours, { start: '22:00', end: '07:00' });
    assert.equal(stored.enabled, true);
  });

  test('switches a rule off and on from the list', async () => {
    const toggle = page.getByRole('switch', { name: 'Enable the rule Detractors' });
    await toggle.click();
    await page.waitForFunction(() => !document.querySelector('[role="switch"]').checked);
    await page.waitForFunction(() => !document.querySelector('[role="switch"]').disabled);
    assert.equal((await ruleNamed('Detractors')).enabled, false);
    await page.reload();
    assert.equal(await toggle.isChecked(), false);
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('[role="switch"]').checked);
    await page.waitForFunction(() => !document.querySelector('[role="switch"]').disabled);
    assert.equal((await ruleNamed('Detractors')).enabled, true);
  });

  test('edits the rule: its rows come back, and "any" with a second condition is stored', async () => {
    await page.getByRole('link', { name: 'Detractors' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit rule' }).waitFor();
    const first = page.getByRole('group', { name: 'Condition 1' });
    await first.getByLabel('Value').waitFor();
    assert.equal(await first.getByLabel('Field').inputValue(), 'nps');
    assert.equal(await first.getByLabel('Operator').inputValue(), 'lte');
    assert.equal(await first.getByLabel('Value').inputValue(), '6');
    assert.equal(await page.getByLabel('Quiet hours start').inputValue(), '22:00');
    await page.getByLabel('any of the conditions').check();
    await page.getByRole('button', { name: 'Add condition' }).click();
    const second = page.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Field').selectOption('customer');
    await second.getByLabel('Customer attribute', { exact: true }).fill('plan');
    await second.getByLabel('Operator').selectOption('in');
    await second.getByLabel('Value').fill('enterprise, vip');
    await page.getByLabel('Quiet hours start').fill('');
    await page.getByLabel('Quiet hours end').fill('');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/rules'));
    const stored = await ruleNamed('Detractors');
    assert.deepEqual(stored.when, { any: [{ field: 'nps', op: 'lte', value: 6 },
      { field: 'customer.plan', op: 'in', value: ['enterprise', 'vip'] }] });
    assert.equal(stored.quiet_hours, undefined);
  });

  test('a rule that matches feedback fires, and the list counts it', async () => {
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Refund mentions');
    const condition = page.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Field').selectOption('text');
    await condition.getByLabel('Operator').selectOption('contains');
    await condition.getByLabel('Value').fill('refund');
    const action = page.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('Action', { exact: true }).selectOption('tag');
    await action.getByLabel('Tags').fill('refund, money');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/rules'));

    for (const text of ['I want a REFUND now', 'Great service', 'Where is my refund?']) {
      const posted = await shop.api.post(shop.feedbackPath, { channel: 'chat', text, customer: { external_id: 'c-1' } });
      assert.equal(posted.status, 201, posted.text);
      const expected = /refund/i.test(text) ? ['refund', 'money'] : [];
      const item = await shop.api.get(`${shop.feedbackPath}/${posted.json.id}`);
      assert.deepEqual(item.json.tags, expected, text);
    }
    const stored = await ruleNamed('Refund mentions');
    assert.equal(stored.fired_count, 2);
    await page.reload();
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'Refund mentions' }) });
    assert.equal(await row.getByTestId('fired-count').innerText(), String(stored.fired_count));
    assert.doesNotMatch(await row.innerText(), /Never/);
    assert.equal(await row.locator('time').getAttribute('datetime'), stored.last_fired_at);
    await screenshot(page, 'rules-list');
  });

  test('nested conditions are edited as JSON', async () => {
    await page.getByRole('link', { name: 'Refund mentions' }).click();
    await page.getByRole('group', { name: 'Condition 1' }).waitFor();
    await page.getByLabel(/Advanced: edit the conditions as JSON/).check();
    const json = page.getByLabel('Conditions (JSON)');
    assert.deepEqual(JSON.parse(await json.inputValue()), { all: [{ field: 'text', op: 'contains', value: 'refund' }] });
    // Not JSON: said beside the box, nothing sent.
    await json.fill('{"all": [');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('This is not valid JSON.').waitFor();
    // A nested tree with a mistake deep inside: the server's path is shown beside the box.
    await json.fill(JSON.stringify({ all: [{ field: 'text', op: 'contains', value: 'refund' },
      { not: { any: [{ field: 'language', op: 'eq', value: 'vi' }, { field: 'moon', op: 'eq', value: 'full' }] } }] }));
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('.field-error-path', { hasText: 'when/all/1/not/any/1/field' }).waitFor();
    assert.equal(await json.getAttribute('aria-invalid'), 'true');
    const nested = { all: [{ field: 'text', op: 'contains', value: 'refund' },
      { not: { any: [{ field: 'language', op: 'eq', value: 'vi' }, { field: 'channel', op: 'eq', value: 'sms' }] } }] };
    await json.fill(JSON.stringify(nested));
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/rules'));
    assert.deepEqual((await ruleNamed('Refund mentions')).when, nested);
    // Opened again, a nested rule starts in the JSON mode.
    await page.getByRole('link', { name: 'Refund mentions' }).click();
    await page.getByLabel('Conditions (JSON)').waitFor();
    assert.equal(await page.getByLabel(/Advanced: edit the conditions as JSON/).isChecked(), true);
    assert.equal(await page.getByRole('group', { name: 'Condition 1' }).count(), 0);
    await page.getByRole('link', { name: 'All rules' }).click();
  });

  test('deletes a rule after asking', async () => {
    const id = (await ruleNamed('Detractors')).id;
    await page.getByRole('link', { name: 'Detractors' }).click();
    await page.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText('Delete this rule for good?').waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    assert.ok(await ruleNamed('Detractors'));
    await page.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/rules'));
    await page.getByRole('link', { name: 'Refund mentions' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Detractors' }).count(), 0);
    assert.equal((await owner.get(`${rulesPath}/${id}`)).status, 404);
  });
});

test('an analyst reads rules without write controls; an agent has no Rules', async () => {
  const analyst = await openBrowser(DESKTOP);
  try {
    const { page } = analyst;
    await signIn(page, shop.server.base, 'analyst');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    const toggle = page.getByRole('switch', { name: 'Enable the rule Refund mentions' });
    await toggle.waitFor();
    assert.equal(await toggle.isDisabled(), true);
    assert.equal(await page.getByRole('link', { name: 'New rule' }).count(), 0);
    await page.getByRole('link', { name: 'Refund mentions' }).click();
    await page.getByLabel('Conditions (JSON)').waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Save rule' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Delete rule' }).count(), 0);
    assert.deepEqual(analyst.problems, []);
  } finally {
    await analyst.close();
  }
  const agent = await openBrowser(DESKTOP);
  try {
    await signIn(agent.page, shop.server.base, 'agent');
    const nav = agent.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Cases' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Rules' }).count(), 0);
    await agent.page.goto(app('rules'));
    await agent.page.getByText('Your role does not allow this.').waitFor();
  } finally {
    await agent.close();
  }
});
