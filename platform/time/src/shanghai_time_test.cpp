#include "time/shanghai_time.hpp"

#include <gtest/gtest.h>

namespace tongban::calendar {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

Date D(std::string_view text) {
  return Date::Parse(text).value();
}

// 2025-09-30T16:00:00Z, the first instant of 2025-10-01 in Shanghai.
constexpr Instant kNationalDay2025{seconds(1'759'248'000)};

TEST(ShanghaiTimeTest, IsEightHoursAheadOfUtc) {
  EXPECT_EQ(ToShanghai(Instant{}).ToString(), "1970-01-01T08:00:00.000+08:00");
  EXPECT_EQ(ToShanghai(kNationalDay2025).ToString(), "2025-10-01T00:00:00.000+08:00");
  EXPECT_EQ(ToShanghai(kNationalDay2025 - milliseconds(1)).ToString(), "2025-09-30T23:59:59.999+08:00");
  EXPECT_EQ(ToShanghai(kNationalDay2025 + hours(9) + seconds(30 * 60 + 5) + milliseconds(7)),
            (ShanghaiDateTime{D("2025-10-01"), 9, 30, 5, 7}));
}

TEST(ShanghaiTimeTest, DateChangesAtSixteenHundredUtc) {
  EXPECT_EQ(ShanghaiDate(kNationalDay2025 - nanoseconds(1)), D("2025-09-30"));
  EXPECT_EQ(ShanghaiDate(kNationalDay2025), D("2025-10-01"));
  EXPECT_EQ(ShanghaiDate(kNationalDay2025 + hours(23) + std::chrono::minutes(59)), D("2025-10-01"));
  EXPECT_EQ(ShanghaiDate(kNationalDay2025 + hours(24)), D("2025-10-02"));
}

TEST(ShanghaiTimeTest, BeforeTheEpochFloorsCorrectly) {
  // 1969-12-31T15:59:59.999Z is 1969-12-31T23:59:59.999 in Shanghai.
  const Instant instant = Instant{} - hours(8) - milliseconds(1);
  EXPECT_EQ(ToShanghai(instant).ToString(), "1969-12-31T23:59:59.999+08:00");
  EXPECT_EQ(ShanghaiDate(Instant{} - hours(8)), D("1970-01-01"));
}

TEST(ShanghaiTimeTest, StartAndEndOfDay) {
  EXPECT_EQ(ShanghaiStartOfDay(D("2025-10-01")), kNationalDay2025);
  EXPECT_EQ(ShanghaiEndOfDay(D("2025-09-30")), kNationalDay2025 - milliseconds(1));
  EXPECT_EQ(ToShanghai(ShanghaiEndOfDay(D("2026-02-28"))).ToString(), "2026-02-28T23:59:59.999+08:00");
}

TEST(ShanghaiTimeTest, RoundTripsEveryDayFrom1992To2100) {
  for (Date date = D("1992-01-01"); date <= D("2100-12-31"); date = date.AddDays(1)) {
    ASSERT_EQ(ShanghaiDate(ShanghaiStartOfDay(date)), date);
    ASSERT_EQ(ShanghaiDate(ShanghaiEndOfDay(date)), date);
    ASSERT_EQ(ShanghaiEndOfDay(date) + milliseconds(1), ShanghaiStartOfDay(date.AddDays(1)));
    ASSERT_EQ(ToShanghai(ShanghaiStartOfDay(date)), (ShanghaiDateTime{date, 0, 0, 0, 0}));
  }
}

}  // namespace
}  // namespace tongban::calendar
