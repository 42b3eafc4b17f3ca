// The catalog's operator console (/admin/catalog/…) in the browser against `tongban serve --demo`:
// the platform operator creates an item with a material and a window; 检查 shows the server's
// Chinese message for a committed limit above the statutory one next to that field; fixed, saved,
// previewed and published, the public guide shows it; retired, the public no longer gets it. A
// department administrator may edit only their department's items. The import page refuses a bad
// file with a report of every rejected record and applies nothing. Accessible (axe: no serious or
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
import { csrfOf, login } from '../lib/login.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const CJK = /[\u4e00-\u9fff]/
const fieldError = (page, pointer) => page.locator(`[data-testid="cadmin-field-error"][data-pointer="${pointer}"]`)
const control = (page, pointer) => page.locator(`#ce${pointer.replace(/[^A-Za-z0-9_]/g, '-')}`)

describe('operator console: the service catalog', () => {
  for (const width of [1280, 375]) {
    test(`the operator creates, checks, saves, previews, publishes and retires an item (${width}px)`, async () => {
      const { page, problems } = await openPage(browser, width)
      page.on('dialog', (d) => d.accept())
      const code = `E2E-CADMIN-${width}-${Date.now().toString(36)}`
      const name = `演示事项 ${width} 号`
      try {
        await login(page, 'operator')
        await page.goto(`${BASE_URL}/admin/catalog/items`)
        await page.getByRole('heading', { level: 1, name: '事项管理' }).waitFor()
        await page.getByTestId('cadmin-items').waitFor()
        await assertAccessible(page, `items ${width}`)
        await assertNoHorizontalOverflow(page, width, `items ${width}`)
        await screenshot(page, `catalog-admin-items-${width}`)

        await page.getByTestId('cadmin-new-item').click()
        await page.getByRole('heading', { level: 1, name: '新建事项' }).waitFor()
        await control(page, '/code').fill(code)
        await control(page, '/name').fill(name)
        await control(page, '/summary').fill('浏览器测试创建的演示事项。')
        await control(page, '/department_code').selectOption('shanghai.market')
        await control(page, '/category').fill('市场监管')
        await control(page, '/power_code').selectOption({ index: 1 })
        await control(page, '/statutory_limit_days').fill('5')
        await control(page, '/committed_limit_days').fill('10')

        await page.getByTestId('cadmin-add-material').click()
        await control(page, '/materials/0/name').fill('营业执照')
        await control(page, '/materials/0/source').selectOption('e_licence')
        await control(page, '/materials/0/replaced_by_licence').selectOption('business_licence')
        await control(page, '/materials/0/paper_copies').fill('1')
        await control(page, '/materials/0/necessity').selectOption('required')
        await page.getByTestId('cadmin-add-window').click()
        await control(page, '/windows/0/name').fill('市市场监管局受理窗口')
        await control(page, '/windows/0/address').fill('上海市黄浦区演示路 1 号')
        await control(page, '/windows/0/hours').fill('周一至周五 9:00-17:00')

        // 检查: the server's rule, in Chinese, next to the committed limit; the field marked invalid.
        await page.getByTestId('cadmin-check').click()
        await page.getByTestId('cadmin-errors').waitFor()
        const committedError = fieldError(page, '/committed_limit_days')
        await committedError.filter({ hasText: '承诺' }).waitFor()
        assert.match(await committedError.textContent(), CJK)
        assert.equal(await control(page, '/committed_limit_days').getAttribute('aria-invalid'), 'true')
        await assertAccessible(page, `editor with errors ${width}`)
        await assertNoHorizontalOverflow(page, width, `editor ${width}`)
        await screenshot(page, `catalog-admin-editor-errors-${width}`)

        // Fixed: the check passes, the draft is saved as version 1, the address is the editor's.
        await control(page, '/committed_limit_days').fill('3')
        await page.getByTestId('cadmin-check').click()
        await page.getByTestId('cadmin-check-ok').waitFor()
        assert.equal(await committedError.textContent(), '')
        await page.getByTestId('cadmin-save').click()
        await page.getByTestId('cadmin-notice').filter({ hasText: '已保存草稿（第 1 版）' }).waitFor()
        await page.waitForURL(`**/admin/catalog/items/${code}/edit`)
        await page.getByTestId('cadmin-item-state').filter({ hasText: '正在编辑草稿' }).waitFor()

        // Someone else saves the draft meanwhile: this page's save is refused as stale, with a
        // way to reload the latest draft.
        const draft = (await (await page.request.get(`${BASE_URL}/api/v1/catalog/items/${code}/versions/1`)).json()).item
        const other = await page.request.put(`${BASE_URL}/api/v1/catalog/items/${code}/draft`, {
          headers: { 'x-csrf-token': await csrfOf(page) },
          data: { item: { ...draft, summary: '另一位运营人员修改的概述。' }, base_updated_at: draft.updated_at },
        })
        assert.equal(other.status(), 200, await other.text())
        await control(page, '/summary').fill('本页的修改。')
        await page.getByTestId('cadmin-save').click()
        await page.getByTestId('cadmin-stale').filter({ hasText: '草稿已被他人修改' }).waitFor()
        await page.getByTestId('cadmin-stale').getByRole('button', { name: '重新加载' }).click()
        await page.waitForFunction(() => document.getElementById('ce-summary')?.value === '另一位运营人员修改的概述。')
        assert.equal(await page.getByTestId('cadmin-stale').count(), 0)

        // 预览: the guide with the material and the window.
        await page.getByTestId('cadmin-preview-toggle').click()
        const preview = page.getByTestId('cadmin-preview')
        await preview.filter({ hasText: '营业执照' }).filter({ hasText: '市市场监管局受理窗口' }).waitFor()
        assert.match(await preview.textContent(), /3 个工作日/)
        await assertAccessible(page, `preview ${width}`)
        await screenshot(page, `catalog-admin-preview-${width}`)

        // 发布 today; the public guide shows it.
        await page.getByTestId('cadmin-publish').click()
        await page.getByTestId('cadmin-notice').filter({ hasText: '已发布第 1 版' }).waitFor()
        await page.getByTestId('cadmin-versions').filter({ hasText: '已发布' }).waitFor()
        // Each version has its page: the guide as it was.
        await page.getByTestId('cadmin-versions').getByRole('link', { name: '第 1 版' }).click()
        await page.getByRole('heading', { level: 1, name: `${code} 第 1 版` }).waitFor()
        await page.getByTestId('cadmin-preview').filter({ hasText: '营业执照' }).waitFor()
        await assertAccessible(page, `version page ${width}`)
        await page.getByRole('link', { name: '← 返回事项编辑' }).click()
        await page.getByTestId('cadmin-retire').waitFor()
        const publicPage = await page.context().newPage()
        await publicPage.goto(`${BASE_URL}/items/${encodeURIComponent(code)}`)
        await publicPage.getByRole('heading', { level: 1, name }).waitFor()
        await publicPage.getByText('市市场监管局受理窗口').first().waitFor()
        await publicPage.close()

        // 停用 (confirmed): the public no longer gets the item.
        await page.getByTestId('cadmin-retire').click()
        await page.getByTestId('cadmin-notice').filter({ hasText: `已停用“${name}”` }).waitFor()
        const gone = await page.request.get(`${BASE_URL}/api/v1/catalog/items/${encodeURIComponent(code)}`)
        assert.equal(gone.status(), 404)
        await page.getByTestId('cadmin-versions').filter({ hasText: '已停用' }).waitFor()
        // The stale save's 409 is expected; nothing else may fail.
        assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), [])
        assert.equal(problems.length, 1, problems.join('\n'))
      } finally {
        await page.context().close()
      }
    })
  }

  test('a department administrator may edit only their department’s items', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await login(page, 'market.admin')
      await page.goto(`${BASE_URL}/admin/catalog/items`)
      const table = page.getByTestId('cadmin-items')
      await table.waitFor()
      // Drafts and all statuses: their department only, every row editable.
      const own = table.locator('tbody tr')
      assert.ok((await own.count()) > 0)
      for (const row of await own.all()) {
        assert.match(await row.textContent(), /市场监督管理局/)
        assert.equal(await row.getByTestId('cadmin-edit').count(), 1)
      }
      // Published items of every department: only their own department's rows are editable.
      await page.getByLabel('状态').selectOption('published')
      await page.getByRole('link', { name: /^查看 / }).first().waitFor()
      let others = 0
      for (const row of await table.locator('tbody tr').all()) {
        const editable = (await row.getByTestId('cadmin-edit').count()) === 1
        const ownRow = /上海市市场监督管理局/.test(await row.locator('td').nth(2).textContent())
        assert.equal(editable, ownRow, await row.textContent())
        if (!ownRow) others += 1
      }
      assert.ok(others > 0, 'the first page lists other departments’ items too')
      // Another department's item opens read-only: no save, no publish.
      await page.getByRole('link', { name: /^查看 / }).first().click()
      await page.getByTestId('cadmin-read-only').waitFor()
      assert.equal(await page.getByTestId('cadmin-save').count(), 0)
      assert.equal(await page.getByTestId('cadmin-publish').count(), 0)
      await page.getByTestId('cadmin-preview').waitFor()
      await assertAccessible(page, 'read-only item')
      // The nav offers the items, not the operator's life events and import.
      const nav = page.getByRole('navigation', { name: '主导航' })
      await nav.getByRole('link', { name: '事项管理' }).waitFor()
      assert.equal(await nav.getByRole('link', { name: '导入导出' }).count(), 0)
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('a demo item with questions and situations opens whole, passes 检查, and an uncovered answer is named', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await login(page, 'operator')
      await page.goto(`${BASE_URL}/admin/catalog/items`)
      await page.getByLabel('名称或编码').fill('普通护照签发')
      await page.getByRole('button', { name: '查询', exact: true }).click()
      await page.getByRole('link', { name: '编辑 普通护照签发', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: '编辑事项：普通护照签发' }).waitFor()
      const situations = page.locator('[id^="ce-situations-"][id$="-name"]')
      await situations.first().waitFor()
      const count = await situations.count()
      assert.ok(count >= 2, `situations: ${count}`)
      await page.getByTestId('cadmin-check').click()
      await page.getByTestId('cadmin-check-ok').waitFor()
      await assertAccessible(page, 'editor with situations')

      // Removing the last situation leaves an answer combination uncovered: named on the situations.
      await page.getByRole('button', { name: `删除情形 ${count}` }).click()
      await page.getByTestId('cadmin-check').click()
      await fieldError(page, '/situations').filter({ hasText: '未被任何办理情形覆盖' }).waitFor()
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the operator bundles items into a life event, publishes and retires it (375px)', async () => {
    const { page, problems } = await openPage(browser, 375)
    page.on('dialog', (d) => d.accept())
    const code = `le.e2e-${Date.now().toString(36)}`
    try {
      await login(page, 'operator')
      await page.goto(`${BASE_URL}/admin/catalog/life-events`)
      await page.getByTestId('cadmin-life-events').filter({ hasText: '结婚' }).waitFor()
      await assertAccessible(page, 'life events')
      await page.getByTestId('cadmin-new-life-event').click()
      await control(page, '/code').fill(code)
      await control(page, '/name').fill('浏览器测试一件事')
      await control(page, '/summary').fill('把两个事项打包办理。')
      await control(page, '/lead_department_code').selectOption('shanghai.civil_affairs')
      await page.getByLabel('查找事项').fill('结婚登记')
      await page.getByRole('button', { name: '添加“结婚登记”' }).click()
      await page.getByTestId('cadmin-save').click()
      await fieldError(page, '/item_codes').filter({ hasText: '一件事至少包含 2 个事项' }).waitFor()
      await page.getByLabel('查找事项').fill('户籍证明')
      await page.getByRole('button', { name: /^添加“户籍证明/ }).first().click()
      await page.getByRole('button', { name: /^上移 户籍证明/ }).click()
      const order = await page.getByTestId('cadmin-le-items').locator('li').allTextContents()
      assert.match(order[0], /户籍证明/)
      assert.match(order[1], /结婚登记/)
      await page.getByTestId('cadmin-save').click()
      await page.getByTestId('cadmin-notice').filter({ hasText: '已保存草稿（第 1 版）' }).waitFor()
      await page.waitForURL(`**/admin/catalog/life-events/${code}/edit`)
      await page.getByRole('button', { name: '预览' }).click()
      await page.getByTestId('cadmin-preview').filter({ hasText: '结婚登记' }).waitFor()
      await assertAccessible(page, 'life event editor')
      await assertNoHorizontalOverflow(page, 375, 'life event editor')
      await screenshot(page, 'catalog-admin-life-event-375')
      await page.getByRole('button', { name: '发布', exact: true }).click()
      await page.getByTestId('cadmin-notice').filter({ hasText: '已发布第 1 版' }).waitFor()
      const published = await page.request.get(`${BASE_URL}/api/v1/catalog/life-events/${code}`)
      assert.equal(published.status(), 200)
      assert.deepEqual((await published.json()).life_event.item_codes.length, 2)
      await page.getByRole('button', { name: '停用', exact: true }).click()
      await page.getByTestId('cadmin-notice').filter({ hasText: '已停用' }).waitFor()
      assert.equal((await page.request.get(`${BASE_URL}/api/v1/catalog/life-events/${code}`)).status(), 404)
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the export downloads the catalog, and importing it back changes nothing', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await login(page, 'operator')
      await page.goto(`${BASE_URL}/admin/catalog/transfer`)
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cadmin-export').click()])
      const path = await download.path()
      const exported = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8'))
      assert.equal(exported.format, 'tongban.catalog/1')
      assert.ok(exported.items.length >= 200)

      await page.getByTestId('cadmin-import-file').setInputFiles(path)
      await page.getByTestId('cadmin-dry-run').click()
      const report = page.getByTestId('cadmin-report')
      await report.filter({ hasText: '没有被拒绝的记录' }).waitFor()
      await page.getByTestId('cadmin-apply').click()
      await page.getByTestId('cadmin-transfer-notice').filter({ hasText: '导入完成' }).waitFor()
      await report.filter({ hasText: '导入结果' }).waitFor()
      // Every record came back unchanged: nothing inserted or replaced.
      const count = (label) => report.locator('div').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd')
      const records = ['regions', 'departments', 'powers', 'licence_types', 'data_items', 'items', 'life_events']
        .map((k) => exported[k].length)
        .reduce((a, b) => a + b, 0)
      assert.equal(await count('未变化').textContent(), String(records))
      assert.equal(await count('事项版本').textContent(), '0')
      assert.equal(await count('一件事版本').textContent(), '0')
      await assertAccessible(page, 'import applied')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the console reads in English, the server’s messages too', async () => {
    const { page, problems } = await openPage(browser, 1280)
    try {
      await page.addInitScript(() => window.localStorage.setItem('tongban.locale', 'en'))
      await login(page, 'operator')
      await page.goto(`${BASE_URL}/admin/catalog/items`)
      await page.getByRole('heading', { level: 1, name: 'Service items' }).waitFor()
      await page.getByTestId('cadmin-new-item').click()
      await page.getByRole('heading', { level: 1, name: 'New item' }).waitFor()
      await control(page, '/name').fill('English check')
      await control(page, '/department_code').selectOption('shanghai.market')
      await control(page, '/statutory_limit_days').fill('1')
      await control(page, '/committed_limit_days').fill('2')
      await page.getByTestId('cadmin-check').click()
      await fieldError(page, '/committed_limit_days').filter({ hasText: 'exceeds' }).waitFor()
      await assertAccessible(page, 'editor in English')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  for (const width of [1280, 375]) {
    test(`the import page refuses a bad file with a report and applies nothing (${width}px)`, async () => {
      const { page, problems } = await openPage(browser, width)
      try {
        await login(page, 'operator')
        const exported = await (await page.request.get(`${BASE_URL}/api/v1/catalog/export`)).json()
        const sample = exported.items.find((i) => i.status === 'published')
        const bad = {
          ...sample,
          code: `E2E-BAD-${width}-${Date.now().toString(36)}`,
          version: 1,
          status: 'draft',
          department_code: 'no.such_department',
          statutory_limit_days: 2,
          committed_limit_days: 9,
        }
        const document = {
          format: 'tongban.catalog/1',
          regions: [],
          departments: [],
          powers: [],
          licence_types: [],
          data_items: [],
          items: [bad],
          life_events: [],
        }
        await page.goto(`${BASE_URL}/admin/catalog/transfer`)
        await page.getByRole('heading', { level: 1, name: '事项库导入导出' }).waitFor()

        // Not JSON: refused before upload.
        await page.getByTestId('cadmin-import-file').setInputFiles({
          name: 'broken.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{"format": "tongban.catalog/1", '),
        })
        await page.getByText('文件不是有效的 JSON 对象，无法导入。').waitFor()
        assert.equal(await page.getByTestId('cadmin-dry-run').isDisabled(), true)

        await page.getByTestId('cadmin-import-file').setInputFiles({
          name: 'bad.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(document)),
        })
        await page.getByTestId('cadmin-dry-run').click()
        const rejected = page.getByTestId('cadmin-rejected')
        await rejected.filter({ hasText: bad.code }).waitFor()
        await page.getByTestId('cadmin-rejected-summary').filter({ hasText: '有 1 条记录被拒绝' }).waitFor()
        const text = await rejected.textContent()
        assert.match(text, /\/items\/0\/committed_limit_days/)
        assert.match(text, /\/items\/0\/department_code/)
        assert.match(text, CJK)
        assert.equal(await page.getByTestId('cadmin-apply').count(), 0)
        await assertAccessible(page, `import report ${width}`)
        await assertNoHorizontalOverflow(page, width, `import report ${width}`)
        await screenshot(page, `catalog-admin-import-rejected-${width}`)

        // Nothing was written.
        const after = await page.request.get(`${BASE_URL}/api/v1/catalog/items/${bad.code}/versions`)
        assert.equal(after.status(), 404)
        // The dry run's 422 is the report; nothing else may fail.
        assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), [])
      } finally {
        await page.context().close()
      }
    })
  }
})
