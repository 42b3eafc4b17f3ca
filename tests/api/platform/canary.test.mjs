// The canary write API (探针写入) end to end: JSON body errors as problem+json
// naming the field, idempotent retries, conflicts, reads, paging and the outbox
// tally. Runs on SQLite, and on PostgreSQL when TONGBAN_TEST_PG_URL is set
// (required when TONGBAN_REQUIRE_PG=1).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, request, backends, storageFor } from '../../lib/server.mjs';
import { canaryEnv, listAll, waitForTally } from '../../lib/canary.mjs';

function assertProblem(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(r.body.status, status);
  assert.equal(r.body.code, code, r.text);
  assert.ok(r.body.message_zh?.length > 0, 'message_zh is missing');
  assert.ok(r.body.message_en?.length > 0, 'message_en is missing');
  assert.ok(r.body.request_id?.length > 0, 'request_id is missing');
  assert.equal(r.body.instance, '/api/v1/canary/writes');
  if (field !== undefined) assert.equal(r.body.field, field, r.text);
}

for (const backend of backends()) {
  describe(`canary API on ${backend}`, () => {
    let server;
    let storage;
    const writes = () => `${server.url}/api/v1/canary/writes`;
    const post = (body, headers = { 'content-type': 'application/json' }) =>
      request(writes(), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...canaryEnv, ...storage.env } });
    });

    after(async () => {
      try {
        if (server) {
          const { code } = await server.stop();
          server.removeDataDir();
          assert.equal(code, 0, `tongban exited with ${code}\n${server.tail()}`);
        }
      } finally {
        await storage?.cleanup();
      }
    });

    test('a new write is 201 with its id, Location and fields', async () => {
      const r = await post({ client_id: 'c-new', seq: 1, payload: 'hello 你好' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.client_id, 'c-new');
      assert.equal(r.body.seq, 1);
      assert.equal(r.body.payload, 'hello 你好');
      assert.ok(r.body.id, 'no id');
      assert.equal(r.headers.get('location'), `/api/v1/canary/writes/${r.body.id}`);
      const got = await request(`${server.url}/api/v1/canary/writes/${r.body.id}`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, r.body);
    });

    test('an identical retry is 200 with the stored write', async () => {
      const first = await post({ client_id: 'c-retry', seq: 7, payload: 'p' });
      assert.equal(first.status, 201, first.text);
      const again = await post({ client_id: 'c-retry', seq: 7, payload: 'p' });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.body.created_at, first.body.created_at);
    });

    test('a different payload for a used (client_id, seq) is 409 canary.seq_conflict', async () => {
      const first = await post({ client_id: 'c-conflict', seq: 3, payload: 'one' });
      assert.equal(first.status, 201, first.text);
      const r = await post({ client_id: 'c-conflict', seq: 3, payload: 'two' });
      assertProblem(r, 409, 'canary.seq_conflict', '/seq');
      const list = await listAll(server.url, 'c-conflict');
      assert.deepEqual(list.map((w) => w.payload), ['one']);
    });

    test('concurrent identical retries record the write once', async () => {
      const body = { client_id: 'c-race', seq: 1, payload: 'same' };
      const rs = await Promise.all(Array.from({ length: 16 }, () => post(body)));
      const statuses = rs.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses ${statuses}`);
      assert.equal(statuses.filter((s) => s === 200).length, 15, `statuses ${statuses}`);
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal((await listAll(server.url, 'c-race')).length, 1);
    });

    test('a payload of 1024 Chinese characters is accepted (code points, not bytes)', async () => {
      const r = await post({ client_id: 'c-long', seq: 1, payload: '通'.repeat(1024) });
      assert.equal(r.status, 201, r.text);
    });

    test('a payload of 1025 characters is 400 naming /payload', async () => {
      const r = await post({ client_id: 'c-long', seq: 2, payload: 'x'.repeat(1025) });
      assertProblem(r, 400, 'http.too_long', '/payload');
    });

    test('malformed JSON is 400 http.malformed_json', async () => {
      const r = await post('{"client_id": "c-bad", "seq": ');
      assertProblem(r, 400, 'http.malformed_json');
    });

    test('a JSON array instead of an object is 400 http.expected_object', async () => {
      const r = await post('[1, 2]');
      assertProblem(r, 400, 'http.expected_object');
    });

    test('a body that is not UTF-8 is 400', async () => {
      const r = await request(writes(), {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      assertProblem(r, 400, 'http.invalid_utf8');
    });

    test('a content type other than application/json is 415', async () => {
      const r = await post(JSON.stringify({ client_id: 'c-type', seq: 1 }), { 'content-type': 'text/plain' });
      assertProblem(r, 415, 'http.unsupported_media_type');
    });

    test('an unknown field is 400 naming it', async () => {
      const r = await post({ client_id: 'c-unknown', seq: 1, payload: 'x', colour: 'red' });
      assertProblem(r, 400, 'http.unknown_field', '/colour');
    });

    test('a missing required field is 400 naming it', async () => {
      const r = await post({ seq: 1 });
      assertProblem(r, 400, 'http.missing_field', '/client_id');
    });

    test('a field of the wrong type is 400 naming it', async () => {
      const r = await post({ client_id: 'c-type', seq: '1' });
      assertProblem(r, 400, 'http.wrong_type', '/seq');
    });

    test('a client_id outside [A-Za-z0-9_-] is 400 naming /client_id', async () => {
      const r = await post({ client_id: 'bad id!', seq: 1 });
      assertProblem(r, 400, 'canary.bad_client_id', '/client_id');
    });

    test('an unknown write id is 404 canary.write_not_found', async () => {
      const r = await request(`${writes()}/01J0000000000000000000000X`);
      assert.equal(r.status, 404, r.text);
      assert.equal(r.body.code, 'canary.write_not_found');
    });

    test('listing pages by after_seq in seq order', async () => {
      for (const seq of [4, 0, 2, 1, 3]) {
        const r = await post({ client_id: 'c-list', seq, payload: `p${seq}` });
        assert.equal(r.status, 201, r.text);
      }
      const all = await request(`${writes()}?client_id=c-list&limit=1000`);
      assert.deepEqual(all.body.items.map((w) => w.seq), [0, 1, 2, 3, 4]);
      assert.equal(all.body.next_after_seq, 4);
      const page = await request(`${writes()}?client_id=c-list&after_seq=1&limit=2`);
      assert.deepEqual(page.body.items.map((w) => w.seq), [2, 3]);
      assert.equal(page.body.next_after_seq, 3);
      const end = await request(`${writes()}?client_id=c-list&after_seq=4`);
      assert.deepEqual(end.body.items, []);
    });

    test('bad list parameters are 400', async () => {
      const limit = await request(`${writes()}?client_id=c-list&limit=0`);
      assert.equal(limit.status, 400, limit.text);
      assert.equal(limit.body.code, 'canary.bad_limit');
      const after = await request(`${writes()}?client_id=c-list&after_seq=abc`);
      assert.equal(after.status, 400, after.text);
      assert.equal(after.body.code, 'http.bad_query_parameter');
      assert.equal(after.body.field, 'after_seq');
    });

    test('the outbox tally reaches the number of writes, once each', async () => {
      for (let seq = 0; seq < 20; seq++) {
        const r = await post({ client_id: 'c-tally', seq, payload: '' });
        assert.equal(r.status, 201, r.text);
      }
      // A retry publishes nothing.
      assert.equal((await post({ client_id: 'c-tally', seq: 0, payload: '' })).status, 200);
      await waitForTally(server.url, 'c-tally', 20, { settleMs: 1200 });
    });
  });
}
