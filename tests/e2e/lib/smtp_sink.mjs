// A real SMTP server for end-to-end tests: runs tests/support/smtp_sink.py (Debian's python3
// with python3-aiosmtpd) on a free loopback port and reads back what it received.
//
//   const sink = await new SmtpSink().start();          // or new SmtpSink({ reject: ['x@y.vn'] })
//   ... start voxloop with `--smtp-url smtp://127.0.0.1:${sink.port}` ...
//   const mail = await sink.waitFor((m) => m.to.includes('lan@example.vn'));
//   assert.equal(mail.subject, 'Khảo sát của Phở Thìn');
//   await sink.stop();
//
// messages() returns, per received message in arrival order:
//   { from, to }    the SMTP envelope: sender and recipients (as the server accepted them)
//   subject         decoded from RFC 2047 encoded-words
//   text, html      the decoded text/plain and text/html parts ('' when absent)
//   headers         top-level header fields, names in lower case, values unfolded and decoded
//   raw, file       the message as received and where it is
// The MIME reading is small on purpose: enough for what Voxloop sends (UTF-8, nested
// multiparts, quoted-printable, base64), not a general parser.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SMTP_SINK_SCRIPT = new URL('../../support/smtp_sink.py', import.meta.url).pathname;
// Debian's interpreter has python3-aiosmtpd; a python3 earlier on PATH (pyenv) may not.
const PYTHON = process.env.VOXLOOP_PYTHON3 ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

export class SmtpSink {
  constructor({ reject = [], auth } = {}) {
    this.reject = reject;
    this.auth = auth;  // 'user:password' to require AUTH
    this.dir = mkdtempSync(join(tmpdir(), 'voxloop-smtp-'));
    this.output = '';
  }

  async start() {
    const args = [SMTP_SINK_SCRIPT, '--port', '0', '--dir', this.dir,
      ...this.reject.flatMap((address) => ['--reject', address]),
      ...(this.auth ? ['--auth', this.auth] : [])];
    this.process = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    this._port = await new Promise((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`smtp sink did not start:\n${this.output}`)), 15000);
      this.process.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /^PORT (\d+)\n/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      this.process.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`smtp sink exited (${code}):\n${this.output}`));
      });
    });
    return this;
  }

  get port() { return this._port; }
  get url() { return `smtp://127.0.0.1:${this._port}`; }

  messages() {
    return readdirSync(this.dir).filter((name) => /^\d+\.eml$/.test(name)).sort().map((name) => {
      const file = join(this.dir, name);
      const envelope = JSON.parse(readFileSync(file.replace(/\.eml$/, '.json'), 'utf8'));
      return { from: envelope.mail_from, to: envelope.rcpt_tos, ...parseMessage(readFileSync(file)), file };
    });
  }

  // The first message for which `predicate` holds, polling until `timeoutMs` has passed.
  async waitFor(predicate = () => true, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages().find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no matching mail within ${timeoutMs} ms; got ${this.messages().length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop({ keep = false } = {}) {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
      await this.exited;
    }
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
  }
}

// --- a small MIME reader -------------------------------------------------------------------

function splitHead(raw) {
  const at = raw.indexOf('\r\n\r\n');
  if (at >= 0) return [raw.slice(0, at), raw.slice(at + 4)];
  const lf = raw.indexOf('\n\n');
  return lf >= 0 ? [raw.slice(0, lf), raw.slice(lf + 2)] : [raw, ''];
}

// Header fields of a head (latin1 text), unfolded, names lower case; later repeats win.
function parseHeaders(head) {
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBytes(bytes, charset = 'utf-8') {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function quotedPrintableBytes(text) {
  const bytes = [];
  const body = text.replace(/=\r?\n/g, '');
  for (let at = 0; at < body.length; at++) {
    if (body[at] === '=' && /^[0-9A-Fa-f]{2}$/.test(body.slice(at + 1, at + 3))) {
      bytes.push(parseInt(body.slice(at + 1, at + 3), 16));
      at += 2;
    } else {
      bytes.push(body.charCodeAt(at) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

// RFC 2047 encoded-words; the whitespace between two adjacent words is dropped.
export function decodeEncodedWords(value) {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, encoding, payload) => {
      const bytes = encoding.toUpperCase() === 'B'
        ? Buffer.from(payload, 'base64')
        : quotedPrintableBytes(payload.replace(/_/g, ' '));
      return decodeBytes(bytes, charset.replace(/\*.*$/, ''));
    });
}

function parameter(value, name) {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value ?? '');
  return match ? match[1] : undefined;
}

function decodeBody(body, headers) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const charset = parameter(headers['content-type'], 'charset') ?? 'utf-8';
  if (encoding === 'base64') return decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') return decodeBytes(quotedPrintableBytes(body), charset);
  return decodeBytes(Buffer.from(body, 'latin1'), charset);
}

// Collects the text/plain and text/html leaves of a part (the first of each).
function collectParts(head, body, found) {
  const headers = parseHeaders(head);
  const type = (headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(headers['content-type'], 'boundary');
    if (!boundary) return;
    const sections = body.split(`--${boundary}`);
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      const [partHead, partBody] = splitHead(section.replace(/^\r?\n/, ''));
      collectParts(partHead, partBody.replace(/\r?\n$/, ''), found);
    }
  } else if (type === 'text/plain' && found.text === undefined) {
    found.text = decodeBody(body, headers);
  } else if (type === 'text/html' && found.html === undefined) {
    found.html = decodeBody(body, headers);
  }
}

export function parseMessage(buffer) {
  const raw = Buffer.isBuffer(buffer) ? buffer.toString('latin1') : buffer;
  const [head, body] = splitHead(raw);
  const headers = Object.fromEntries(Object.entries(parseHeaders(head))
    .map(([name, value]) => [name, decodeEncodedWords(decodeBytes(Buffer.from(value, 'latin1')))]));
  const found = {};
  collectParts(head, body, found);
  return {
    subject: headers.subject ?? '', text: found.text ?? '', html: found.html ?? '', headers,
    raw: decodeBytes(Buffer.from(raw, 'latin1')),
  };
}
