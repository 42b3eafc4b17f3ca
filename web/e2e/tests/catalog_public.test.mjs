// The public catalog pages in the browser at phone size (375×812), against `tongban serve --demo`:
// search from the home page (colloquial and traditional words), the item guide with its materials
// and windows, a situation answer that changes the material list, a life event's deduplicated
// materials, the print stylesheet, and an axe scan of every page. What the pages should show is
// read from the API in the same run, never assumed.
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

const WIDTH = 375
const API = `${BASE_URL}/api/v1/catalog`

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

async function getJson(path, init) {
  const response = await fetch(`${API}${path}`, init)
  assert.equal(response.status, 200, `${path}: ${response.status} ${await response.clone().text()}`)
  return response.json()
}

async function phonePage() {
  return openPage(browser, WIDTH)
}

/** The names of the first `n` hits on the search page. */
async function topHits(page, n) {
  await page.getByTestId('search-count').waitFor()
  const names = await page.getByTestId('search-hit').locator('a').allTextContents()
  return names.slice(0, n).map((s) => s.trim())
}

async function checkPage(page, what) {
  await assertAccessible(page, what)
  await assertNoHorizontalOverflow(page, WIDTH, what)
}

describe('search from the home page', () => {
  test('狗证 finds 养犬登记 in the top 3; its guide shows materials and windows', async () => {
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/`)
      await page.getByTestId('home-life-events').getByRole('link').first().waitFor()
      await checkPage(page, 'home')
      await screenshot(page, 'catalog-home-375')

      const box = page.getByRole('combobox', { name: '搜索办事服务' })
      await box.fill('狗证')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/search\?q=/)
      const top = await topHits(page, 3)
      assert.ok(top.includes('养犬登记'), `养犬登记 in the top 3 of 狗证: ${top.join(', ')}`)
      await checkPage(page, 'search results')
      await screenshot(page, 'catalog-search-375')

      await page.getByTestId('search-hit').locator('a', { hasText: /^养犬登记$/ }).first().click()
      await page.waitForURL(/\/items\//)
      await page.locator('main h1', { hasText: '养犬登记' }).waitFor()
      const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2])
      const { item } = await getJson(`/items/${encodeURIComponent(code)}`)
      assert.ok(item.materials.length > 0 && item.windows.length > 0, 'the demo item has materials and windows')
      const rows = page.getByTestId('materials').getByTestId('material-row')
      assert.equal(await rows.count(), item.materials.length, 'every material is listed')
      for (const m of item.materials) assert.match(await page.getByTestId('materials').textContent(), new RegExp(escape(m.name)))
      const windows = page.getByTestId('window')
      assert.equal(await windows.count(), item.windows.length, 'every window is listed')
      assert.match(await windows.first().textContent(), new RegExp(escape(item.windows[0].name)))
      await checkPage(page, 'item guide')
      await screenshot(page, 'catalog-guide-375')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the typeahead is a keyboard combobox: arrow down, Enter opens the suggestion', async () => {
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/`)
      const box = page.getByRole('combobox', { name: '搜索办事服务' })
      await box.pressSequentially('养犬', { delay: 30 })
      const list = page.getByRole('listbox')
      await list.waitFor()
      assert.equal(await box.getAttribute('aria-expanded'), 'true')
      const first = (await list.getByRole('option').first().textContent()).trim()
      await checkPage(page, 'home with suggestions open')
      await page.keyboard.press('ArrowDown')
      const active = await box.getAttribute('aria-activedescendant')
      assert.ok(active, 'an option is active')
      assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/(items|life-events)\//)
      assert.ok(first.startsWith((await page.locator('main h1').textContent()).trim()), `opened ${first}`)
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('traditional 結婚登記 finds 结婚登记', async () => {
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/search?q=${encodeURIComponent('結婚登記')}`)
      const top = await topHits(page, 3)
      assert.ok(top.includes('结婚登记'), `结婚登记 in the top 3 of 結婚登記: ${top.join(', ')}`)
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('a search that finds nothing helps instead', async () => {
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/search?q=${encodeURIComponent('zzqqxxyy')}`)
      await page.getByTestId('search-empty').waitFor()
      assert.match(await page.getByTestId('search-empty').textContent(), /换一种说法/)
      await checkPage(page, 'search without results')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})

/** Among the published items, one whose situation for the first answers narrows its material list. */
async function itemNarrowedByAnswers() {
  const { items } = await getJson('/items?limit=200')
  for (const summary of items) {
    const { item } = await getJson(`/items/${encodeURIComponent(summary.code)}`)
    if (!item.questions.length || item.questions.some((q) => q.options.length === 0)) continue
    const answers = Object.fromEntries(item.questions.map((q) => [q.id, q.options[0].id]))
    const evaluation = await getJson(`/items/${encodeURIComponent(item.code)}/evaluate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers }),
    })
    // The situation itself must narrow the list (not only the licences that waive a material).
    if (evaluation.materials.length + evaluation.waived.length >= item.materials.length) continue
    const waived = new Set(evaluation.waived.map((m) => m.id))
    const brought = evaluation.materials.filter((m) => !waived.has(m.id))
    return { item, answers, brought }
  }
  return null
}

describe('the item guide', () => {
  test('answering the situation questions changes the material list', async () => {
    const found = await itemNarrowedByAnswers()
    assert.ok(found, 'the demo catalog has an item whose situations narrow its materials')
    const { item, brought } = found
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/items/${encodeURIComponent(item.code)}`)
      const rows = page.getByTestId('materials').getByTestId('material-row')
      await rows.first().waitFor()
      assert.equal(await rows.count(), item.materials.length, 'before answering: every material')
      const questions = page.getByTestId('situation-questions')
      for (const q of item.questions) {
        await questions.locator(`fieldset[data-question="${q.id}"]`).getByLabel(q.options[0].text, { exact: true }).check()
      }
      await page.getByTestId('evaluation-status').waitFor()
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="materials"] [data-testid="material-row"]').length === n,
        brought.length,
      )
      const names = (await rows.locator('.tb-material-name').allTextContents()).map((s) => s.trim())
      assert.deepEqual(names, brought.map((m) => m.name), 'after answering: what the evaluation says')
      assert.match(await page.getByTestId('material-count').textContent(), new RegExp(String(brought.length)))
      await checkPage(page, 'guide after answering')
      await screenshot(page, 'catalog-guide-answered-375')

      await page.getByRole('button', { name: '重新选择' }).click()
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="materials"] [data-testid="material-row"]').length === n,
        item.materials.length,
      )
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('printing: no header or navigation, every section expanded, black on white', async () => {
    const { hits } = await getJson(`/search?q=${encodeURIComponent('结婚登记')}&kind=item`)
    assert.ok(hits.length > 0)
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/items/${encodeURIComponent(hits[0].code)}`)
      await page.getByTestId('print').waitFor()
      const basisBody = page.getByTestId('section-basis').locator('.tb-guide-section__body')
      assert.equal(await basisBody.isVisible(), false, 'legal basis starts collapsed on screen')
      assert.equal(await page.getByTestId('site-header').isVisible(), true)

      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.getByTestId('site-header').isVisible(), false, 'no header in print')
      assert.equal(await page.getByTestId('site-footer').isVisible(), false, 'no footer in print')
      assert.equal(await page.getByTestId('print').isVisible(), false, 'no print button in print')
      assert.equal(await basisBody.isVisible(), true, 'collapsed sections are expanded in print')
      const colours = await page.evaluate(() => {
        const h1 = getComputedStyle(document.querySelector('main h1'))
        return { color: h1.color, background: getComputedStyle(document.querySelector('.tb-guide-section')).backgroundColor }
      })
      assert.deepEqual(colours, { color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' })
      await screenshot(page, 'catalog-guide-print-375')

      await page.emulateMedia({ media: 'screen' })
      assert.equal(await page.getByTestId('site-header').isVisible(), true)
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the guide links to its department, whose page lists it', async () => {
    const { hits } = await getJson(`/search?q=${encodeURIComponent('养犬登记')}&kind=item`)
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/items/${encodeURIComponent(hits[0].code)}`)
      await page.getByRole('navigation', { name: '当前位置' }).getByRole('link').nth(1).click()
      await page.waitForURL(/\/departments\//)
      await page.getByTestId('item-row').first().waitFor()
      // A department's code has a dot (shanghai.public_security): a reload is still the page.
      await page.reload()
      await page.getByTestId('item-row').first().waitFor()
      await checkPage(page, 'department page')
      const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2])
      const listed = await getJson(`/items?department=${encodeURIComponent(code)}&limit=50`)
      assert.ok(listed.total >= 1)
      const shown = (await page.getByTestId('item-row').locator('a').allTextContents()).map((s) => s.trim())
      assert.deepEqual(shown, listed.items.map((i) => i.name))
      const all = await getJson(`/items?department=${encodeURIComponent(code)}&limit=200`)
      assert.ok(all.items.some((i) => i.code === hits[0].code), 'the department lists the item')
      await screenshot(page, 'catalog-department-375')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})

