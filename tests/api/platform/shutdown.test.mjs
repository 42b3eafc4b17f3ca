// Graceful shutdown under load: 32 concurrent writers post canary writes,
// SIGTERM arrives mid-load, the process exits 0 within the 10 s bound, and
// after a restart every acknowledged write is there — zero acknowledged
// losses. On SQLite, and on PostgreSQL when configured.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

import { startServer, request, backends, storageFor, sleep, makeTempDir } from '../../lib/server.mjs';
import { canaryEnv, WriterFleet, mapLimit } from '../../lib/canary.mjs';

const kWriters = 32;
const kShutdownBoundMs = 10000;  // a bound, generous for a 2-core machine, not a measurement

for (const backend of backends()) {
  describe(`SIGTERM under load on ${backend}`, () => {
    test('exits 0 in time and loses no acknowledged write', async () => {
      const storage = await storageFor(backend);
      const env = { ...canaryEnv, ...storage.env };
      const dataDir = makeTempDir();
      let server;
      try {
        server = await startServer({ env, dataDir });
        const fleet = new WriterFleet({ writers: kWriters, runId: `term-${randomBytes(3).toString('hex')}` });
        const load = fleet.run(server.url);
        // Mid-load: wait for a few hundred acknowledged writes (or 5 s).
        const deadline = Date.now() + 5000;
        while (fleet.acked < 300 && Date.now() < deadline) await sleep(20);
        assert.ok(fleet.acked > 0, `no write acknowledged before SIGTERM\n${server.tail()}`);

        const { code, signal, ms } = await server.stop(kShutdownBoundMs);
        assert.equal(signal, null, `ended by ${signal}\n${server.tail()}`);
        assert.equal(code, 0, `exit code ${code}\n${server.tail()}`);
        await load;
        const stoppedLog = server.logEvents().some((e) => e.event === 'serve.stopped');
        assert.ok(stoppedLog, 'no serve.stopped log line');

        server = await startServer({ env, dataDir });
        const report = await fleet.verify(server.url);
        assert.deepEqual(report.problems, [], report.problems.slice(0, 20).join('\n'));

        // Every acknowledged write, read back by its id.
        const acked = [...fleet.records.values()].filter((r) => r.state === 'acked');
        const misses = (await mapLimit(acked, 16, async (rec) => {
          const r = await request(`${server.url}/api/v1/canary/writes/${rec.id}`);
          const ok = r.status === 200 && r.body.client_id === rec.client && r.body.seq === rec.seq &&
                     r.body.payload === rec.payload;
          return ok ? null : `${rec.client} seq ${rec.seq} (${rec.id}): ${r.status}`;
        })).filter(Boolean);
        assert.deepEqual(misses, [], `acknowledged writes lost: ${misses.length}`);
        console.log(`# ${backend}: SIGTERM after ${fleet.acked} acks; exit in ${ms} ms; ` +
                    `acked ${report.acked}, in-flight-then-present ${report.unknownPresent}, ` +
                    `in-flight-then-absent ${report.unknownAbsent}, refused ${report.refused}, rejected ${report.rejected} ` +
                    `${JSON.stringify(Object.fromEntries(fleet.rejectedStatuses))}`);
      } finally {
        if (server?.running) await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
        await storage.cleanup();
      }
    });
  });
}
