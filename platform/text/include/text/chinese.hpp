// Chinese text for search: normalisation (NFKC casefold, traditional →
// simplified by OpenCC t2s, full-width → half-width, punctuation dropped) and
// word segmentation (ICU's dictionary break iterator, corrected by a domain
// dictionary of compounds ICU does not know: 一网通办, 社保, 居住证 …).
// Thread-safe after construction; one instance per process.
#pragma once

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

 private:
  struct Impl;
  explicit ChineseText(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// UTF-8 ⇄ code points (invalid sequences become U+FFFD).
std::u32string ToCodePoints(std::string_view utf8);
std::string ToUtf8(std::u32string_view cps);

}  // namespace tongban::text
