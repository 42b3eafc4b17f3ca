/**
 * Typed calls of the operator console to the catalog's routes (docs/catalog-format.md): the lists
 * with drafts, versions, writes, validation, import and export. JSON keys exactly as the server's.
 * Unsafe requests carry the session's CSRF token (X-CSRF-Token from the tb_csrf cookie), as the
 * shell's apiCall does; unlike apiCall, a failure keeps the problem's `errors` (every rule failure)
 * and an import's `report`, which the console shows field by field.
 */
import { ApiError, csrfToken } from '../../shell/session'
import type {
  DataItem,
  Department,
  ImportReport,
  ItemSummary,
  ItemView,
  LicenceType,
  LifeEvent,
  Power,
  Refs,
  Region,
  RuleError,
  ServiceItem,
  Target,
  VersionInfo,
  VersionStatus,
} from '../catalog/types'

const BASE = '/api/v1/catalog'
const enc = encodeURIComponent

/** A problem from the catalog routes, with every rule failure and an import's report when given. */
export class CatalogApiError extends ApiError {
  constructor(
    base: ApiError,
    readonly errors: RuleError[],
    readonly report: ImportReport | null,
  ) {
    super(base.status, base.code, base.messageZh, base.messageEn, base.field, base.retryAfter)
  }
}

function problemOf(status: number, data: unknown, retryAfter: number | null): CatalogApiError {
  const p = (data ?? {}) as Record<string, unknown>
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '')
  const base = new ApiError(
    status,
    text('code') || `http_${status}`,
    text('message_zh') || `服务器返回状态码 ${status}。`,
    text('message_en') || `The server answered ${status}.`,
    text('field'),
    retryAfter,
  )
  const errors = Array.isArray(p.errors) ? (p.errors as RuleError[]) : []
  const report = p.report && typeof p.report === 'object' ? (p.report as ImportReport) : null
  return new CatalogApiError(base, errors, report)
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (!['GET', 'HEAD'].includes(method)) headers['X-CSRF-Token'] = csrfToken()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    const base = new ApiError(0, 'network', '网络连接失败，请稍后再试。', 'The network request failed; try again later.', '')
    throw new CatalogApiError(base, [], null)
  }
  if (response.status === 204) return undefined as T
  const data: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'))
    throw problemOf(response.status, data, Number.isFinite(retry) && retry > 0 ? retry : null)
  }
  return data as T
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '') q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export type StatusFilter = VersionStatus | 'all'

export interface ItemListFilter {
  status?: StatusFilter
  department?: string
  target?: Target | ''
  /** name or code contains this text */
  q?: string
  limit?: number
  offset?: number
}

export interface LifeEventView {
  life_event: LifeEvent
  refs?: Refs
}

export const catalogAdminApi = {
  // Reference lists (public reads).
  regions: () => call<{ regions: Region[] }>('GET', `${BASE}/regions`),
  departments: () => call<{ departments: Department[] }>('GET', `${BASE}/departments`),
  powers: (department = '') => call<{ powers: Power[] }>('GET', `${BASE}/powers${query({ department })}`),
  licenceTypes: () => call<{ licence_types: LicenceType[] }>('GET', `${BASE}/licence-types`),
  dataItems: () => call<{ data_items: DataItem[] }>('GET', `${BASE}/data-items`),

  // Items: the console's list (status other than published needs catalog.draft.read).
  listItems: (f: ItemListFilter) =>
    call<{ items: ItemSummary[]; total: number }>(
      'GET',
      `${BASE}/items${query({ status: f.status, department: f.department, target: f.target, q: f.q, limit: f.limit, offset: f.offset })}`,
    ),
  itemVersions: (code: string) => call<{ versions: VersionInfo[] }>('GET', `${BASE}/items/${enc(code)}/versions`),
  itemVersion: (code: string, version: number) =>
    call<ItemView>('GET', `${BASE}/items/${enc(code)}/versions/${version}`),
  createItem: (item: ServiceItem) => call<ItemView>('POST', `${BASE}/items`, item),
  validateItem: (item: ServiceItem, publishing: boolean) =>
    call<{ errors: RuleError[] }>('POST', `${BASE}/items/validate${query({ publishing })}`, item),
  saveItemDraft: (code: string, item: ServiceItem, baseUpdatedAt: string) =>
    call<ItemView>('PUT', `${BASE}/items/${enc(code)}/draft`, { item, base_updated_at: baseUpdatedAt }),
  discardItemDraft: (code: string) => call<void>('DELETE', `${BASE}/items/${enc(code)}/draft`),
  publishItem: (code: string, version: number, effectiveFrom: string) =>
    call<ItemView>(
      'POST',
      `${BASE}/items/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireItem: (code: string, effectiveTo: string) =>
    call<ItemView>('POST', `${BASE}/items/${enc(code)}/retire`, effectiveTo ? { effective_to: effectiveTo } : {}),

  // Life events.
  /** status: the console's lists (drafts need catalog.draft.read); '' is the public list. */
  listLifeEvents: (target: Target | '' = '', status: StatusFilter | '' = '') =>
    call<{ life_events: LifeEvent[] }>('GET', `${BASE}/life-events${query({ target, status })}`),
  lifeEventVersions: (code: string) =>
    call<{ versions: VersionInfo[] }>('GET', `${BASE}/life-events/${enc(code)}/versions`),
  lifeEventVersion: (code: string, version: number) =>
    call<LifeEventView>('GET', `${BASE}/life-events/${enc(code)}/versions/${version}`),
  createLifeEvent: (event: LifeEvent) => call<LifeEventView>('POST', `${BASE}/life-events`, event),
  validateLifeEvent: (event: LifeEvent, publishing: boolean) =>
    call<{ errors: RuleError[] }>('POST', `${BASE}/life-events/validate${query({ publishing })}`, event),
  saveLifeEventDraft: (code: string, event: LifeEvent, baseUpdatedAt: string) =>
    call<LifeEventView>('PUT', `${BASE}/life-events/${enc(code)}/draft`, {
      life_event: event,
      base_updated_at: baseUpdatedAt,
    }),
  discardLifeEventDraft: (code: string) => call<void>('DELETE', `${BASE}/life-events/${enc(code)}/draft`),
  publishLifeEvent: (code: string, version: number, effectiveFrom: string) =>
    call<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireLifeEvent: (code: string, effectiveTo: string) =>
    call<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/retire`,
      effectiveTo ? { effective_to: effectiveTo } : {},
    ),

  // The whole catalog. The body is the file's text as read (not re-serialised).
  importCatalog: (documentText: string, dryRun: boolean) =>
    call<ImportReport>('POST', `${BASE}/import${query({ dry_run: dryRun })}`, documentText),
  /** The document's text exactly as the server wrote it (downloaded as is). */
  exportCatalog: async (): Promise<string> => {
    let response: Response
    try {
      response = await fetch(`${BASE}/export`, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
    } catch {
      const base = new ApiError(0, 'network', '网络连接失败，请稍后再试。', 'The network request failed; try again later.', '')
      throw new CatalogApiError(base, [], null)
    }
    if (!response.ok) throw problemOf(response.status, await response.json().catch(() => null), null)
    return response.text()
  },
}
