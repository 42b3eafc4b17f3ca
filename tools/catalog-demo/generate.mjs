#!/usr/bin/env node
// Generates data/demo/catalog.json — the demo catalog of Shanghai in the
// format of docs/catalog-format.md ("tongban.catalog/1") — from the readable
// tables beside this file. Deterministic: the same tables give the same bytes.
// Checks the catalog's rules itself (codes unique, references exist,
// committed ≤ statutory, every answer combination in exactly one situation …)
// and exits non-zero on any violation.
//
//   node tools/catalog-demo/generate.mjs            write data/demo/catalog.json
//   node tools/catalog-demo/generate.mjs --check    fail if the file differs

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { centreHours, city, districts, streets } from './regions.mjs'
import { cityDepartments, districtCounterparts, districtsWithCounterparts, officeHours, streetOffices } from './departments.mjs'
import { dataItems as dataItemTable, licenceTypes as licenceTable } from './licences.mjs'
import { enterpriseFields, formFields, materialLibrary, residentFields } from './materials.mjs'
import { residentItems } from './items-resident.mjs'
import { enterpriseItems } from './items-enterprise.mjs'
import { moreItems } from './items-more.mjs'
import { districtItems } from './items-district.mjs'
import { lifeEvents as lifeEventSpecs } from './life-events.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const outFile = join(root, 'data', 'demo', 'catalog.json')
const publicDir = join(root, 'web', 'public')

const problems = []
const fail = (where, message) => problems.push(`${where}: ${message}`)

// ---- regions -------------------------------------------------------------------

const regions = [{ code: city.code, name: city.name, level: 'city', parent_code: '', address: '', hours: '' }]
const districtByCode = new Map()
for (const [code, name, pinyin, hall] of districts) {
  districtByCode.set(code, { code, name, pinyin, hall })
  regions.push({ code, name, level: 'district', parent_code: city.code, address: '', hours: '' })
}
const centres = []
for (const [code, name, road, hoursVariant] of streets) {
  const district = districtByCode.get(code.slice(0, 6))
  if (!district) fail(`region ${code}`, 'street outside the listed districts')
  regions.push({ code, name, level: 'street', parent_code: district.code, address: '', hours: '' })
}
for (const [code, name, road, hoursVariant] of streets) {
  const district = districtByCode.get(code.slice(0, 6))
  const centre = {
    code: `${code}-c1`, name: `${name}社区事务受理服务中心`, level: 'centre', parent_code: code,
    address: `上海市${district.name}${road}`, hours: centreHours[hoursVariant],
  }
  regions.push(centre)
  centres.push({ ...centre, phone: phoneOf(centre.code) })
}

// A stable, plausible 8-digit Shanghai number from a code.
function phoneOf(code) {
  let h = 2166136261
  for (const ch of code) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0
  return `021-${[5, 6, 3][h % 3]}${String(h % 10000000).padStart(7, "0")}`
}

// ---- departments -------------------------------------------------------------

const departments = []
const deptInfo = new Map()  // code → {abbrev, region, hall: Window}
for (const [code, name, shortName, abbrev, parent, hall] of cityDepartments) {
  departments.push({ code, name, short_name: shortName, level: 'city', region_code: city.code, parent_code: parent })
  deptInfo.set(code, {
    name, abbrev, region: city.code,
    hall: hall && { name: hall[0], region_code: hall[1], address: `上海市${districtByCode.get(hall[1]).name}${hall[2].replace(/^.{2,3}区/, '')}`, hours: officeHours, phone: hall[3] },
  })
}
for (const pinyin of districtsWithCounterparts) {
  const district = [...districtByCode.values()].find((d) => d.pinyin === pinyin)
  for (const [parent, suffix, name, shortName, abbrev] of districtCounterparts) {
    const code = `shanghai.${pinyin}.${suffix}`
    const fullName = suffix === 'public_security' ? `上海市公安局${district.name}分局` : `${district.name}${name}`
    departments.push({ code, name: fullName, short_name: `${district.name}${shortName}`, level: 'district', region_code: district.code, parent_code: parent })
    deptInfo.set(code, {
      name: fullName, abbrev, region: district.code,
      hall: { name: `${district.name}行政服务中心${shortName}窗口`, region_code: district.code, address: `上海市${district.hall}`, hours: officeHours, phone: phoneOf(code) },
    })
  }
}
for (const [code, name, shortName, street] of streetOffices) {
  const district = districtByCode.get(street.slice(0, 6))
  departments.push({ code, name: `${district.name}${name}`, short_name: shortName, level: 'street', region_code: street, parent_code: '' })
  const centre = centres.find((c) => c.parent_code === street)
  deptInfo.set(code, { name, abbrev: 'JD', region: street, hall: { name: centre.name, region_code: centre.code, address: centre.address, hours: centre.hours, phone: centre.phone } })
}

