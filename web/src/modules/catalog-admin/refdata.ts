/**
 * The reference lists the console's selects offer (departments, powers, regions, licence types,
 * data items), loaded once per page view and shared by the pages; and who the caller is to the
 * catalog: a platform operator edits everything, a department administrator the items of their
 * own department (the server decides; the console only hides what would be refused).
 */
import { reactive } from 'vue'
import type { DataItem, Department, LicenceType, Power, Region } from '../catalog/types'
import { session } from '../../shell/session'
import { catalogAdminApi, type CatalogApiError } from './api'

export interface RefData {
  loaded: boolean
  error: CatalogApiError | null
  departments: Department[]
  powers: Power[]
  regions: Region[]
  licence_types: LicenceType[]
  data_items: DataItem[]
}

export const refData = reactive<RefData>({
  loaded: false,
  error: null,
  departments: [],
  powers: [],
  regions: [],
  licence_types: [],
  data_items: [],
})

let pending: Promise<void> | null = null

export function loadRefData(): Promise<void> {
  if (refData.loaded) return Promise.resolve()
  if (!pending) {
    pending = Promise.all([
      catalogAdminApi.departments(),
      catalogAdminApi.powers(),
      catalogAdminApi.regions(),
      catalogAdminApi.licenceTypes(),
      catalogAdminApi.dataItems(),
    ])
      .then(([d, p, r, l, di]) => {
        refData.departments = d.departments
        refData.powers = p.powers
        refData.regions = r.regions
        refData.licence_types = l.licence_types
        refData.data_items = di.data_items
        refData.loaded = true
        refData.error = null
      })
      .catch((e: unknown) => {
        refData.error = e as CatalogApiError
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

export function departmentName(code: string): string {
  return refData.departments.find((d) => d.code === code)?.name ?? code
}

export function regionName(code: string): string {
  return refData.regions.find((r) => r.code === code)?.name ?? code
}

export function isPlatformOperator(): boolean {
  return session.caller?.roles.includes('platform_operator') ?? false
}

export function isDepartmentAdmin(): boolean {
  return session.caller?.roles.includes('department_admin') ?? false
}

/** Whether the caller may edit items of `departmentCode` (catalog.item.write). */
export function mayEditDepartment(departmentCode: string): boolean {
  if (isPlatformOperator()) return true
  return isDepartmentAdmin() && session.caller?.department_id === departmentCode
}
