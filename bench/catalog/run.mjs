#!/usr/bin/env node
// bench/catalog/run.mjs BUILD_DIR — the catalog search benchmark, our engine
// beside minisearch (npm) in the same run (see bench/README.md, "(d)"):
//   1. bench_catalog_search: a generated 10,000-item catalog (grown from
//      data/demo/catalog.json, fixed seed): build time, per-query p50/p99 in
//      process over the labelled queries (tests/catalog/search_queries.tsv)
//      and the generated ones; recall@3 of the labelled queries over the demo
//      catalog; it exports both corpora and all queries as our segmenter
//      tokenises them;
//   2. minisearch.mjs: minisearch over those very tokens — the same corpus,
//      tokens and queries — two option sets; p50/p99 and recall@3;
//   3. HTTP: wrk -t1 -cN against `tongban serve --demo` on
//      GET /api/v1/catalog/search?q=…, rotating the same queries
//      (search.lua); requests/s counting 2xx only, p50/p99.
// The targets: p99 ≤ 1 ms in process, ≥ 20,000 requests/s through HTTP, our
// recall at least minisearch's.
//
// Environment: BENCH_DURATION (s, 10), BENCH_WARMUP (s, 2), BENCH_CONNECTIONS
// (64), BENCH_PIN (1: wrk on the last CPU), BENCH_ROUNDS (in-process rounds
// over the queries, 5), BENCH_ITEMS (10000). Writes
// bench/results/catalog-<timestamp>.json and bench/results/catalog-latest.md.
// Also run by `BENCH_ONLY=catalog bench/run BUILD_DIR`.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function has(cmd) {
  try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

// Runs a program to its end; resolves the parsed "BENCH_JSON …" line and the output.
function runForJson(argv, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (code !== 0 || !line) return reject(new Error(`${argv.join(' ')} failed (${code}):\n${out}`));
      resolve({ json: JSON.parse(line.slice('BENCH_JSON '.length)), output: out });
    });
  });
}

