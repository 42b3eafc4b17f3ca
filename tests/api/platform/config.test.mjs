// Configuration seen from outside: a bad value or an unknown key (environment
// or TOML file) stops `tongban serve` at once with a non-zero exit and a
// message naming the key; `config print` masks secrets; a port already in use
// is reported, not swallowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { runTongban, makeTempDir, startServer } from '../../lib/server.mjs';

// `serve` with a configuration that must be refused. The generous timeout is a
// bound, not a measurement: a refused configuration never reaches listening.
async function serveRefused({ env = {}, before = [], listen = '127.0.0.1:0' } = {}) {
  const dir = makeTempDir();
  try {
    return await runTongban([...before, 'serve', '--listen', listen, '--data-dir', dir], { env, timeoutMs: 15000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertRefused(r, ...mentions) {
  assert.notEqual(r.code, 0, `expected a non-zero exit\n${r.stderr}`);
  assert.equal(r.signal, null, `ended by ${r.signal}\n${r.stderr}`);
  for (const m of mentions) assert.ok(r.stderr.includes(m), `stderr does not name ${m}:\n${r.stderr}`);
}

test('TONGBAN_DATABASE_POOL_SIZE=0 is refused naming database.pool_size', async () => {
  assertRefused(await serveRefused({ env: { TONGBAN_DATABASE_POOL_SIZE: '0' } }), 'database.pool_size');
});

test('a non-integer TONGBAN_DATABASE_POOL_SIZE is refused naming the key', async () => {
  assertRefused(await serveRefused({ env: { TONGBAN_DATABASE_POOL_SIZE: 'eight' } }), 'database.pool_size');
});

test('a bad boolean is refused naming the key', async () => {
  assertRefused(await serveRefused({ env: { TONGBAN_DATABASE_GROUP_COMMIT: 'yes please' } }),
                'database.group_commit');
});

test('an unknown TONGBAN_* environment variable is refused naming it', async () => {
  assertRefused(await serveRefused({ env: { TONGBAN_SERVER_LISTEN_PORT: '8080' } }), 'TONGBAN_SERVER_LISTEN_PORT');
});

test('a bad --listen is refused naming server.listen', async () => {
  assertRefused(await serveRefused({ listen: 'localhost' }), 'server.listen');
});

test('an unknown key in a TOML file is refused naming it', async () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'tongban.toml');
  writeFileSync(file, '[server]\nlisten = "127.0.0.1:0"\nlisten_port = 8080\n');
  try {
    assertRefused(await serveRefused({ before: ['--config', file] }), 'server.listen_port');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad value in a TOML file is refused naming the key and the file', async () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'tongban.toml');
  writeFileSync(file, '[database]\npool_size = 0\n');
  try {
    assertRefused(await serveRefused({ before: ['--config', file] }), 'database.pool_size', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TOML syntax error is refused naming the file', async () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'broken.toml');
  writeFileSync(file, '[server\nlisten = \n');
  try {
    assertRefused(await serveRefused({ before: ['--config', file] }), file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('config print masks the password in TONGBAN_DATABASE_URL', async () => {
  const r = await runTongban(['config', 'print'], {
    env: { TONGBAN_DATABASE_URL: 'postgresql://app:s3cret-pw@db.example:5432/tongban' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes('s3cret-pw'), `the password is printed:\n${r.stdout}`);
  assert.match(r.stdout, /postgresql:\/\/app:\*\*\*@db\.example:5432\/tongban/);
  assert.match(r.stdout, /^\[database\]$/m);
});

test('config print masks a password= parameter in the URL', async () => {
  const r = await runTongban(['config', 'print'], {
    env: { TONGBAN_DATABASE_URL: 'postgresql://app@db.example/tongban?password=s3cret-pw&sslmode=disable' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!r.stdout.includes('s3cret-pw'), `the password is printed:\n${r.stdout}`);
});

test('a port already in use is refused naming the address', async () => {
  const first = await startServer();
  try {
    const r = await serveRefused({ listen: `127.0.0.1:${first.port}` });
    assertRefused(r, String(first.port));
  } finally {
    await first.stop();
    first.removeDataDir();
  }
});
