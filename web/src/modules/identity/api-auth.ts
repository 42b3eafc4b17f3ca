/**
 * Typed calls to the authentication routes of the identity module (modules/identity/src/auth_routes.cpp).
 * JSON keys are exactly the server's; CSRF handling is the session store's (src/shell/session.ts).
 */
import { apiCall, type CallerInfo } from '../../shell/session'
import type { IdKind, PersonSummary } from './api-accounts'

export type OtpPurpose = 'login' | 'register' | 'reset'

export interface LoginResult extends CallerInfo {
  csrf_token: string
}

export interface Me extends CallerInfo {
  person: PersonSummary | null
}

export interface SessionItem {
  session_id: string
  auth_method: string
  created_at: string
  last_seen_at: string
  expires_at: string
  enterprise_id: string
  remote_address: string
  user_agent: string
  current: boolean
}

export interface Registration {
  name: string
  id_kind: IdKind
  id_number: string
  nationality?: string
  phone: string
  code: string
  password: string
}

export interface InboxMessage {
  message_id: string
  phone: string
  template_id: string
  text: string
  created_at: string
}

const enc = encodeURIComponent

export const authApi = {
  sendCode: (phone: string, purpose: OtpPurpose) =>
    apiCall<{ sent: boolean; resend_after_seconds: number; expires_in_seconds: number }>('POST', '/api/v1/auth/otp', {
      phone,
      purpose,
    }),
  register: (r: Registration) => apiCall<LoginResult>('POST', '/api/v1/auth/register', r),
  loginWithPassword: (login: string, password: string) =>
    apiCall<LoginResult>('POST', '/api/v1/auth/login/password', { login, password }),
  loginWithCode: (phone: string, code: string) => apiCall<LoginResult>('POST', '/api/v1/auth/login/otp', { phone, code }),
  resetPassword: (phone: string, code: string, password: string) =>
    apiCall<void>('POST', '/api/v1/auth/password-reset', { phone, code, password }),
  me: () => apiCall<Me>('GET', '/api/v1/me'),
  sessions: () => apiCall<{ items: SessionItem[] }>('GET', '/api/v1/me/sessions').then((r) => r.items),
  revokeSession: (id: string) => apiCall<void>('DELETE', `/api/v1/me/sessions/${enc(id)}`),
  revokeAllSessions: () => apiCall<void>('DELETE', '/api/v1/me/sessions'),
  devInbox: () => apiCall<{ items: InboxMessage[] }>('GET', '/api/v1/dev/sms-inbox').then((r) => r.items),
}

/** RFC 3339 UTC → Beijing time "2026-11-21 16:42". */
export function beijingTime(iso: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const b = new Date(d.getTime() + 8 * 3600 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`
}
