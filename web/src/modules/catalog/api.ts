/**
 * Typed calls to the catalog's routes (docs/catalog-format.md, all under /api/v1/catalog), with
 * the JSON keys exactly as the server sends them, through the shell's session client (CSRF header
 * on unsafe methods, RFC 9457 problems as ApiError). The public pages use the reads; the operator
 * console (../catalog-admin) uses the writes too.
 */
import { ApiError, apiCall } from '../../shell/session'
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
  readonly errors: RuleError[]
  readonly report: ImportReport | null

  constructor(base: ApiError) {
    super(base.status, base.code, base.messageZh, base.messageEn, base.field, base.retryAfter, base.problem)
    const p = base.problem
    this.errors = Array.isArray(p.errors) ? (p.errors as RuleError[]) : []
    this.report = p.report && typeof p.report === 'object' ? (p.report as ImportReport) : null
  }
}

export { ApiError }

/** The shell's apiCall (same headers, CSRF rule and network error), failing with CatalogApiError. */
export async function catalogCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await apiCall<T>(method, path, body)
  } catch (e) {
    throw e instanceof ApiError ? new CatalogApiError(e) : e
  }
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
    catalogCall<{ regions: Region[] }>('GET', `${BASE}/regions${query(params)}`).then((r) => r.regions),
  departments: (params: { region?: string; level?: DepartmentLevel } = {}) =>
    catalogCall<{ departments: Department[] }>('GET', `${BASE}/departments${query(params)}`).then((r) => r.departments),
  department: (code: string) => catalogCall<Department>('GET', `${BASE}/departments/${enc(code)}`),
  powers: (params: { department?: string; type?: PowerType } = {}) =>
    catalogCall<{ powers: Power[] }>('GET', `${BASE}/powers${query(params)}`).then((r) => r.powers),
  licenceTypes: () =>
    catalogCall<{ licence_types: LicenceType[] }>('GET', `${BASE}/licence-types`).then((r) => r.licence_types),
  dataItems: () => catalogCall<{ data_items: DataItem[] }>('GET', `${BASE}/data-items`).then((r) => r.data_items),
  categories: (target?: Target) =>
    catalogCall<{ categories: Category[] }>('GET', `${BASE}/categories${query({ target })}`).then((r) => r.categories),
  items: (params: ItemQuery = {}) =>
    catalogCall<{ items: ItemSummary[]; total: number }>('GET', `${BASE}/items${query({ ...params })}`),
  item: (code: string) => catalogCall<ItemView>('GET', `${BASE}/items/${enc(code)}`),
  itemVersions: (code: string) =>
    catalogCall<{ versions: VersionInfo[] }>('GET', `${BASE}/items/${enc(code)}/versions`).then((r) => r.versions),
  itemVersion: (code: string, version: number) =>
    catalogCall<ItemView>('GET', `${BASE}/items/${enc(code)}/versions/${version}`),
  /** Which conditions and materials apply to these answers (question id → option id). */
  evaluate: (code: string, answers: Record<string, string>) =>
    catalogCall<Evaluation>('POST', `${BASE}/items/${enc(code)}/evaluate`, { answers }),
  lifeEvents: (target?: Target) =>
    catalogCall<{ life_events: LifeEvent[] }>('GET', `${BASE}/life-events${query({ target })}`).then((r) => r.life_events),
  lifeEvent: (code: string) => catalogCall<LifeEventGuide>('GET', `${BASE}/life-events/${enc(code)}`),
  lifeEventVersions: (code: string) =>
    catalogCall<{ versions: VersionInfo[] }>('GET', `${BASE}/life-events/${enc(code)}/versions`).then((r) => r.versions),
  lifeEventVersion: (code: string, version: number) =>
    catalogCall<{ life_event: LifeEvent } & Partial<LifeEventGuide>>(
      'GET',
      `${BASE}/life-events/${enc(code)}/versions/${version}`,
    ),
  search: (params: SearchQuery) => catalogCall<SearchAnswer>('GET', `${BASE}/search${query({ ...params })}`),
  suggest: (q: string, limit?: number) =>
    catalogCall<{ suggestions: Suggestion[] }>('GET', `${BASE}/suggest${query({ q, limit })}`).then((r) => r.suggestions),

  // ---- operator writes (session with CSRF; permissions in modules/catalog/include/catalog/catalog.hpp) ----
  createItem: (item: ServiceItem) => catalogCall<ItemView>('POST', `${BASE}/items`, item),
  validateItem: (item: ServiceItem, publishing: boolean) =>
    catalogCall<ValidationAnswer>('POST', `${BASE}/items/validate${query({ publishing })}`, item),
  saveItemDraft: (code: string, item: ServiceItem, baseUpdatedAt = '') =>
    catalogCall<ItemView>('PUT', `${BASE}/items/${enc(code)}/draft`, { item, base_updated_at: baseUpdatedAt }),
  discardItemDraft: (code: string) => catalogCall<void>('DELETE', `${BASE}/items/${enc(code)}/draft`),
  publishItem: (code: string, version: number, effectiveFrom = '') =>
    catalogCall<ItemView>(
      'POST',
      `${BASE}/items/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireItem: (code: string, effectiveTo = '') =>
    catalogCall<ItemView>('POST', `${BASE}/items/${enc(code)}/retire`, effectiveTo ? { effective_to: effectiveTo } : {}),
  createLifeEvent: (event: LifeEvent) =>
    catalogCall<LifeEventView>('POST', `${BASE}/life-events`, event),
  validateLifeEvent: (event: LifeEvent, publishing: boolean) =>
    catalogCall<ValidationAnswer>('POST', `${BASE}/life-events/validate${query({ publishing })}`, event),
  saveLifeEventDraft: (code: string, event: LifeEvent, baseUpdatedAt = '') =>
    catalogCall<LifeEventView>('PUT', `${BASE}/life-events/${enc(code)}/draft`, {
      life_event: event,
      base_updated_at: baseUpdatedAt,
    }),
  discardLifeEventDraft: (code: string) => catalogCall<void>('DELETE', `${BASE}/life-events/${enc(code)}/draft`),
  publishLifeEvent: (code: string, version: number, effectiveFrom = '') =>
    catalogCall<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/versions/${version}/publish`,
      effectiveFrom ? { effective_from: effectiveFrom } : {},
    ),
  retireLifeEvent: (code: string, effectiveTo = '') =>
    catalogCall<LifeEventView>(
      'POST',
      `${BASE}/life-events/${enc(code)}/retire`,
      effectiveTo ? { effective_to: effectiveTo } : {},
    ),
  /** The whole catalog; dry_run validates and reports without writing. */
  importCatalog: (document: unknown, dryRun: boolean) =>
    catalogCall<ImportReport>('POST', `${BASE}/import${query({ dry_run: dryRun })}`, document),
  exportCatalog: () => catalogCall<Record<string, unknown>>('GET', `${BASE}/export`),
}
