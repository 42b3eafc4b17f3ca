/**
 * The editor's pure helpers: blank records, lines ⇄ lists, the client-side checks (the same
 * reasons and words as the server's rules, modules/catalog/include/catalog/rules.hpp, so an
 * operator sees one message whether the browser or the server found it), and where each rule
 * failure is shown: a failure's `field` (a JSON pointer into the record) is placed on the deepest
 * form item the editor renders for it ("/aliases/2" on the aliases box, "/situations" on the
 * situations section).
 */
import type {
  Clause,
  Condition,
  Fee,
  LifeEvent,
  Material,
  Option,
  Question,
  RuleError,
  ServiceItem,
  Situation,
  Window,
} from '../catalog/types'

export const ITEM_CODE = /^[A-Za-z0-9_.-]{3,64}$/
export const LOCAL_ID = /^[a-z0-9_]{1,32}$/
export const DATE = /^\d{4}-\d{2}-\d{2}$/

export function blankItem(): ServiceItem {
  return {
    code: '',
    version: 1,
    status: 'draft',
    effective_from: '',
    effective_to: '',
    name: '',
    aliases: [],
    keywords: [],
    category: '',
    summary: '',
    target: 'resident',
    power_code: '',
    department_code: '',
    region_codes: [],
    questions: [],
    situations: [],
    conditions: [],
    materials: [],
    statutory_limit_days: 0,
    committed_limit_days: 0,
    fees: [],
    processing_depth: 'online_acceptance',
    trips: 1,
    any_location: false,
    zero_material: false,
    notify_and_commit: false,
    accept_with_gaps: false,
    legal_basis: [],
    windows: [],
    online_url: '',
    result: { kind: 'none', name: '', licence_type_code: '', sample_file: '' },
    form_schema: '',
    demo: false,
    created_at: '',
    updated_at: '',
    published_at: '',
    published_by: '',
  }
}

export function blankLifeEvent(): LifeEvent {
  return {
    code: '',
    version: 1,
    status: 'draft',
    effective_from: '',
    effective_to: '',
    name: '',
    aliases: [],
    keywords: [],
    target: 'resident',
    summary: '',
    lead_department_code: '',
    item_codes: [],
    committed_limit_days: 0,
    demo: false,
    created_at: '',
    updated_at: '',
    published_at: '',
    published_by: '',
  }
}

/** The next free id of the form `${prefix}${n}` among `taken`. */
export function nextId(prefix: string, taken: { id: string }[]): string {
  const ids = new Set(taken.map((x) => x.id))
  for (let n = taken.length + 1; ; n += 1) {
    if (!ids.has(`${prefix}${n}`)) return `${prefix}${n}`
  }
}

export const blankOption = (taken: Option[]): Option => ({ id: nextId('o', taken), text: '' })
export const blankQuestion = (taken: Question[]): Question => ({
  id: nextId('q', taken),
  text: '',
  options: [
    { id: 'o1', text: '' },
    { id: 'o2', text: '' },
  ],
})
export const blankSituation = (taken: Situation[]): Situation => ({
  id: nextId('s', taken),
  name: '',
  when: [],
  description: '',
})
export const blankClause = (): Clause => ({ question_id: '', option_ids: [] })
export const blankCondition = (taken: Condition[]): Condition => ({ id: nextId('c', taken), text: '', situations: [] })
export const blankMaterial = (taken: Material[]): Material => ({
  id: nextId('m', taken),
  name: '',
  source: 'applicant',
  issuer_department_code: '',
  type: 'original',
  paper_copies: 0,
  form: 'paper_or_electronic',
  necessity: 'required',
  sample_file: '',
  blank_form_file: '',
  replaced_by_licence: '',
  replaced_by_data_item: '',
  requirements: '',
  situations: [],
})
export const blankFee = (): Fee => ({ name: '', amount_fen: 0, standard: '', basis: '' })
export const blankWindow = (): Window => ({ name: '', region_code: '', address: '', hours: '', phone: '' })

