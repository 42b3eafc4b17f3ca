#include "time/deadline.hpp"

#include <gtest/gtest.h>

#include "shipped_calendar_for_test.hpp"
#include "time/shanghai_time.hpp"

namespace tongban::calendar {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

Instant ShanghaiAt(std::string_view date, int hour) {
  return ShanghaiStartOfDay(D(date)) + hours(hour);
}

TEST(DeadlineTest, EndOfTheDeadlineDateInShanghai) {
  // Accepted 2025-09-30 15:00 Shanghai, one working day: 2025-10-09 ends the limit.
  Result<Instant> due = DeadlineAt(ShippedCalendar(), ShanghaiAt("2025-09-30", 15), 1);
  ASSERT_TRUE(due.ok()) << due.error().message_en;
  EXPECT_EQ(ToShanghai(*due).ToString(), "2025-10-09T23:59:59.999+08:00");
}

TEST(DeadlineTest, TheAcceptanceDateIsTheShanghaiDate) {
  // 2025-09-29T16:30Z: still Monday 09-29 in UTC, already Tuesday 09-30 00:30 in
  // Shanghai. Counting from the Shanghai date, one working day ends on 10-09
  // (a UTC reading would wrongly give 09-30).
  const Instant utc_monday_evening = Instant{std::chrono::seconds(1'759'163'400)};  // 2025-09-29T16:30:00Z
  EXPECT_EQ(ToShanghai(utc_monday_evening).ToString(), "2025-09-30T00:30:00.000+08:00");
  EXPECT_EQ(ToShanghai(DeadlineAt(ShippedCalendar(), utc_monday_evening, 1).value()).ToString(),
            "2025-10-09T23:59:59.999+08:00");
  // An hour earlier it is 09-29 23:30 in Shanghai: one working day is 09-30.
  EXPECT_EQ(ToShanghai(DeadlineAt(ShippedCalendar(), utc_monday_evening - hours(1), 1).value()).ToString(),
            "2025-09-30T23:59:59.999+08:00");
}

TEST(DeadlineTest, ZeroDaysEndsTheSameDay) {
  EXPECT_EQ(DeadlineAt(ShippedCalendar(), ShanghaiAt("2026-03-02", 10), 0).value(),
            ShanghaiEndOfDay(D("2026-03-02")));
}

TEST(DeadlineTest, WorksWithAFakeClock) {
  FakeClock clock(ShanghaiAt("2026-01-30", 9));
  const Instant due = DeadlineAt(ShippedCalendar(), clock.Now(), 20).value();
  EXPECT_EQ(due, ShanghaiEndOfDay(D("2026-03-05")));
  clock.Set(due);
  EXPECT_FALSE(clock.Now() > due);  // the last millisecond is still in time
  clock.Advance(milliseconds(1));
  EXPECT_TRUE(clock.Now() > due);  // overdue from 2026-03-06 00:00 Shanghai
}

TEST(DeadlineTest, ErrorsPassThrough) {
  Result<Instant> past = DeadlineAt(ShippedCalendar(), ShanghaiAt("2026-12-31", 9), 1);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().reason, "calendar.year_not_loaded");
  EXPECT_EQ(DeadlineAt(ShippedCalendar(), ShanghaiAt("2026-06-01", 9), -3).error().reason,
            "calendar.negative_working_days");
}

}  // namespace
}  // namespace tongban::calendar
