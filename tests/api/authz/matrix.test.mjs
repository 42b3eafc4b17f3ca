// The authorisation matrix (issue #3 item 5): every operation of
// /api/openapi.json × every role (a demo login each) × the object variants that
// apply (own, someone else's, another department's, non-existent), sent to a
// real `tongban serve --demo`, each answer compared with the expectation
// computed from `tongban policy print` (the one permission table) and the
// object's relation to the caller:
//   allowed                 → 2xx (or the entry's declared answer to a deliberately minimal body)
//   allowed, non-existent   → 404 (or the entry's absentStatus)
//   denied                  → 401 for an anonymous caller, else 403 or 404; and where the
//                             fixture can look, the object is as it was (a denial changes nothing)
// Any unexpected 2xx fails, and so does any unexpected denial or other answer.
// Per-route knowledge lives in fixtures.mjs, one entry per operationId; an
// operation without one fails the test. SQLite always; PostgreSQL when
// TONGBAN_TEST_PG_URL is set (or required by TONGBAN_REQUIRE_PG=1).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor, runTongban } from '../../lib/server.mjs';
import { canaryEnv } from '../../lib/canary.mjs';
import { FIXTURES, ROLES, buildWorld } from './fixtures.mjs';
import { policyIndex, permits } from './policy.mjs';

const kMethods = ['get', 'put', 'post', 'delete', 'patch'];

function operationsOf(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!kMethods.includes(method)) continue;
      ops.push({ path, method: method.toUpperCase(), id: op.operationId, permission: op['x-tongban-permission'] });
    }
  }
  return ops;
}

// What a cell must answer: {decision: 'allow'|'deny'|'absent', statuses: [...], code?}.
function expectationOf(policy, op, entry, cell, prep) {
  const names = [op.permission, ...(entry.alsoPermissions ?? [])];
  const anonymous = cell.caller.kind === 'anonymous';
  let allowed = permits(policy, names, cell.caller, prep.target ?? {});
  // "authenticated": the caller's own login only; someone else's object is never theirs.
  if (allowed && op.permission === 'authenticated' && cell.variant === 'other') allowed = false;
  // A non-existent object is judged as if it were the caller's own: whoever could act on
  // their own gets the not-found answer, everyone else a denial.
  const as = cell.variant === 'nonexistent' ? 'own' : cell.variant;
  if (allowed && entry.refine) allowed = entry.refine({ role: cell.role, caller: cell.caller, variant: as });
  const denial = anonymous ? [401] : [403, 404];
  if (cell.variant === 'nonexistent') {
    return allowed ? { decision: 'absent', statuses: [entry.absentStatus ?? 404] } : { decision: 'deny', statuses: denial };
  }
  if (!allowed) return { decision: 'deny', statuses: denial };
  if (entry.allowedAnswer) return { decision: 'allow', statuses: [entry.allowedAnswer.status], code: entry.allowedAnswer.code };
  return { decision: 'allow', statuses: '2xx' };
}

function meets(expectation, res) {
  if (expectation.statuses === '2xx') return res.status >= 200 && res.status <= 299;
  if (!expectation.statuses.includes(res.status)) return false;
  return !expectation.code || res.body?.code === expectation.code;
}

function withPath(op, prep) {
  let path = op.path.replace(/\{(\w+)\}/g, (_, name) => {
    const v = prep.params?.[name];
    if (v === undefined) throw new Error(`${op.id}: the fixture gives no ${name}`);
    return encodeURIComponent(v);
  });
  if (prep.query) path += `?${prep.query}`;
  return path;
}

async function runCell(w, policy, op, entry, cell) {
  const prep = await (entry.prepare ? entry.prepare(w, cell) : {});
  if (prep === null || prep === undefined) return { ...cell, applies: false };
  const expectation = expectationOf(policy, op, entry, cell, prep);
  const client = entry.freshSession ? await w.freshClient(cell.role) : w.clients[cell.role];
  const path = withPath(op, prep);
  const res = await client.call(op.method, path, { json: prep.body, keepCookies: false });
  if (entry.endsEverySession) await w.logInAgain(cell.role);
  let ok = meets(expectation, res);
  let text = res.text.slice(0, 300);
  // A denial changes nothing.
  let checkedUnchanged = false;
  if (ok && expectation.decision !== 'allow' && prep.unchanged) {
    checkedUnchanged = true;
    const change = await prep.unchanged();
    if (change) {
      ok = false;
      text = `denied, yet changed: ${change}`;
    }
  }
  // A 2xx that is allowed may still show what it must not (another department's staff, …).
  if (ok && expectation.decision === 'allow' && entry.inspect) {
    const leak = entry.inspect({ w, cell, body: res.body });
    if (leak) {
      ok = false;
      text = `leak: ${leak}`;
    }
  }
  return { ...cell, applies: true, path, expectation, status: res.status, code: res.body?.code, ok, text, checkedUnchanged };
}

function render(results) {
  const lines = [];
  const byOp = new Map();
  for (const r of results) {
    if (!byOp.has(r.op)) byOp.set(r.op, []);
    byOp.get(r.op).push(r);
  }
  for (const [op, rows] of byOp) {
    lines.push(op);
    const byRole = new Map();
    for (const r of rows) {
      if (!byRole.has(r.role)) byRole.set(r.role, []);
      byRole.get(r.role).push(r);
    }
    for (const [role, cells] of byRole) {
      const text = cells.map((c) => {
        if (!c.applies) return `${c.variant}: n/a`;
        const e = c.expectation.decision;
        return `${c.variant}: ${e}→${c.status}${c.ok ? '' : ' ✗'}`;
      });
      lines.push(`  ${role.padEnd(27)} ${text.join('  ')}`);
    }
  }
  return lines.join('\n');
}

