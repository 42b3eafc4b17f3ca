/**
 * Typed calls to the accounts routes of the identity module (modules/identity/src/account_routes.cpp):
 * the operator console's persons, enterprises and staff, and "who looked at my data". JSON keys are
 * exactly the server's. Cookie sessions: unsafe methods carry the tb_csrf cookie in X-CSRF-Token.
 */
import { apiCall } from '../../shell/session'

export type AssuranceLevel = 'L1' | 'L2' | 'L3'
export type IdKind = 'resident_id' | 'passport' | 'hk_macau_permit' | 'taiwan_permit' | 'hmt_residence_permit'

export interface PersonSummary {
  person_id: string
  name: string
  id_kind: IdKind
  id_number_masked: string
  phone_masked: string
  assurance_level: AssuranceLevel
  status: 'active' | 'locked' | 'disabled'
}

export interface EnterpriseSummary {
  enterprise_id: string
  uscc: string
  name: string
  legal_representative_person_id: string
  registry_status: 'active' | 'revoked' | 'deregistered'
}

export interface PersonDetail extends PersonSummary {
  nationality: string
  assurance_verified_by: string
  assurance_verified_at: string
  created_at: string
  updated_at: string
  represented_enterprises: EnterpriseSummary[]
}

export interface Unmasked {
  person_id: string
  id_number?: string
  phone?: string
}

export const STAFF_ROLES = [
  'window_officer',
  'reviewer',
  'department_admin',
  'platform_operator',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export interface StaffSummary {
  staff_id: string
  name: string
  department_id: string
  roles: StaffRole[]
  status: 'active' | 'disabled'
}

export interface AccessLogEntry {
  seq: number
  at: string
  reader_kind: 'staff' | 'client' | 'system'
  reader_id: string
  reader_name: string
  reader_department: string
  reader_role: string
  purpose: string
  fields: string[]
  unmasked: boolean
}

export interface Page<T> {
  items: T[]
  next_after?: string
}

/**
 * The shell's ApiError (an RFC 9457 problem from the server, or a network failure with status 0):
 * the accounts pages fail with it through the shell's apiCall (same headers, CSRF rule and errors).
 */
export { ApiError as AccountsApiError } from '../../shell/session'

const call = apiCall

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

const enc = encodeURIComponent

export const accountsApi = {
  searchPersons: (q: string, purpose: string, after?: string) =>
    call<Page<PersonSummary>>('GET', `/api/v1/admin/persons${query({ q, purpose, after, limit: 50 })}`),
  person: (personId: string, purpose: string) =>
    call<PersonDetail>('GET', `/api/v1/admin/persons/${enc(personId)}${query({ purpose })}`),
  unmask: (personId: string, fields: string[], purpose: string) =>
    call<Unmasked>('POST', `/api/v1/admin/persons/${enc(personId)}/unmask`, { fields, purpose }),
  verifyInPerson: (personId: string, idNumber: string) =>
    call<PersonDetail>('POST', `/api/v1/admin/persons/${enc(personId)}/verify-in-person`, { id_number: idNumber }),
  searchEnterprises: (q: string, after?: string) =>
    call<Page<EnterpriseSummary>>('GET', `/api/v1/admin/enterprises${query({ q, after, limit: 50 })}`),
  createEnterprise: (e: { uscc: string; name: string; legal_representative_person_id: string; registry_status: string }) =>
    call<EnterpriseSummary>('POST', '/api/v1/admin/enterprises', e),
  staff: (after?: string) => call<Page<StaffSummary>>('GET', `/api/v1/admin/staff${query({ after, limit: 100 })}`),
  createStaff: (s: { username: string; name: string; department_id: string }) =>
    call<StaffSummary>('POST', '/api/v1/admin/staff', s),
  assignRoles: (staffId: string, roles: string[]) =>
    call<StaffSummary>('PUT', `/api/v1/admin/staff/${enc(staffId)}/roles`, { roles }),
  disableStaff: (staffId: string) => call<StaffSummary>('POST', `/api/v1/admin/staff/${enc(staffId)}/disable`),
  myAccessLog: (before?: number) =>
    call<{ items: AccessLogEntry[]; next_before?: number }>('GET', `/api/v1/me/access-log${query({ before, limit: 50 })}`),
}

/** "2026-11-21T05:42:03.123Z" → "2026-11-21 13:42" in Beijing time. */
export function beijingTime(utc: string): string {
  const ms = Date.parse(utc)
  if (Number.isNaN(ms)) return utc
  const d = new Date(ms + 8 * 3600 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
