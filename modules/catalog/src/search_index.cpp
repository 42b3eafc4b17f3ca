// 事项搜索 — the in-memory index behind catalog/search.hpp.
//
// One inverted index, three kinds of term per field text:
//   w<word>    the segmenter's words (text::ChineseText::Segment)
//   b<cc>      character bigrams over the text's non-ASCII characters,
//              across word boundaries: robust to segmentation errors and to
//              one wrong character (it breaks two bigrams, the rest match)
//   u<c>       single characters, weighted lightly (one-character queries,
//              and a last resort for typos)
// Scores are BM25F: per term and document the field frequencies are summed
// with field weights (name > aliases > keywords > category > department >
// summary) and length-normalised per field, then saturated (k1) and weighted
// by idf. The impact of every posting is computed at build time, so a query
// is a sum of precomputed floats.
//
// A query adds: its words and bigrams; for a word the index does not know,
// the indexed words at edit distance 1 in code points (SymSpell deletion
// keys); the catalog words of every synonym whose left side it contains
// (data/search/synonyms.tsv). The best candidates then get a bonus when the
// query is a name or alias, contains one (also with one wrong character), or
// names it through a synonym.
#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "catalog/search.hpp"

namespace tongban::catalog {

std::string_view HitKindCode(HitKind kind) {
  switch (kind) {
    case HitKind::kItem: return "item";
    case HitKind::kLifeEvent: return "life_event";
  }
  return "item";
}

namespace {

using text::ToCodePoints;
using text::ToUtf8;

enum Field { kName, kAliases, kKeywords, kCategory, kDepartment, kSummary, kFieldCount };
constexpr std::array<float, kFieldCount> kFieldWeight = {5.0f, 4.0f, 2.5f, 1.5f, 1.0f, 0.6f};
constexpr float kK1 = 1.2f;
constexpr float kB = 0.4f;

// Query-side weights of the kinds of term.
constexpr float kWordWeight = 1.0f;
constexpr float kBigramWeight = 0.5f;
constexpr float kUnigramWeight = 0.12f;
constexpr float kTypoWeight = 0.6f;
constexpr float kSynonymWeight = 0.9f;

constexpr std::size_t kMaxQueryCodePoints = 100;
constexpr std::size_t kMaxTypoCandidates = 16;
constexpr std::size_t kRerankDepth = 64;

bool IsAscii(char32_t c) {
  return c < 0x80;
}

struct Posting {
  std::uint32_t doc;
  float impact;
};

struct Doc {
  HitKind kind = HitKind::kItem;
  std::string code;
  std::string name;
  std::string department_code;
  Target target = Target::kResident;
  std::u32string name_key;  // normalised, without spaces
  std::vector<std::u32string> alias_keys;
  std::vector<std::u32string> keyword_keys;
};

struct WeightedTerm {
  std::uint32_t term;
  float weight;
};

struct SynonymTarget {
  std::u32string key;  // normalised, without spaces
  std::vector<WeightedTerm> terms;
};

struct Synonym {
  std::u32string left;
  std::vector<SynonymTarget> targets;
};

struct SynonymMatch {
  std::size_t from;  // code points of the query, [from, to)
  std::size_t to;
  const SynonymTarget* target;
};

struct SuggestEntry {
  std::u32string key;
  std::uint32_t doc;
};

std::u32string Key(const text::ChineseText& text, std::string_view s) {
  std::u32string cps = ToCodePoints(text.Normalize(s));
  cps.erase(std::remove(cps.begin(), cps.end(), U' '), cps.end());
  return cps;
}

// One analysed text: words, and the concatenation of the words as code points.
struct Analysis {
  std::vector<std::string> words;
  std::u32string joined;
};

Analysis Analyse(const text::ChineseText& text, std::string_view s) {
  Analysis a;
  a.words = text.Segment(s);
  for (const std::string& w : a.words) a.joined += ToCodePoints(w);
  return a;
}

// Calls f(term string) for every term of an analysed text.
template <typename F>
void ForEachTerm(const Analysis& a, F&& f) {
  std::string term;
  for (const std::string& w : a.words) {
    term.assign(1, 'w');
    term += w;
    f(term);
  }
  const std::u32string& j = a.joined;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (IsAscii(j[i])) continue;
    term.assign(1, 'u');
    term += ToUtf8(std::u32string_view(&j[i], 1));
    f(term);
    if (i + 1 < j.size() && !IsAscii(j[i + 1])) {
      term.assign(1, 'b');
      term += ToUtf8(std::u32string_view(&j[i], 2));
      f(term);
    }
  }
}

// Levenshtein distance ≤ 1 (one substitution, insertion or deletion).
bool WithinOneEdit(std::u32string_view a, std::u32string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one more at the end
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

bool Contains(std::u32string_view haystack, std::u32string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::u32string_view::npos;
}

bool TargetMatches(Target doc, const std::optional<Target>& wanted) {
  if (!wanted || *wanted == Target::kBoth) return true;
  return doc == *wanted || doc == Target::kBoth;
}

class InMemorySearchIndex final : public SearchIndex {
 public:
  explicit InMemorySearchIndex(const text::ChineseText& text) : text_(text) {}

  void AddDocument(Doc doc, const std::array<std::vector<std::string>, kFieldCount>& fields) {
    const auto id = static_cast<std::uint32_t>(docs_.size());
    std::unordered_map<std::uint32_t, std::array<float, kFieldCount>> tf;
    std::array<float, kFieldCount> length{};
    for (int f = 0; f < kFieldCount; ++f) {
      for (const std::string& s : fields[static_cast<std::size_t>(f)]) {
        Analysis a = Analyse(text_, s);
        length[static_cast<std::size_t>(f)] += static_cast<float>(a.joined.size());
        ForEachTerm(a,
                    [&](const std::string& term) { tf[Intern(term)][static_cast<std::size_t>(f)] += 1.0f; });
      }
    }
    for (auto& [term, counts] : tf) pending_.push_back({id, term, counts});
    lengths_.push_back(length);
    docs_.push_back(std::move(doc));
  }

  void AddSynonyms(const Lexicon& lexicon) {
    for (const std::string& w : lexicon.stopwords) stopwords_.insert(ToUtf8(Key(text_, w)));
    for (const auto& [left, rights] : lexicon.synonyms) {
      Synonym synonym{Key(text_, left), {}};
      if (synonym.left.empty()) continue;
      for (const std::string& right : rights) {
        SynonymTarget target{Key(text_, right), {}};
        Analysis a = Analyse(text_, right);
        std::unordered_map<std::uint32_t, float> terms;
        ForEachTerm(a, [&](const std::string& term) {
          auto it = term_ids_.find(term);
          if (it == term_ids_.end()) return;
          float w = term[0] == 'w' ? kWordWeight : term[0] == 'b' ? kBigramWeight : kUnigramWeight;
          terms[it->second] = std::max(terms[it->second], w * kSynonymWeight);
        });
        for (auto [term, weight] : terms) target.terms.push_back({term, weight});
        synonym.targets.push_back(std::move(target));
      }
      synonyms_by_first_[synonym.left[0]].push_back(synonyms_.size());
      synonyms_.push_back(std::move(synonym));
    }
  }

  // Turns the collected frequencies into postings with precomputed impacts.
  void Finish() {
    const std::size_t n = docs_.size();
    std::array<float, kFieldCount> average{};
    for (const auto& length : lengths_) {
      for (int f = 0; f < kFieldCount; ++f)
        average[static_cast<std::size_t>(f)] += length[static_cast<std::size_t>(f)];
    }
    for (float& a : average) a = n == 0 ? 1.0f : std::max(1.0f, a / static_cast<float>(n));
    std::vector<std::uint32_t> df(terms_.size(), 0);
    for (const Pending& p : pending_) ++df[p.term];
    postings_.assign(terms_.size(), {});
    for (std::uint32_t t = 0; t < terms_.size(); ++t) postings_[t].reserve(df[t]);
    for (const Pending& p : pending_) {
      float weighted = 0;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (p.counts[f] == 0) continue;
        float norm = (1.0f - kB) + kB * lengths_[p.doc][f] / average[f];
        weighted += kFieldWeight[f] * p.counts[f] / norm;
      }
      float d = static_cast<float>(df[p.term]);
      float idf = std::log(1.0f + (static_cast<float>(n) - d + 0.5f) / (d + 0.5f));
      postings_[p.term].push_back({p.doc, idf * weighted * (kK1 + 1.0f) / (weighted + kK1)});
    }
    pending_.clear();
    pending_.shrink_to_fit();
    df_ = std::move(df);

    // Edit-distance-1 lookups over indexed words (SymSpell: every word and
    // each of its one-character deletions point back to the word).
    for (std::uint32_t t = 0; t < terms_.size(); ++t) {
      if (terms_[t][0] != 'w') continue;
      std::u32string cps = ToCodePoints(std::string_view(terms_[t]).substr(1));
      if (cps.size() < 2 || cps.size() > 12) continue;
      word_cps_.emplace(t, cps);
      deletes_[ToUtf8(cps)].push_back(t);
      for (std::size_t i = 0; i < cps.size(); ++i) {
        std::u32string shorter = cps;
        shorter.erase(i, 1);
        auto& bucket = deletes_[ToUtf8(shorter)];
        if (bucket.empty() || bucket.back() != t) bucket.push_back(t);
      }
    }

    for (std::uint32_t d = 0; d < docs_.size(); ++d) {
      suggest_.push_back({docs_[d].name_key, d});
      for (const auto& alias : docs_[d].alias_keys) suggest_.push_back({alias, d});
    }
  }

  Result<std::vector<SearchHit>> Search(const SearchQuery& query) const override {
    if (query.limit < 1 || query.limit > 50) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_limit", "返回条数须在 1 到 50 之间",
                         "limit must be between 1 and 50", "/limit");
    }
    std::string normal = text_.Normalize(query.q);
    std::u32string normal_cps = ToCodePoints(normal);
    if (normal_cps.empty() || normal_cps.size() > kMaxQueryCodePoints) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_query",
                         "请输入 1 到 100 个字的搜索内容（标点不计）",
                         "the query must have 1 to 100 characters (punctuation not counted)", "/q");
    }
    std::vector<SearchHit> hits;
    if (docs_.empty() || (!query.items && !query.life_events)) return hits;

    Analysis a = Analyse(text_, normal);
    std::unordered_map<std::uint32_t, float> terms;
    auto add = [&terms](std::uint32_t term, float weight) {
      float& w = terms[term];
      w = std::max(w, weight);
    };
    auto lookup = [this](const std::string& term) -> std::optional<std::uint32_t> {
      auto it = term_ids_.find(term);
      if (it == term_ids_.end()) return std::nullopt;
      return it->second;
    };

    // Filler words (怎么, 需要, 什么 …) neither match nor score, unless the
    // query has nothing else; the rest falls into runs of adjacent words, and
    // bigrams do not bridge a removed word.
    std::vector<std::u32string> word_cps;
    std::vector<bool> filler;
    for (const std::string& w : a.words) {
      word_cps.push_back(ToCodePoints(w));
      filler.push_back(stopwords_.count(w) > 0);
    }
    if (std::all_of(filler.begin(), filler.end(), [](bool f) { return f; }))
      filler.assign(filler.size(), false);
    std::vector<Analysis> runs(1);
    for (std::size_t i = 0; i < a.words.size(); ++i) {
      if (filler[i]) {
        if (!runs.back().words.empty()) runs.emplace_back();
        continue;
      }
      runs.back().words.push_back(a.words[i]);
      runs.back().joined += word_cps[i];
    }
    for (const Analysis& run : runs) {
      ForEachTerm(run, [&](const std::string& term) {
        if (auto id = lookup(term)) {
          float w = term[0] == 'w' ? kWordWeight : term[0] == 'b' ? kBigramWeight : kUnigramWeight;
          add(*id, w);
        }
      });
    }
    // Words the index does not know: the known words one edit away. Adjacent
    // pieces are tried joined too, since a wrong character often makes the
    // segmenter cut a word in two (结昏 → 结 | 昏).
    std::vector<std::u32string> spans;
    for (std::size_t i = 0; i < word_cps.size(); ++i) {
      if (filler[i]) continue;
      spans.push_back(word_cps[i]);
      if (i + 1 < word_cps.size() && !filler[i + 1] &&
          (word_cps[i].size() == 1 || word_cps[i + 1].size() == 1)) {
        spans.push_back(word_cps[i] + word_cps[i + 1]);
      }
    }
    for (const std::u32string& span : spans) {
      if (span.size() < 2 || span.size() > 12 || IsAscii(span[0])) continue;
      if (auto id = lookup("w" + ToUtf8(span))) {
        add(*id, kWordWeight);
        continue;
      }
      AddTypoCandidates(span, add);
    }
    // Synonyms whose left side the query contains.
    std::u32string compact = a.joined;
    std::vector<SynonymMatch> synonym_matches;
    for (std::size_t i = 0; i < compact.size(); ++i) {
      auto it = synonyms_by_first_.find(compact[i]);
      if (it == synonyms_by_first_.end()) continue;
      for (std::size_t s : it->second) {
        const Synonym& synonym = synonyms_[s];
        if (compact.compare(i, synonym.left.size(), synonym.left) != 0) continue;
        for (const SynonymTarget& target : synonym.targets) {
          synonym_matches.push_back({i, i + synonym.left.size(), &target});
          for (const WeightedTerm& t : target.terms) add(t.term, t.weight);
        }
      }
    }
    // Which characters of the query say what is wanted (not filler).
    std::vector<bool> meaningful;
    for (std::size_t i = 0; i < word_cps.size(); ++i)
      meaningful.insert(meaningful.end(), word_cps[i].size(), !filler[i]);

    // Accumulate.
    std::vector<float> score(docs_.size(), 0.0f);
    std::vector<std::uint32_t> touched;
    for (auto [term, weight] : terms) {
      for (const Posting& p : postings_[term]) {
        if (score[p.doc] == 0.0f) touched.push_back(p.doc);
        score[p.doc] += weight * p.impact;
      }
    }
    std::vector<std::uint32_t> candidates;
    candidates.reserve(touched.size());
    for (std::uint32_t d : touched) {
      const Doc& doc = docs_[d];
      if (doc.kind == HitKind::kItem ? !query.items : !query.life_events) continue;
      if (!TargetMatches(doc.target, query.target)) continue;
      candidates.push_back(d);
    }
    auto by_score = [&score](std::uint32_t x, std::uint32_t y) {
      return score[x] != score[y] ? score[x] > score[y] : x < y;
    };
    std::size_t depth = std::min(candidates.size(), kRerankDepth);
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(depth),
                      candidates.end(), by_score);
    candidates.resize(depth);
    if (candidates.empty()) return hits;

    // Bonuses for names, relative to the best plain score.
    const float top = score[candidates.front()];
    std::vector<float> final_score(docs_.size(), 0.0f);
    for (std::uint32_t d : candidates) {
      final_score[d] = score[d] + top * NameBonus(docs_[d], compact, meaningful, synonym_matches);
    }
    std::sort(candidates.begin(), candidates.end(), [&final_score](std::uint32_t x, std::uint32_t y) {
      return final_score[x] != final_score[y] ? final_score[x] > final_score[y] : x < y;
    });
    for (std::uint32_t d : candidates) {
      if (hits.size() >= static_cast<std::size_t>(query.limit)) break;
      const Doc& doc = docs_[d];
      hits.push_back({doc.kind, doc.code, doc.name, doc.department_code, doc.target, final_score[d]});
    }
    return hits;
  }

  std::vector<Suggestion> Suggest(std::string_view prefix, int limit) const override {
    std::vector<Suggestion> out;
    limit = std::clamp(limit, 1, 20);
    std::u32string key = Key(text_, prefix);
    if (key.empty() || key.size() > kMaxQueryCodePoints) return out;
    struct Ranked {
      int rank;  // 0: starts with the prefix, 1: contains it
      std::uint32_t doc;
    };
    std::vector<Ranked> found;
    for (const SuggestEntry& e : suggest_) {
      if (e.key.size() < key.size()) continue;
      if (e.key.compare(0, key.size(), key) == 0) {
        found.push_back({0, e.doc});
      } else if (e.key.find(key) != std::u32string::npos) {
        found.push_back({1, e.doc});
      }
    }
    std::sort(found.begin(), found.end(), [this](const Ranked& x, const Ranked& y) {
      if (x.rank != y.rank) return x.rank < y.rank;
      const Doc& a = docs_[x.doc];
      const Doc& b = docs_[y.doc];
      if (a.kind != b.kind) return a.kind == HitKind::kLifeEvent;
      if (a.name_key.size() != b.name_key.size()) return a.name_key.size() < b.name_key.size();
      return x.doc < y.doc;
    });
    std::unordered_set<std::uint32_t> seen;
    for (const Ranked& r : found) {
      if (out.size() >= static_cast<std::size_t>(limit)) break;
      if (!seen.insert(r.doc).second) continue;
      const Doc& doc = docs_[r.doc];
      out.push_back({doc.kind, doc.code, doc.name});
    }
    return out;
  }

  std::size_t documents() const override { return docs_.size(); }

 private:
  struct Pending {
    std::uint32_t doc;
    std::uint32_t term;
    std::array<float, kFieldCount> counts;
  };

  std::uint32_t Intern(const std::string& term) {
    auto [it, inserted] = term_ids_.try_emplace(term, static_cast<std::uint32_t>(terms_.size()));
    if (inserted) terms_.push_back(term);
    return it->second;
  }

  template <typename Add>
  void AddTypoCandidates(const std::u32string& span, Add& add) const {
    std::vector<std::uint32_t> found;
    auto probe = [&](const std::u32string& key) {
      auto it = deletes_.find(ToUtf8(key));
      if (it == deletes_.end()) return;
      for (std::uint32_t t : it->second) {
        const std::u32string& word = word_cps_.at(t);
        if (word.size() < 2 || !WithinOneEdit(span, word)) continue;
        if (std::find(found.begin(), found.end(), t) == found.end()) found.push_back(t);
      }
    };
    probe(span);
    for (std::size_t i = 0; i < span.size(); ++i) {
      std::u32string shorter = span;
      shorter.erase(i, 1);
      if (shorter.size() >= 1) probe(shorter);
    }
    if (found.empty()) return;
    // The commoner words first: a typo is likelier of a word people use.
    std::sort(found.begin(), found.end(), [this](std::uint32_t x, std::uint32_t y) {
      return df_[x] != df_[y] ? df_[x] > df_[y] : x < y;
    });
    if (found.size() > kMaxTypoCandidates) found.resize(kMaxTypoCandidates);
    float weight = kTypoWeight / std::sqrt(static_cast<float>(found.size()));
    for (std::uint32_t t : found) add(t, weight);
  }

  // How much the names add, in units of the best plain score: 1 when the
  // query is a name or alias, plus up to 0.7 for the share of the query's
  // meaningful characters the record's names cover (a bigram of the query in
  // a name or alias; a whole name with one wrong character; the left side of
  // a synonym that names this record). Keywords cover at half credit.
  static float NameBonus(const Doc& doc, const std::u32string& q, const std::vector<bool>& meaningful,
                         const std::vector<SynonymMatch>& synonym_matches) {
    std::u32string core;
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (meaningful[i]) core += q[i];
    }
    if (core.empty()) return 0.0f;
    float exact = 0.0f;
    auto is_name = [&doc](const std::u32string& s) {
      return s == doc.name_key ||
             std::find(doc.alias_keys.begin(), doc.alias_keys.end(), s) != doc.alias_keys.end();
    };
    if (is_name(q) || is_name(core)) exact = 1.0f;

    std::vector<float> covered(q.size(), 0.0f);
    auto mark = [&](const std::u32string& name, float credit) {
      if (name.empty()) return;
      for (std::size_t i = 0; i < q.size(); ++i) {
        if (!meaningful[i]) continue;
        bool left = i > 0 && meaningful[i - 1];
        bool right = i + 1 < q.size() && meaningful[i + 1];
        bool hit = false;
        if (right && name.find(q.substr(i, 2)) != std::u32string::npos) hit = true;
        if (left && name.find(q.substr(i - 1, 2)) != std::u32string::npos) hit = true;
        if (!left && !right && name.find(q[i]) != std::u32string::npos) hit = true;
        if (hit) covered[i] = std::max(covered[i], credit);
      }
      if (name.size() >= 3 && name.size() <= q.size()) {
        for (std::size_t at = 0; at + name.size() <= q.size(); ++at) {
          int diff = 0;
          for (std::size_t k = 0; k < name.size() && diff <= 1; ++k) diff += q[at + k] != name[k];
          if (diff > 1) continue;
          for (std::size_t k = 0; k < name.size(); ++k) covered[at + k] = std::max(covered[at + k], credit);
        }
      }
    };
    mark(doc.name_key, 1.0f);
    for (const auto& alias : doc.alias_keys) mark(alias, 1.0f);
    for (const auto& keyword : doc.keyword_keys) mark(keyword, 0.5f);
    for (const SynonymMatch& m : synonym_matches) {
      const std::u32string& key = m.target->key;
      bool names_doc = is_name(key) || (key.size() >= 2 && Contains(doc.name_key, key));
      if (!names_doc) continue;
      for (std::size_t k = m.from; k < m.to; ++k) covered[k] = 1.0f;
    }
    float sum = 0.0f;
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (meaningful[i]) sum += covered[i];
    }
    return exact + 0.7f * sum / static_cast<float>(core.size());
  }

  const text::ChineseText& text_;
  std::vector<Doc> docs_;
  std::vector<std::array<float, kFieldCount>> lengths_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::string> terms_;
  std::vector<std::vector<Posting>> postings_;
  std::vector<std::uint32_t> df_;
  std::unordered_map<std::uint32_t, std::u32string> word_cps_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletes_;
  std::vector<Synonym> synonyms_;
  std::unordered_map<char32_t, std::vector<std::size_t>> synonyms_by_first_;
  std::vector<SuggestEntry> suggest_;
  std::unordered_set<std::string> stopwords_;  // normalised
};

}  // namespace

