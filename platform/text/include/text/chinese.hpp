// Chinese text for search: normalisation (NFKC casefold, traditional →
// simplified by OpenCC t2s, full-width → half-width, punctuation dropped) and
// word segmentation (ICU's dictionary break iterator, corrected by a domain
// dictionary of compounds ICU does not know: 一网通办, 社保, 居住证 …).
// Thread-safe after construction; one instance per process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tongban::text {

class ChineseText {
 public:
  // `compounds`: domain words, one per entry (already simplified). Fails
  // (text.opencc_unavailable / text.icu_unavailable) when OpenCC's t2s.json or
  // ICU cannot be opened.
  static Result<std::unique_ptr<ChineseText>> Create(std::vector<std::string> compounds);
  ~ChineseText();
  ChineseText(const ChineseText&) = delete;
  ChineseText& operator=(const ChineseText&) = delete;

  // 一網通辦 → 一网通办; "ＡＢＣ 结婚登记！" → "abc 结婚登记". Spaces collapse to one.
  std::string Normalize(std::string_view utf8) const;
  // Normalize, then segment: "结婚登记需要哪些材料" → 结婚 登记 需要 哪些 材料; a domain
  // compound wins over ICU's split (longest match). Latin/digit runs are one token.
  std::vector<std::string> Segment(std::string_view utf8) const;

  // Segment's words as code points, into the caller's buffers, which keep
  // their capacity between calls (a search's question then allocates
  // nothing here): `joined`, the words' code points one after another (the
  // normalised text without its spaces); `starts`, where each word begins,
  // then joined.size() — empty when there are no words.
  struct Words {
    std::u32string joined;
    std::vector<std::uint32_t> starts;

    std::size_t size() const { return starts.empty() ? 0 : starts.size() - 1; }
    std::u32string_view Word(std::size_t i) const {
      return std::u32string_view(joined).substr(starts[i], starts[i + 1] - starts[i]);
    }
  };
  void SegmentInto(std::string_view utf8, Words& out) const;

 private:
  struct Impl;
  explicit ChineseText(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// UTF-8 ⇄ code points (invalid sequences become U+FFFD).
std::u32string ToCodePoints(std::string_view utf8);
std::string ToUtf8(std::u32string_view cps);

}  // namespace tongban::text
