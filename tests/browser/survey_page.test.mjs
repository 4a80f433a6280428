// The hosted survey page in a real browser (with its script): a detractor on a phone in
// Vietnamese gets the follow-up questions, a promoter on a desktop in Chinese (picked with the
// language switcher) does not; both reach the thank-you screen their answers lead to. One
// step answered with the keyboard only. Screenshots of every step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, openBrowser, screenshot } from './lib/harness.mjs';
import { VoxloopServer, provision } from '../e2e/lib/server.mjs';
import { Client } from '../e2e/lib/client.mjs';

let server;
let analyst;
let surveys;

before(async () => {
  server = await new VoxloopServer({ extraArgs: ['--public-rate-limit', '1000'] }).start();
  const ws = provision(server, 'Cửa hàng Lan');
  analyst = new Client(server.base, { token: ws.tokens.analyst });
  surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

async function publishedNps() {
  const created = await analyst.post(surveys, { template: 'nps', name: 'Browser NPS', default_language: 'vi' });
  assert.equal(created.status, 201, created.text);
  assert.equal((await analyst.post(`${surveys}/${created.json.id}/publish`)).status, 200);
  return created.json;
}

async function storedResponses(surveyId, query = '') {
  return (await analyst.get(`${surveys}/${surveyId}/responses${query}`)).json.items;
}

// The question the page shows now (after survey.js swapped it in).
async function currentStep(page) {
  await page.locator('form.vx-form [data-question-id]').first().waitFor();
  return page.locator('form.vx-form [data-question-id]').first().getAttribute('data-question-id');
}

async function next(page, expectedStep) {
  await page.locator('[data-action="next"]').click();
  if (expectedStep) await page.locator(`form.vx-form [data-question-id="${expectedStep}"]`).waitFor();
}

test('a detractor on a phone in Vietnamese sees the follow-up and the detractor thank-you', async () => {
  const survey = await publishedNps();
  const browser = await openBrowser(PHONE);
  try {
    const { page } = browser;
    await page.goto(`${server.base}/s/${survey.id}?lang=vi`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByRole('heading', { level: 1, name: 'Ý kiến của bạn rất quan trọng' }).waitFor();
    assert.equal(await currentStep(page), 'nps');
    await screenshot(page, 'survey-phone-vi-1-nps');
    await page.locator('label[for="vx-q-nps-3"]').click();
    await next(page, 'reason');
    await page.getByLabel('Lý do chính khiến bạn chọn điểm số này là gì?').fill('Giao hàng trễ hai ngày');
    await screenshot(page, 'survey-phone-vi-2-reason');
    await next(page, 'improve');
    await page.getByLabel('Chúng tôi nên cải thiện điều gì trước tiên?').fill('Giao đúng hẹn');
    await next(page, 'contact');
    await screenshot(page, 'survey-phone-vi-3-contact');
    const partial = await storedResponses(survey.id, '?status=partial');
    assert.equal(partial.length, 1, 'answers are saved as the respondent goes');
    assert.equal(partial[0].answers.nps, 3);
    await page.getByLabel('Chúng tôi có thể liên hệ lại với bạn về góp ý này không?').check();
    await page.locator('[data-action="next"]').click();
    await page.getByRole('heading', { level: 1, name: 'Cảm ơn bạn đã thẳng thắn góp ý' }).waitFor();
    await screenshot(page, 'survey-phone-vi-4-thank-you');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling on a phone (${width}px)`);
    const [stored] = await storedResponses(survey.id);
    assert.equal(stored.status, 'completed');
    assert.equal(stored.channel, 'link');
    assert.equal(stored.language, 'vi');
    assert.deepEqual(stored.answers, { nps: 3, reason: 'Giao hàng trễ hai ngày', improve: 'Giao đúng hẹn', contact: true });
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});

test('a promoter on a desktop in Chinese skips the follow-up and sees the promoter thank-you', async () => {
  const survey = await publishedNps();
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await page.goto(`${server.base}/s/${survey.id}`);
    await page.locator('.vx-languages a[hreflang="zh"]').click();
    await page.waitForURL(/lang=zh/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh');
    assert.equal(await page.locator('.vx-languages a[aria-current="page"]').getAttribute('hreflang'), 'zh');
    const seen = [await currentStep(page)];
    await screenshot(page, 'survey-desktop-zh-1-nps');
    await page.locator('label[for="vx-q-nps-10"]').click();
    await next(page, 'reason');
    seen.push(await currentStep(page));
    await page.locator('#vx-q-reason-input, textarea').first().fill('服务很周到，送货也快');
    await screenshot(page, 'survey-desktop-zh-2-reason');
    await page.locator('[data-action="next"]').click();
    await page.getByRole('heading', { level: 1, name: '感谢您的支持！' }).waitFor();
    await screenshot(page, 'survey-desktop-zh-3-thank-you');
    assert.deepEqual(seen, ['nps', 'reason'], 'no follow-up questions for a promoter');
    const [stored] = await storedResponses(survey.id);
    assert.deepEqual(stored.answers, { nps: 10, reason: '服务很周到，送货也快' });
    assert.equal(stored.language, 'zh');
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});

test('a step can be answered with the keyboard only, and a missing answer is announced', async () => {
  const survey = await publishedNps();
  const browser = await openBrowser(DESKTOP);
  try {
    const { page } = browser;
    await page.emulateMedia({ reducedMotion: 'reduce' });  // screenshots without transitions
    await page.goto(`${server.base}/s/${survey.id}?lang=en`);
    await currentStep(page);
    // Enter on the empty step: the error summary gets focus.
    let onRadio = false;
    for (let press = 0; press < 20 && !onRadio; press++) {
      await page.keyboard.press('Tab');
      onRadio = await page.evaluate(() => document.activeElement?.name === 'a.nps');
    }
    assert.ok(onRadio, 'Tab reaches the score');
    await page.keyboard.press('Enter');
    await page.locator('#vx-error-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'vx-error-summary');
    await screenshot(page, 'survey-keyboard-1-error');
    onRadio = false;
    for (let press = 0; press < 20 && !onRadio; press++) {
      await page.keyboard.press('Tab');
      onRadio = await page.evaluate(() => document.activeElement?.name === 'a.nps');
    }
    assert.ok(onRadio, 'Tab reaches the score again');
    await page.keyboard.press('Space');
    for (let step = 0; step < 7; step++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.querySelector('input[name="a.nps"]:checked')?.value), '7');
    await screenshot(page, 'survey-keyboard-2-score-focused');
    await page.keyboard.press('Enter');
    await page.locator('form.vx-form [data-question-id="reason"]').waitFor();
    for (let press = 0; press < 20; press++) {
      if (await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Fine, but slow');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'next',
      'Next comes right after the answer');
    await page.keyboard.press('Enter');
    await page.locator('form.vx-form [data-question-id="improve"]').waitFor();
    const [partial] = await storedResponses(survey.id, '?status=partial');
    assert.deepEqual(partial.answers, { nps: 7, reason: 'Fine, but slow' });
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
});
