// The catalog's HTTP API (事项库, docs/catalog-format.md "API") end to end
// against a real `tongban serve --demo`: public reads of the published
// snapshot (anonymous, cached by ETag), search and typeahead, the evaluation
// of a guide's questions, a life event's merged guide; the operator's
// create → validate → save draft → publish → (the public sees it; the old
// version stays readable by number) → retire; every kind of bad input gets a
// problem naming the parameter or field and changes nothing (an import is all
// or nothing); CSRF on cookie sessions; residents, anonymous callers and
// another department's administrator are refused. The test records are
// imported by the operator (catalog_fixtures.mjs), so the demo catalog's exact
// content does not matter. SQLite always; PostgreSQL when configured.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, backends, storageFor, rawRequest } from '../../lib/server.mjs';
import { Session, assertProblem, login as logIn } from '../../lib/session.mjs';
import {
  HONEY_EVENT, HONEY_ITEM, HOUSING, MARKET, RENT_ITEM, freshCode, importFixtures, item, lifeEvent, material, today,
} from './catalog_fixtures.mjs';

const API = '/api/v1/catalog';
const RESIDENT = '13800000001'; // 张三

function decodeRejection(r) {
  assertProblem(r, 422, 'catalog.import_rejected');
  assert.equal(r.body.report.applied, false, r.text);
  assert.ok(r.body.report.rejected.length > 0, r.text);
  return r.body.report;
}

