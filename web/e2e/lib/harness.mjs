// Shared pieces of the browser tests: Debian's Chromium through playwright-core, axe-core
// injected into the page, screenshots under e2e/artifacts/.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)

export const BASE_URL = (process.env.TONGBAN_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
export const WIDTHS = [1280, 375]

// Never `playwright install`: the browser is Debian's package.
const CHROMIUM = process.env.TONGBAN_CHROMIUM ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * One headless Chromium. A plain launch gives it a fresh temporary profile, removed on close;
 * every test then opens its own context, so storage (locale, elderly mode) never leaks between tests.
 */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/**
 * A new context and tab at `width`, recording console errors, page errors and failed requests
 * so that a test can assert there were none. Close it with `page.context().close()`.
 */
export async function openPage(browser, width) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'zh-CN',
  })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const problems = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  )
  return { page, problems }
}

/** Runs axe-core on the page as it is now; returns the serious and critical violations. */
export async function seriousViolations(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined')
  if (!hasAxe) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

export async function assertAccessible(page, what) {
  const violations = await seriousViolations(page)
  assert.deepEqual(violations, [], `axe found serious/critical violations (${what}):\n${JSON.stringify(violations, null, 2)}`)
}

/** At phone widths the page must not scroll sideways. */
export async function assertNoHorizontalOverflow(page, width, what) {
  const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth)
  assert.ok(scrollWidth <= width, `horizontal overflow (${what}): scrollWidth ${scrollWidth} > ${width}`)
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
}

export async function htmlState(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    elderly: document.documentElement.classList.contains('tb-elderly'),
    rootFontPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
    bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
  }))
}
