// 事项搜索 — the in-memory index behind catalog/search.hpp.
//
// One inverted index, three kinds of term per field text:
//   words      the segmenter's words (text::ChineseText::Segment)
//   bigrams    character bigrams over the text's non-ASCII characters,
//              across word boundaries: robust to segmentation errors and to
//              one wrong character (it breaks two bigrams, the rest match)
//   characters single characters, from names, aliases and keywords only
//              (one-character questions, very short ones)
// Scores are BM25F: per term and document the field frequencies are summed
// with field weights (name > aliases > keywords > category > department >
// summary) and length-normalised per field, then saturated (k1) and weighted
// by idf. The impact of every posting is computed at build time, so a query
// is a sum of precomputed floats.
//
// A query: its filler words (stopwords.txt) dropped; its words, bigrams (not
// across a dropped word) and, alone or in short questions, characters; for a
// word the index does not know, the indexed words at edit distance 1 in code
// points (SymSpell deletion keys; adjacent pieces joined too, since a typo
// often splits a word); the catalog's words for every synonym whose left side
// it contains — as is, with filler inside, or with one wrong character. The
// best candidates are then reranked by the share of the question their names
// cover (query bigrams in a name, alias or keyword, a whole name with one
// wrong character, a synonym naming the record) and by an exact name.
//
// Thread-safety: immutable after Build; Search and Suggest are const and use
// per-thread scratch accumulators; Search keeps its last answers (2,048, in
// mutex-guarded shards) — the index is rebuilt with every snapshot, so they
// never outlive the data they came from.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <mutex>
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
// Single characters are indexed from the short fields only: in summaries
// every common character would put thousands of documents in every query.
constexpr std::array<bool, kFieldCount> kFieldUnigrams = {true, true, true, false, false, false};
constexpr float kK1 = 1.2f;
constexpr float kB = 0.4f;

enum class Kind : std::uint8_t { kWord, kBigram, kUnigram };

// Query-side weights of the kinds of term.
constexpr float kWordWeight = 1.0f;
constexpr float kBigramWeight = 0.5f;
constexpr float kUnigramWeight = 0.12f;
constexpr float kTypoWeight = 0.6f;
constexpr float kSynonymWeight = 0.9f;
constexpr float kFuzzySynonymFactor = 0.8f;  // a synonym matched with one wrong character

constexpr std::size_t kMaxQueryCodePoints = 100;
constexpr std::size_t kMaxTypoCandidates = 16;
constexpr std::size_t kRerankDepth = 32;

float KindWeight(Kind kind) {
  switch (kind) {
    case Kind::kWord: return kWordWeight;
    case Kind::kBigram: return kBigramWeight;
    case Kind::kUnigram: return kUnigramWeight;
  }
  return 0;
}

bool IsAscii(char32_t c) {
  return c < 0x80;
}

// Bigrams and single characters as integers (a code point fits in 21 bits).
std::uint64_t BigramKey(char32_t a, char32_t b) {
  return (std::uint64_t{a} << 21) | b;
}
std::uint64_t UnigramKey(char32_t a) {
  return (std::uint64_t{1} << 63) | a;
}
// Two characters with one between them (for synonyms with a wrong character).
std::uint64_t SkipKey(char32_t a, char32_t c) {
  return (std::uint64_t{1} << 62) | BigramKey(a, c);
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
  // What the name re-ranking reads of every candidate, in two blocks (a
  // candidate's strings and lists were a dozen allocations to fetch):
  // `grams`, the sorted bigram and character keys of the name and aliases
  // (the first name_gram_count), then those of the keywords, sorted; and
  // `marks`, the name and aliases of three or more characters, each ended by
  // U+0000, then U+0001, then the keywords of three or more the same way.
  std::vector<std::uint64_t> grams;
  std::uint32_t name_gram_count = 0;
  std::u32string marks;
};

std::vector<std::uint64_t> Grams(const std::u32string& first, const std::vector<std::u32string>& rest);

// Fills a record's name data (see Doc) from its name, alias and keyword keys.
void SetNameData(Doc& doc) {
  doc.grams = Grams(doc.name_key, doc.alias_keys);
  doc.name_gram_count = static_cast<std::uint32_t>(doc.grams.size());
  std::vector<std::uint64_t> keyword_grams = Grams({}, doc.keyword_keys);
  doc.grams.insert(doc.grams.end(), keyword_grams.begin(), keyword_grams.end());
  auto add = [&doc](const std::u32string& key) {
    if (key.size() < 3) return;
    doc.marks += key;
    doc.marks += U'\0';
  };
  add(doc.name_key);
  for (const auto& alias : doc.alias_keys) add(alias);
  doc.marks += U'\1';
  for (const auto& keyword : doc.keyword_keys) add(keyword);
}

std::vector<std::uint64_t> Grams(const std::u32string& first, const std::vector<std::u32string>& rest) {
  std::vector<std::uint64_t> grams;
  auto add = [&grams](const std::u32string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      grams.push_back(UnigramKey(s[i]));
      if (i + 1 < s.size()) grams.push_back(BigramKey(s[i], s[i + 1]));
    }
  };
  add(first);
  for (const auto& s : rest) add(s);
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

struct WeightedTerm {
  std::uint32_t term;
  float weight;
};

struct SynonymTarget {
  std::u32string key;  // normalised, without spaces
  std::vector<WeightedTerm> terms;
  // The records this target names (sorted): its key is their name or an
  // alias, or (two characters or more) inside their name.
  std::vector<std::uint32_t> names_docs;
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

// One analysed text: words, and the concatenation of the words as code
// points (the normalised text without spaces: a record's name key), with
// where each word starts in it.
struct Analysis {
  std::vector<std::string> words;
  std::u32string joined;
  std::vector<std::uint32_t> starts;  // per word, then joined.size()

  std::u32string_view Word(std::size_t i) const {
    return std::u32string_view(joined).substr(starts[i], starts[i + 1] - starts[i]);
  }
};

Analysis Analyse(const text::ChineseText& text, std::string_view s) {
  Analysis a;
  a.words = text.Segment(s);
  // The segmenter's words are valid UTF-8 (ICU wrote them): a word's code
  // points are its bytes that do not continue a sequence.
  std::string all;
  a.starts.reserve(a.words.size() + 1);
  std::uint32_t at = 0;
  for (const std::string& w : a.words) {
    a.starts.push_back(at);
    for (char c : w) at += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    all += w;
  }
  a.starts.push_back(at);
  a.joined = ToCodePoints(all);
  return a;
}

// Calls on_word(word) and on_gram(key, kind) for every term of a text.
template <typename OnWord, typename OnGram>
void ForEachTerm(const Analysis& a, bool unigrams, OnWord&& on_word, OnGram&& on_gram) {
  for (const std::string& w : a.words) on_word(w);
  const std::u32string& j = a.joined;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (IsAscii(j[i])) continue;
    if (unigrams) on_gram(UnigramKey(j[i]), Kind::kUnigram);
    if (i + 1 < j.size() && !IsAscii(j[i + 1])) on_gram(BigramKey(j[i], j[i + 1]), Kind::kBigram);
  }
}

// Lookups by a view of code points, without building a string.
struct CodePointsHash {
  using is_transparent = void;
  std::size_t operator()(std::u32string_view s) const { return std::hash<std::u32string_view>{}(s); }
};

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

// An immutable hash table from 64-bit keys to 32-bit values, open addressing
// over one flat array: a query looks up a hundred or so grams and synonym
// starts, and a node-based map chased a pointer or two per lookup, often to
// memory the request's other work had pushed out of the cache.
class FlatIndex {
 public:
  template <typename Map, typename ValueOf>
  void Assign(Map& map, ValueOf&& value_of) {
    std::size_t capacity = 16;
    while (capacity < map.size() * 2) capacity *= 2;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c /= 2) --shift_;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{kEmpty, 0});
    for (auto& [key, value] : map) {
      std::size_t i = Home(key);
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i] = {key, value_of(value)};
    }
  }
  // Asks for the slot a lookup of `key` starts at.
  void Prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }
  std::optional<std::uint32_t> Find(std::uint64_t key) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t i = Home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].value;
      if (slots_[i].key == kEmpty) return std::nullopt;
    }
  }

 private:
  // No gram key has every bit set (a code point has 21 bits).
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  struct Slot {
    std::uint64_t key;
    std::uint32_t value;
  };
  std::size_t Home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
};

