// Authentication pages in the browser against `tongban serve --demo`: register through the page
// with a code from the developer SMS inbox, log in through the login page (password and code
// tabs) following ?return_to= only to same-site paths, my account (masked profile, sessions,
// revoke, log out everywhere), the header's name and log out. Accessible (axe: no serious or
// critical violation) and whole on a 375px screen.
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

const PASSWORD = 'browser test secret'

function residentId(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i]
  return body17 + '10X98765432'[sum % 11]
}

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

async function codeFromInbox(page, phone, template) {
  for (let i = 0; i < 100; i++) {
    const r = await page.request.get(`${BASE_URL}/api/v1/dev/sms-inbox`)
    assert.equal(r.status(), 200, await r.text())
    const m = (await r.json()).items.find((x) => x.phone === phone && x.template_id === template)
    if (m) return m.text.match(/\d{6}/)[0]
    await page.waitForTimeout(100)
  }
  throw new Error(`no ${template} code for ${phone}`)
}

async function registerThroughPage(page, width, phone, id) {
  await page.goto(`${BASE_URL}/register`)
  await page.getByLabel('姓名').fill('赵六')
  await page.getByLabel('证件号码').fill(id)
  await page.getByLabel('手机号').fill(phone)
  await page.getByTestId('send-code').click()
  await page.getByText('验证码已发送').waitFor()
  await assertAccessible(page, `register ${width}`)
  await assertNoHorizontalOverflow(page, width, `register ${width}`)
  await screenshot(page, `identity-register-${width}`)
  await page.getByLabel('短信验证码').fill(await codeFromInbox(page, phone, 'otp_register'))
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
  await page.getByLabel('确认密码').fill(PASSWORD)
  await page.getByTestId('reg-submit').click()
  await page.waitForURL(`${BASE_URL}/account`)
}

describe('register, log in, my account', () => {
  for (const width of [1280, 375]) {
    test(`register through the page, then log in through the login page (${width}px)`, async () => {
      const phone = width === 375 ? '13500000375' : '13500001280'
      const id = residentId(width === 375 ? '11010519900307123' : '11010519900307124')
      const { page, problems } = await openPage(browser, width)
      try {
        await registerThroughPage(page, width, phone, id)
        const profile = page.getByTestId('account-profile')
        await profile.waitFor()
        assert.equal(await page.getByTestId('account-phone').textContent(), `${phone.slice(0, 3)}****${phone.slice(7)}`)
        assert.match(await page.getByTestId('account-id-number').textContent(), /^110\*{11}\d{3}[0-9X]$/)
        assert.doesNotMatch(await page.textContent('body'), new RegExp(id))
        await page.getByTestId('session-user').waitFor()
        assert.match(await page.getByTestId('session-user').textContent(), /赵六/)
        await assertAccessible(page, `account ${width}`)
        await assertNoHorizontalOverflow(page, width, `account ${width}`)
        await screenshot(page, `identity-account-${width}`)

        // Log out from the header, then log in through the page with a return_to.
        await page.getByTestId('logout').click()
        await page.waitForURL(`${BASE_URL}/login`)
        await page.goto(`${BASE_URL}/login?return_to=${encodeURIComponent('/account/access-log')}`)
        await page.getByLabel('登录名').fill(phone)
        await page.getByLabel('密码', { exact: true }).fill('wrong password')
        await page.getByTestId('login-submit').click()
        assert.match(await page.getByTestId('login-error').textContent(), /登录名或密码错误/)
        await assertAccessible(page, `login error ${width}`)
        await assertNoHorizontalOverflow(page, width, `login ${width}`)
        await screenshot(page, `identity-login-${width}`)
        await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
        await page.getByTestId('login-submit').click()
        await page.waitForURL(`${BASE_URL}/account/access-log`)
        await page.getByTestId('session-user').waitFor()
        // The wrong password's 401 is expected; a navigation may abort a favicon fetch.
        assert.deepEqual(problems.filter((p) => !/401|Unauthorized|ERR_ABORTED/.test(p)), [])
      } finally {
        await page.context().close()
      }
    })
  }

  test('return_to leaves the site only for same-site paths', async () => {
    const { page } = await openPage(browser, 1280)
    try {
      await page.goto(`${BASE_URL}/login?return_to=${encodeURIComponent('//evil.example/x')}`)
      await page.getByLabel('登录名').fill('13500001280')
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD)
      await page.getByTestId('login-submit').click()
      await page.waitForURL(`${BASE_URL}/account`)
    } finally {
      await page.context().close()
    }
  })

  test('code login through the tab, sessions listed and revoked, log out everywhere', async () => {
    const phone = '13500001280'
    const other = await openPage(browser, 1280)
    const { page } = await openPage(browser, 375)
    try {
      await login(other.page, phone, PASSWORD)

      await page.goto(`${BASE_URL}/login`)
      await page.getByTestId('tab-code').click()
      await page.getByLabel('手机号').fill(phone)
      await page.getByTestId('send-code').click()
      await page.getByText('验证码已发送').waitFor()
      await page.getByLabel('短信验证码').fill(await codeFromInbox(page, phone, 'otp_login'))
      await assertAccessible(page, 'code login 375')
      await page.getByTestId('login-submit').click()
      await page.waitForURL(`${BASE_URL}/account`)
      const rows = page.getByTestId('revoke-session')
      await page.getByTestId('account-sessions').waitFor()
      assert.ok((await rows.count()) >= 2)

      // Revoke a session that is not this one: the other browser is logged out.
      const sessions = await (await page.request.get(`${BASE_URL}/api/v1/me/sessions`)).json()
      const index = sessions.items.findIndex((s) => !s.current)
      await rows.nth(index).click()
      await page.getByText('已退出该设备上的登录').waitFor()
      // The other browser may have been a different session than the one revoked; log out
      // everywhere ends them all.
      await page.getByTestId('logout-everywhere').click()
      await page.waitForURL(`${BASE_URL}/login`)
      assert.equal((await other.page.request.get(`${BASE_URL}/api/v1/me`)).status(), 401)
      assert.equal((await page.request.get(`${BASE_URL}/api/v1/me`)).status(), 401)
    } finally {
      await page.context().close()
      await other.page.context().close()
    }
  })

  test('an agent chooses on whose behalf right after logging in', async () => {
    const { page } = await openPage(browser, 375)
    try {
      await page.goto(`${BASE_URL}/login`)
      await page.getByLabel('登录名').fill('13800000006') // demo agent 刘洋 (docs/demo-accounts.md)
      await page.getByLabel('密码', { exact: true }).fill('Tongban-Demo-2026')
      await page.getByTestId('login-submit').click()
      await page.waitForURL(/\/account\/acting-for\?return_to=/)
    } finally {
      await page.context().close()
    }
  })

  test('the developer SMS inbox page shows the codes (demo mode)', async () => {
    const { page, problems } = await openPage(browser, 375)
    try {
      await page.goto(`${BASE_URL}/dev/inbox`)
      await page.getByTestId('inbox').waitFor()
      assert.match(await page.getByTestId('inbox').textContent(), /【通办】您的注册验证码是 \d{6}/)
      await assertAccessible(page, 'dev inbox 375')
      await assertNoHorizontalOverflow(page, 375, 'dev inbox 375')
      await screenshot(page, 'identity-dev-inbox-375')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})