// ---- licence types and data items -----------------------------------------------

const licenceTypes = licenceTable.trim().split('\n').map((line) => {
  const [code, name, issuer, holder, validity] = line.split('|').map((s) => s.trim())
  return { code, name, issuer_department_code: issuer, holder, validity_years: Number(validity) }
})
const licenceByCode = new Map(licenceTypes.map((l) => [l.code, l]))
const dataItems = dataItemTable.map(([code, name, provider, description]) => ({ code, name, provider_department_code: provider, description }))
const dataItemCodes = new Set(dataItems.map((d) => d.code))

// ---- items ---------------------------------------------------------------------------

const TYPE_ABBREV = {
  licensing: 'XK', penalty: 'CF', coercion: 'QZ', levy: 'ZS', benefit: 'JF', inspection: 'JC',
  confirmation: 'QR', reward: 'JL', adjudication: 'CJ', other_power: 'QT', public_service: 'GG',
}
const DEFAULT_RESULT = {
  licensing: '准予行政许可决定书', penalty: '行政处罚决定书', coercion: '行政强制决定书', levy: '缴款凭证',
  benefit: '待遇核定通知书', inspection: '检查结果告知书', confirmation: '登记（确认）结果告知书',
  reward: '奖励决定', adjudication: '行政裁决书', other_power: '办理结果告知书', public_service: '办理结果告知单',
}
const DATES = ['2025-01-01', '2025-03-01', '2025-05-01', '2025-07-01', '2025-09-01', '2026-01-01', '2026-03-01', '2026-05-01', '2026-07-01']
const DRAFT_STAMP = '2026-11-10T02:00:00Z'
const PUBLISHER = 'staff_demo_operator'

const allSpecs = [...residentItems, ...enterpriseItems, ...moreItems, ...districtItems]
const counters = new Map()
const next = (prefix) => { const n = (counters.get(prefix) ?? 0) + 1; counters.set(prefix, n); return n }
const powers = []
const items = []
const codeByKey = new Map()

function shiftDate(date, days) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

let centreCursor = 0
function windowsFor(spec, dept, code) {
  const pickCentres = (n) => {
    const list = spec.region && spec.region !== city.code ? centres.filter((c) => c.code.startsWith(spec.region)) : centres
    const chosen = []
    for (let i = 0; i < Math.min(n, list.length); i++) chosen.push(list[(centreCursor + i * 7) % list.length])
    centreCursor += 1
    return chosen.map((c) => ({ name: c.name, region_code: c.code, address: c.address, hours: c.hours, phone: c.phone }))
  }
  const hall = dept.hall ? [dept.hall] : []
  const win = spec.win ?? 'dept'
  if (Array.isArray(win)) return win.map(([name, region, address, hours, phone]) => ({ name, region_code: region, address, hours: hours || officeHours, phone: phone || phoneOf(name) }))
  if (win === 'centres') return pickCentres(3)
  if (win === 'both') return [...hall, ...pickCentres(2)]
  if (hall.length === 0) fail(code, `department ${spec.dept} has no hall window`)
  return hall
}

