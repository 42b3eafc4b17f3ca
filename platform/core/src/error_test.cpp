#include "core/error.hpp"

#include <gtest/gtest.h>

namespace tongban {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) {
    return Error::Make(ErrorCode::kInvalidArgument, "test.odd", "必须是偶数", "must be even", "/x");
  }
  return x / 2;
}

Result<int> Quarter(int x) {
  TONGBAN_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "test.odd");
  EXPECT_EQ(r.error().field, "/x");
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST(StatusTest, OkAndError) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status bad = Error::Make(ErrorCode::kNotFound, "x.missing", "不存在", "missing");
  EXPECT_FALSE(bad.ok());
  EXPECT_STREQ(ErrorCodeName(bad.error().code), "not_found");
}

}  // namespace
}  // namespace tongban
