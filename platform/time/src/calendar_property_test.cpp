// Properties of the counting rule over every start date of the shipped data
// (2025-01-01 … 2026-12-31) and every limit 0 … 60, checked exhaustively.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "shipped_calendar_for_test.hpp"
#include "time/calendar.hpp"

namespace tongban::calendar {
namespace {

constexpr int kMaxLimit = 60;

template <typename Check>
void ForEachStart(Check check) {
  for (Date start = D("2025-01-01"); start <= D("2026-12-31"); start = start.AddDays(1)) {
    check(start);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// The listed dates of the shipped arrangements, as plain sets.
struct RawDays {
  std::set<Date> off;
  std::set<Date> worked;
};

const RawDays& Raw() {
  static const RawDays raw = [] {
    RawDays r;
    for (int year : ShippedCalendar().Years()) {
      const HolidayArrangement& arrangement = *ShippedCalendar().Arrangement(year);
      for (const Holiday& holiday : arrangement.holidays) {
        r.off.insert(holiday.dates.begin(), holiday.dates.end());
      }
      for (const AdjustedWorkday& workday : arrangement.adjusted_workdays) {
        r.worked.insert(workday.date);
      }
    }
    return r;
  }();
  return raw;
}

// The reference, built straight from the arrangements rather than from the
// Calendar's tables: a day is working when it is a listed adjusted workday, or
// a weekday that no holiday lists. Returns nullopt past the loaded years.
std::optional<Date> NaiveAdd(Date start, int n) {
  const RawDays& raw = Raw();
  Date date = start;
  while (n > 0) {
    date = date.AddDays(1);
    if (date.year() > 2026) return std::nullopt;
    if (raw.worked.contains(date) || (!date.IsWeekend() && !raw.off.contains(date))) --n;
  }
  return date;
}

TEST(CalendarPropertyTest, AddWorkingDaysMatchesAStepByStepWalk) {
  ForEachStart([](Date start) {
    for (int n = 0; n <= kMaxLimit; ++n) {
      Result<Date> due = ShippedCalendar().AddWorkingDays(start, n);
      std::optional<Date> expected = NaiveAdd(start, n);
      ASSERT_EQ(due.ok(), expected.has_value()) << start << " + " << n;
      if (due.ok()) {
        ASSERT_EQ(*due, *expected) << start << " + " << n;
      }
    }
  });
}

TEST(CalendarPropertyTest, StrictlyIncreasingInTheLimit) {
  ForEachStart([](Date start) {
    Date previous = start;
    for (int n = 1; n <= kMaxLimit; ++n) {
      Result<Date> due = ShippedCalendar().AddWorkingDays(start, n);
      if (!due.ok()) break;  // ran past 2026: checked below
      ASSERT_GT(*due, previous) << start << " + " << n;
      ASSERT_GT(*due, start) << start << " + " << n;
      previous = *due;
    }
  });
}

TEST(CalendarPropertyTest, ADeadlineIsAlwaysAWorkingDay) {
  ForEachStart([](Date start) {
    for (int n = 1; n <= kMaxLimit; ++n) {
      Result<Date> due = ShippedCalendar().AddWorkingDays(start, n);
      if (!due.ok()) break;
      ASSERT_TRUE(ShippedCalendar().IsWorkingDay(*due).value()) << start << " + " << n;
    }
  });
}

TEST(CalendarPropertyTest, WorkingDaysBetweenInvertsAddWorkingDays) {
  ForEachStart([](Date start) {
    for (int n = 0; n <= kMaxLimit; ++n) {
      Result<Date> due = ShippedCalendar().AddWorkingDays(start, n);
      if (!due.ok()) break;
      ASSERT_EQ(ShippedCalendar().WorkingDaysBetween(start, *due).value(), n) << start << " + " << n;
      ASSERT_EQ(ShippedCalendar().WorkingDaysBetween(*due, start).value(), -n) << start << " + " << n;
      // The day before the deadline has not yet used the whole limit.
      if (n >= 1) {
        ASSERT_EQ(ShippedCalendar().WorkingDaysBetween(start, due->AddDays(-1)).value(), n - 1)
            << start << " + " << n;
      }
    }
  });
}

TEST(CalendarPropertyTest, NextWorkingDayIsAddingOne) {
  ForEachStart([](Date start) {
    Result<Date> next = ShippedCalendar().NextWorkingDay(start);
    Result<Date> plus_one = ShippedCalendar().AddWorkingDays(start, 1);
    ASSERT_EQ(next.ok(), plus_one.ok()) << start;
    if (!next.ok()) return;
    ASSERT_EQ(*next, *plus_one);
    for (Date d = start.AddDays(1); d < *next; d = d.AddDays(1)) {
      ASSERT_FALSE(ShippedCalendar().IsWorkingDay(d).value()) << d;
    }
  });
}

TEST(CalendarPropertyTest, AdjustedWorkdaysAreCounted) {
  // For every adjusted workday w, the working day before it plus one is w.
  for (int year : {2025, 2026}) {
    for (const AdjustedWorkday& workday : ShippedCalendar().Arrangement(year)->adjusted_workdays) {
      Date before = workday.date.AddDays(-1);
      while (!ShippedCalendar().IsWorkingDay(before).value()) before = before.AddDays(-1);
      EXPECT_EQ(ShippedCalendar().AddWorkingDays(before, 1).value(), workday.date)
          << workday.name << " " << workday.date;
      EXPECT_EQ(ShippedCalendar().WorkingDaysBetween(workday.date.AddDays(-1), workday.date).value(), 1);
    }
  }
}

TEST(CalendarPropertyTest, RunningPast2026IsAnErrorForEveryStartThatNeedsIt) {
  ForEachStart([](Date start) {
    // Working days left in 2026 after `start`.
    const int left = ShippedCalendar().WorkingDaysBetween(start, D("2026-12-31")).value();
    for (int n = 0; n <= kMaxLimit; ++n) {
      Result<Date> due = ShippedCalendar().AddWorkingDays(start, n);
      if (n <= left) {
        ASSERT_TRUE(due.ok()) << start << " + " << n;
      } else {
        ASSERT_FALSE(due.ok()) << start << " + " << n;
        ASSERT_EQ(due.error().reason, "calendar.year_not_loaded");
      }
    }
  });
}

TEST(CalendarPropertyTest, BetweenIsAdditiveOverAMidpoint) {
  const Calendar& calendar = ShippedCalendar();
  for (Date a = D("2025-01-01"); a <= D("2026-12-31"); a = a.AddDays(17)) {
    for (Date c = D("2025-01-01"); c <= D("2026-12-31"); c = c.AddDays(23)) {
      const Date b = D("2025-12-28");
      ASSERT_EQ(calendar.WorkingDaysBetween(a, c).value(),
                calendar.WorkingDaysBetween(a, b).value() + calendar.WorkingDaysBetween(b, c).value())
          << a << " " << c;
    }
  }
}

}  // namespace
}  // namespace tongban::calendar
