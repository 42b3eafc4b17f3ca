// node --test tools/catalog-demo/ — the committed demo catalog is what the
// tables generate, and it has what issue #4 asks of the demo data.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const doc = JSON.parse(readFileSync(join(root, 'data', 'demo', 'catalog.json'), 'utf8'))
const current = doc.items.filter((i) => i.status === 'published' && i.effective_to === '')

test('the committed file is exactly what the tables generate (and passes the generator checks)', () => {
  execFileSync(process.execPath, [join(here, 'generate.mjs'), '--check'], { stdio: 'pipe' })
})

test('every item issue #4 names exists under that name, published', () => {
  const named = `结婚登记 离婚登记 出生医学证明签发 出生登记（户口） 居民身份证申领换领 上海市居住证办理 普通护照签发
    往来港澳通行证签发 机动车驾驶证换证 机动车注册登记 社会保障卡申领 城乡居民基本医疗保险参保登记 住房公积金提取
    职工退休养老金申领 失业保险金申领 就业登记 残疾人证申领 最低生活保障申请 老年综合津贴申领 养犬登记 生育登记
    死亡登记（户口注销） 无犯罪记录证明开具 户籍证明开具 小学入学登记 人才引进落户 不动产转移登记 公共租赁住房申请
    完税证明开具 企业设立登记 企业变更登记 企业注销登记 食品经营许可 公共场所卫生许可 酒类商品零售许可 烟草专卖零售许可
    建设工程规划许可证核发 建筑工程施工许可 建设工程消防验收 排污许可证核发 取水许可 道路运输经营许可 药品零售经营许可
    医疗机构执业登记 民办学校办学许可 特种设备使用登记 户外广告设施设置审批 娱乐场所经营许可 互联网上网服务营业场所经营许可
    外国人来华工作许可 人力资源服务许可 劳务派遣经营许可 发票申领 单位社会保险登记 住房公积金单位缴存登记 印章刻制备案`.split(/\s+/)
  assert.equal(named.length, 56)
  const names = new Set(current.map((i) => i.name))
  assert.deepEqual(named.filter((n) => !names.has(n)), [])
})

test('counts: ≥200 items, ≥100 licence types, ≥20 data items, ≥40 items with situations, 16 districts, all 11 power types', () => {
  assert.ok(new Set(doc.items.map((i) => i.code)).size >= 200)
  assert.ok(doc.licence_types.length >= 100)
  assert.ok(doc.data_items.length >= 20)
  assert.ok(current.filter((i) => i.situations.length > 0).length >= 40)
  assert.equal(doc.regions.filter((r) => r.level === 'district').length, 16)
  assert.equal(new Set(doc.powers.map((p) => p.type)).size, 11)
  for (const code of ['shanghai.market', 'shanghai.housing', 'shanghai.bigdata']) {
    assert.ok(doc.departments.some((d) => d.code === code), code)
  }
})

test('the twelve life events of issue #4, each with 3+ published items', () => {
  const names = ['出生一件事', '入学一件事', '结婚一件事', '退休一件事', '身后事一件事', '二手房交易一件事', '开办企业一件事',
    '开饭店一件事', '开便利店一件事', '企业注销一件事', '招用外国人一件事', '建设工程竣工验收一件事']
  const published = new Set(current.map((i) => i.code))
  for (const name of names) {
    const le = doc.life_events.find((l) => l.name === name)
    assert.ok(le, name)
    assert.ok(le.demo)
    assert.ok(le.item_codes.length >= 3 && le.item_codes.every((c) => published.has(c)), name)
  }
})

test('versions: version 1 ends the day before version 2 starts; drafts have no dates', () => {
  const byCode = new Map()
  for (const i of doc.items) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i])
  const versioned = [...byCode.values()].filter((vs) => vs.length > 1 && vs[1].status === 'published')
  assert.ok(versioned.length >= 3)
  for (const [v1, v2] of versioned) {
    const dayBefore = new Date(`${v2.effective_from}T00:00:00Z`)
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1)
    assert.equal(v1.effective_to, dayBefore.toISOString().slice(0, 10), v1.code)
  }
  const drafts = doc.items.filter((i) => i.status === 'draft')
  assert.ok(drafts.length >= 2)
  for (const d of drafts) assert.equal(d.effective_from + d.published_at, '', d.code)
  assert.ok(doc.items.every((i) => i.demo && i.effective_from <= '2026-11-01'))
})

test('form schemas are JSON objects whose data-item hints name existing data items', () => {
  const dataItems = new Set(doc.data_items.map((d) => d.code))
  for (const i of current) {
    const schema = JSON.parse(i.form_schema)
    assert.equal(schema.type, 'object', i.code)
    for (const [key, p] of Object.entries(schema.properties)) {
      if (p['x-data-item']) assert.ok(dataItems.has(p['x-data-item']), `${i.code} ${key}`)
    }
    for (const key of schema.required) assert.ok(schema.properties[key], `${i.code} required ${key}`)
  }
})
