// Runs the browser tests with node's test runner against TONGBAN_BASE_URL
// (default http://127.0.0.1:8080, where `tongban serve` listens).
//
//   node e2e/run.mjs            # against a running server
//   node e2e/run.mjs --static   # starts e2e/static-server.mjs on dist/ on a free port first
//
// Other arguments go to `node --test` (e.g. --test-name-pattern=404). Exits non-zero on any failure.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const useStatic = args.includes('--static')
const passThrough = args.filter((a) => a !== '--static')
const env = { ...process.env }

let staticServer
if (useStatic) {
  const dist = join(here, '..', 'dist')
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`no ${dist}/index.html: run "npm run build" first`)
    process.exit(1)
  }
  const { startStaticServer } = await import('./static-server.mjs')
  const started = await startStaticServer({ dist, port: 0 })
  staticServer = started.server
  env.TONGBAN_BASE_URL = started.url
  console.log(`e2e: static stand-in server for ${dist} at ${started.url}`)
}

const baseUrl = (env.TONGBAN_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
try {
  await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) })
} catch (error) {
  console.error(
    `e2e: nothing answers at ${baseUrl} (${error.cause?.code ?? error.message}).\n` +
      'Start `tongban serve` there, set TONGBAN_BASE_URL, or run `npm run e2e:static` after `npm run build`.',
  )
  staticServer?.close()
  process.exit(1)
}
console.log(`e2e: testing ${baseUrl}`)

const testsDir = join(here, 'tests')
const files = readdirSync(testsDir)
  .filter((f) => f.endsWith('.test.mjs'))
  .sort()
  .map((f) => join(testsDir, f))

const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=180000', ...passThrough, ...files],
  { stdio: 'inherit', env },
)
child.on('exit', (code, signal) => {
  staticServer?.close()
  process.exit(code ?? (signal ? 1 : 0))
})
