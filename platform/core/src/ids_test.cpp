#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/hex.hpp"

namespace tongban {
namespace {

TEST(UlidTest, SortsByTime) {
  std::string a = NewUlidAt(1'700'000'000'000);
  std::string b = NewUlidAt(1'700'000'000'001);
  EXPECT_EQ(a.size(), 26u);
  EXPECT_LT(a, b);
  EXPECT_EQ(a.substr(0, 10), NewUlidAt(1'700'000'000'000).substr(0, 10));
}

TEST(UlidTest, Unique) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(NewUlid()).second);
}

TEST(RequestIdTest, Validation) {
  EXPECT_TRUE(IsValidRequestId("abc-123_x.y:z"));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId(std::string(129, 'a')));
  EXPECT_FALSE(IsValidRequestId("a b"));
  EXPECT_FALSE(IsValidRequestId("a\r\nSet-Cookie: x"));
  EXPECT_EQ(NewRequestId().size(), 32u);
}

TEST(HexTest, RoundTrip) {
  std::string bytes("\x00\x01\xab\xff", 4);
  EXPECT_EQ(HexEncode(bytes), "0001abff");
  EXPECT_EQ(*HexDecode("0001ABff"), bytes);
  EXPECT_FALSE(HexDecode("abc"));
  EXPECT_FALSE(HexDecode("zz"));
}

}  // namespace
}  // namespace tongban
