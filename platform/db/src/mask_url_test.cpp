#include <gtest/gtest.h>

#include "db/database.hpp"

namespace tongban::db {
namespace {

TEST(MaskUrlTest, MasksThePasswordOnly) {
  EXPECT_EQ(MaskUrl("postgresql://user:secret@host/db"), "postgresql://user:***@host/db");
  EXPECT_EQ(MaskUrl("postgresql://user:secret@host:5432/db?sslmode=require"),
            "postgresql://user:***@host:5432/db?sslmode=require");
  EXPECT_EQ(MaskUrl("postgres://u:p%40ss@h"), "postgres://u:***@h");
}

TEST(MaskUrlTest, LeavesUrlsWithoutPasswordAlone) {
  EXPECT_EQ(MaskUrl("postgresql://postgres@127.0.0.1:5432/tongban"),
            "postgresql://postgres@127.0.0.1:5432/tongban");
  EXPECT_EQ(MaskUrl("postgresql://host/db"), "postgresql://host/db");
  EXPECT_EQ(MaskUrl("sqlite:var/tongban.db"), "sqlite:var/tongban.db");
  EXPECT_EQ(MaskUrl("sqlite::memory:"), "sqlite::memory:");
  EXPECT_EQ(MaskUrl(""), "");
}

TEST(MaskUrlTest, MasksPasswordParameters) {
  EXPECT_EQ(MaskUrl("postgresql://u@h/db?password=secret&sslmode=disable"),
            "postgresql://u@h/db?password=***&sslmode=disable");
  EXPECT_EQ(MaskUrl("host=h user=u password=secret dbname=d"), "host=h user=u password=*** dbname=d");
  EXPECT_EQ(MaskUrl("postgresql://h/db?old_password=x"), "postgresql://h/db?old_password=x");
}

TEST(MaskUrlTest, AtSignInPathIsNotUserinfo) {
  EXPECT_EQ(MaskUrl("postgresql://h:5432/db@x"), "postgresql://h:5432/db@x");
}

}  // namespace
}  // namespace tongban::db
