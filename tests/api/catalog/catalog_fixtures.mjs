// Catalog records of the API tests and the authorisation matrix: a small
// document the platform operator imports (POST /api/v1/catalog/import), so
// the tests do not depend on the demo catalog's exact content. Reference
// records the server already holds (the demo catalog's departments …) are
// left out of the import, so that the demo's own names stay as they are.
//
// Two departments matter: shanghai.market (the demo department administrator
// market.admin's own) and shanghai.housing (another department).
export const MARKET = 'shanghai.market';
export const HOUSING = 'shanghai.housing';

// The codes of this file's items and life event: made-up names that no demo
// item shares, so that a search finds them first.
export const HONEY_ITEM = 'T-MKT-HONEY-0001';
export const RENT_ITEM = 'T-HSG-RENT-0001';
export const HONEY_EVENT = 'le.t-honey-shop';

let counter = 0;
// A fresh code for a record a test creates (items and life events: [A-Za-z0-9_.-]{3,64}).
export function freshCode(prefix = 'T-NEW') {
  return `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`.toUpperCase().replace(/^LE\./, 'le.');
}

export function today() {
  // Asia/Shanghai date, as the catalog counts effective dates.
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export const REFERENCE = {
  regions: [
    { code: '310000', name: '上海市', level: 'city', parent_code: '', address: '', hours: '' },
    { code: '310101', name: '黄浦区', level: 'district', parent_code: '310000', address: '', hours: '' },
  ],
  departments: [
    { code: MARKET, name: '上海市市场监督管理局', short_name: '市市场监管局', level: 'city', region_code: '310000', parent_code: '' },
    { code: HOUSING, name: '上海市住房和城乡建设管理委员会', short_name: '市住房城乡建设管理委', level: 'city', region_code: '310000', parent_code: '' },
  ],
  powers: [
    { code: 'T-SCJG-XK-HONEY', name: '蜂蜜小作坊登记（测试）', type: 'licensing', department_code: MARKET, legal_basis: ['《测试条例》第一条'] },
    { code: 'T-ZJW-GF-RENT', name: '蜂巢公寓租赁申请（测试）', type: 'public_service', department_code: HOUSING, legal_basis: [] },
  ],
  licence_types: [
    { code: 'test.honey_licence', name: '蜂蜜作坊登记证（测试）', issuer_department_code: MARKET, holder: 'enterprise', validity_years: 5 },
  ],
  data_items: [
    { code: 'test.enterprise.basic', name: '企业基本信息（测试）', provider_department_code: MARKET, description: '测试用共享数据' },
  ],
};

// A whole, valid item of `department` (every rule passes, also the publishing
// ones): one question with two answers, a situation for each; a material a
// licence replaces, one shared data replaces, one only for large workshops.
export function item(code, overrides = {}) {
  const department = overrides.department_code ?? MARKET;
  return {
    code,
    version: 1,
    status: 'draft',
    effective_from: '',
    effective_to: '',
    name: '蜂蜜小作坊登记（测试）',
    aliases: ['蜂蜜作坊备案'],
    keywords: ['养蜂', '蜂蜜'],
    category: '测试分类',
    summary: '在本市从事蜂蜜小作坊生产加工的，向市场监管部门申请登记（测试数据）。',
    target: 'enterprise',
    power_code: department === HOUSING ? 'T-ZJW-GF-RENT' : 'T-SCJG-XK-HONEY',
    department_code: department,
    region_codes: [],
    questions: [
      { id: 'scale', text: '作坊规模？', options: [{ id: 'small', text: '小于50平方米' }, { id: 'large', text: '50平方米及以上' }] },
    ],
    situations: [
      { id: 'small', name: '小型作坊', when: [{ question_id: 'scale', option_ids: ['small'] }], description: '' },
      { id: 'large', name: '较大作坊', when: [{ question_id: 'scale', option_ids: ['large'] }], description: '' },
    ],
    conditions: [
      { id: 'site', text: '有固定的生产场所', situations: [] },
      { id: 'ventilation', text: '有通风设施', situations: ['large'] },
    ],
    materials: [
      material('form', '蜂蜜小作坊登记申请表'),
      material('licence', '营业执照', { source: 'e_licence', replaced_by_licence: 'test.honey_licence' }),
      material('basic', '企业基本信息表', { source: 'shared_data', replaced_by_data_item: 'test.enterprise.basic' }),
      material('plan', '作坊平面图', { situations: ['large'] }),
    ],
    statutory_limit_days: 20,
    committed_limit_days: 5,
    fees: [],
    processing_depth: 'fully_online',
    trips: 0,
    any_location: true,
    zero_material: false,
    notify_and_commit: false,
    accept_with_gaps: false,
    legal_basis: ['《测试条例》第一条'],
    windows: [{ name: '测试窗口', region_code: '310101', address: '黄浦区测试路1号', hours: '周一至周五 9:00-17:00', phone: '021-00000000' }],
    online_url: `/apply/${code}`,
    result: { kind: 'licence', name: '蜂蜜作坊登记证', licence_type_code: 'test.honey_licence', sample_file: '' },
    form_schema: JSON.stringify({
      type: 'object',
      properties: { enterprise_name: { type: 'string', title: '企业名称' }, uscc: { type: 'string', title: '统一社会信用代码' } },
      required: ['enterprise_name'],
    }),
    demo: true,
    ...overrides,
  };
}

export function material(id, name, overrides = {}) {
  return {
    id,
    name,
    source: 'applicant',
    issuer_department_code: '',
    type: 'original',
    paper_copies: 1,
    form: 'paper_or_electronic',
    necessity: 'required',
    sample_file: '',
    blank_form_file: '',
    replaced_by_licence: '',
    replaced_by_data_item: '',
    requirements: '',
    situations: [],
    ...overrides,
  };
}

export function lifeEvent(code, itemCodes, overrides = {}) {
  return {
    code,
    version: 1,
    status: 'draft',
    effective_from: '',
    effective_to: '',
    name: '开蜂蜜店一件事（测试）',
    aliases: ['我要开蜂蜜店'],
    keywords: ['蜂蜜店'],
    target: 'enterprise',
    summary: '蜂蜜作坊登记与租房一次办（测试数据）。',
    lead_department_code: MARKET,
    item_codes: itemCodes,
    committed_limit_days: 0,
    demo: true,
    ...overrides,
  };
}

// The published records of the document.
export function publishedItems() {
  return [
    item(HONEY_ITEM, { status: 'published', effective_from: '2026-01-01' }),
    item(RENT_ITEM, {
      status: 'published',
      effective_from: '2026-01-01',
      name: '蜂巢公寓租赁申请（测试）',
      aliases: [],
      keywords: ['蜂巢公寓'],
      target: 'resident',
      department_code: HOUSING,
      power_code: 'T-ZJW-GF-RENT',
      category: '测试住房',
      result: { kind: 'document', name: '租赁确认书', licence_type_code: '', sample_file: '' },
      // The same shared-data material as the honey item: the life event asks for it once.
      materials: [material('basic', '企业基本信息表', { source: 'shared_data', replaced_by_data_item: 'test.enterprise.basic' }),
        material('contract', '租赁意向书')],
      questions: [],
      situations: [],
      conditions: [{ id: 'need', text: '在本市无自有住房', situations: [] }],
      form_schema: JSON.stringify({
        type: 'object',
        properties: { enterprise_name: { type: 'string', title: '企业名称' }, address: { type: 'string', title: '地址' } },
        required: ['address'],
      }),
    }),
  ];
}

// Imports the reference records the server lacks and the test items and life
// event (once: a second call finds them and changes nothing). `operator`: a
// logged-in client of the platform operator (tests/lib/session.mjs or
// tests/api/authz/client.mjs); `extraDepartments`: more departments to have
// (codes; the authorisation matrix's staff departments).
export async function importFixtures(operator, extraDepartments = []) {
  const doc = { format: 'tongban.catalog/1', regions: [], departments: [], powers: [], licence_types: [], data_items: [],
    items: publishedItems(),
    life_events: [lifeEvent(HONEY_EVENT, [HONEY_ITEM, RENT_ITEM], { status: 'published', effective_from: '2026-01-01' })] };
  for (const [key, path] of [['regions', 'regions'], ['departments', 'departments'], ['powers', 'powers'],
    ['licence_types', 'licence-types'], ['data_items', 'data-items']]) {
    const r = await operator.call('GET', `/api/v1/catalog/${path}`);
    if (r.status !== 200) throw new Error(`GET /api/v1/catalog/${path}: ${r.status} ${r.text}`);
    const have = new Set(r.body[key].map((x) => x.code));
    let wanted = REFERENCE[key];
    if (key === 'departments') {
      wanted = [...wanted, ...extraDepartments.filter((c) => !wanted.some((d) => d.code === c)).map((code) => (
        { code, name: `${code}（测试部门）`, short_name: '', level: 'city', region_code: '310000', parent_code: '' }))];
    }
    doc[key] = wanted.filter((x) => !have.has(x.code));
  }
  const r = await operator.call('POST', '/api/v1/catalog/import', { json: doc });
  if (r.status !== 200) throw new Error(`import of the test catalog: ${r.status} ${r.text}`);
  return r.body;
}
