// Per-route knowledge of the authorisation matrix: one entry per operationId of
// app/openapi.json. The matrix test fails when an operation has no entry here,
// so every new route must say how to build its objects.
//
// An entry:
//   variants      the object variants that apply (default ['none']):
//                   none         the route names no object (a collection, the caller's own login)
//                   own          the caller's own object (for staff: their department's)
//                   other        someone else's object (another person's or enterprise's)
//                   other_department  an object of another department
//                   nonexistent  a well-formed id that names nothing
//   prepare(w, cell)  builds the request of one cell — {params, query, body, target} — or
//                 null when the variant does not apply to this caller (no such object exists
//                 for them, e.g. a staff member's "own" enterprise). It runs once per cell, so
//                 operations that destroy their object (revoke, disable) get a fresh one.
//                 `target` is the object's relation as identity::Target (owner_person_id,
//                 enterprise_id, department_id) for the policy's rules.
//                 `unchanged()` (optional, async): after a denied cell, a description of
//                 what changed anyway (the staff member is disabled, the grant revoked …),
//                 or null — a denial must change nothing.
//   freshSession  the cell runs on a new login of the role (logout, revoke: they end it)
//   endsEverySession  the cell ends every session of the account: log the role in again after it
//   alsoPermissions  other permissions the service accepts instead (any allows)
//   refine({w, role, caller, variant})  the service's rule on top of the policy row, for
//                 relations the table cannot express (e.g. "the enterprise's managers");
//                 false turns an allow into a deny. Each says which service rule it mirrors.
//   inspect({w, cell, body})  for an allowed 2xx: a description of anything the answer shows
//                 that the caller must not see (another department's staff, …), or null
//   allowedAnswer {status, code}: what an allowed caller gets when the body is deliberately
//                 minimal (a public route that needs a one-time code we do not spend here)
//   absentStatus  the answer to an allowed caller for a non-existent object (default 404)
//   outside       why the operation is not a cell of this matrix (OAuth endpoints whose
//                 caller is a client or a bearer token, covered by tests/api/oidc)
import { Client, logIn, systemClient } from './client.mjs';
import {
  HONEY_EVENT, HONEY_ITEM, RENT_ITEM, freshCode, importFixtures, item as catalogItem, lifeEvent as catalogLifeEvent,
} from '../catalog/catalog_fixtures.mjs';

// --- the callers: one demo login per role (docs/demo-accounts.md) ----------------

export const ROLES = [
  { role: 'anonymous' },
  // 赵敏, legal representative of 上海通办示范科技有限公司, acting for herself.
  { role: 'resident', login: '13800000004', kind: 'person', roles: ['resident'] },
  // 刘洋, acting for 上海通办示范科技有限公司 by 赵敏's grant (apply, all services, may pass on).
  { role: 'enterprise_agent', login: '13800000006', kind: 'person', roles: ['resident', 'enterprise_agent'],
    actingFor: 'demo' },
  // 李四, acting for the same enterprise by a view-only grant from 赵敏 (may not apply, nor pass on).
  { role: 'enterprise_agent_view_only', login: '13800000002', kind: 'person', roles: ['resident', 'enterprise_agent'],
    actingFor: 'demo' },
  { role: 'window_officer', login: 'market.window', kind: 'staff', roles: ['window_officer'] },
  { role: 'reviewer', login: 'market.reviewer', kind: 'staff', roles: ['reviewer'] },
  { role: 'department_admin', login: 'market.admin', kind: 'staff', roles: ['department_admin'] },
  { role: 'platform_operator', login: 'operator', kind: 'staff', roles: ['platform_operator'] },
  { role: 'system_admin', login: 'sysadmin', kind: 'staff', roles: ['system_admin'] },
  { role: 'security_admin', login: 'secadmin', kind: 'staff', roles: ['security_admin'] },
  { role: 'audit_admin', login: 'auditadmin', kind: 'staff', roles: ['audit_admin'] },
  // Not a role of the policy but a relation the delegation service decides on: 陳大文, a
  // resident whom 赵敏 appoints administrator (企业管理员) of her enterprise at setup —
  // he manages its agents but may not appoint administrators, nor act for it.
  { role: 'enterprise_admin', login: '13800000009', kind: 'person', roles: ['resident'] },
  // Another system: an OIDC client calling with a client_credentials bearer token
  // (no user, no session, a scope of its own) — it holds none of the roles.
  { role: 'system_client', kind: 'client', roles: [] },
];

// The demo persons and enterprises the fixtures use (by phone and credit code).
const PERSONS = {
  zhangsan: { phone: '13800000001', id_number: '310101199001011234' },
  lisi: { phone: '13800000002', id_number: '310104198505152342' },
  wangwu: { phone: '13800000003', id_number: '310115197812300450' },
  zhaomin: { phone: '13800000004', id_number: '310105198008080268' },
  chenjing: { phone: '13800000005', id_number: '310106197503120687' },
  liuyang: { phone: '13800000006', id_number: '31010719920620031X' },
  chendawen: { phone: '13800000009', id_number: 'H12345678' },
};
const ENTERPRISES = {
  demo: '91310101MA1FL0D18X',  // 上海通办示范科技有限公司, 赵敏
  pujiang: '91310101MA1G2K3LXA',  // 上海浦江贸易有限公司, 陈静
};
// The enterprise each person role may call its own, and which they manage
// (legal representative or appointed administrator).
const OWN_ENTERPRISE = { resident: 'demo', enterprise_agent: 'demo', enterprise_agent_view_only: 'demo',
  enterprise_admin: 'demo' };
