/**
 * Typed calls to the catalog's routes (docs/catalog-format.md, all under /api/v1/catalog), with
 * the JSON keys exactly as the server sends them, through the shell's session client (CSRF header
 * on unsafe methods, RFC 9457 problems as ApiError). The public pages use the reads; the operator
 * console (../catalog-admin) uses the writes too.
 */
import { ApiError, csrfToken } from '../../shell/session'
import type {
  Category,
  Department,
  DataItem,
  DepartmentLevel,
  Evaluation,
  ImportReport,
  ItemSummary,
  ItemView,
  LicenceType,
  LifeEvent,
  LifeEventGuide,
  Power,
  PowerType,
  Region,
  RegionLevel,
  Refs,
  RuleError,
  SearchHit,
  ServiceItem,
  Suggestion,
  Target,
  VersionInfo,
  HitKind,
} from './types'

/**
 * A problem from the catalog routes: ApiError plus what a rule failure (`errors`, every failure)
 * or a rejected import (`report`) carries beside the first failure.
 */
export class CatalogApiError extends ApiError {
  constructor(
    base: ApiError,
    readonly errors: RuleError[] = [],
    readonly report: ImportReport | null = null,
  ) {
    super(base.status, base.code, base.messageZh, base.messageEn, base.field, base.retryAfter)
  }
}

export { ApiError }

/**
 * The shell's apiCall (same headers, same CSRF rule, same network error), keeping the problem's
 * `errors` and `report`, which the console shows in full.
 */
async function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (!['GET', 'HEAD'].includes(method)) headers['X-CSRF-Token'] = csrfToken()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new CatalogApiError(
      new ApiError(0, 'network', '网络连接失败，请稍后再试。', 'The network request failed; try again later.', ''),
    )
  }
  if (response.status === 204) return undefined as T
  const data: unknown = await response.json().catch(() => null)
  if (response.ok) return data as T
  const p = (data ?? {}) as Record<string, unknown>
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '')
  const retry = Number(response.headers.get('Retry-After'))
  const base = new ApiError(
    response.status,
    text('code') || `http_${response.status}`,
    text('message_zh') || `服务器返回状态码 ${response.status}。`,
    text('message_en') || `The server answered ${response.status}.`,
    text('field'),
    Number.isFinite(retry) && retry > 0 ? retry : null,
  )
  const errors = Array.isArray(p.errors) ? (p.errors as RuleError[]) : []
  const report = p.report && typeof p.report === 'object' ? (p.report as ImportReport) : null
  throw new CatalogApiError(base, errors, report)
}

const BASE = '/api/v1/catalog'
const enc = encodeURIComponent

