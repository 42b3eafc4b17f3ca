// The OpenID Connect provider end to end against `tongban serve --demo`:
// discovery, JWKS, client_credentials, exact redirect URIs, PKCE, code replay,
// refresh-token rotation and reuse detection, userinfo and its access record,
// RP-initiated logout, and the operators' client API. On SQLite, and on
// PostgreSQL when TONGBAN_TEST_PG_URL is set (required with TONGBAN_REQUIRE_PG=1).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { backends, request } from '../../lib/server.mjs';
import { authorize, authorizeUrl, codeFlow, kRedirect, login, pkce, startProvider, token } from './oidc_helpers.mjs';

function decodeJwt(jwt) {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
}

for (const backend of backends()) {
  describe(`OIDC provider on ${backend}`, () => {
    let provider;
    let server;
    let rp;
    let pub;

    before(async () => {
      provider = await startProvider(backend, {
        rp: ['--name', '不动产登记系统', '--redirect-uri', kRedirect, '--post-logout-redirect-uri',
          'http://127.0.0.1:9/bye', '--scope', 'openid', '--scope', 'profile', '--scope', 'phone', '--scope',
          'catalog.read'],
        pub: ['--name', '移动端', '--public', '--redirect-uri', kRedirect],
        l3: ['--name', '公积金系统', '--redirect-uri', kRedirect, '--required-acr', 'L3'],
      });
      server = provider.server;
      rp = provider.clients.rp;
      pub = provider.clients.pub;
    });

    after(async () => { await provider?.stop(); });

    test('the CLI prints client_id and a secret shown once; public clients get none', () => {
      assert.match(rp.client_id, /^client_[0-9a-z]{26}$/);
      assert.ok(rp.client_secret.length >= 43);
      assert.equal(pub.client_secret, null);
      assert.equal(pub.client_type, 'public');
    });

    test('discovery names our endpoints, code flow only, S256 only, EdDSA', async () => {
      const r = await request(`${server.url}/.well-known/openid-configuration`);
      assert.equal(r.status, 200);
      assert.equal(r.body.issuer, server.url);
      assert.equal(r.body.token_endpoint, `${server.url}/oidc/token`);
      assert.deepEqual(r.body.response_types_supported, ['code']);
      assert.deepEqual(r.body.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(r.body.id_token_signing_alg_values_supported, ['EdDSA']);
      assert.ok(r.body.grant_types_supported.includes('client_credentials'));
      assert.ok(!r.body.grant_types_supported.includes('implicit'));
    });

    test('the JWKS publishes an EdDSA and an ES256 public key, no private parts', async () => {
      const r = await request(`${server.url}/oidc/jwks`);
      assert.equal(r.status, 200);
      const keys = JSON.parse(r.text).keys;
      assert.deepEqual(keys.map((k) => k.alg).sort(), ['ES256', 'EdDSA']);
      for (const k of keys) {
        assert.ok(k.kid);
        assert.equal(k.d, undefined);
      }
    });

    test('client_credentials issues an at+jwt with the asked scopes, and it authenticates API calls', async () => {
      const r = await token(server, rp, { grant_type: 'client_credentials', scope: 'catalog.read' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.token_type, 'Bearer');
      assert.equal(r.body.id_token, undefined);
      assert.equal(r.body.refresh_token, undefined);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const { header, payload } = decodeJwt(r.body.access_token);
      assert.equal(header.typ, 'at+jwt');
      assert.equal(header.alg, 'EdDSA');
      assert.equal(payload.sub, rp.client_id);
      assert.equal(payload.scope, 'catalog.read');
      const me = await request(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${r.body.access_token}` } });
      assert.notEqual(me.status, 401, me.text);
      // No userinfo for a token without a user.
      const ui = await request(`${server.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${r.body.access_token}` } });
      assert.equal(ui.status, 401);
    });

    test('client_credentials: a scope the client lacks, a user scope, a wrong secret', async () => {
      let r = await token(server, rp, { grant_type: 'client_credentials', scope: 'catalog.write' });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_scope');
      r = await token(server, rp, { grant_type: 'client_credentials', scope: 'openid' });
      assert.equal(r.body.error, 'invalid_scope');
      r = await token(server, { ...rp, client_secret: 'wrong' }, { grant_type: 'client_credentials' });
      assert.equal(r.status, 401);
      assert.equal(r.body.error, 'invalid_client');
      assert.match(r.headers.get('www-authenticate') ?? '', /^Basic/);
      r = await token(server, pub, { grant_type: 'client_credentials' }, { basic: false });
      assert.equal(r.body.error, 'unauthorized_client');
      r = await token(server, rp, { grant_type: 'password', username: 'x', password: 'y' });
      assert.equal(r.body.error, 'unsupported_grant_type');
    });

    test('the token endpoint refuses a JSON body and repeated parameters in OAuth shape', async () => {
      let r = await request(`${server.url}/oidc/token`, { method: 'POST', json: { grant_type: 'client_credentials' } });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_request');
      r = await request(`${server.url}/oidc/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&grant_type=client_credentials&client_id=${rp.client_id}&client_secret=${rp.client_secret}`,
      });
      assert.equal(r.body.error, 'invalid_request');
    });

    test('without a session, authorize sends the browser to /login?return_to=<the authorize URL>', async () => {
      const url = authorizeUrl(server, rp, { code_challenge: pkce().challenge, code_challenge_method: 'S256' });
      const a = await authorize(url);
      assert.equal(a.status, 302);
      assert.equal(a.location.pathname, '/login');
      const back = a.location.searchParams.get('return_to');
      assert.ok(back.startsWith('/oidc/authorize?'), back);
      assert.equal(new URL(back, server.url).searchParams.get('client_id'), rp.client_id);
      const none = await authorize(authorizeUrl(server, rp, { prompt: 'none' }));
      assert.equal(none.location.origin + none.location.pathname, kRedirect);
      assert.equal(none.location.searchParams.get('error'), 'login_required');
      assert.equal(none.location.searchParams.get('state'), 'st-1');
    });

    test('an unregistered redirect URI is an error page, never a redirect', async () => {
      const session = await login(server, '13800000002');
      for (const uri of ['http://127.0.0.1:9/cb/', 'http://127.0.0.1:9/cb?x=1', 'https://evil.example.com/cb',
        'http://127.0.0.1:9/CB']) {
        const a = await authorize(authorizeUrl(server, rp, { redirect_uri: uri }), session.cookie);
        assert.equal(a.status, 400, uri);
        assert.equal(a.location, null, uri);
        assert.match(a.headers.get('content-type'), /problem\+json/);
        assert.equal(a.body.code, 'oidc.bad_redirect_uri');
        assert.equal(a.body.field, 'redirect_uri');
        assert.ok(a.body.message_zh && a.body.message_en);
      }
      const unknown = await authorize(authorizeUrl(server, { client_id: 'client_nope' }), session.cookie);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.code, 'oidc.unknown_client');
    });

    test('implicit and hybrid flows, plain PKCE and public clients without PKCE are refused at the RP', async () => {
      const session = await login(server, '13800000002');
      const cases = [
        [rp, { response_type: 'token' }, 'unsupported_response_type'],
        [rp, { response_type: 'code id_token' }, 'unsupported_response_type'],
        [rp, { code_challenge: pkce().challenge, code_challenge_method: 'plain' }, 'invalid_request'],
        [pub, {}, 'invalid_request'],
        [rp, { scope: 'profile' }, 'invalid_scope'],
      ];
      for (const [client, params, error] of cases) {
        const a = await authorize(authorizeUrl(server, client, params), session.cookie);
        assert.equal(a.status, 302, JSON.stringify(params));
        assert.equal(a.location.searchParams.get('error'), error, JSON.stringify(params));
        assert.equal(a.location.searchParams.get('code'), null);
        assert.equal(a.location.searchParams.get('iss'), server.url);
      }
    });

    test('oversized input: a long state goes back as invalid_request, a long name or URI is refused with its field', async () => {
      const session = await login(server, '13800000002');
      const a = await authorize(authorizeUrl(server, rp, { state: 'x'.repeat(600) }), session.cookie);
      assert.equal(a.status, 302);
      assert.equal(a.location.searchParams.get('error'), 'invalid_request');
      const op = await login(server, 'operator');
      const post = (json) => op.call('POST', '/api/v1/admin/oidc-clients', { json });
      let r = await post({ name: '名'.repeat(101), redirect_uris: [kRedirect] });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, '/name');
      r = await post({ name: 'x', redirect_uris: [`https://a.example.gov.cn/${'p'.repeat(600)}`] });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, '/redirect_uris/0');
      r = await post({ name: 'x', redirect_uris: [kRedirect], scopes: ['openid', 'a b'] });
      assert.equal(r.body.field, '/scopes/1');
      r = await post({ name: 'x', redirect_uris: [kRedirect], required_acr: 'L4' });
      assert.equal(r.body.field, '/required_acr');
      r = await post({ name: 'x', redirect_uris: [kRedirect], secret: 'mine' });
      assert.equal(r.body.code, 'http.unknown_field');
      const list = await op.call('GET', '/api/v1/admin/oidc-clients');
      assert.ok(!list.body.items.some((c) => c.name === 'x'), 'nothing was registered');
    });

    test('a client requiring L3 denies an L2 account with a clear description, admits an L3 one', async () => {
      const l3 = provider.clients.l3;
      const l2 = await login(server, '13800000002');
      const { challenge } = pkce();
      let a = await authorize(authorizeUrl(server, l3, { code_challenge: challenge, code_challenge_method: 'S256' }),
        l2.cookie);
      assert.equal(a.location.searchParams.get('error'), 'access_denied');
      assert.match(a.location.searchParams.get('error_description'), /L3/);
      const strong = await login(server, '13800000003');
      a = await authorize(authorizeUrl(server, l3, { code_challenge: challenge, code_challenge_method: 'S256' }),
        strong.cookie);
      assert.ok(a.location.searchParams.get('code'));
    });

    test('code flow: ID token claims, userinfo, and the read in the person\'s access log', async () => {
      const { session, tokens } = await codeFlow(provider, rp, '13800000002', { scope: 'openid profile phone' });
      assert.equal(tokens.status, 200, tokens.text);
      const id = decodeJwt(tokens.body.id_token).payload;
      assert.equal(id.iss, server.url);
      assert.equal(id.aud, rp.client_id);
      assert.equal(id.sub, session.caller.subject_id);
      assert.equal(id.nonce, 'n-1');
      assert.equal(id.acr, 'L2');
      assert.deepEqual(id.amr, ['pwd']);
      assert.equal(id.sid, session.caller.session_id);
      assert.equal(id.auth_time, session.caller.auth_time);
      const ui = await request(`${server.url}/oidc/userinfo`, {
        headers: { authorization: `Bearer ${tokens.body.access_token}` } });
      assert.equal(ui.status, 200, ui.text);
      assert.equal(ui.body.sub, id.sub);
      assert.equal(ui.body.name, '李四');
      assert.equal(ui.body.phone_number, '138****0002');
      // The person's token lets the system read the claims, not act on the platform as the person.
      for (const [method, path] of [['GET', '/api/v1/me'], ['GET', '/api/v1/me/grants?direction=held'],
                                    ['DELETE', '/api/v1/me/sessions']]) {
        const asPerson = await request(`${server.url}${path}`, {
          method, headers: { authorization: `Bearer ${tokens.body.access_token}` } });
        assert.equal(asPerson.status, 401, `${method} ${path}: ${asPerson.text}`);
        assert.equal(asPerson.body.code, 'oidc.user_token_not_accepted');
      }
      const log = await request(`${server.url}/api/v1/me/access-log`, { headers: { cookie: session.cookie } });
      assert.equal(log.status, 200, log.text);
      const entry = log.body.items.find((e) => e.reader_id === rp.client_id);
      assert.ok(entry, log.text);
      assert.deepEqual(entry.fields, ['name', 'phone']);
      assert.equal(entry.unmasked, false);
    });

    test('scopes the client lacks are left out of the grant, not refused', async () => {
      const { tokens } = await codeFlow(provider, pub, '13800000001', { scope: 'openid profile email offline_access' });
      assert.equal(tokens.status, 200, tokens.text);
      assert.equal(tokens.body.scope, 'openid profile');
      assert.ok(tokens.body.refresh_token);
    });

    test('a wrong PKCE verifier is invalid_grant, and the code still cannot be used twice', async () => {
      const session = await login(server, '13800000001');
      const { verifier, challenge } = pkce();
      const a = await authorize(authorizeUrl(server, rp, { code_challenge: challenge, code_challenge_method: 'S256' }),
        session.cookie);
      const code = a.location.searchParams.get('code');
      let r = await token(server, rp, { grant_type: 'authorization_code', code, redirect_uri: kRedirect,
        code_verifier: pkce().verifier });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
      assert.match(r.body.error_description, /PKCE/);
      r = await token(server, rp, { grant_type: 'authorization_code', code, redirect_uri: kRedirect + 'x',
        code_verifier: verifier });
      assert.equal(r.body.error, 'invalid_grant');
      r = await token(server, rp, { grant_type: 'authorization_code', code, redirect_uri: kRedirect,
        code_verifier: verifier });
      assert.equal(r.status, 200, r.text);
    });

    test('a replayed code is refused and revokes the tokens of its first use', async () => {
      const { code, verifier, tokens } = await codeFlow(provider, rp, '13800000001');
      assert.equal(tokens.status, 200);
      const again = await token(server, rp, { grant_type: 'authorization_code', code, redirect_uri: kRedirect,
        code_verifier: verifier });
      assert.equal(again.status, 400);
      assert.equal(again.body.error, 'invalid_grant');
      const refresh = await token(server, rp, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      assert.equal(refresh.body.error, 'invalid_grant');
      const ui = await request(`${server.url}/oidc/userinfo`, {
        headers: { authorization: `Bearer ${tokens.body.access_token}` } });
      assert.equal(ui.status, 401);
      assert.match(ui.headers.get('www-authenticate'), /invalid_token/);
    });

    test('refresh tokens rotate; presenting a used one revokes the whole family', async () => {
      const { tokens } = await codeFlow(provider, rp, '13800000001');
      const r1 = await token(server, rp, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      assert.equal(r1.status, 200, r1.text);
      assert.notEqual(r1.body.refresh_token, tokens.body.refresh_token);
      assert.ok(r1.body.id_token);
      const r2 = await token(server, rp, { grant_type: 'refresh_token', refresh_token: r1.body.refresh_token });
      assert.equal(r2.status, 200);
      const reuse = await token(server, rp, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      assert.equal(reuse.status, 400);
      assert.equal(reuse.body.error, 'invalid_grant');
      const latest = await token(server, rp, { grant_type: 'refresh_token', refresh_token: r2.body.refresh_token });
      assert.equal(latest.body.error, 'invalid_grant');
      const ui = await request(`${server.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${r2.body.access_token}` } });
      assert.equal(ui.status, 401);
    });

    test('a public client exchanges with PKCE alone', async () => {
      const { tokens } = await codeFlow(provider, pub, '13800000001');
      assert.equal(tokens.status, 200, tokens.text);
      assert.ok(tokens.body.refresh_token);
    });

    test('RP-initiated logout: only a registered URI, then the session and its tokens are gone', async () => {
      const { session, tokens } = await codeFlow(provider, rp, '13800000001');
      const hint = tokens.body.id_token;
      let a = await authorize(`${server.url}/oidc/logout?id_token_hint=${hint}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example.com/')}`);
      assert.equal(a.status, 400);
      assert.equal(a.body.code, 'oidc.bad_post_logout_redirect_uri');
      a = await authorize(`${server.url}/oidc/logout?id_token_hint=${hint}&post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:9/bye')}&state=s1`);
      assert.equal(a.status, 302);
      assert.equal(a.location.toString(), 'http://127.0.0.1:9/bye?state=s1');
      const me = await request(`${server.url}/api/v1/me`, { headers: { cookie: session.cookie } });
      assert.equal(me.status, 401);
      const refresh = await token(server, rp, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      assert.equal(refresh.body.error, 'invalid_grant');
    });

    test('revocation (RFC 7009) ends a refresh token\'s family; unknown tokens are fine', async () => {
      const { tokens } = await codeFlow(provider, rp, '13800000001');
      const form = { token: tokens.body.refresh_token };
      const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' +
        Buffer.from(`${rp.client_id}:${rp.client_secret}`).toString('base64') };
      let r = await request(`${server.url}/oidc/revoke`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
      assert.equal(r.status, 200);
      r = await request(`${server.url}/oidc/revoke`, { method: 'POST', headers, body: 'token=nonsense' });
      assert.equal(r.status, 200);
      const refresh = await token(server, rp, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      assert.equal(refresh.body.error, 'invalid_grant');
    });

    test('operators: list, create (secret once), bad input as problem+json, rotate, disable; residents are refused', async () => {
      const op = await login(server, 'operator');
      const bad = await op.call('POST', '/api/v1/admin/oidc-clients', {
        json: { name: '坏系统', redirect_uris: ['https://evil.example.com/cb#fragment'] } });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.code, 'oidc.bad_redirect_uri');
      assert.equal(bad.body.field, '/redirect_uris/0');
      const created = await op.call('POST', '/api/v1/admin/oidc-clients', {
        json: { name: '社保系统', redirect_uris: ['https://si.example.gov.cn/cb'], scopes: ['openid', 'catalog.read'] } });
      assert.equal(created.status, 201, created.text);
      assert.ok(created.body.client_secret);
      const list = await op.call('GET', '/api/v1/admin/oidc-clients');
      assert.equal(list.status, 200);
      const listed = list.body.items.find((c) => c.client_id === created.body.client_id);
      assert.equal(listed.client_secret, undefined);
      const cc = { client_id: created.body.client_id, client_secret: created.body.client_secret };
      assert.equal((await token(server, cc, { grant_type: 'client_credentials' })).status, 200);
      const rotated = await op.call('POST', `/api/v1/admin/oidc-clients/${cc.client_id}/secret`);
      assert.equal(rotated.status, 200, rotated.text);
      assert.equal((await token(server, cc, { grant_type: 'client_credentials' })).status, 401);
      const fresh = { client_id: cc.client_id, client_secret: rotated.body.client_secret };
      const t = await token(server, fresh, { grant_type: 'client_credentials' });
      assert.equal(t.status, 200);
      const disabled = await op.call('POST', `/api/v1/admin/oidc-clients/${cc.client_id}/disable`);
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.status, 'disabled');
      assert.equal((await token(server, fresh, { grant_type: 'client_credentials' })).status, 401);
      const api = await request(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
      assert.equal(api.status, 401);
      const missing = await op.call('POST', '/api/v1/admin/oidc-clients/client_nope/disable');
      assert.equal(missing.status, 404);
      const resident = await login(server, '13800000001');
      const denied = await resident.call('GET', '/api/v1/admin/oidc-clients');
      assert.equal(denied.status, 403);
      const anonymous = await request(`${server.url}/api/v1/admin/oidc-clients`);
      assert.equal(anonymous.status, 401);
    });
  });
}
