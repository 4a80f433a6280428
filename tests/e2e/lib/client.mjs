// A small HTTP client for tests: JSON in, {status, headers, body, json} out.
export class Client {
  constructor(base, { token, cookie, csrf } = {}) {
    this.base = base;
    this.token = token;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  async request(method, path, { body, raw, headers = {} } = {}) {
    const allHeaders = { ...headers };
    if (this.token) allHeaders.authorization = `Bearer ${this.token}`;
    if (this.cookie) allHeaders.cookie = this.cookie;
    if (this.csrf && method !== 'GET') allHeaders['x-csrf-token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      allHeaders['content-type'] = 'application/json';
    }
    const response = await fetch(this.base + path, { method, headers: allHeaders, body: payload });
    // An event stream never ends by itself: take its status and headers, drop the body.
    const streaming = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
    if (streaming) await response.body.cancel();
    const text = streaming ? '' : await response.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: response.status, headers: response.headers, text, json };
  }

  get(path, options) { return this.request('GET', path, options); }
  post(path, body, options = {}) { return this.request('POST', path, { ...options, body }); }
  patch(path, body, options = {}) { return this.request('PATCH', path, { ...options, body }); }
  put(path, body, options = {}) { return this.request('PUT', path, { ...options, body }); }
  delete(path, options) { return this.request('DELETE', path, options); }
}

// Asserts a problem+json answer with the given status and problem type suffix.
export function expectProblem(assert, response, status, type) {
  assert.equal(response.status, status, `status ${response.status}: ${response.text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  if (type) assert.equal(response.json.type, `https://voxloop.dev/problems/${type}`);
  assert.equal(response.json.status, status);
  assert.ok(response.json.request_id, 'problem has a request_id');
}

export async function login(base, email, password) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const json = await response.json();
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { status: response.status, json, setCookie, cookie: setCookie.split(';')[0] };
}