// An immutable hash table from texts (code points) to 32-bit values, open
// addressing over one flat array of slots and one string of the keys'
// text: the query's words, filler words and typo keys are looked up
// without building a string, and without chasing a node per lookup.
class TextIndex {
 public:
  // `entries`: distinct keys.
  void Assign(const std::vector<std::pair<std::u32string, std::uint32_t>>& entries) {
    std::size_t capacity = 16;
    while (capacity < entries.size() * 2) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{0, kEmpty, 0, 0});
    text_.clear();
    for (const auto& [key, value] : entries) {
      const std::uint64_t h = Hash(key);
      std::size_t i = static_cast<std::size_t>(h) & mask_;
      while (slots_[i].at != kEmpty) i = (i + 1) & mask_;
      slots_[i] = {static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(text_.size()),
                   static_cast<std::uint32_t>(key.size()), value};
      text_ += key;
    }
  }
  void Prefetch(std::u32string_view key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::size_t>(Hash(key)) & mask_]);
  }
  std::optional<std::uint32_t> Find(std::u32string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = Hash(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = static_cast<std::size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.at == kEmpty) return std::nullopt;
      if (slot.tag == tag && slot.length == key.size() &&
          std::u32string_view(text_).substr(slot.at, slot.length) == key) {
        return slot.value;
      }
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  struct Slot {
    std::uint32_t tag;  // the hash's high half
    std::uint32_t at;   // in text_; kEmpty: a free slot
    std::uint32_t length;
    std::uint32_t value;
  };
  static std::uint64_t Hash(std::u32string_view key) {
    std::uint64_t h = 0x84222325CBF29CE4ULL ^ key.size();
    for (char32_t c : key) h = (h ^ c) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  }
  std::vector<Slot> slots_;
  std::u32string text_;
  std::size_t mask_ = 0;
};

// A document's kind and audience as bits (target both: both audiences).
constexpr std::uint8_t kItemBit = 1;
constexpr std::uint8_t kLifeEventBit = 2;
constexpr std::uint8_t kResidentBit = 4;
constexpr std::uint8_t kEnterpriseBit = 8;
constexpr std::uint8_t kAnyAudience = kResidentBit | kEnterpriseBit;

// Per-thread scratch (Search is const and concurrent): the accumulators,
// and the query's working lists, which keep their capacity between queries.
struct Scratch {
  text::ChineseText::Words words;  // the question's
  std::vector<float> score;
  std::vector<std::uint32_t> touched;
  std::vector<WeightedTerm> terms;
  std::vector<std::uint32_t> term_slots;  // the terms by hash (Compute's add)
  std::vector<std::uint8_t> filler;       // per word
  std::vector<std::uint8_t> meaningful;   // per code point of the query
  std::u32string core;                    // the meaningful code points
  std::vector<std::size_t> at_compact;    // core position → query position
  std::u32string shorter;
  std::vector<std::uint32_t> typos;
  std::vector<SynonymMatch> synonym_matches;
  std::vector<std::pair<std::size_t, std::size_t>> exact;  // (synonym, start)
  std::vector<std::pair<std::size_t, std::size_t>> fuzzy;
  std::vector<std::pair<float, std::uint32_t>> candidates;
  std::vector<std::uint32_t> waiting;
  std::vector<std::uint64_t> keys;  // the query's distinct gram keys, sorted
  // The same keys in a small hash table (key, index in keys), and a 64-bit
  // filter of them: a record's name grams are looked up there one by one.
  std::vector<std::pair<std::uint64_t, std::int16_t>> key_slots;
  int key_shift = 64;
  std::uint64_t key_filter = 0;
  std::vector<std::array<std::int16_t, 3>> position_keys;
  std::vector<std::uint32_t> named;    // records whose name or alias the query is, sorted
  std::vector<std::uint8_t> in_names;  // per key: in the record's names (1), keywords (2)
  std::uint64_t query_chars = 0;       // bit (c & 63) for every character c of the query
  std::vector<std::uint32_t> listed;   // the name ids of the hits listed
};
Scratch& ThreadScratch(std::size_t docs) {
  thread_local Scratch scratch;
  if (scratch.score.size() < docs) scratch.score.resize(docs, 0.0f);
  return scratch;
}

// The last answers, in shards (a mutex each); a full shard starts afresh.
class ResultCache {
 public:
  std::optional<SearchHits> Get(const std::string& key) const {
    const Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    auto it = shard.answers.find(key);
    if (it == shard.answers.end()) return std::nullopt;
    return it->second;
  }
  void Put(std::string key, SearchHits hits) {
    Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
    std::lock_guard lock(shard.mutex);
    if (shard.answers.size() >= kPerShard) shard.answers.clear();
    shard.answers.emplace(std::move(key), std::move(hits));
  }

 private:
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kPerShard = 128;  // 2,048 answers: at most ~16 MB at limit 50
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, SearchHits> answers;
  };
  std::array<Shard, kShards> shards_;
};

class InMemorySearchIndex final : public SearchIndex {
 public:
  explicit InMemorySearchIndex(const text::ChineseText& text) : text_(text) {}

  // Analyses a field text; texts that repeat (departments, categories,
  // keywords) are analysed once.
  const Analysis& AnalyseCached(const std::string& s) {
    auto it = analysis_cache_.find(s);
    if (it != analysis_cache_.end()) return it->second;
    return analysis_cache_.emplace(s, Analyse(text_, s)).first->second;
  }

  std::u32string KeyOf(const std::string& s) { return AnalyseCached(s).joined; }

