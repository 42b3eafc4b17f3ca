// bench_catalog_search — the catalog search in process:
//   - build time of the index over a generated catalog of N items (default
//     10,000, grown from data/demo/catalog.json by generate_catalog.cpp) plus
//     the demo's life events;
//   - per-query latency (p50, p99, max) over the labelled queries
//     (tests/catalog/search_queries.tsv) and the generated ones, several rounds;
//   - recall@3 of the labelled queries over the demo catalog (as
//     catalog_search_recall_test) and over the large catalog.
// With --export-tokens FILE it also writes both corpora and all queries as
// our segmenter tokenises them (JSON), for bench/catalog/minisearch.mjs: both
// engines then see identical tokens.
//
//   bench_catalog_search [--source REPO] [--items N] [--rounds R] [--seed S] [--export-tokens FILE]
//                        [--dump-hits FILE]
// --dump-hits writes every query's answers (codes and scores) over both
// catalogs, one line per query: a change meant to make search faster, not
// different, leaves that file as it was.
//
// The last line of output is "BENCH_JSON {…}" (read by bench/catalog/run.mjs).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "catalog/codec.hpp"
#include "catalog/search.hpp"
#include "generate_catalog.hpp"
#include "log/log.hpp"

namespace {

using namespace tongban;
using namespace tongban::catalog;
using Clock = std::chrono::steady_clock;

// CPU time of this process, ms: on a shared machine wall time also counts
// the time other processes held the CPU.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Labelled {
  std::string query;
  std::vector<std::string> expected;  // names
  bool held_out = false;
};

std::vector<Labelled> ReadQueries(const std::string& path) {
  std::vector<Labelled> out;
  std::istringstream in(ReadAll(path));
  std::string line;
  bool held_out = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#", 0) == 0) {
      held_out = held_out || line.rfind("# held-out", 0) == 0;
      continue;
    }
    if (line.empty()) continue;
    Labelled l;
    l.held_out = held_out;
    std::size_t from = 0;
    bool first = true;
    while (true) {
      std::size_t tab = line.find('\t', from);
      std::string column = line.substr(from, tab == std::string::npos ? std::string::npos : tab - from);
      if (first) {
        l.query = column;
      } else if (!column.empty()) {
        l.expected.push_back(column);
      }
      first = false;
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    out.push_back(std::move(l));
  }
  return out;
}

std::string JsonString(std::string_view s) {
  std::string out;
  log::AppendJsonString(out, s);
  return out;
}

struct Corpus {
  std::vector<const ServiceItem*> items;
  std::vector<const LifeEvent*> events;
  std::vector<const Department*> departments;
  std::multimap<std::string, std::string> code_by_name;  // a name may be several districts' items
};

Corpus MakeCorpus(const std::vector<ServiceItem>& items, const CatalogDocument& demo) {
  Corpus c;
  for (const auto& item : items) {
    if (item.status != VersionStatus::kPublished) continue;
    c.items.push_back(&item);
    c.code_by_name.emplace(item.name, item.code);
  }
  for (const auto& event : demo.life_events) {
    if (event.status != VersionStatus::kPublished) continue;
    c.events.push_back(&event);
    c.code_by_name.emplace(event.name, event.code);
  }
  for (const auto& d : demo.departments) c.departments.push_back(&d);
  return c;
}

struct Recall {
  int found = 0, total = 0, held_found = 0, held_total = 0;
  double all() const { return total ? static_cast<double>(found) / total : 0; }
  double held() const { return held_total ? static_cast<double>(held_found) / held_total : 0; }
};

