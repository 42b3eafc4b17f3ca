/**
 * Typed calls of the operator console to the catalog's routes (docs/catalog-format.md): the lists
 * with drafts, versions, writes, validation, import and export. JSON keys exactly as the server's.
 * Through the shell's apiCall (../catalog/api.ts catalogCall): a failure is a CatalogApiError,
 * keeping the problem's `errors` (every rule failure) and an import's `report`, which the console
 * shows field by field.
 */
import { networkError, problemOf } from '../../shell/session'
import { CatalogApiError, catalogCall as call, query } from '../catalog/api'
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

export { CatalogApiError }

const BASE = '/api/v1/catalog'
const enc = encodeURIComponent

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
      throw new CatalogApiError(networkError())
    }
    if (!response.ok) throw new CatalogApiError(await problemOf(response))
    return response.text()
  },
}