function material(entry, spec, code) {
  let key, overrides = {}
  if (typeof entry === 'string') key = entry
  else if (Array.isArray(entry)) [key, overrides] = entry
  else { key = null; overrides = entry }
  let base = {}
  if (key !== null) {
    base = materialLibrary[key]
    if (!base) { fail(code, `unknown library material ${key}`); base = {} }
  }
  const m = { ...base, ...overrides }
  const name = key === 'application_form' && !overrides.name ? `${spec.formName ?? spec.name + '申请表'}` : m.name
  return {
    id: m.id ?? key,
    name,
    source: m.source ?? 'applicant',
    issuer_department_code: m.issuer_department_code ?? '',
    type: m.type ?? 'original',
    paper_copies: m.paper_copies ?? 1,
    form: m.form ?? 'paper_or_electronic',
    necessity: m.necessity ?? 'required',
    sample_file: m.sample_file ?? '',
    blank_form_file: m.blank_form_file ?? '',
    replaced_by_licence: m.replaced_by_licence ?? '',
    replaced_by_data_item: m.replaced_by_data_item ?? '',
    requirements: m.requirements ?? '',
    situations: m.situations ?? [],
  }
}

function formSchema(spec, target) {
  const keys = [...(target === 'enterprise' ? enterpriseFields : residentFields)]
  const properties = {}
  const required = []
  for (const k of keys) { properties[k] = formFields[k]; required.push(k) }
  for (const entry of spec.form ?? []) {
    const optional = typeof entry === 'string' && entry.endsWith('?')
    const [k, schema] = typeof entry === 'string' ? [entry.replace(/\?$/, ''), formFields[entry.replace(/\?$/, '')]] : entry
    if (!schema) { fail(spec.name, `unknown form field ${k}`); continue }
    if (properties[k]) continue
    properties[k] = schema
    if (!optional) required.push(k)
  }
  for (const [k, s] of Object.entries(properties)) {
    if (s['x-data-item'] && !dataItemCodes.has(s['x-data-item'])) fail(spec.name, `field ${k} names unknown data item ${s['x-data-item']}`)
  }
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: spec.name, type: 'object', properties, required })
}

function buildVersion(spec, code, powerCode, dept, version, status, from, to) {
  const target = spec.target ?? 'resident'
  const depth = spec.depth ?? 'online_acceptance'
  const materials = (spec.mat ?? []).map((m) => material(m, spec, code))
  const questions = (spec.q ?? []).map((q) => ({ id: q.id, text: q.text, options: q.options.map(([id, text]) => ({ id, text })) }))
  let situations = []
  if (spec.sit === 'each') {
    situations = questions[0].options.map((o) => ({ id: o.id, name: o.text, when: [{ question_id: questions[0].id, option_ids: [o.id] }], description: '' }))
  } else if (spec.sit) {
    situations = spec.sit.map(([id, name, when, description]) => ({
      id, name, when: Object.entries(when).map(([question_id, option_ids]) => ({ question_id, option_ids })), description: description ?? '',
    }))
  }
  const conditions = (spec.cond ?? []).map((c, i) => (typeof c === 'string' ? { id: `c${i + 1}`, text: c, situations: [] } : { id: `c${i + 1}`, text: c[0], situations: c[1] }))
  const [statutory, committed] = spec.days ?? [20, 10]
  const fees = (spec.fees ?? []).map(([name, amount_fen, standard, basis]) => ({ name, amount_fen, standard, basis }))
  const online = spec.online ?? depth !== 'appointment'
  let result
  if (spec.result === null) result = { kind: 'none', name: '', licence_type_code: '', sample_file: '' }
  else if (typeof spec.result === 'string') {
    const l = licenceByCode.get(spec.result)
    if (!l) fail(code, `result names unknown licence type ${spec.result}`)
    result = { kind: 'licence', name: l?.name ?? '', licence_type_code: spec.result, sample_file: spec.resultSample ?? '' }
  } else result = { kind: 'document', name: spec.result?.[1] ?? DEFAULT_RESULT[spec.type], licence_type_code: '', sample_file: '' }
  const published = status !== 'draft'
  const stampBase = published ? from : null
  return {
    code, version, status,
    effective_from: published ? from : '',
    effective_to: to,
    name: spec.name,
    aliases: spec.aliases ?? [],
    keywords: spec.keywords ?? [],
    category: spec.cat,
    summary: spec.summary,
    target,
    power_code: powerCode,
    department_code: spec.dept,
    region_codes: spec.regions ?? [],
    questions, situations, conditions, materials,
    statutory_limit_days: statutory,
    committed_limit_days: committed,
    fees,
    processing_depth: depth,
    trips: spec.trips ?? (depth === 'fully_online' ? 0 : 1),
    any_location: spec.any ?? false,
    zero_material: false,  // computed below
    notify_and_commit: spec.notify ?? false,
    accept_with_gaps: materials.some((m) => m.necessity === 'may_follow'),
    legal_basis: spec.law ?? [],
    windows: windowsFor(spec, dept, code),
    online_url: online ? `/apply/${code}` : '',
    result,
    form_schema: formSchema(spec, target),
    demo: true,
    created_at: published ? `${shiftDate(stampBase, -30)}T01:00:00Z` : DRAFT_STAMP,
    updated_at: published ? `${shiftDate(stampBase, -7)}T02:00:00Z` : DRAFT_STAMP,
    published_at: published ? `${shiftDate(stampBase, -7)}T02:00:00Z` : '',
    published_by: published ? PUBLISHER : '',
  }
}

