// Interoperability with the real `openid-client` npm library (the relying
// party): discovery, the authorization code flow with PKCE, ID token
// validation (EdDSA), refresh and userinfo. The user logs in through the
// password API (a cookie session), and — when the front end is built — as a
// demo resident through our /login page in Chromium (playwright-core).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { makeTempDir, repoRoot, startServer } from '../../lib/server.mjs';
import { login, registerClient } from './oidc_helpers.mjs';

const webModules = path.join(repoRoot, 'web', 'node_modules');
const client = await import(pathToFileURL(path.join(webModules, 'openid-client', 'build', 'index.js')));
const dist = process.env.TONGBAN_WEB_DIST || path.join(repoRoot, 'web', 'dist');

// Whether the front end has the identity module's /login page: the browser
// case needs it and the built front end.
function frontEndHasLoginPage() {
  const dir = path.join(repoRoot, 'web', 'src', 'modules');
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  return existsSync(dir) && walk(dir).filter((f) => f.endsWith('.ts'))
    .some((f) => /path:\s*['"]\/?login['"]/.test(readFileSync(f, 'utf8')));
}

// A relying party's callback endpoint: resolves the first request's full URL.
function startCallbackServer() {
  let resolveHit;
  const hit = new Promise((r) => { resolveHit = r; });
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>RP</title><main><h1>signed in</h1></main></html>');
    resolveHit(new URL(req.url, `http://127.0.0.1:${server.address().port}`));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, hit }));
  });
}

// openid-client's whole relying-party side, from discovery to userinfo,
// given a way to obtain the callback URL for an authorization URL.
async function runRelyingParty(issuerUrl, registered, redirectUri, authenticate) {
  const config = await client.discovery(new URL(issuerUrl), registered.client_id, registered.client_secret,
    client.ClientSecretBasic(registered.client_secret), { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const challenge = await client.calculatePKCECodeChallenge(verifier);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid profile phone', code_challenge: challenge,
    code_challenge_method: 'S256', state, nonce,
  });
  const callback = await authenticate(url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
  });
  const claims = tokens.claims();
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  const info = await client.fetchUserInfo(config, refreshed.access_token, claims.sub);
  return { config, tokens, claims, refreshed, info };
}

describe('openid-client interoperability', () => {
  let dataDir;
  let server;
  let rp;
  let registered;

  before(async () => {
    rp = await startCallbackServer();
    dataDir = makeTempDir('tongban-oidc-interop-');
    registered = await registerClient(dataDir, {}, ['--name', 'openid-client RP', '--redirect-uri',
      `http://127.0.0.1:${rp.port}/cb`, '--scope', 'openid', '--scope', 'profile', '--scope', 'phone']);
    const env = existsSync(path.join(dist, 'index.html')) ? { TONGBAN_SERVER_STATIC_DIR: dist } : {};
    server = await startServer({ dataDir, env, args: ['--demo'] });
  });

  after(async () => {
    await server?.stop();
    rp?.server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('code flow with PKCE, ID token validation, refresh and userinfo (session from the login API)', async () => {
    const session = await login(server, '13800000002');
    const result = await runRelyingParty(server.url, registered, `http://127.0.0.1:${rp.port}/cb`, async (url) => {
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: session.cookie } });
      assert.equal(res.status, 302);
      return new URL(res.headers.get('location'));
    });
    assert.equal(result.claims.iss, server.url);
    assert.equal(result.claims.aud, registered.client_id);
    assert.equal(result.claims.sub, session.caller.subject_id);
    assert.equal(result.claims.acr, 'L2');
    assert.ok(result.tokens.refresh_token);
    assert.notEqual(result.refreshed.refresh_token, result.tokens.refresh_token);
    assert.equal(result.refreshed.claims().sub, result.claims.sub);
    assert.equal(result.info.sub, result.claims.sub);
    assert.equal(result.info.name, '李四');
    assert.equal(result.info.phone_number, '138****0002');
  });

  test('a demo resident logs in through /login in Chromium; openid-client completes the flow', async (t) => {
    if (!existsSync(path.join(dist, 'index.html'))) {
      t.skip(`the front end is not built (${dist}/index.html)`);
      return;
    }
    if (!frontEndHasLoginPage()) {
      t.skip('no /login page in web/src/modules yet');
      return;
    }
    const { chromium } = await import(pathToFileURL(path.join(webModules, 'playwright-core', 'index.mjs')));
    const browser = await chromium.launch({
      executablePath: process.env.TONGBAN_CHROMIUM ?? '/usr/bin/chromium', headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const context = await browser.newContext({ locale: 'zh-CN' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const result = await runRelyingParty(server.url, registered, `http://127.0.0.1:${rp.port}/cb`, async (url) => {
        await page.goto(url.toString());
        await page.waitForURL((u) => u.pathname === '/login');
        const tab = page.getByTestId('tab-password');
        if (await tab.count()) await tab.click();
        await page.getByTestId('login-name').fill('13800000003');
        await page.getByTestId('login-password').fill('Tongban-Demo-2026');
        await page.getByTestId('login-submit').click();
        return rp.hit;
      });
      assert.equal(result.claims.acr, 'L3');
      assert.equal(result.info.name, '王五');
      // The browser ended on the relying party's callback page.
      await page.waitForURL((u) => u.port === String(rp.port));
    } finally {
      await browser.close();
    }
  });
});
