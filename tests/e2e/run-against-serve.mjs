// Runs the browser tests (web/e2e/run.mjs) against a real `tongban serve` that
// serves the built front end (web/dist) on port 0, then stops it. Exits with
// the browser tests' exit code; 1 when the front end is not built, the e2e
// runner is missing, or the server does not stop cleanly.
//
//   TONGBAN_BIN=build/dev/bin/tongban node tests/e2e/run-against-serve.mjs [args for node --test]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { startServer, repoRoot } from '../lib/server.mjs';

const webDir = path.join(repoRoot, 'web');
const dist = process.env.TONGBAN_WEB_DIST || path.join(webDir, 'dist');
const runner = path.join(webDir, 'e2e', 'run.mjs');

if (!existsSync(runner)) {
  console.error(`run-against-serve: ${runner} does not exist`);
  process.exit(1);
}
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`run-against-serve: ${dist}/index.html does not exist; build the front end first (make web)`);
  process.exit(1);
}

const server = await startServer({ env: { TONGBAN_SERVER_STATIC_DIR: dist }, args: ['--demo'] });
console.log(`run-against-serve: tongban serve at ${server.url} serving ${dist}`);

const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, [runner, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: webDir,
    env: { ...process.env, TONGBAN_BASE_URL: server.url },
  });
  child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
});

const stopped = await server.stop();
server.removeDataDir();
if (stopped.code !== 0) {
  console.error(`run-against-serve: tongban exited with ${stopped.code} (signal ${stopped.signal})\n${server.tail()}`);
  process.exit(code || 1);
}
if (server.logEvents().some((e) => e.event === 'web.not_served')) {
  console.error(`run-against-serve: tongban did not serve ${dist}\n${server.tail()}`);
  process.exit(code || 1);
}
process.exit(code);