const MANAGES = { resident: ['demo'], enterprise_agent: [], enterprise_agent_view_only: [], enterprise_admin: ['demo'] };
const LEGAL_REPRESENTATIVE_OF = { resident: ['demo'], enterprise_agent: [], enterprise_agent_view_only: [],
  enterprise_admin: [] };
// May act for it: the legal representative, or a holder of a live grant.
const ACTS_FOR = { resident: ['demo'], enterprise_agent: ['demo'], enterprise_agent_view_only: ['demo'],
  enterprise_admin: [] };

const OTHER_DEPARTMENT = 'shanghai.housing';  // every staff role above is in shanghai.market or shanghai.bigdata

// A well-formed identifier that names nothing: the prefix and a ULID.
export function absentId(prefix) {
  return `${prefix}_01JM4TR1XN0NEX1STENT000000`.slice(0, prefix.length + 27);
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

function inDays(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

// GB 11643 check character.
function residentId(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i];
  return body17 + '10X98765432'[sum % 11];
}

// A unified social credit code with correct GB 11714 and GB 32100 check characters.
function freshUscc() {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const org = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const w11714 = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(org[i]) * w11714[i];
  const v = 11 - (s % 11);
  const orgCheck = v === 10 ? 'X' : v === 11 ? '0' : String(v);
  const first17 = `91310101${org}${orgCheck}`;
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += chars.indexOf(first17[i]) * weight;
    weight = (weight * 3) % 31;
  }
  return first17 + chars[(31 - (sum % 31)) % 31];
}

// A name of Chinese characters only (names admit no digits), unique within the run.
function uniqueName(prefix) {
  return prefix + [...String(++counter).padStart(4, '0')].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
}

// Every staff account, as the system administrator lists them.
async function allStaff(w) {
  const out = [];
  let after = '';
  for (;;) {
    const page = await w.sysadmin.must('GET', `/api/v1/admin/staff?limit=100${after ? `&after=${after}` : ''}`);
    out.push(...page.items);
    if (!page.next_after || page.items.length === 0) return out;
    after = page.next_after;
  }
}

async function administers(by, enterpriseId, personId) {
  const list = await by.must('GET', `/api/v1/enterprises/${enterpriseId}/administrators`);
  return list.items.some((a) => a.person_id === personId);
}

async function oidcClient(w, id) {
  const list = await w.operator.must('GET', '/api/v1/admin/oidc-clients');
  return list.items.find((c) => c.client_id === id);
}

function freshPhone() {
  return `139${String(Date.now() % 1e6).padStart(6, '0')}${String(++counter % 100).padStart(2, '0')}`;
}

// --- the world: demo objects and helper sessions, built once per server ---------------

export async function buildWorld(base) {
  const w = { base, clients: {}, callers: {}, person: {}, enterprise: {}, grants: {} };
  const operator = await logIn(base, 'operator');
  for (const [name, p] of Object.entries(PERSONS)) {
    const found = await operator.must('GET', `/api/v1/admin/persons?q=${p.phone}&purpose=${encodeURIComponent('authorisation matrix setup')}`);
    if (found.items.length !== 1) throw new Error(`demo person ${name} (${p.phone}) not found: is --demo loaded?`);
    w.person[name] = found.items[0].person_id;
  }
  for (const [name, uscc] of Object.entries(ENTERPRISES)) {
    const found = await operator.must('GET', `/api/v1/admin/enterprises?q=${uscc}`);
    if (found.items.length !== 1) throw new Error(`demo enterprise ${name} (${uscc}) not found`);
    w.enterprise[name] = found.items[0].enterprise_id;
  }
  for (const r of ROLES) {
    if (r.role === 'enterprise_admin') {
      const zhaomin = await logIn(base, PERSONS.zhaomin.phone, { label: '赵敏' });
      const a = await zhaomin.call('POST', `/api/v1/enterprises/${w.enterprise.demo}/administrators`,
        { json: { login: r.login } });
      if (a.status !== 201 && a.status !== 409) throw new Error(`appoint 陳大文: ${a.status} ${a.text}`);
    }
    if (r.kind === 'client') {
      const c = await systemClient(base, operator, r.role);
      w.clients[r.role] = c;
      w.callers[r.role] = { kind: 'client', subject: c.clientId, roles: [], department: '', acting: null, scopes: c.scopes };
      continue;
    }
    if (!r.login) {
      w.clients[r.role] = new Client(base, 'anonymous');
      w.callers[r.role] = { kind: 'anonymous', subject: '', roles: [], department: '', acting: null, scopes: [] };
      continue;
    }
    const c = await logIn(base, r.login, { label: r.role, actingFor: r.actingFor && w.enterprise[r.actingFor] });
    w.clients[r.role] = c;
    w.callers[r.role] = callerOf(c.me, r);
  }
  // Helpers that are not matrix callers: the other enterprise's legal representative,
  // a resident whose sessions are "someone else's", the system administrator who
  // creates staff, the platform operator who creates OIDC clients.
  w.chenjing = await logIn(base, PERSONS.chenjing.phone, { label: '陈静' });
  w.zhangsan = await logIn(base, PERSONS.zhangsan.phone, { label: '张三' });
  Object.defineProperty(w, 'zhaomin', { get: () => w.clients.resident });
  Object.defineProperty(w, 'operator', { get: () => w.clients.platform_operator });
  Object.defineProperty(w, 'sysadmin', { get: () => w.clients.system_admin });
  // 刘洋's grant from 赵敏 (he may pass it on).
  const held = await w.clients.enterprise_agent.must('GET', '/api/v1/me/grants?direction=held');
  const grant = held.items.find((g) => g.enterprise_id === w.enterprise.demo && g.live && g.may_delegate);
  if (!grant) throw new Error(`刘洋 holds no live grant of the demo enterprise: ${JSON.stringify(held)}`);
  w.grants.liuyang = grant.grant_id;
  w.freshClient = (role) => {
    const r = ROLES.find((x) => x.role === role);
    if (r.kind === 'client') return w.clients[role];  // a token, no session to end
    if (!r.login) return new Client(base, 'anonymous');
    return logIn(base, r.login, { label: role, actingFor: r.actingFor && w.enterprise[r.actingFor] });
  };
  // After a cell that ended every session of the role's account.
  w.logInAgain = async (role) => {
    if (ROLES.find((x) => x.role === role).login) w.clients[role] = await w.freshClient(role);
  };
  return w;
}

