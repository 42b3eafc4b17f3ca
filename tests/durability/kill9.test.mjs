// kill -9 durability: a `tongban serve` under concurrent canary write load is
// killed with SIGKILL at random moments, DURABILITY_ROUNDS times (default 20),
// and restarted on the same data directory (and the same PostgreSQL database).
// Writers never retry across a kill; every write is tracked as acknowledged
// (2xx), rejected (non-2xx), unknown (in flight at the kill) or never sent.
//
// At the end, after a last restart:
//   - every acknowledged write is stored exactly once, with its payload and id;
//   - every stored write was acknowledged or in flight (nothing rejected or never sent);
//   - every client's outbox tally reaches its number of stored writes and stays
//     there (each event delivered exactly once, its effect committed);
//   - after SIGTERM (exit 0), `tongban audit verify` reports an intact chain with
//     exactly one audit record per stored write (nothing half-present).
//
// Environment: DURABILITY_ROUNDS (default 20), DURABILITY_PG_ROUNDS (default:
// the same), DURABILITY_SEED (reproduce a run's kill moments), DURABILITY_WRITERS (16).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

import { startServer, runTongban, backends, storageFor, sleep, makeTempDir } from '../lib/server.mjs';
import { canaryEnv, WriterFleet, waitForTally } from '../lib/canary.mjs';

const kRounds = Number(process.env.DURABILITY_ROUNDS ?? 20);
const kPgRounds = Number(process.env.DURABILITY_PG_ROUNDS ?? kRounds);
const kWriters = Number(process.env.DURABILITY_WRITERS ?? 16);
const kSeed = Number(process.env.DURABILITY_SEED ?? (Date.now() % 0x7fffffff));
const kMinDelayMs = 200;
const kMaxDelayMs = 1500;

// mulberry32: a small seeded generator, so a failing run's kill moments can be replayed.
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const backend of backends()) {
  const rounds = backend === 'sqlite' ? kRounds : kPgRounds;
  describe(`kill -9 under write load on ${backend}`, () => {
    test(`${rounds} kills lose no acknowledged write and leave nothing half-present`, { timeout: 170000 }, async () => {
      const random = seededRandom(kSeed);
      const storage = await storageFor(backend);
      const env = { ...canaryEnv, ...storage.env };
      const dataDir = makeTempDir('tongban-kill9-');
      const fleet = new WriterFleet({ writers: kWriters, runId: `k9-${randomBytes(3).toString('hex')}` });
      const perRound = [];
      let server;
      try {
        // Records written at first start (e.g. the OIDC signing keys being
        // generated) are not canary writes: count them once, before the load.
        server = await startServer({ env, dataDir });
        const first = await server.stop();
        assert.equal(first.code, 0, `SIGTERM exit code ${first.code}\n${server.tail()}`);
        const initial = await runTongban(['audit', 'verify', '--data-dir', dataDir], { env: storage.env });
        assert.equal(initial.code, 0, `audit verify failed: ${initial.stdout}\n${initial.stderr}`);
        const startupRecords = JSON.parse(initial.stdout.trim()).records_checked;

        for (let round = 0; round < rounds; round++) {
          server = await startServer({ env, dataDir });
          const before = { ...fleet.counts };
          const load = fleet.run(server.url);
          const delay = Math.round(kMinDelayMs + random() * (kMaxDelayMs - kMinDelayMs));
          await sleep(delay);
          const { signal } = await server.kill9();
          assert.equal(signal, 'SIGKILL', `round ${round}: the process ended before the kill\n${server.tail()}`);
          await load;
          perRound.push({ delay, acked: fleet.counts.acked - before.acked, unknown: fleet.counts.unknown - before.unknown });
        }

        server = await startServer({ env, dataDir });
        const report = await fleet.verify(server.url);
        assert.deepEqual(report.problems, [], `${report.problems.length} problems:\n` +
                         report.problems.slice(0, 30).join('\n'));
        assert.ok(report.acked > 0, 'no write was acknowledged in any round');
        assert.equal(report.acked + report.unknownPresent, report.present);

        // The outbox delivers each stored write's event exactly once.
        await Promise.all(fleet.clients.map((c) =>
          waitForTally(server.url, c, report.presentByClient.get(c), { timeoutMs: 60000, settleMs: 1500 })));

        const { code } = await server.stop();
        assert.equal(code, 0, `SIGTERM exit code ${code}\n${server.tail()}`);

        const audit = await runTongban(['audit', 'verify', '--data-dir', dataDir], { env: storage.env });
        assert.equal(audit.code, 0, `audit verify failed: ${audit.stdout}\n${audit.stderr}`);
        const chain = JSON.parse(audit.stdout.trim());
        assert.equal(chain.intact, true, audit.stdout);
        assert.equal(chain.records_checked - startupRecords, report.present,
                     'audit records ≠ stored writes: a write without its audit record, or the reverse');

        const killsWithAcks = perRound.filter((r) => r.acked > 0).length;
        console.log(`# kill9 ${backend}: seed ${kSeed}, rounds ${rounds} (${killsWithAcks} with acked writes), ` +
                    `writers ${kWriters}, sent ${fleet.records.size}, acked ${report.acked}, ` +
                    `unknown-then-present ${report.unknownPresent}, unknown-then-absent ${report.unknownAbsent}, ` +
                    `refused ${report.refused}, rejected ${report.rejected}, stored ${report.present}, audit records ${chain.records_checked}`);
        console.log(`# kill9 ${backend}: per round (delay ms/acked/unknown): ` +
                    perRound.map((r) => `${r.delay}/${r.acked}/${r.unknown}`).join(' '));
      } catch (e) {
        console.log(`# kill9 ${backend}: failed with seed ${kSeed} (DURABILITY_SEED=${kSeed} replays the kill moments)`);
        throw e;
      } finally {
        if (server?.running) await server.kill9();
        rmSync(dataDir, { recursive: true, force: true });
        await storage?.cleanup();
      }
    });
  });
}
