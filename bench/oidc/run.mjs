#!/usr/bin/env node
// bench/oidc/run.mjs BUILD_DIR — the OpenID Connect provider's benchmark, each
// figure beside oidc-provider (npm) measured in the same run:
//   - token endpoint, refresh_token grant with rotation (each request presents
//     the refresh token the previous response returned);
//   - token endpoint, client_credentials;
//   - userinfo with a bearer access token (for tongban each call also records
//     the read in the person's access log: a durable write);
// requests/s (2xx only) and p99, wrk -t1 -cN, on SQLite and on PostgreSQL;
// plus CPU milliseconds per password login (argon2id), from the server's
// /proc CPU time over sequential logins.
//
// oidc-provider (bench/oidc/provider.mjs) runs with EdDSA (Ed25519) signing,
// JWT access tokens (RFC 9068), refresh-token rotation, and its storage in
// memory (a Map: faster than any durable store, so the
// comparison favours it) and — when PostgreSQL is there — in PostgreSQL
// through a small adapter on `pg`, like tongban's (bench/oidc/pg_adapter.mjs).
//
// Environment: BENCH_DURATION (s, 10), BENCH_WARMUP (s, 2), BENCH_CONNECTIONS (64),
// BENCH_SKIP_PG (1: SQLite and in-memory only), BENCH_PIN (1: wrk on the last CPU),
// BENCH_LOGINS (password logins measured, 20). Writes bench/results/oidc-<timestamp>.json
// and bench/results/oidc-latest.md. Also run by `BENCH_ONLY=oidc bench/run BUILD_DIR`.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

