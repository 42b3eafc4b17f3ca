// Enterprise authorisation (法人多级授权) end to end against a real `tongban
// serve --demo`, with the demo accounts of docs/demo-accounts.md: the legal
// representative appoints an administrator, who grants an agent; the agent
// passes a narrower right on; bad input gets a clear problem and changes
// nothing; and revocation takes effect at once — the agent's very next
// request acting for the enterprise is refused. SQLite always; PostgreSQL
// when configured.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor } from '../../lib/server.mjs';
import { Session, assertProblem, login as logIn } from '../../lib/session.mjs';

const CHEN_JING = '13800000005'; // legal representative of 上海浦江贸易有限公司
const ZHANG_SAN = '13800000001'; // the agent
const JOHN = '13800000008'; // appointed administrator
const CHAN = '13800000009'; // receives a sub-grant
const LI_SI = '13800000002'; // unrelated to the enterprise
const PUJIANG_USCC = '91310101MA1G2K3LXA';

function daysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

for (const backend of backends()) {
  describe(`delegation API on ${backend}`, () => {
    let server;
    let storage;
    const people = {};
    let pujiang = '';

    const login = (phone) => logIn(server.url, phone);

    async function grantsOf(enterpriseId) {
      const r = await people.chen.call('GET', `/api/v1/enterprises/${enterpriseId}/grants`);
      assert.equal(r.status, 200, r.text);
      return r.body.items;
    }

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env }, args: ['--demo'] });
      people.chen = await login(CHEN_JING);
      people.zhang = await login(ZHANG_SAN);
      people.john = await login(JOHN);
      people.chan = await login(CHAN);
      people.li = await login(LI_SI);
      const operator = await login('operator');
      const found = await operator.call('GET', '/api/v1/admin/enterprises?limit=100');
      assert.equal(found.status, 200, found.text);
      pujiang = found.body.items.find((e) => e.uscc === PUJIANG_USCC)?.enterprise_id;
      assert.ok(pujiang, `demo enterprise ${PUJIANG_USCC} not found: ${found.text}`);
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

    let grantId = '';
    let subGrantId = '';

    test('demo grants: an apply agent, a view-only agent, an intermediary\'s staff acting for two clients', async () => {
      const principals = async (phone) => {
        const r = await (await login(phone)).call('GET', '/api/v1/me/principals');
        assert.equal(r.status, 200, r.text);
        return r.body.items.filter((p) => p.kind === 'enterprise');
      };
      const liu = await principals('13800000006');
      assert.deepEqual(liu.map((p) => [p.name, p.may_apply]), [['上海通办示范科技有限公司', true]]);
      const li = await principals(LI_SI);
      assert.deepEqual(li.map((p) => [p.name, p.may_apply]), [['上海通办示范科技有限公司', false]]);
      const wang = await principals('13800000003');
      assert.deepEqual(wang.map((p) => p.name).sort(), ['上海浦江贸易有限公司', '上海通办示范科技有限公司'].sort());
    });

    test('the legal representative may act for the enterprise and manages its agents', async () => {
      // The index of legal representatives follows identity's events through the outbox.
      let body;
      for (let i = 0; i < 100; i++) {
        const r = await people.chen.call('GET', '/api/v1/me/principals');
        assert.equal(r.status, 200, r.text);
        body = r.body;
        if (body.items.some((p) => p.enterprise_id === pujiang)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const pj = body.items.find((p) => p.enterprise_id === pujiang);
      assert.ok(pj, JSON.stringify(body));
      assert.equal(pj.legal_representative, true);
      assert.deepEqual(pj.services, ['*']);
      assert.ok(body.managed.some((m) => m.enterprise_id === pujiang && m.legal_representative), JSON.stringify(body));
      const other = await people.zhang.call('GET', '/api/v1/me/principals');
      assert.ok(!other.body.items.some((p) => p.enterprise_id === pujiang), other.text);
    });

    test('the legal representative appoints an administrator; nobody else may', async () => {
      assertProblem(
        await people.zhang.call('POST', `/api/v1/enterprises/${pujiang}/administrators`, { json: { login: JOHN } }),
        403,
        'delegation.not_legal_representative',
      );
      const r = await people.chen.call('POST', `/api/v1/enterprises/${pujiang}/administrators`, { json: { login: JOHN } });
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.person_id, /^person_/);
      assert.equal(r.body.phone_masked, '138****0008');
      assertProblem(
        await people.chen.call('POST', `/api/v1/enterprises/${pujiang}/administrators`, { json: { login: JOHN } }),
        409,
        'delegation.administrator_exists',
        '/login',
      );
      const list = await people.john.call('GET', `/api/v1/enterprises/${pujiang}/administrators`);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.body.items.length, 1);
    });

    test('an administrator grants an agent named by phone number', async () => {
      const r = await people.john.call('POST', `/api/v1/enterprises/${pujiang}/grants`, {
        json: { grantee_login: ZHANG_SAN, scope: ['C01', 'D02'], mode: 'apply', may_delegate: true, expires_at: daysFromNow(200) },
      });
      assert.equal(r.status, 201, r.text);
      grantId = r.body.grant_id;
      assert.equal(r.headers.get('location'), `/api/v1/grants/${grantId}`);
      assert.equal(r.body.enterprise_id, pujiang);
      assert.equal(r.body.grantee_kind, 'person');
      assert.deepEqual(r.body.scope, ['C01', 'D02']);
      assert.equal(r.body.mode, 'apply');
      assert.equal(r.body.live, true);
      assert.equal(r.body.parent_grant_id, null);

      const principals = await people.zhang.call('GET', '/api/v1/me/principals');
      assert.equal(principals.status, 200, principals.text);
      assert.equal(principals.body.items[0].kind, 'self');
      const pj = principals.body.items.find((p) => p.enterprise_id === pujiang);
      assert.ok(pj, principals.text);
      assert.equal(pj.may_apply, true);
      assert.deepEqual(pj.services, ['C01', 'D02']);
      const held = await people.zhang.call('GET', '/api/v1/me/grants?direction=held');
      assert.ok(held.body.items.some((g) => g.grant_id === grantId), held.text);
      const given = await people.john.call('GET', '/api/v1/me/grants?direction=given');
      assert.ok(given.body.items.some((g) => g.grant_id === grantId), given.text);
    });

    test('bad input is a clear problem and changes nothing', async () => {
      const before = (await grantsOf(pujiang)).length;
      const base = { grantee_login: CHAN, scope: ['C01'], mode: 'view', expires_at: daysFromNow(30) };
      const post = (path, json, who = people.chen) => who.call('POST', path, { json });
      const grants = `/api/v1/enterprises/${pujiang}/grants`;
      assertProblem(await post('/api/v1/enterprises/ent_01NOSUCHENTERPRISE00000000/grants', base), 404, 'delegation.enterprise_not_found');
      assertProblem(await post(grants, { ...base, grantee_login: '13999999999' }), 400, 'delegation.person_not_found', '/grantee_login');
      assertProblem(await post(grants, { ...base, expires_at: '2020-01-01' }), 400, 'delegation.expiry_past', '/expires_at');
      assertProblem(await post(grants, { ...base, expires_at: 'tomorrow' }), 400, 'delegation.expiry_format', '/expires_at');
      assertProblem(await post(grants, { ...base, mode: 'edit' }), 400, 'delegation.mode', '/mode');
      assertProblem(await post(grants, { ...base, scope: 'C01' }), 400, 'delegation.scope_type', '/scope');
      assertProblem(await post(grants, { ...base, scope: ['C01', 'bad code'] }), 400, 'delegation.scope_code', '/scope/1');
      assertProblem(await post(grants, { ...base, scope: [] }), 400, 'delegation.scope_empty', '/scope');
      assertProblem(await post(grants, { ...base, colour: 'red' }), 400, 'http.unknown_field');
      assertProblem(await post(grants, { ...base, grantee_uscc: PUJIANG_USCC }), 400, 'delegation.grantee_required', '/grantee_login');
      assertProblem(await post(grants, base, people.li), 403, 'delegation.not_enterprise_manager');
      assertProblem(await new Session(server.url).call('POST', grants, { json: base }), 401, 'identity.unauthenticated');
      const r = await people.chen.call('POST', grants, { body: '{"scope": [' });
      assertProblem(r, 400, 'http.malformed_json');

      // A sub-grant wider than the agent's own rights, or outliving them.
      const sub = `/api/v1/grants/${grantId}/sub-grants`;
      assertProblem(await post(sub, { ...base, scope: ['*'] }, people.zhang), 400, 'delegation.scope_beyond_parent', '/scope/0');
      assertProblem(await post(sub, { ...base, scope: ['C01', 'E05'] }, people.zhang), 400, 'delegation.scope_beyond_parent', '/scope/1');
      assertProblem(await post(sub, { ...base, expires_at: daysFromNow(400) }, people.zhang), 400, 'delegation.expiry_beyond_parent', '/expires_at');
      assertProblem(await post(sub, { ...base, grantee_login: ZHANG_SAN }, people.zhang), 400, 'delegation.grantee_is_holder', '/grantee_login');
      assertProblem(await post(sub, base, people.li), 404, 'delegation.grant_not_found');
      assertProblem(await people.li.call('GET', `/api/v1/grants/${grantId}`), 404, 'delegation.grant_not_found');
      assertProblem(await people.zhang.call('DELETE', `/api/v1/grants/${grantId}`), 403, 'delegation.not_revoker');
      assertProblem(await people.zhang.call('GET', '/api/v1/me/grants?direction=sideways'), 400, 'delegation.direction');

      assert.equal((await grantsOf(pujiang)).length, before, 'no grant was made');
    });

    test('the agent passes a narrower right on', async () => {
      const r = await people.zhang.call('POST', `/api/v1/grants/${grantId}/sub-grants`, {
        json: { grantee_login: CHAN, scope: ['C01-0001'], mode: 'view', expires_at: daysFromNow(100) },
      });
      assert.equal(r.status, 201, r.text);
      subGrantId = r.body.grant_id;
      assert.equal(r.body.parent_grant_id, grantId);
      assert.equal(r.body.enterprise_id, pujiang);
      const got = await people.chen.call('GET', `/api/v1/grants/${subGrantId}`);
      assert.equal(got.status, 200, got.text);
    });

    test('revocation takes effect at once: the agent\'s very next request is refused', async () => {
      const acting = await people.zhang.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: pujiang } });
      assert.equal(acting.status, 200, acting.text);
      const me = await people.zhang.call('GET', '/api/v1/me');
      assert.equal(me.body.acting_for?.enterprise_id, pujiang, me.text);
      const chanActing = await people.chan.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: pujiang } });
      assert.equal(chanActing.status, 200, chanActing.text);

      // A request while acting for the enterprise succeeds…
      const ok = await people.zhang.call('GET', '/api/v1/me/grants?direction=held');
      assert.equal(ok.status, 200, ok.text);

      // …the legal representative revokes; everything passed on goes with it…
      const revoked = await people.chen.call('DELETE', `/api/v1/grants/${grantId}`);
      assert.equal(revoked.status, 200, revoked.text);
      assert.deepEqual(revoked.body.items.map((g) => g.grant_id), [grantId, subGrantId]);
      assert.ok(revoked.body.items.every((g) => g.status === 'revoked' && !g.live));

      // …and the very next request of each is refused.
      assertProblem(await people.zhang.call('GET', '/api/v1/me/grants?direction=held'), 403, 'delegation.no_grant');
      // Whom he may act for stays readable (as himself), so that he can switch; the enterprise is gone from it.
      const chanPrincipals = await people.chan.call('GET', '/api/v1/me/principals');
      assert.equal(chanPrincipals.status, 200, chanPrincipals.text);
      assert.ok(!chanPrincipals.body.items.some((i) => i.enterprise_id === pujiang), chanPrincipals.text);
      assertProblem(
        await people.zhang.call('POST', `/api/v1/grants/${grantId}/sub-grants`, {
          json: { grantee_login: LI_SI, scope: ['C01'], mode: 'view', expires_at: daysFromNow(10) },
        }),
        403,
        'delegation.no_grant',
      );
      assertProblem(await people.zhang.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: pujiang } }), 403, 'delegation.no_grant');

      // Back to acting for himself, he sees the grant revoked and can pass nothing on.
      const self = await people.zhang.call('POST', '/api/v1/me/acting-for', { json: { enterprise_id: null } });
      assert.equal(self.status, 200, self.text);
      const held = await people.zhang.call('GET', '/api/v1/me/grants?direction=held');
      assert.equal(held.status, 200, held.text);
      assert.equal(held.body.items.find((g) => g.grant_id === grantId)?.status, 'revoked');
      const before = (await grantsOf(pujiang)).length;
      assertProblem(
        await people.zhang.call('POST', `/api/v1/grants/${grantId}/sub-grants`, {
          json: { grantee_login: LI_SI, scope: ['C01'], mode: 'view', expires_at: daysFromNow(10) },
        }),
        409,
        'delegation.parent_not_live',
      );
      assert.equal((await grantsOf(pujiang)).length, before);
      assertProblem(await people.chen.call('DELETE', `/api/v1/grants/${grantId}`), 409, 'delegation.grant_revoked');
    });

    test('the legal representative removes the administrator, who then manages nothing', async () => {
      const list = await people.chen.call('GET', `/api/v1/enterprises/${pujiang}/administrators`);
      const john = list.body.items[0].person_id;
      const r = await people.chen.call('DELETE', `/api/v1/enterprises/${pujiang}/administrators/${john}`);
      assert.equal(r.status, 204, r.text);
      assertProblem(await people.john.call('GET', `/api/v1/enterprises/${pujiang}/grants`), 403, 'delegation.not_enterprise_manager');
      assertProblem(
        await people.chen.call('DELETE', `/api/v1/enterprises/${pujiang}/administrators/${john}`),
        404,
        'delegation.administrator_not_found',
      );
    });
  });
}
