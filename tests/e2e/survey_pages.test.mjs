// The respondent-facing channels over plain HTTP, on SQLite and on PostgreSQL: the hosted
// page /s/{id} answered with form posts only (no JavaScript), partial answers saved step by
// step, branching and the thank-you screen the answers lead to, languages, validation errors,
// escaping, kiosk and QR channels, closed surveys, the honeypot and rate limits, QR codes
// decoded back to the page's URL (zbarimg), and the widget script.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { VoxloopServer, provision, backends } from './lib/server.mjs';
import { Client, expectProblem } from './lib/client.mjs';

const PUBLIC_URL = 'https://feedback.example.vn';
const XSS = '<img src=x onerror=alert(1)>';

function decodeEntities(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// A fetched page with what its step form carries.
async function getPage(url, headers = {}) {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return toPage(response);
}

async function toPage(response) {
  const html = await response.text();
  const attr = (re) => { const m = re.exec(html); return m ? decodeEntities(m[1]) : undefined; };
  return {
    status: response.status,
    headers: response.headers,
    html,
    lang: attr(/<html lang="([^"]*)"/),
    title: attr(/<h1 class="vx-title" id="vx-title"[^>]*>([^<]*)</),
    action: attr(/<form class="vx-form" method="post" action="([^"]*)"/),
    session: attr(/name="_session" value="([^"]*)"/),
    step: attr(/name="_step" value="([^"]*)"/),
    language: attr(/name="_lang" value="([^"]*)"/),
    partialUrl: attr(/data-partial-url="([^"]*)"/),
  };
}

// Posts the page's step form the way a browser without JavaScript does.
async function postStep(base, page, answers = {}, { nav = 'next', extra = {} } = {}) {
  const body = new URLSearchParams();
  body.append('_session', page.session);
  body.append('_step', page.step);
  body.append('_lang', page.language);
  body.append('website', '');
  for (const [question, value] of Object.entries(answers)) {
    for (const one of [].concat(value)) body.append(`a.${question}`, String(one));
  }
  for (const [name, value] of Object.entries(extra)) body.set(name, value);
  body.append('_nav', nav);
  const response = await fetch(base + page.action, {
    method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual',
  });
  return toPage(response);
}

