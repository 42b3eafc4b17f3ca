#include "log/log.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban::log {
namespace {

std::string Json(std::string_view s) {
  std::string out = "x";
  AppendJsonString(out, s);
  return out;
}

TEST(AppendJsonString, PlainTextAndUtf8PassThroughInOnePiece) {
  EXPECT_EQ(Json(""), "x\"\"");
  EXPECT_EQ(Json("结婚登记 abc"), "x\"结婚登记 abc\"");
}

TEST(AppendJsonString, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Json("a\"b\\c"), "x\"a\\\"b\\\\c\"");
  EXPECT_EQ(Json("\n\r\t"), "x\"\\n\\r\\t\"");
  EXPECT_EQ(Json(std::string("a\0b", 3)), "x\"a\\u0000b\"");
  EXPECT_EQ(Json("\x01\x1f "), "x\"\\u0001\\u001f \"");
  EXPECT_EQ(Json("\"\""), "x\"\\\"\\\"\"");
  EXPECT_EQ(Json("end\\"), "x\"end\\\\\"");
}

TEST(AppendJsonString, EveryPositionOfALongTextIsChecked) {
  // Long runs are scanned eight bytes at a time: an escape at any offset,
  // among ASCII or UTF-8, is still found.
  const std::string base = "结婚登记 marriage registration 0123456789";
  for (std::size_t at = 0; at <= base.size(); ++at) {
    for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
      std::string text = base;
      text.insert(at, 1, special);
      std::string expected = "x\"";
      for (char c : text) {
        switch (c) {
          case '"': expected += "\\\""; break;
          case '\\': expected += "\\\\"; break;
          case '\n': expected += "\\n"; break;
          case '\x01': expected += "\\u0001"; break;
          case '\x1f': expected += "\\u001f"; break;
          default: expected += c;
        }
      }
      expected += '"';
      EXPECT_EQ(Json(text), expected) << "at " << at;
    }
  }
  EXPECT_EQ(Json(std::string(64, 'a')), "x\"" + std::string(64, 'a') + "\"");
  EXPECT_EQ(Json(std::string(16, ' ') + "\x7f\x80\xff"), "x\"" + std::string(16, ' ') + "\x7f\x80\xff\"");
}

}  // namespace
}  // namespace tongban::log
