// The accounts pages in the browser against `tongban serve --demo` (docs/demo-accounts.md): the
// operator console's persons (masked search, detail, unmask with a reason, verify in person),
// enterprises and staff (三权分立 errors in Chinese), and the portal's 谁查看了我的信息.
// Accessible (axe: no serious or critical violation) and whole on a 375px screen.
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

const WANG_WU = '13800000003'
const CHEN_JING_ID = '310106197503120687'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

async function personId(page, q) {
  const r = await page.request.get(`${BASE_URL}/api/v1/admin/persons?q=${encodeURIComponent(q)}`)
  assert.equal(r.status(), 200, await r.text())
  const body = await r.json()
  assert.equal(body.items.length, 1, JSON.stringify(body))
  return body.items[0].person_id
}

describe('operator console: persons', () => {
  for (const width of [1280, 375]) {
    test(`an operator finds a person, masked, and the person sees it (${width}px)`, async () => {
      const { page, problems } = await openPage(browser, width)
      try {
        await login(page, 'operator')
        await page.goto(`${BASE_URL}/admin/persons`)
        await page.getByLabel('姓名、手机号码或证件号码').fill('王五')
        await page.getByLabel('查询事由（选填，本人可见）').fill('浏览器测试核对')
        await page.getByRole('button', { name: '查询', exact: true }).click()
        const table = page.getByTestId('persons')
        await table.waitFor()
        const text = await table.textContent()
        assert.match(text, /王五/)
        assert.match(text, /310\*{11}0450/)
        assert.doesNotMatch(text, /310115197812300450/)
        await assertAccessible(page, `persons ${width}`)
        await assertNoHorizontalOverflow(page, width, `persons ${width}`)
        await screenshot(page, `identity-admin-persons-${width}`)

        await page.getByRole('link', { name: '查看 王五' }).click()
        await page.getByTestId('person-detail').waitFor()
        assert.match(await page.getByTestId('assurance-level').textContent(), /L3/)
        await assertAccessible(page, `person detail ${width}`)
        await assertNoHorizontalOverflow(page, width, `person detail ${width}`)
        await screenshot(page, `identity-admin-person-${width}`)
        assert.deepEqual(problems, [])
      } finally {
        await page.context().close()
      }

      const resident = await openPage(browser, width)
      try {
        await login(resident.page, WANG_WU)
        await resident.page.goto(`${BASE_URL}/account/access-log`)
        const log = resident.page.getByTestId('access-log')
        await log.waitFor()
        const text = await log.textContent()
        assert.match(text, /蒋运营（shanghai\.bigdata）/)
        assert.match(text, /浏览器测试核对/)
        assert.match(text, /脱敏查看/)
        await assertAccessible(resident.page, `access log ${width}`)
        await assertNoHorizontalOverflow(resident.page, width, `access log ${width}`)
        await screenshot(resident.page, `identity-access-log-${width}`)
        assert.deepEqual(resident.problems, [])
      } finally {
        await resident.page.context().close()
      }
    })
  }

  test('the security administrator unmasks only with a reason', async () => {
    const { page, problems } = await openPage(browser, 375)
    try {
      await login(page, 'secadmin')
      const id = await personId(page, '王五')
      await page.goto(`${BASE_URL}/admin/persons/${id}`)
      await page.getByTestId('person-detail').waitFor()
      await page.getByLabel('事由（必填，2–200 字）').fill('查')
      await page.getByRole('button', { name: '查看明文' }).click()
      await page.getByText('查看明文须说明事由（至少 2 个字）').waitFor()
      assert.equal(await page.getByTestId('unmasked').count(), 0)
      await page.getByLabel('事由（必填，2–200 字）').fill('投诉核查')
      await page.getByRole('button', { name: '查看明文' }).click()
      await page.getByTestId('unmasked').waitFor()
      assert.match(await page.getByTestId('unmasked').textContent(), /310115197812300450/)
      await assertAccessible(page, 'unmasked')
      await assertNoHorizontalOverflow(page, 375, 'unmasked')
      await screenshot(page, 'identity-admin-unmask-375')
      // The failed attempt answered 400: the console records it as a failed request, nothing else.
      assert.deepEqual(problems.filter((p) => !p.includes('400')), [])
    } finally {
      await page.context().close()
    }
  })

  test('a window officer verifies a person in person', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await login(page, 'market.window')
      const id = await personId(page, '陈静')
      await page.goto(`${BASE_URL}/admin/persons/${id}`)
      await page.getByTestId('person-detail').waitFor()
      assert.match(await page.getByTestId('assurance-level').textContent(), /L2/)
      await page.getByLabel('所出示证件的号码').fill('310104198505152342')
      await page.getByRole('button', { name: '核验' }).click()
      await page.getByText('所出示证件的号码与该账户登记的不一致').waitFor()
      await page.getByLabel('所出示证件的号码').fill(CHEN_JING_ID)
      await page.getByRole('button', { name: '核验' }).click()
      await page.getByText('已完成窗口核验，实名等级为 L3。').waitFor()
      assert.match(await page.getByTestId('assurance-level').textContent(), /L3/)
      await assertAccessible(page, 'verified')
      assert.deepEqual(problems.filter((p) => !p.includes('409')), [])
    } finally {
      await page.context().close()
    }
  })
})