// The caller as /api/v1/me describes it, checked against what the role declares.
function callerOf(me, r) {
  if (me.kind !== r.kind) throw new Error(`${r.role} (${r.login}) is a ${me.kind}, expected ${r.kind}`);
  for (const role of r.roles) {
    if (!me.roles.includes(role)) throw new Error(`${r.role} (${r.login}) lacks role ${role}: ${JSON.stringify(me.roles)}`);
  }
  const a = me.acting_for;
  if (r.actingFor && !a) throw new Error(`${r.role} (${r.login}) is not acting for an enterprise`);
  return {
    kind: me.kind,
    subject: me.subject_id,
    roles: me.roles,
    department: me.department_id ?? '',
    acting: a ? { enterprise_id: a.enterprise_id, may_apply: !!a.may_apply, services: a.services ?? [] } : null,
    scopes: [],
  };
}

// --- object builders ---------------------------------------------------------------

const isPerson = (cell) => cell.caller.kind === 'person';
const isStaff = (cell) => cell.caller.kind === 'staff';

// A person record: own = the caller's, other = 李四's (张三's when the caller is 李四).
function personObject(w, cell) {
  if (cell.variant === 'own') {
    if (!isPerson(cell)) return null;
    const id = cell.caller.subject;
    const name = Object.keys(PERSONS).find((k) => w.person[k] === id);
    return { id, id_number: PERSONS[name]?.id_number, target: { owner_person_id: id } };
  }
  if (cell.variant === 'other') {
    const name = cell.caller.subject === w.person.lisi ? 'zhangsan' : 'lisi';  // never the caller
    return { id: w.person[name], id_number: PERSONS[name].id_number, target: { owner_person_id: w.person[name] } };
  }
  return { id: absentId('person'), id_number: PERSONS.lisi.id_number, target: {} };
}

// An enterprise: own = the one the person role represents or acts for, other = 浦江贸易.
function enterpriseObject(w, cell) {
  if (cell.variant === 'own') {
    const key = OWN_ENTERPRISE[cell.role];
    if (!key) return null;
    return { id: w.enterprise[key], key, target: { enterprise_id: w.enterprise[key] } };
  }
  if (cell.variant === 'other') {
    return { id: w.enterprise.pujiang, key: 'pujiang', target: { enterprise_id: w.enterprise.pujiang } };
  }
  return { id: absentId('ent'), key: null, target: {} };
}

// A new staff account: own = in the caller's department (staff callers), other_department = elsewhere.
async function staffObject(w, cell) {
  let department;
  if (cell.variant === 'own') {
    if (!isStaff(cell)) return null;
    department = cell.caller.department;
  } else if (cell.variant === 'other_department') {
    department = OTHER_DEPARTMENT;
  } else {
    return { id: absentId('staff'), target: {} };
  }
  const s = await w.sysadmin.must('POST', '/api/v1/admin/staff', {
    username: `matrix.${unique()}`,
    name: '矩阵测试',
    department_id: department,
  });
  const unchanged = async () => {
    const now = (await allStaff(w)).find((x) => x.staff_id === s.staff_id);
    if (!now) return 'the staff member is gone';
    if (now.status !== 'active' || now.roles.length) return `now ${now.status} with roles ${now.roles.join(',') || 'none'}`;
    return null;
  };
  return { id: s.staff_id, target: { department_id: department }, unchanged };
}

const grantTerms = () => ({ grantee_login: PERSONS.zhangsan.phone, scope: ['*'], mode: 'view', may_delegate: false,
  expires_at: inDays(30) });

// A new grant: own = one the caller gave (赵敏 in her enterprise, 陳大文 as its
// administrator, 刘洋 passing his on),
// other = one 陈静 gave in 浦江贸易 (nobody of the matrix is party to it).
async function grantObject(w, cell) {
  const g = await makeGrant(w, cell);
  if (!g || !g.reader) return g;
  g.unchanged = async () => {
    const now = await g.reader.must('GET', `/api/v1/grants/${g.id}`);
    return now.status === 'active' ? null : `the grant is ${now.status}`;
  };
  return g;
}

async function makeGrant(w, cell) {
  if (cell.variant === 'own') {
    if (cell.role === 'resident') {
      const g = await w.zhaomin.must('POST', `/api/v1/enterprises/${w.enterprise.demo}/grants`, grantTerms());
      return { id: g.grant_id, target: { enterprise_id: w.enterprise.demo }, reader: w.zhaomin };
    }
    if (cell.role === 'enterprise_agent') {
      const g = await w.clients.enterprise_agent.must('POST', `/api/v1/grants/${w.grants.liuyang}/sub-grants`, grantTerms());
      return { id: g.grant_id, target: { enterprise_id: w.enterprise.demo }, reader: w.zhaomin };
    }
    if (cell.role === 'enterprise_admin') {
      const g = await w.clients.enterprise_admin.must('POST', `/api/v1/enterprises/${w.enterprise.demo}/grants`, grantTerms());
      return { id: g.grant_id, target: { enterprise_id: w.enterprise.demo }, reader: w.zhaomin };
    }
    return null;
  }
  if (cell.variant === 'other') {
    const g = await w.chenjing.must('POST', `/api/v1/enterprises/${w.enterprise.pujiang}/grants`, grantTerms());
    return { id: g.grant_id, target: { enterprise_id: w.enterprise.pujiang }, reader: w.chenjing };
  }
  return { id: absentId('grant'), target: {} };
}