describe('life events and lists', () => {
  test('a life event shows its materials deduplicated, with the items that need each', async () => {
    const { life_events: events } = await getJson('/life-events')
    let guide = null
    for (const e of events) {
      const g = await getJson(`/life-events/${encodeURIComponent(e.code)}`)
      if (g.separate_materials > g.materials.length) {
        guide = g
        break
      }
    }
    assert.ok(guide, 'a demo life event whose items share a material')
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/life-events/${encodeURIComponent(guide.life_event.code)}`)
      await page.getByTestId('dedup-count').waitFor()
      const count = await page.getByTestId('dedup-count').textContent()
      assert.match(count, new RegExp(`${guide.separate_materials} 份材料，合并后 ${guide.materials.length} 份`))
      const rows = page.getByTestId('materials').getByTestId('material-row')
      assert.equal(await rows.count(), guide.materials.length)
      const names = (await rows.locator('.tb-material-name').allTextContents()).map((s) => s.trim())
      assert.deepEqual(names, guide.materials.map((m) => m.material.name))
      const shared = guide.materials.findIndex((m) => m.item_codes.length > 1)
      const neededBy = await rows.nth(shared).getByTestId('material-needed-by').textContent()
      for (const itemCode of guide.materials[shared].item_codes) {
        const name = guide.items.find((i) => i.code === itemCode).name
        assert.ok(neededBy.includes(name), `${name} needs ${names[shared]}`)
      }
      assert.equal(await page.getByTestId('event-item').count(), guide.items.length, 'every item, in order')
      assert.equal(await page.getByTestId('shared-field').count(), guide.shared_fields.length, 'shared fields marked')
      await checkPage(page, 'life event')
      await screenshot(page, 'catalog-life-event-375')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('the category list and the department list', async () => {
    const { categories } = await getJson('/categories?target=enterprise')
    assert.ok(categories.length > 0)
    const { page, problems } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/`)
      await page.getByTestId('home-categories-enterprise').getByRole('link').first().click()
      await page.waitForURL(/\/items\?/)
      await page.getByTestId('item-row').first().waitFor()
      const category = new URL(page.url()).searchParams.get('category')
      const listed = await getJson(`/items?target=enterprise&category=${encodeURIComponent(category)}&limit=50`)
      assert.equal(await page.getByTestId('item-row').count(), listed.items.length)
      await checkPage(page, 'category list')

      await page.goto(`${BASE_URL}/departments`)
      await page.getByTestId('departments-page').getByRole('link', { name: /局|委|办/ }).first().waitFor()
      await checkPage(page, 'departments')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })

  test('an unknown item says so, in the page', async () => {
    const { page } = await phonePage()
    try {
      await page.goto(`${BASE_URL}/items/no-such-item`)
      await page.getByTestId('catalog-error').waitFor()
      assert.match(await page.getByTestId('catalog-error').textContent(), /没有找到这个事项/)
      await checkPage(page, 'unknown item')
    } finally {
      await page.context().close()
    }
  })
})

