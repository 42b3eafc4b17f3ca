// A `tongban serve` child process for black-box tests: port 0, a temporary data
// directory, an explicit environment; resolves once the process logs
// {"event":"serve.listening","port":N}. Also: one-shot subcommands (`config
// print`, `audit verify`), a throwaway PostgreSQL database per test, and a
// small HTTP client for the cases fetch() cannot express (raw bodies, chunked
// uploads that the server cuts short).
//
// Environment read here:
//   TONGBAN_BIN            the binary (ctest passes $<TARGET_FILE:tongban>)
//   TONGBAN_CALENDAR_DIR   the working-day calendar directory (defaults to the repo's data/calendar)
//   TONGBAN_CATALOG_LEXICON_DIR, TONGBAN_CATALOG_DEMO_FILE   the catalog's search data and demo
//                          catalog (default to the repo's data/search and data/demo/catalog.json)
//   TONGBAN_TEST_PG_URL    a PostgreSQL server to create per-test databases in (optional)
//   TONGBAN_REQUIRE_PG     "1": PostgreSQL cases fail instead of skipping when no URL is given
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function binaryPath() {
  const fromEnv = process.env.TONGBAN_BIN;
  if (fromEnv) return fromEnv;
  for (const dir of ['build-harness', 'build/dev', 'build/release']) {
    const candidate = path.join(repoRoot, dir, 'bin', 'tongban');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('TONGBAN_BIN is not set and no built tongban binary was found');
}

// The child's environment: the parent's, minus every TONGBAN_* variable (the
// binary rejects unknown TONGBAN_* keys, and ctest's TONGBAN_BIN is one), plus
// the calendar and the catalog's data, no front end, no access log, plus the caller's `env`. A value
// of `undefined` in `env` removes the variable.
export function childEnv(env = {}) {
  const out = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('TONGBAN_')) out[k] = v;
  }
  out.TONGBAN_CALENDAR_DIR = process.env.TONGBAN_CALENDAR_DIR || path.join(repoRoot, 'data', 'calendar');
  out.TONGBAN_CATALOG_LEXICON_DIR = process.env.TONGBAN_CATALOG_LEXICON_DIR || path.join(repoRoot, 'data', 'search');
  out.TONGBAN_CATALOG_DEMO_FILE =
    process.env.TONGBAN_CATALOG_DEMO_FILE || path.join(repoRoot, 'data', 'demo', 'catalog.json');
  out.TONGBAN_SERVER_STATIC_DIR = '';
  out.TONGBAN_SERVER_ACCESS_LOG = 'false';
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = String(v);
  }
  return out;
}

