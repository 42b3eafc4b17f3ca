#include "text/chinese.hpp"

#include <opencc/opencc.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace tongban::text {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Kept as a word character: letters, digits and combining marks. Everything
// else (punctuation, symbols, spaces, controls) separates words.
bool IsWordChar(UChar32 c) {
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK: return true;
    default: return false;
  }
}

// UnicodeString::fromUTF8 into an existing string, which keeps its buffer
// (invalid sequences become U+FFFD, as there).
void SetUtf8(icu::UnicodeString& u, std::string_view utf8) {
  const auto capacity = static_cast<int32_t>(utf8.size()) + 1;  // UTF-16 is never longer
  UChar* buffer = u.getBuffer(capacity);
  if (buffer == nullptr) {
    u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    return;
  }
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(buffer, capacity, &length, utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD,
                       nullptr, &status);
  u.releaseBuffer(U_SUCCESS(status) ? length : 0);
}

}  // namespace

struct ChineseText::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  std::unique_ptr<icu::BreakIterator> prototype;  // cloned once per thread

  // OpenCC's converter is not documented as thread-safe: one call at a time.
  std::mutex opencc_mutex;
  opencc_t opencc = reinterpret_cast<opencc_t>(-1);

  // Domain compounds in UTF-16, by first code unit, longest first.
  std::unordered_map<char16_t, std::vector<std::u16string>> compounds;

  ~Impl() {
    if (opencc != reinterpret_cast<opencc_t>(-1)) opencc_close(opencc);
  }

  icu::BreakIterator& WordBreaker() const {
    // BreakIterator objects are not thread-safe; each thread keeps its own
    // clone (word rules do not depend on the compounds, so any instance's
    // clone serves every instance).
    thread_local std::unique_ptr<icu::BreakIterator> local;
    if (!local) local.reset(prototype->clone());
    return *local;
  }

  // NFKC casefold and punctuation → one space, in UTF-16.
  icu::UnicodeString Fold(std::string_view utf8) const {
    icu::UnicodeString out;
    FoldInto(utf8, out);
    return out;
  }

  // The same into `out`, through per-thread buffers that keep their capacity.
  void FoldInto(std::string_view utf8, icu::UnicodeString& out) const {
    thread_local icu::UnicodeString in;
    thread_local icu::UnicodeString normalized;
    UErrorCode status = U_ZERO_ERROR;
    SetUtf8(in, utf8);
    nfkc_casefold->normalize(in, normalized, status);
    const icu::UnicodeString& folded = U_FAILURE(status) ? in : normalized;
    out.remove();
    bool pending_space = false;
    for (int32_t i = 0; i < folded.length();) {
      UChar32 c = folded.char32At(i);
      i += U16_LENGTH(c);
      if (IsWordChar(c)) {
        if (pending_space && !out.isEmpty()) out.append(static_cast<UChar>(u' '));
        pending_space = false;
        out.append(c);
      } else {
        pending_space = true;
      }
    }
  }

  // The BMP characters OpenCC t2s changes on their own (found once, at
  // construction). A text with none of them and nothing beyond the BMP is
  // already simplified: OpenCC costs about 1.5 µs a character, and nearly
  // every query and every catalog text is simplified Chinese.
  std::vector<bool> traditional = std::vector<bool>(0x10000, false);

  bool MayBeTraditional(const icu::UnicodeString& u) const {
    for (int32_t i = 0; i < u.length(); ++i) {
      char16_t c = u.charAt(i);
      if (U16_IS_SURROGATE(c) || traditional[c]) return true;
    }
    return false;
  }

  // Marks the characters t2s converts: each CJK character of the BMP on its
  // own line through OpenCC once.
  void FindTraditional() {
    std::string all;
    std::vector<char32_t> cps;
    auto range = [&](char32_t from, char32_t to) {
      for (char32_t c = from; c <= to; ++c) cps.push_back(c);
    };
    range(0x3400, 0x4DBF);  // CJK Extension A
    range(0x4E00, 0x9FFF);  // CJK Unified Ideographs
    range(0xF900, 0xFAFF);  // CJK Compatibility Ideographs
    for (char32_t c : cps) {
      all += ToUtf8(std::u32string_view(&c, 1));
      all += '\n';
    }
    char* converted = opencc_convert_utf8(opencc, all.data(), all.size());
    if (converted == nullptr) {
      traditional.assign(traditional.size(), true);  // no fast path
      return;
    }
    std::string out(converted);
    opencc_convert_utf8_free(converted);
    std::size_t line = 0;
    std::size_t from = 0;
    while (from < out.size() && line < cps.size()) {
      std::size_t nl = out.find('\n', from);
      if (nl == std::string::npos) nl = out.size();
      std::u32string got = ToCodePoints(std::string_view(out).substr(from, nl - from));
      if (got.size() != 1 || got[0] != cps[line]) traditional[cps[line]] = true;
      ++line;
      from = nl + 1;
    }
    if (line != cps.size()) traditional.assign(traditional.size(), true);  // unexpected: no fast path
  }

  std::string ToSimplified(const icu::UnicodeString& u) {
    std::string utf8;
    u.toUTF8String(utf8);
    if (!MayBeTraditional(u)) return utf8;
    std::lock_guard lock(opencc_mutex);
    char* converted = opencc_convert_utf8(opencc, utf8.data(), utf8.size());
    if (converted == nullptr) return utf8;
    std::string out(converted);
    opencc_convert_utf8_free(converted);
    return out;
  }

  // Normalize's result as UTF-16 into `out`, for the segmenter: without
  // traditional characters (the usual question) it never goes through UTF-8.
  void NormalizeUtf16(std::string_view utf8, icu::UnicodeString& out) {
    FoldInto(utf8, out);
    if (!MayBeTraditional(out)) return;
    std::string simplified = ToSimplified(out);
    SetUtf8(out, simplified);
  }

  // Normalises and segments `utf8`; calls emit(s, from, to) for every word,
  // [from, to) in code units of s, the normalised text in UTF-16.
  template <typename Emit>
  void ForEachWord(std::string_view utf8, Emit&& emit) {
    thread_local icu::UnicodeString u;
    NormalizeUtf16(utf8, u);
    if (u.isEmpty()) return;
    const std::u16string_view s(reinterpret_cast<const char16_t*>(u.getBuffer()),
                                static_cast<std::size_t>(u.length()));

    // ICU's boundaries.
    icu::BreakIterator& breaker = WordBreaker();
    breaker.setText(u);
    thread_local std::vector<char> boundary;
    boundary.assign(s.size() + 1, 0);
    for (int32_t b = breaker.first(); b != icu::BreakIterator::DONE; b = breaker.next()) {
      boundary[static_cast<std::size_t>(b)] = 1;
    }

    // Walk ICU's tokens; a domain compound starting at a token's start wins
    // (longest match, across ICU's boundaries); a compound starting inside an
    // ICU token and reaching past its end splits that token before it.
    std::size_t pos = 0;
    while (pos < s.size()) {
      if (s[pos] == u' ') {
        ++pos;
        continue;
      }
      if (int32_t len = CompoundAt(s, pos); len > 0) {
        emit(s, pos, pos + static_cast<std::size_t>(len));
        pos += static_cast<std::size_t>(len);
        continue;
      }
      std::size_t end = pos + 1;
      while (end < s.size() && !boundary[end]) ++end;
      std::size_t cut = end;
      for (std::size_t q = pos + 1; q < end; ++q) {
        if (U16_IS_TRAIL(s[q])) continue;
        int32_t len = CompoundAt(s, q);
        if (len > 0 && q + static_cast<std::size_t>(len) > end) {
          cut = q;
          break;
        }
      }
      emit(s, pos, cut);
      pos = cut;
    }
  }

  // The longest compound starting at `pos` of `s` (length in code units), 0: none.
  int32_t CompoundAt(std::u16string_view s, std::size_t pos) const {
    auto it = compounds.find(s[pos]);
    if (it == compounds.end()) return 0;
    for (const std::u16string& word : it->second) {
      if (word.size() <= s.size() - pos && s.compare(pos, word.size(), word) == 0) {
        return static_cast<int32_t>(word.size());
      }
    }
    return 0;
  }
};

