/**
 * The server's liveness as the browser sees it: GET /healthz must answer 200 with
 * `{"status":"ok"}`. Anything else is an error, described by a stable reason.
 */
export type HealthResult =
  | { readonly state: 'ok' }
  | { readonly state: 'error'; readonly reason: 'http'; readonly code: number }
  | { readonly state: 'error'; readonly reason: 'body' | 'network' }

export const HEALTH_PATH = '/healthz'
const TIMEOUT_MS = 5000

export async function fetchHealth(): Promise<HealthResult> {
  const controller = new AbortController()
  const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS)
  try {
    const response = await fetch(HEALTH_PATH, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal: controller.signal,
    })
    if (!response.ok) return { state: 'error', reason: 'http', code: response.status }
    const body: unknown = await response.json().catch(() => null)
    const ok =
      typeof body === 'object' && body !== null && (body as Record<string, unknown>).status === 'ok'
    return ok ? { state: 'ok' } : { state: 'error', reason: 'body' }
  } catch {
    return { state: 'error', reason: 'network' }
  } finally {
    window.clearTimeout(timer)
  }
}
