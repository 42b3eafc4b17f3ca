// Each area as a person meets it: loads with header and footer, switches to English, switches on
// elderly mode, stays accessible (axe: no serious or critical violation) and fits a phone screen.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  BASE_URL,
  WIDTHS,
  assertAccessible,
  assertNoHorizontalOverflow,
  htmlState,
  launchBrowser,
  openPage,
  screenshot,
} from '../lib/harness.mjs'

const AREAS = [
  {
    id: 'portal',
    path: '/',
    zh: { area: '政务服务门户', heading: '欢迎使用通办', health: '服务正常' },
    en: { area: 'Public services portal', heading: 'Welcome to Tongban', health: 'Service OK' },
  },
  {
    id: 'staff',
    path: '/staff',
    zh: { area: '工作人员工作台', heading: '工作人员工作台' },
    en: { area: 'Staff workbench', heading: 'Staff workbench' },
  },
  {
    id: 'admin',
    path: '/admin',
    zh: { area: '运维控制台', heading: '运维控制台', health: '服务正常' },
    en: { area: 'Operator console', heading: 'Operator console', health: 'Service OK' },
  },
]

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

/** Header, nav, main and footer are there and the texts are those of `texts`. */
async function assertShell(page, texts, what) {
  for (const testId of ['site-header', 'site-footer']) {
    assert.ok(await page.getByTestId(testId).isVisible(), `${testId} visible (${what})`)
  }
  assert.ok(await page.locator('header nav').first().isVisible(), `nav visible (${what})`)
  assert.ok(await page.locator('main#main').isVisible(), `main visible (${what})`)
  assert.equal((await page.getByTestId('area-name').textContent()).trim(), texts.area, `area name (${what})`)
  assert.equal((await page.locator('main h1').textContent()).trim(), texts.heading, `page heading (${what})`)
  if (texts.health) {
    const health = page.locator('[data-testid="health-status"]:not([data-state="checking"])')
    await health.waitFor()
    assert.equal(await health.getAttribute('data-state'), 'ok', `GET /healthz answered ok (${what})`)
    assert.match(await health.textContent(), new RegExp(texts.health), `health text (${what})`)
  }
}

async function checkState(page, width, name, what) {
  await assertAccessible(page, what)
  if (width < 600) await assertNoHorizontalOverflow(page, width, what)
  await screenshot(page, name)
}

for (const area of AREAS) {
  describe(`${area.id} area (${area.path})`, () => {
    for (const width of WIDTHS) {
      test(`at ${width}px: loads in Chinese, switches to English and elderly mode, stays accessible`, async () => {
        const { page, problems } = await openPage(browser, width)
        try {
          const response = await page.goto(`${BASE_URL}${area.path}`)
          assert.equal(response.status(), 200, 'document status')
          await page.getByTestId('site-header').waitFor()

          // Chinese by default.
          let state = await htmlState(page)
          assert.equal(state.lang, 'zh-CN', '<html lang> by default')
          assert.equal(state.elderly, false, 'elderly mode off by default')
          const normalRootPx = state.rootFontPx
          const normalHeadingPx = await page.locator('main h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize))
          await assertShell(page, area.zh, 'zh-CN')
          await checkState(page, width, `${area.id}-${width}-zh`, 'zh-CN')

          // English.
          await page.getByTestId('locale-switch').click()
          await page.waitForFunction(() => document.documentElement.lang === 'en')
          await assertShell(page, area.en, 'en')
          assert.match(await page.title(), / - Tongban$/, 'document title in English')
          await checkState(page, width, `${area.id}-${width}-en`, 'en')
          await page.reload()
          await page.getByTestId('site-header').waitFor()
          assert.equal((await htmlState(page)).lang, 'en', 'English kept after reload')
          await assertShell(page, area.en, 'en after reload')

          // Elderly mode (适老化), switched by its visible label as a person would.
          await page.locator('label[for="tb-elderly-switch"]').click()
          await page.waitForFunction(() => document.documentElement.classList.contains('tb-elderly'))
          state = await htmlState(page)
          assert.ok(state.rootFontPx >= 20, `elderly base font >= 20px, got ${state.rootFontPx}`)
          assert.ok(state.rootFontPx > normalRootPx, 'elderly base font larger than normal')
          const elderlyHeadingPx = await page.locator('main h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize))
          assert.ok(elderlyHeadingPx > normalHeadingPx, `heading grows: ${normalHeadingPx} -> ${elderlyHeadingPx}`)
          assert.equal(
            await page.getByRole('switch', { name: /Elderly mode/ }).getAttribute('aria-checked'),
            'true',
            'switch reports its state',
          )
          await checkState(page, width, `${area.id}-${width}-en-elderly`, 'en, elderly')

          // Back to Chinese, elderly mode still on; both survive a reload.
          await page.getByTestId('locale-switch').click()
          await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
          await assertShell(page, area.zh, 'zh-CN, elderly')
          await checkState(page, width, `${area.id}-${width}-zh-elderly`, 'zh-CN, elderly')
          await page.reload()
          await page.getByTestId('site-header').waitFor()
          state = await htmlState(page)
          assert.deepEqual([state.lang, state.elderly], ['zh-CN', true], 'choices kept after reload')

          assert.deepEqual(problems, [], 'no console errors, page errors or failed requests')
        } finally {
          await page.context().close()
        }
      })
    }
  })
}
