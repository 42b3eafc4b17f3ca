// Authentication end to end against a real `tongban serve --demo`: register
// with a code read from the developer SMS inbox, cookie sessions with CSRF,
// login by password and by code, lockout (429 + Retry-After, the same for an
// unknown login), session revocation, log out everywhere, password reset
// ending every session. SQLite always; PostgreSQL when configured.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor, sleep } from '../../lib/server.mjs';
import { Session, assertProblem } from '../../lib/session.mjs';

// GB 11643 check character, so that every run registers fresh valid numbers.
function residentId(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i];
  return body17 + '10X98765432'[sum % 11];
}

function uniquePhone(n) {
  return `139${String(Date.now() % 1e6).padStart(6, '0')}${String(n).padStart(2, '0')}`;
}

for (const backend of backends()) {
  describe(`authentication API on ${backend}`, () => {
    let server;
    let storage;

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env }, args: ['--demo'] });
    });

    after(async () => {
      try {
        if (server) {
          const { code } = await server.stop();
          server.removeDataDir();
          assert.equal(code, 0, `tongban exited with ${code}\n${server.tail()}`);
        }
      } finally {
        await storage?.cleanup();
      }
    });

    // Sends a code and reads it from the demo inbox (the outbox delivers it).
    async function codeFor(phone, purpose) {
      const anon = new Session(server.url);
      const sent = await anon.call('POST', '/api/v1/auth/otp', { json: { phone, purpose } });
      assert.equal(sent.status, 202, sent.text);
      for (let i = 0; i < 100; i++) {
        const inbox = await anon.call('GET', '/api/v1/dev/sms-inbox');
        assert.equal(inbox.status, 200, inbox.text);
        const message = inbox.body.items.find((m) => m.phone === phone && m.template_id === `otp_${purpose}`);
        if (message) return message.text.match(/\d{6}/)[0];
        await sleep(50);
      }
      throw new Error(`no ${purpose} code for ${phone} in the dev inbox`);
    }

    async function register(n, password = 'correct horse battery') {
      const phone = uniquePhone(n);
      const id = residentId(`110105198${String(n % 10)}0101${String(100 + n).slice(-3)}`);
      const code = await codeFor(phone, 'register');
      const b = new Session(server.url);
      const r = await b.call('POST', '/api/v1/auth/register', {
        json: { name: '张三', id_kind: 'resident_id', id_number: id, phone, code, password },
      });
      assert.equal(r.status, 201, r.text);
      return { b, phone, id, password, body: r.body, setCookies: r.setCookies };
    }

    test('register with a code from the dev inbox logs in with HttpOnly SameSite cookies', async () => {
      const { b, phone, id, body, setCookies } = await register(1);
      assert.equal(body.kind, 'person');
      assert.deepEqual(body.roles, ['resident']);
      assert.equal(body.assurance_level, 'L1');
      const session = setCookies.find((c) => c.startsWith('tb_session='));
      assert.match(session, /HttpOnly/);
      assert.match(session, /SameSite=Lax/);
      assert.doesNotMatch(session, /Secure/);
      assert.doesNotMatch(setCookies.find((c) => c.startsWith('tb_csrf=')), /HttpOnly/);
      const me = await b.call('GET', '/api/v1/me');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.subject_id, body.subject_id);
      // Personal data masked; the full numbers appear nowhere in the answer.
      assert.equal(me.body.person.phone_masked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
      assert.ok(!me.text.includes(phone) && !me.text.includes(id), me.text);
    });

    test('a bad registration names the field and changes nothing', async () => {
      const phone = uniquePhone(2);
      const code = await codeFor(phone, 'register');
      const b = new Session(server.url);
      const weak = await b.call('POST', '/api/v1/auth/register', {
        json: { name: '李四', id_kind: 'resident_id', id_number: residentId('11010519900101123'), phone, code, password: '12345678' },
      });
      assertProblem(weak, 400, 'identity.password_common', '/password');
      const wrongCode = await b.call('POST', '/api/v1/auth/register', {
        json: { name: '李四', id_kind: 'resident_id', id_number: residentId('11010519900101123'), phone,
                code: code === '000000' ? '111111' : '000000', password: 'a good long one' },
      });
      assertProblem(wrongCode, 400, 'identity.otp_invalid', '/code');
      const unknown = await b.call('POST', '/api/v1/auth/otp', { json: { phone, purpose: 'x' } });
      assertProblem(unknown, 400, 'identity.otp_purpose', '/purpose');
      const badPhone = await b.call('POST', '/api/v1/auth/otp', { json: { phone: '12345', purpose: 'login' } });
      assert.equal(badPhone.status, 400, badPhone.text);
      assert.equal(badPhone.body.field, '/phone');
      const again = await b.call('POST', '/api/v1/auth/otp', { json: { phone, purpose: 'register' } });
      assertProblem(again, 429, 'identity.otp_throttled');
      assert.ok(Number(again.headers.get('retry-after')) > 0);
      assert.equal(b.cookies.size, 0);
    });

    test('password login, CSRF required on unsafe methods, revoked session is 401', async () => {
      const { b: first, phone, password } = await register(3);
      const second = new Session(server.url);
      const login = await second.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password } });
      assert.equal(login.status, 200, login.text);
      assert.equal(login.body.auth_method, 'pwd');

      const list = await first.call('GET', '/api/v1/me/sessions');
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.items.length, 2);
      assert.equal(list.body.items.filter((s) => s.current).length, 1);
      const other = list.body.items.find((s) => !s.current);

      const noCsrf = await first.call('DELETE', `/api/v1/me/sessions/${other.session_id}`, { csrf: false });
      assertProblem(noCsrf, 403, 'identity.csrf_failed');
      const wrongCsrf = await first.call('DELETE', `/api/v1/me/sessions/${other.session_id}`, {
        csrf: false, headers: { 'x-csrf-token': second.csrf },
      });
      assertProblem(wrongCsrf, 403, 'identity.csrf_failed');
      assert.equal((await second.call('GET', '/api/v1/me')).status, 200);

      const revoked = await first.call('DELETE', `/api/v1/me/sessions/${other.session_id}`);
      assert.equal(revoked.status, 204, revoked.text);
      assertProblem(await second.call('GET', '/api/v1/me'), 401, 'identity.unauthenticated');
      assertProblem(await first.call('DELETE', `/api/v1/me/sessions/${other.session_id}`), 404,
                    'identity.session_not_found');

      const logoutNoCsrf = await first.call('POST', '/api/v1/auth/logout', { csrf: false });
      assertProblem(logoutNoCsrf, 403, 'identity.csrf_failed');
      const logout = await first.call('POST', '/api/v1/auth/logout');
      assert.equal(logout.status, 204, logout.text);
      assert.equal(first.cookies.size, 0);
      assertProblem(await first.call('GET', '/api/v1/me'), 401, 'identity.unauthenticated');
    });

    test('log out everywhere ends every session', async () => {
      const { b: first, phone, password } = await register(4);
      const second = new Session(server.url);
      assert.equal((await second.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password } })).status, 200);
      const all = await second.call('DELETE', '/api/v1/me/sessions');
      assert.equal(all.status, 204, all.text);
      assert.equal((await first.call('GET', '/api/v1/me')).status, 401);
      assert.equal((await second.call('GET', '/api/v1/me')).status, 401);
    });

    test('a login code logs in; a used code does not again', async () => {
      const { phone } = await register(5);
      const code = await codeFor(phone, 'login');
      const b = new Session(server.url);
      const r = await b.call('POST', '/api/v1/auth/login/otp', { json: { phone, code } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.auth_method, 'otp');
      assertProblem(await new Session(server.url).call('POST', '/api/v1/auth/login/otp', { json: { phone, code } }),
                    400, 'identity.otp_invalid', '/code');
    });

    test('wrong password five times is 429 with Retry-After, alike for an unknown login', async () => {
      const { phone, password } = await register(6);
      const b = new Session(server.url);
      for (let i = 1; i <= 4; i++) {
        const r = await b.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password: 'wrong one!' } });
        assertProblem(r, 401, 'identity.login_failed');
      }
      const locked = await b.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password: 'wrong one!' } });
      assertProblem(locked, 429, 'identity.too_many_attempts');
      assert.equal(locked.headers.get('retry-after'), '60');
      const right = await b.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password } });
      assertProblem(right, 429, 'identity.too_many_attempts');

      const ghost = '13700000000';
      let last;
      for (let i = 1; i <= 5; i++) {
        last = await b.call('POST', '/api/v1/auth/login/password', { json: { login: ghost, password: 'wrong one!' } });
      }
      assertProblem(last, 429, 'identity.too_many_attempts');
      assert.equal(last.headers.get('retry-after'), '60');
      assert.deepEqual(Object.keys(last.body).sort(), Object.keys(locked.body).sort());
    });

    test('password reset ends the old sessions and replaces the password', async () => {
      const { b: old, phone, password } = await register(7);
      const code = await codeFor(phone, 'reset');
      const anon = new Session(server.url);
      const reset = await anon.call('POST', '/api/v1/auth/password-reset', {
        json: { phone, code, password: 'a brand new secret' },
      });
      assert.equal(reset.status, 204, reset.text);
      assertProblem(await old.call('GET', '/api/v1/me'), 401, 'identity.unauthenticated');
      assertProblem(await anon.call('POST', '/api/v1/auth/login/password', { json: { login: phone, password } }), 401,
                    'identity.login_failed');
      const fresh = await anon.call('POST', '/api/v1/auth/login/password', {
        json: { login: phone, password: 'a brand new secret' },
      });
      assert.equal(fresh.status, 200, fresh.text);
    });

    test('acting for an enterprise without a grant is refused; null acts for oneself', async () => {
      const { b } = await register(8);
      const refused = await b.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: 'ent_nobody' } });
      assertProblem(refused, 403, 'delegation.no_grant');
      const self = await b.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: null } });
      assert.equal(self.status, 200, self.text);
      assert.equal(self.body.acting_for, null);
      assertProblem(await b.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: 7 } }), 400,
                    'identity.enterprise_id', '/enterprise_id');
    });

    test('Secure cookies behind https (X-Forwarded-Proto)', async () => {
      const { phone, password } = await register(9);
      const b = new Session(server.url);
      const r = await b.call('POST', '/api/v1/auth/login/password', {
        json: { login: phone, password }, headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(r.status, 200, r.text);
      for (const c of r.setCookies) assert.match(c, /; Secure/);
    });
  });
}
