// 事项搜索 — search over the published catalog, in memory (the catalog is
// small: Shanghai has about 7,300 items), rebuilt with every snapshot, so the
// same data gives the same results on SQLite and PostgreSQL.
//
// Understands how people ask: simplified/traditional folding and word
// segmentation (text::ChineseText), synonyms and colloquial aliases kept as
// data (data/search/synonyms.tsv: 开公司 → 企业设立登记, 狗证 → 养犬登记),
// tolerance of one wrong character per word, ranking by relevance (BM25 over
// name, aliases, keywords, category, department and summary, names weighted
// highest), and typeahead by prefix.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "core/error.hpp"
#include "text/chinese.hpp"

namespace tongban::catalog {

// The search data under data/search/ (catalog.lexicon_dir):
//   compounds.txt  one domain word per line (# comments)
//   synonyms.tsv   "<what people say>\t<what the catalog says>[\t…]" per line:
//                  a query containing the left side also searches the right side(s)
//   stopwords.txt  (optional) one query filler word per line (怎么, 需要, 什么):
//                  such words of a query neither match nor score
struct Lexicon {
  std::vector<std::string> compounds;
  std::vector<std::pair<std::string, std::vector<std::string>>> synonyms;
  std::vector<std::string> stopwords;
};
Result<Lexicon> LoadLexicon(const std::string& dir);

enum class HitKind { kItem, kLifeEvent };  // JSON "item" / "life_event"

// One record found. The texts are views of the index's own strings, kept
// alive by the SearchHits they came in: copy them to keep them longer.
struct SearchHit {
  HitKind kind = HitKind::kItem;
  std::string_view code;
  std::string_view name;
  std::string_view department_code;  // items; the lead department for life events
  std::string_view department_name;  // that department's name ("" when the catalog has none by that code)
  Target target = Target::kResident;
  double score = 0;
};

// A search's answer: immutable and shared, so an answer the index remembers
// is handed out without copying; it keeps alive the strings its hits view.
// Reads like a const vector.
class SearchHits {
 public:
  SearchHits() = default;
  SearchHits(std::vector<SearchHit> hits, std::shared_ptr<const void> strings)
      : hits_(std::make_shared<const std::vector<SearchHit>>(std::move(hits))),
        strings_(std::move(strings)) {}

  const std::vector<SearchHit>& all() const { return hits_ ? *hits_ : kNone; }
  operator const std::vector<SearchHit>&() const { return all(); }  // NOLINT(google-explicit-constructor)
  std::size_t size() const { return all().size(); }
  bool empty() const { return all().empty(); }
  const SearchHit& operator[](std::size_t i) const { return all()[i]; }
  const SearchHit& front() const { return all().front(); }
  std::vector<SearchHit>::const_iterator begin() const { return all().begin(); }
  std::vector<SearchHit>::const_iterator end() const { return all().end(); }

 private:
  static inline const std::vector<SearchHit> kNone;
  std::shared_ptr<const std::vector<SearchHit>> hits_;
  std::shared_ptr<const void> strings_;
};

struct SearchQuery {
  std::string q;                 // 1..100 characters after normalisation
  int limit = 10;                // 1..50
  std::optional<Target> target;  // resident: resident+both; enterprise: enterprise+both
  bool items = true;
  bool life_events = true;
};

struct Suggestion {
  HitKind kind = HitKind::kItem;
  std::string code;
  std::string name;
};

class SearchIndex {
 public:
  // `departments`: for department names as a search field. Pointers are read
  // during Build only.
  static std::unique_ptr<SearchIndex> Build(const text::ChineseText& text, const Lexicon& lexicon,
                                            const std::vector<const ServiceItem*>& items,
                                            const std::vector<const LifeEvent*>& life_events,
                                            const std::vector<const Department*>& departments);
  virtual ~SearchIndex() = default;

  // Ranked, best first, at most query.limit. An empty or over-long query is
  // catalog.invalid_query (field /q).
  virtual Result<SearchHits> Search(const SearchQuery& query) const = 0;
  // Typeahead: names (and aliases) that start with, or contain, the prefix,
  // life events and shorter names first; at most `limit` (1..20).
  virtual std::vector<Suggestion> Suggest(std::string_view prefix, int limit) const = 0;
  virtual std::size_t documents() const = 0;
};

std::string_view HitKindCode(HitKind kind);

}  // namespace tongban::catalog