/** "?a=1&b=x" from the parameters that are set (undefined, null and "" are left out). */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    parts.push(`${enc(key)}=${enc(String(value))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

export interface ItemQuery {
  target?: Target
  department?: string
  category?: string
  region?: string
  life_event?: string
  /** Console only: published (default), draft, retired, all. */
  status?: 'published' | 'draft' | 'retired' | 'all'
  limit?: number
  offset?: number
}

export interface SearchQuery {
  q: string
  limit?: number
  target?: Target
  kind?: HitKind
}

export interface SearchAnswer {
  q: string
  hits: SearchHit[]
}

/** What the life-event writes answer (as the item writes: the record and what it points at). */
export interface LifeEventView {
  life_event: LifeEvent
  refs?: Refs
}

/** The 422 problem of a rule failure carries every failure in `errors`. */
export interface ValidationAnswer {
  errors: RuleError[]
}

export const catalogApi = {
  // ---- public reads (catalog.published.read) ----
  regions: (params: { parent?: string; level?: RegionLevel } = {}) =>
    apiCall<{ regions: Region[] }>('GET', `${BASE}/regions${query(params)}`).then((r) => r.regions),
  departments: (params: { region?: string; level?: DepartmentLevel } = {}) =>
    apiCall<{ departments: Department[] }>('GET', `${BASE}/departments${query(params)}`).then((r) => r.departments),
  department: (code: string) => apiCall<Department>('GET', `${BASE}/departments/${enc(code)}`),
  powers: (params: { department?: string; type?: PowerType } = {}) =>
    apiCall<{ powers: Power[] }>('GET', `${BASE}/powers${query(params)}`).then((r) => r.powers),
  licenceTypes: () =>
    apiCall<{ licence_types: LicenceType[] }>('GET', `${BASE}/licence-types`).then((r) => r.licence_types),
  dataItems: () => apiCall<{ data_items: DataItem[] }>('GET', `${BASE}/data-items`).then((r) => r.data_items),
  categories: (target?: Target) =>
    apiCall<{ categories: Category[] }>('GET', `${BASE}/categories${query({ target })}`).then((r) => r.categories),
  items: (params: ItemQuery = {}) =>
    apiCall<{ items: ItemSummary[]; total: number }>('GET', `${BASE}/items${query({ ...params })}`),
  item: (code: string) => apiCall<ItemView>('GET', `${BASE}/items/${enc(code)}`),
  itemVersions: (code: string) =>
    apiCall<{ versions: VersionInfo[] }>('GET', `${BASE}/items/${enc(code)}/versions`).then((r) => r.versions),
  itemVersion: (code: string, version: number) =>
    apiCall<ItemView>('GET', `${BASE}/items/${enc(code)}/versions/${version}`),
  /** Which conditions and materials apply to these answers (question id → option id). */
  evaluate: (code: string, answers: Record<string, string>) =>
    apiCall<Evaluation>('POST', `${BASE}/items/${enc(code)}/evaluate`, { answers }),
  lifeEvents: (target?: Target) =>
    apiCall<{ life_events: LifeEvent[] }>('GET', `${BASE}/life-events${query({ target })}`).then((r) => r.life_events),
  lifeEvent: (code: string) => apiCall<LifeEventGuide>('GET', `${BASE}/life-events/${enc(code)}`),
  lifeEventVersions: (code: string) =>
    apiCall<{ versions: VersionInfo[] }>('GET', `${BASE}/life-events/${enc(code)}/versions`).then((r) => r.versions),
  lifeEventVersion: (code: string, version: number) =>
    apiCall<{ life_event: LifeEvent } & Partial<LifeEventGuide>>(
      'GET',
      `${BASE}/life-events/${enc(code)}/versions/${version}`,
    ),
  search: (params: SearchQuery) => apiCall<SearchAnswer>('GET', `${BASE}/search${query({ ...params })}`),
  suggest: (q: string, limit?: number) =>
    apiCall<{ suggestions: Suggestion[] }>('GET', `${BASE}/suggest${query({ q, limit })}`).then((r) => r.suggestions),

  // ---- operator writes (session with CSRF; permissions in modules/catalog/include/catalog/catalog.hpp) ----
  createItem: (item: ServiceItem) => apiCall<ItemView>('POST', `${BASE}/items`, item),
  validateItem: (item: ServiceItem, publishing: boolean) =>
    apiCall<ValidationAnswer>('POST', `${BASE}/items/validate${query({ publishing })}`, item),
  saveItemDraft: (code: string, item: ServiceItem, baseUpdatedAt = '') =>
    apiCall<ItemView>('PUT', `${BASE}/items/${enc(code)}/draft`, { item, base_updated_at: baseUpdatedAt }),
  discardItemDraft: (code: string) => apiCall<void>('DELETE', `${BASE}/items/${enc(code)}/draft`),
  publishItem: (code: string, version: number, effectiveFrom = '') =>
    apiCall<ItemView>(
      'POST',
      `${BASE}/items/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireItem: (code: string, effectiveTo = '') =>
    apiCall<ItemView>('POST', `${BASE}/items/${enc(code)}/retire`, effectiveTo ? { effective_to: effectiveTo } : {}),
  createLifeEvent: (event: LifeEvent) =>
    apiCall<LifeEventView>('POST', `${BASE}/life-events`, event),
  validateLifeEvent: (event: LifeEvent, publishing: boolean) =>
    apiCall<ValidationAnswer>('POST', `${BASE}/life-events/validate${query({ publishing })}`, event),
  saveLifeEventDraft: (code: string, event: LifeEvent, baseUpdatedAt = '') =>
    apiCall<LifeEventView>('PUT', `${BASE}/life-events/${enc(code)}/draft`, {
      life_event: event,
      base_updated_at: baseUpdatedAt,
    }),
  discardLifeEventDraft: (code: string) => apiCall<void>('DELETE', `${BASE}/life-events/${enc(code)}/draft`),
  publishLifeEvent: (code: string, version: number, effectiveFrom = '') =>
    apiCall<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireLifeEvent: (code: string, effectiveTo = '') =>
    apiCall<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/retire`,
      effectiveTo ? { effective_to: effectiveTo } : {},
    ),
  /** The whole catalog; dry_run validates and reports without writing. */
  importCatalog: (document: unknown, dryRun: boolean) =>
    apiCall<ImportReport>('POST', `${BASE}/import${query({ dry_run: dryRun })}`, document),
  exportCatalog: () => apiCall<Record<string, unknown>>('GET', `${BASE}/export`),
}