  void AddDocument(Doc doc, const std::array<std::vector<std::string>, kFieldCount>& fields) {
    const auto id = static_cast<std::uint32_t>(docs_.size());
    std::array<float, kFieldCount> length{};
    entries_.clear();
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      for (const std::string& s : fields[f]) {
        if (s.empty()) continue;
        Analysis uncached;
        const Analysis* a = nullptr;
        if (f == kSummary) {
          uncached = Analyse(text_, s);
          a = &uncached;
        } else {
          a = &AnalyseCached(s);
        }
        length[f] += static_cast<float>(a->joined.size());
        auto field = static_cast<std::uint8_t>(f);
        ForEachTerm(
            *a, kFieldUnigrams[f],
            [&](const std::string& w) {
              entries_.push_back({InternWord(w), field});
            },
            [&](std::uint64_t key, Kind kind) {
              entries_.push_back({InternGram(key, kind), field});
            });
      }
    }
    std::sort(entries_.begin(), entries_.end(), [](const Entry& x, const Entry& y) {
      return x.term != y.term ? x.term < y.term : x.field < y.field;
    });
    for (std::size_t i = 0; i < entries_.size();) {
      std::size_t j = i;
      Pending p{id, entries_[i].term, {}};
      while (j < entries_.size() && entries_[j].term == entries_[i].term) {
        p.counts[entries_[j].field] =
            static_cast<std::uint8_t>(std::min(255, p.counts[entries_[j].field] + 1));
        ++j;
      }
      pending_.push_back(p);
      i = j;
    }
    lengths_.push_back(length);
    std::uint8_t flags = doc.kind == HitKind::kItem ? kItemBit : kLifeEventBit;
    if (doc.target != Target::kEnterprise) flags |= kResidentBit;
    if (doc.target != Target::kResident) flags |= kEnterpriseBit;
    flags_.push_back(flags);
    docs_.push_back(std::move(doc));
  }

  void AddLexicon(const Lexicon& lexicon) {
    for (const std::string& w : lexicon.stopwords) stopwords_.insert(ToUtf8(Analyse(text_, w).joined));
    for (const auto& [left, rights] : lexicon.synonyms) {
      Synonym synonym{Analyse(text_, left).joined, {}};
      if (synonym.left.empty()) continue;
      for (const std::string& right : rights) {
        Analysis a = Analyse(text_, right);
        SynonymTarget target{a.joined, {}, {}};
        std::unordered_map<std::uint32_t, float> terms;
        auto keep = [&terms](std::optional<std::uint32_t> id, Kind kind) {
          if (!id) return;
          float& w = terms[*id];
          w = std::max(w, KindWeight(kind) * kSynonymWeight);
        };
        ForEachTerm(
            a, true, [&](const std::string& w) { keep(FindWord(w), Kind::kWord); },
            [&](std::uint64_t key, Kind kind) { keep(FindGram(key), kind); });
        for (auto [term, weight] : terms) target.terms.push_back({term, weight});
        if (auto it = docs_by_name_.find(target.key); it != docs_by_name_.end())
          target.names_docs = it->second;
        if (target.key.size() >= 2) {
          auto it = docs_by_name_bigram_.find(BigramKey(target.key[0], target.key[1]));
          if (it != docs_by_name_bigram_.end()) {
            for (std::uint32_t d : it->second) {
              if (Contains(docs_[d].name_key, target.key)) target.names_docs.push_back(d);
            }
          }
        }
        std::sort(target.names_docs.begin(), target.names_docs.end());
        target.names_docs.erase(std::unique(target.names_docs.begin(), target.names_docs.end()),
                                target.names_docs.end());
        std::sort(target.terms.begin(), target.terms.end(),
                  [](const WeightedTerm& x, const WeightedTerm& y) { return x.term < y.term; });
        synonym.targets.push_back(std::move(target));
      }
      const std::u32string& l = synonym.left;
      synonyms_by_start_[l.size() == 1 ? UnigramKey(l[0]) : BigramKey(l[0], l[1])].push_back(
          synonyms_.size());
      // With one wrong character a left side of three or more characters
      // still has, in place, its first two, its second and third, or its
      // first and third: three keys find it.
      if (l.size() >= 3 && std::none_of(l.begin(), l.end(), IsAscii)) {
        synonyms_fuzzy_[BigramKey(l[0], l[1])].push_back({synonyms_.size(), 0});
        synonyms_fuzzy_[BigramKey(l[1], l[2])].push_back({synonyms_.size(), 1});
        synonyms_fuzzy_[SkipKey(l[0], l[2])].push_back({synonyms_.size(), 0});
      }
      synonyms_.push_back(std::move(synonym));
    }
  }

  // The query path's lookup tables, once the index and lexicon are complete.
  // The maps they replace were needed only to build, and are dropped.
  void Freeze() {
    gram_lookup_.Assign(gram_ids_, [](std::uint32_t id) { return id; });
    std::vector<std::pair<std::u32string, std::uint32_t>> entries;
    entries.reserve(word_ids_.size());
    for (const auto& [word, id] : word_ids_) entries.emplace_back(ToCodePoints(word), id);
    word_lookup_.Assign(entries);
    entries.clear();
    for (const std::string& word : stopwords_) entries.emplace_back(ToCodePoints(word), 0);
    stopword_lookup_.Assign(entries);
    // The typo keys' lists, one after another.
    entries.clear();
    delete_lists_.clear();
    delete_list_starts_.assign(1, 0);
    for (const auto& [key, list] : deletes_) {
      entries.emplace_back(key, static_cast<std::uint32_t>(delete_list_starts_.size() - 1));
      delete_lists_.insert(delete_lists_.end(), list.begin(), list.end());
      delete_list_starts_.push_back(static_cast<std::uint32_t>(delete_lists_.size()));
    }
    delete_lookup_.Assign(entries);
    decltype(deletes_)().swap(deletes_);
    // The typo words' code points, by term.
    word_spans_.assign(word_cps_.size(), {0, 0});
    for (std::size_t t = 0; t < word_cps_.size(); ++t) {
      word_spans_[t] = {static_cast<std::uint32_t>(word_text_.size()),
                        static_cast<std::uint32_t>(word_cps_[t].size())};
      word_text_ += word_cps_[t];
    }
    decltype(word_cps_)().swap(word_cps_);
    decltype(word_ids_)().swap(word_ids_);
    decltype(stopwords_)().swap(stopwords_);
    // Each key's list, one after another in one array; the lookup gives
    // the list's number, `ranges` where it is.
    auto lists = [](auto& map, auto& flat, std::vector<std::pair<std::uint32_t, std::uint32_t>>& ranges,
                    FlatIndex& lookup) {
      flat.clear();
      ranges.clear();
      lookup.Assign(map, [&](auto& list) {
        ranges.emplace_back(static_cast<std::uint32_t>(flat.size()),
                            static_cast<std::uint32_t>(flat.size() + list.size()));
        for (const auto& entry : list) flat.emplace_back(entry);
        return static_cast<std::uint32_t>(ranges.size() - 1);
      });
      std::remove_reference_t<decltype(map)>().swap(map);
    };
    lists(synonyms_by_start_, synonym_start_ids_, synonym_start_ranges_, synonym_start_lookup_);
    lists(synonyms_fuzzy_, synonym_fuzzy_ids_, synonym_fuzzy_ranges_, synonym_fuzzy_lookup_);
    // The left sides' code points, side by side.
    synonym_lefts_.clear();
    synonym_left_spans_.clear();
    for (const Synonym& synonym : synonyms_) {
      synonym_left_spans_.emplace_back(static_cast<std::uint32_t>(synonym_lefts_.size()),
                                       static_cast<std::uint32_t>(synonym.left.size()));
      synonym_lefts_ += synonym.left;
    }
    decltype(gram_ids_)().swap(gram_ids_);
    decltype(docs_by_name_bigram_)().swap(docs_by_name_bigram_);
  }

  // Turns the collected frequencies into postings with precomputed impacts.
  void Finish() {
    analysis_cache_.clear();
    const std::size_t n = docs_.size();
    std::array<float, kFieldCount> average{};
    for (const auto& length : lengths_) {
      for (std::size_t f = 0; f < kFieldCount; ++f) average[f] += length[f];
    }
    for (float& a : average) a = n == 0 ? 1.0f : std::max(1.0f, a / static_cast<float>(n));
    df_.assign(kinds_.size(), 0);
    for (const Pending& p : pending_) ++df_[p.term];
    // One array of postings, term after term (each term's in document
    // order), and where each term's list starts.
    posting_starts_.assign(kinds_.size() + 1, 0);
    for (std::uint32_t t = 0; t < kinds_.size(); ++t) posting_starts_[t + 1] = posting_starts_[t] + df_[t];
    postings_.assign(pending_.size(), Posting{0, 0.0f});
    std::vector<std::uint32_t> fill(posting_starts_.begin(), posting_starts_.end() - 1);
    for (const Pending& p : pending_) {
      float weighted = 0;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (p.counts[f] == 0) continue;
        float norm = (1.0f - kB) + kB * lengths_[p.doc][f] / average[f];
        weighted += kFieldWeight[f] * static_cast<float>(p.counts[f]) / norm;
      }
      float d = static_cast<float>(df_[p.term]);
      float idf = std::log(1.0f + (static_cast<float>(n) - d + 0.5f) / (d + 0.5f));
      postings_[fill[p.term]++] = {p.doc, idf * weighted * (kK1 + 1.0f) / (weighted + kK1)};
    }
    std::vector<Pending>().swap(pending_);
    std::vector<std::array<float, kFieldCount>>().swap(lengths_);

    // Edit-distance-1 lookups over indexed words (SymSpell: every word and
    // each of its one-character deletions point back to the word).
    word_cps_.assign(kinds_.size(), {});
    for (const auto& [word, t] : word_ids_) {
      std::u32string cps = ToCodePoints(word);
      if (cps.size() < 2 || cps.size() > 12 || IsAscii(cps[0])) continue;
      deletes_[cps].push_back(t);
      for (std::size_t i = 0; i < cps.size(); ++i) {
        std::u32string shorter = cps;
        shorter.erase(i, 1);
        auto& bucket = deletes_[shorter];
        if (bucket.empty() || bucket.back() != t) bucket.push_back(t);
      }
      word_cps_[t] = std::move(cps);
    }

    // What hits show, apart from the records (which a new index replaces),
    // so that answers can keep it alive: every record's texts side by side
    // in one string, so that a hit's texts are one or two cache lines.
    auto labels = std::make_shared<Labels>();
    labels->refs.reserve(docs_.size());
    std::unordered_map<std::string_view, std::uint32_t> name_ids;
    for (const Doc& doc : docs_) {
      auto length = [](const std::string& text) { return static_cast<std::uint32_t>(text.size()); };
      const std::string& department_name = DepartmentName(doc.department_code);
      auto name_id = name_ids.emplace(doc.name, static_cast<std::uint32_t>(name_ids.size())).first->second;
      labels->refs.push_back({static_cast<std::uint32_t>(labels->text.size()), length(doc.code),
                              length(doc.name), length(doc.department_code), length(department_name),
                              name_id});
      labels->text += doc.code;
      labels->text += doc.name;
      labels->text += doc.department_code;
      labels->text += department_name;
    }
    labels_ = std::move(labels);
    department_names_.clear();

    // What the names' re-ranking reads of a candidate, out of the records
    // and into two arrays, each record's part in one piece.
    rerank_.reserve(docs_.size());
    for (Doc& doc : docs_) {
      const std::size_t marks_at = mark_arena_.size();
      // The marks, each as its length (kKeywordMark for a keyword's) and
      // its characters: re-ranking skips from one to the next.
      bool keyword = false;
      for (std::size_t i = 0, start = 0; i < doc.marks.size(); ++i) {
        const char32_t c = doc.marks[i];
        if (c > 1) continue;
        if (c == 0) {
          mark_arena_ += static_cast<char32_t>((i - start) | (keyword ? kKeywordMark : 0));
          mark_arena_.append(doc.marks, start, i - start);
        }
        if (c == 1) keyword = true;
        start = i + 1;
      }
      rerank_.push_back({static_cast<std::uint32_t>(gram_arena_.size()), doc.name_gram_count,
                         static_cast<std::uint32_t>(doc.grams.size() - doc.name_gram_count),
                         static_cast<std::uint32_t>(marks_at),
                         static_cast<std::uint32_t>(mark_arena_.size() - marks_at)});
      gram_arena_.insert(gram_arena_.end(), doc.grams.begin(), doc.grams.end());
      std::vector<std::uint64_t>().swap(doc.grams);
      std::u32string().swap(doc.marks);
    }

    // Records by name and alias; and by the bigrams of their names, to find
    // the names a synonym's target is inside.
    for (std::uint32_t d = 0; d < docs_.size(); ++d) {
      auto add = [&](const std::u32string& key) {
        auto& list = docs_by_name_[key];
        if (list.empty() || list.back() != d) list.push_back(d);
      };
      add(docs_[d].name_key);
      for (const auto& alias : docs_[d].alias_keys) add(alias);
      const std::u32string& name = docs_[d].name_key;
      for (std::size_t i = 0; i + 1 < name.size(); ++i) {
        auto& list = docs_by_name_bigram_[BigramKey(name[i], name[i + 1])];
        if (list.empty() || list.back() != d) list.push_back(d);
      }
    }

    // Typeahead: each name and alias under each of its characters, in the
    // order suggestions are ranked (life events, then shorter names first).
    for (std::uint32_t d = 0; d < docs_.size(); ++d) {
      suggest_.push_back({docs_[d].name_key, d});
      for (const auto& alias : docs_[d].alias_keys) suggest_.push_back({alias, d});
    }
    std::stable_sort(suggest_.begin(), suggest_.end(), [this](const SuggestEntry& x, const SuggestEntry& y) {
      const Doc& a = docs_[x.doc];
      const Doc& b = docs_[y.doc];
      if (a.kind != b.kind) return a.kind == HitKind::kLifeEvent;
      if (a.name_key.size() != b.name_key.size()) return a.name_key.size() < b.name_key.size();
      return x.doc < y.doc;
    });
    for (std::uint32_t e = 0; e < suggest_.size(); ++e) {
      std::u32string seen;
      for (char32_t c : suggest_[e].key) {
        if (seen.find(c) != std::u32string::npos) continue;
        seen += c;
        suggest_by_char_[c].push_back(e);
      }
    }
  }

  // Answers repeat (popular questions, typeahead users pressing enter): the
  // last answers are kept, per index, so a snapshot never serves another
  // snapshot's results. Errors are not kept.
  Result<SearchHits> Search(const SearchQuery& query) const override {
    std::string key;
    key.reserve(query.q.size() + 8);
    key += query.q;
    key += '\x1f';
    char limit[12];
    key.append(limit, std::to_chars(limit, limit + sizeof limit, query.limit).ptr);
    key += query.target ? static_cast<char>('0' + static_cast<int>(*query.target)) : '-';
    key += query.items ? 'i' : '-';
    key += query.life_events ? 'e' : '-';
    if (auto cached = cache_.Get(key)) return *std::move(cached);
    Result<std::vector<SearchHit>> hits = Compute(query);
    if (!hits.ok()) return hits.error();
    SearchHits answer(*std::move(hits), labels_);
    cache_.Put(std::move(key), answer);
    return answer;
  }

  Result<std::vector<SearchHit>> Compute(const SearchQuery& query) const {
    if (query.limit < 1 || query.limit > 50) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_limit", "返回条数须在 1 到 50 之间",
                         "limit must be between 1 and 50", "/limit");
    }
    Scratch& x = ThreadScratch(docs_.size());
    text::ChineseText::Words& a = x.words;
    text_.SegmentInto(query.q, a);
    std::size_t length = a.joined.size() + (a.size() == 0 ? 0 : a.size() - 1);
    if (a.joined.empty() || length > kMaxQueryCodePoints) {
      return Error::Make(ErrorCode::kInvalidArgument, "catalog.invalid_query",
                         "请输入 1 到 100 个字的搜索内容（标点不计）",
                         "the query must have 1 to 100 characters (punctuation not counted)", "/q");
    }
    std::vector<SearchHit> hits;
    if (docs_.empty() || (!query.items && !query.life_events)) return hits;

    std::vector<WeightedTerm>& terms = x.terms;
    terms.clear();
    // A term already there keeps its place and the larger weight; a new one
    // goes at the end (the order scores are summed in). Terms are found by a
    // small per-query hash table (a query with typo and synonym candidates
    // has dozens of terms, and a scan per addition was quadratic).
    std::vector<std::uint32_t>& term_slots = x.term_slots;  // index in terms + 1; 0: free
    term_slots.assign(64, 0);
    auto add = [&terms, &term_slots](std::uint32_t term, float weight) {
      auto home = [&term_slots](std::uint32_t t) {
        return static_cast<std::size_t>((t * 0x9E3779B9u) >> 8) & (term_slots.size() - 1);
      };
      std::size_t i = home(term);
      for (; term_slots[i] != 0; i = (i + 1) & (term_slots.size() - 1)) {
        WeightedTerm& t = terms[term_slots[i] - 1];
        if (t.term == term) {
          t.weight = std::max(t.weight, weight);
          return;
        }
      }
      terms.push_back({term, weight});
      term_slots[i] = static_cast<std::uint32_t>(terms.size());
      if (terms.size() * 2 > term_slots.size()) {  // grow: every term again, in the new size
        term_slots.assign(term_slots.size() * 2, 0);
        for (std::size_t k = 0; k < terms.size(); ++k) {
          std::size_t j = home(terms[k].term);
          while (term_slots[j] != 0) j = (j + 1) & (term_slots.size() - 1);
          term_slots[j] = static_cast<std::uint32_t>(k + 1);
        }
      }
    };

    // Every table slot the lookups below start at, asked for at once (the
    // tables are large, and the request's other work has pushed them out of
    // the cache): the reads overlap instead of waiting one by one.
    for (std::size_t i = 0; i < a.size(); ++i) {
      word_lookup_.Prefetch(a.Word(i));
      stopword_lookup_.Prefetch(a.Word(i));
    }
    for (std::size_t i = 0; i < a.joined.size(); ++i) {
      const std::u32string& j = a.joined;
      gram_lookup_.Prefetch(UnigramKey(j[i]));
      synonym_start_lookup_.Prefetch(UnigramKey(j[i]));
      if (i + 1 < j.size()) {
        gram_lookup_.Prefetch(BigramKey(j[i], j[i + 1]));
        synonym_start_lookup_.Prefetch(BigramKey(j[i], j[i + 1]));
        synonym_fuzzy_lookup_.Prefetch(BigramKey(j[i], j[i + 1]));
      }
      if (i + 2 < j.size()) synonym_fuzzy_lookup_.Prefetch(SkipKey(j[i], j[i + 2]));
    }

    // Filler words (怎么, 需要, 什么 …) neither match nor score, unless the
    // query has nothing else; the rest falls into runs of adjacent words, and
    // bigrams do not bridge a removed word.
    const std::size_t word_count = a.size();
    std::vector<std::uint8_t>& filler = x.filler;
    filler.assign(word_count, 0);
    for (std::size_t i = 0; i < word_count; ++i) filler[i] = stopword_lookup_.Find(a.Word(i)).has_value();
    if (std::all_of(filler.begin(), filler.end(), [](std::uint8_t f) { return f != 0; })) {
      filler.assign(word_count, 0);
    }
    const std::u32string& compact = a.joined;
    std::vector<std::uint8_t>& meaningful = x.meaningful;  // per code point of `compact`
    meaningful.assign(compact.size(), 0);
    for (std::size_t i = 0; i < word_count; ++i) {
      if (!filler[i]) std::fill(meaningful.begin() + a.starts[i], meaningful.begin() + a.starts[i + 1], 1);
    }
    for (std::size_t i = 0; i < word_count; ++i) {
      if (filler[i]) continue;
      if (auto id = word_lookup_.Find(a.Word(i))) add(*id, kWordWeight);
    }
    std::u32string& core = x.core;  // the meaningful code points
    core.clear();
    x.at_compact.clear();
    for (std::size_t i = 0; i < compact.size(); ++i) {
      if (!meaningful[i]) continue;
      core += compact[i];
      x.at_compact.push_back(i);
    }
    const std::size_t meaningful_count = core.size();
    for (std::size_t i = 0; i < compact.size(); ++i) {
      if (!meaningful[i] || IsAscii(compact[i])) continue;
      bool right = i + 1 < compact.size() && meaningful[i + 1] && !IsAscii(compact[i + 1]);
      bool left = i > 0 && meaningful[i - 1] && !IsAscii(compact[i - 1]);
      if (right) {
        if (auto id = gram_lookup_.Find(BigramKey(compact[i], compact[i + 1]))) add(*id, kBigramWeight);
      }
      // A character alone (狗), or a short question: its characters too.
      if ((!left && !right) || meaningful_count <= 3) {
        if (auto id = gram_lookup_.Find(UnigramKey(compact[i]))) add(*id, kUnigramWeight);
      }
    }
    // Words the index does not know: the known words one edit away. Adjacent
    // pieces are tried joined too, since a wrong character often makes the
    // segmenter cut a word in two (结昏 → 结 | 昏).
    auto try_span = [&](std::u32string_view span) {
      if (span.size() < 2 || span.size() > 12 || IsAscii(span[0])) return;
      if (auto id = word_lookup_.Find(span)) {
        add(*id, kWordWeight);
        return;
      }
      AddTypoCandidates(span, x, add);
    };
    for (std::size_t i = 0; i < word_count; ++i) {
      if (filler[i]) continue;
      try_span(a.Word(i));
      if (i + 1 < word_count && !filler[i + 1] && (a.Word(i).size() == 1 || a.Word(i + 1).size() == 1)) {
        try_span(std::u32string_view(compact).substr(a.starts[i], a.starts[i + 2] - a.starts[i]));
      }
    }
    // Synonyms whose left side the query contains — or contains with one
    // wrong character (三个字以上: 办狗正 still finds 办狗证), a little weaker.
    std::vector<SynonymMatch>& synonym_matches = x.synonym_matches;
    std::vector<std::pair<std::size_t, std::size_t>>& exact = x.exact;  // (synonym, start)
    synonym_matches.clear();
    exact.clear();
    auto apply_span = [&](std::size_t s, std::size_t from, std::size_t to, float factor) {
      for (const SynonymTarget& target : synonyms_[s].targets) {
        synonym_matches.push_back({from, to, &target});
        for (const WeightedTerm& t : target.terms) add(t.term, t.weight * factor);
      }
    };
    auto apply = [&](std::size_t s, std::size_t at, float factor) {
      apply_span(s, at, at + synonyms_[s].left.size(), factor);
    };
    for (std::size_t i = 0; i < compact.size(); ++i) {
      ForEachSynonymAt(compact, i, [&](std::size_t s) {
        exact.push_back({s, i});
        apply(s, i, 1.0f);
      });
    }
    // The same over the query without its filler words, which people put
    // inside a phrase (领个证 → 领证, 开个公司 → 开公司).
    if (meaningful_count < compact.size() && meaningful_count >= 2) {
      for (std::size_t i = 0; i < core.size(); ++i) {
        ForEachSynonymAt(core, i, [&](std::size_t s) {
          const std::u32string& left = synonyms_[s].left;
          std::size_t from = x.at_compact[i];
          std::size_t to = x.at_compact[i + left.size() - 1] + 1;
          if (to - from == left.size()) return;  // contiguous: found above
          exact.push_back({s, from});
          apply_span(s, from, to, 1.0f);
        });
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>>& fuzzy = x.fuzzy;
    fuzzy.clear();
    auto probe = [&](std::uint64_t key, std::size_t i) {
      auto list = synonym_fuzzy_lookup_.Find(key);
      if (!list) return;
      const auto [from, to] = synonym_fuzzy_ranges_[*list];
      for (std::uint32_t e = from; e < to; ++e) {
        const auto [s, offset] = synonym_fuzzy_ids_[e];
        if (i < offset) continue;
        std::size_t at = i - offset;
        const std::u32string_view left = SynonymLeft(s);
        if (at + left.size() > compact.size()) continue;
        int diff = 0;
        bool filler_inside = false;
        for (std::size_t k = 0; k < left.size() && diff <= 1; ++k) {
          diff += compact[at + k] != left[k];
          filler_inside = filler_inside || !meaningful[at + k];
        }
        // Exactly one wrong character, and none of filler (查一下房子 is not 买房子).
        if (diff != 1 || filler_inside) continue;
        std::pair<std::size_t, std::size_t> match{s, at};
        if (std::find(fuzzy.begin(), fuzzy.end(), match) != fuzzy.end()) continue;
        fuzzy.push_back(match);
      }
    };
    for (std::size_t i = 0; i + 1 < compact.size(); ++i) {
      probe(BigramKey(compact[i], compact[i + 1]), i);
      if (i + 2 < compact.size()) probe(SkipKey(compact[i], compact[i + 2]), i);
    }
    for (auto [s, at] : fuzzy) {
      // Not where an exact left side already matched over the same characters.
      bool covered = std::any_of(exact.begin(), exact.end(), [&](const auto& e) {
        return e.second <= at && at + synonyms_[s].left.size() <= e.second + synonyms_[e.first].left.size();
      });
      if (!covered) apply(s, at, kFuzzySynonymFactor);
    }

    // Accumulate (raw pointers: the scratch is thread-local).
    float* score = x.score.data();
    std::vector<std::uint32_t>& touched = x.touched;
    touched.clear();
    // The lists' starts, then the lists' first lines, are asked for before
    // they are read: the requests overlap instead of waiting one by one.
    const std::uint32_t* starts = posting_starts_.data();
    const Posting* postings = postings_.data();
    for (const WeightedTerm& t : terms) __builtin_prefetch(starts + t.term);
    for (const WeightedTerm& t : terms) __builtin_prefetch(postings + starts[t.term]);
    for (const WeightedTerm& t : terms) {
      for (const Posting *p = postings + starts[t.term], *end = postings + starts[t.term + 1]; p != end;
           ++p) {
        float& s = score[p->doc];
        if (s == 0.0f) touched.push_back(p->doc);
        s += t.weight * p->impact;
      }
    }
    std::vector<std::pair<float, std::uint32_t>>& candidates = x.candidates;
    candidates.clear();
    const std::uint8_t wanted =
        static_cast<std::uint8_t>((query.items ? kItemBit : 0) | (query.life_events ? kLifeEventBit : 0));
    const std::uint8_t audience = query.target && *query.target == Target::kResident     ? kResidentBit
                                  : query.target && *query.target == Target::kEnterprise ? kEnterpriseBit
                                                                                         : kAnyAudience;
    const std::uint8_t* flags = flags_.data();
    for (std::uint32_t d : touched) {
      float s = score[d];
      score[d] = 0.0f;  // leave the scratch clean for the next query
      if ((flags[d] & wanted) == 0 || (flags[d] & audience) == 0) continue;
      candidates.push_back({s, d});
    }
    auto better = [](const std::pair<float, std::uint32_t>& p, const std::pair<float, std::uint32_t>& q) {
      return p.first != q.first ? p.first > q.first : p.second < q.second;
    };
    std::size_t depth = std::min(candidates.size(), kRerankDepth);
    auto cut = candidates.begin() + static_cast<std::ptrdiff_t>(depth);
    if (cut != candidates.end()) std::nth_element(candidates.begin(), cut, candidates.end(), better);
    candidates.resize(depth);
    std::sort(candidates.begin(), candidates.end(), better);
    if (candidates.empty()) return hits;

    // Names, relative to the best plain score.
    const float top = candidates.front().first;
    // Each candidate's re-ranking data comes from wherever the request's
    // other work left it: asked for ahead of its use (the headers of all at
    // once, each candidate's blocks a few candidates ahead), the reads
    // overlap instead of waiting one by one.
    const Labels& labels = *labels_;
    for (const auto& c : candidates) {
      __builtin_prefetch(&rerank_[c.second]);
      __builtin_prefetch(&labels.refs[c.second]);
    }
    constexpr std::size_t kAhead = 4;
    for (std::size_t i = 0; i < kAhead && i < candidates.size(); ++i) PrefetchRerank(candidates[i].second);
    PrepareNameBonus(compact, x);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (i + kAhead < candidates.size()) PrefetchRerank(candidates[i + kAhead].second);
      auto& [s, d] = candidates[i];
      s += top * NameBonus(d, compact, x);
    }
    std::sort(candidates.begin(), candidates.end(), better);
    // The same item of several districts (企业设立登记 of the city and of a
    // district) would fill the first places with one answer: a record whose
    // name is already listed waits until one other name has been listed
    // (its score lowered to its new place, so scores stay ordered).
    std::vector<std::uint32_t>& waiting = x.waiting;
    waiting.clear();
    const auto limit = static_cast<std::size_t>(query.limit);
    hits.reserve(std::min(limit, candidates.size()));
    // The texts of the likely hits, for the answer's JSON.
    for (std::size_t i = 0; i < candidates.size() && i < limit + 4; ++i) {
      const Labels::Ref& ref = labels.refs[candidates[i].second];
      const char* text = labels.text.data() + ref.at;
      __builtin_prefetch(text);
      __builtin_prefetch(text + ref.code + ref.name + ref.department_code + ref.department_name - 1);
    }
    std::vector<std::uint32_t>& listed = x.listed;  // the hits' name ids
    listed.clear();
    auto emit = [&](std::uint32_t d, float s) {
      if (!hits.empty()) s = std::min(s, static_cast<float>(hits.back().score));
      const Labels::Ref& ref = labels.refs[d];
      const std::uint8_t f = flags_[d];
      const Target target = (f & kAnyAudience) == kAnyAudience ? Target::kBoth
                            : (f & kResidentBit) != 0          ? Target::kResident
                                                               : Target::kEnterprise;
      hits.push_back({(f & kItemBit) != 0 ? HitKind::kItem : HitKind::kLifeEvent, labels.Code(ref),
                      labels.Name(ref), labels.DepartmentCode(ref), labels.DepartmentName(ref), target, s});
      listed.push_back(ref.name_id);
    };
    for (const auto& [s, d] : candidates) {
      if (hits.size() >= limit) break;
      const std::uint32_t name_id = labels.refs[d].name_id;
      bool repeated = std::find(listed.begin(), listed.end(), name_id) != listed.end();
      if (repeated) {
        waiting.push_back(d);
        continue;
      }
      emit(d, s);
      for (std::uint32_t w : waiting) {
        if (hits.size() < limit) emit(w, s);
      }
      waiting.clear();
    }
    for (std::uint32_t w : waiting) {
      if (hits.size() < limit) emit(w, static_cast<float>(hits.back().score));
    }
    return hits;
  }

  std::vector<Suggestion> Suggest(std::string_view prefix, int limit) const override {
    std::vector<Suggestion> out;
    limit = std::clamp(limit, 1, 20);
    std::u32string key = Analyse(text_, prefix).joined;
    if (key.empty() || key.size() > kMaxQueryCodePoints) return out;
    // Every match contains the prefix's rarest character: scan that list,
    // already in ranking order — first the names that start with the
    // prefix, then those that contain it.
    const std::vector<std::uint32_t>* list = nullptr;
    for (char32_t c : key) {
      auto it = suggest_by_char_.find(c);
      if (it == suggest_by_char_.end()) return out;
      if (list == nullptr || it->second.size() < list->size()) list = &it->second;
    }
    std::vector<std::uint32_t> chosen;
    auto take = [&](std::uint32_t doc) {
      if (std::find(chosen.begin(), chosen.end(), doc) != chosen.end()) return;
      chosen.push_back(doc);
    };
    for (int pass = 0; pass < 2 && chosen.size() < static_cast<std::size_t>(limit); ++pass) {
      for (std::uint32_t e : *list) {
        if (chosen.size() >= static_cast<std::size_t>(limit)) break;
        const std::u32string& name = suggest_[e].key;
        if (name.size() < key.size()) continue;
        bool starts = name.compare(0, key.size(), key) == 0;
        if (pass == 0 ? starts : (!starts && name.find(key) != std::u32string::npos)) take(suggest_[e].doc);
      }
    }
    for (std::uint32_t d : chosen) out.push_back({docs_[d].kind, docs_[d].code, docs_[d].name});
    return out;
  }

  std::size_t documents() const override { return docs_.size(); }

 private:
  struct Entry {
    std::uint32_t term;
    std::uint8_t field;
  };
  struct Pending {
    std::uint32_t doc;
    std::uint32_t term;
    std::array<std::uint8_t, kFieldCount> counts;
  };

  std::uint32_t NewTerm(Kind kind) {
    kinds_.push_back(kind);
    return static_cast<std::uint32_t>(kinds_.size() - 1);
  }
  std::uint32_t InternWord(const std::string& w) {
    auto it = word_ids_.find(w);
    if (it != word_ids_.end()) return it->second;
    std::uint32_t id = NewTerm(Kind::kWord);
    word_ids_.emplace(w, id);
    return id;
  }
  std::uint32_t InternGram(std::uint64_t key, Kind kind) {
    auto it = gram_ids_.find(key);
    if (it != gram_ids_.end()) return it->second;
    std::uint32_t id = NewTerm(kind);
    gram_ids_.emplace(key, id);
    return id;
  }
  std::optional<std::uint32_t> FindWord(const std::string& w) const {
    auto it = word_ids_.find(w);
    if (it == word_ids_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::uint32_t> FindGram(std::uint64_t key) const {
    auto it = gram_ids_.find(key);
    if (it == gram_ids_.end()) return std::nullopt;
    return it->second;
  }

  // Calls found(s) for every synonym whose left side text has at `i`, in the
  // order of the synonyms (the one-character and the longer left sides are
  // kept apart; both lists are in that order).
  template <typename Found>
  void ForEachSynonymAt(const std::u32string& text, std::size_t i, Found&& found) const {
    auto list = [this](std::uint64_t key) -> std::pair<const std::uint32_t*, const std::uint32_t*> {
      auto at = synonym_start_lookup_.Find(key);
      if (!at) return {nullptr, nullptr};
      const auto [from, to] = synonym_start_ranges_[*at];
      return {synonym_start_ids_.data() + from, synonym_start_ids_.data() + to};
    };
    auto [a, one_end] = list(UnigramKey(text[i]));
    auto [b, more_end] = i + 1 < text.size() ? list(BigramKey(text[i], text[i + 1]))
                                             : std::pair<const std::uint32_t*, const std::uint32_t*>{};
    while (a != one_end || b != more_end) {
      std::size_t s = b == more_end || (a != one_end && *a < *b) ? *a++ : *b++;
      const std::u32string_view left = SynonymLeft(s);
      if (left.size() > 2 && std::u32string_view(text).substr(i + 2, left.size() - 2) != left.substr(2))
        continue;
      found(s);
    }
  }

  std::u32string_view SynonymLeft(std::size_t s) const {
    return std::u32string_view(synonym_lefts_)
        .substr(synonym_left_spans_[s].first, synonym_left_spans_[s].second);
  }

  template <typename Add>
  void AddTypoCandidates(std::u32string_view span, Scratch& x, Add& add) const {
    std::vector<std::uint32_t>& found = x.typos;
    found.clear();
    const std::u32string_view words(word_text_);
    auto probe = [&](std::u32string_view key) {
      auto list = delete_lookup_.Find(key);
      if (!list) return;
      for (std::uint32_t i = delete_list_starts_[*list]; i < delete_list_starts_[*list + 1]; ++i) {
        const std::uint32_t t = delete_lists_[i];
        if (!WithinOneEdit(span, words.substr(word_spans_[t].first, word_spans_[t].second))) continue;
        if (std::find(found.begin(), found.end(), t) == found.end()) found.push_back(t);
      }
    };
    probe(span);
    for (std::size_t i = 0; i < span.size(); ++i) {
      x.shorter.assign(span);
      x.shorter.erase(i, 1);
      probe(x.shorter);
    }
    if (found.empty()) return;
    // The commoner words first: a typo is likelier of a word people use.
    std::sort(found.begin(), found.end(), [this](std::uint32_t a, std::uint32_t b) {
      return df_[a] != df_[b] ? df_[a] > df_[b] : a < b;
    });
    if (found.size() > kMaxTypoCandidates) found.resize(kMaxTypoCandidates);
    float weight = kTypoWeight / std::sqrt(static_cast<float>(found.size()));
    for (std::uint32_t t : found) add(t, weight);
  }

  // What NameBonus asks of every candidate, worked out once per query: the
  // distinct gram keys the query's meaningful characters are checked by
  // (sorted), and per position which of them: the bigram to the right, the
  // bigram to the left, or, for a character alone, the character.
  void PrepareNameBonus(const std::u32string& q, Scratch& x) const {
    const std::vector<std::uint8_t>& meaningful = x.meaningful;
    // The records whose name or alias the query is (as typed, or without
    // its filler words).
    x.named.clear();
    for (const std::u32string* text : {&q, static_cast<const std::u32string*>(&x.core)}) {
      auto it = docs_by_name_.find(*text);
      if (it != docs_by_name_.end()) x.named.insert(x.named.end(), it->second.begin(), it->second.end());
    }
    std::sort(x.named.begin(), x.named.end());
    x.keys.clear();
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (!meaningful[i]) continue;
      bool left = i > 0 && meaningful[i - 1];
      bool right = i + 1 < q.size() && meaningful[i + 1];
      if (right) x.keys.push_back(BigramKey(q[i], q[i + 1]));
      if (!left && !right) x.keys.push_back(UnigramKey(q[i]));
    }
    std::sort(x.keys.begin(), x.keys.end());
    x.keys.erase(std::unique(x.keys.begin(), x.keys.end()), x.keys.end());
    auto index_of = [&x](std::uint64_t key) {
      return static_cast<std::int16_t>(std::lower_bound(x.keys.begin(), x.keys.end(), key) - x.keys.begin());
    };
    // The keys by hash (see Scratch::key_slots).
    std::size_t capacity = 16;
    while (capacity < x.keys.size() * 2) capacity *= 2;
    x.key_shift = 64;
    for (std::size_t c = capacity; c > 1; c /= 2) --x.key_shift;
    x.key_slots.assign(capacity, {kNoKey, 0});
    x.key_filter = 0;
    for (std::size_t k = 0; k < x.keys.size(); ++k) {
      const std::uint64_t h = KeyHash(x.keys[k]);
      x.key_filter |= std::uint64_t{1} << ((h >> 20) & 63);
      std::size_t slot = static_cast<std::size_t>(h >> x.key_shift);
      while (x.key_slots[slot].first != kNoKey) slot = (slot + 1) & (capacity - 1);
      x.key_slots[slot] = {x.keys[k], static_cast<std::int16_t>(k)};
    }
    // A position without a key of some kind points at the slot past the
    // keys, which is never present.
    const auto none = static_cast<std::int16_t>(x.keys.size());
    x.position_keys.assign(q.size(), {none, none, none});
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (!meaningful[i]) continue;
      bool left = i > 0 && meaningful[i - 1];
      bool right = i + 1 < q.size() && meaningful[i + 1];
      if (right) x.position_keys[i][0] = index_of(BigramKey(q[i], q[i + 1]));
      if (left) x.position_keys[i][1] = index_of(BigramKey(q[i - 1], q[i]));
      if (!left && !right) x.position_keys[i][2] = index_of(UnigramKey(q[i]));
    }
    // The query's characters, as bits of a code point's low six: a name none
    // of whose first two characters is among them cannot be in the query
    // with one wrong character.
    x.query_chars = 0;
    for (char32_t c : q) x.query_chars |= std::uint64_t{1} << (c & 63);
  }

  // How much the names add, in units of the best plain score: 1 when the
  // query is a name or alias, plus up to 0.7 for the share of the query's
  // meaningful characters the record's names cover (a bigram of the query in
  // a name or alias; a whole name with one wrong character; the left side of
  // a synonym that names this record). Keywords cover at half credit.
  float NameBonus(std::uint32_t d, const std::u32string& q, Scratch& x) const {
    const Rerank& r = rerank_[d];
    const std::u32string& core = x.core;
    if (core.empty()) return 0.0f;
    const std::vector<std::uint8_t>& meaningful = x.meaningful;
    const float exact = std::binary_search(x.named.begin(), x.named.end(), d) ? 1.0f : 0.0f;

    // Which of the query's keys the record's names (bit 1) and keywords
    // (bit 2) have; the slot past the keys has neither.
    const std::uint64_t* names = gram_arena_.data() + r.grams;
    const std::uint64_t* keywords = names + r.name_grams;
    const std::size_t keyword_count = r.keyword_grams;
    // The record's grams are looked up among the query's keys (most are
    // not there, and the filter says so at once).
    // (Locals: the byte stores below may alias anything, and would make
    // the compiler reload every member they could touch.)
    std::vector<std::uint8_t>& in_names = x.in_names;
    in_names.assign(x.keys.size() + 1, 0);
    std::uint8_t* const in = in_names.data();
    const std::pair<std::uint64_t, std::int16_t>* const slots = x.key_slots.data();
    const std::size_t slot_mask = x.key_slots.size() - 1;
    const std::uint64_t filter = x.key_filter;
    const int shift = x.key_shift;
    auto mark_grams = [&](const std::uint64_t* grams, std::size_t n, std::uint8_t bit) {
      for (std::size_t j = 0; j < n; ++j) {
        const std::uint64_t gram = grams[j];
        const std::uint64_t h = KeyHash(gram);
        if ((filter >> ((h >> 20) & 63) & 1) == 0) continue;
        for (std::size_t slot = static_cast<std::size_t>(h >> shift);; slot = (slot + 1) & slot_mask) {
          const std::uint64_t key = slots[slot].first;
          if (key == gram) {
            in[static_cast<std::size_t>(slots[slot].second)] |= bit;
            break;
          }
          if (key == kNoKey) break;
        }
      }
    };
    mark_grams(names, r.name_grams, 1);
    mark_grams(keywords, keyword_count, 2);
    std::array<float, kMaxQueryCodePoints + 1> covered;
    std::fill_n(covered.begin(), q.size(), 0.0f);
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (!meaningful[i]) continue;
      const auto& keys = x.position_keys[i];
      auto bits = static_cast<unsigned>(in[static_cast<std::size_t>(keys[0])] |
                                        in[static_cast<std::size_t>(keys[1])] |
                                        in[static_cast<std::size_t>(keys[2])]);
      covered[i] = (bits & 1) != 0 ? 1.0f : (bits & 2) != 0 ? 0.5f : 0.0f;
    }
    // A whole name with one wrong character covers the wrong one too.
    auto mark = [&](std::u32string_view name, float credit) {
      if (name.size() > q.size()) return;
      auto bit = [](char32_t c) { return std::uint64_t{1} << (c & 63); };
      if ((x.query_chars & (bit(name[0]) | bit(name[1]))) == 0) return;
      for (std::size_t at = 0; at + name.size() <= q.size(); ++at) {
        if (q[at] != name[0] && q[at + 1] != name[1]) continue;  // two wrong already
        int diff = 0;
        for (std::size_t k = 0; k < name.size() && diff <= 1; ++k) diff += q[at + k] != name[k];
        if (diff > 1) continue;
        for (std::size_t k = 0; k < name.size(); ++k) covered[at + k] = std::max(covered[at + k], credit);
      }
    };
    // Each mark: its length (the top bit set for a keyword's, at half
    // credit), then its characters.
    const char32_t* marks = mark_arena_.data() + r.marks;
    for (std::size_t i = 0; i < r.mark_count;) {
      const std::uint32_t head = marks[i];
      const std::size_t length = head & ~kKeywordMark;
      mark(std::u32string_view(marks + i + 1, length), (head & kKeywordMark) != 0 ? 0.5f : 1.0f);
      i += 1 + length;
    }
    for (const SynonymMatch& m : x.synonym_matches) {
      const std::vector<std::uint32_t>& named = m.target->names_docs;
      if (!std::binary_search(named.begin(), named.end(), d)) continue;
      for (std::size_t k = m.from; k < m.to; ++k) covered[k] = 1.0f;
    }
    float sum = 0.0f;
    for (std::size_t i = 0; i < q.size(); ++i) {
      if (meaningful[i]) sum += covered[i];
    }
    return exact + 0.7f * sum / static_cast<float>(core.size());
  }

  // The texts hits show (see Finish).
  struct Labels {
    struct Ref {
      std::uint32_t at;  // in text: code, name, department code, department name
      std::uint32_t code;
      std::uint32_t name;
      std::uint32_t department_code;
      std::uint32_t department_name;
      std::uint32_t name_id;  // equal names, equal ids
    };
    std::string text;
    std::vector<Ref> refs;  // by record

    std::string_view Code(const Ref& r) const { return std::string_view(text).substr(r.at, r.code); }
    std::string_view Name(const Ref& r) const { return std::string_view(text).substr(r.at + r.code, r.name); }
    std::string_view DepartmentCode(const Ref& r) const {
      return std::string_view(text).substr(r.at + r.code + r.name, r.department_code);
    }
    std::string_view DepartmentName(const Ref& r) const {
      return std::string_view(text).substr(r.at + r.code + r.name + r.department_code, r.department_name);
    }
  };
  static constexpr std::uint32_t kKeywordMark = std::uint32_t{1} << 31;
  static constexpr std::uint64_t kNoKey = ~std::uint64_t{0};  // no gram key has every bit set
  static std::uint64_t KeyHash(std::uint64_t key) { return key * 0x9E3779B97F4A7C15ULL; }
  // Asks for a candidate's re-ranking data, every line of it.
  void PrefetchRerank(std::uint32_t d) const {
    const Rerank& r = rerank_[d];
    const auto* grams = reinterpret_cast<const char*>(gram_arena_.data() + r.grams);
    const std::size_t gram_bytes = (r.name_grams + r.keyword_grams) * sizeof(std::uint64_t);
    for (std::size_t at = 0; at < gram_bytes; at += 64) __builtin_prefetch(grams + at);
    const auto* marks = reinterpret_cast<const char*>(mark_arena_.data() + r.marks);
    const std::size_t mark_bytes = r.mark_count * sizeof(char32_t);
    for (std::size_t at = 0; at < mark_bytes; at += 64) __builtin_prefetch(marks + at);
  }
  // Per record, where its re-ranking data is (see Doc: grams, marks).
  struct Rerank {
    std::uint32_t grams;  // in gram_arena_: name_grams, then keyword_grams
    std::uint32_t name_grams;
    std::uint32_t keyword_grams;
    std::uint32_t marks;  // in mark_arena_
    std::uint32_t mark_count;
  };

 public:
  void SetDepartmentNames(std::unordered_map<std::string, std::string> names) {
    department_names_ = std::move(names);
  }

 private:
  const std::string& DepartmentName(const std::string& code) const {
    static const std::string kNone;
    auto it = department_names_.find(code);
    return it == department_names_.end() ? kNone : it->second;
  }

  const text::ChineseText& text_;
  std::vector<Doc> docs_;
  std::shared_ptr<const Labels> labels_;                           // set by Finish
  std::unordered_map<std::string, std::string> department_names_;  // by code; Build only
  std::vector<Rerank> rerank_;                                     // by record
  std::vector<std::uint64_t> gram_arena_;
  std::u32string mark_arena_;
  std::vector<std::uint8_t> flags_;  // per document: kind and audience bits, for filtering
  // Build only.
  std::unordered_map<std::string, Analysis> analysis_cache_;
  std::vector<Entry> entries_;
  std::vector<Pending> pending_;
  std::vector<std::array<float, kFieldCount>> lengths_;
  // Terms: words by text, bigrams and characters by code points.
  std::unordered_map<std::string, std::uint32_t> word_ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> gram_ids_;  // until Freeze
  std::vector<Kind> kinds_;
  std::vector<Posting> postings_;              // every term's, by term
  std::vector<std::uint32_t> posting_starts_;  // by term, then postings_.size()
  std::vector<std::uint32_t> df_;
  std::vector<std::u32string> word_cps_;  // by term: the word's code points (words of 2–12); until Freeze
  std::unordered_map<std::u32string, std::vector<std::uint32_t>, CodePointsHash, std::equal_to<>> deletes_;
  std::vector<Synonym> synonyms_;
  // By a left side's first two characters (its character when it has one).
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> synonyms_by_start_;
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::size_t, std::size_t>>>
      synonyms_fuzzy_;                                                           // (synonym, offset)
  std::unordered_set<std::string> stopwords_;                                    // normalised
  std::unordered_map<std::u32string, std::vector<std::uint32_t>> docs_by_name_;  // name or alias → records
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> docs_by_name_bigram_;
  // The query path's copies of the maps above (Freeze).
  TextIndex word_lookup_;      // word → term
  TextIndex stopword_lookup_;  // filler word → 0
  TextIndex delete_lookup_;    // typo key → list in delete_lists_
  std::vector<std::uint32_t> delete_lists_;
  std::vector<std::uint32_t> delete_list_starts_;
  std::u32string word_text_;                                         // the typo words' code points
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_spans_;  // by term: (at, length) in word_text_
  FlatIndex gram_lookup_;
  FlatIndex synonym_start_lookup_;  // → a range of synonym_start_ids_
  std::vector<std::uint32_t> synonym_start_ids_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> synonym_start_ranges_;
  FlatIndex synonym_fuzzy_lookup_;  // → a range of synonym_fuzzy_ids_: (synonym, offset)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> synonym_fuzzy_ids_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> synonym_fuzzy_ranges_;
  std::u32string synonym_lefts_;                                             // every left side's code points
  std::vector<std::pair<std::uint32_t, std::uint32_t>> synonym_left_spans_;  // by synonym: (at, length)
  std::vector<SuggestEntry> suggest_;
  std::unordered_map<char32_t, std::vector<std::uint32_t>> suggest_by_char_;
  mutable ResultCache cache_;
};

}  // namespace

