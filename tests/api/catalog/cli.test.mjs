// `tongban export catalog` and `tongban import catalog FILE [--dry-run]`: the
// export of a demo database, imported into a fresh data directory and
// exported again, is byte-identical; an import beside a running serve is seen
// by it (its poller); a malformed, partly invalid, oversized or unreadable
// file gets a report (or a message) and writes nothing. SQLite always;
// PostgreSQL when configured (both databases of a round trip on it).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import path from 'node:path';

import { backends, makeTempDir, request, runTongban, sleep, startServer, storageFor } from '../../lib/server.mjs';

const API = '/api/v1/catalog';

async function exportCatalog(dataDir, env, extra = []) {
  const r = await runTongban(['export', 'catalog', '--data-dir', dataDir, ...extra], { env });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

async function importCatalog(dataDir, env, file, extra = []) {
  const r = await runTongban(['import', 'catalog', file, '--data-dir', dataDir, ...extra], { env });
  let report;
  try { report = JSON.parse(r.stdout); } catch { report = undefined; }
  return { ...r, report };
}

for (const backend of backends()) {
  describe(`tongban import/export catalog on ${backend}`, () => {
    const cleanups = [];
    let work;
    let demoDir;
    let demoEnv;
    let server;
    let demoExport;

    // A data directory (SQLite) or a database (PostgreSQL) of its own.
    async function freshStorage(t) {
      const storage = await storageFor(backend, t);
      cleanups.push(() => storage.cleanup());
      const dir = makeTempDir('tongban-catalog-cli-');
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return { dir, env: storage.env };
    }

    before(async () => {
      work = makeTempDir('tongban-catalog-cli-files-');
      cleanups.push(() => rmSync(work, { recursive: true, force: true }));
      const s = await freshStorage();
      demoDir = s.dir;
      demoEnv = { ...s.env, TONGBAN_CATALOG_POLL_INTERVAL_MS: '100' };
      server = await startServer({ dataDir: demoDir, env: demoEnv, args: ['--demo'] });
    });

    after(async () => {
      if (server?.running) await server.stop();
      for (const c of cleanups.reverse()) await c();
    });

    test('the export of the demo catalog, imported into a fresh database and exported again, is identical', async () => {
      demoExport = await exportCatalog(demoDir, demoEnv);  // beside the running serve
      const doc = JSON.parse(demoExport);
      assert.equal(doc.format, 'tongban.catalog/1');
      assert.ok(doc.items.length >= 200, `${doc.items.length} item versions`);
      assert.ok(doc.life_events.length >= 12);
      const codes = doc.items.map((i) => `${i.code}\u0000${String(i.version).padStart(6, '0')}`);
      assert.deepEqual(codes, [...codes].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)))));

      const file = path.join(work, 'demo-export.json');
      writeFileSync(file, demoExport);
      const fresh = await freshStorage();
      const dry = await importCatalog(fresh.dir, fresh.env, file, ['--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.equal(dry.report.applied, false);
      assert.equal(dry.report.item_versions, doc.items.length);
      assert.equal(JSON.parse(await exportCatalog(fresh.dir, fresh.env)).items.length, 0, 'a dry run writes nothing');

      const imported = await importCatalog(fresh.dir, fresh.env, file);
      assert.equal(imported.code, 0, imported.stderr + imported.stdout);
      assert.equal(imported.report.applied, true);
      assert.deepEqual(imported.report.rejected, []);
      assert.equal(imported.report.item_versions, doc.items.length);
      assert.equal(imported.report.life_event_versions, doc.life_events.length);
      assert.equal(imported.report.regions, doc.regions.length);

      const out = path.join(work, 'again.json');
      const r = await runTongban(['export', 'catalog', '--data-dir', fresh.dir, '--output', out], { env: fresh.env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(readFileSync(out).equals(Buffer.from(demoExport)), 'export → import → export differs');

      // The same file again: every record unchanged, nothing written.
      const again = await importCatalog(fresh.dir, fresh.env, file);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.report.item_versions + again.report.life_event_versions + again.report.regions, 0);
      assert.ok(again.report.unchanged > 0);
    });

    test('an import beside a running serve is served at once (the poller sees the revision)', async () => {
      const doc = JSON.parse(demoExport ?? await exportCatalog(demoDir, demoEnv));
      const base = doc.items.find((i) => i.status === 'published' && i.effective_to === '');
      const code = `${base.code}-CLI`;
      const added = { ...base, code, version: 1, name: `${base.name}（命令行导入）` };
      const file = path.join(work, 'one-more.json');
      writeFileSync(file, JSON.stringify({ format: 'tongban.catalog/1', items: [added] }));
      assert.equal((await request(`${server.url}${API}/items/${encodeURIComponent(code)}`)).status, 404);
      const r = await importCatalog(demoDir, demoEnv, file);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(r.report.item_versions, 1);
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; ++i) {
        status = (await request(`${server.url}${API}/items/${encodeURIComponent(code)}`)).status;
        if (status !== 200) await sleep(100);
      }
      assert.equal(status, 200, 'the running serve did not pick up the imported item');
      demoExport = await exportCatalog(demoDir, demoEnv);
    });

    test('malformed, partly invalid, oversized and unreadable files: a report, and nothing written', async () => {
      const before = await exportCatalog(demoDir, demoEnv);
      const doc = JSON.parse(before);

      const malformed = path.join(work, 'malformed.json');
      writeFileSync(malformed, '{"format": "tongban.catalog/1", "items": [{"code": ');
      let r = await importCatalog(demoDir, demoEnv, malformed);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.report.applied, false);
      assert.equal(r.report.rejected[0].kind, 'document');
      assert.equal(r.report.rejected[0].errors[0].code, 'catalog.malformed_json');
      assert.ok(r.report.rejected[0].errors[0].message_zh);

      // Two bad records among good ones: both reported, by kind and code; none written.
      const item = doc.items.find((i) => i.status === 'published');
      const goodNew = { ...item, code: `${item.code}-NEW`, version: 1 };
      const badDepartment = { ...item, code: `${item.code}-BAD`, version: 1, department_code: 'shanghai.nowhere' };
      const badType = { ...item, code: `${item.code}-TYPE`, version: 'one' };
      const mixed = path.join(work, 'mixed.json');
      writeFileSync(mixed, JSON.stringify({ format: 'tongban.catalog/1', items: [goodNew, badDepartment] }));
      r = await importCatalog(demoDir, demoEnv, mixed);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.report.applied, false);
      assert.deepEqual(r.report.rejected.map((x) => [x.kind, x.code]), [['item', badDepartment.code]], r.stdout);
      assert.ok(r.report.rejected[0].errors.some((e) => e.code === 'catalog.unknown_department' &&
        e.field.startsWith('/items/1/')), r.stdout);
      writeFileSync(mixed, JSON.stringify({ format: 'tongban.catalog/1', items: [goodNew, badType, badDepartment] }));
      r = await importCatalog(demoDir, demoEnv, mixed);
      assert.equal(r.code, 1);
      assert.ok(r.report.rejected.some((x) => x.kind === 'item' && x.code === badType.code &&
        x.errors.some((e) => e.field === '/items/1/version')), r.stdout);

      // Oversized: refused unread, with the reason.
      const huge = path.join(work, 'huge.json');
      const fd = openSync(huge, 'w');
      ftruncateSync(fd, 64 * 1024 * 1024 + 1);
      closeSync(fd);
      r = await importCatalog(demoDir, demoEnv, huge);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.report.rejected.map((x) => x.errors[0].code), ['catalog.import_too_large']);
      rmSync(huge);

      // Unreadable: exit 2 and a message, no report.
      r = await runTongban(['import', 'catalog', path.join(work, 'no-such-file.json'), '--data-dir', demoDir],
        { env: demoEnv });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /cannot read/);

      assert.equal(await exportCatalog(demoDir, demoEnv), before, 'a refused import changed the catalog');
      assert.equal(server.running, true);
    });
  });
}
