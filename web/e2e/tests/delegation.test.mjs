// 法人多级授权 in the browser, against `tongban serve --demo` (docs/demo-accounts.md): an agent
// chooses on whose behalf to act; an enterprise administrator grants and revokes at
// /enterprise/agents; my grants. Accessible (axe) and whole on a 375px screen.
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
import { csrfOf, login } from '../lib/login.mjs'

const LIU_YANG = '13800000006' // demo agent of 上海通办示范科技有限公司 (apply, all services)
const ZHAO_MIN = '13800000004' // its legal representative
const ZHANG_SAN = '13800000001' // appointed administrator below
const CHAN = '13800000009' // granted and revoked below
const DEMO_USCC = '91310101MA1FL0D18X'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('choose on whose behalf', () => {
  for (const width of [1280, 375]) {
    test(`an agent acts for the enterprise that granted him (${width}px)`, async () => {
      const { page, problems } = await openPage(browser, width)
      try {
        await login(page, LIU_YANG)
        await page.goto(`${BASE_URL}/account/acting-for`)
        const options = page.getByTestId('principal')
        await options.first().waitFor()
        assert.equal(await options.count(), 2, 'himself and the enterprise')
        await assertAccessible(page, `acting-for ${width}`)
        await assertNoHorizontalOverflow(page, width, `acting-for ${width}`)
        await options.filter({ hasText: '上海通办示范科技有限公司' }).locator('input').check()
        await page.getByRole('button', { name: '确认' }).click()
        await page.getByTestId('acting-done').waitFor()
        const me = await page.request.get(`${BASE_URL}/api/v1/me`)
        assert.equal((await me.json()).acting_for?.enterprise_name, '上海通办示范科技有限公司')
        await screenshot(page, `delegation-acting-for-${width}`)

        await page.goto(`${BASE_URL}/account/grants`)
        await page.getByTestId('held-grants').getByTestId('grant-card').first().waitFor()
        assert.match(await page.getByTestId('held-grants').textContent(), /上海通办示范科技有限公司/)
        await assertAccessible(page, `my grants ${width}`)
        await assertNoHorizontalOverflow(page, width, `my grants ${width}`)
        await screenshot(page, `delegation-my-grants-${width}`)
        assert.deepEqual(problems, [])
      } finally {
        await page.context().close()
      }
    })
  }
})

describe('not logged in', () => {
  test('the acting-for page asks to log in and comes back after', async () => {
    const { page } = await openPage(browser, 375)
    try {
      await page.goto(`${BASE_URL}/account/acting-for`)
      const link = page.getByRole('link', { name: '去登录' })
      await link.waitFor()
      await assertAccessible(page, 'acting-for, anonymous')
      await assertNoHorizontalOverflow(page, 375, 'acting-for, anonymous')
      await link.click()
      await page.waitForURL(/\/login\?return_to=/)
      assert.equal(new URL(page.url()).searchParams.get('return_to'), '/account/acting-for')
    } finally {
      await page.context().close()
    }
  })
})

describe('enterprise agents', () => {
  test('an administrator grants an agent and revokes the grant', async () => {
    // Setup through the API: the operator finds the enterprise, its legal representative
    // appoints 张三 as administrator.
    const setup = await browser.newContext()
    const api = await setup.newPage()
    let enterpriseId = ''
    try {
      await login(api, 'operator')
      const found = await (await api.request.get(`${BASE_URL}/api/v1/admin/enterprises?limit=100`)).json()
      enterpriseId = found.items.find((e) => e.uscc === DEMO_USCC).enterprise_id
      await setup.clearCookies()
      await login(api, ZHAO_MIN)
      const appointed = await api.request.post(`${BASE_URL}/api/v1/enterprises/${enterpriseId}/administrators`, {
        data: { login: ZHANG_SAN },
        headers: { 'X-CSRF-Token': await csrfOf(api) },
      })
      assert.ok([201, 409].includes(appointed.status()), await appointed.text())
    } finally {
      await setup.close()
    }

    const { page, problems } = await openPage(browser, 375)
    try {
      await login(page, ZHANG_SAN)
      await page.goto(`${BASE_URL}/enterprise/agents`)
      await page.getByTestId('enterprise-grants').getByTestId('grant-card').first().waitFor()
      assert.match(await page.getByTestId('enterprise-grants').textContent(), /刘洋/)
      await assertAccessible(page, 'enterprise agents')
      await assertNoHorizontalOverflow(page, 375, 'enterprise agents')

      await page.getByLabel('经办人手机号或证件号码').fill(CHAN)
      await page.getByLabel('全部事项').uncheck()
      await page.getByLabel('事项或类别编码').fill('C01, C02-0003')
      await page.getByLabel('仅查看').check()
      await page.getByRole('button', { name: '授权', exact: true }).click()
      const card = page.getByTestId('enterprise-grants').getByTestId('grant-card').filter({ hasText: '陳大文' })
      await card.first().waitFor()
      assert.match(await card.first().textContent(), /C01、C02-0003/)
      assert.match(await card.first().textContent(), /仅查看/)
      await screenshot(page, 'delegation-enterprise-agents-375')

      // A bad grant is refused with the server's reason, in Chinese.
      await page.getByLabel('经办人手机号或证件号码').fill('13999999999')
      await page.getByRole('button', { name: '授权', exact: true }).click()
      await page.getByTestId('grant-form-error').waitFor()
      assert.match(await page.getByTestId('grant-form-error').textContent(), /未找到/)

      page.once('dialog', (d) => d.accept())
      await card.first().getByRole('button', { name: /撤销/ }).click()
      await page.getByTestId('agents-notice').waitFor()
      await card.first().getByText('已撤销').waitFor()
      await assertAccessible(page, 'enterprise agents after revoke')
      // The browser logs the refused grant's 400; nothing else went wrong.
      assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 400 (Bad Request)'])
    } finally {
      await page.context().close()
    }
  })
  test('the legal representative sees administrators and the intermediary (1280px)', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await login(page, ZHAO_MIN)
      await page.goto(`${BASE_URL}/enterprise/agents`)
      await page.getByTestId('enterprise-grants').getByTestId('grant-card').first().waitFor()
      assert.match(await page.getByTestId('enterprise-grants').textContent(), /上海代办通企业服务有限公司/)
      assert.ok(await page.getByRole('button', { name: '任命管理员' }).isVisible(), 'the appoint form is hers')
      await assertAccessible(page, 'enterprise agents as legal representative')
      await assertNoHorizontalOverflow(page, 1280, 'enterprise agents as legal representative')
      await screenshot(page, 'delegation-enterprise-agents-legal-rep-1280')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})