/** One entry a line; blank lines and surrounding spaces dropped. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
export const listToLines = (list: string[]): string => list.join('\n')

/** Yuan as typed ("9", "9.5") → fen; NaN when it is not an amount. */
export function yuanToFen(text: string): number {
  const t = text.trim()
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN
  return Math.round(Number(t) * 100)
}
export const fenToYuan = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

function failure(code: string, field: string, zh: string, en: string): RuleError {
  return { code, field, message_zh: zh, message_en: en }
}

/**
 * The browser's share of the server's checker (modules/catalog/src/rules.cpp): the same reasons,
 * fields and words, so one mistake reads the same whoever finds it.
 */
class Checker {
  readonly out: RuleError[] = []

  fail(code: string, field: string, zh: string, en: string): void {
    this.out.push(failure(code, field, zh, en))
  }

  text(field: string, value: string, zh: string, en: string, required: boolean, max: number): void {
    if (value.trim() === '') {
      if (required) this.fail('catalog.required', field, `${zh}不能为空`, `${en} is required`)
      return
    }
    const n = [...value].length
    if (n > max) {
      this.fail(
        'catalog.too_long',
        field,
        `${zh}不能超过 ${max} 个字（现有 ${n} 个）`,
        `${en} must be at most ${max} characters (it has ${n})`,
      )
    }
  }

  code(field: string, value: string, pattern: RegExp, format: string, zh: string, en: string): void {
    if (value === '') this.fail('catalog.required', field, `${zh}不能为空`, `${en} is required`)
    else if (!pattern.test(value)) {
      this.fail('catalog.invalid_code', field, `${zh}“${value}”格式不正确，应为 ${format}`, `${en} "${value}" must match ${format}`)
    }
  }

  id(field: string, value: string, zh: string, en: string): void {
    this.code(field, value, LOCAL_ID, '[a-z0-9_]{1,32}', zh, en)
  }

  range(field: string, value: number, max: number, zh: string, en: string): void {
    if (!Number.isInteger(value) || value < 0) this.fail('catalog.negative', field, `${zh}不能小于 0`, `${en} must not be negative`)
    else if (value > max) this.fail('catalog.out_of_range', field, `${zh}不能大于 ${max}`, `${en} must be at most ${max}`)
  }

  uniqueIds(field: string, list: { id: string }[], zh: string, en: string): void {
    const first = new Map<string, number>()
    list.forEach((x, i) => {
      if (x.id === '') return
      const seen = first.get(x.id)
      if (seen === undefined) first.set(x.id, i)
      else {
        this.fail(
          'catalog.duplicate_id',
          `${field}/${i}/id`,
          `${zh}编号“${x.id}”与第 ${seen + 1} 项重复`,
          `${en} id "${x.id}" repeats entry ${seen + 1}`,
        )
      }
    })
  }

  file(field: string, value: string, zh: string, en: string): void {
    if (value === '') return
    if (!value.startsWith('/files/catalog/') || value.includes('..') || value.length > 200 || value.length <= '/files/catalog/'.length) {
      this.fail('catalog.invalid_file', field, `${zh}应为 /files/catalog/ 下的文件路径`, `${en} must be a path under /files/catalog/`)
    }
  }

  date(field: string, value: string, zh: string, en: string): void {
    if (value !== '' && !DATE.test(value)) {
      this.fail('catalog.invalid_date', field, `${zh}“${value}”不是有效日期（格式 YYYY-MM-DD）`, `${en} "${value}" is not a date (YYYY-MM-DD)`)
    }
  }
}

const NAME_CHARS = 200
const SHORT_CHARS = 100
const TEXT_CHARS = 500

/**
 * What the browser can tell before asking the server: required texts, formats, ids, numbers,
 * committed ≤ statutory, the online form's JSON. The server checks all of it again, and more
 * (codes that must exist, situations covering every answer).
 */
