// A PostgreSQL adapter for oidc-provider (its Adapter interface: upsert, find,
// findByUid, findByUserCode, consume, destroy, revokeByGrantId), so that its
// benchmark stores grants and tokens durably as tongban does. One table,
// payloads as jsonb, keyed by (model, id); synchronous_commit stays on.
export async function makePgAdapter(url, require) {
  const pg = require('pg');
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  await pool.query(`CREATE TABLE IF NOT EXISTS oidc_provider_payloads (
    model TEXT NOT NULL, id TEXT NOT NULL, payload JSONB NOT NULL, grant_id TEXT, user_code TEXT, uid TEXT,
    expires_at TIMESTAMPTZ, consumed_at TIMESTAMPTZ, PRIMARY KEY (model, id))`);
  await pool.query('CREATE INDEX IF NOT EXISTS oidc_provider_payloads_grant ON oidc_provider_payloads (grant_id)');
  await pool.query('CREATE INDEX IF NOT EXISTS oidc_provider_payloads_uid ON oidc_provider_payloads (uid)');

  const load = (row) => {
    if (!row) return undefined;
    if (row.expires_at && row.expires_at < new Date()) return undefined;
    return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
  };

  return class PgAdapter {
    constructor(model) { this.model = model; }

    async upsert(id, payload, expiresIn) {
      const expires = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await pool.query(`INSERT INTO oidc_provider_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
          user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
      [this.model, id, payload, payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expires]);
    }

    async find(id) {
      const r = await pool.query('SELECT payload, expires_at, consumed_at FROM oidc_provider_payloads WHERE model = $1 AND id = $2',
        [this.model, id]);
      return load(r.rows[0]);
    }

    async findByUid(uid) {
      const r = await pool.query('SELECT payload, expires_at, consumed_at FROM oidc_provider_payloads WHERE model = $1 AND uid = $2',
        [this.model, uid]);
      return load(r.rows[0]);
    }

    async findByUserCode(userCode) {
      const r = await pool.query(
        'SELECT payload, expires_at, consumed_at FROM oidc_provider_payloads WHERE model = $1 AND user_code = $2',
        [this.model, userCode]);
      return load(r.rows[0]);
    }

    async consume(id) {
      await pool.query('UPDATE oidc_provider_payloads SET consumed_at = now() WHERE model = $1 AND id = $2',
        [this.model, id]);
    }

    async destroy(id) {
      await pool.query('DELETE FROM oidc_provider_payloads WHERE model = $1 AND id = $2', [this.model, id]);
    }

    async revokeByGrantId(grantId) {
      await pool.query('DELETE FROM oidc_provider_payloads WHERE grant_id = $1', [grantId]);
    }
  };
}