// A PNG (8-bit greyscale) of the modules an SVG QR code draws, for zbarimg.
function svgQrToPng(svg, scale = 4) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)[1]);
  const d = /<path fill="#000" d="([^"]*)"/.exec(svg)[1];
  const dark = new Uint8Array(size * size);
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)];
  assert.equal(runs.map((r) => r[0]).join(''), d, 'the SVG path is made of module runs');
  for (const [, x, y, w] of runs) for (let i = 0; i < Number(w); i++) dark[Number(y) * size + Number(x) + i] = 1;
  const width = size * scale;
  const raw = Buffer.alloc((width + 1) * width);
  for (let row = 0; row < width; row++) {
    raw[row * (width + 1)] = 0;
    for (let col = 0; col < width; col++) {
      raw[row * (width + 1) + 1 + col] = dark[Math.floor(row / scale) * size + Math.floor(col / scale)] ? 0 : 255;
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(width, 4);
  header[8] = 8; header[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function scanQr(pngBytes) {
  const dir = mkdtempSync(join(tmpdir(), 'voxloop-qr-'));
  try {
    const file = join(dir, 'code.png');
    writeFileSync(file, pngBytes);
    return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const backend of backends()) {
  describe(`survey pages on ${backend}`, () => {
    let server;
    let ws;
    let analyst;
    let surveys;

    before(async () => {
      server = await new VoxloopServer({
        backend, extraArgs: ['--public-rate-limit', '1000', '--public-url', `${PUBLIC_URL}/`],
      }).start();
      ws = provision(server, 'Survey pages');
      analyst = new Client(server.base, { token: ws.tokens.analyst });
      surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
    });
    after(async () => { await server.stop(); server.cleanup(); });

    async function published(body) {
      const created = await analyst.post(surveys, body);
      assert.equal(created.status, 201, created.text);
      const done = await analyst.post(`${surveys}/${created.json.id}/publish`);
      assert.equal(done.status, 200, done.text);
      return done.json;
    }
    const publishedNps = (name = 'Page NPS') => published({ template: 'nps', name });
    const responses = async (id, query = '') => (await analyst.get(`${surveys}/${id}/responses${query}`)).json.items;
    const pageUrl = (id, query = '') => `${server.base}/s/${id}${query}`;

    test('a detractor answers with form posts only: partial saves, the follow-up, the detractor thank-you', async () => {
      const survey = await publishedNps();
      let page = await getPage(pageUrl(survey.id, '?lang=en'));
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /^text\/html; charset=utf-8/);
      assert.match(page.headers.get('content-security-policy'), /default-src 'none'; script-src 'self'/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.step, 'nps');
      assert.equal(page.lang, 'en');
      assert.equal(page.action, `/s/${survey.id}`);
      assert.match(page.session, /^[A-Za-z0-9_-]{32}$/);
      assert.equal(page.partialUrl, undefined, 'no partial endpoint before the session is saved');
      assert.match(page.html, /<link rel="stylesheet" href="\/assets\/collect\/survey.css"\/>/);
      assert.doesNotMatch(page.html, /<script>|style="|onclick=/, 'no inline script, style or handler');
      assert.deepEqual(await responses(survey.id), [], 'opening the page stores nothing');

      page = await postStep(server.base, page, { nps: 3 });
      assert.equal(page.status, 200);
      assert.equal(page.step, 'reason');
      assert.equal(page.partialUrl, `/api/v1/public/surveys/${survey.id}/partial`);
      const partial = await responses(survey.id, '?status=partial');
      assert.equal(partial.length, 1);
      assert.deepEqual(partial[0].answers, { nps: 3 });
      assert.equal(partial[0].status, 'partial');
      assert.equal(partial[0].channel, 'link');

      page = await postStep(server.base, page, { reason: 'Giao hàng chậm quá' });
      assert.equal(page.step, 'improve');
      assert.deepEqual((await responses(survey.id, '?status=partial'))[0].answers, { nps: 3, reason: 'Giao hàng chậm quá' });
      page = await postStep(server.base, page, { improve: '' });
      assert.equal(page.step, 'contact', 'a score of 6 or less asks for consent to follow up');
      assert.match(page.html, /data-question-id="contact" data-type="consent"/);
      const finished = await postStep(server.base, page, { contact: 'yes' });
      assert.equal(finished.status, 200);
      assert.equal(finished.title, 'Thank you for being honest');
      assert.equal(finished.action, undefined, 'the thank-you page has no form');

      const stored = await responses(survey.id);
      assert.equal(stored.length, 1, 'the partial response became the completed one');
      assert.equal(stored[0].status, 'completed');
      assert.equal(stored[0].channel, 'link');
      assert.equal(stored[0].language, 'en');
      assert.equal(stored[0].answers.nps, 3);
      assert.equal(stored[0].answers.reason, 'Giao hàng chậm quá');
      assert.equal(stored[0].answers.contact, true);
      assert.deepEqual(await responses(survey.id, '?status=partial'), []);

      const again = await postStep(server.base, page, { contact: 'yes' });
      assert.equal(again.title, 'Thank you for being honest', 'posting a finished session again shows its thank-you');
      assert.equal((await responses(survey.id)).length, 1);
    });

    test('a promoter skips the follow-up questions and sees the promoter thank-you; Back keeps answers', async () => {
      const survey = await publishedNps();
      let page = await getPage(pageUrl(survey.id, '?lang=en'));
      page = await postStep(server.base, page, { nps: 10 });
      assert.equal(page.step, 'reason');
      const back = await postStep(server.base, page, { reason: 'Nhanh' }, { nav: 'back' });
      assert.equal(back.step, 'nps');
      assert.match(back.html, /value="10" required="required" checked="checked"|value="10" checked/);
      page = await postStep(server.base, back, { nps: 10 });
      assert.match(page.html, />Nhanh</, 'the answer typed before Back is kept');
      const done = await postStep(server.base, page, { reason: 'Nhanh' });
      assert.equal(done.title, 'Thank you for your support!');
      const [stored] = await responses(survey.id);
      assert.deepEqual(stored.answers, { nps: 10, reason: 'Nhanh' });
    });

    test('the language comes from ?lang=, then Accept-Language, then the default, with switcher links', async () => {
      const survey = await publishedNps();
      const vi = await getPage(pageUrl(survey.id, '?lang=vi'), { 'accept-language': 'zh-CN' });
      assert.equal(vi.lang, 'vi');
      assert.equal(vi.title, 'Ý kiến của bạn rất quan trọng');
      assert.match(vi.html, /<a href="\/s\/\d+\?lang=zh" hreflang="zh" lang="zh">/);
      assert.match(vi.html, /hreflang="vi" lang="vi" aria-current="page"/);
      const zh = await getPage(pageUrl(survey.id), { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
      assert.equal(zh.lang, 'zh');
      assert.notEqual(zh.title, vi.title);
      const fallback = await getPage(pageUrl(survey.id, '?lang=fr'), { 'accept-language': 'de' });
      assert.equal(fallback.lang, survey.default_language);
      const next = await postStep(server.base, vi, { nps: 8 });
      assert.equal(next.lang, 'vi', 'the form keeps the language');
      const done = await postStep(server.base, await postStep(server.base, next, { reason: 'Ổn' }), { improve: 'Rẻ hơn' });
      assert.equal(done.title, 'Cảm ơn bạn!');
      assert.equal((await responses(survey.id))[0].language, 'vi');
    });

    test('a missing required answer is shown on the page (422) and nothing is stored', async () => {
      const survey = await publishedNps();
      const page = await getPage(pageUrl(survey.id, '?lang=en'));
      const error = await postStep(server.base, page, {});
      assert.equal(error.status, 422);
      assert.equal(error.step, 'nps');
      assert.match(error.html, /id="vx-error-summary" role="alert"/);
      assert.match(error.html, /<a href="#vx-q-nps">/);
      assert.match(error.html, /aria-invalid="true"/);
      const outOfRange = await postStep(server.base, page, { nps: 11 });
      assert.equal(outOfRange.status, 422);
      assert.deepEqual(await responses(survey.id), []);
    });

    test('survey texts and respondent text are escaped; hidden fields come from the link', async () => {
      const survey = await published({
        name: 'Escaping',
        default_language: 'en',
        title: `Title ${XSS}`,
        hidden_fields: ['order_id'],
        questions: [
          { id: 'comment', type: 'long_text', required: true, text: `Question "${XSS}"` },
          { id: 'pick', type: 'single_choice', text: 'Pick', options: [{ id: 'a', label: `<b>bold</b>` }, { id: 'b', label: 'B' }] },
        ],
        thank_you: [{ id: 'done', title: `Bye ${XSS}` }],
      });
      let page = await getPage(pageUrl(survey.id, '?order_id=A-1001%26x&other=1'));
      assert.equal(page.status, 200);
      assert.equal(page.action, `/s/${survey.id}?order_id=A-1001%26x`, 'hidden values stay in the form action');
      for (const html of [page.html]) {
        assert.ok(!html.includes(XSS), 'no raw tag from the survey');
        assert.ok(html.includes('Title &lt;img src=x onerror=alert(1)&gt;'));
      }
      page = await postStep(server.base, page, { comment: XSS });
      assert.equal(page.step, 'pick');
      assert.ok(!page.html.includes('<b>bold</b>'));
      assert.ok(page.html.includes('&lt;b&gt;bold&lt;/b&gt;'));
      const back = await postStep(server.base, page, {}, { nav: 'back' });
      assert.equal(back.step, 'comment');
      assert.ok(!back.html.includes(XSS), 'the respondent\'s own text is escaped');
      assert.ok(back.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
      page = await postStep(server.base, back, { comment: XSS });
      const done = await postStep(server.base, page, { pick: 'a' });
      assert.equal(done.title, `Bye ${XSS}`);
      assert.ok(!done.html.includes(XSS));
      const [stored] = await responses(survey.id);
      assert.equal(stored.answers.comment, XSS);
      assert.deepEqual(stored.hidden, { order_id: 'A-1001&x' });
    });

    test('a one-click answer (?q=&v=) is recorded and the next step shown', async () => {
      const survey = await publishedNps();
      const page = await getPage(pageUrl(survey.id, '?lang=en&q=nps&v=9'));
      assert.equal(page.status, 200);
      assert.equal(page.step, 'reason');
      const [partial] = await responses(survey.id, '?status=partial');
      assert.deepEqual(partial.answers, { nps: 9 });
      const bad = await getPage(pageUrl(survey.id, '?lang=en&q=nps&v=42'));
      assert.equal(bad.status, 422);
      assert.equal(bad.step, 'nps');
      const done = await postStep(server.base, page, { reason: 'Tốt' });
      assert.equal(done.title, 'Thank you for your support!');
    });

    test('kiosk mode: bigger page, channel kiosk, the thank-you returns to a fresh start', async () => {
      const survey = await publishedNps();
      const first = await getPage(pageUrl(survey.id, '?kiosk=1&lang=vi'));
      assert.match(first.html, /<body class="vx vx-kiosk" data-kiosk-reset="\d+" data-kiosk-home="\/s\/\d+\?kiosk=1&amp;lang=vi">/);
      assert.equal(first.action, `/s/${survey.id}?kiosk=1`);
      let page = await postStep(server.base, first, { nps: 9 });
      const done = await postStep(server.base, page, { reason: 'Nhân viên dễ thương' });
      assert.equal(done.title, 'Cảm ơn bạn đã luôn ủng hộ!');
      assert.match(done.html, new RegExp(`<meta http-equiv="refresh" content="\\d+;url=/s/${survey.id}\\?kiosk=1&amp;lang=vi"/>`));
      const next = await getPage(pageUrl(survey.id, '?kiosk=1&lang=vi'));
      assert.notEqual(next.session, first.session, 'the next person gets a new session');
      page = await postStep(server.base, next, { nps: 9 });
      await postStep(server.base, page, { reason: 'Nhân viên dễ thương' });
      const stored = await responses(survey.id);
      assert.equal(stored.length, 2, 'identical answers from one kiosk are two responses');
      assert.ok(stored.every((r) => r.channel === 'kiosk'));
    });

    test('a QR-code visit is channel qr; the QR codes decode to the public URL with src=qr', async () => {
      const survey = await publishedNps();
      const page = await postStep(server.base, await getPage(pageUrl(survey.id, '?src=qr')), { nps: 7 });
      assert.equal(page.action, `/s/${survey.id}?src=qr`);
      assert.equal((await responses(survey.id, '?status=partial'))[0].channel, 'qr');

      const png = await fetch(`${server.base}/s/${survey.id}/qr.png?size=6`);
      assert.equal(png.status, 200);
      assert.equal(png.headers.get('content-type'), 'image/png');
      assert.match(png.headers.get('cache-control'), /max-age=/);
      assert.equal(scanQr(Buffer.from(await png.arrayBuffer())), `${PUBLIC_URL}/s/${survey.id}?src=qr`);
      const svg = await fetch(`${server.base}/s/${survey.id}/qr.svg?kiosk=1`);
      assert.equal(svg.status, 200);
      assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
      assert.equal(scanQr(svgQrToPng(await svg.text())), `${PUBLIC_URL}/s/${survey.id}?src=qr&kiosk=1`);

      expectProblem(assert, await new Client(server.base).get(`/s/${survey.id}/qr.png?size=0`), 400, 'validation');
      const draft = await analyst.post(surveys, { template: 'csat' });
      assert.equal((await fetch(`${server.base}/s/${draft.json.id}/qr.png`)).status, 404, 'no QR code for a draft');
      assert.equal((await fetch(`${server.base}/s/${draft.json.id}`)).status, 404, 'no page for a draft');
      assert.equal((await fetch(`${server.base}/s/nope`)).status, 404);
    });

    test('closed surveys answer 410, paused and not-started ones 403, with the unavailable page', async () => {
      const closed = await publishedNps();
      const open = await getPage(pageUrl(closed.id, '?lang=en'));
      await analyst.post(`${surveys}/${closed.id}/close`);
      const gone = await getPage(pageUrl(closed.id, '?lang=en'));
      assert.equal(gone.status, 410);
      assert.equal(gone.title, 'This survey is closed');
      assert.equal(gone.action, undefined);
      assert.match(gone.headers.get('content-security-policy'), /default-src 'none'/);
      const late = await postStep(server.base, open, { nps: 9 });
      assert.equal(late.status, 410, 'a step posted after closing is refused too');
      assert.deepEqual(await responses(closed.id), []);

      const paused = await publishedNps();
      await analyst.post(`${surveys}/${paused.id}/pause`);
      assert.equal((await getPage(pageUrl(paused.id, '?lang=en'))).status, 403);

      const future = await published({
        name: 'Later', default_language: 'en', title: 'Coming soon',
        questions: [{ id: 'nps', type: 'nps', text: 'Score?' }],
        settings: { starts_at: '2099-01-01T00:00:00Z' },
      });
      const notYet = await getPage(pageUrl(future.id));
      assert.equal(notYet.status, 403);
      assert.match(notYet.html, /has not started yet/);
    });

    test('a filled honeypot gets the thank-you page and stores nothing', async () => {
      const survey = await publishedNps();
      const page = await getPage(pageUrl(survey.id, '?lang=en'));
      const trapped = await postStep(server.base, page, { nps: 10 }, { extra: { website: 'http://spam.example' } });
      assert.equal(trapped.status, 200);
      assert.equal(trapped.title, 'Thank you!');
      assert.deepEqual(await responses(survey.id), []);
    });

    test('the widget script and the page assets: types, CORS, caching, revalidation', async () => {
      const widget = await fetch(`${server.base}/widget.js`, { headers: { origin: 'https://shop.example.vn' } });
      assert.equal(widget.status, 200);
      assert.equal(widget.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(widget.headers.get('access-control-allow-origin'), '*');
      assert.match(widget.headers.get('cache-control'), /^public, max-age=\d+$/);
      const source = await widget.text();
      const logicAt = source.indexOf('VoxloopLogic');
      assert.ok(logicAt >= 0 && logicAt < source.indexOf('voxloop'), 'survey_logic.js comes first');
      const etag = widget.headers.get('etag');
      assert.ok(etag);
      assert.equal((await fetch(`${server.base}/widget.js`, { headers: { 'if-none-match': etag } })).status, 304);
      for (const [name, type] of [['survey.css', /^text\/css/], ['survey.js', /^text\/javascript/]]) {
        const asset = await fetch(`${server.base}/assets/collect/${name}`);
        assert.equal(asset.status, 200, name);
        assert.match(asset.headers.get('content-type'), type);
        assert.ok(asset.headers.get('etag'));
      }
      assert.equal((await fetch(`${server.base}/assets/collect/nope.js`)).status, 404);
    });
  });

  describe(`survey page rate limits on ${backend}`, () => {
    let server;
    before(async () => {
      server = await new VoxloopServer({ backend, extraArgs: ['--public-rate-limit', '3'] }).start();
    });
    after(async () => { await server.stop(); server.cleanup(); });

    test('form posts beyond the per-IP limit get 429', async () => {
      const ws = provision(server, 'Limits');
      const analyst = new Client(server.base, { token: ws.tokens.analyst });
      const surveys = `/api/v1/workspaces/${ws.workspace}/surveys`;
      const created = await analyst.post(surveys, { template: 'nps' });
      await analyst.post(`${surveys}/${created.json.id}/publish`);
      const page = await getPage(`${server.base}/s/${created.json.id}?lang=en`);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await postStep(server.base, page, { nps: 5 })).status);
      assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
      assert.equal(statuses[4], 429);
      assert.equal((await fetch(`${server.base}/s/${created.json.id}`)).status, 200, 'reading the page is not limited');
    });
  });
}
