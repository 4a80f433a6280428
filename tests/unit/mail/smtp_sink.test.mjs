// The e2e helper tests/e2e/lib/smtp_sink.mjs against the real sink, fed by SmtpSender (the
// mail_send_sample program), so what the helper decodes is what Voxloop sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { SmtpSink, parseMessage } from '../../e2e/lib/smtp_sink.mjs';

const SEND = process.env.VOXLOOP_MAIL_SEND_SAMPLE;

function send(sink, recipient) {
  try {
    return execFileSync(SEND, [sink.url, recipient], { encoding: 'utf8' }).trim();
  } catch (error) {
    return error.stdout.trim();
  }
}

test('reads back a Vietnamese and Chinese invitation sent by SmtpSender', { skip: !SEND }, async () => {
  const sink = await new SmtpSink().start();
  try {
    assert.equal(send(sink, 'lan@example.vn'), 'sent');
    const mail = await sink.waitFor((m) => m.to.includes('lan@example.vn'), 5000);
    assert.equal(mail.from, 'survey@phothin.vn');
    assert.deepEqual(mail.to, ['lan@example.vn']);
    assert.equal(mail.subject, 'Khảo sát của Phở Thìn — 您的反馈');
    assert.equal(mail.text, 'Chào chị Lan,\r\nBạn có hài lòng không? 请告诉我们。\r\n');
    assert.equal(mail.html, '<p>Chào chị Lan,</p>\r\n<p>Bạn có hài lòng không? 请告诉我们。</p>');
    assert.equal(mail.headers['from'], 'Phở Thìn <survey@phothin.vn>');
    assert.equal(mail.headers['to'], 'Nguyễn Thị Lan <lan@example.vn>');
    assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  } finally {
    await sink.stop();
  }
});

test('a rejected recipient bounces and nothing is stored', { skip: !SEND }, async () => {
  const sink = await new SmtpSink({ reject: ['gone@example.vn'] }).start();
  try {
    assert.equal(send(sink, 'gone@example.vn'), 'error invalid_argument to/0/email');
    assert.equal(sink.messages().length, 0);
  } finally {
    await sink.stop();
  }
});

test('waitFor gives up at its deadline', async () => {
  const sink = await new SmtpSink().start();
  try {
    await assert.rejects(sink.waitFor(() => true, 100), /no matching mail/);
  } finally {
    await sink.stop();
  }
});

test('parseMessage decodes base64 and quoted-printable parts of nested multiparts', () => {
  const raw = [
    'Subject: =?UTF-8?B?5oKo55qE5Y+N6aaI?= =?UTF-8?Q?_v=C3=A0_Ph=E1=BB=9F?=',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Ph=E1=BB=9F =3D ngon, r=',
    'at ngon',
    '--inner',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<b>您好</b>').toString('base64'),
    '--inner--',
    '--outer--',
    '',
  ].join('\r\n');
  const mail = parseMessage(Buffer.from(raw, 'latin1'));
  assert.equal(mail.subject, '您的反馈 và Phở');
  assert.equal(mail.text, 'Phở = ngon, rat ngon');
  assert.equal(mail.html, '<b>您好</b>');
});