allSpecs.forEach((spec, index) => {
  const dept = deptInfo.get(spec.dept)
  if (!dept) { fail(spec.name, `unknown department ${spec.dept}`); return }
  const region = spec.region ?? dept.region
  const typeAbbrev = TYPE_ABBREV[spec.type]
  if (!typeAbbrev) { fail(spec.name, `unknown power type ${spec.type}`); return }
  const prefix = `${region}-${dept.abbrev}-${typeAbbrev}`
  const code = `${prefix}-${String(next(prefix)).padStart(4, '0')}`
  if (spec.key) {
    if (codeByKey.has(spec.key)) fail(spec.name, `duplicate key ${spec.key}`)
    codeByKey.set(spec.key, code)
  }
  const powerPrefix = `${region === city.code ? 'SH' : region}${dept.abbrev}-${typeAbbrev}`
  const powerCode = `${powerPrefix}-${String(next(`power:${powerPrefix}`)).padStart(3, '0')}`
  powers.push({ code: powerCode, name: spec.power ?? spec.name, type: spec.type, department_code: spec.dept, legal_basis: spec.powerLaw ?? spec.law ?? [] })

  const from = spec.from ?? DATES[index % DATES.length]
  const versions = []
  if (spec.draftOnly) {
    versions.push(buildVersion(spec, code, powerCode, dept, 1, 'draft', '', ''))
  } else if (spec.v1) {
    const { from: v1From, ...older } = spec.v1
    versions.push(buildVersion({ ...spec, ...older }, code, powerCode, dept, 1, 'published', v1From, shiftDate(from, -1)))
    versions.push(buildVersion(spec, code, powerCode, dept, 2, 'published', from, ''))
  } else {
    versions.push(buildVersion(spec, code, powerCode, dept, 1, 'published', from, ''))
  }
  if (spec.draft) versions.push(buildVersion({ ...spec, ...spec.draft }, code, powerCode, dept, versions.length + 1, 'draft', '', ''))
  for (const v of versions) {
    // As rules.cpp counts it: a required material the applicant must bring
    // themselves (their own or another department's, not replaceable).
    v.zero_material = !v.materials.some((m) => m.necessity === 'required' && !m.replaced_by_licence && !m.replaced_by_data_item &&
      (m.source === 'applicant' || m.source === 'department_issued'))
    items.push(v)
  }
})

// ---- life events -------------------------------------------------------------------