Recall MeasureRecall(const SearchIndex& index, const Corpus& corpus, const std::vector<Labelled>& queries,
                     bool print_misses) {
  Recall r;
  for (const Labelled& l : queries) {
    std::vector<std::string> codes;
    for (const auto& name : l.expected) {
      auto [from, to] = corpus.code_by_name.equal_range(name);
      for (auto it = from; it != to; ++it) codes.push_back(it->second);
    }
    SearchQuery q;
    q.q = l.query;
    q.limit = 3;
    auto hits = index.Search(q);
    bool hit = false;
    if (hits.ok()) {
      for (const auto& h : *hits) hit = hit || std::find(codes.begin(), codes.end(), h.code) != codes.end();
    }
    ++r.total;
    r.found += hit;
    r.held_total += l.held_out;
    r.held_found += l.held_out && hit;
    if (!hit && print_misses)
      std::fprintf(stderr, "miss: %s → %s\n", l.query.c_str(), l.expected.front().c_str());
  }
  return r;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string Tokens(const text::ChineseText& text, const std::vector<std::string>& pieces) {
  std::string out;
  for (const auto& piece : pieces) {
    for (const auto& token : text.Segment(piece)) {
      if (!out.empty()) out += ' ';
      out += token;
    }
  }
  return out;
}

void ExportCorpus(std::ostream& out, const text::ChineseText& text, const Corpus& corpus) {
  std::map<std::string, std::vector<std::string>> department_names;
  for (const auto* d : corpus.departments) department_names[d->code] = {d->name, d->short_name};
  std::map<std::string, const ServiceItem*> by_code;
  for (const auto* i : corpus.items) by_code[i->code] = i;
  out << "[";
  bool first = true;
  auto doc = [&](const std::string& code, const char* kind, const std::vector<std::string>& name,
                 const std::vector<std::string>& aliases, const std::vector<std::string>& keywords,
                 const std::vector<std::string>& category, const std::vector<std::string>& department,
                 const std::vector<std::string>& summary) {
    out << (first ? "\n" : ",\n") << "{\"code\":" << JsonString(code) << ",\"kind\":\"" << kind
        << "\",\"name\":" << JsonString(Tokens(text, name))
        << ",\"aliases\":" << JsonString(Tokens(text, aliases))
        << ",\"keywords\":" << JsonString(Tokens(text, keywords))
        << ",\"category\":" << JsonString(Tokens(text, category))
        << ",\"department\":" << JsonString(Tokens(text, department))
        << ",\"summary\":" << JsonString(Tokens(text, summary)) << "}";
    first = false;
  };
  for (const auto* i : corpus.items) {
    std::vector<std::string> category = {i->category};
    if (!i->result.name.empty()) category.push_back(i->result.name);
    doc(i->code, "item", {i->name}, i->aliases, i->keywords, category, department_names[i->department_code],
        {i->summary});
  }
  for (const auto* e : corpus.events) {
    std::vector<std::string> summary = {e->summary};
    for (const auto& code : e->item_codes) {
      if (auto it = by_code.find(code); it != by_code.end()) summary.push_back(it->second->name);
    }
    doc(e->code, "life_event", {e->name}, e->aliases, e->keywords, {},
        department_names[e->lead_department_code], summary);
  }
  out << "]";
}

}  // namespace