async function oidcClientObject(w, cell) {
  if (cell.variant === 'nonexistent') return { id: absentId('client'), target: {} };
  const c = await w.operator.must('POST', '/api/v1/admin/oidc-clients', {
    name: `matrix ${unique()}`,
    redirect_uris: ['https://rp.example.test/callback'],
  });
  const unchanged = async () => {
    const now = await oidcClient(w, c.client_id);
    if (!now) return 'the client is gone';
    if (now.status !== c.status || now.updated_at !== c.updated_at) return `now ${now.status}, updated ${now.updated_at}`;
    return null;
  };
  return { id: c.client_id, target: {}, unchanged };
}

// A session: own = a second login of the caller's account, other = one of 张三's.
async function sessionObject(w, cell) {
  if (cell.variant === 'own') {
    const r = ROLES.find((x) => x.role === cell.role);
    if (!r.login) return null;
    const second = await logIn(w.base, r.login, { label: `${cell.role} (second)` });
    return { id: second.me.session_id, target: {} };
  }
  if (cell.variant === 'other') {
    const other = await logIn(w.base, PERSONS.zhangsan.phone, { label: '张三' });
    const unchanged = async () => {
      const me = await other.call('GET', '/api/v1/me');
      return me.status === 200 ? null : `张三's session ended (${me.status})`;
    };
    return { id: other.me.session_id, target: {}, unchanged };
  }
  return { id: absentId('sess'), target: {} };
}

// The persons of the delegation service's relationship rules (delegation_service.cpp).
const managerOnOwn = ({ role, caller, variant }) =>
  caller.kind !== 'person' || (variant === 'own' && MANAGES[role]?.includes(OWN_ENTERPRISE[role]));
const legalRepresentativeOnOwn = ({ role, caller, variant }) =>
  caller.kind !== 'person' || (variant === 'own' && LEGAL_REPRESENTATIVE_OF[role]?.includes(OWN_ENTERPRISE[role]));
const partyOnOwn = ({ caller, variant }) => caller.kind !== 'person' || variant === 'own';

// --- the catalog (事项库): records of the catalog API tests, imported once per server ---------------

const CATALOG = '/api/v1/catalog';

// The test catalog, plus a department for every staff caller's own (their "own" items).
function catalogWorld(w) {
  const departments = [...new Set(Object.values(w.callers).filter((c) => c.kind === 'staff').map((c) => c.department))];
  w.catalogReady ??= importFixtures(w.operator, departments);
  return w.catalogReady;
}

// An item: own = of the caller's department (staff only), other_department = of
// shanghai.housing, nonexistent = a fresh code (judged as the caller's own).
// `stage`: 'none' (not created), 'draft' (created by the operator), 'published'.
async function catalogItemObject(w, cell, stage) {
  await catalogWorld(w);
  const staff = cell.caller.kind === 'staff';
  let department;
  if (cell.variant === 'own') {
    if (!staff) return null;
    department = cell.caller.department;
  } else if (cell.variant === 'other_department') {
    department = OTHER_DEPARTMENT;
  } else {
    const code = freshCode('T-MX-ABSENT');
    department = staff ? cell.caller.department : OTHER_DEPARTMENT;
    return { code, body: catalogItem(code, { department_code: department }), target: staff ? { department_id: department } : {} };
  }
  const code = freshCode('T-MX');
  const body = catalogItem(code, { department_code: department });
  if (stage !== 'none') await w.operator.must('POST', `${CATALOG}/items`, body);
  if (stage === 'published') await w.operator.must('POST', `${CATALOG}/items/${code}/versions/1/publish`, {});
  const version1 = async () => (await w.operator.call('GET', `${CATALOG}/items/${code}/versions/1`));
  return { code, body, target: { department_id: department }, version1 };
}

// A life event (the platform operator's): other = a fresh one, nonexistent = a fresh code.
async function catalogLifeEventObject(w, cell, stage) {
  await catalogWorld(w);
  const code = freshCode(cell.variant === 'nonexistent' ? 'le.t-mx-absent' : 'le.t-mx');
  const body = catalogLifeEvent(code, [HONEY_ITEM, RENT_ITEM]);
  if (cell.variant !== 'nonexistent') {
    await w.operator.must('POST', `${CATALOG}/life-events`, body);
    if (stage === 'published') await w.operator.must('POST', `${CATALOG}/life-events/${code}/versions/1/publish`, {});
  }
  const version1 = async () => (await w.operator.call('GET', `${CATALOG}/life-events/${code}/versions/1`));
  return { code, body, target: {}, version1 };
}

// Public reads of a published record: other = the test catalog's, nonexistent = a code that names nothing.
async function catalogPublic(w, cell, code, absent) {
  await catalogWorld(w);
  return cell.variant === 'nonexistent' ? absent : code;
}

const catalogRecord = (v) => (v.status === 200 ? v.body.item ?? v.body.life_event : null);

const ENTERPRISE_VARIANTS = ['own', 'other', 'nonexistent'];
const purpose = encodeURIComponent('authorisation matrix');

// --- the entries ---------------------------------------------------------------------