describe('wide screen, English', () => {
  test('the guide and the life event read in English at 1280px, accessible', async () => {
    const { hits } = await getJson(`/search?q=${encodeURIComponent('结婚登记')}`)
    const item = hits.find((h) => h.kind === 'item')
    const event = (await getJson('/life-events')).life_events[0]
    const { page, problems } = await openPage(browser, 1280)
    try {
      await page.context().addInitScript(() => window.localStorage.setItem('tongban.locale', 'en'))
      await page.goto(`${BASE_URL}/items/${encodeURIComponent(item.code)}`)
      await page.getByTestId('materials').waitFor()
      assert.equal(await page.getByRole('button', { name: 'Print' }).count(), 1)
      assert.match(await page.getByTestId('section-materials').textContent(), /Documents/)
      await assertAccessible(page, 'guide, English, 1280')
      await assertNoHorizontalOverflow(page, 1280, 'guide, English, 1280')
      await screenshot(page, 'catalog-guide-en-1280')
      await page.goto(`${BASE_URL}/life-events/${encodeURIComponent(event.code)}`)
      await page.getByTestId('dedup-count').waitFor()
      assert.match(await page.getByTestId('dedup-count').textContent(), /once merged/)
      await assertAccessible(page, 'life event, English, 1280')
      assert.deepEqual(problems, [])
    } finally {
      await page.context().close()
    }
  })
})

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