const lifeEvents = lifeEventSpecs.map((le, index) => {
  const from = le.from ?? DATES[(index + 4) % DATES.length]
  const itemCodes = le.items.map((key) => {
    const code = codeByKey.get(key)
    if (!code) fail(le.code, `unknown item key ${key}`)
    return code
  })
  return {
    code: le.code, version: 1, status: 'published', effective_from: from, effective_to: '',
    name: le.name, aliases: le.aliases ?? [], keywords: le.keywords ?? [], target: le.target,
    summary: le.summary, lead_department_code: le.lead, item_codes: itemCodes,
    committed_limit_days: le.committed ?? 0, demo: true,
    created_at: `${shiftDate(from, -30)}T01:00:00Z`, updated_at: `${shiftDate(from, -7)}T02:00:00Z`,
    published_at: `${shiftDate(from, -7)}T02:00:00Z`, published_by: PUBLISHER,
  }
})

const doc = { format: 'tongban.catalog/1', regions, departments, powers, licence_types: licenceTypes, data_items: dataItems, items, life_events: lifeEvents }

// ---- checks (the rules of modules/catalog/include/catalog/rules.hpp that data can break) ----

const ID = /^[a-z0-9_]{1,32}$/
function unique(kind, codes) {
  const seen = new Set()
  for (const c of codes) { if (seen.has(c)) fail(kind, `duplicate code ${c}`); seen.add(c) }
  return seen
}
const regionCodes = unique('regions', regions.map((r) => r.code))
const deptCodes = unique('departments', departments.map((d) => d.code))
const powerCodes = unique('powers', powers.map((p) => p.code))
unique('licence_types', licenceTypes.map((l) => l.code))
unique('data_items', dataItems.map((d) => d.code))
unique('items', items.map((i) => `${i.code}@${i.version}`))
unique('life_events', lifeEvents.map((l) => l.code))
const itemCodes = new Set(items.map((i) => i.code))
const LEVEL_UP = { district: 'city', street: 'district', centre: 'street' }
const regionByCode = new Map(regions.map((r) => [r.code, r]))
for (const r of regions) {
  if (!/^[0-9a-z-]{6,20}$/.test(r.code)) fail(r.code, 'region code format')
  if (r.parent_code && regionByCode.get(r.parent_code)?.level !== LEVEL_UP[r.level]) fail(r.code, 'parent not one level up')
}
for (const d of departments) {
  if (!/^[a-z0-9_.-]{1,64}$/.test(d.code)) fail(d.code, 'department code format')
  if (!regionCodes.has(d.region_code)) fail(d.code, `unknown region ${d.region_code}`)
  if (d.parent_code && !deptCodes.has(d.parent_code)) fail(d.code, `unknown parent ${d.parent_code}`)
}
for (const p of powers) if (!deptCodes.has(p.department_code) || p.legal_basis.length === 0) fail(p.code, 'power without department or legal basis')
for (const l of licenceTypes) if (!deptCodes.has(l.issuer_department_code) || !['person', 'enterprise', 'both'].includes(l.holder)) fail(l.code, 'licence issuer/holder')
for (const d of dataItems) if (!deptCodes.has(d.provider_department_code)) fail(d.code, 'data item provider')

function checkSituations(it, where) {
  const qs = it.questions
  const qIds = new Set(qs.map((q) => q.id))
  for (const q of qs) {
    if (!ID.test(q.id)) fail(where, `question id ${q.id}`)
    if (q.options.length < 2 || q.options.length > 12) fail(where, `question ${q.id} needs 2..12 options`)
    unique(`${where} options of ${q.id}`, q.options.map((o) => o.id))
  }
  for (const s of it.situations) {
    for (const c of s.when) {
      const q = qs.find((x) => x.id === c.question_id)
      if (!q) { fail(where, `situation ${s.id} names unknown question ${c.question_id}`); continue }
      for (const o of c.option_ids) if (!q.options.some((x) => x.id === o)) fail(where, `situation ${s.id} names unknown option ${o}`)
    }
  }
  if (qs.length === 0) { if (it.situations.length) fail(where, 'situations without questions'); return }
  if (it.situations.length === 0) fail(where, 'questions without situations')
  // Every combination of answers falls in exactly one situation.
  let combos = [{}]
  for (const q of qs) combos = combos.flatMap((c) => q.options.map((o) => ({ ...c, [q.id]: o.id })))
  for (const combo of combos) {
    const hits = it.situations.filter((s) => s.when.every((c) => c.option_ids.includes(combo[c.question_id])))
    if (hits.length !== 1) fail(where, `answers ${JSON.stringify(combo)} fall in ${hits.length} situations`)
  }
  void qIds
}

