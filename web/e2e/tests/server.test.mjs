// What the server that serves the front end (`tongban serve`; e2e/static-server.mjs stands in)
// must do for it: /healthz, the SPA fallback, and cache headers that let hashed assets be cached
// forever while index.html is always revalidated.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BASE_URL } from '../lib/harness.mjs'

async function get(path) {
  return fetch(`${BASE_URL}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) })
}

describe('server contract for the front end', () => {
  test('GET /healthz answers {"status":"ok"}', async () => {
    const response = await get('/healthz')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
    assert.equal((await response.json()).status, 'ok')
  })

  test('index.html is served for / and for deep links, and is never cached unrevalidated', async () => {
    const root = await get('/')
    const rootBody = await root.text()
    assert.equal(root.status, 200)
    assert.match(root.headers.get('content-type') ?? '', /^text\/html/)
    assert.match(root.headers.get('cache-control') ?? '', /no-cache|no-store/, 'index.html: Cache-Control no-cache')
    assert.match(rootBody, /<div id="app"><\/div>/)
    for (const path of ['/staff', '/admin', '/staff/some/unknown', '/admin/x/y', '/no/such/page']) {
      const response = await get(path)
      assert.equal(response.status, 200, `${path} falls back to index.html`)
      assert.equal(await response.text(), rootBody, `${path} is index.html`)
      assert.match(response.headers.get('cache-control') ?? '', /no-cache|no-store/, `${path}: no-cache`)
    }
  })

  test('hashed assets under /assets/ are immutable; a missing asset is a 404, not index.html', async () => {
    const html = await (await get('/')).text()
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
    assert.ok(assets.some((a) => a.endsWith('.js')), 'index.html references a script under /assets/')
    assert.ok(assets.some((a) => a.endsWith('.css')), 'index.html references a style sheet under /assets/')
    const types = { '.js': /^(text|application)\/javascript/, '.css': /^text\/css/, '.svg': /^image\/svg\+xml/ }
    for (const asset of assets) {
      const response = await get(asset)
      assert.equal(response.status, 200, asset)
      const type = types[asset.slice(asset.lastIndexOf('.'))]
      if (type) assert.match(response.headers.get('content-type') ?? '', type, `${asset} content type`)
      const cache = response.headers.get('cache-control') ?? ''
      assert.match(cache, /immutable/, `${asset}: Cache-Control immutable`)
      assert.match(cache, /max-age=31536000/, `${asset}: max-age one year`)
    }
    const missing = await get('/assets/no-such-chunk-00000000.js')
    assert.equal(missing.status, 404, 'a missing asset must not fall back to index.html')
  })
})
