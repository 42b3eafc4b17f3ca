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

function required(out: RuleError[], value: string, field: string, zh: string, en: string): void {
  if (value.trim() === '') out.push(failure('catalog.required', field, `请填写${zh}。`, `${en} is required.`))
}

function localIds(out: RuleError[], list: { id: string }[], base: string, zh: string): void {
  const seen = new Set<string>()
  list.forEach((x, i) => {
    const field = `${base}/${i}/id`
    if (!LOCAL_ID.test(x.id)) {
      out.push(
        failure(
          'catalog.invalid_code',
          field,
          `${zh}编号“${x.id}”格式不正确：只能用小写字母、数字和下划线，1–32 个字符。`,
          `The id "${x.id}" is not valid: lower-case letters, digits and underscores, 1–32 characters.`,
        ),
      )
    } else if (seen.has(x.id)) {
      out.push(
        failure('catalog.duplicate_id', field, `${zh}编号“${x.id}”重复。`, `The id "${x.id}" is used twice.`),
      )
    }
    seen.add(x.id)
  })
}

function nonNegative(out: RuleError[], value: number, field: string, zh: string, en: string): void {
  if (!Number.isInteger(value) || value < 0) {
    out.push(failure('catalog.negative', field, `${zh}不能小于 0，须为整数。`, `${en} must be a whole number, 0 or more.`))
  }
}

/**
 * What the browser can tell before asking the server: required texts, formats, ids, numbers,
 * committed ≤ statutory, the online form's JSON. The server checks all of it again, and more
 * (codes that must exist, situations covering every answer).
 */
export function checkItem(item: ServiceItem, isNew: boolean): RuleError[] {
  const out: RuleError[] = []
  if (isNew && !ITEM_CODE.test(item.code)) {
    out.push(
      failure(
        'catalog.invalid_code',
        '/code',
        '事项编码格式不正确：只能用字母、数字、“.”、“_”和“-”，3–64 个字符。',
        'The item code is not valid: letters, digits, ".", "_" and "-", 3–64 characters.',
      ),
    )
  }
  required(out, item.name, '/name', '事项名称', 'The name')
  required(out, item.department_code, '/department_code', '实施主体', 'The department')
  nonNegative(out, item.statutory_limit_days, '/statutory_limit_days', '法定时限', 'The statutory limit')
  nonNegative(out, item.committed_limit_days, '/committed_limit_days', '承诺时限', 'The committed limit')
  if (
    Number.isInteger(item.statutory_limit_days) &&
    Number.isInteger(item.committed_limit_days) &&
    item.committed_limit_days > item.statutory_limit_days
  ) {
    out.push(
      failure(
        'catalog.committed_exceeds_statutory',
        '/committed_limit_days',
        `承诺时限（${item.committed_limit_days} 个工作日）不能超过法定时限（${item.statutory_limit_days} 个工作日）。`,
        `The committed limit (${item.committed_limit_days} working days) exceeds the statutory limit (${item.statutory_limit_days}).`,
      ),
    )
  }
  if (!Number.isInteger(item.trips) || item.trips < 0 || item.trips > 5) {
    out.push(failure('catalog.negative', '/trips', '跑动次数须为 0 到 5 的整数。', 'Trips must be a whole number from 0 to 5.'))
  }
  localIds(out, item.questions, '/questions', '问题')
  item.questions.forEach((q, i) => {
    required(out, q.text, `/questions/${i}/text`, '问题', 'The question')
    localIds(out, q.options, `/questions/${i}/options`, '选项')
    q.options.forEach((o, j) => required(out, o.text, `/questions/${i}/options/${j}/text`, '选项', 'The option'))
  })
  localIds(out, item.situations, '/situations', '情形')
  item.situations.forEach((s, i) => required(out, s.name, `/situations/${i}/name`, '情形名称', 'The situation name'))
  localIds(out, item.conditions, '/conditions', '受理条件')
  item.conditions.forEach((c, i) => required(out, c.text, `/conditions/${i}/text`, '受理条件', 'The condition'))
  localIds(out, item.materials, '/materials', '材料')
  item.materials.forEach((m, i) => {
    required(out, m.name, `/materials/${i}/name`, '材料名称', 'The material name')
    nonNegative(out, m.paper_copies, `/materials/${i}/paper_copies`, '纸质份数', 'Paper copies')
  })
  item.fees.forEach((f, i) => {
    required(out, f.name, `/fees/${i}/name`, '收费项目名称', 'The fee name')
    nonNegative(out, f.amount_fen, `/fees/${i}/amount_fen`, '收费金额', 'The amount')
  })
  item.windows.forEach((w, i) => {
    required(out, w.name, `/windows/${i}/name`, '窗口名称', 'The window name')
    required(out, w.address, `/windows/${i}/address`, '窗口地址', 'The window address')
  })
  for (const [field, value] of [
    ['/effective_from', item.effective_from],
    ['/effective_to', item.effective_to],
  ] as const) {
    if (value !== '' && !DATE.test(value)) {
      out.push(failure('catalog.invalid_date', field, '日期格式须为 YYYY-MM-DD。', 'Dates are YYYY-MM-DD.'))
    }
  }
  if (item.form_schema.trim() !== '') {
    let parsed: unknown = null
    try {
      parsed = JSON.parse(item.form_schema)
    } catch {
      parsed = undefined
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      out.push(
        failure(
          'catalog.invalid_form_schema',
          '/form_schema',
          '在线表单不是有效的 JSON 对象。',
          'The online form is not a valid JSON object.',
        ),
      )
    }
  }
  return out
}

export function checkLifeEvent(event: LifeEvent, isNew: boolean): RuleError[] {
  const out: RuleError[] = []
  if (isNew && !ITEM_CODE.test(event.code)) {
    out.push(
      failure(
        'catalog.invalid_code',
        '/code',
        '一件事编码格式不正确：只能用字母、数字、“.”、“_”和“-”，3–64 个字符。',
        'The life event code is not valid: letters, digits, ".", "_" and "-", 3–64 characters.',
      ),
    )
  }
  required(out, event.name, '/name', '名称', 'The name')
  required(out, event.lead_department_code, '/lead_department_code', '牵头部门', 'The lead department')
  nonNegative(out, event.committed_limit_days, '/committed_limit_days', '承诺时限', 'The committed limit')
  const seen = new Set<string>()
  event.item_codes.forEach((c, i) => {
    if (seen.has(c)) {
      out.push(failure('catalog.duplicate_item', `/item_codes/${i}`, `事项“${c}”重复。`, `The item "${c}" is listed twice.`))
    }
    seen.add(c)
  })
  if (event.item_codes.length < 2) {
    out.push(
      failure('catalog.too_few_items', '/item_codes', '一件事至少包含 2 个事项。', 'A life event has at least 2 items.'),
    )
  }
  return out
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