ChineseText::ChineseText(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChineseText::~ChineseText() = default;

Result<std::unique_ptr<ChineseText>> ChineseText::Create(std::vector<std::string> compounds) {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || impl->nfkc_casefold == nullptr) {
    return Error::Make(ErrorCode::kInternal, "text.icu_unavailable", "无法加载 ICU 规范化数据",
                       "ICU normalisation data cannot be loaded")
        .WithDetail(u_errorName(status));
  }
  impl->prototype.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status) || !impl->prototype) {
    return Error::Make(ErrorCode::kInternal, "text.icu_unavailable", "无法加载 ICU 分词数据",
                       "ICU word-break data cannot be loaded")
        .WithDetail(u_errorName(status));
  }
  impl->opencc = opencc_open("t2s.json");
  if (impl->opencc == reinterpret_cast<opencc_t>(-1)) {
    const char* why = opencc_error();
    return Error::Make(ErrorCode::kInternal, "text.opencc_unavailable",
                       "无法加载 OpenCC 繁简转换配置 t2s.json", "OpenCC's t2s.json cannot be opened")
        .WithDetail(why != nullptr ? why : "opencc_open failed");
  }
  impl->FindTraditional();
  auto text = std::unique_ptr<ChineseText>(new ChineseText(std::move(impl)));
  // Compounds go through the same normalisation as the text they must match.
  for (const std::string& raw : compounds) {
    std::string folded = text->Normalize(raw);
    folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
    if (u.length() < 2) continue;
    std::u16string word(reinterpret_cast<const char16_t*>(u.getBuffer()),
                        static_cast<std::size_t>(u.length()));
    auto& bucket = text->impl_->compounds[word[0]];
    if (std::find(bucket.begin(), bucket.end(), word) == bucket.end()) bucket.push_back(std::move(word));
  }
  for (auto& [first, bucket] : text->impl_->compounds) {
    std::stable_sort(bucket.begin(), bucket.end(),
                     [](const std::u16string& a, const std::u16string& b) { return a.size() > b.size(); });
  }
  return text;
}

