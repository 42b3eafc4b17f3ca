/**
 * The session store every page uses: who is logged in (GET /api/v1/me), and `apiCall`, which sends
 * the tb_csrf cookie's value as X-CSRF-Token on every unsafe request of the cookie session (the
 * server refuses unsafe requests without it: 403 identity.csrf_failed).
 */
import { reactive } from 'vue'
import { locale } from '../i18n'

export interface ActingFor {
  enterprise_id: string
  enterprise_name: string
  grant_id: string
  legal_representative: boolean
  may_apply: boolean
  services: string[]
  expires_at: string
}

export interface CallerInfo {
  subject_id: string
  kind: 'person' | 'staff' | 'client' | 'anonymous'
  display_name: string
  roles: string[]
  department_id: string
  assurance_level: 'L1' | 'L2' | 'L3'
  session_id: string
  auth_method: string
  auth_time: number
  acting_for: ActingFor | null
}

/** An RFC 9457 problem from the server (or a network failure, code "network"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field: string,
    readonly retryAfter: number | null = null,
    /** The whole problem body, for members beside the standard ones (a module's `errors`, `report`). */
    readonly problem: Readonly<Record<string, unknown>> = {},
  ) {
    super(code)
  }

  /** The server's message in the current language. */
  describe(): string {
    return locale.value === 'en' ? this.messageEn : this.messageZh
  }
}

export function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === 'tb_csrf') return rest.join('=')
  }
  return ''
}

/** The ApiError of a failed fetch (no answer from the server). */
export function networkError(): ApiError {
  return new ApiError(0, 'network', '网络连接失败，请稍后再试。', 'The network request failed; try again later.', '')
}

/** The ApiError of an answer that is not 2xx, from its problem+json body. */
export async function problemOf(response: Response): Promise<ApiError> {
  const data: unknown = await response.json().catch(() => null)
  const p = (data ?? {}) as Record<string, unknown>
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '')
  const retry = Number(response.headers.get('Retry-After'))
  return new ApiError(
    response.status,
    text('code') || `http_${response.status}`,
    text('message_zh') || `服务器返回状态码 ${response.status}。`,
    text('message_en') || `The server answered ${response.status}.`,
    text('field'),
    Number.isFinite(retry) && retry > 0 ? retry : null,
    p,
  )
}

/** A string body is sent as it is (JSON text already, e.g. a file being imported); others as JSON. */
export async function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> {
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
    throw networkError()
  }
  if (response.status === 204) return undefined as T
  if (!response.ok) throw await problemOf(response)
  return (await response.json().catch(() => null)) as T
}

export const session = reactive<{ caller: CallerInfo | null; loaded: boolean }>({ caller: null, loaded: false })

/**
 * Asks the server who we are; anonymous (null) on 401. Without a tb_csrf cookie there is no
 * session to ask about (the two cookies are set and cleared together), so an anonymous visitor
 * costs no request and no 401 in the console; a stale tb_csrf is dropped after its 401.
 */
export async function loadSession(): Promise<CallerInfo | null> {
  if (!csrfToken()) {
    setCaller(null)
    return null
  }
  try {
    session.caller = await apiCall<CallerInfo>('GET', '/api/v1/me')
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401 || e.status === 403 || e.status === 404) {
      session.caller = null
      if (e instanceof ApiError && e.status === 401) document.cookie = 'tb_csrf=; Path=/; Max-Age=0; SameSite=Lax'
    } else {
      throw e
    }
  } finally {
    session.loaded = true
  }
  return session.caller
}

export function setCaller(caller: CallerInfo | null): void {
  session.caller = caller
  session.loaded = true
}

export async function logout(): Promise<void> {
  try {
    await apiCall<void>('POST', '/api/v1/auth/logout')
  } finally {
    setCaller(null)
  }
}

/**
 * A `?return_to=` target is followed only when it is a same-site relative path ("/x", not "//x",
 * not "/\x", no scheme): anything else goes home, so the login page cannot be used to redirect away.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  if (/[\u0000-\u001f]/.test(value)) return '/'
  return value
}
