// Helpers of the OIDC black-box tests: a provider with a client registered
// through the command line, PKCE pairs, password logins of demo accounts, and
// the authorize redirect read without following it.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

import { makeTempDir, request, runTongban, startServer, storageFor } from '../../lib/server.mjs';
import { login as logIn } from '../../lib/session.mjs';

export const kRedirect = 'http://127.0.0.1:9/cb';

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

// Registers a client with `tongban admin oidc-client create` (before serve on
// SQLite: the database belongs to one process at a time). Resolves the JSON it printed.
export async function registerClient(dataDir, env, args) {
  const r = await runTongban(['admin', 'oidc-client', 'create', '--data-dir', dataDir, ...args], { env });
  if (r.code !== 0) throw new Error(`oidc-client create exited ${r.code}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

// A demo-mode server on `backend` with the clients `specs` registered first.
export async function startProvider(backend, specs, t) {
  const storage = await storageFor(backend, t);
  const dataDir = makeTempDir('tongban-oidc-');
  const clients = {};
  for (const [name, args] of Object.entries(specs)) clients[name] = await registerClient(dataDir, storage.env, args);
  const server = await startServer({ dataDir, env: storage.env, args: ['--demo'] });
  return {
    server,
    clients,
    async stop() {
      try {
        await server.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        await storage.cleanup();
      }
    },
  };
}

// Logs a demo account in; resolves its Session (`cookie`, `csrf`, `caller`).
export function login(server, loginName) {
  return logIn(server.url, loginName);
}

export function authorizeUrl(server, client, params = {}) {
  const u = new URL(`${server.url}/oidc/authorize`);
  const all = { client_id: client.client_id, redirect_uri: kRedirect, response_type: 'code', scope: 'openid profile',
    state: 'st-1', nonce: 'n-1', ...params };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

// GET without following redirects: resolves {status, location (URL or null), body}.
export async function authorize(url, cookie) {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const location = res.headers.get('location');
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, location: location ? new URL(location, url) : null, body, headers: res.headers };
}

export async function token(server, client, form, { basic = true } = {}) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(form);
  if (basic && client.client_secret) {
    headers.authorization = 'Basic ' + Buffer.from(
      `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64');
  } else {
    body.set('client_id', client.client_id);
    if (client.client_secret) body.set('client_secret', client.client_secret);
  }
  return request(`${server.url}/oidc/token`, { method: 'POST', headers, body: body.toString() });
}

// The code flow up to the tokens, for `loginName`.
export async function codeFlow(provider, client, loginName, { scope = 'openid profile' } = {}) {
  const session = await login(provider.server, loginName);
  const { verifier, challenge } = pkce();
  const a = await authorize(authorizeUrl(provider.server, client, { scope, code_challenge: challenge,
    code_challenge_method: 'S256' }), session.cookie);
  if (a.status !== 302 || !a.location.searchParams.get('code')) {
    throw new Error(`authorize: ${a.status} ${a.location} ${JSON.stringify(a.body)}`);
  }
  const code = a.location.searchParams.get('code');
  const t = await token(provider.server, client, { grant_type: 'authorization_code', code, redirect_uri: kRedirect,
    code_verifier: verifier });
  return { session, code, verifier, tokens: t };
}