const fileExists = (path) => path === '' || existsSync(join(publicDir, path))
for (const it of items) {
  const where = `${it.code}@${it.version}`
  if (!/^[0-9]{6,9}-[A-Z]{1,5}-[A-Z]{2}-[0-9]{4}$/.test(it.code)) fail(where, 'item code format')
  if (!deptCodes.has(it.department_code)) fail(where, 'unknown department')
  if (!powerCodes.has(it.power_code)) fail(where, 'unknown power')
  for (const r of it.region_codes) if (!regionCodes.has(r)) fail(where, `unknown region ${r}`)
  if (!it.summary || !it.category || !it.name) fail(where, 'name, summary and category are required')
  if (it.committed_limit_days > it.statutory_limit_days) fail(where, 'committed limit exceeds statutory limit')
  if (it.trips < 0 || it.trips > 5) fail(where, 'trips out of range')
  if (it.processing_depth === 'fully_online' && it.trips !== 0) fail(where, 'fully online with trips')
  if (it.legal_basis.length === 0) fail(where, 'no legal basis')
  if (it.status !== 'draft' && it.windows.length === 0 && !it.online_url) fail(where, 'no channel')
  if (it.windows.length === 0) fail(where, 'every demo item has a window')
  if (it.effective_from > '2026-11-01') fail(where, 'effective_from after 2026-11-01')
  for (const w of it.windows) if (!regionCodes.has(w.region_code)) fail(where, `window region ${w.region_code}`)
  checkSituations(it, where)
  const sitIds = new Set(it.situations.map((s) => s.id))
  unique(`${where} situations`, it.situations.map((s) => s.id))
  unique(`${where} materials`, it.materials.map((m) => m.id))
  unique(`${where} conditions`, it.conditions.map((c) => c.id))
  for (const c of it.conditions) for (const s of c.situations) if (!sitIds.has(s)) fail(where, `condition ${c.id} names unknown situation ${s}`)
  for (const m of it.materials) {
    if (!ID.test(m.id)) fail(where, `material id ${m.id}`)
    for (const s of m.situations) if (!sitIds.has(s)) fail(where, `material ${m.id} names unknown situation ${s}`)
    if (m.replaced_by_licence && !licenceByCode.has(m.replaced_by_licence)) fail(where, `material ${m.id}: unknown licence ${m.replaced_by_licence}`)
    if (m.replaced_by_data_item && !dataItemCodes.has(m.replaced_by_data_item)) fail(where, `material ${m.id}: unknown data item ${m.replaced_by_data_item}`)
    if (m.source === 'department_issued' && !deptCodes.has(m.issuer_department_code)) fail(where, `material ${m.id}: issuer`)
    if (m.source !== 'department_issued' && m.issuer_department_code) fail(where, `material ${m.id}: issuer only for department_issued`)
    if (m.form === 'electronic' && m.paper_copies !== 0) fail(where, `material ${m.id}: electronic with paper copies`)
    if (m.source === 'e_licence' && !m.replaced_by_licence) fail(where, `material ${m.id}: an e-licence names its licence type`)
    if (m.source === 'shared_data' && !m.replaced_by_data_item) fail(where, `material ${m.id}: shared data names its data item`)
    if (!fileExists(m.sample_file) || !fileExists(m.blank_form_file)) fail(where, `material ${m.id}: missing file`)
  }
  if (it.result.kind === 'licence' && !licenceByCode.has(it.result.licence_type_code)) fail(where, 'result licence')
  if (!fileExists(it.result.sample_file)) fail(where, 'result sample file missing')
  for (const f of it.fees) if (f.amount_fen < 0) fail(where, 'negative fee')
}
// Versions: consecutive, a published predecessor ends the day before its successor starts.
const versionsByCode = new Map()
for (const it of items) versionsByCode.set(it.code, [...(versionsByCode.get(it.code) ?? []), it])
for (const [code, vs] of versionsByCode) {
  vs.forEach((v, i) => { if (v.version !== i + 1) fail(code, 'versions not consecutive') })
  const published = vs.filter((v) => v.status === 'published')
  for (let i = 0; i + 1 < published.length; i++) {
    if (published[i].effective_to !== shiftDate(published[i + 1].effective_from, -1)) fail(code, 'version dates do not join')
  }
}
for (const le of lifeEvents) {
  if (!/^le\.[a-z_]+$/.test(le.code)) fail(le.code, 'life event code format')
  if (le.item_codes.length < 3) fail(le.code, 'fewer than 3 items')
  unique(`${le.code} items`, le.item_codes)
  for (const c of le.item_codes) if (!itemCodes.has(c)) fail(le.code, `unknown item ${c}`)
  if (!deptCodes.has(le.lead_department_code)) fail(le.code, 'lead department')
}

