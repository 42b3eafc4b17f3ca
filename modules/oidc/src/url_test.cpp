#include "url.hpp"

#include <gtest/gtest.h>

namespace tongban::oidc {
namespace {

TEST(UrlTest, Base64) {
  EXPECT_EQ(*Base64Decode("Y2xpZW50OnNlY3JldA=="), "client:secret");
  EXPECT_EQ(*Base64Decode(""), "");
  EXPECT_FALSE(Base64Decode("Y2xpZW50OnNlY3JldA="));
  EXPECT_FALSE(Base64Decode("Y2x=ZW50"));
  EXPECT_FALSE(Base64Decode("Y2x*"));
}

}  // namespace
}  // namespace tongban::oidc