export async function runOidcBench(buildDir, { log = (m) => console.log(`bench/oidc: ${m}`) } = {}) {
  const tongbanBin = path.join(path.resolve(buildDir), 'bin', 'tongban');
  if (!existsSync(tongbanBin)) throw new Error(`${tongbanBin} is missing; build it first`);
  process.env.TONGBAN_BIN = tongbanBin;
  const { startServer, runTongban, makeTempDir } = await import('../../tests/lib/server.mjs');

  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const warmup = Number(process.env.BENCH_WARMUP ?? 2);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const logins = Number(process.env.BENCH_LOGINS ?? 20);
  const ncpu = os.cpus().length;
  const pin = (process.env.BENCH_PIN ?? '1') === '1' && ncpu >= 2 && has('taskset');
  const wrkPin = pin ? ['taskset', '-c', String(ncpu - 1)] : [];
  const work = mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-oidc-'));
  // Refresh tokens per wrk run: one per connection, plus spares (wrk calls
  // request() once before the run to check the script, which takes a token).
  const perRun = connections + 8;

  // `pid`: the server process, whose CPU time (utime + stime) over the run
  // is divided by the 2xx answers — a figure that other load on this shared
  // machine disturbs less than requests/s (the server's own process only:
  // PostgreSQL's CPU is not in it).
  function wrk(url, script, args, pid) {
    const argv = [...wrkPin, 'wrk', '-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s',
      path.join(here, script), url, '--', ...args];
    return new Promise((resolve, reject) => {
      const cpuBefore = pid ? cpuMs(pid) : 0;
      const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => { out += c; });
      child.stderr.on('data', (c) => { out += c; });
      child.on('exit', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
        if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}):\n${out}`));
        const r = JSON.parse(line.slice('BENCH_JSON '.length));
        const seconds = r.duration_us / 1e6;
        const cpu = pid ? cpuMs(pid) - cpuBefore : 0;
        resolve({ ok_per_s: Math.round(r.ok / seconds), non2xx: r.non2xx, non2xx_sample: r.non2xx_sample,
          server_cpu_us_per_ok: pid && r.ok > 0 ? Math.round(cpu * 1000 / r.ok) : null,
          p50_ms: r.latency_us.p50 / 1000, p99_ms: r.latency_us.p99 / 1000, errors: r.errors,
          load_average_before: os.loadavg()[0].toFixed(2) });
      });
    });
  }

  // Seeds: `count` refresh tokens of live grants, and one access token.
  async function seedTongban(server, client) {
    const { createHash, randomBytes } = await import('node:crypto');
    const loginRes = await fetch(`${server.url}/api/v1/auth/login/password`, { method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '13800000002', password: 'Tongban-Demo-2026' }) });
    if (loginRes.status !== 200) throw new Error(`login: ${loginRes.status} ${await loginRes.text()}`);
    const cookie = loginRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const refresh = [];
    let access = '';
    const basic = 'Basic ' + Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    for (let i = 0; i < perRun * 2; i++) {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const u = new URL(`${server.url}/oidc/authorize`);
      for (const [k, v] of Object.entries({ client_id: client.client_id, redirect_uri: 'http://127.0.0.1:9/cb',
        response_type: 'code', scope: 'openid profile', code_challenge: challenge, code_challenge_method: 'S256' })) {
        u.searchParams.set(k, v);
      }
      const a = await fetch(u, { redirect: 'manual', headers: { cookie } });
      const code = new URL(a.headers.get('location')).searchParams.get('code');
      const t = await fetch(`${server.url}/oidc/token`, { method: 'POST', headers: {
        'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/cb',
        code_verifier: verifier }).toString() });
      const body = await t.json();
      if (!body.refresh_token) throw new Error(`token: ${JSON.stringify(body)}`);
      refresh.push(body.refresh_token);
      access = body.access_token;
    }
    return { refresh, access };
  }

  function cpuMs(pid) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);  // utime + stime
    return ticks * 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  }

  async function loginCpu(server) {
    // Warm up once, then `logins` sequential password logins; the server is
    // otherwise idle, so its CPU time over them is theirs.
    const once = () => fetch(`${server.url}/api/v1/auth/login/password`, { method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '13800000001', password: 'Tongban-Demo-2026' }) }).then((r) => r.text());
    await once();
    const before = cpuMs(server.pid);
    const started = Date.now();
    for (let i = 0; i < logins; i++) await once();
    const ms = cpuMs(server.pid) - before;
    return { logins, cpu_ms_per_login: Number((ms / logins).toFixed(1)),
      wall_ms_per_login: Number(((Date.now() - started) / logins).toFixed(1)) };
  }

  async function benchTongban(backend, pgUrl) {
    const dataDir = makeTempDir('tongban-bench-oidc-');
    let pgDb = null;
    const env = { TONGBAN_SERVER_ACCESS_LOG: 'false' };
    if (backend === 'postgresql') {
      const name = `bench_oidc_${Date.now().toString(36)}`;
      execFileSync('psql', [pgUrl, '-qAtc', `CREATE DATABASE ${name}`]);
      const u = new URL(pgUrl);
      u.pathname = `/${name}`;
      env.TONGBAN_DATABASE_URL = u.toString();
      pgDb = name;
    }
    const reg = await runTongban(['admin', 'oidc-client', 'create', '--data-dir', dataDir, '--name', 'bench RP',
      '--redirect-uri', 'http://127.0.0.1:9/cb', '--scope', 'openid', '--scope', 'profile', '--scope', 'bench.read'],
    { env });
    if (reg.code !== 0) throw new Error(reg.stderr);
    const client = JSON.parse(reg.stdout);
    const server = await startServer({ dataDir, env, args: ['--demo'] });
    try {
      const seeds = await seedTongban(server, client);
      const seedFile = path.join(work, `tongban-${backend}-refresh.txt`);
      const tokenFile = path.join(work, `tongban-${backend}-access.txt`);
      writeFileSync(seedFile, seeds.refresh.slice(0, perRun).join('\n') + '\n');
      const warmSeeds = path.join(work, `tongban-${backend}-refresh-warm.txt`);
      writeFileSync(warmSeeds, seeds.refresh.slice(perRun).join('\n') + '\n');
      writeFileSync(tokenFile, seeds.access + '\n');
      const out = { backend };
      await wrkWarm(server.url, 'refresh.lua', [warmSeeds, '/oidc/token', client.client_id, client.client_secret]);
      out.refresh = await wrk(server.url, 'refresh.lua', [seedFile, '/oidc/token', client.client_id, client.client_secret],
        server.pid);
      log(`tongban ${backend} refresh: ${out.refresh.ok_per_s}/s p99 ${out.refresh.p99_ms} ms, ` +
        `${out.refresh.server_cpu_us_per_ok} µs server CPU per grant`);
      out.client_credentials = await wrk(server.url, 'client_credentials.lua',
        ['/oidc/token', client.client_id, client.client_secret, 'bench.read'], server.pid);
      log(`tongban ${backend} client_credentials: ${out.client_credentials.ok_per_s}/s`);
      out.userinfo = await wrk(server.url, 'userinfo.lua', ['/oidc/userinfo', tokenFile], server.pid);
      log(`tongban ${backend} userinfo: ${out.userinfo.ok_per_s}/s`);
      out.password_login = await loginCpu(server);
      log(`tongban ${backend} password login: ${out.password_login.cpu_ms_per_login} CPU ms`);
      return out;
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgDb) execFileSync('psql', [pgUrl, '-qAtc', `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`]);
    }
  }

  // A short run that only warms up (its figures are discarded).
  function wrkWarm(url, script, args) {
    if (warmup <= 0) return Promise.resolve();
    const argv = [...wrkPin, 'wrk', '-t1', `-c${connections}`, `-d${warmup}s`, '-s', path.join(here, script), url,
      '--', ...args];
    return new Promise((resolve) => {
      const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
      child.on('exit', () => resolve());
    });
  }

  async function benchOidcProvider(storage, pgUrl) {
    const env = { ...process.env, BENCH_SEEDS: String(perRun * 2), BENCH_STORAGE: storage,
      NODE_NO_WARNINGS: '1' };
    let pgDb = null;
    if (storage === 'postgresql') {
      pgDb = `bench_op_${Date.now().toString(36)}`;
      execFileSync('psql', [pgUrl, '-qAtc', `CREATE DATABASE ${pgDb}`]);
      const u = new URL(pgUrl);
      u.pathname = `/${pgDb}`;
      env.BENCH_PG_URL = u.toString();
    }
    const child = spawn(process.execPath, [path.join(here, 'provider.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.join(repoRoot, 'web') });
    let errText = '';
    child.stderr.on('data', (c) => { errText += c; });
    const ready = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const line = out.split('\n').find((l) => l.startsWith('READY '));
        if (line) resolve(JSON.parse(line.slice(6)));
      });
      child.on('exit', (code) => reject(new Error(`oidc-provider exited ${code}\n${errText}`)));
    });
    try {
      const seedFile = path.join(work, `op-${storage}-refresh.txt`);
      const warmSeeds = path.join(work, `op-${storage}-refresh-warm.txt`);
      const tokenFile = path.join(work, `op-${storage}-access.txt`);
      writeFileSync(seedFile, ready.refresh.slice(0, perRun).join('\n') + '\n');
      writeFileSync(warmSeeds, ready.refresh.slice(perRun).join('\n') + '\n');
      writeFileSync(tokenFile, ready.access + '\n');
      const out = { storage };
      await wrkWarm(ready.url, 'refresh.lua', [warmSeeds, '/token', ready.client_id, ready.client_secret]);
      out.refresh = await wrk(ready.url, 'refresh.lua', [seedFile, '/token', ready.client_id, ready.client_secret],
        child.pid);
      log(`oidc-provider ${storage} refresh: ${out.refresh.ok_per_s}/s p99 ${out.refresh.p99_ms} ms`);
      out.client_credentials = await wrk(ready.url, 'client_credentials.lua',
        ['/token', ready.client_id, ready.client_secret, 'bench.read'], child.pid);
      log(`oidc-provider ${storage} client_credentials: ${out.client_credentials.ok_per_s}/s`);
      out.userinfo = await wrk(ready.url, 'userinfo.lua', ['/me', tokenFile], child.pid);
      log(`oidc-provider ${storage} userinfo: ${out.userinfo.ok_per_s}/s`);
      return out;
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); });
      if (pgDb) execFileSync('psql', [pgUrl, '-qAtc', `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`]);
    }
  }

  const result = { date: new Date().toISOString(), nproc: ncpu, cpu: os.cpus()[0]?.model,
    load_average_at_start: os.loadavg().map((x) => x.toFixed(2)).join(' '), connections, duration_s: duration,
    pinning: pin ? `wrk on CPU ${ncpu - 1}; servers unpinned` : 'none', tongban: [], oidc_provider: [] };
  try {
    result.tongban.push(await benchTongban('sqlite'));
    result.oidc_provider.push(await benchOidcProvider('memory'));
    if (process.env.BENCH_SKIP_PG !== '1') {
      const pgDir = mkdtempSync('/tmp/tongban-bench-oidc-pg-');
      try {
        const pgUrl = execFileSync(path.join(repoRoot, 'scripts', 'pg-throwaway'), ['start', pgDir],
          { encoding: 'utf8' }).trim();
        result.tongban.push(await benchTongban('postgresql', pgUrl));
        result.oidc_provider.push(await benchOidcProvider('postgresql', pgUrl));
      } finally {
        try { execFileSync(path.join(repoRoot, 'scripts', 'pg-throwaway'), ['stop', pgDir]); } catch { /* */ }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.load_average_at_end = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return result;
}

export function oidcMarkdown(r) {
  const lines = ['## OpenID Connect provider: tongban vs oidc-provider (npm), same run', '',
    `${r.date}; ${r.nproc} CPUs (${r.cpu}); wrk -t1 -c${r.connections} -d${r.duration_s}s; ${r.pinning}; ` +
    `load average ${r.load_average_at_start} at start, ${r.load_average_at_end} at end.`, '',
    '| server | storage | refresh grant /s | p99 ms | client_credentials /s | p99 ms | userinfo /s | p99 ms |',
    '|---|---|---|---|---|---|---|---|'];
  const row = (name, storage, x) => lines.push(`| ${name} | ${storage} | ${x.refresh.ok_per_s} | ${x.refresh.p99_ms} | ` +
    `${x.client_credentials.ok_per_s} | ${x.client_credentials.p99_ms} | ${x.userinfo.ok_per_s} | ${x.userinfo.p99_ms} |`);
  for (const t of r.tongban) row('tongban', t.backend, t);
  for (const o of r.oidc_provider) row('oidc-provider 9 (EdDSA, JWT access tokens, rotation)', o.storage, o);
  lines.push('');
  for (const t of r.tongban) {
    const errs = ['refresh', 'client_credentials', 'userinfo'].map((k) => `${k} ${t[k].non2xx}`).join(', ');
    lines.push(`- tongban ${t.backend}: non-2xx ${errs}; password login (argon2id) ` +
      `${t.password_login.cpu_ms_per_login} CPU ms (${t.password_login.wall_ms_per_login} ms wall) over ` +
      `${t.password_login.logins} logins`);
  }
  for (const o of r.oidc_provider) {
    lines.push(`- oidc-provider ${o.storage}: non-2xx ` +
      ['refresh', 'client_credentials', 'userinfo'].map((k) => `${k} ${o[k].non2xx}`).join(', '));
  }
  // Server CPU per 2xx answer (its process only, not PostgreSQL's): less
  // disturbed by other load on the machine than requests/s.
  const cpu = (x) => ['refresh', 'client_credentials', 'userinfo'].map((k) => `${k} ${x[k].server_cpu_us_per_ok ?? '–'}`)
    .join(', ');
  for (const t of r.tongban) lines.push(`- server CPU µs per 2xx, tongban ${t.backend}: ${cpu(t)}`);
  for (const o of r.oidc_provider) lines.push(`- server CPU µs per 2xx, oidc-provider ${o.storage}: ${cpu(o)}`);
  lines.push('');
  return lines.join('\n');
}

function has(cmd) {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.length < 3) {
    console.error('usage: bench/oidc/run.mjs BUILD_DIR');
    process.exit(2);
  }
  const result = await runOidcBench(process.argv[2]);
  result.command = `bench/oidc/run.mjs ${process.argv[2]}`;
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = result.date.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(path.join(dir, `oidc-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(path.join(dir, 'oidc-latest.md'), oidcMarkdown(result));
  console.log('\n' + oidcMarkdown(result));
}
