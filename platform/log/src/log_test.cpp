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

}  // namespace
}  // namespace tongban::log
