// A logged-in HTTP client for black-box tests: one "browser" per instance,
// with a cookie jar (Set-Cookie is applied, an empty value or Max-Age=0
// deletes), the CSRF header X-CSRF-Token taken from the tb_csrf cookie on
// unsafe methods, JSON bodies in and out; plus a password login of a demo
// account (docs/demo-accounts.md) and the assertion of a problem response.
import assert from 'node:assert/strict';

export const kDemoPassword = 'Tongban-Demo-2026';

export class Session {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.caller = undefined; // the body of the login answer, once logged in
  }

  get csrf() {
    return this.cookies.get('tb_csrf') ?? '';
  }

  // The Cookie header this session sends, for requests made without call().
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // `json` is sent as JSON; `body` is sent as it is (also as
  // application/json, for malformed bodies); `csrf: false` leaves the CSRF
  // header out. Resolves {status, headers, body (parsed JSON or undefined),
  // text, setCookies}.
  async call(method, path, { json, body, csrf = true, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookie;
    if (json !== undefined || body !== undefined) h['content-type'] = 'application/json';
    if (csrf && !['GET', 'HEAD'].includes(method) && this.csrf) h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, {
      method,
      headers: h,
      body: body ?? (json === undefined ? undefined : JSON.stringify(json)),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /Max-Age=0\b/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text, setCookies };
  }
}

// Logs `login` in with a password at `base` (the server's URL); resolves its
// Session, with the login answer in `caller`. Fails the test unless 200.
export async function login(base, loginName, password = kDemoPassword) {
  const session = new Session(base);
  const r = await session.call('POST', '/api/v1/auth/login/password', { json: { login: loginName, password } });
  assert.equal(r.status, 200, `login ${loginName}: ${r.text}`);
  session.caller = r.body;
  return session;
}

// An application/problem+json answer with `status`, the stable `code` (when
// given), both messages and, when given, the field at fault.
export function assertProblem(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
  if (code !== undefined) assert.equal(r.body.code, code, r.text);
  assert.ok(r.body.message_zh?.length > 0 && r.body.message_en?.length > 0, r.text);
  if (field !== undefined) assert.equal(r.body.field, field, r.text);
}
