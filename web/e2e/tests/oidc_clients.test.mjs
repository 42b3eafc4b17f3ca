// The operator console's connected systems (OIDC clients, /admin/oidc-clients) in the browser
// against `tongban serve --demo`: the platform operator registers a system and sees its secret
// once, a wrong redirect URI is refused with the server's Chinese message and the field marked,
// the secret is replaced and the system disabled; a resident is refused. Accessible (axe: no
// serious or critical violation) and whole on a 375px screen.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  BASE_URL,
  assertAccessible,
  assertNoHorizontalOverflow,
  launchBrowser,
  openPage,
  screenshot,
} from '../lib/harness.mjs'
import { login } from '../lib/login.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('operator console: connected systems (OIDC clients)', () => {
  for (const width of [1280, 375]) {
    test(`the operator registers, re-keys and disables a system (${width}px)`, async () => {
      const { page, problems } = await openPage(browser, width)
      page.on('dialog', (d) => d.accept())
      try {
        await login(page, 'operator')
        await page.goto(`${BASE_URL}/admin/oidc-clients`)
        await page.getByRole('heading', { name: '接入系统（单点登录）' }).waitFor()
        const name = `不动产登记 ${width}`

        // A redirect URI with a fragment is refused, nothing registered.
        await page.getByLabel('系统名称').fill(name)
        await page.getByLabel('回调地址（每行一个）').fill('https://rp.example.gov.cn/cb#top')
        await page.getByRole('button', { name: '登记', exact: true }).click()
        await page.getByTestId('oidc-create-error').filter({ hasText: '回调地址无效' }).waitFor()
        assert.equal(await page.getByLabel('回调地址（每行一个）').getAttribute('aria-invalid'), 'true')

        await page.getByLabel('回调地址（每行一个）').fill('https://rp.example.gov.cn/cb')
        await page.getByRole('button', { name: '登记', exact: true }).click()
        const shown = page.getByTestId('oidc-secret')
        await shown.waitFor()
        const clientId = (await page.getByTestId('oidc-secret-client-id').textContent()).trim()
        const secret = (await page.getByTestId('oidc-secret-value').textContent()).trim()
        assert.match(clientId, /^client_[0-9a-z]{26}$/)
        assert.ok(secret.length >= 43)
        const table = page.getByTestId('oidc-clients')
        await table.filter({ hasText: clientId }).waitFor()
        await assertAccessible(page, `oidc clients ${width}`)
        await assertNoHorizontalOverflow(page, width, `oidc clients ${width}`)
        await screenshot(page, `oidc-admin-clients-${width}`)

        // The secret works at the token endpoint, until it is replaced.
        const basic = (s) => 'Basic ' + Buffer.from(`${clientId}:${s}`).toString('base64')
        const cc = (s) => page.request.post(`${BASE_URL}/oidc/token`, {
          headers: { authorization: basic(s), 'content-type': 'application/x-www-form-urlencoded' },
          data: 'grant_type=client_credentials',
        })
        assert.equal((await cc(secret)).status(), 200)
        await page.getByTestId('oidc-secret').getByRole('button').click()
        await page.getByRole('button', { name: `重置密钥（${name}）` }).click()
        await shown.waitFor()
        const fresh = (await page.getByTestId('oidc-secret-value').textContent()).trim()
        assert.notEqual(fresh, secret)
        assert.equal((await cc(secret)).status(), 401)
        assert.equal((await cc(fresh)).status(), 200)

        await page.getByRole('button', { name: `停用 ${name}` }).click()
        await page.getByText(`已停用“${name}”。`).waitFor()
        assert.equal((await cc(fresh)).status(), 401)
        // The refused registration's 400 is expected; nothing else may fail.
        assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), [])
        assert.equal(problems.length, 1, problems.join('\n'))
      } finally {
        await page.context().close()
      }
    })
  }

  test('a resident is told only platform operators manage systems', async () => {
    const { page } = await openPage(browser, 1280)
    try {
      await login(page, '13800000001')
      await page.goto(`${BASE_URL}/admin/oidc-clients`)
      await page.getByText('只有平台运营人员可以管理接入系统。').waitFor()
      await assertAccessible(page, 'oidc clients forbidden')
    } finally {
      await page.context().close()
    }
  })
})
