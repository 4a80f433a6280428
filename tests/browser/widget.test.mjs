// The widget on a business's own page: a tiny shop page served by a separate HTTP server on
// another origin loads http://127.0.0.1:PORT/widget.js with data-trigger="manual" and calls
// voxloop('show'); the visitor answers in the corner pop-up, and the response is stored with
// channel "widget", the page's hidden values and the identified customer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DESKTOP, openBrowser, screenshot } from './lib/harness.mjs';
import { VoxloopServer, provision } from '../e2e/lib/server.mjs';
import { Client } from '../e2e/lib/client.mjs';

let server;
let shopSite;
let shopOrigin;
let analyst;
let surveys;
let survey;

function shopPage(voxloopBase, surveyId) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lan's coffee shop</title></head>
<body>
<h1>Lan's coffee shop</h1>
<p>Thanks for your order A-1001.</p>
<button id="feedback" type="button">Give feedback</button>
<script src="${voxloopBase}/widget.js" data-survey="${surveyId}" data-trigger="manual" data-language="en"></script>
<script>
  voxloop('identify', { external_id: 'C-42', name: 'Lan' });
  document.getElementById('feedback').addEventListener('click', function () {
    voxloop('show', { hidden: { order_id: 'A-1001' } });
  });
</script>
</body></html>`;
}

before(async () => {
  server = await new VoxloopServer({ extraArgs: ['--public-rate-limit', '1000'] }).start();
  const ws = provision(server, 'Widget shop');
  analyst = new Client(server.base, { token: ws.tokens.analyst });
  surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
  const created = await analyst.post(surveys, { template: 'csat', name: 'After purchase', default_language: 'en' });
  assert.equal(created.status, 201, created.text);
  survey = (await analyst.post(`${surveys}/${created.json.id}/publish`)).json;
  shopSite = http.createServer((request, response) => {
    if (request.url !== '/') { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(shopPage(server.base, survey.id));
  });
  await new Promise((resolve) => shopSite.listen(0, '127.0.0.1', resolve));
  shopOrigin = `http://localhost:${shopSite.address().port}`;
});
after(async () => {
  await new Promise((resolve) => (shopSite ? shopSite.close(resolve) : resolve()));
  await server?.stop();
  server?.cleanup();
});

test('the widget on another origin shows on voxloop(\'show\') and stores the response', async () => {
  assert.notEqual(new URL(shopOrigin).origin, new URL(server.base).origin);
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await page.goto(shopOrigin);
    assert.equal(await page.locator('[data-voxloop-widget]').count(), 0, 'manual trigger: nothing shown yet');
    await page.getByRole('button', { name: 'Give feedback' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, 'widget-1-score');
    const first = survey.questions[0];
    assert.equal(first.type, 'csat');
    await dialog.getByRole('radio', { name: '2' }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    const second = await dialog.locator('form').getAttribute('data-question-id');
    assert.notEqual(second, first.id);
    await screenshot(page, 'widget-2-follow-up');
    // Answer whatever the low score leads to until the thank-you appears.
    const status = dialog.getByRole('status');
    for (let step = 0; step < 6 && await status.count() === 0; step++) {
      const form = dialog.locator('form');
      const question = await form.getAttribute('data-question-id');
      const textbox = form.locator('textarea, input[type="text"]');
      const option = form.locator('input[type="radio"], input[type="checkbox"]');
      if (await textbox.count() > 0) await textbox.first().fill('Cà phê nguội, giao chậm');
      else if (await option.count() > 0) await option.first().check();
      await form.locator('button[type="submit"]').click();
      // The next question or the thank-you, whichever the answers lead to.
      await page.waitForFunction((previous) => {
        const root = document.querySelector('[data-voxloop-widget]')?.shadowRoot;
        const form = root?.querySelector('form');
        return root?.querySelector('[role="status"]') || (form && form.getAttribute('data-question-id') !== previous);
      }, question);
    }
    await dialog.getByRole('status').waitFor();
    await screenshot(page, 'widget-3-thank-you');
    const listed = (await analyst.get(`${surveys}/${survey.id}/responses`)).json.items;
    assert.equal(listed.length, 1);
    assert.equal(listed[0].status, 'completed');
    assert.equal(listed[0].channel, 'widget');
    assert.equal(listed[0].answers[first.id], 2);
    assert.deepEqual(listed[0].hidden, { order_id: 'A-1001' });
    assert.ok(listed[0].customer_id, 'the identified visitor is the response\'s customer');
    await page.keyboard.press('Escape');
    await page.locator('[data-voxloop-widget]').waitFor({ state: 'detached' });
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});
