#!/usr/bin/env node
// node bench/catalog/minisearch.mjs TOKENS.json [ROUNDS]
//
// The reference engine of the catalog search benchmark: minisearch (npm) over
// the corpora and queries bench_catalog_search exported, already tokenised by
// our segmenter (text::ChineseText::Segment: normalised, traditional folded,
// domain compounds), so both engines see identical tokens. minisearch gets:
//   - the same six fields with the same weights as boosts (name 5, aliases 4,
//     keywords 2.5, category 1.5, department 1, summary 0.6);
//   - our query filler words (data/search/stopwords.txt) dropped, as ours does;
//   - two sets of search options, both OR: "fuzzy" (prefix matching and fuzzy
//     0.2, one edit for terms of 3–7 characters: closest to what ours does
//     for typos) and "exact" (neither: its fastest);
//   - no synonyms (they are our lexicon, not its engine's).
// For each: per-query latency p50/p99 over the large corpus (the same queries,
// the same rounds as ours) and recall@3 of the labelled queries over the demo
// corpus; the last line is "BENCH_JSON [{…}, {…}]".
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';

const [file, roundsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/catalog/minisearch.mjs TOKENS.json [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 5);
const data = JSON.parse(readFileSync(file, 'utf8'));
const stop = new Set(data.stopwords ?? []);

const fields = ['name', 'aliases', 'keywords', 'category', 'department', 'summary'];
const boost = { name: 5, aliases: 4, keywords: 2.5, category: 1.5, department: 1, summary: 0.6 };
const tokenize = (s) => s.split(' ').filter(Boolean);
const processTerm = (t) => (stop.has(t) ? null : t);
function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.round((p / 100) * (v.length - 1)))];
}

function run(config, searchOptions) {
  const build = (docs) => {
    const engine = new MiniSearch({ idField: 'id', fields, storeFields: ['code'], tokenize, processTerm, searchOptions });
    engine.addAll(docs.map((d, i) => ({ id: i, ...d })));
    return engine;
  };
  // Recall@3 over the demo corpus.
  const demo = build(data.demo.docs);
  let found = 0;
  let heldFound = 0;
  let held = 0;
  for (const q of data.demo.labelled) {
    const top = demo.search(q.tokens).slice(0, 3).map((r) => r.code);
    const hit = top.some((code) => q.expected.includes(code));
    found += hit ? 1 : 0;
    if (q.held_out) {
      held += 1;
      heldFound += hit ? 1 : 0;
    }
  }
  // Build time and latency over the large corpus.
  const t0 = process.hrtime.bigint();
  const large = build(data.large.docs);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (const q of data.large.queries) large.search(q);  // warm-up
  const micros = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of data.large.queries) {
      const start = process.hrtime.bigint();
      const results = large.search(q);
      micros.push(Number(process.hrtime.bigint() - start) / 1e3);
      sink += Math.min(10, results.length);
    }
  }
  const result = {
    engine: `minisearch ${config}`, options: searchOptions, items: data.large.docs.length,
    queries: data.large.queries.length, rounds, build_ms: +buildMs.toFixed(1),
    p50_us: +percentile(micros, 50).toFixed(1), p99_us: +percentile(micros, 99).toFixed(1),
    max_us: +percentile(micros, 100).toFixed(1), recall_demo: +(found / data.demo.labelled.length).toFixed(4),
    recall_demo_held_out: held ? +(heldFound / held).toFixed(4) : null, labelled: data.demo.labelled.length, sink,
  };
  console.log(`minisearch, ${config} (${result.items} documents; ${result.queries} queries × ${rounds} rounds)`);
  console.log(`  build: ${result.build_ms} ms`);
  console.log(`  search: p50 ${result.p50_us} µs, p99 ${result.p99_us} µs, max ${result.max_us} µs`);
  console.log(`  recall@3, demo catalog: ${result.recall_demo} (${found}/${data.demo.labelled.length}); held-out ${result.recall_demo_held_out}`);
  return result;
}

const results = [
  run('fuzzy', { boost, prefix: true, fuzzy: 0.2, combineWith: 'OR' }),
  run('exact', { boost, prefix: false, fuzzy: false, combineWith: 'OR' }),
];
console.log(`BENCH_JSON ${JSON.stringify(results)}`);