export function makeTempDir(prefix = 'tongban-test-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const kMaxStderrBytes = 8 * 1024 * 1024;  // keep the tail beyond this

export class ServerProcess {
  constructor(child, dataDir, ownsDataDir) {
    this.child = child;
    this.pid = child.pid;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.port = 0;
    this.url = '';
    this.exitCode = undefined;
    this.exitSignal = undefined;
    this._stderr = '';
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve({ code, signal });
      });
    });
  }

  get stderr() { return this._stderr; }
  get running() { return this.exitCode === undefined && this.exitSignal === undefined; }

  _append(text) {
    this._stderr += text;
    if (this._stderr.length > kMaxStderrBytes) this._stderr = this._stderr.slice(-kMaxStderrBytes / 2);
  }

  // Parsed JSON log lines (lines that are not JSON are skipped).
  logEvents() {
    const out = [];
    for (const line of this._stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      try { out.push(JSON.parse(line)); } catch { /* a partial line */ }
    }
    return out;
  }

  // SIGTERM, then wait for the exit. Resolves {code, signal, ms}; rejects when
  // the process is still running after `timeoutMs` (and then kills it).
  async stop(timeoutMs = 30000) {
    const started = Date.now();
    if (this.running) this.child.kill('SIGTERM');
    const result = await withTimeout(this.exited, timeoutMs, async () => {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`tongban (pid ${this.pid}) did not exit within ${timeoutMs} ms of SIGTERM\n${this.tail()}`);
    });
    return { ...result, ms: Date.now() - started };
  }

  // SIGKILL, and wait until the kernel has reaped the process.
  async kill9() {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  removeDataDir() {
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  tail(lines = 40) {
    return this._stderr.split('\n').slice(-lines).join('\n');
  }
}

// Starts `tongban serve --listen 127.0.0.1:0 --data-dir DIR [args]`.
//   dataDir   reuse a directory (restarts); default: a new temporary one, removed by removeDataDir()
//   env       extra environment (see childEnv)
//   args      extra arguments after `serve`
//   timeoutMs how long to wait for serve.listening
//   launcher  a command prefix, e.g. ['taskset', '-c', '0'] (benchmarks)
export async function startServer({ dataDir, env = {}, args = [], timeoutMs = 60000, launcher = [] } = {}) {
  const owns = !dataDir;
  const dir = dataDir || makeTempDir();
  const argv = [binaryPath(), 'serve', '--listen', '127.0.0.1:0', '--data-dir', dir, ...args];
  const command = [...launcher, ...argv];
  const child = spawn(command[0], command.slice(1), {
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const server = new ServerProcess(child, dir, owns);
  child.stderr.setEncoding('utf8');
  const listening = new Promise((resolve, reject) => {
    let pending = '';
    child.stderr.on('data', (chunk) => {
      server._append(chunk);
      if (server.port) return;
      pending += chunk;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!line.includes('serve.listening')) continue;
        try {
          const event = JSON.parse(line);
          if (event.event === 'serve.listening' && event.port) {
            server.port = event.port;
            server.url = `http://127.0.0.1:${event.port}`;
            resolve(server);
            return;
          }
        } catch { /* not a log line */ }
      }
    });
    child.on('error', reject);
    server.exited.then(({ code, signal }) => {
      if (!server.port) {
        reject(new Error(`tongban serve exited (code ${code}, signal ${signal}) before listening\n${server.tail()}`));
      }
    });
  });
  return withTimeout(listening, timeoutMs, async () => {
    child.kill('SIGKILL');
    await server.exited;
    throw new Error(`tongban serve did not log serve.listening within ${timeoutMs} ms\n${server.tail()}`);
  });
}

// Runs a one-shot subcommand (`config print`, `audit verify`, `migrate`).
// Resolves {code, signal, stdout, stderr}; never rejects on a non-zero exit.
export function runTongban(args, { env = {}, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binaryPath(), args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tongban ${args.join(' ')} did not exit within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export async function withTimeout(promise, ms, onTimeout) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => { Promise.resolve().then(onTimeout).then(resolve, reject); }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- PostgreSQL ------------------------------------------------------------

export const pgServerUrl = process.env.TONGBAN_TEST_PG_URL || '';
export const pgRequired = process.env.TONGBAN_REQUIRE_PG === '1';

// The back ends a storage-touching case runs on: SQLite always; PostgreSQL
// when a server is given or required (then a missing URL fails the case).
export function backends() {
  const list = ['sqlite'];
  if (pgServerUrl || pgRequired) list.push('postgresql');
  return list;
}

async function psql(url, sql) {
  try {
    await execFileAsync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { timeout: 60000 });
  } catch (e) {
    throw new Error(`psql ${sql}: ${e.stderr || e.message}`);
  }
}

// A fresh database on the TONGBAN_TEST_PG_URL server. Resolves {url, drop()}.
export async function createPgDatabase(prefix = 't') {
  if (!pgServerUrl) {
    throw new Error('TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG_URL is not set (run scripts/run-tests)');
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await psql(pgServerUrl, `CREATE DATABASE ${name}`);
  const u = new URL(pgServerUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () => psql(pgServerUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

// Storage for one case: resolves {env, cleanup()} — env selects the back end.
// On SQLite the database lives in the server's data directory (nothing to set).
export async function storageFor(backend, t) {
  if (backend === 'sqlite') return { env: {}, cleanup: async () => {} };
  if (!pgServerUrl && !pgRequired) {
    t?.skip('TONGBAN_TEST_PG_URL is not set');
    return null;
  }
  const db = await createPgDatabase();
  return { env: { TONGBAN_DATABASE_URL: db.url }, cleanup: () => db.drop() };
}

// --- HTTP -----------------------------------------------------------------

// JSON helpers over fetch(). Resolve {status, headers, body (parsed or text), text}.
export async function request(url, { method = 'GET', headers = {}, body, json } = {}) {
  const init = { method, headers: { ...headers } };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['content-type'] ??= 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed = text;
  const type = res.headers.get('content-type') || '';
  if (type.includes('json') && text) {
    try { parsed = JSON.parse(text); } catch { /* leave as text */ }
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

// Sends a raw HTTP/1.1 request over a fresh socket: `head` is the request line
// and headers (without the final blank line), `chunks` the body pieces written
// one by one (each awaited). Stops writing as soon as a response head arrives
// (a server may answer 413 before reading the body) and resolves
// {status, headers (lower-case keys), body} once the response is complete or
// the connection ends.
export function rawRequest(port, head, chunks = [], { timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let responded = false;
    let settled = false;
    const timer = setTimeout(() => finish(new Error('rawRequest timed out')), timeoutMs);
    function parse() {
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const lines = text.slice(0, end).split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const body = received.subarray(end + 4);
      const length = Number(headers['content-length'] ?? NaN);
      return { status, headers, body, complete: !Number.isNaN(length) && body.length >= length };
    }
    function finish(err) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const r = parse();
      if (r) resolve({ status: r.status, headers: r.headers, body: r.body.toString('utf8') });
      else reject(err || new Error('connection closed without a response'));
    }
    socket.on('data', (d) => {
      received = Buffer.concat([received, d]);
      const r = parse();
      if (r) responded = true;
      if (r?.complete) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (e) => finish(e));
    socket.on('connect', async () => {
      const write = (data) => new Promise((res) => {
        if (socket.destroyed) return res();
        socket.write(data, () => res());
      });
      await write(head + '\r\n\r\n');
      for (const c of chunks) {
        if (responded || socket.destroyed) break;
        await write(c);
      }
    });
  });
}