export function checkItem(item: ServiceItem, isNew: boolean): RuleError[] {
  const c = new Checker()
  if (isNew) c.code('/code', item.code, ITEM_CODE, '[A-Za-z0-9_.-]{3,64}', '事项编码', 'item code')
  c.date('/effective_from', item.effective_from, '生效日期', 'effective_from')
  c.date('/effective_to', item.effective_to, '失效日期', 'effective_to')
  c.text('/name', item.name, '事项名称', 'name', true, NAME_CHARS)
  if (item.department_code === '') c.fail('catalog.required', '/department_code', '实施主体不能为空', 'department_code is required')
  item.questions.forEach((q, i) => {
    const at = `/questions/${i}`
    c.id(`${at}/id`, q.id, `问题 ${i + 1}的编号`, `question ${i + 1} id`)
    c.text(`${at}/text`, q.text, `问题 ${i + 1}的内容`, `question ${i + 1} text`, true, TEXT_CHARS)
    if (q.options.length < 2) {
      c.fail('catalog.too_few', `${at}/options`, `问题 ${i + 1}至少需要 2 个选项`, `question ${i + 1} needs at least 2 options`)
    }
    q.options.forEach((o, j) => {
      c.id(`${at}/options/${j}/id`, o.id, `问题 ${i + 1}选项 ${j + 1} 的编号`, `question ${i + 1} option ${j + 1} id`)
      c.text(`${at}/options/${j}/text`, o.text, `问题 ${i + 1}选项 ${j + 1} 的内容`, `question ${i + 1} option ${j + 1} text`, true, SHORT_CHARS)
    })
  })
  c.uniqueIds('/situations', item.situations, '办理情形', 'situation')
  item.situations.forEach((s, i) => {
    c.id(`/situations/${i}/id`, s.id, `办理情形 ${i + 1}的编号`, `situation ${i + 1} id`)
    c.text(`/situations/${i}/name`, s.name, `办理情形 ${i + 1}的名称`, `situation ${i + 1} name`, true, SHORT_CHARS)
  })
  c.uniqueIds('/conditions', item.conditions, '受理条件', 'condition')
  item.conditions.forEach((cond, i) => {
    c.id(`/conditions/${i}/id`, cond.id, `受理条件 ${i + 1} 的编号`, `condition ${i + 1} id`)
    c.text(`/conditions/${i}/text`, cond.text, `受理条件 ${i + 1} 的内容`, `condition ${i + 1} text`, true, TEXT_CHARS)
  })
  c.uniqueIds('/materials', item.materials, '材料', 'material')
  item.materials.forEach((m, i) => {
    const zh = `材料 ${i + 1}${m.name === '' ? '' : `「${m.name}」`}`
    c.id(`/materials/${i}/id`, m.id, `${zh}的编号`, `material ${i + 1} id`)
    c.text(`/materials/${i}/name`, m.name, `材料 ${i + 1} 的名称`, `material ${i + 1} name`, true, NAME_CHARS)
    if (m.source === 'department_issued' && m.issuer_department_code === '') {
      c.fail('catalog.required', `/materials/${i}/issuer_department_code`, `${zh}的出具部门不能为空`, `material ${i + 1} issuer department is required`)
    }
    c.range(`/materials/${i}/paper_copies`, m.paper_copies, 99, `${zh}的纸质份数`, `material ${i + 1} paper copies`)
    c.file(`/materials/${i}/sample_file`, m.sample_file, `${zh}的示例样表`, `material ${i + 1} sample file`)
    c.file(`/materials/${i}/blank_form_file`, m.blank_form_file, `${zh}的空白表格`, `material ${i + 1} blank form`)
    if (m.source === 'e_licence' && m.replaced_by_licence === '') {
      c.fail('catalog.required', `/materials/${i}/replaced_by_licence`, `${zh}可替代的电子证照类型不能为空`, `material ${i + 1} replacing licence type is required`)
    }
    if (m.source === 'shared_data' && m.replaced_by_data_item === '') {
      c.fail('catalog.required', `/materials/${i}/replaced_by_data_item`, `${zh}可替代的共享数据项不能为空`, `material ${i + 1} replacing data item is required`)
    }
  })
  c.range('/statutory_limit_days', item.statutory_limit_days, 365, '法定时限（工作日）', 'statutory_limit_days')
  c.range('/committed_limit_days', item.committed_limit_days, 365, '承诺时限（工作日）', 'committed_limit_days')
  if (item.committed_limit_days > item.statutory_limit_days) {
    c.fail(
      'catalog.committed_exceeds_statutory',
      '/committed_limit_days',
      `承诺时限（${item.committed_limit_days} 个工作日）不能超过法定时限（${item.statutory_limit_days} 个工作日）`,
      `committed_limit_days (${item.committed_limit_days}) exceeds statutory_limit_days (${item.statutory_limit_days})`,
    )
  }
  item.fees.forEach((f, i) => {
    c.text(`/fees/${i}/name`, f.name, `收费项目 ${i + 1}的名称`, `fee ${i + 1} name`, true, NAME_CHARS)
    if (!Number.isInteger(f.amount_fen) || f.amount_fen < 0) {
      c.fail('catalog.negative', `/fees/${i}/amount_fen`, `收费项目 ${i + 1}的金额不能小于 0`, `fee ${i + 1} amount must not be negative`)
    }
  })
  c.range('/trips', item.trips, 5, '跑动次数', 'trips')
  item.windows.forEach((w, i) => {
    c.text(`/windows/${i}/name`, w.name, `办理窗口 ${i + 1}的名称`, `window ${i + 1} name`, true, NAME_CHARS)
  })
  if (item.form_schema.trim() !== '') {
    let parsed: unknown
    let json = true
    try {
      parsed = JSON.parse(item.form_schema)
    } catch {
      json = false
    }
    if (!json) {
      c.fail('catalog.invalid_form_schema', '/form_schema', '在线表单定义（JSON Schema）不是有效的 JSON', "the online form's JSON Schema is not valid JSON")
    } else if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      c.fail('catalog.invalid_form_schema', '/form_schema', '在线表单定义（JSON Schema）应为 JSON 对象', "the online form's JSON Schema must be a JSON object")
    } else if ((parsed as Record<string, unknown>).type !== 'object') {
      c.fail(
        'catalog.invalid_form_schema',
        '/form_schema',
        '在线表单定义（JSON Schema）顶层应声明 "type": "object"',
        `the online form's JSON Schema must declare "type": "object" at the top`,
      )
    }
  }
  return c.out
}

