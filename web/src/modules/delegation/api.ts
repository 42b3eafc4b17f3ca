/**
 * Typed calls to the delegation module's routes (modules/delegation/src/delegation_routes.cpp),
 * with the JSON keys exactly as the server sends them, through the shell's session client (CSRF
 * header on unsafe methods, RFC 9457 problems as ApiError).
 */
import { ApiError, apiCall } from '../../shell/session'

export type GrantMode = 'apply' | 'view'

export interface Grant {
  grant_id: string
  enterprise_id: string
  enterprise_name: string
  parent_grant_id: string | null
  grantor_person_id: string
  grantor_name: string
  grantee_kind: 'person' | 'enterprise'
  grantee_id: string
  grantee_name: string
  grantee_phone_masked: string | null
  grantee_uscc: string | null
  scope: string[]
  mode: GrantMode
  may_delegate: boolean
  expires_at: string
  status: 'active' | 'revoked'
  live: boolean
  created_at: string
  revoked_at: string | null
  revoked_by: string | null
}

export interface GrantRequest {
  grantee_login?: string
  grantee_uscc?: string
  scope: string[]
  mode: GrantMode
  may_delegate: boolean
  expires_at: string
}

export interface Principal {
  kind: 'self' | 'enterprise'
  enterprise_id: string | null
  name: string
  legal_representative?: boolean
  grant_id?: string | null
  may_apply?: boolean
  services?: string[]
  expires_at?: string | null
}

export interface ManagedEnterprise {
  enterprise_id: string
  name: string
  legal_representative: boolean
}

export interface Principals {
  items: Principal[]
  managed: ManagedEnterprise[]
}

export interface Administrator {
  enterprise_id: string
  person_id: string
  person_name: string
  phone_masked: string
  appointed_by: string
  appointed_at: string
}

export { ApiError }
const call = apiCall

const enc = encodeURIComponent

export const delegationApi = {
  principals: () => call<Principals>('GET', '/api/v1/me/principals'),
  /** The auth part's switch (POST /api/v1/me/acting-for); null acts for oneself. */
  actFor: (enterpriseId: string | null) => call<unknown>('POST', '/api/v1/me/acting-for', { enterprise_id: enterpriseId }),
  myGrants: (direction: 'held' | 'given') =>
    call<{ items: Grant[] }>('GET', `/api/v1/me/grants?direction=${direction}`).then((r) => r.items),
  enterpriseGrants: (enterpriseId: string) =>
    call<{ items: Grant[] }>('GET', `/api/v1/enterprises/${enc(enterpriseId)}/grants`).then((r) => r.items),
  createGrant: (enterpriseId: string, request: GrantRequest) =>
    call<Grant>('POST', `/api/v1/enterprises/${enc(enterpriseId)}/grants`, request),
  createSubGrant: (grantId: string, request: GrantRequest) =>
    call<Grant>('POST', `/api/v1/grants/${enc(grantId)}/sub-grants`, request),
  revoke: (grantId: string) =>
    call<{ items: Grant[] }>('DELETE', `/api/v1/grants/${enc(grantId)}`).then((r) => r.items),
  administrators: (enterpriseId: string) =>
    call<{ items: Administrator[] }>('GET', `/api/v1/enterprises/${enc(enterpriseId)}/administrators`).then(
      (r) => r.items,
    ),
  appoint: (enterpriseId: string, login: string) =>
    call<Administrator>('POST', `/api/v1/enterprises/${enc(enterpriseId)}/administrators`, { login }),
  removeAdministrator: (enterpriseId: string, personId: string) =>
    call<void>('DELETE', `/api/v1/enterprises/${enc(enterpriseId)}/administrators/${enc(personId)}`),
}

/** "2027-06-30T15:59:59.999Z" → "2027-06-30 23:59" in Beijing time. */
export function formatBeijing(utc: string | null | undefined): string {
  if (!utc) return ''
  const ms = Date.parse(utc)
  if (Number.isNaN(ms)) return utc
  const d = new Date(ms + 8 * 3600 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
