/**
 * Typed calls to the operators' OIDC client routes (modules/oidc/src/oidc_routes.cpp). JSON keys
 * are exactly the server's. Cookie sessions: apiCall sends the tb_csrf cookie as X-CSRF-Token.
 */
import { apiCall } from '../../shell/session'

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials'

export interface OidcClient {
  client_id: string
  name: string
  client_type: 'confidential' | 'public'
  redirect_uris: string[]
  post_logout_redirect_uris: string[]
  scopes: string[]
  grant_types: GrantType[]
  required_acr: 'L1' | 'L2' | 'L3' | null
  phone_entitled: boolean
  status: 'active' | 'disabled'
  created_at: string
  updated_at: string
  /** Only in the answer to create and rotate: shown once. */
  client_secret?: string
}

export interface NewOidcClient {
  name: string
  client_type: 'confidential' | 'public'
  redirect_uris: string[]
  post_logout_redirect_uris: string[]
  scopes: string[]
  required_acr: 'L1' | 'L2' | 'L3' | null
  phone_entitled: boolean
}

export const oidcApi = {
  list: () => apiCall<{ items: OidcClient[] }>('GET', '/api/v1/admin/oidc-clients'),
  create: (c: NewOidcClient) => apiCall<OidcClient>('POST', '/api/v1/admin/oidc-clients', c),
  disable: (id: string) =>
    apiCall<OidcClient>('POST', `/api/v1/admin/oidc-clients/${encodeURIComponent(id)}/disable`),
  rotateSecret: (id: string) =>
    apiCall<OidcClient>('POST', `/api/v1/admin/oidc-clients/${encodeURIComponent(id)}/secret`),
}