export function checkLifeEvent(event: LifeEvent, isNew: boolean): RuleError[] {
  const c = new Checker()
  if (isNew) c.code('/code', event.code, ITEM_CODE, '[A-Za-z0-9_.-]{3,64}', '一件事编码', 'life event code')
  c.text('/name', event.name, '一件事名称', 'name', true, NAME_CHARS)
  if (event.lead_department_code === '') {
    c.fail('catalog.required', '/lead_department_code', '牵头部门不能为空', 'lead_department_code is required')
  }
  if (event.item_codes.length < 2) {
    c.fail('catalog.too_few_items', '/item_codes', '一件事至少包含 2 个事项', 'a life event needs at least 2 items')
  }
  const first = new Map<string, number>()
  event.item_codes.forEach((code, i) => {
    const seen = first.get(code)
    if (seen === undefined) first.set(code, i)
    else {
      c.fail('catalog.duplicate_item', `/item_codes/${i}`, `事项“${code}”已在第 ${seen + 1} 项列出`, `item "${code}" is already entry ${seen + 1}`)
    }
  })
  c.range('/committed_limit_days', event.committed_limit_days, 365, '承诺时限（工作日）', 'committed_limit_days')
  return c.out
}

/**
 * Places each failure on a rendered form item: the longest prefix of its pointer (at a "/"
 * boundary) among `rendered`; "" (the record: the summary only) when none. Returns pointer →
 * failures.
 */
