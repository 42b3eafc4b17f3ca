// oidc-provider (npm, the reference Node.js OpenID Provider) set up like
// tongban for bench/oidc/run.mjs: EdDSA (Ed25519) signing, JWT access tokens
// (RFC 9068) for the API resource, refresh-token rotation on every use,
// client_credentials with a scope. Storage: BENCH_STORAGE=memory (a Map; its
// own development adapter evicts) or postgresql (pg_adapter.mjs at BENCH_PG_URL).
//
// Seeds BENCH_SEEDS grants with a refresh token each (made through the
// provider's own models, as its code flow would) and one opaque access token
// for userinfo (oidc-provider serves userinfo only for tokens not aimed at
// another resource), then prints one line:
//   READY {"url", "client_id", "client_secret", "refresh": [...], "access": "..."}
// Run from web/ (where the package is installed).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const { default: Provider } = await import(pathToFileURL(require.resolve('oidc-provider')));

const storage = process.env.BENCH_STORAGE ?? 'memory';
const seeds = Number(process.env.BENCH_SEEDS ?? 128);
const resource = 'urn:tongban:bench';
const clientId = 'bench-rp';
const clientSecret = randomBytes(32).toString('base64url');

const { privateKey } = generateKeyPairSync('ed25519');
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-ed25519', alg: 'EdDSA', use: 'sig' };

// In memory: a plain Map per model. (oidc-provider's own development adapter
// is an LRU of bounded size that evicts live tokens under this load.)
class MemoryAdapter {
  static stores = new Map();
  constructor(model) {
    if (!MemoryAdapter.stores.has(model)) MemoryAdapter.stores.set(model, new Map());
    this.store = MemoryAdapter.stores.get(model);
    this.grants = MemoryAdapter.stores.get('grant-index') ?? new Map();
    MemoryAdapter.stores.set('grant-index', this.grants);
  }
  async upsert(id, payload, expiresIn) {
    this.store.set(id, { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.grantId) {
      if (!this.grants.has(payload.grantId)) this.grants.set(payload.grantId, []);
      this.grants.get(payload.grantId).push([this.store, id]);
    }
  }
  async find(id) {
    const e = this.store.get(id);
    if (!e || e.expires < Date.now()) return undefined;
    return e.payload;
  }
  async findByUid(uid) {
    for (const e of this.store.values()) if (e.payload.uid === uid) return e.payload;
    return undefined;
  }
  async findByUserCode(code) {
    for (const e of this.store.values()) if (e.payload.userCode === code) return e.payload;
    return undefined;
  }
  async consume(id) {
    const e = this.store.get(id);
    if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) { this.store.delete(id); }
  async revokeByGrantId(grantId) {
    for (const [store, id] of this.grants.get(grantId) ?? []) store.delete(id);
    this.grants.delete(grantId);
  }
}

let adapter = MemoryAdapter;
if (storage === 'postgresql') {
  const { makePgAdapter } = await import('./pg_adapter.mjs');
  adapter = await makePgAdapter(process.env.BENCH_PG_URL, require);
}

const configuration = {
  adapter,
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: ['http://127.0.0.1:9/cb'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'EdDSA',
    scope: 'openid profile offline_access bench.read',
  }],
  jwks: { keys: [jwk] },
  scopes: ['openid', 'profile', 'offline_access', 'bench.read'],
  claims: { openid: ['sub'], profile: ['name'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'bench.read',
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 600,
        jwt: { sign: { alg: 'EdDSA' } },
      }),
    },
  },
  rotateRefreshToken: true,
  issueRefreshToken: () => true,
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: '李四' }) }),
  ttl: { AccessToken: 600, ClientCredentials: 600, IdToken: 600, RefreshToken: 30 * 24 * 3600, Grant: 30 * 24 * 3600 },
  pkce: { required: () => true },
};

const provider = new Provider('http://127.0.0.1', configuration);
provider.on('server_error', (ctx, err) => console.error('server_error', err));

const client = await provider.Client.find(clientId);
const now = Math.floor(Date.now() / 1000);
const refresh = [];
for (let i = 0; i < seeds; i++) {
  const grant = new provider.Grant({ accountId: 'person_bench', clientId });
  grant.addOIDCScope('openid profile offline_access');
  grant.addResourceScope(resource, 'bench.read');
  const grantId = await grant.save();
  const rt = new provider.RefreshToken({
    client, accountId: 'person_bench', grantId, scope: 'openid profile offline_access bench.read', resource,
    gty: 'authorization_code', authTime: now, iiat: now, expiresWithSession: false, acr: 'L2', amr: ['pwd'],
  });
  refresh.push(await rt.save());
}
const grant = new provider.Grant({ accountId: 'person_bench', clientId });
grant.addOIDCScope('openid profile');
const grantId = await grant.save();
const at = new provider.AccessToken({ client, accountId: 'person_bench', grantId, scope: 'openid profile',
  gty: 'authorization_code' });
const access = await at.save();

const server = provider.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  // The issuer is fixed at construction; requests name 127.0.0.1:<port>, which is fine for these grants.
  console.log('READY ' + JSON.stringify({ url, client_id: clientId, client_secret: clientSecret, refresh, access }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