describe('operator console: enterprises and staff', () => {
  test('the operator sees the demo enterprises', async () => {
    for (const width of [1280, 375]) {
      const { page, problems } = await openPage(browser, width)
      try {
        await login(page, 'operator')
        await page.goto(`${BASE_URL}/admin/enterprises`)
        const table = page.getByTestId('enterprises')
        await table.waitFor()
        assert.match(await table.textContent(), /91310101MA1FL0D18X/)
        await assertAccessible(page, `enterprises ${width}`)
        await assertNoHorizontalOverflow(page, width, `enterprises ${width}`)
        await screenshot(page, `identity-admin-enterprises-${width}`)
        assert.deepEqual(problems, [])
      } finally {
        await page.context().close()
      }
    }
  })

  test('roles: separation of duties is refused in Chinese, a staff role is saved', async () => {
    const setup = await openPage(browser, 1280)
    const username = `e2e.${Date.now().toString(36)}`
    try {
      await login(setup.page, 'sysadmin')
      const r = await setup.page.request.post(`${BASE_URL}/api/v1/admin/staff`, {
        data: { username, name: '测试员', department_id: 'shanghai.housing' },
        headers: { 'X-CSRF-Token': await csrfOf(setup.page) },
      })
      assert.equal(r.status(), 201, await r.text())
    } finally {
      await setup.page.context().close()
    }
    for (const width of [375]) {
      const { page, problems } = await openPage(browser, width)
      try {
        await login(page, 'secadmin')
        await page.goto(`${BASE_URL}/admin/staff`)
        await page.getByTestId('staff').waitFor()
        await page.getByRole('button', { name: '分配角色：测试员' }).click()
        await page.getByLabel('系统管理员').check()
        await page.getByLabel('审计管理员').check()
        await page.getByRole('button', { name: '保存角色' }).click()
        const error = page.getByTestId('roles-error')
        await error.filter({ hasText: /[\u4e00-\u9fff]/ }).waitFor()
        await assertAccessible(page, `staff roles error ${width}`)
        await assertNoHorizontalOverflow(page, width, `staff ${width}`)
        await screenshot(page, `identity-admin-staff-sod-${width}`)
        await page.getByLabel('系统管理员').uncheck()
        await page.getByLabel('审计管理员').uncheck()
        await page.getByLabel('审批人员').check()
        await page.getByRole('button', { name: '保存角色' }).click()
        await page.getByText('已保存 测试员 的角色。').waitFor()
        assert.deepEqual(problems.filter((p) => !p.includes('400')), [])
      } finally {
        await page.context().close()
      }
    }
  })
})
