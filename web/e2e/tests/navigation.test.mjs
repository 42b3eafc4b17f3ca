// History-mode routing: deep links render the SPA (the server falls back to index.html) and
// unknown paths show the 404 page inside their area; keyboard use; the search box opens the results.
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

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('unknown paths', () => {
  const cases = [
    { path: '/staff/some/unknown', area: '工作人员工作台', home: '/staff' },
    { path: '/admin/no/such/page', area: '运维控制台', home: '/admin' },
    { path: '/no/such/page', area: '政务服务门户', home: '/' },
  ]
  for (const c of cases) {
    test(`deep link ${c.path} renders the SPA and its 404 page`, async () => {
      const { page, problems } = await openPage(browser, 1280)
      try {
        const response = await page.goto(`${BASE_URL}${c.path}`)
        assert.equal(response.status(), 200, 'the server falls back to index.html')
        assert.match(response.headers()['content-type'] ?? '', /^text\/html/)
        await page.getByTestId('not-found').waitFor()
        assert.equal((await page.locator('main h1').textContent()).trim(), '页面不存在')
        assert.match(await page.getByTestId('not-found').textContent(), new RegExp(c.path.replaceAll('/', '\\/')))
        assert.equal((await page.getByTestId('area-name').textContent()).trim(), c.area, '404 inside its area')
        assert.match(await page.title(), /^页面不存在 - 通办$/)
        await assertAccessible(page, `404 at ${c.path}`)
        await screenshot(page, `not-found-${c.home === '/' ? 'portal' : c.home.slice(1)}-1280`)

        // The way back is a client-side navigation to the area's home.
        await page.evaluate(() => (window.__tongbanNoReload = true))
        await page.getByTestId('not-found').getByRole('link').click()
        await page.waitForURL(`${BASE_URL}${c.home}`)
        assert.equal(await page.evaluate(() => window.__tongbanNoReload), true, 'no full page load')
        assert.deepEqual(problems, [], 'no console errors, page errors or failed requests')
      } finally {
        await page.context().close()
      }
    })
  }

  test('404 page fits a 375px screen', async () => {
    const { page, problems } = await openPage(browser, 375)
    try {
      await page.goto(`${BASE_URL}/staff/some/unknown`)
      await page.getByTestId('not-found').waitFor()
      await assertNoHorizontalOverflow(page, 375, '404 at 375px')
      await screenshot(page, 'not-found-staff-375')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})

describe('keyboard and links', () => {
  test('the skip link is the first tab stop and moves focus to main content', async () => {
    const { page } = await openPage(browser, 1280)
    try {
      await page.goto(`${BASE_URL}/`)
      await page.getByTestId('site-header').waitFor()
      await page.keyboard.press('Tab')
      const first = await page.evaluate(() => ({
        text: document.activeElement?.textContent?.trim(),
        top: document.activeElement?.getBoundingClientRect().top,
      }))
      assert.equal(first.text, '跳到主要内容')
      assert.ok(first.top >= 0, 'the focused skip link is on screen')
      await screenshot(page, 'portal-1280-skip-link-focused')
      await page.keyboard.press('Enter')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tb-search-input', 'next stop is the search box')
      assert.equal(new URL(page.url()).hash, '', 'the URL is unchanged')
    } finally {
      await page.context().close()
    }
  })

  test('the area links navigate inside the SPA', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await page.goto(`${BASE_URL}/`)
      await page.evaluate(() => (window.__tongbanNoReload = true))
      await page.getByRole('navigation', { name: '切换区域' }).getByRole('link', { name: '运维控制台' }).click()
      await page.waitForURL(`${BASE_URL}/admin`)
      assert.equal((await page.locator('main h1').textContent()).trim(), '运维控制台')
      assert.match(await page.title(), /^控制台 - 通办$/)
      assert.equal(await page.evaluate(() => window.__tongbanNoReload), true, 'no full page load')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('searching from the home page opens the results page', async () => {
    const { page, problems } = await openPage(browser, 375)
    try {
      await page.goto(`${BASE_URL}/`)
      await page.getByRole('combobox', { name: '搜索办事服务' }).fill('居住证')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/search\?q=/)
      assert.equal(new URL(page.url()).searchParams.get('q'), '居住证')
      const status = page.getByTestId('search-count')
      await status.waitFor()
      assert.match(await status.textContent(), /居住证/)
      await assertNoHorizontalOverflow(page, 375, 'after a search')
      await assertAccessible(page, 'after a search')
      await screenshot(page, 'portal-375-search')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})