int main(int argc, char** argv) {
  std::string source = ".";
  std::size_t item_count = 10000;
  int rounds = 5;
  std::uint64_t seed = 20261121;
  std::string export_path;
  std::string dump_path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--source") {
      source = value();
    } else if (arg == "--items") {
      item_count = std::stoul(value());
    } else if (arg == "--rounds") {
      rounds = std::stoi(value());
    } else if (arg == "--seed") {
      seed = std::stoull(value());
    } else if (arg == "--export-tokens") {
      export_path = value();
    } else if (arg == "--dump-hits") {
      dump_path = value();
    } else {
      std::fprintf(stderr,
                   "usage: bench_catalog_search [--source REPO] [--items N] [--rounds R] [--seed S] "
                   "[--export-tokens FILE] [--dump-hits FILE]\n");
      return 2;
    }
  }

  DecodedDocument decoded = CatalogDocumentFromJsonText(ReadAll(source + "/data/demo/catalog.json"));
  if (!decoded.errors.empty()) {
    std::fprintf(stderr, "data/demo/catalog.json: %s %s\n", decoded.errors.front().field.c_str(),
                 decoded.errors.front().message_en.c_str());
    return 1;
  }
  const CatalogDocument& demo = decoded.document;
  auto lexicon = LoadLexicon(source + "/data/search");
  if (!lexicon.ok()) {
    std::fprintf(stderr, "lexicon: %s\n", lexicon.error().detail.c_str());
    return 1;
  }
  auto text = text::ChineseText::Create(lexicon->compounds);
  if (!text.ok()) {
    std::fprintf(stderr, "text: %s\n", text.error().detail.c_str());
    return 1;
  }
  std::vector<Labelled> labelled = ReadQueries(source + "/tests/catalog/search_queries.tsv");

  // The demo catalog: recall.
  Corpus small = MakeCorpus(demo.items, demo);
  auto small_index = SearchIndex::Build(**text, *lexicon, small.items, small.events, small.departments);
  Recall small_recall = MeasureRecall(*small_index, small, labelled, false);

  // The large catalog: build time, latency, recall.
  bench::GeneratedCatalog generated = bench::GenerateCatalog(demo, item_count, seed);
  Corpus large = MakeCorpus(generated.items, demo);
  auto t0 = Clock::now();
  double cpu0 = CpuMs();
  auto large_index = SearchIndex::Build(**text, *lexicon, large.items, large.events, large.departments);
  double build_cpu_ms = CpuMs() - cpu0;
  double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  Recall large_recall = MeasureRecall(*large_index, large, labelled, false);

  std::vector<std::string> queries;
  for (const auto& l : labelled) queries.push_back(l.query);
  queries.insert(queries.end(), generated.queries.begin(), generated.queries.end());
  // The index keeps its last answers (keyed by the raw query); each round
  // appends its own number of trailing spaces, which normalisation drops, so
  // every measured search is computed, not remembered. The cached figure is
  // measured apart, by repeating the last round.
  auto spaced = [](const std::string& q, int r) { return q + std::string(static_cast<std::size_t>(r), ' '); };
  std::size_t sink = 0;
  // Every search computed: per-query wall times and the mean CPU time.
  auto computed = [&](const SearchIndex& index, std::vector<double>& micros) {
    for (const auto& q : queries) (void)index.Search({spaced(q, rounds + 1), 10, std::nullopt, true, true});
    micros.reserve(queries.size() * static_cast<std::size_t>(rounds));
    double start_cpu = CpuMs();
    for (int r = 0; r < rounds; ++r) {
      for (const auto& q : queries) {
        auto start = Clock::now();
        auto hits = index.Search({spaced(q, r), 10, std::nullopt, true, true});
        micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        sink += hits.ok() ? hits->size() : 0;
      }
    }
    return (CpuMs() - start_cpu) * 1e3 / static_cast<double>(micros.size());
  };
  std::vector<double> micros;
  double search_cpu_us = computed(*large_index, micros);
  // The demo catalog, which `serve --demo` (the HTTP figure) searches.
  std::vector<double> demo_micros;
  double demo_cpu_us = computed(*small_index, demo_micros);
  std::vector<double> cached_micros;
  for (const auto& q : queries) {
    auto start = Clock::now();
    auto hits = large_index->Search({spaced(q, rounds - 1), 10, std::nullopt, true, true});
    cached_micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    sink += hits.ok() ? hits->size() : 0;
  }
  std::vector<double> suggest_micros;
  for (const auto& q : queries) {
    std::u32string cps = text::ToCodePoints(q);
    std::string prefix = text::ToUtf8(cps.substr(0, std::min<std::size_t>(cps.size(), 2)));
    auto start = Clock::now();
    sink += large_index->Suggest(prefix, 8).size();
    suggest_micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }

  if (!dump_path.empty()) {
    std::ofstream out(dump_path, std::ios::binary);
    for (const SearchIndex* index : {small_index.get(), large_index.get()}) {
      for (const auto& q : queries) {
        auto hits = index->Search({q, 10, std::nullopt, true, true});
        out << q << '\t';
        if (!hits.ok()) out << hits.error().reason;
        for (const auto& h : hits.ok() ? *hits : std::vector<SearchHit>{}) {
          char score[32];
          std::snprintf(score, sizeof score, "%.4f", h.score);
          out << ' ' << h.code << '=' << score;
        }
        out << '\n';
      }
    }
  }

  if (!export_path.empty()) {
    std::ofstream out(export_path, std::ios::binary);
    out << "{\"stopwords\":[";
    for (std::size_t i = 0; i < lexicon->stopwords.size(); ++i) {
      out << (i ? "," : "") << JsonString((*text)->Normalize(lexicon->stopwords[i]));
    }
    out << "],\n\"demo\":{\"docs\":";
    ExportCorpus(out, **text, small);
    out << ",\n\"labelled\":[";
    for (std::size_t i = 0; i < labelled.size(); ++i) {
      std::vector<std::string> codes;
      for (const auto& name : labelled[i].expected) {
        auto [from, to] = small.code_by_name.equal_range(name);
        for (auto it = from; it != to; ++it) codes.push_back(it->second);
      }
      out << (i ? ",\n" : "\n") << "{\"q\":" << JsonString(labelled[i].query)
          << ",\"tokens\":" << JsonString(Tokens(**text, {labelled[i].query}))
          << ",\"held_out\":" << (labelled[i].held_out ? "true" : "false") << ",\"expected\":[";
      for (std::size_t k = 0; k < codes.size(); ++k) out << (k ? "," : "") << JsonString(codes[k]);
      out << "]}";
    }
    out << "]},\n\"large\":{\"docs\":";
    ExportCorpus(out, **text, large);
    out << ",\n\"queries\":[";
    for (std::size_t i = 0; i < queries.size(); ++i) {
      out << (i ? ",\n" : "\n") << JsonString(Tokens(**text, {queries[i]}));
    }
    out << "],\n\"raw\":[";
    for (std::size_t i = 0; i < queries.size(); ++i) out << (i ? ",\n" : "\n") << JsonString(queries[i]);
    out << "]}}\n";
  }

  std::printf("catalog search, in process (%zu items + %zu life events; %zu queries × %d rounds)\n",
              large.items.size(), large.events.size(), queries.size(), rounds);
  std::printf("  build: %.1f ms (CPU %.1f ms)\n", build_ms, build_cpu_ms);
  std::printf("  search: p50 %.1f µs, p99 %.1f µs, max %.1f µs; mean CPU %.1f µs\n", Percentile(micros, 50),
              Percentile(micros, 99), Percentile(micros, 100), search_cpu_us);
  std::printf("  search, demo catalog: p50 %.1f µs, p99 %.1f µs; mean CPU %.1f µs\n",
              Percentile(demo_micros, 50), Percentile(demo_micros, 99), demo_cpu_us);
  std::printf("  search, answer remembered: p50 %.1f µs, p99 %.1f µs\n", Percentile(cached_micros, 50),
              Percentile(cached_micros, 99));
  std::printf("  suggest: p50 %.1f µs, p99 %.1f µs\n", Percentile(suggest_micros, 50),
              Percentile(suggest_micros, 99));
  std::printf("  recall@3, demo catalog (%zu items): %.3f (%d/%d); held-out %.3f (%d/%d)\n",
              small.items.size(), small_recall.all(), small_recall.found, small_recall.total,
              small_recall.held(), small_recall.held_found, small_recall.held_total);
  std::printf("  recall@3, large catalog: %.3f (%d/%d)\n", large_recall.all(), large_recall.found,
              large_recall.total);
  std::printf(
      "BENCH_JSON {\"items\":%zu,\"life_events\":%zu,\"queries\":%zu,\"rounds\":%d,\"build_ms\":%.1f,"
      "\"build_cpu_ms\":%.1f,\"search_cpu_mean_us\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,"
      "\"demo_p50_us\":%.1f,\"demo_p99_us\":%.1f,\"demo_cpu_mean_us\":%.1f,\"cached_p50_us\":%.1f,\"cached_"
      "p99_us\":%.1f,\"suggest_p50_us\":%.1f,\"suggest_p99_us\":%.1f,"
      "\"recall_demo\":%.4f,\"recall_demo_held_out\":%.4f,\"recall_large\":%.4f,\"labelled\":%d,"
      "\"held_out\":%d,\"demo_items\":%zu,\"sink\":%zu}\n",
      large.items.size(), large.events.size(), queries.size(), rounds, build_ms, build_cpu_ms, search_cpu_us,
      Percentile(micros, 50), Percentile(micros, 99), Percentile(micros, 100), Percentile(demo_micros, 50),
      Percentile(demo_micros, 99), demo_cpu_us, Percentile(cached_micros, 50), Percentile(cached_micros, 99),
      Percentile(suggest_micros, 50), Percentile(suggest_micros, 99), small_recall.all(), small_recall.held(),
      large_recall.all(), small_recall.total, small_recall.held_total, small.items.size(), sink);
  return 0;
}