for (const backend of backends()) {
  describe(`authorisation matrix on ${backend}`, () => {
    let server;
    let storage;
    let policy;
    let doc;
    let ops;

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env, ...canaryEnv }, args: ['--demo'] });
      const printed = await runTongban(['policy', 'print']);
      assert.equal(printed.code, 0, printed.stderr);
      policy = policyIndex(JSON.parse(printed.stdout));
      const res = await fetch(`${server.url}/api/openapi.json`);
      assert.equal(res.status, 200);
      doc = await res.json();
      ops = operationsOf(doc);
    });

    after(async () => {
      try {
        if (server) {
          await server.stop();
          server.removeDataDir();
        }
      } finally {
        await storage?.cleanup();
      }
    });

    test('every operation names a permission of the policy and has a fixture entry', () => {
      const problems = [];
      for (const op of ops) {
        if (typeof op.permission !== 'string') problems.push(`${op.id}: no x-tongban-permission`);
        else if (!['public', 'authenticated'].includes(op.permission) && !policy.has(op.permission)) {
          problems.push(`${op.id}: x-tongban-permission ${op.permission} is not in tongban policy print`);
        }
        if (!FIXTURES[op.id]) problems.push(`${op.id} (${op.method} ${op.path}): no entry in tests/api/authz/fixtures.mjs`);
      }
      const known = new Set(ops.map((o) => o.id));
      for (const id of Object.keys(FIXTURES)) {
        if (!known.has(id)) problems.push(`fixtures.mjs has an entry for ${id}, which openapi.json no longer has`);
      }
      const roleCodes = new Set(ROLES.flatMap((r) => r.roles ?? []).concat(
        ['window_officer', 'reviewer', 'department_admin', 'platform_operator', 'system_admin', 'security_admin', 'audit_admin']));
      for (const row of policy.values()) {
        if (!['anyone', 'self', 'role', 'department', 'client_scope'].includes(row.rule)) {
          problems.push(`policy ${row.name}: unknown rule ${row.rule}`);
        }
        for (const role of row.roles) if (!roleCodes.has(role)) problems.push(`policy ${row.name}: unknown role ${role}`);
      }
      for (const [id, entry] of Object.entries(FIXTURES)) {
        for (const name of entry.alsoPermissions ?? []) {
          if (!policy.has(name)) problems.push(`${id}: alsoPermissions names unknown permission ${name}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('every route × role × object: zero unexpected 2xx, zero unexpected denials', async () => {
      const w = await buildWorld(server.url);
      const results = [];
      const outside = [];
      for (const op of ops) {
        const entry = FIXTURES[op.id];
        if (!entry) continue;  // reported by the test above
        if (entry.outside) {
          outside.push(`${op.id}: ${entry.outside}`);
          continue;
        }
        for (const r of ROLES) {
          for (const variant of entry.variants ?? ['none']) {
            const cell = { op: op.id, role: r.role, variant, caller: w.callers[r.role] };
            try {
              results.push(await runCell(w, policy, op, entry, cell));
            } catch (e) {
              results.push({ ...cell, applies: true, ok: false, status: 'setup failed', expectation: { decision: '?' },
                text: String(e.message).slice(0, 300) });
            }
          }
        }
      }
      const cells = results.filter((r) => r.applies);
      const failed = cells.filter((r) => !r.ok);
      const unexpected2xx = failed.filter((r) => r.expectation.decision !== 'allow' && r.status >= 200 && r.status <= 299);
      const unexpectedDenial = failed.filter((r) => r.expectation.decision === 'allow' && [401, 403, 404].includes(r.status));
      console.log(`\nauthorisation matrix on ${backend} (expected→actual; ✗ marks a mismatch)\n${render(results)}`);
      console.log(`\noutside the matrix:\n  ${outside.join('\n  ')}`);
      const named = new Set(ops.flatMap((o) => [o.permission, ...(FIXTURES[o.id]?.alsoPermissions ?? [])]));
      const unused = [...policy.keys()].filter((name) => !named.has(name));
      console.log(`\npermissions of the policy that no operation names (no route checks them yet): ${unused.join(', ') || 'none'}`);
      const count = (d) => cells.filter((r) => r.expectation.decision === d).length;
      console.log(`\n${ops.length} operations (${outside.length} outside), ${ROLES.length} roles: ${cells.length} cells ` +
        `(${count('allow')} allowed, ${count('deny')} denied, ${count('absent')} non-existent), ` +
        `${results.length - cells.length} not applicable; ${cells.filter((r) => r.checkedUnchanged).length} denials ` +
        `checked to have changed nothing; ${unexpected2xx.length} unexpected 2xx, ` +
        `${unexpectedDenial.length} unexpected denials, ${failed.length} mismatches in all`);
      const report = failed.map((r) => `${r.op} as ${r.role} on ${r.variant}: expected ${r.expectation.decision} ` +
        `${JSON.stringify(r.expectation.statuses ?? '')}${r.expectation.code ? ` ${r.expectation.code}` : ''}, ` +
        `got ${r.status} ${r.path ?? ''} ${r.text}`);
      assert.deepEqual(report, [], `${failed.length} cells answered other than the policy says`);
      assert.ok(cells.length > 100, `only ${cells.length} cells ran`);
    });
  });
}
