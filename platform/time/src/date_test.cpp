#include "time/date.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

namespace tongban::calendar {
namespace {

Date D(std::string_view text) {
  return Date::Parse(text).value();
}

TEST(DateTest, ParsesAndFormatsIso) {
  Result<Date> date = Date::Parse("2026-10-01");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->year(), 2026);
  EXPECT_EQ(date->month(), 10);
  EXPECT_EQ(date->day(), 1);
  EXPECT_EQ(date->ToString(), "2026-10-01");
  EXPECT_EQ(D("0001-01-01").ToString(), "0001-01-01");
  EXPECT_EQ(D("9999-12-31").ToString(), "9999-12-31");
  std::ostringstream out;
  out << D("2025-02-08") << " " << D("2025-02-08").weekday();
  EXPECT_EQ(out.str(), "2025-02-08 Saturday");
}

TEST(DateTest, RejectsMalformedText) {
  for (std::string_view text : {"",           "2026-1-01",   "2026-01-1",      "2026/01/01",
                                "20260101",   " 2026-01-01", "2026-01-01 ",    "2026-01-01T00:00",
                                "+026-01-01", "2026-0a-01",  "２０２６-01-01", "0000-01-01",
                                "2026-00-10", "2026-13-01",  "2026-01-00",     "2026-01-32",
                                "2026-04-31", "2025-02-29",  "1900-02-29",     "2100-02-29"}) {
    Result<Date> date = Date::Parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().reason, "calendar.invalid_date") << text;
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument) << text;
  }
}

TEST(DateTest, FromYmdValidates) {
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29).ok());
  EXPECT_TRUE(Date::FromYmd(2000, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(2026, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(0, 1, 1).ok());
  EXPECT_FALSE(Date::FromYmd(10000, 1, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2026, 6, 31).ok());
  EXPECT_FALSE(Date::FromYmd(2026, -1, 1).ok());
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));   // divisible by 400
  EXPECT_FALSE(IsLeapYear(1900));  // divisible by 100, not by 400
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_FALSE(IsLeapYear(2025));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 12), 31);
  EXPECT_EQ(DaysInMonth(2025, 13), 0);
  EXPECT_EQ(D("2024-02-28").AddDays(1), D("2024-02-29"));
  EXPECT_EQ(D("2024-02-29").AddDays(1), D("2024-03-01"));
  EXPECT_EQ(D("2100-02-28").AddDays(1), D("2100-03-01"));
  EXPECT_EQ(D("2024-12-31").DayOfYear(), 366);
  EXPECT_EQ(D("2025-12-31").DayOfYear(), 365);
  EXPECT_EQ(DaysBetween(D("2024-01-01"), D("2025-01-01")), 366);
  EXPECT_EQ(DaysBetween(D("2025-01-01"), D("2024-01-01")), -366);
}

TEST(DateTest, KnownDaysAndWeekdays) {
  EXPECT_EQ(D("1970-01-01").DaysSinceEpoch(), 0);
  EXPECT_EQ(D("1969-12-31").DaysSinceEpoch(), -1);
  EXPECT_EQ(D("2000-03-01").DaysSinceEpoch(), 11017);
  EXPECT_EQ(Date::FromDaysSinceEpoch(0), D("1970-01-01"));
  EXPECT_EQ(D("1970-01-01").weekday(), Weekday::kThursday);
  EXPECT_EQ(D("1969-12-28").weekday(), Weekday::kSunday);
  EXPECT_EQ(D("2000-01-01").weekday(), Weekday::kSaturday);
  EXPECT_EQ(D("2025-01-01").weekday(), Weekday::kWednesday);
  EXPECT_EQ(D("2025-09-28").weekday(), Weekday::kSunday);
  EXPECT_EQ(D("2026-01-01").weekday(), Weekday::kThursday);
  EXPECT_EQ(D("2026-02-14").weekday(), Weekday::kSaturday);
  EXPECT_EQ(D("1900-01-01").weekday(), Weekday::kMonday);
  EXPECT_TRUE(D("2026-02-14").IsWeekend());
  EXPECT_FALSE(D("2026-02-13").IsWeekend());
}

TEST(DateTest, Ordering) {
  EXPECT_LT(D("2025-12-31"), D("2026-01-01"));
  EXPECT_LT(D("2026-01-31"), D("2026-02-01"));
  EXPECT_LT(D("2026-02-01"), D("2026-02-10"));
  EXPECT_EQ(D("2026-02-01"), D("2026-02-01"));
  EXPECT_GT(D("2026-02-10"), D("2026-02-09"));
}

// Every date from 1900-01-01 to 2100-12-31 against libstdc++'s <chrono> calendar
// as an independent oracle: days, weekday, text round trip, successor.
TEST(DateTest, RoundTripsAgainstStdChrono1900To2100) {
  using namespace std::chrono;
  const Date first = D("1900-01-01");
  const Date last = D("2100-12-31");
  std::int64_t expected_days = sys_days(year(1900) / January / 1).time_since_epoch().count();
  int count = 0;
  for (Date date = first;; date = date.AddDays(1), ++expected_days, ++count) {
    const year_month_day ymd{sys_days(days(expected_days))};
    ASSERT_EQ(date.year(), static_cast<int>(ymd.year()));
    ASSERT_EQ(date.month(), static_cast<int>(static_cast<unsigned>(ymd.month())));
    ASSERT_EQ(date.day(), static_cast<int>(static_cast<unsigned>(ymd.day())));
    ASSERT_EQ(date.DaysSinceEpoch(), expected_days);
    ASSERT_EQ(Date::FromDaysSinceEpoch(expected_days), date);
    ASSERT_EQ(static_cast<unsigned>(date.weekday()), weekday(sys_days(days(expected_days))).iso_encoding());
    ASSERT_EQ(Date::Parse(date.ToString()).value(), date);
    ASSERT_EQ(Date::FromYmd(date.year(), date.month(), date.day()).value(), date);
    if (date == last) break;
  }
  EXPECT_EQ(count + 1, 73414);  // 201 years, 49 of them leap (2000 is, 1900 and 2100 are not)
}

TEST(DateTest, ExtremesOfTheRange) {
  const Date min = D("0001-01-01");
  const Date max = D("9999-12-31");
  EXPECT_EQ(Date::FromDaysSinceEpoch(min.DaysSinceEpoch()), min);
  EXPECT_EQ(Date::FromDaysSinceEpoch(max.DaysSinceEpoch()), max);
  EXPECT_EQ(min.weekday(), Weekday::kMonday);  // proleptic Gregorian
  EXPECT_EQ(DaysBetween(min, max), 3'652'058);
}

}  // namespace
}  // namespace tongban::calendar
