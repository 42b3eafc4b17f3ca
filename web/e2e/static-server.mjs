// A stand-in for `tongban serve` while the C++ server cannot serve the front end yet: serves
// web/dist with the same rules the real server must follow, and answers GET /healthz.
// The real e2e run targets `tongban serve` (TONGBAN_BASE_URL); this script is for front-end work.
//
//   node e2e/static-server.mjs [--port 8080] [--host 127.0.0.1] [--dist dist]
//
// Rules (the contract for the C++ server, see web/README.md):
//   GET /healthz          -> 200 {"status":"ok"}
//   /assets/<file>        -> the file, Cache-Control: public, max-age=31536000, immutable; 404 if absent
//   /api/...              -> never index.html (404 here: there is no API in this stand-in)
//   any other GET/HEAD    -> the file in dist/ if there is one, else dist/index.html (SPA fallback),
//                            both with Cache-Control: no-cache
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

// The policy the real server should send with index.html too: nothing is loaded from elsewhere.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'self'; frame-ancestors 'none'"

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
}

function send(res, status, headers, body, isHead) {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) })
  res.end(isHead ? undefined : body)
}

async function readFileUnder(root, urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)))
  if (path !== root && !path.startsWith(root + sep)) return null // ../ escapes
  try {
    if (!(await stat(path)).isFile()) return null
    return { path, body: await readFile(path) }
  } catch {
    return null
  }
}

export function startStaticServer({ dist, port = 8080, host = '127.0.0.1' }) {
  const root = resolve(dist)
  const server = createServer(async (req, res) => {
    const isHead = req.method === 'HEAD'
    if (req.method !== 'GET' && !isHead) {
      send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'method not allowed\n', false)
      return
    }
    let pathname
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname
      decodeURIComponent(pathname)
    } catch {
      send(res, 400, { 'Content-Type': 'text/plain' }, 'bad request\n', isHead)
      return
    }
    if (pathname === '/healthz') {
      send(res, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, '{"status":"ok"}', isHead)
      return
    }
    if (pathname.startsWith('/api/')) {
      send(res, 404, { 'Content-Type': 'application/json' }, '{"reason":"platform.route_not_found"}', isHead)
      return
    }
    if (pathname.startsWith('/assets/')) {
      const file = await readFileUnder(root, pathname)
      if (!file) {
        send(res, 404, { 'Content-Type': 'text/plain' }, 'not found\n', isHead)
        return
      }
      const type = TYPES[extname(file.path)] ?? 'application/octet-stream'
      send(res, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' }, file.body, isHead)
      return
    }
    const file = (pathname !== '/' && (await readFileUnder(root, pathname))) || (await readFileUnder(root, '/index.html'))
    if (!file) {
      send(res, 500, { 'Content-Type': 'text/plain' }, `no index.html in ${root}: run npm run build\n`, isHead)
      return
    }
    const type = TYPES[extname(file.path)] ?? 'application/octet-stream'
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' }
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
    send(res, 200, headers, file.body, isHead)
  })
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolvePromise({ server, url: `http://${host}:${address.port}` })
    })
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback
  }
  const webRoot = resolve(fileURLToPath(import.meta.url), '../..')
  const { url } = await startStaticServer({
    dist: resolve(webRoot, option('dist', 'dist')),
    port: Number(option('port', process.env.PORT ?? 8080)),
    host: option('host', '127.0.0.1'),
  })
  console.log(`serving ${resolve(webRoot, option('dist', 'dist'))} at ${url} (SPA fallback, /healthz)`)
}