export async function runCatalogBench(buildDir, { log = (m) => console.log(`bench/catalog: ${m}`) } = {}) {
  const build = path.resolve(buildDir);
  const benchBin = path.join(build, 'bin', 'bench_catalog_search');
  const tongbanBin = path.join(build, 'bin', 'tongban');
  if (!existsSync(benchBin)) throw new Error(`${benchBin} is missing; build it first (ninja bench_catalog_search)`);
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const warmup = Number(process.env.BENCH_WARMUP ?? 2);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const items = Number(process.env.BENCH_ITEMS ?? 10000);
  const ncpu = os.cpus().length;
  const pin = (process.env.BENCH_PIN ?? '1') === '1' && ncpu >= 2 && has('taskset');
  const wrkPin = pin ? ['taskset', '-c', String(ncpu - 1)] : [];
  const work = mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-catalog-'));
  const result = {
    date: new Date().toISOString(), nproc: ncpu, cpu: os.cpus()[0]?.model ?? 'unknown',
    load_average_at_start: os.loadavg().map((x) => +x.toFixed(2)), items, rounds,
    pinning: pin ? `wrk on CPU ${ncpu - 1}, server unpinned` : 'none',
  };
  try {
    // 1. Ours, in process; exports the tokens.
    const tokens = path.join(work, 'tokens.json');
    const ours = await runForJson([benchBin, '--source', repoRoot, '--items', String(items), '--rounds', String(rounds),
      '--export-tokens', tokens]);
    result.in_process = { command: `${path.relative(repoRoot, benchBin)} --source . --items ${items} --rounds ${rounds}`,
      ...ours.json };
    log(`ours: build ${ours.json.build_ms} ms, p50 ${ours.json.p50_us} µs, p99 ${ours.json.p99_us} µs, ` +
        `recall@3 ${ours.json.recall_demo}`);

    // 2. minisearch over the same tokens.
    if (!existsSync(path.join(here, 'node_modules', 'minisearch'))) {
      log('installing minisearch (npm ci in bench/catalog)');
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
    }
    const mini = await runForJson([process.execPath, path.join(here, 'minisearch.mjs'), tokens, String(rounds)]);
    result.minisearch = mini.json;
    for (const m of mini.json) {
      log(`${m.engine}: build ${m.build_ms} ms, p50 ${m.p50_us} µs, p99 ${m.p99_us} µs, recall@3 ${m.recall_demo}`);
    }

    // 3. HTTP.
    result.http = await benchHttp({ tongbanBin, tokens, work, duration, warmup, connections, wrkPin, log });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.load_average_at_end = os.loadavg().map((x) => +x.toFixed(2));
  return result;
}

async function benchHttp({ tongbanBin, tokens, work, duration, warmup, connections, wrkPin, log }) {
  if (!existsSync(tongbanBin)) return { skipped: `${tongbanBin} is missing` };
  if (!has('wrk')) return { skipped: 'wrk is not installed' };
  process.env.TONGBAN_BIN = tongbanBin;
  const { startServer } = await import('../../tests/lib/server.mjs');
  const { readFileSync } = await import('node:fs');
  const raw = JSON.parse(readFileSync(tokens, 'utf8')).large.raw;
  const pathsFile = path.join(work, 'paths.txt');
  writeFileSync(pathsFile, raw.map((q) => `/api/v1/catalog/search?q=${encodeURIComponent(q)}&limit=10`).join('\n') + '\n');
  // The same queries, each made distinct 40 times by trailing spaces (which
  // normalisation drops, so the answers are the same): 40 × the queries is far
  // more than the index remembers, so every search is computed.
  const distinctFile = path.join(work, 'paths-distinct.txt');
  const distinct = [];
  for (let k = 0; k < 40; ++k) {
    for (const q of raw) distinct.push(`/api/v1/catalog/search?q=${encodeURIComponent(q + ' '.repeat(k))}&limit=10`);
  }
  writeFileSync(distinctFile, distinct.join('\n') + '\n');
  const server = await startServer({ env: { TONGBAN_SERVER_ACCESS_LOG: 'false', TONGBAN_SERVER_STATIC_DIR: '' },
    args: ['--demo'] });
  try {
    const probe = await fetch(`${server.url}/api/v1/catalog/search?q=${encodeURIComponent('结婚登记')}`);
    const body = await probe.text();
    if (probe.status !== 200 || !body.includes('"hits"')) {
      return { skipped: `GET /api/v1/catalog/search answered ${probe.status}: ${body.slice(0, 200)}` };
    }
    // The server's CPU time (utime + stime) over a run divided by its 2xx
    // answers: on a shared machine other load moves requests/s far more than
    // it moves the CPU each answer costs.
    const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    const cpuMs = () => {
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 1000 / clockTicks;
    };
    const wrk = (seconds, file = pathsFile) => {
      const argv = [...wrkPin, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s',
        '-s', path.join(here, 'search.lua'), server.url, '--', file];
      const cpuBefore = cpuMs();
      return runForJson(argv).then(({ json: r }) => {
        const s = r.duration_us / 1e6;
        const cpu = cpuMs() - cpuBefore;
        return { command: argv.join(' ').replace(server.url, 'URL').replace(file, 'PATHS'),
          requests: r.requests, ok: r.ok, non2xx: r.non2xx, errors: r.errors, seconds: +s.toFixed(3),
          ok_per_s: Math.round(r.ok / s), p50_ms: +(r.latency_us.p50 / 1000).toFixed(2),
          p99_ms: +(r.latency_us.p99 / 1000).toFixed(2), max_ms: +(r.latency_us.max / 1000).toFixed(2),
          server_cpu_us_per_ok: r.ok ? +(cpu * 1000 / r.ok).toFixed(1) : null };
      });
    };
    if (warmup > 0) await wrk(warmup);
    const r = await wrk(duration);
    log(`HTTP: ${r.ok_per_s} requests/s (2xx), non-2xx ${r.non2xx}, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, ` +
      `server CPU ${r.server_cpu_us_per_ok} µs per answer`);
    const u = await wrk(duration, distinctFile);
    log(`HTTP, every search computed: ${u.ok_per_s} requests/s (2xx), non-2xx ${u.non2xx}, p50 ${u.p50_ms} ms, ` +
      `p99 ${u.p99_ms} ms, server CPU ${u.server_cpu_us_per_ok} µs per answer`);
    return { queries: raw.length, ...r, computed: u };
  } finally {
    await server.stop();
    server.removeDataDir?.();
  }
}

export function catalogMarkdown(r) {
  const o = r.in_process;
  const lines = ['## Catalog search: ours vs minisearch (npm), same run', '',
    `${r.date}; ${r.nproc} CPUs (${r.cpu}); load average ${r.load_average_at_start.join(' ')} at start, ` +
    `${r.load_average_at_end.join(' ')} at end.`, '',
    `In process, over a generated catalog of ${o.items} items + ${o.life_events} life events ` +
    `(${o.queries} queries × ${o.rounds} rounds; \`${o.command}\`). Recall@3: the ${o.labelled} labelled queries ` +
    `over the demo catalog (${o.demo_items} items), ${o.held_out} of them held out from tuning.`, '',
    '| engine | build ms | p50 µs | p99 µs | max µs | recall@3 | recall@3 held-out |', '|---|---|---|---|---|---|---|',
    `| ours (BM25F, bigrams, synonyms, typo words) | ${o.build_ms} (CPU ${o.build_cpu_ms}) | ${o.p50_us} | ${o.p99_us} | ` +
    `${o.max_us} | ${o.recall_demo} | ${o.recall_demo_held_out} |`];
  for (const m of r.minisearch) {
    lines.push(`| ${m.engine} (${m.options.prefix ? 'prefix, ' : ''}${m.options.fuzzy ? `fuzzy ${m.options.fuzzy}` : 'no fuzzy'}) | ` +
      `${m.build_ms} | ${m.p50_us} | ${m.p99_us} | ${m.max_us} | ${m.recall_demo} | ${m.recall_demo_held_out} |`);
  }
  lines.push('', `Ours: every measured search is computed (the index keeps its last answers; each round's queries differ ` +
    `by trailing spaces, which normalisation drops); a remembered answer takes p50 ${o.cached_p50_us} µs, ` +
    `p99 ${o.cached_p99_us} µs. Typeahead p50 ${o.suggest_p50_us} µs, p99 ${o.suggest_p99_us} µs; recall@3 of the labelled ` +
    `queries over the ${o.items}-item catalog ${o.recall_large}. Target: p99 ≤ 1,000 µs.`, '',
    `Over the demo catalog (${o.demo_items} items, what \`serve --demo\` searches below), every search computed: ` +
    `p50 ${o.demo_p50_us} µs, p99 ${o.demo_p99_us} µs, mean CPU ${o.demo_cpu_mean_us} µs.`, '');
  const h = r.http;
  if (h?.skipped) {
    lines.push(`HTTP: not measured — ${h.skipped}.`, '');
  } else if (h) {
    lines.push(`HTTP, \`tongban serve --demo\`, GET /api/v1/catalog/search rotating ${h.queries} queries ` +
      `(\`${h.command}\`, ${r.pinning}): **${h.ok_per_s} requests/s** (2xx only; non-2xx ${h.non2xx}), ` +
      `p50 ${h.p50_ms} ms, p99 ${h.p99_ms} ms; the server's CPU per answer ${h.server_cpu_us_per_ok} µs. ` +
      `Target ≥ 20,000/s.`, '');
    if (h.computed) {
      lines.push(`The same queries each made distinct 40 times by trailing spaces, so that the index remembers none ` +
        `and every search is computed: **${h.computed.ok_per_s} requests/s** (non-2xx ${h.computed.non2xx}), ` +
        `p50 ${h.computed.p50_ms} ms, p99 ${h.computed.p99_ms} ms; the server's CPU per answer ` +
        `${h.computed.server_cpu_us_per_ok} µs.`, '');
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.length < 3) {
    console.error('usage: bench/catalog/run.mjs BUILD_DIR');
    process.exit(2);
  }
  const result = await runCatalogBench(process.argv[2]);
  result.command = `bench/catalog/run.mjs ${process.argv[2]}`;
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = result.date.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(path.join(dir, `catalog-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(path.join(dir, 'catalog-latest.md'), catalogMarkdown(result));
  console.log('\n' + catalogMarkdown(result));
}
