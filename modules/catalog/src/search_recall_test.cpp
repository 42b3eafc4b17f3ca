// Recall@3 of the labelled queries over the demo catalog, with the shipped
// lexicon: tests/catalog/search_queries.tsv holds "query<TAB>expected name
// [<TAB>another acceptable name…]"; each "# held-out" line opens a set of
// queries the lexicon and ranking were not tuned on (each reported apart).
// Fails when recall@3 over all lines is below 0.9, printing every miss with
// what came instead.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "catalog/codec.hpp"
#include "catalog/search.hpp"

namespace tongban::catalog {
namespace {

const std::string kSource = TONGBAN_SOURCE_DIR;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Labelled {
  std::string query;
  std::vector<std::string> expected;  // names
  int held_out = 0;                   // 0: tuned; n: the n-th held-out set
  int line = 0;
};

std::vector<Labelled> ReadQueries(const std::string& path) {
  std::vector<Labelled> out;
  std::istringstream in(ReadAll(path));
  std::string line;
  int held_out = 0;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#", 0) == 0) {
      if (line.rfind("# held-out", 0) == 0) ++held_out;
      continue;
    }
    if (line.empty()) continue;
    Labelled l;
    l.held_out = held_out;
    l.line = number;
    std::size_t from = 0;
    std::vector<std::string> columns;
    while (true) {
      std::size_t tab = line.find('\t', from);
      columns.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    l.query = columns[0];
    for (std::size_t i = 1; i < columns.size(); ++i) {
      if (!columns[i].empty()) l.expected.push_back(columns[i]);
    }
    out.push_back(std::move(l));
  }
  return out;
}

TEST(SearchRecallTest, RecallAt3OverTheDemoCatalog) {
  const std::string catalog_path = kSource + "/data/demo/catalog.json";
  std::string json = ReadAll(catalog_path);
  ASSERT_FALSE(json.empty()) << catalog_path << " is missing";
  DecodedDocument decoded = CatalogDocumentFromJsonText(json);
  ASSERT_TRUE(decoded.errors.empty())
      << decoded.errors.front().field << ": " << decoded.errors.front().message_en;
  const CatalogDocument& doc = decoded.document;

  auto lexicon = LoadLexicon(kSource + "/data/search");
  ASSERT_TRUE(lexicon.ok()) << lexicon.error().detail;
  auto text = text::ChineseText::Create(lexicon->compounds);
  ASSERT_TRUE(text.ok()) << text.error().detail;

  std::vector<const ServiceItem*> items;
  std::vector<const LifeEvent*> events;
  std::vector<const Department*> departments;
  std::multimap<std::string, std::string> code_by_name;  // a name may be several districts' items
  // The current version of each item, as the service's snapshot indexes it: the
  // latest published one (an earlier published version ended when it began).
  std::map<std::string, const ServiceItem*> current;
  for (const auto& item : doc.items) {
    if (item.status != VersionStatus::kPublished) continue;
    const ServiceItem*& slot = current[item.code];
    if (slot == nullptr || slot->version < item.version) slot = &item;
  }
  for (const auto& [code, item] : current) {
    items.push_back(item);
    code_by_name.emplace(item->name, code);
  }
  for (const auto& event : doc.life_events) {
    if (event.status != VersionStatus::kPublished) continue;
    events.push_back(&event);
    code_by_name.emplace(event.name, event.code);
  }
  for (const auto& d : doc.departments) departments.push_back(&d);
  auto index = SearchIndex::Build(**text, *lexicon, items, events, departments);

  std::vector<Labelled> queries = ReadQueries(kSource + "/tests/catalog/search_queries.tsv");
  ASSERT_GE(queries.size(), 100u);
  std::map<int, std::pair<int, int>> by_set;  // set → (found, total)
  for (const Labelled& l : queries) {
    ASSERT_FALSE(l.expected.empty()) << "line " << l.line << ": no expected name";
    std::vector<std::string> codes;
    for (const std::string& name : l.expected) {
      auto [from, to] = code_by_name.equal_range(name);
      ASSERT_NE(from, to) << "line " << l.line << ": no published item or life event named " << name;
      for (auto it = from; it != to; ++it) codes.push_back(it->second);
    }
    SearchQuery q;
    q.q = l.query;
    q.limit = 3;
    auto hits = index->Search(q);
    ASSERT_TRUE(hits.ok()) << l.query << ": " << hits.error().message_en;
    bool hit = false;
    for (const SearchHit& h : *hits) {
      hit = hit || std::find(codes.begin(), codes.end(), h.code) != codes.end();
    }
    auto& [found, total] = by_set[l.held_out];
    ++total;
    if (hit) {
      ++found;
    } else {
      std::string got;
      for (const SearchHit& h : *hits) (got += " ") += h.name;
      std::printf("MISS%s line %d: %s → want %s; got%s\n", l.held_out ? " (held-out)" : "", l.line,
                  l.query.c_str(), l.expected.front().c_str(), got.empty() ? " nothing" : got.c_str());
    }
  }
  int found_all = 0;
  int total_all = 0;
  for (const auto& [set, counts] : by_set) {
    std::printf("recall@3 %s: %.3f (%d/%d)\n",
                set == 0 ? "tuned" : ("held-out set " + std::to_string(set)).c_str(),
                static_cast<double>(counts.first) / counts.second, counts.first, counts.second);
    found_all += counts.first;
    total_all += counts.second;
  }
  double all = static_cast<double>(found_all) / total_all;
  std::printf("recall@3 all: %.3f (%d/%d); %zu items, %zu life events\n", all, found_all, total_all,
              items.size(), events.size());
  EXPECT_GE(all, 0.9);
}

}  // namespace
}  // namespace tongban::catalog
