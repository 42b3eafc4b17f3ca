// A cookie-carrying HTTP client for the authorisation matrix: one instance is
// one browser (its own session cookie and CSRF token). Unsafe methods carry
// the X-CSRF-Token header, as the web front end sends it.
export class Client {
  constructor(base, label = 'anonymous') {
    this.base = base;
    this.label = label;
    this.cookies = new Map();
    this.me = null;  // the Caller of GET /api/v1/me once logged in
    this.bearer = '';  // an OAuth access token instead of cookies (a system client)
  }

  get csrf() {
    return this.cookies.get('tb_csrf') ?? '';
  }

  // {status, headers, body (parsed JSON or undefined), text}. `keepCookies`:
  // false for a matrix cell, so that a cell (e.g. a login) cannot change whom
  // this client is.
  async call(method, path, { json, keepCookies = true } = {}) {
    const headers = {};
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (!['GET', 'HEAD'].includes(method) && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      redirect: 'manual',
    });
    if (keepCookies) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        if (value === '' || /Max-Age=0\b/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    const text = await res.text();
    let body;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  // Like call(), but throws unless the answer is 2xx: for fixtures, where a
  // failure means the setup itself is broken, not a matrix cell.
  async must(method, path, json) {
    const r = await this.call(method, path, { json });
    if (r.status < 200 || r.status > 299) {
      throw new Error(`fixture ${this.label}: ${method} ${path} → ${r.status} ${r.text.slice(0, 400)}`);
    }
    return r.body;
  }
}

export const kDemoPassword = 'Tongban-Demo-2026';

// A system (OIDC client_credentials) caller: the platform operator registers a
// confidential client allowed only client_credentials and one scope; the client
// takes a token at /oidc/token. Resolves the client with .clientId and .scopes.
export async function systemClient(base, operator, label = 'system_client') {
  const registered = await operator.must('POST', '/api/v1/admin/oidc-clients', {
    name: 'authorisation matrix system',
    client_type: 'confidential',
    grant_types: ['client_credentials'],
    scopes: ['matrix.read'],
  });
  const basic = Buffer.from(`${registered.client_id}:${registered.client_secret}`).toString('base64');
  const res = await fetch(`${base}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=matrix.read',
  });
  const token = await res.json();
  if (res.status !== 200 || !token.access_token) throw new Error(`client_credentials: ${res.status} ${JSON.stringify(token)}`);
  const c = new Client(base, label);
  c.bearer = token.access_token;
  c.clientId = registered.client_id;
  c.scopes = token.scope ? token.scope.split(' ') : [];
  return c;
}

// Logs a demo account in with its password; then, for a person acting for an
// enterprise, switches the session to it. Resolves the client with .me set.
export async function logIn(base, login, { label = login, actingFor } = {}) {
  const c = new Client(base, label);
  await c.must('POST', '/api/v1/auth/login/password', { login, password: kDemoPassword });
  if (actingFor) await c.must('POST', '/api/v1/me/acting-for', { enterprise_id: actingFor });
  c.me = await c.must('GET', '/api/v1/me');
  return c;
}