std::unique_ptr<SearchIndex> SearchIndex::Build(const text::ChineseText& text, const Lexicon& lexicon,
                                                const std::vector<const ServiceItem*>& items,
                                                const std::vector<const LifeEvent*>& life_events,
                                                const std::vector<const Department*>& departments) {
  auto index = std::make_unique<InMemorySearchIndex>(text);
  std::unordered_map<std::string_view, const Department*> by_code;
  std::unordered_map<std::string, std::string> names_by_code;
  for (const Department* d : departments) {
    by_code.emplace(d->code, d);
    names_by_code.emplace(d->code, d->name);
  }
  index->SetDepartmentNames(std::move(names_by_code));
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
  auto keys = [&index](const std::vector<std::string>& texts) {
    std::vector<std::u32string> out;
    for (const std::string& t : texts) out.push_back(index->KeyOf(t));
    return out;
  };

  for (const ServiceItem* item : items) {
    Doc doc{HitKind::kItem,
            item->code,
            item->name,
            item->department_code,
            item->target,
            index->KeyOf(item->name),
            keys(item->aliases),
            keys(item->keywords),
            {},
            0,
            {}};
    SetNameData(doc);
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
    Doc doc{HitKind::kLifeEvent,
            event->code,
            event->name,
            event->lead_department_code,
            event->target,
            index->KeyOf(event->name),
            keys(event->aliases),
            keys(event->keywords),
            {},
            0,
            {}};
    SetNameData(doc);
    std::array<std::vector<std::string>, kFieldCount> fields;
    fields[kName] = {event->name};
    fields[kAliases] = event->aliases;
    fields[kKeywords] = event->keywords;
    fields[kDepartment] = department_names(event->lead_department_code);
    fields[kSummary] = {event->summary};
    // The bundle's items, as weakly as a summary: a life event is found by
    // what it contains, and an item's own name still ranks the item first.
    for (const std::string& code : event->item_codes) {
      if (auto it = item_by_code.find(code); it != item_by_code.end()) {
        fields[kSummary].push_back(it->second->name);
      }
    }
    index->AddDocument(std::move(doc), fields);
  }
  index->Finish();
  index->AddLexicon(lexicon);
  index->Freeze();
  return index;
}

}  // namespace tongban::catalog