std::string ChineseText::Normalize(std::string_view utf8) const {
  return impl_->ToSimplified(impl_->Fold(utf8));
}

std::vector<std::string> ChineseText::Segment(std::string_view utf8) const {
  std::vector<std::string> tokens;
  impl_->ForEachWord(utf8, [&tokens](std::u16string_view s, std::size_t from, std::size_t to) {
    if (to <= from) return;
    std::string piece;
    icu::UnicodeString(false, reinterpret_cast<const UChar*>(s.data()) + from,
                       static_cast<int32_t>(to - from))
        .toUTF8String(piece);
    if (piece.find_first_not_of(' ') != std::string::npos) tokens.push_back(std::move(piece));
  });
  return tokens;
}

void ChineseText::SegmentInto(std::string_view utf8, Words& out) const {
  out.joined.clear();
  out.starts.clear();
  impl_->ForEachWord(utf8, [&out](std::u16string_view s, std::size_t from, std::size_t to) {
    if (to <= from) return;
    const std::size_t before = out.joined.size();
    bool blank = true;
    for (std::size_t i = from; i < to;) {
      char32_t c = s[i++];
      if (U16_IS_LEAD(c) && i < to && U16_IS_TRAIL(s[i])) {
        c = static_cast<char32_t>(U16_GET_SUPPLEMENTARY(c, s[i]));
        ++i;
      } else if (U16_IS_SURROGATE(c)) {
        c = kReplacement;  // as the UTF-8 of an unpaired surrogate reads back
      }
      blank = blank && c == U' ';
      out.joined.push_back(c);
    }
    if (blank) {
      out.joined.resize(before);
      return;
    }
    out.starts.push_back(static_cast<std::uint32_t>(before));
  });
  if (!out.starts.empty()) out.starts.push_back(static_cast<std::uint32_t>(out.joined.size()));
}

std::u32string ToCodePoints(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    int extra = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07, min = 0x10000;
    } else {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    if (i + static_cast<std::size_t>(extra) >= n) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = p[i + static_cast<std::size_t>(k)];
      if ((cc & 0xC0) != 0x80) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!valid || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::string ToUtf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t c : cps) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace tongban::text