// ---- output --------------------------------------------------------------------------

if (problems.length) {
  console.error(`catalog-demo: ${problems.length} problem(s):`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
// Records in the export's order (code, then version; byte order), two-space
// indent: the file is byte-identical to `tongban export catalog` of it.
const byCodeThenVersion = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : (a.version ?? 0) - (b.version ?? 0))
for (const list of [regions, departments, powers, licenceTypes, dataItems, items, lifeEvents]) list.sort(byCodeThenVersion)
const text = `${JSON.stringify(doc, null, 2)}\n`
if (process.argv.includes('--check')) {
  const current = existsSync(outFile) ? readFileSync(outFile, 'utf8') : ''
  if (current !== text) { console.error('catalog-demo: data/demo/catalog.json is not what the tables generate; run node tools/catalog-demo/generate.mjs'); process.exit(1) }
} else {
  writeFileSync(outFile, text)
}

const current = items.filter((i) => i.status === 'published' && i.effective_to === '')
const count = (pred) => current.filter(pred).length
const byType = {}
for (const p of powers) byType[p.type] = (byType[p.type] ?? 0) + 1
console.log(`catalog-demo: ${outFile.slice(root.length + 1)} (${(text.length / 1024).toFixed(0)} KiB)${process.argv.includes("--check") ? " is up to date" : " written"}`)
console.log(`  regions ${regions.length} (districts ${districts.length}, streets ${streets.length}, centres ${centres.length})`)
console.log(`  departments ${departments.length}, powers ${powers.length}, licence types ${licenceTypes.length}, data items ${dataItems.length}`)
console.log(`  power types: ${Object.entries(byType).map(([k, v]) => `${k} ${v}`).join(', ')}`)
console.log(`  items ${itemCodes.size} (versions ${items.length}: ${items.filter((i) => i.status === 'published').length} published, ${items.filter((i) => i.status === 'draft').length} draft; ${[...versionsByCode.values()].filter((v) => v.length > 1 && v[1].status === 'published').length} with version 2)`)
console.log(`  current items: resident ${count((i) => i.target === 'resident')}, enterprise ${count((i) => i.target === 'enterprise')}, both ${count((i) => i.target === 'both')}; with situations ${count((i) => i.situations.length > 0)}; fully online ${count((i) => i.processing_depth === 'fully_online')}; zero material ${count((i) => i.zero_material)}; notify-and-commit ${count((i) => i.notify_and_commit)}; accept with gaps ${count((i) => i.accept_with_gaps)}`)
console.log(`  materials replaceable by a licence or data item: ${current.flatMap((i) => i.materials).filter((m) => m.replaced_by_licence || m.replaced_by_data_item).length} of ${current.flatMap((i) => i.materials).length}`)
console.log(`  life events ${lifeEvents.length}`)
if (Object.keys(TYPE_ABBREV).some((t) => !byType[t])) { console.error('catalog-demo: not every power type is covered'); process.exit(1) }
