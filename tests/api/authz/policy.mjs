// The expected decision of one matrix cell, computed from the permission table
// that `tongban policy print` prints (identity::AllPermissions()) — the same
// rules as identity::Authorize (modules/identity/src/policy.cpp), restated here
// so that the test does not trust the code it checks.
//
// A caller here: {kind: 'anonymous'|'person'|'staff'|'client', subject, roles: [codes],
//                 department, acting: null | {enterprise_id, may_apply, services}, scopes}
// A target:      {owner_person_id, enterprise_id, department_id, service_code}
//                (empty strings where the object has none)

export function policyIndex(rows) {
  const byName = new Map();
  for (const row of rows) {
    if (byName.has(row.name)) throw new Error(`permission ${row.name} appears twice in the policy`);
    byName.set(row.name, row);
  }
  return byName;
}

function holdsAny(caller, roles) {
  return roles.some((r) => caller.roles.includes(r));
}

function serviceInScope(acting, code) {
  if (!code) return true;
  return acting.services.some((s) => s === '*' || s === code || (code.startsWith(`${s}-`)));
}

// 'allow' | 'unauthenticated' | 'forbidden' for a row of the table.
export function authorize(row, caller, target = {}) {
  const t = { owner_person_id: '', enterprise_id: '', department_id: '', service_code: '', ...target };
  if (row.rule === 'anyone') return 'allow';
  if (caller.kind === 'anonymous') return 'unauthenticated';
  switch (row.rule) {
    case 'self': {
      if (caller.kind === 'staff' && holdsAny(caller, row.roles)) return 'allow';
      if (caller.kind !== 'person') return 'forbidden';
      if (caller.acting) {
        const a = caller.acting;
        if (!t.enterprise_id || t.enterprise_id !== a.enterprise_id) return 'forbidden';
        if (row.applies && !a.may_apply) return 'forbidden';
        if (!serviceInScope(a, t.service_code)) return 'forbidden';
        return 'allow';
      }
      if (t.enterprise_id) return 'forbidden';
      if (t.owner_person_id && t.owner_person_id !== caller.subject) return 'forbidden';
      return 'allow';
    }
    case 'role':
      return holdsAny(caller, row.roles) ? 'allow' : 'forbidden';
    case 'department':
      if (caller.kind !== 'staff' || !holdsAny(caller, row.roles)) return 'forbidden';
      if (!caller.department || t.department_id !== caller.department) return 'forbidden';
      return 'allow';
    case 'client_scope':
      return caller.kind === 'client' && caller.scopes.includes(row.scope) ? 'allow' : 'forbidden';
    default:
      throw new Error(`unknown rule ${row.rule} of ${row.name}`);
  }
}

// The operation's permission (x-tongban-permission, plus any alternatives the
// fixture names) decided for `caller` on `target`: true when one allows.
//   "public"        anyone
//   "authenticated" any logged-in person or staff member (on their own login);
//                   a system client has no login of its own
export function permits(policy, names, caller, target) {
  return names.some((name) => {
    if (name === 'public') return true;
    if (name === 'authenticated') return caller.kind === 'person' || caller.kind === 'staff';
    const row = policy.get(name);
    if (!row) throw new Error(`x-tongban-permission ${name} is not in tongban policy print`);
    return authorize(row, caller, target) === 'allow';
  });
}
