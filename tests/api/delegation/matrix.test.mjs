// Every delegation route × every kind of caller (anonymous, each demo staff role, the legal
// representative, agents, an intermediary's people, strangers) × the enterprise's own objects,
// another enterprise's and objects that do not exist. Bodies that would change something are
// invalid, so a caller who gets past the authorisation sees 400/404 and nothing changes; the
// expected status of every cell is written out, and any other answer fails — in particular no
// unexpected 2xx. Demo data: docs/demo-accounts.md.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor } from '../../lib/server.mjs';
import { Session, login } from '../../lib/session.mjs';

const CALLERS = {
  anonymous: null,
  window: 'market.window',
  reviewer: 'market.reviewer',
  dept_admin: 'market.admin',
  operator: 'operator',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditadmin: 'auditadmin',
  zhao: '13800000004', // legal representative of A (上海通办示范科技有限公司)
  chen: '13800000005', // legal representative of B only
  liu: '13800000006', // agent of A: apply, may pass on
  li: '13800000002', // agent of A: view only
  sun: '13800000007', // legal representative of the intermediary
  wang: '13800000003', // intermediary staff, acts for A and B by sub-grants
  zhang: '13800000001', // a resident with no relation
};
const STAFF = ['window', 'reviewer', 'dept_admin', 'sysadmin', 'secadmin', 'auditadmin'];
const PERSONS = ['zhao', 'chen', 'liu', 'li', 'sun', 'wang', 'zhang'];

// `session` undefined: anonymous.
function call(base, session, method, path, json) {
  return (session ?? new Session(base)).call(method, path, { json });
}

// expected(caller) → status; everyone not named gets `rest`.
function expect(named, rest) {
  return (caller) => (caller in named ? named[caller] : rest(caller));
}
const denied = (caller) => (caller === 'anonymous' ? 401 : 403);