for (const backend of backends()) {
  describe(`catalog API on ${backend}`, () => {
    let server;
    let storage;
    let anon;
    let operator;
    let marketAdmin;
    let resident;

    before(async () => {
      storage = await storageFor(backend);
      server = await startServer({ env: { ...storage.env }, args: ['--demo'] });
      anon = new Session(server.url);
      operator = await logIn(server.url, 'operator');
      marketAdmin = await logIn(server.url, 'market.admin');
      resident = await logIn(server.url, RESIDENT);
      await importFixtures(operator);
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

    // ---- public reads -------------------------------------------------------------------

    test('reference lists are public, filtered by their parameters, and cached by the snapshot', async () => {
      const regions = await anon.call('GET', `${API}/regions?parent=310000`);
      assert.equal(regions.status, 200, regions.text);
      assert.ok(regions.body.regions.some((x) => x.code === '310101'), regions.text);
      assert.ok(regions.body.regions.every((x) => x.parent_code === '310000'), regions.text);
      const cities = await anon.call('GET', `${API}/regions?level=city`);
      assert.ok(cities.body.regions.every((x) => x.level === 'city') && cities.body.regions.length >= 1, cities.text);

      const departments = await anon.call('GET', `${API}/departments`);
      assert.equal(departments.status, 200);
      assert.ok(departments.body.departments.some((d) => d.code === MARKET));
      const one = await anon.call('GET', `${API}/departments/${MARKET}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.body.code, MARKET);
      assert.equal(one.headers.get('cache-control'), 'public, max-age=60');
      const etag = one.headers.get('etag');
      assert.match(etag ?? '', /^"c\d+-\d{4}-\d{2}-\d{2}"$/);
      const again = await anon.call('GET', `${API}/departments/${MARKET}`, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.text, '');

      const powers = await anon.call('GET', `${API}/powers?department=${MARKET}&type=licensing`);
      assert.equal(powers.status, 200);
      assert.ok(powers.body.powers.some((p) => p.code === 'T-SCJG-XK-HONEY'), powers.text);
      assert.ok(powers.body.powers.every((p) => p.department_code === MARKET && p.type === 'licensing'));
      const licences = await anon.call('GET', `${API}/licence-types`);
      assert.ok(licences.body.licence_types.some((l) => l.code === 'test.honey_licence'));
      const data = await anon.call('GET', `${API}/data-items`);
      assert.ok(data.body.data_items.some((d) => d.code === 'test.enterprise.basic'));
      const categories = await anon.call('GET', `${API}/categories?target=enterprise`);
      assert.equal(categories.status, 200);
      const honey = categories.body.categories.find((c) => c.name === '测试分类');
      assert.ok(honey && honey.count >= 1 && ['enterprise', 'both'].includes(honey.target), categories.text);
      assert.ok(!categories.body.categories.some((c) => c.name === '测试住房'), 'a resident-only category is not an enterprise one');
    });

    test('an item answers with the names of everything it points at', async () => {
      const r = await anon.call('GET', `${API}/items/${HONEY_ITEM}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.item.code, HONEY_ITEM);
      assert.equal(r.body.item.status, 'published');
      assert.equal(r.body.item.materials.length, 4);
      const refs = r.body.refs;
      assert.ok(refs.departments[MARKET], r.text);
      assert.deepEqual(refs.powers['T-SCJG-XK-HONEY'], { name: '蜂蜜小作坊登记（测试）', type: 'licensing' });
      assert.equal(refs.licence_types['test.honey_licence'], '蜂蜜作坊登记证（测试）');
      assert.equal(refs.data_items['test.enterprise.basic'], '企业基本信息（测试）');
      assert.equal(refs.regions['310101'], '黄浦区');
      assert.deepEqual(refs.life_events, [{ code: HONEY_EVENT, name: '开蜂蜜店一件事（测试）' }]);
      assert.equal(r.headers.get('cache-control'), 'public, max-age=60');

      const list = await anon.call('GET', `${API}/items?department=${MARKET}&target=enterprise&limit=200`);
      assert.equal(list.status, 200, list.text);
      const row = list.body.items.find((x) => x.code === HONEY_ITEM);
      assert.ok(row, list.text);
      assert.equal(row.power_type, 'licensing');
      assert.equal(row.processing_depth, 'fully_online');
      assert.ok(list.body.total >= list.body.items.length);
      assert.ok(list.body.items.every((x) => x.department_code === MARKET));
      const ofEvent = await anon.call('GET', `${API}/items?life_event=${HONEY_EVENT}`);
      assert.deepEqual(ofEvent.body.items.map((x) => x.code).sort(), [HONEY_ITEM, RENT_ITEM].sort());
      const paged = await anon.call('GET', `${API}/items?life_event=${HONEY_EVENT}&limit=1&offset=1`);
      assert.equal(paged.body.items.length, 1);
      assert.equal(paged.body.total, 2);

      const versions = await anon.call('GET', `${API}/items/${HONEY_ITEM}/versions`);
      assert.equal(versions.status, 200, versions.text);
      assert.deepEqual(versions.body.versions.map((v) => [v.version, v.status]), [[1, 'published']]);
      const v1 = await anon.call('GET', `${API}/items/${HONEY_ITEM}/versions/1`);
      assert.equal(v1.status, 200, v1.text);
      assert.equal(v1.body.item.version, 1);
    });

    test('search finds the item and the life event by how people ask; typeahead by prefix', async () => {
      const r = await anon.call('GET', `${API}/search?q=${encodeURIComponent('蜂蜜小作坊')}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.q, '蜂蜜小作坊');
      const top = r.body.hits.slice(0, 3).map((h) => h.code);
      assert.ok(top.includes(HONEY_ITEM), r.text);
      const hit = r.body.hits.find((h) => h.code === HONEY_ITEM);
      assert.equal(hit.kind, 'item');
      assert.equal(hit.name, '蜂蜜小作坊登记（测试）');
      assert.equal(hit.department_code, MARKET);
      assert.ok(hit.department_name.length > 0);
      assert.equal(hit.target, 'enterprise');
      assert.ok(hit.score > 0);
      for (let i = 1; i < r.body.hits.length; i++) assert.ok(r.body.hits[i - 1].score >= r.body.hits[i].score, 'ranked');
      assert.equal(r.headers.get('cache-control'), 'public, max-age=60');

      // Traditional characters fold to simplified.
      const traditional = await anon.call('GET', `${API}/search?q=${encodeURIComponent('蜂蜜小作坊登記')}`);
      assert.ok(traditional.body.hits.slice(0, 3).some((h) => h.code === HONEY_ITEM), traditional.text);
      // Only life events; only residents' items.
      const events = await anon.call('GET', `${API}/search?q=${encodeURIComponent('开蜂蜜店')}&kind=life_event`);
      assert.equal(events.status, 200, events.text);
      assert.ok(events.body.hits.length > 0 && events.body.hits.every((h) => h.kind === 'life_event'), events.text);
      assert.equal(events.body.hits[0].code, HONEY_EVENT);
      const residents = await anon.call('GET', `${API}/search?q=${encodeURIComponent('蜂蜜小作坊')}&target=resident&limit=50`);
      assert.ok(!residents.body.hits.some((h) => h.code === HONEY_ITEM), 'an enterprise item is not a resident hit');
      const limited = await anon.call('GET', `${API}/search?q=${encodeURIComponent('登记')}&limit=2`);
      assert.ok(limited.body.hits.length <= 2);

      // The answer is written by hand (no JSON DOM): quotes, backslashes and control characters are escaped.
      const tricky = '蜂蜜"\\\t\u0001';
      const echoed = await anon.call('GET', `${API}/search?q=${encodeURIComponent(tricky)}`);
      assert.equal(echoed.status, 200, echoed.text);
      assert.equal(echoed.body.q, tricky, echoed.text);

      const s = await anon.call('GET', `${API}/suggest?q=${encodeURIComponent('蜂蜜')}&limit=5`);
      assert.equal(s.status, 200, s.text);
      assert.ok(s.body.suggestions.length <= 5);
      assert.ok(s.body.suggestions.some((x) => x.code === HONEY_ITEM || x.code === HONEY_EVENT), s.text);
      for (const x of s.body.suggestions) assert.deepEqual(Object.keys(x).sort(), ['code', 'kind', 'name']);
    });

    test('evaluate: the answers select the situation, its conditions and materials; licences and shared data waive', async () => {
      const large = await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: { scale: 'large' } } });
      assert.equal(large.status, 200, large.text);
      assert.equal(large.body.situation_id, 'large');
      assert.deepEqual(large.body.unanswered, []);
      assert.deepEqual(large.body.conditions.map((c) => c.id).sort(), ['site', 'ventilation']);
      const ids = (list) => list.map((m) => m.id).sort();
      assert.ok(ids(large.body.materials).includes('plan'), large.text);
      assert.deepEqual(ids(large.body.waived), ['basic', 'licence']);
      const small = await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: { scale: 'small' } } });
      assert.equal(small.body.situation_id, 'small');
      assert.ok(!ids(small.body.materials).includes('plan'));
      const open = await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: {} } });
      assert.equal(open.body.situation_id, '');
      assert.deepEqual(open.body.unanswered, ['scale']);

      assertProblem(await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: { colour: 'red' } } }),
        400, 'catalog.unknown_question', '/answers/colour');
      assertProblem(await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: { scale: 'huge' } } }),
        400, 'catalog.unknown_option', '/answers/scale');
      assertProblem(await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answers: { scale: 3 } } }),
        400, 'catalog.answer_type', '/answers/scale');
      assertProblem(await anon.call('POST', `${API}/items/${HONEY_ITEM}/evaluate`, { json: { answer: {} } }),
        400, 'http.unknown_field');
      assertProblem(await anon.call('POST', `${API}/items/T-NOPE-0000/evaluate`, { json: { answers: {} } }), 404, 'catalog.item_not_found');
    });

    test('a life event: its items, materials asked once, the merged form and the bundle\'s limits', async () => {
      const r = await anon.call('GET', `${API}/life-events/${HONEY_EVENT}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.life_event.code, HONEY_EVENT);
      assert.deepEqual(r.body.items.map((i) => i.code), [HONEY_ITEM, RENT_ITEM]);
      const shared = r.body.materials.find((m) => m.material.replaced_by_data_item === 'test.enterprise.basic');
      assert.deepEqual(shared.item_codes.sort(), [HONEY_ITEM, RENT_ITEM].sort(), r.text);
      assert.equal(r.body.separate_materials, 6);
      assert.equal(r.body.materials.length, 5);
      assert.equal(typeof r.body.merged_form_schema, 'object');
      assert.ok(r.body.merged_form_schema.properties.enterprise_name && r.body.merged_form_schema.properties.address, r.text);
      assert.deepEqual(r.body.shared_fields, ['enterprise_name']);
      assert.equal(r.body.statutory_limit_days, 20);
      assert.ok(r.body.refs.departments[MARKET] && r.body.refs.departments[HOUSING], r.text);
      const list = await anon.call('GET', `${API}/life-events?target=enterprise`);
      assert.ok(list.body.life_events.some((e) => e.code === HONEY_EVENT), list.text);
      const residents = await anon.call('GET', `${API}/life-events?target=resident`);
      assert.ok(!residents.body.life_events.some((e) => e.code === HONEY_EVENT));
      const versions = await anon.call('GET', `${API}/life-events/${HONEY_EVENT}/versions`);
      assert.deepEqual(versions.body.versions.map((v) => v.version), [1]);
      const v1 = await anon.call('GET', `${API}/life-events/${HONEY_EVENT}/versions/1`);
      assert.equal(v1.status, 200, v1.text);
      assert.equal(v1.body.life_event.name, '开蜂蜜店一件事（测试）');
      assert.ok(v1.body.refs.departments[MARKET]);
      assertProblem(await anon.call('GET', `${API}/life-events/le.nothing-here`), 404, 'catalog.life_event_not_found');
    });

    // ---- the operator's lifecycle ---------------------------------------------------------------------

    test('create → validate → save draft → publish → the public sees it, the old version by number → retire', async () => {
      const code = freshCode('T-LIFE');
      const draft = item(code, { name: '蜂蜡制品登记（测试）' });
      const created = await operator.call('POST', `${API}/items`, { json: draft });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get('location'), `${API}/items/${code}`);
      assert.equal(created.body.item.version, 1);
      assert.equal(created.body.item.status, 'draft');
      assert.ok(created.body.refs.departments[MARKET]);
      // A draft is not public.
      assertProblem(await anon.call('GET', `${API}/items/${code}`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/items/${code}/versions/1`), 404, 'catalog.item_not_found');
      const own = await operator.call('GET', `${API}/items/${code}/versions/1`);
      assert.equal(own.status, 200, own.text);
      const drafts = await operator.call('GET', `${API}/items?status=draft&limit=200`);
      assert.ok(drafts.body.items.some((x) => x.code === code && x.status === 'draft'), drafts.text);

      const valid = await operator.call('POST', `${API}/items/validate?publishing=true`, { json: draft });
      assert.equal(valid.status, 200, valid.text);
      assert.deepEqual(valid.body.errors, []);
      const invalid = await operator.call('POST', `${API}/items/validate?publishing=true`,
        { json: { ...draft, committed_limit_days: 30, windows: [], online_url: '' } });
      assert.equal(invalid.status, 200, invalid.text);
      const codes = invalid.body.errors.map((e) => e.code);
      assert.ok(codes.includes('catalog.committed_exceeds_statutory') && codes.includes('catalog.no_channel'), invalid.text);
      for (const e of invalid.body.errors) assert.ok(e.message_zh && e.message_en && typeof e.field === 'string', invalid.text);
      const undecodable = await operator.call('POST', `${API}/items/validate`, { json: { ...draft, target: 'alien' } });
      assert.equal(undecodable.status, 200, undecodable.text);
      assert.deepEqual(undecodable.body.errors.map((e) => [e.code, e.field]), [['catalog.unknown_enum', '/target']]);

      const saved = await operator.call('PUT', `${API}/items/${code}/draft`,
        { json: { item: { ...draft, summary: '修改后的说明（测试）' }, base_updated_at: created.body.item.updated_at } });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.item.version, 1);
      assert.equal(saved.body.item.summary, '修改后的说明（测试）');
      // A stale base is refused.
      assertProblem(await operator.call('PUT', `${API}/items/${code}/draft`,
        { json: { item: draft, base_updated_at: '2000-01-01T00:00:00.000Z' } }), 409, 'catalog.stale_draft');

      const published = await operator.call('POST', `${API}/items/${code}/versions/1/publish`, { json: {} });
      assert.equal(published.status, 200, published.text);
      assert.equal(published.body.item.status, 'published');
      assert.equal(published.body.item.effective_from, today());
      const seen = await anon.call('GET', `${API}/items/${code}`);
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.body.item.summary, '修改后的说明（测试）');
      const found = await anon.call('GET', `${API}/search?q=${encodeURIComponent('蜂蜡制品登记')}`);
      assert.ok(found.body.hits.slice(0, 3).some((h) => h.code === code), found.text);

      // Version 2: a new draft, published; version 1 stays readable by number.
      const second = await operator.call('PUT', `${API}/items/${code}/draft`, { json: { item: { ...draft, name: '蜂蜡制品登记（第二版）' } } });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.body.item.version, 2);
      assert.equal((await anon.call('GET', `${API}/items/${code}`)).body.item.version, 1, 'the public still sees version 1');
      const discarded = await operator.call('DELETE', `${API}/items/${code}/draft`);
      assert.equal(discarded.status, 204, discarded.text);
      assertProblem(await operator.call('GET', `${API}/items/${code}/versions/2`), 404, 'catalog.item_not_found');
      const again = await operator.call('PUT', `${API}/items/${code}/draft`, { json: { item: { ...draft, name: '蜂蜡制品登记（第二版）' } } });
      assert.equal(again.body.item.version, 2, again.text);
      assertProblem(await operator.call('POST', `${API}/items/${code}/versions/1/publish`, { json: {} }), 409, 'catalog.not_a_draft');
      const v2 = await operator.call('POST', `${API}/items/${code}/versions/2/publish`);
      assert.equal(v2.status, 200, v2.text);
      const current = await anon.call('GET', `${API}/items/${code}`);
      assert.equal(current.body.item.version, 2);
      assert.equal(current.body.item.name, '蜂蜡制品登记（第二版）');
      const old = await anon.call('GET', `${API}/items/${code}/versions/1`);
      assert.equal(old.status, 200, old.text);
      assert.equal(old.body.item.name, '蜂蜡制品登记（测试）');
      const versions = await anon.call('GET', `${API}/items/${code}/versions`);
      assert.deepEqual(versions.body.versions.map((v) => v.version), [1, 2]);

      const retired = await operator.call('POST', `${API}/items/${code}/retire`, { json: { effective_to: today() } });
      assert.equal(retired.status, 200, retired.text);
      assert.equal(retired.body.item.status, 'retired');
      // Retired from today: no longer current; its versions stay readable.
      const after = await anon.call('GET', `${API}/items/${code}/versions/2`);
      assert.equal(after.status, 200, after.text);
      assert.equal(after.body.item.status, 'retired');
    });

    test('life events: create, publish, retire through the API', async () => {
      const code = freshCode('le.t-event');
      const body = lifeEvent(code, [HONEY_ITEM, RENT_ITEM], { name: '蜂蜜节一件事（测试）' });
      const created = await operator.call('POST', `${API}/life-events`, { json: body });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.life_event.status, 'draft');
      assert.equal(created.headers.get('location'), `${API}/life-events/${code}`);
      const valid = await operator.call('POST', `${API}/life-events/validate`, { json: body });
      assert.deepEqual(valid.body.errors, [], valid.text);
      const few = await operator.call('POST', `${API}/life-events/validate`, { json: { ...body, item_codes: [HONEY_ITEM] } });
      assert.deepEqual(few.body.errors.map((e) => e.code), ['catalog.too_few_items'], few.text);
      const published = await operator.call('POST', `${API}/life-events/${code}/versions/1/publish`, { json: {} });
      assert.equal(published.status, 200, published.text);
      const guide = await anon.call('GET', `${API}/life-events/${code}`);
      assert.equal(guide.status, 200, guide.text);
      assert.equal(guide.body.life_event.name, '蜂蜜节一件事（测试）');
      const saved = await operator.call('PUT', `${API}/life-events/${code}/draft`, { json: { life_event: { ...body, summary: '第二版' } } });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.life_event.version, 2);
      assert.equal((await operator.call('DELETE', `${API}/life-events/${code}/draft`)).status, 204);
      const retired = await operator.call('POST', `${API}/life-events/${code}/retire`);
      assert.equal(retired.status, 200, retired.text);
      assertProblem(await anon.call('GET', `${API}/life-events/${code}`), 404, 'catalog.life_event_not_found');
    });

    test('the console lists: items by name or code text, life events by status (drafts for draft readers only)', async () => {
      const byName = await operator.call('GET', `${API}/items?status=all&q=${encodeURIComponent('蜂蜜')}&limit=200`);
      assert.equal(byName.status, 200, byName.text);
      assert.ok(byName.body.items.length > 0, byName.text);
      assert.ok(byName.body.items.every((r) => r.name.includes('蜂蜜') || r.code.includes('蜂蜜')), byName.text);
      assert.equal(byName.body.total, byName.body.items.length);
      const code = HONEY_ITEM.toLowerCase();
      const byCode = await anon.call('GET', `${API}/items?q=${encodeURIComponent(code)}`);
      assert.equal(byCode.status, 200, byCode.text);
      assert.deepEqual(byCode.body.items.map((r) => r.code), [HONEY_ITEM], byCode.text);
      const none = await anon.call('GET', `${API}/items?q=${encodeURIComponent('没有这样的事项名称')}`);
      assert.equal(none.body.total, 0, none.text);

      const draft = freshCode('le.t-draft');
      const created = await operator.call('POST', `${API}/life-events`,
        { json: lifeEvent(draft, [HONEY_ITEM, RENT_ITEM], { name: '草稿一件事（测试）' }) });
      assert.equal(created.status, 201, created.text);
      const drafts = await operator.call('GET', `${API}/life-events?status=draft`);
      assert.equal(drafts.status, 200, drafts.text);
      assert.ok(drafts.body.life_events.some((e) => e.code === draft && e.status === 'draft'), drafts.text);
      assert.ok(drafts.body.life_events.every((e) => e.status === 'draft'), drafts.text);
      const all = await operator.call('GET', `${API}/life-events?status=all`);
      assert.ok(all.body.life_events.some((e) => e.code === draft), all.text);
      const published = await anon.call('GET', `${API}/life-events`);
      assert.ok(!published.body.life_events.some((e) => e.code === draft), published.text);
      assertProblem(await anon.call('GET', `${API}/life-events?status=draft`), 401, 'identity.unauthenticated');
      assertProblem(await resident.call('GET', `${API}/life-events?status=draft`), 403, 'identity.forbidden');
      assertProblem(await operator.call('GET', `${API}/life-events?status=drafts`), 400);
    });

    // ---- bad input: a clear problem, nothing changed ------------------------------------------------------

    test('rule failures are 422 with every failure; nothing is created', async () => {
      const code = freshCode('T-BAD');
      const limits = await operator.call('POST', `${API}/items`, { json: item(code, { committed_limit_days: 30 }) });
      assertProblem(limits, 422, 'catalog.committed_exceeds_statutory', '/committed_limit_days');
      assert.deepEqual(limits.body.errors.map((e) => e.code), ['catalog.committed_exceeds_statutory'], limits.text);
      assert.equal(limits.body.errors[0].field, '/committed_limit_days');

      // Two failures at once: both are listed, the first is the problem's own.
      const two = await operator.call('POST', `${API}/items`, {
        json: item(code, { committed_limit_days: 30, power_code: 'NO-SUCH-POWER' }),
      });
      assertProblem(two, 422);
      const codes = two.body.errors.map((e) => e.code);
      assert.ok(codes.includes('catalog.committed_exceeds_statutory') && codes.includes('catalog.unknown_power'), two.text);
      assert.equal(two.body.code, two.body.errors[0].code);
      assert.equal(two.body.field, two.body.errors[0].field);

      // A situation that does not cover an answer.
      const uncovered = item(code);
      uncovered.situations = uncovered.situations.slice(0, 1);
      uncovered.conditions = uncovered.conditions.slice(0, 1);
      uncovered.materials = uncovered.materials.slice(0, 3);
      const u = await operator.call('POST', `${API}/items`, { json: uncovered });
      assertProblem(u, 422, 'catalog.situation_uncovered');
      // A material replaced by a licence type that does not exist.
      const licence = item(code);
      licence.materials[1] = material('licence', '营业执照', { source: 'e_licence', replaced_by_licence: 'no.such.licence' });
      const l = await operator.call('POST', `${API}/items`, { json: licence });
      assertProblem(l, 422, 'catalog.unknown_licence_type', '/materials/1/replaced_by_licence');
      // An invalid form schema.
      assertProblem(await operator.call('POST', `${API}/items`, { json: item(code, { form_schema: '{"type": 12}' }) }),
        422, 'catalog.invalid_form_schema');
      // Decoding: a wrong enum, an unknown key, a wrong type — each names the field.
      assertProblem(await operator.call('POST', `${API}/items`, { json: item(code, { target: 'martians' }) }),
        422, 'catalog.unknown_enum', '/target');
      assertProblem(await operator.call('POST', `${API}/items`, { json: { ...item(code), colour: 'blue' } }),
        422, 'catalog.unknown_key', '/colour');
      assertProblem(await operator.call('POST', `${API}/items`, { json: item(code, { trips: 'two' }) }),
        422, 'catalog.wrong_type', '/trips');
      assertProblem(await operator.call('POST', `${API}/items`, { body: '{"code": ' }), 400, 'http.malformed_json');
      // A taken code.
      assertProblem(await operator.call('POST', `${API}/items`, { json: item(HONEY_ITEM) }), 409, 'catalog.code_taken');
      // The draft's code must be the path's.
      assertProblem(await operator.call('PUT', `${API}/items/${HONEY_ITEM}/draft`, { json: { item: item(RENT_ITEM) } }),
        422, 'catalog.code_mismatch', '/item/code');
      assertProblem(await operator.call('PUT', `${API}/items/${HONEY_ITEM}/draft`, { json: { base_updated_at: '' } }),
        422, 'catalog.missing_field', '/item');

      // Nothing of it exists.
      assertProblem(await operator.call('GET', `${API}/items/${code}/versions`), 404, 'catalog.item_not_found');
    });

    test('unknown codes, malformed codes and versions name nothing (404)', async () => {
      assertProblem(await anon.call('GET', `${API}/items/T-NOPE-0000`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/items/${encodeURIComponent('不是编码')}`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/items/${HONEY_ITEM}/versions/0`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/items/${HONEY_ITEM}/versions/x1`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/items/${HONEY_ITEM}/versions/99`), 404, 'catalog.item_not_found');
      assertProblem(await anon.call('GET', `${API}/departments/NO.SUCH`), 404, 'catalog.department_not_found');
      assertProblem(await anon.call('GET', `${API}/departments/no.such.department`), 404, 'catalog.department_not_found');
      assertProblem(await operator.call('POST', `${API}/items/T-NOPE-0000/versions/1/publish`, { json: {} }), 404, 'catalog.item_not_found');
      assertProblem(await operator.call('POST', `${API}/items/T-NOPE-0000/retire`, { json: {} }), 404, 'catalog.item_not_found');
      assertProblem(await operator.call('DELETE', `${API}/items/T-NOPE-0000/draft`), 404, 'catalog.item_not_found');
    });

    test('query parameters: every one checked, named in the problem', async () => {
      assertProblem(await anon.call('GET', `${API}/items?target=martians`), 400, 'catalog.invalid_parameter', 'target');
      assertProblem(await anon.call('GET', `${API}/items?limit=0`), 400, 'catalog.invalid_parameter', 'limit');
      assertProblem(await anon.call('GET', `${API}/items?limit=201`), 400, 'catalog.invalid_parameter', 'limit');
      assertProblem(await anon.call('GET', `${API}/items?offset=-1`), 400, 'catalog.invalid_parameter', 'offset');
      assertProblem(await anon.call('GET', `${API}/items?status=lost`), 400, 'catalog.invalid_parameter', 'status');
      assertProblem(await anon.call('GET', `${API}/items?colour=red`), 400, 'catalog.unknown_parameter', 'colour');
      assertProblem(await anon.call('GET', `${API}/items?limit=1&limit=2`), 400, 'catalog.repeated_parameter', 'limit');
      assertProblem(await anon.call('GET', `${API}/regions?level=planet`), 400, 'catalog.invalid_parameter', 'level');
      assertProblem(await anon.call('GET', `${API}/departments?level=federal`), 400, 'catalog.invalid_parameter', 'level');
      assertProblem(await anon.call('GET', `${API}/powers?type=magic`), 400, 'catalog.invalid_parameter', 'type');
      assertProblem(await anon.call('GET', `${API}/categories?target=x`), 400, 'catalog.invalid_parameter', 'target');
      assertProblem(await anon.call('GET', `${API}/life-events?target=x`), 400, 'catalog.invalid_parameter', 'target');
      assertProblem(await anon.call('GET', `${API}/licence-types?page=2`), 400, 'catalog.unknown_parameter', 'page');
      assertProblem(await anon.call('GET', `${API}/search`), 400, 'catalog.invalid_query', 'q');
      assertProblem(await anon.call('GET', `${API}/search?q=%20%20`), 400, 'catalog.invalid_query', 'q');
      assertProblem(await anon.call('GET', `${API}/search?q=${'长'.repeat(101)}`), 400, 'catalog.invalid_query', 'q');
      assertProblem(await anon.call('GET', `${API}/search?q=a&limit=51`), 400, 'catalog.invalid_parameter', 'limit');
      assertProblem(await anon.call('GET', `${API}/search?q=a&kind=person`), 400, 'catalog.invalid_parameter', 'kind');
      assertProblem(await anon.call('GET', `${API}/search?q=a&target=x`), 400, 'catalog.invalid_parameter', 'target');
      assertProblem(await anon.call('GET', `${API}/suggest?q=a&limit=21`), 400, 'catalog.invalid_parameter', 'limit');
      assertProblem(await anon.call('GET', `${API}/suggest?q=%FF`), 400);
      assertProblem(await operator.call('POST', `${API}/items/validate?publishing=maybe`, { json: item('T-X-1') }),
        400, 'catalog.invalid_parameter', 'publishing');
      assertProblem(await operator.call('POST', `${API}/import?dry_run=yes`, { json: {} }), 400, 'catalog.invalid_parameter', 'dry_run');
    });

    test('import is all or nothing: a malformed file and one bad record among good ones change nothing', async () => {
      const before = await operator.call('GET', `${API}/export`);
      assert.equal(before.status, 200, before.text);
      assert.equal(before.body.format, 'tongban.catalog/1');
      assert.match(before.headers.get('content-disposition') ?? '', /attachment/);

      // Not JSON at all.
      const malformed = await operator.call('POST', `${API}/import`, { body: '{"format": "tongban.catalog/1", "items": [' });
      const m = decodeRejection(malformed);
      assert.ok(m.rejected[0].errors[0].code === 'catalog.malformed_json', malformed.text);
      // Records that do not decode: every one reported, by kind and code.
      const undecodable = await operator.call('POST', `${API}/import`, {
        json: { format: 'tongban.catalog/1', items: [item('T-IMP-A', { target: 'nobody' }), { ...item('T-IMP-B'), colour: 1 }] },
      });
      const u = decodeRejection(undecodable);
      assert.deepEqual(u.rejected.map((x) => [x.kind, x.code]), [['item', 'T-IMP-A'], ['item', 'T-IMP-B']], undecodable.text);
      assert.equal(u.rejected[0].errors[0].field, '/items/0/target');
      assert.equal(undecodable.body.errors.length, 2);

      // Two good items and a good department, one item breaking a rule.
      const good1 = freshCode('T-IMP');
      const good2 = freshCode('T-IMP');
      const bad = freshCode('T-IMP');
      const doc = {
        format: 'tongban.catalog/1',
        departments: [{ code: 'test.import.department', name: '导入测试部门', short_name: '导入测试', level: 'city', region_code: '310000', parent_code: '' }],
        items: [item(good1), item(bad, { committed_limit_days: 99 }), item(good2)],
      };
      const dry = await operator.call('POST', `${API}/import?dry_run=true`, { json: doc });
      const d = decodeRejection(dry);
      assert.deepEqual(d.rejected.map((x) => [x.kind, x.code]), [['item', bad]]);
      const rejected = await operator.call('POST', `${API}/import`, { json: doc });
      const report = decodeRejection(rejected);
      assert.deepEqual(report.rejected.map((x) => [x.kind, x.code]), [['item', bad]]);
      assert.equal(report.rejected[0].errors[0].code, 'catalog.committed_exceeds_statutory');
      assert.equal(report.rejected[0].errors[0].field, '/items/1/committed_limit_days');
      // Re-read: nothing of it was written.
      for (const c of [good1, good2, bad]) {
        assertProblem(await operator.call('GET', `${API}/items/${c}/versions`), 404, 'catalog.item_not_found');
      }
      assertProblem(await anon.call('GET', `${API}/departments/test.import.department`), 404);
      const after = await operator.call('GET', `${API}/export`);
      assert.equal(after.text, before.text, 'the export is byte-identical');

      // The same document without the bad record: a dry run writes nothing, then it applies.
      const fixed = { ...doc, items: [item(good1), item(good2)] };
      const dryOk = await operator.call('POST', `${API}/import?dry_run=true`, { json: fixed });
      assert.equal(dryOk.status, 200, dryOk.text);
      assert.equal(dryOk.body.applied, false);
      assert.equal(dryOk.body.item_versions, 2);
      assertProblem(await operator.call('GET', `${API}/items/${good1}/versions`), 404, 'catalog.item_not_found');
      const applied = await operator.call('POST', `${API}/import`, { json: fixed });
      assert.equal(applied.status, 200, applied.text);
      assert.equal(applied.body.applied, true);
      assert.equal(applied.body.item_versions, 2);
      assert.equal(applied.body.departments, 1);
      assert.equal((await operator.call('GET', `${API}/items/${good1}/versions/1`)).status, 200);
      const repeat = await operator.call('POST', `${API}/import`, { json: fixed });
      assert.equal(repeat.body.unchanged, 3, repeat.text); // the department and both items
      assert.equal(repeat.body.item_versions, 0);

      // The wrong media type.
      // (Session.call always says application/json: fetch directly.)
      const res = await fetch(`${server.url}${API}/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie: operator.cookie, 'x-csrf-token': operator.csrf },
        body: JSON.stringify(fixed),
      });
      assert.equal(res.status, 415);
      assert.equal((await res.json()).code, 'http.unsupported_media_type');
    });

    test('the import takes a whole catalog (over the 1 MiB of other bodies); beyond 16 MiB it is refused with 413', async () => {
      // The export (padded with whitespace to more than 1 MiB, whatever the demo catalog's
      // size): its dry-run re-import changes nothing.
      const exported = await operator.call('GET', `${API}/export`);
      assert.equal(exported.status, 200);
      const padded = exported.text + ' '.repeat(Math.max(0, 1536 * 1024 - exported.text.length));
      assert.ok(padded.length > 1024 * 1024);
      const again = await operator.call('POST', `${API}/import?dry_run=true`, { body: padded });
      assert.equal(again.status, 200, again.text.slice(0, 500));
      assert.equal(again.body.item_versions, 0, 'every version is already there');
      assert.ok(again.body.unchanged >= exported.body.items.length, again.text.slice(0, 500));

      const size = 17 * 1024 * 1024;
      const head = [
        'POST /api/v1/catalog/import HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Content-Length: ${size}`,
        `Cookie: ${operator.cookie}`,
        `X-CSRF-Token: ${operator.csrf}`,
      ].join('\r\n');
      const r = await rawRequest(server.port, head, [Buffer.alloc(64 * 1024, 0x20)]);
      assert.equal(r.status, 413);
      assert.match(r.headers['content-type'] ?? '', /problem\+json/);
      assert.equal(JSON.parse(r.body).code, 'http.body_too_large');
      // Any other route keeps the server's limit (server.max_body_bytes, 1 MiB).
      const other = await rawRequest(server.port, head.replace('/api/v1/catalog/import', '/api/v1/catalog/items')
        .replace(`Content-Length: ${size}`, `Content-Length: ${2 * 1024 * 1024}`), [Buffer.alloc(64 * 1024, 0x20)]);
      assert.equal(other.status, 413);
    });

    // ---- who may -------------------------------------------------------------------------------------

    test('writes need a CSRF token on a cookie session', async () => {
      const code = freshCode('T-CSRF');
      const r = await operator.call('POST', `${API}/items`, { json: item(code), csrf: false });
      assertProblem(r, 403, 'identity.csrf_failed');
      assertProblem(await operator.call('GET', `${API}/items/${code}/versions`), 404, 'catalog.item_not_found');
    });

    test('residents, anonymous callers and another department are refused; a department administrator edits their own', async () => {
      const code = freshCode('T-WHO');
      assertProblem(await anon.call('POST', `${API}/items`, { json: item(code) }), 401, 'identity.unauthenticated');
      assertProblem(await resident.call('POST', `${API}/items`, { json: item(code) }), 403, 'identity.forbidden');
      assertProblem(await resident.call('POST', `${API}/import`, { json: { format: 'tongban.catalog/1' } }), 403, 'identity.forbidden');
      assertProblem(await resident.call('GET', `${API}/export`), 403, 'identity.forbidden');
      assertProblem(await anon.call('GET', `${API}/export`), 401, 'identity.unauthenticated');
      assertProblem(await resident.call('GET', `${API}/items?status=draft`), 403, 'identity.forbidden');

      // market.admin: another department's item is refused, their own is theirs.
      const foreign = await marketAdmin.call('POST', `${API}/items`, { json: item(code, { department_code: HOUSING }) });
      assertProblem(foreign, 403, 'identity.forbidden');
      assertProblem(await operator.call('GET', `${API}/items/${code}/versions`), 404, 'catalog.item_not_found');
      assertProblem(await marketAdmin.call('POST', `${API}/items/${RENT_ITEM}/retire`, { json: {} }), 403);
      assert.equal((await anon.call('GET', `${API}/items/${RENT_ITEM}`)).status, 200, 'still published');
      const own = await marketAdmin.call('POST', `${API}/items`, { json: item(code) });
      assert.equal(own.status, 201, own.text);
      const mine = await marketAdmin.call('GET', `${API}/items/${code}/versions/1`);
      assert.equal(mine.status, 200, mine.text);
      const published = await marketAdmin.call('POST', `${API}/items/${code}/versions/1/publish`, { json: {} });
      assert.equal(published.status, 200, published.text);
      // Life events, import and export are the platform operator's.
      assertProblem(await marketAdmin.call('POST', `${API}/life-events`, { json: lifeEvent(freshCode('le.t-who'), [HONEY_ITEM, RENT_ITEM]) }),
        403, 'identity.forbidden');
      assertProblem(await marketAdmin.call('POST', `${API}/import`, { json: { format: 'tongban.catalog/1' } }), 403, 'identity.forbidden');
      assertProblem(await marketAdmin.call('GET', `${API}/export`), 403, 'identity.forbidden');
    });
  });
}