std::unique_ptr<SearchIndex> SearchIndex::Build(const text::ChineseText& text, const Lexicon& lexicon,
                                                const std::vector<const ServiceItem*>& items,
                                                const std::vector<const LifeEvent*>& life_events,
                                                const std::vector<const Department*>& departments) {
  auto index = std::make_unique<InMemorySearchIndex>(text);
  std::unordered_map<std::string_view, const Department*> by_code;
  for (const Department* d : departments) by_code.emplace(d->code, d);
  auto department_names = [&by_code](const std::string& code) {
    std::vector<std::string> names;
    if (auto it = by_code.find(code); it != by_code.end()) {
      names.push_back(it->second->name);
      if (!it->second->short_name.empty()) names.push_back(it->second->short_name);
    }
    return names;
  };
  std::unordered_map<std::string_view, const ServiceItem*> item_by_code;
  for (const ServiceItem* item : items) item_by_code.emplace(item->code, item);

  for (const ServiceItem* item : items) {
    Doc doc{HitKind::kItem,        item->code, item->name, item->department_code, item->target,
            Key(text, item->name), {}, {}};
    for (const std::string& alias : item->aliases) doc.alias_keys.push_back(Key(text, alias));
    for (const std::string& keyword : item->keywords) doc.keyword_keys.push_back(Key(text, keyword));
    std::array<std::vector<std::string>, kFieldCount> fields;
    fields[kName] = {item->name};
    fields[kAliases] = item->aliases;
    fields[kKeywords] = item->keywords;
    fields[kCategory] = {item->category};
    if (!item->result.name.empty()) fields[kCategory].push_back(item->result.name);
    fields[kDepartment] = department_names(item->department_code);
    fields[kSummary] = {item->summary};
    index->AddDocument(std::move(doc), fields);
  }
  for (const LifeEvent* event : life_events) {
    Doc doc{HitKind::kLifeEvent,    event->code, event->name, event->lead_department_code, event->target,
            Key(text, event->name), {}, {}};
    for (const std::string& alias : event->aliases) doc.alias_keys.push_back(Key(text, alias));
    for (const std::string& keyword : event->keywords) doc.keyword_keys.push_back(Key(text, keyword));
    std::array<std::vector<std::string>, kFieldCount> fields;
    fields[kName] = {event->name};
    fields[kAliases] = event->aliases;
    fields[kKeywords] = event->keywords;
    fields[kDepartment] = department_names(event->lead_department_code);
    fields[kSummary] = {event->summary};
    // The bundle's items, as weakly as a summary: a life event is found by
    // what it contains, and an item's own name still ranks the item first.
    for (const std::string& code : event->item_codes) {
      if (auto it = item_by_code.find(code); it != item_by_code.end())
        fields[kSummary].push_back(it->second->name);
    }
    index->AddDocument(std::move(doc), fields);
  }
  index->Finish();
  index->AddSynonyms(lexicon);
  return index;
}

}  // namespace tongban::catalog
