#include <gtest/gtest.h>

#include "canary/canary.hpp"

namespace tongban::canary {
namespace {

TEST(CanaryValidateTest, AcceptsWellFormed) {
  EXPECT_TRUE(Validate({"bench-01_a", 0, "你好"}).ok());
  EXPECT_TRUE(Validate({"c", 1, std::string(1024 * 3, '\0').replace(0, 3072, 1024, 'x')}).ok());
}

TEST(CanaryValidateTest, NamesTheField) {
  struct Case {
    NewCanaryWrite input;
    const char* field;
  } cases[] = {
      {{"", 0, ""}, "/client_id"},    {{std::string(65, 'a'), 0, ""}, "/client_id"},
      {{"a b", 0, ""}, "/client_id"}, {{"客户", 0, ""}, "/client_id"},
      {{"a", -1, ""}, "/seq"},        {{"a", 0, std::string(1025, 'x')}, "/payload"},
  };
  for (const Case& c : cases) {
    Status st = Validate(c.input);
    ASSERT_FALSE(st.ok()) << c.field;
    EXPECT_EQ(st.error().field, c.field);
    EXPECT_FALSE(st.error().message_zh.empty());
  }
}

TEST(CanaryValidateTest, PayloadCountsCodePointsNotBytes) {
  std::string chinese;
  for (int i = 0; i < 1024; ++i) chinese += "办";  // 3 bytes each
  EXPECT_TRUE(Validate({"a", 0, chinese}).ok());
  EXPECT_FALSE(Validate({"a", 0, chinese + "办"}).ok());
}

}  // namespace
}  // namespace tongban::canary