for (const backend of backends()) {
  describe(`delegation authorisation matrix on ${backend}`, () => {
    let server;
    let storage;
    const sessions = {};
    const ids = {};

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env }, args: ['--demo'] });
      for (const [name, loginName] of Object.entries(CALLERS)) {
        if (loginName) sessions[name] = await login(server.url, loginName);
      }
      const found = await call(server.url, sessions.operator, 'GET', '/api/v1/admin/enterprises?limit=100');
      ids.a = found.body.items.find((e) => e.uscc === '91310101MA1FL0D18X').enterprise_id;
      ids.b = found.body.items.find((e) => e.uscc === '91310101MA1G2K3LXA').enterprise_id;
      const grants = await call(server.url, sessions.zhao, 'GET', `/api/v1/enterprises/${ids.a}/grants`);
      ids.liuGrant = grants.body.items.find((g) => g.grantee_name === '刘洋').grant_id;
      // B's grant to the intermediary (not the intermediary's sub-grant to its staff).
      ids.bGrant = (await call(server.url, sessions.chen, 'GET', `/api/v1/enterprises/${ids.b}/grants`)).body.items.find(
        (g) => g.grantee_kind === 'enterprise',
      ).grant_id;
      ids.zhaoPerson = grants.body.items[0].grantor_person_id;
      assert.ok(ids.a && ids.b && ids.liuGrant && ids.bGrant, JSON.stringify(ids));
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

    const NONE_ENT = 'ent_01JNOSUCHENTERPRISE0000000';
    const NONE_GRANT = 'grant_01JNOSUCHGRANT00000000000';
    const pastGrant = { grantee_login: '13800000001', scope: ['C01'], mode: 'view', expires_at: '2020-01-01' };
    const personOrOperatorRead = (named) =>
      expect(named, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : c === 'operator' ? 200 : 403));

    const cases = () => [
      // administrators
      ['GET', `/api/v1/enterprises/${ids.a}/administrators`, undefined, personOrOperatorRead({ zhao: 200 })],
      ['GET', `/api/v1/enterprises/${ids.b}/administrators`, undefined, personOrOperatorRead({ chen: 200 })],
      ['GET', `/api/v1/enterprises/${NONE_ENT}/administrators`, undefined,
        expect({}, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['POST', `/api/v1/enterprises/${ids.a}/administrators`, { login: '13999999999' },
        expect({ zhao: 400 }, (c) => (c === 'anonymous' ? 401 : 403))],
      ['POST', `/api/v1/enterprises/${NONE_ENT}/administrators`, { login: '13999999999' },
        expect({ operator: 403 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['DELETE', `/api/v1/enterprises/${ids.a}/administrators/person_01JNOBODY0000000000000000`, undefined,
        expect({ zhao: 404 }, denied)],
      // grants of an enterprise
      ['GET', `/api/v1/enterprises/${ids.a}/grants`, undefined, personOrOperatorRead({ zhao: 200 })],
      ['GET', `/api/v1/enterprises/${ids.b}/grants`, undefined, personOrOperatorRead({ chen: 200 })],
      ['POST', `/api/v1/enterprises/${ids.a}/grants`, pastGrant, expect({ zhao: 400 }, denied)],
      ['POST', `/api/v1/enterprises/${NONE_ENT}/grants`, pastGrant,
        expect({ operator: 403 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      // one grant: visible to the managers, its holder and operators; to anyone else it does not exist
      ['GET', `/api/v1/grants/${ids.liuGrant}`, undefined,
        expect({ zhao: 200, liu: 200, operator: 200 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['GET', `/api/v1/grants/${NONE_GRANT}`, undefined,
        expect({ operator: 404 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['DELETE', `/api/v1/grants/${ids.liuGrant}`, undefined,
        expect({ liu: 403, operator: 403, zhao: 'skip' }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['DELETE', `/api/v1/grants/${ids.bGrant}`, undefined,
        expect({ operator: 403, sun: 403, chen: 'skip' }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['POST', `/api/v1/grants/${ids.liuGrant}/sub-grants`, pastGrant,
        expect({ liu: 400, zhao: 403, operator: 403 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      ['POST', `/api/v1/grants/${ids.bGrant}/sub-grants`, pastGrant,
        expect({ sun: 400, chen: 403, operator: 403 }, (c) => (c === 'anonymous' ? 401 : STAFF.includes(c) ? 403 : 404))],
      // mine
      ['GET', '/api/v1/me/grants?direction=held', undefined, expect({}, (c) => (PERSONS.includes(c) ? 200 : denied(c)))],
      ['GET', '/api/v1/me/grants?direction=given', undefined, expect({}, (c) => (PERSONS.includes(c) ? 200 : denied(c)))],
      ['GET', '/api/v1/me/principals', undefined, expect({}, (c) => (PERSONS.includes(c) ? 200 : denied(c)))],
    ];

    test('every route × caller × object answers as written, and nothing changes', async () => {
      const snapshot = async () => [
        (await call(server.url, sessions.zhao, 'GET', `/api/v1/enterprises/${ids.a}/grants`)).body.items,
        (await call(server.url, sessions.chen, 'GET', `/api/v1/enterprises/${ids.b}/grants`)).body.items,
        (await call(server.url, sessions.zhao, 'GET', `/api/v1/enterprises/${ids.a}/administrators`)).body.items,
      ];
      const before = await snapshot();
      const failures = [];
      let cells = 0;
      for (const [method, path, json, expected] of cases()) {
        for (const caller of Object.keys(CALLERS)) {
          const want = expected(caller);
          if (want === 'skip') continue;
          const r = await call(server.url, sessions[caller], method, path, json);
          cells++;
          if (r.status !== want) failures.push(`${method} ${path} as ${caller}: ${r.status}, expected ${want} ${r.text.slice(0, 160)}`);
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${cells} cells wrong`);
      assert.deepEqual(await snapshot(), before, 'no grant or administrator changed');
    });
  });
}