export const FIXTURES = {
  // ---- platform -------------------------------------------------------------------
  getHealth: {},
  getReadiness: {},
  getMetrics: {},
  getOpenApi: {},

  // ---- canary (public while canary.enabled) -----------------------------------------
  createCanaryWrite: {
    prepare: () => ({ body: { client_id: `matrix-${unique()}`, seq: 0, payload: 'authorisation matrix' } }),
  },
  listCanaryWrites: { prepare: () => ({ query: 'client_id=matrix-list&limit=10' }) },
  getCanaryWrite: {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      if (cell.variant === 'nonexistent') return { params: { id: '01JM4TR1XN0NEX1STENT000000' } };
      const anon = new Client(w.base);
      const made = await anon.must('POST', '/api/v1/canary/writes', { client_id: `matrix-${unique()}`, seq: 0 });
      return { params: { id: made.id } };
    },
  },
  getCanaryTally: { variants: ['other'], prepare: () => ({ params: { client_id: 'matrix-list' } }) },

  // ---- OpenID Connect: discovery is public; the OAuth endpoints are the clients' ------
  getOpenIdConfiguration: {},
  getOidcJwks: {},
  oidcAuthorize: { outside: 'OAuth authorization endpoint: redirects to /login; the client is checked, not a role (tests/api/oidc)' },
  oidcToken: { outside: 'OAuth token endpoint: client authentication, not a role (tests/api/oidc)' },
  getOidcUserInfo: { outside: 'needs a bearer access token, not a cookie session (tests/api/oidc)' },
  postOidcUserInfo: { outside: 'needs a bearer access token, not a cookie session (tests/api/oidc)' },
  oidcLogout: { outside: 'RP-initiated logout: id_token_hint and redirect URIs, not a role (tests/api/oidc)' },
  postOidcLogout: { outside: 'RP-initiated logout: id_token_hint and redirect URIs, not a role (tests/api/oidc)' },
  oidcRevoke: { outside: 'OAuth token revocation: client authentication, not a role (tests/api/oidc)' },

  // ---- OIDC clients and keys (operators) ------------------------------------------------
  listOidcClients: {},
  createOidcClient: {
    prepare(w) {
      const name = `matrix ${unique()}`;
      const unchanged = async () => {
        const list = await w.operator.must('GET', '/api/v1/admin/oidc-clients');
        return list.items.some((c) => c.name === name) ? `client ${name} was registered` : null;
      };
      return { body: { name, redirect_uris: ['https://rp.example.test/callback'] }, unchanged };
    },
  },
  disableOidcClient: {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const c = await oidcClientObject(w, cell);
      return { params: { client_id: c.id }, target: c.target, unchanged: c.unchanged };
    },
  },
  rotateOidcClientSecret: {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const c = await oidcClientObject(w, cell);
      return { params: { client_id: c.id }, target: c.target, unchanged: c.unchanged };
    },
  },
  rotateOidcSigningKey: {
    async prepare(w) {
      const kids = async () => (await new Client(w.base).must('GET', '/oidc/jwks')).keys.map((k) => k.kid).sort().join(' ');
      const before = await kids();
      const unchanged = async () => ((await kids()) === before ? null : 'the published signing keys changed');
      return { body: { algorithm: 'EdDSA' }, unchanged };
    },
  },

  // ---- authentication (public) and the caller's own login ("authenticated") ---------------
  sendOtp: { prepare: () => ({ body: { phone: freshPhone(), purpose: 'register' } }) },
  registerPerson: {
    // The full flow: a register code for a fresh phone, read from the demo SMS inbox.
    async prepare(w) {
      const phone = freshPhone();
      const anon = new Client(w.base);
      await anon.must('POST', '/api/v1/auth/otp', { phone, purpose: 'register' });
      let code;
      for (let i = 0; i < 100 && !code; i++) {
        const inbox = await anon.must('GET', '/api/v1/dev/sms-inbox');
        const m = inbox.items.find((x) => x.phone === phone && x.template_id === 'otp_register');
        if (m) code = m.text.match(/\d{6}/)[0];
        else await new Promise((r) => setTimeout(r, 50));
      }
      if (!code) throw new Error(`no register code for ${phone} in the dev inbox`);
      const n = String(++counter).padStart(3, '0');
      return {
        body: { name: '矩阵测试', id_kind: 'resident_id', id_number: residentId(`31010119950101${n}`), phone, code,
          password: 'matrix-test-password-2026' },
      };
    },
  },
  loginWithPassword: {
    prepare: () => ({ body: { login: PERSONS.zhangsan.phone, password: 'Tongban-Demo-2026' } }),
  },
  loginWithCode: {
    // Deliberately minimal: no code was requested for this (unregistered) phone, so
    // every caller alike gets the wrong-code answer. Sending ten login codes would
    // spend the per-source hourly cap of codes (30) that registerPerson needs; each
    // cell costs one failure of the per-source window (30).
    prepare: () => ({ body: { phone: freshPhone(), code: '000000' } }),
    allowedAnswer: { status: 400, code: 'identity.otp_invalid' },
  },
  resetPassword: {
    // Deliberately minimal, as above: resetting a demo password would end the matrix.
    prepare: () => ({ body: { phone: freshPhone(), code: '000000', password: 'matrix-reset-password-2026' } }),
    allowedAnswer: { status: 400, code: 'identity.otp_invalid' },
  },
  logout: { freshSession: true },
  getMe: {},
  listMySessions: {},
  revokeAllMySessions: { freshSession: true, endsEverySession: true },
  revokeMySession: {
    variants: ['own', 'other', 'nonexistent'],
    freshSession: true,
    async prepare(w, cell) {
      const s = await sessionObject(w, cell);
      return s && { params: { session_id: s.id }, unchanged: s.unchanged };
    },
  },
  switchActingFor: {
    variants: ['own', 'other', 'nonexistent'],
    freshSession: true,
    prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      return e && { body: { enterprise_id: e.id }, target: e.target };
    },
    // auth_service.cpp SwitchActingFor: persons only; the resolver needs the legal
    // representative or a live grant (delegation.no_grant, 403, also for an unknown id).
    refine: ({ role, caller, variant }) =>
      caller.kind === 'person' && variant === 'own' && !!ACTS_FOR[role]?.includes(OWN_ENTERPRISE[role]),
    absentStatus: 403,
  },
  listDevSmsInbox: {},

  // ---- identity: persons, enterprises, staff (operator console) ------------------------------
  searchPersons: { prepare: () => ({ query: `q=${PERSONS.lisi.phone}&purpose=${purpose}` }) },
  getPerson: {
    variants: ['own', 'other', 'nonexistent'],
    prepare(w, cell) {
      const p = personObject(w, cell);
      return p && { params: { person_id: p.id }, query: `purpose=${purpose}`, target: p.target };
    },
  },
  unmaskPerson: {
    variants: ['own', 'other', 'nonexistent'],
    prepare(w, cell) {
      const p = personObject(w, cell);
      return p && { params: { person_id: p.id }, body: { fields: ['phone'], purpose: '授权矩阵测试' }, target: p.target };
    },
  },
  verifyPersonInPerson: {
    variants: ['own', 'other', 'nonexistent'],
    async prepare(w, cell) {
      const p = personObject(w, cell);
      if (!p) return null;
      let unchanged;
      if (cell.variant !== 'nonexistent') {
        const level = async () =>
          (await w.operator.must('GET', `/api/v1/admin/persons/${p.id}?purpose=${purpose}`)).assurance_level;
        const before = await level();
        unchanged = async () => {
          const after = await level();
          return after === before ? null : `assurance level ${before} → ${after}`;
        };
      }
      return { params: { person_id: p.id }, body: { id_number: p.id_number }, target: p.target, unchanged };
    },
  },
  searchEnterprises: { prepare: () => ({ query: `q=${ENTERPRISES.pujiang}` }) },
  createEnterprise: {
    prepare(w) {
      const uscc = freshUscc();
      const unchanged = async () => {
        const found = await w.operator.must('GET', `/api/v1/admin/enterprises?q=${uscc}`);
        return found.items.length ? `enterprise ${uscc} was registered` : null;
      };
      return {
        body: { uscc, name: `矩阵测试企业${unique()}`, legal_representative_person_id: w.person.zhangsan },
        unchanged,
      };
    },
  },
  getEnterprise: {
    variants: ENTERPRISE_VARIANTS,
    prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      return e && { params: { enterprise_id: e.id }, target: e.target };
    },
  },
  listStaff: {
    // account_service.cpp ListStaff: everyone's staff, or the caller's own department's.
    alsoPermissions: ['identity.department_staff.list'],
    prepare: (w, cell) => ({ target: { department_id: cell.caller.department } }),
    // Another department's staff must not appear to a department administrator.
    inspect({ cell, body }) {
      if (cell.caller.roles.some((r) => ['system_admin', 'security_admin', 'audit_admin'].includes(r))) return null;
      const foreign = body.items.filter((s) => s.department_id !== cell.caller.department);
      return foreign.length ? `${foreign.length} staff of other departments listed` : null;
    },
  },
  createStaff: {
    prepare(w) {
      const name = uniqueName('矩阵测试');
      const unchanged = async () =>
        ((await allStaff(w)).some((s) => s.name === name) ? `staff ${name} was created` : null);
      return { body: { username: `matrix.${unique()}`, name, department_id: 'shanghai.market' }, unchanged };
    },
  },
  assignStaffRoles: {
    variants: ['own', 'other_department', 'nonexistent'],
    async prepare(w, cell) {
      const s = await staffObject(w, cell);
      return s && { params: { staff_id: s.id }, body: { roles: ['reviewer'] }, target: s.target, unchanged: s.unchanged };
    },
  },
  disableStaff: {
    variants: ['own', 'other_department', 'nonexistent'],
    async prepare(w, cell) {
      const s = await staffObject(w, cell);
      return s && { params: { staff_id: s.id }, target: s.target, unchanged: s.unchanged };
    },
  },
  listMyAccessLog: {
    // account_service.cpp ListMyAccessLog: the caller's own person record.
    prepare: (w, cell) => ({ target: { owner_person_id: cell.caller.subject } }),
  },

  // ---- delegation (法人授权) ------------------------------------------------------------------
  listEnterpriseAdministrators: {
    variants: ENTERPRISE_VARIANTS,
    prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      return e && { params: { enterprise_id: e.id }, target: e.target };
    },
    refine: managerOnOwn,  // ListAdministrators: a person must manage the enterprise
  },
  appointEnterpriseAdministrator: {
    variants: ENTERPRISE_VARIANTS,
    async prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      if (!e) return null;
      // 王五 is not yet an administrator of it (removeEnterpriseAdministrator's cells appoint him).
      const by = { demo: w.zhaomin, pujiang: w.chenjing }[e.key];
      if (by) {
        const r = await by.call('DELETE', `/api/v1/enterprises/${e.id}/administrators/${w.person.wangwu}`);
        if (r.status !== 204 && r.status !== 404) throw new Error(`remove 王五: ${r.status} ${r.text}`);
      }
      const unchanged = by &&
        (async () => ((await administers(by, e.id, w.person.wangwu)) ? '王五 was appointed' : null));
      return { params: { enterprise_id: e.id }, body: { login: PERSONS.wangwu.phone }, target: e.target, unchanged };
    },
    refine: legalRepresentativeOnOwn,  // AppointAdministrator: the legal representative only
  },
  removeEnterpriseAdministrator: {
    variants: ENTERPRISE_VARIANTS,
    async prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      if (!e) return null;
      // 王五 administers the enterprise (appointed by its legal representative).
      const by = { demo: w.zhaomin, pujiang: w.chenjing }[e.key];
      if (by) {
        const r = await by.call('POST', `/api/v1/enterprises/${e.id}/administrators`, { json: { login: PERSONS.wangwu.phone } });
        if (r.status !== 201 && r.status !== 409) throw new Error(`appoint 王五: ${r.status} ${r.text}`);
      }
      const unchanged = by &&
        (async () => ((await administers(by, e.id, w.person.wangwu)) ? null : '王五 was removed'));
      return { params: { enterprise_id: e.id, person_id: w.person.wangwu }, target: e.target, unchanged };
    },
    refine: legalRepresentativeOnOwn,  // RemoveAdministrator: the legal representative only
  },
  listEnterpriseGrants: {
    variants: ENTERPRISE_VARIANTS,
    prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      return e && { params: { enterprise_id: e.id }, target: e.target };
    },
    refine: managerOnOwn,  // ListEnterpriseGrants: a person must manage the enterprise
    inspect({ body, cell, w }) {
      const wanted = cell.variant === 'own' ? w.enterprise[OWN_ENTERPRISE[cell.role]] : w.enterprise.pujiang;
      const foreign = body.items.filter((g) => g.enterprise_id !== wanted);
      return foreign.length ? `${foreign.length} grants of another enterprise listed` : null;
    },
  },
  createGrant: {
    variants: ENTERPRISE_VARIANTS,
    async prepare(w, cell) {
      const e = enterpriseObject(w, cell);
      if (!e) return null;
      const by = { demo: w.zhaomin, pujiang: w.chenjing }[e.key];
      let unchanged;
      if (by) {
        const count = async () => (await by.must('GET', `/api/v1/enterprises/${e.id}/grants`)).items.length;
        const before = await count();
        unchanged = async () => ((await count()) === before ? null : 'a grant was created');
      }
      return { params: { enterprise_id: e.id }, body: grantTerms(), target: e.target, unchanged };
    },
    refine: managerOnOwn,  // CreateGrant: a person must manage the enterprise
  },
  getGrant: {
    variants: ['own', 'other', 'nonexistent'],
    async prepare(w, cell) {
      const g = await grantObject(w, cell);
      return g && { params: { grant_id: g.id }, target: g.target };
    },
    refine: partyOnOwn,  // GetGrant: a person party to the grant's chain (else 404)
  },
  revokeGrant: {
    variants: ['own', 'other', 'nonexistent'],
    async prepare(w, cell) {
      const g = await grantObject(w, cell);
      return g && { params: { grant_id: g.id }, target: g.target, unchanged: g.unchanged };
    },
    refine: partyOnOwn,  // RevokeGrant: the grantor, those above them, the managers
  },
  createSubGrant: {
    variants: ['own', 'other', 'nonexistent'],
    async prepare(w, cell) {
      let id;
      if (cell.variant === 'own') {
        if (cell.role !== 'enterprise_agent') return null;  // only 刘洋 holds a grant he may pass on
        id = w.grants.liuyang;
      } else if (cell.variant === 'other') {
        const g = await grantObject(w, cell);
        id = g.id;
      } else {
        id = absentId('grant');
      }
      // 张三, the grantee named, holds no more grants than before.
      const held = async () => (await w.zhangsan.must('GET', '/api/v1/me/grants?direction=held')).items.length;
      const before = await held();
      const unchanged = async () => ((await held()) === before ? null : 'a sub-grant was created');
      return { params: { grant_id: id }, body: grantTerms(), unchanged };
    },
    refine: partyOnOwn,  // CreateSubGrant: the holder of the grant
  },
  listMyGrants: {
    prepare: () => ({ query: 'direction=held' }),
    inspect({ w, cell, body }) {
      // Held: granted to the caller, or to an enterprise (an intermediary) they manage.
      const foreign = body.items.filter((g) => g.grantee_kind === 'person' && g.grantee_id !== cell.caller.subject);
      return foreign.length ? `${foreign.length} grants held by someone else listed` : null;
    },
  },
  listMyPrincipals: {},

  // ---- catalog (事项库): public reads; items by their department's administrators or the
  // platform operator; life events, import and export by the platform operator -------------
  'catalog.regions.list': {},
  'catalog.departments.list': {},
  'catalog.departments.get': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, 'shanghai.market', 'no.such.department') } }),
  },
  'catalog.powers.list': {},
  'catalog.licence_types.list': {},
  'catalog.data_items.list': {},
  'catalog.categories.list': {},
  'catalog.items.list': {},
  'catalog.items.get': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_ITEM, 'T-NO-SUCH-ITEM') } }),
  },
  'catalog.items.evaluate': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_ITEM, 'T-NO-SUCH-ITEM') },
      body: { answers: { scale: 'small' } } }),
  },
  'catalog.items.versions.list': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_ITEM, 'T-NO-SUCH-ITEM') } }),
  },
  'catalog.items.versions.get': {
    // other: a published version, anyone's to read; own / other_department: a draft of the
    // caller's department / of shanghai.housing, which only draft readers see.
    variants: ['other', 'own', 'other_department', 'nonexistent'],
    alsoPermissions: ['catalog.draft.read', 'catalog.department_draft.read'],
    async prepare(w, cell) {
      if (cell.variant === 'other' || cell.variant === 'nonexistent') {
        return { params: { code: await catalogPublic(w, cell, HONEY_ITEM, 'T-NO-SUCH-ITEM'), version: 1 } };
      }
      if (cell.caller.kind === 'anonymous') return null;  // a public read: no 401 to expect, a draft is just absent
      const o = await catalogItemObject(w, cell, 'draft');
      return o && { params: { code: o.code, version: 1 }, target: o.target };
    },
    // catalog_service.cpp GetVersion: a draft only for catalog.draft.read, or
    // catalog.department_draft.read on the caller's department (else 404).
    refine: ({ caller, variant }) => {
      if (caller.kind === 'anonymous' || (variant !== 'own' && variant !== 'other_department')) return true;
      if (caller.roles.includes('platform_operator')) return true;
      return variant === 'own' && caller.kind === 'staff' && caller.roles.includes('department_admin');
    },
  },
  'catalog.life_events.list': {},
  'catalog.life_events.get': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_EVENT, 'le.no-such-event') } }),
  },
  'catalog.life_events.versions.list': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_EVENT, 'le.no-such-event') } }),
  },
  'catalog.life_events.versions.get': {
    variants: ['other', 'nonexistent'],
    prepare: async (w, cell) => ({ params: { code: await catalogPublic(w, cell, HONEY_EVENT, 'le.no-such-event'), version: 1 } }),
  },
  'catalog.search': { prepare: async (w) => { await catalogWorld(w); return { query: `q=${encodeURIComponent('蜂蜜')}` }; } },
  'catalog.suggest': { prepare: async (w) => { await catalogWorld(w); return { query: `q=${encodeURIComponent('蜂蜜')}` }; } },
  'catalog.items.create': {
    variants: ['own', 'other_department'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'none');
      if (!o) return null;
      const unchanged = async () =>
        ((await w.operator.call('GET', `${CATALOG}/items/${o.code}/versions`)).status === 404 ? null : `item ${o.code} was created`);
      return { body: o.body, target: o.target, unchanged };
    },
  },
  'catalog.items.validate': {
    variants: ['own', 'other_department'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'none');
      return o && { body: o.body, target: o.target };
    },
  },
  'catalog.items.draft.save': {
    variants: ['own', 'other_department', 'nonexistent'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'draft');
      if (!o) return null;
      const unchanged = o.version1 && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.summary === o.body.summary ? null : 'the draft changed';
      });
      return { params: { code: o.code }, body: { item: { ...o.body, summary: '矩阵修改' } }, target: o.target, unchanged };
    },
  },
  'catalog.items.draft.discard': {
    variants: ['own', 'other_department', 'nonexistent'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'draft');
      if (!o) return null;
      const unchanged = o.version1 && (async () => (catalogRecord(await o.version1()) ? null : 'the draft was discarded'));
      return { params: { code: o.code }, target: o.target, unchanged };
    },
  },
  'catalog.items.publish': {
    variants: ['own', 'other_department', 'nonexistent'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'draft');
      if (!o) return null;
      const unchanged = o.version1 && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.status === 'draft' ? null : `version 1 is ${v?.status}`;
      });
      return { params: { code: o.code, version: 1 }, body: {}, target: o.target, unchanged };
    },
  },
  'catalog.items.retire': {
    variants: ['own', 'other_department', 'nonexistent'],
    alsoPermissions: ['catalog.department_item.write'],
    async prepare(w, cell) {
      const o = await catalogItemObject(w, cell, 'published');
      if (!o) return null;
      const unchanged = o.version1 && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.status === 'published' ? null : `version 1 is ${v?.status}`;
      });
      return { params: { code: o.code }, body: {}, target: o.target, unchanged };
    },
  },
  'catalog.life_events.create': {
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, { ...cell, variant: 'nonexistent' }, 'none');
      const unchanged = async () =>
        ((await w.operator.call('GET', `${CATALOG}/life-events/${o.code}/versions`)).status === 404 ? null : `${o.code} was created`);
      return { body: o.body, unchanged };
    },
  },
  'catalog.life_events.validate': {
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, { ...cell, variant: 'nonexistent' }, 'none');
      return { body: o.body };
    },
  },
  'catalog.life_events.draft.save': {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, cell, 'draft');
      const unchanged = cell.variant === 'other' && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.summary === o.body.summary ? null : 'the draft changed';
      });
      return { params: { code: o.code }, body: { life_event: { ...o.body, summary: '矩阵修改' } }, unchanged: unchanged || undefined };
    },
  },
  'catalog.life_events.draft.discard': {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, cell, 'draft');
      const unchanged = cell.variant === 'other' &&
        (async () => (catalogRecord(await o.version1()) ? null : 'the draft was discarded'));
      return { params: { code: o.code }, unchanged: unchanged || undefined };
    },
  },
  'catalog.life_events.publish': {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, cell, 'draft');
      const unchanged = cell.variant === 'other' && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.status === 'draft' ? null : `version 1 is ${v?.status}`;
      });
      return { params: { code: o.code, version: 1 }, body: {}, unchanged: unchanged || undefined };
    },
  },
  'catalog.life_events.retire': {
    variants: ['other', 'nonexistent'],
    async prepare(w, cell) {
      const o = await catalogLifeEventObject(w, cell, 'published');
      const unchanged = cell.variant === 'other' && (async () => {
        const v = catalogRecord(await o.version1());
        return v && v.status === 'published' ? null : `version 1 is ${v?.status}`;
      });
      return { params: { code: o.code }, body: {}, unchanged: unchanged || undefined };
    },
  },
  'catalog.import': {
    async prepare(w) {
      await catalogWorld(w);
      const code = `test.matrix.${unique()}`;
      const unchanged = async () =>
        ((await w.operator.call('GET', `${CATALOG}/departments/${code}`)).status === 404 ? null : `department ${code} was imported`);
      return {
        body: { format: 'tongban.catalog/1', departments: [{ code, name: '矩阵测试部门', short_name: '', level: 'city', region_code: '310000', parent_code: '' }] },
        unchanged,
      };
    },
  },
  'catalog.export': {},
};
