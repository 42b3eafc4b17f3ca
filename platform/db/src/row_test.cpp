#include <gtest/gtest.h>

#include <limits>

#include "db/database.hpp"
#include "db/value.hpp"

namespace tongban::db {
namespace {

Rows OneRow(std::vector<std::optional<std::string>> cells, bool hex_bytea) {
  Rows rows({}, hex_bytea);
  rows.AddRow(std::move(cells));
  return rows;
}

TEST(RowTest, ParsesIntegersAndReals) {
  Rows rows = OneRow({"-9223372036854775808", "9223372036854775807", "2.5", "1e300"}, false);
  EXPECT_EQ(rows[0].Int(0), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(rows[0].Int(1), std::numeric_limits<std::int64_t>::max());
  EXPECT_DOUBLE_EQ(rows[0].Real(2), 2.5);
  EXPECT_DOUBLE_EQ(rows[0].Real(3), 1e300);
  EXPECT_DOUBLE_EQ(rows[0].Real(0), -9223372036854775808.0);
}

TEST(RowTest, TypeMismatchThrowsDbError) {
  Rows rows = OneRow({"2.5", "abc", "", "t"}, false);
  EXPECT_THROW((void)rows[0].Int(0), DbError);
  EXPECT_THROW((void)rows[0].Int(1), DbError);
  EXPECT_THROW((void)rows[0].Int(2), DbError);
  EXPECT_THROW((void)rows[0].Bool(3), DbError);  // booleans are stored as 0/1
  EXPECT_THROW((void)rows[0].Real(1), DbError);
}

TEST(RowTest, NullAndOutOfRange) {
  Rows rows = OneRow({std::nullopt, "7"}, false);
  EXPECT_TRUE(rows[0].IsNull(0));
  EXPECT_FALSE(rows[0].IsNull(1));
  EXPECT_EQ(rows[0].OptInt(0), std::nullopt);
  EXPECT_EQ(rows[0].OptInt(1), 7);
  EXPECT_EQ(rows[0].OptText(0), std::nullopt);
  EXPECT_THROW((void)rows[0].Text(0), DbError);
  EXPECT_THROW((void)rows[0].Int(2), DbError);
  EXPECT_THROW((void)rows[0].IsNull(2), DbError);
  EXPECT_THROW((void)rows[5], std::out_of_range);
}

TEST(RowTest, DecodesPostgresHexBytea) {
  Rows rows = OneRow({"\\x00ff41", "\\x", "00ff", "\\xzz"}, true);
  EXPECT_EQ(rows[0].Bytes(0), std::string("\0\xff"
                                          "A",
                                          3));
  EXPECT_EQ(rows[0].Bytes(1), "");
  EXPECT_THROW((void)rows[0].Bytes(2), DbError);
  EXPECT_THROW((void)rows[0].Bytes(3), DbError);
}

TEST(RowTest, SqliteBlobsAreRawBytes) {
  Rows rows = OneRow({std::string("\0\x01", 2)}, false);
  EXPECT_EQ(rows[0].Bytes(0), std::string("\0\x01", 2));
}

TEST(DbErrorTest, MapsKindsToErrorCodes) {
  EXPECT_EQ(DbError(DbErrorKind::kUniqueViolation, "s", "m").error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(DbError(DbErrorKind::kUniqueViolation, "s", "m").error().reason, "db.unique_violation");
  EXPECT_EQ(DbError(DbErrorKind::kSerialization, "s", "m").error().code, ErrorCode::kConflict);
  EXPECT_EQ(DbError(DbErrorKind::kConnection, "s", "m").error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(DbError(DbErrorKind::kOther, "s", "m").error().code, ErrorCode::kInternal);
  DbError e(DbErrorKind::kOther, "insert_case", "boom");
  EXPECT_EQ(e.statement(), "insert_case");
  EXPECT_STREQ(e.what(), "insert_case: boom");
}

}  // namespace
}  // namespace tongban::db
