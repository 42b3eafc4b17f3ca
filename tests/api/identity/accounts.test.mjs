// The accounts part of unified identity end to end against a real `tongban
// serve --demo` (logins of docs/demo-accounts.md): operators see masked data,
// every look lands on the person's "谁查看了我的信息", unmasking needs the
// security administrator and a reason, a window officer verifies in person,
// 三权分立 holds for staff roles, and bad input gets a clear problem and writes
// nothing. SQLite always; PostgreSQL when configured.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor } from '../../lib/server.mjs';
import { Session, assertProblem, login as logIn } from '../../lib/session.mjs';

const ZHANG_SAN = '13800000001';
const ZHANG_SAN_ID = '310101199001011234';
const LI_SI = '13800000002';

for (const backend of backends()) {
  describe(`accounts API on ${backend}`, () => {
    let server;
    let storage;
    const as = {};
    let zhang = '';

    const login = (name) => logIn(server.url, name);

    async function accessLog(who = as.zhang) {
      const r = await who.call('GET', '/api/v1/me/access-log?limit=100');
      assert.equal(r.status, 200, r.text);
      return r.body.items;
    }

    async function enterprises() {
      const r = await as.operator.call('GET', '/api/v1/admin/enterprises?limit=100');
      assert.equal(r.status, 200, r.text);
      return r.body.items;
    }

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env }, args: ['--demo'] });
      for (const name of ['operator', 'secadmin', 'sysadmin', 'auditadmin', 'market.window', 'market.admin']) {
        as[name] = await login(name);
      }
      as.zhang = await login(ZHANG_SAN);
      as.li = await login(LI_SI);
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

    test('an operator finds a person masked, and the person sees who looked', async () => {
      assert.deepEqual(await accessLog(), []);
      const r = await as.operator.call('GET', `/api/v1/admin/persons?q=${encodeURIComponent('张三')}&purpose=${encodeURIComponent('来电咨询核对')}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.items.length, 1, r.text);
      const p = r.body.items[0];
      zhang = p.person_id;
      assert.equal(p.id_number_masked, '310***********1234');
      assert.equal(p.phone_masked, '138****0001');
      assert.equal(p.assurance_level, 'L1');
      assert.ok(!r.text.includes(ZHANG_SAN_ID) && !r.text.includes(ZHANG_SAN), 'no plaintext in a search answer');

      const byNumber = await as.operator.call('GET', `/api/v1/admin/persons?q=${ZHANG_SAN_ID}`);
      assert.equal(byNumber.body.items[0]?.person_id, zhang, byNumber.text);
      const detail = await as.operator.call('GET', `/api/v1/admin/persons/${zhang}`);
      assert.equal(detail.status, 200, detail.text);
      assert.ok(!detail.text.includes(ZHANG_SAN_ID));

      const log = await accessLog();
      assert.equal(log.length, 3);
      const first = log[log.length - 1];
      assert.equal(first.reader_kind, 'staff');
      assert.equal(first.reader_name, '蒋运营');
      assert.equal(first.reader_department, 'shanghai.bigdata');
      assert.equal(first.purpose, '来电咨询核对');
      assert.equal(first.unmasked, false);
      assert.deepEqual(first.fields, ['name', 'id_number', 'phone']);
      assert.equal(log[0].purpose, 'operator console');
      // Someone else's log does not show it.
      assert.deepEqual(await accessLog(as.li), []);
    });

    test('who may use the operator console', async () => {
      const anonymous = new Session(server.url);
      assertProblem(await anonymous.call('GET', '/api/v1/admin/persons'), 401, 'identity.unauthenticated');
      assertProblem(await anonymous.call('GET', '/api/v1/me/access-log'), 401, 'identity.unauthenticated');
      assertProblem(await as.li.call('GET', '/api/v1/admin/persons'), 403, 'identity.forbidden');
      assertProblem(await as.li.call('GET', `/api/v1/admin/persons/${zhang}`), 403, 'identity.forbidden');
      assertProblem(await as.sysadmin.call('GET', '/api/v1/admin/persons'), 403, 'identity.forbidden');
      assertProblem(await as.auditadmin.call('GET', '/api/v1/admin/enterprises'), 403, 'identity.forbidden');
      assertProblem(await as.operator.call('GET', '/api/v1/admin/persons/person_nobody'), 404, 'identity.person_not_found');
      // Staff have no access log of their own.
      assertProblem(await as.operator.call('GET', '/api/v1/me/access-log'), 403, 'identity.forbidden');
    });

    test('unmasking needs the security administrator and a reason, and the person sees it', async () => {
      const before = (await accessLog()).length;
      assertProblem(
        await as.operator.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, { json: { fields: ['id_number'], purpose: '核实身份' } }),
        403,
        'identity.forbidden',
      );
      assertProblem(
        await as.secadmin.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, { json: { fields: ['id_number'], purpose: '' } }),
        400,
        'privacy.purpose_required',
        '/purpose',
      );
      assertProblem(
        await as.secadmin.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, { json: { fields: ['password'], purpose: '核实身份' } }),
        400,
        'identity.unmask_field',
        '/fields',
      );
      assertProblem(
        await as.secadmin.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, { json: { fields: ['id_number'], purpose: 'x'.repeat(201) } }),
        400,
        undefined,
        '/purpose',
      );
      assertProblem(
        await as.secadmin.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, { json: { fields: ['id_number'], purpose: '核实身份', extra: 1 } }),
        400,
        'http.unknown_field',
      );
      assert.equal((await accessLog()).length, before, 'refused unmaskings are not recorded as reads');

      const r = await as.secadmin.call('POST', `/api/v1/admin/persons/${zhang}/unmask`, {
        json: { fields: ['id_number', 'phone'], purpose: '投诉核查' },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.id_number, ZHANG_SAN_ID);
      assert.equal(r.body.phone, ZHANG_SAN);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const [latest] = await accessLog();
      assert.equal(latest.unmasked, true);
      assert.equal(latest.reader_name, '韩安全');
      assert.equal(latest.purpose, '投诉核查');
      assert.deepEqual(latest.fields, ['id_number', 'phone']);
    });

    test('a window officer verifies in person with the document itself', async () => {
      const wrongCheck = ZHANG_SAN_ID.slice(0, 17) + '5';
      assertProblem(
        await as['market.window'].call('POST', `/api/v1/admin/persons/${zhang}/verify-in-person`, { json: { id_number: wrongCheck } }),
        400,
        'identity.id_number_check_digit',
        '/id_number',
      );
      assertProblem(
        await as['market.window'].call('POST', `/api/v1/admin/persons/${zhang}/verify-in-person`, {
          json: { id_number: '310101199002301238' },
        }),
        400,
        undefined,
        '/id_number',
      );
      assertProblem(
        await as['market.window'].call('POST', `/api/v1/admin/persons/${zhang}/verify-in-person`, {
          json: { id_number: '310104198505152342' },
        }),
        409,
        'identity.document_mismatch',
      );
      assertProblem(
        await as.operator.call('POST', `/api/v1/admin/persons/${zhang}/verify-in-person`, { json: { id_number: ZHANG_SAN_ID } }),
        403,
        'identity.forbidden',
      );
      const still = await as.operator.call('GET', `/api/v1/admin/persons/${zhang}`);
      assert.equal(still.body.assurance_level, 'L1');
      const r = await as['market.window'].call('POST', `/api/v1/admin/persons/${zhang}/verify-in-person`, {
        json: { id_number: ZHANG_SAN_ID },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.assurance_level, 'L3');
    });

    test('bad enterprises get a clear problem and nothing is written', async () => {
      const count = (await enterprises()).length;
      const legal = zhang;
      const cases = [
        [{ uscc: '91440300708461136X', name: '腾讯', legal_representative_person_id: legal }, 'identity.uscc_check', '/uscc'],
        [{ uscc: '9144030070846113', name: '腾讯', legal_representative_person_id: legal }, 'identity.uscc_length', '/uscc'],
        [{ uscc: '91440300708461I36T', name: '腾讯', legal_representative_person_id: legal }, 'identity.uscc_characters', '/uscc'],
        [{ uscc: '91440300708461136T', name: '腾'.repeat(201), legal_representative_person_id: legal }, undefined, '/name'],
        [{ uscc: '91440300708461136T', name: '腾讯', legal_representative_person_id: 'person_nobody' }, 'identity.legal_representative_not_found', '/legal_representative_person_id'],
        [{ uscc: '91440300708461136T', name: '腾讯', legal_representative_person_id: legal, registry_status: 'closed' }, 'identity.registry_status', '/registry_status'],
        [{ uscc: '91440300708461136T', name: '腾讯', legal_representative_person_id: legal, colour: 'red' }, 'http.unknown_field', undefined],
        [{ uscc: '91310101MA1FL0D18X', name: '重复', legal_representative_person_id: legal }, 'identity.enterprise_exists', '/uscc'],
      ];
      for (const [json, code, field] of cases) {
        const r = await as.operator.call('POST', '/api/v1/admin/enterprises', { json });
        assertProblem(r, code === 'identity.enterprise_exists' ? 409 : 400, code, field);
      }
      assertProblem(
        await as.operator.call('POST', '/api/v1/admin/enterprises', { body: '{"uscc": ' }),
        400,
        'http.malformed_json',
      );
      assert.equal((await enterprises()).length, count);
      const ok = await as.operator.call('POST', '/api/v1/admin/enterprises', {
        json: { uscc: '91440300708461136t', name: '腾讯科技（深圳）有限公司', legal_representative_person_id: legal },
      });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.uscc, '91440300708461136T');
      const read = await as.operator.call('GET', `/api/v1/admin/enterprises/${ok.body.enterprise_id}`);
      assert.equal(read.body.legal_representative_person_id, legal);
    });

    test('staff: created without roles, roles by the security administrator, 三权分立 enforced', async () => {
      assertProblem(
        await as.secadmin.call('POST', '/api/v1/admin/staff', { json: { username: 'new.one', name: '新人', department_id: 'shanghai.market' } }),
        403,
        'identity.forbidden',
      );
      assertProblem(
        await as.sysadmin.call('POST', '/api/v1/admin/staff', { json: { username: '9lives', name: '新人', department_id: 'shanghai.market' } }),
        400,
        'identity.staff_username',
        '/username',
      );
      assertProblem(
        await as.sysadmin.call('POST', '/api/v1/admin/staff', { json: { username: 'operator', name: '重名', department_id: 'x' } }),
        409,
        'identity.staff_exists',
      );
      const created = await as.sysadmin.call('POST', '/api/v1/admin/staff', {
        json: { username: 'new.one', name: '新人', department_id: 'shanghai.market' },
      });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual(created.body.roles, []);
      const id = created.body.staff_id;

      const sod = await as.secadmin.call('PUT', `/api/v1/admin/staff/${id}/roles`, { json: { roles: ['system_admin', 'audit_admin'] } });
      assertProblem(sod, 400, 'identity.roles_separation_of_duties', '/roles');
      assert.match(sod.body.message_zh, /[\u4e00-\u9fff]/);
      assertProblem(
        await as.secadmin.call('PUT', `/api/v1/admin/staff/${id}/roles`, { json: { roles: ['reviewer', 'king'] } }),
        400,
        'identity.role_unknown',
        '/roles/1',
      );
      assertProblem(
        await as.sysadmin.call('PUT', `/api/v1/admin/staff/${id}/roles`, { json: { roles: ['reviewer'] } }),
        403,
        'identity.forbidden',
      );
      const assigned = await as.secadmin.call('PUT', `/api/v1/admin/staff/${id}/roles`, { json: { roles: ['window_officer'] } });
      assert.equal(assigned.status, 200, assigned.text);
      assert.deepEqual(assigned.body.roles, ['window_officer']);

      const mine = await as['market.admin'].call('GET', '/api/v1/admin/staff?limit=100');
      assert.equal(mine.status, 200, mine.text);
      assert.ok(mine.body.items.length >= 4);
      assert.ok(mine.body.items.every((s) => s.department_id === 'shanghai.market'), mine.text);
      const all = await as.auditadmin.call('GET', '/api/v1/admin/staff?limit=100');
      assert.ok(all.body.items.some((s) => s.department_id === 'shanghai.housing'));

      const disabled = await as.secadmin.call('POST', `/api/v1/admin/staff/${id}/disable`);
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal(disabled.body.status, 'disabled');
    });

    test('bad queries are problems, not server errors', async () => {
      assertProblem(await as.operator.call('GET', '/api/v1/admin/persons?limit=0'), 400, 'http.bad_query_parameter', 'limit');
      assertProblem(await as.operator.call('GET', '/api/v1/admin/persons?limit=abc'), 400, 'http.bad_query_parameter');
      assertProblem(await as.operator.call('GET', `/api/v1/admin/persons?q=${'张'.repeat(101)}`), 400, 'http.bad_query_parameter', 'q');
      assertProblem(await as.zhang.call('GET', '/api/v1/me/access-log?before=-1'), 400, 'http.bad_query_parameter', 'before');
    });
  });
}
