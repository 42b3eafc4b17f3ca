// The HTTP SMS adapter (HttpSmsSender) against the SMS gateway sandbox
// (tools/sms-sandbox): a real `tongban serve` (not demo mode) sends a
// registration code through the outbox to the sandbox, which verifies the app
// key, timestamp and HMAC-SM3 signature; the code then registers. A wrong
// secret is refused by the sandbox and nothing is accepted.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { startServer, makeTempDir, sleep } from '../../lib/server.mjs';
import { startSandbox, sign } from '../../../tools/sms-sandbox/sandbox.mjs';

function residentId(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i];
  return body17 + '10X98765432'[sum % 11];
}

async function post(url, json) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  const text = await r.text();
  return { status: r.status, text, body: text ? JSON.parse(text) : undefined };
}

async function waitFor(fn, what, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = fn();
    if (v) return v;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('HTTP SMS adapter against the sandbox gateway', () => {
  const secret = 'sandbox-secret-0123456789';
  let sandbox;
  let server;
  let wrongSandbox;
  let wrongServer;

  before(async () => {
    const dir = makeTempDir('tongban-sms-');
    const secretFile = path.join(dir, 'sms.secret');
    writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
    sandbox = await startSandbox({ appKey: 'tongban', secret, chunked: true });  // chunked answers are parsed too
    server = await startServer({
      env: {
        TONGBAN_SMS_GATEWAY_URL: `${sandbox.url}/v1/sms/send`,
        TONGBAN_SMS_APP_KEY: 'tongban',
        TONGBAN_SMS_APP_SECRET_FILE: secretFile,
        TONGBAN_OUTBOX_POLL_INTERVAL_MS: '50',
      },
    });
    wrongSandbox = await startSandbox({ appKey: 'tongban', secret: 'another secret' });
    wrongServer = await startServer({
      env: {
        TONGBAN_SMS_GATEWAY_URL: `${wrongSandbox.url}/v1/sms/send`,
        TONGBAN_SMS_APP_KEY: 'tongban',
        TONGBAN_SMS_APP_SECRET_FILE: secretFile,
        TONGBAN_OUTBOX_POLL_INTERVAL_MS: '50',
      },
    });
  });

  after(async () => {
    for (const s of [server, wrongServer]) {
      if (!s) continue;
      const { code } = await s.stop();
      s.removeDataDir();
      assert.equal(code, 0, `tongban exited with ${code}\n${s.tail()}`);
    }
    await sandbox?.close();
    await wrongSandbox?.close();
  });

  test('a registration code reaches the gateway signed, once, and registers', async () => {
    const phone = '13612345678';
    const sent = await post(`${server.url}/api/v1/auth/otp`, { phone, purpose: 'register' });
    assert.equal(sent.status, 202, sent.text);
    const message = await waitFor(() => sandbox.messages.find((m) => m.phone === phone), 'the sandbox to accept the code');
    assert.equal(message.template_id, 'otp_register');
    assert.match(message.params.code, /^\d{6}$/);
    assert.equal(message.params.minutes, '5');
    assert.match(message.text, /注册验证码/);
    assert.equal(sandbox.rejected(), 0);
    // No demo inbox outside demo mode.
    assert.equal((await fetch(`${server.url}/api/v1/dev/sms-inbox`)).status, 404);

    const reg = await post(`${server.url}/api/v1/auth/register`, {
      name: '王五', id_kind: 'resident_id', id_number: residentId('11010519850315123'), phone,
      code: message.params.code, password: 'sandbox delivered this',
    });
    assert.equal(reg.status, 201, reg.text);
    await sleep(300);
    assert.equal(sandbox.messages.filter((m) => m.phone === phone).length, 1);
  });

  test('the sandbox refuses a wrong signature; nothing is accepted', async () => {
    const sent = await post(`${wrongServer.url}/api/v1/auth/otp`, { phone: '13712345678', purpose: 'register' });
    assert.equal(sent.status, 202, sent.text);
    await waitFor(() => wrongSandbox.rejected() > 0, 'the sandbox to refuse the signature');
    assert.equal(wrongSandbox.messages.length, 0);

    const body = JSON.stringify({ message_id: 'm1', phone: '13712345678', template_id: 'otp_login', params: { code: '123456', minutes: '5' } });
    const ts = String(Date.now());
    const forged = await fetch(`${sandbox.url}/v1/sms/send`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-app-key': 'tongban', 'x-timestamp': ts, 'x-signature': sign('guess', ts, body) },
    });
    assert.equal(forged.status, 401);
    assert.equal((await forged.json()).code, 'BAD_SIGNATURE');
  });
});
