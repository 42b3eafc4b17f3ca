// `tongban admin oidc-client create` and `tongban admin oidc-key rotate`:
// beside a running serve on SQLite (the default), bad input refused with a
// clear message and nothing written, and the audit chain intact afterwards.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';

import { makeTempDir, request, runTongban, startServer } from '../../lib/server.mjs';
import { kRedirect, registerClient, token } from './oidc_helpers.mjs';

describe('OIDC operator commands', () => {
  let dataDir;
  let server;

  before(async () => {
    dataDir = makeTempDir('tongban-oidc-cli-');
    server = await startServer({ dataDir, args: ['--demo'] });
  });

  after(async () => {
    if (server?.running) await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a client registered while serve runs works at once', async () => {
    const c = await registerClient(dataDir, {}, ['--name', '并行注册', '--redirect-uri', kRedirect, '--scope', 'openid',
      '--scope', 'stats.read']);
    assert.match(c.client_id, /^client_/);
    assert.deepEqual(c.scopes, ['openid', 'stats.read']);
    const t = await token(server, c, { grant_type: 'client_credentials', scope: 'stats.read' });
    assert.equal(t.status, 200, t.text);
  });

  test('bad input exits 2 with the reason and writes nothing', async () => {
    const cases = [
      [['--name', 'x', '--redirect-uri', 'https://*.example.com/cb'], /wildcard/],
      [['--name', 'x', '--redirect-uri', 'ftp://example.com/cb'], /https or http/],
      [['--name', 'x', '--redirect-uri', 'https://a.example.com/cb#frag'], /fragment/],
      [['--name', 'x', '--redirect-uri', kRedirect, '--scope', 'bad scope'], /scope/],
      [['--name', 'x', '--public', '--grant-type', 'client_credentials'], /public/],
      [['--name', 'x', '--redirect-uri', kRedirect, '--required-acr', 'L9'], /L1|assurance/i],
      [['--name', '', '--redirect-uri', kRedirect], /name/],
    ];
    for (const [args, message] of cases) {
      const r = await runTongban(['admin', 'oidc-client', 'create', '--data-dir', dataDir, ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  test('key rotation keeps the previous key published; the chain of audit records is intact', async () => {
    const r = await runTongban(['admin', 'oidc-key', 'rotate', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    const { kid, algorithm } = JSON.parse(r.stdout);
    assert.equal(algorithm, 'EdDSA');
    await server.stop();
    server = await startServer({ dataDir, args: ['--demo'] });
    const jwks = JSON.parse((await request(`${server.url}/oidc/jwks`)).text);
    assert.equal(jwks.keys.length, 3);
    assert.ok(jwks.keys.some((k) => k.kid === kid));
    await server.stop();
    const verify = await runTongban(['audit', 'verify', '--data-dir', dataDir]);
    assert.equal(verify.code, 0, verify.stderr);
    assert.equal(JSON.parse(verify.stdout).intact, true);
  });
});