export function placeErrors(errors: RuleError[], rendered: ReadonlySet<string>): Map<string, RuleError[]> {
  const placed = new Map<string, RuleError[]>()
  for (const e of errors) {
    let p = e.field
    while (p !== '' && !rendered.has(p)) p = p.slice(0, Math.max(0, p.lastIndexOf('/')))
    const list = placed.get(p) ?? []
    list.push(e)
    placed.set(p, list)
  }
  return placed
}

/**
 * A failure of a write whose body wraps the record (`{"item": …}`, `{"life_event": …}`) names its
 * field from the body ("/item/materials/0/name"); the editor places it on the record's pointer.
 */
export function relativeToRecord(errors: RuleError[]): RuleError[] {
  return errors.map((e) => ({ ...e, field: e.field.replace(/^\/(item|life_event)(?=\/|$)/, '') }))
}

/** The id of the form control of a pointer: "/materials/0/name" → "ce-materials-0-name". */
export function controlId(pointer: string): string {
  return `ce${pointer.replace(/[^A-Za-z0-9_]/g, '-')}`
}

const SCALAR_ITEM_FIELDS = [
  'code',
  'name',
  'aliases',
  'keywords',
  'category',
  'summary',
  'target',
  'power_code',
  'department_code',
  'region_codes',
  'questions',
  'situations',
  'conditions',
  'materials',
  'statutory_limit_days',
  'committed_limit_days',
  'fees',
  'processing_depth',
  'trips',
  'any_location',
  'zero_material',
  'notify_and_commit',
  'accept_with_gaps',
  'legal_basis',
  'windows',
  'online_url',
  'result',
  'result/kind',
  'result/name',
  'result/licence_type_code',
  'result/sample_file',
  'form_schema',
  'effective_from',
  'effective_to',
]
const MATERIAL_FIELDS: (keyof Material)[] = [
  'id',
  'name',
  'source',
  'issuer_department_code',
  'type',
  'paper_copies',
  'form',
  'necessity',
  'sample_file',
  'blank_form_file',
  'replaced_by_licence',
  'replaced_by_data_item',
  'requirements',
  'situations',
]

/** Every pointer the item editor renders a control (or a section) for. */
export function itemPointers(item: ServiceItem): Set<string> {
  const s = new Set<string>(SCALAR_ITEM_FIELDS.map((f) => `/${f}`))
  item.questions.forEach((q, i) => {
    for (const f of ['', '/id', '/text', '/options']) s.add(`/questions/${i}${f}`)
    q.options.forEach((_o, j) => {
      for (const f of ['', '/id', '/text']) s.add(`/questions/${i}/options/${j}${f}`)
    })
  })
  item.situations.forEach((st, i) => {
    for (const f of ['', '/id', '/name', '/when', '/description']) s.add(`/situations/${i}${f}`)
    st.when.forEach((_c, j) => {
      for (const f of ['', '/question_id', '/option_ids']) s.add(`/situations/${i}/when/${j}${f}`)
    })
  })
  item.conditions.forEach((_c, i) => {
    for (const f of ['', '/id', '/text', '/situations']) s.add(`/conditions/${i}${f}`)
  })
  item.materials.forEach((_m, i) => {
    s.add(`/materials/${i}`)
    for (const f of MATERIAL_FIELDS) s.add(`/materials/${i}/${f}`)
  })
  item.fees.forEach((_f, i) => {
    for (const f of ['', '/name', '/amount_fen', '/standard', '/basis']) s.add(`/fees/${i}${f}`)
  })
  item.windows.forEach((_w, i) => {
    for (const f of ['', '/name', '/region_code', '/address', '/hours', '/phone']) s.add(`/windows/${i}${f}`)
  })
  return s
}

export function lifeEventPointers(): Set<string> {
  return new Set(
    [
      'code',
      'name',
      'aliases',
      'keywords',
      'target',
      'summary',
      'lead_department_code',
      'item_codes',
      'committed_limit_days',
      'effective_from',
      'effective_to',
    ].map((f) => `/${f}`),
  )
}

/** A record as the server answers it, deep-copied so the editor never changes the answer. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Today in Shanghai (UTC+8, no daylight saving), YYYY-MM-DD. */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
