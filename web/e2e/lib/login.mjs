// Logging a browser context in as a demo account (docs/demo-accounts.md) through the API, and
// the CSRF token its cookies carry, for tests that set the scene before they open a page.
import assert from 'node:assert/strict'
import { BASE_URL } from './harness.mjs'

export const DEMO_PASSWORD = 'Tongban-Demo-2026'

/** Logs the page's context in (the cookies are the context's). */
export async function login(page, name, password = DEMO_PASSWORD) {
  const r = await page.request.post(`${BASE_URL}/api/v1/auth/login/password`, {
    data: { login: name, password },
  })
  assert.equal(r.status(), 200, await r.text())
}

/** The value of the context's tb_csrf cookie: the X-CSRF-Token of its unsafe requests. */
export async function csrfOf(page) {
  const cookies = await page.context().cookies()
  return cookies.find((c) => c.name === 'tb_csrf')?.value ?? ''
}
