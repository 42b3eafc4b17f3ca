#include "time/calendar.hpp"

#include <gtest/gtest.h>

#include "shipped_calendar_for_test.hpp"

namespace tongban::calendar {
namespace {

Date AddWorking(Date start, int n) {
  return ShippedCalendar().AddWorkingDays(start, n).value();
}
int Between(Date from, Date to) {
  return ShippedCalendar().WorkingDaysBetween(from, to).value();
}
bool Working(Date date) {
  return ShippedCalendar().IsWorkingDay(date).value();
}

TEST(CalendarTest, ShippedDataCoversTwoYears) {
  EXPECT_EQ(ShippedCalendar().Years(), (std::vector<int>{2025, 2026}));
  ASSERT_NE(ShippedCalendar().Arrangement(2025), nullptr);
  EXPECT_NE(ShippedCalendar().Arrangement(2025)->source.find("国办发明电〔2024〕12号"), std::string::npos);
  EXPECT_EQ(ShippedCalendar().Arrangement(2024), nullptr);
}

TEST(CalendarTest, KindsOfDays) {
  const Calendar& calendar = ShippedCalendar();
  EXPECT_EQ(calendar.KindOf(D("2025-09-29")).value(), DayKind::kWorkingDay);       // Monday
  EXPECT_EQ(calendar.KindOf(D("2025-09-27")).value(), DayKind::kWeekend);          // Saturday
  EXPECT_EQ(calendar.KindOf(D("2025-10-01")).value(), DayKind::kHoliday);          // Wednesday
  EXPECT_EQ(calendar.KindOf(D("2025-10-04")).value(), DayKind::kHoliday);          // Saturday inside 国庆
  EXPECT_EQ(calendar.KindOf(D("2025-09-28")).value(), DayKind::kAdjustedWorkday);  // Sunday
  EXPECT_STREQ(DayKindName(DayKind::kAdjustedWorkday), "adjusted_workday");
}

TEST(CalendarTest, AdjustedWorkdaysAreWorkingDays) {
  // 2025: 1/26 (Sun), 2/8 (Sat), 4/27 (Sun), 9/28 (Sun), 10/11 (Sat).
  for (auto text : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                    // 2026: 1/4 (Sun), 2/14 (Sat), 2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).
                    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
    EXPECT_TRUE(D(text).IsWeekend()) << text;
    EXPECT_TRUE(Working(D(text))) << text;
  }
}

TEST(CalendarTest, HolidaysAreNotWorkingDays) {
  for (auto text :
       {"2025-01-01", "2025-01-28", "2025-02-04", "2025-04-04", "2025-05-05", "2025-06-02", "2025-10-08",
        "2026-01-02", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-07"}) {
    EXPECT_FALSE(Working(D(text))) << text;
  }
  // Ordinary days around them.
  EXPECT_TRUE(Working(D("2025-10-09")));
  EXPECT_TRUE(Working(D("2026-02-24")));
  EXPECT_FALSE(Working(D("2026-02-01")));  // plain Sunday
}

TEST(CalendarTest, OneWorkingDayAfterTheEveOfNationalDay2025) {
  EXPECT_EQ(AddWorking(D("2025-09-30"), 1), D("2025-10-09"));
  EXPECT_EQ(ShippedCalendar().NextWorkingDay(D("2025-09-30")).value(), D("2025-10-09"));
}

TEST(CalendarTest, ZeroWorkingDaysIsTheStartItself) {
  EXPECT_EQ(AddWorking(D("2025-10-01"), 0), D("2025-10-01"));  // even a holiday
  EXPECT_EQ(AddWorking(D("2026-03-02"), 0), D("2026-03-02"));
}

TEST(CalendarTest, AcceptanceDayIsNotCounted) {
  // Accepted Monday 2025-09-29: the first counted day is Tuesday 09-30.
  EXPECT_EQ(AddWorking(D("2025-09-29"), 1), D("2025-09-30"));
  // Accepted on a Saturday (online): counting starts on the Monday.
  EXPECT_EQ(AddWorking(D("2025-03-08"), 1), D("2025-03-10"));
}

TEST(CalendarTest, SpringFestival2025) {
  // Friday 01-24 → Saturday 01-25 off → Sunday 01-26 worked.
  EXPECT_EQ(AddWorking(D("2025-01-24"), 1), D("2025-01-26"));
  // Monday 01-27 → 01-28 … 02-04 off → Wednesday 02-05.
  EXPECT_EQ(AddWorking(D("2025-01-27"), 1), D("2025-02-05"));
  // 02-05 Wed(1) 02-06 Thu(2) 02-07 Fri(3) 02-08 Sat worked(4).
  EXPECT_EQ(AddWorking(D("2025-01-27"), 4), D("2025-02-08"));
}

// Worked by hand (counted days in brackets):
//   01-31 Sat, 02-01 Sun off; 02-02..02-06 Mon–Fri [1–5]; 02-07, 02-08 off;
//   02-09..02-13 Mon–Fri [6–10]; 02-14 Sat worked [11]; 02-15..02-23 春节 off;
//   02-24..02-27 Tue–Fri [12–15]; 02-28 Sat worked [16]; 03-01 Sun off;
//   03-02..03-05 Mon–Thu [17–20].
TEST(CalendarTest, TwentyWorkingDaysFromJanuary30th2026) {
  EXPECT_EQ(AddWorking(D("2026-01-30"), 20), D("2026-03-05"));
  EXPECT_EQ(Between(D("2026-01-30"), D("2026-03-05")), 20);
  EXPECT_EQ(AddWorking(D("2026-01-30"), 11), D("2026-02-14"));
  EXPECT_EQ(AddWorking(D("2026-01-30"), 12), D("2026-02-24"));
}

// 行政许可法 第四十二条's twenty days, accepted Monday 2025-09-22:
//   09-23..09-26 [1–4]; 09-27 off; 09-28 Sun worked [5]; 09-29, 09-30 [6–7];
//   10-01..10-08 off; 10-09, 10-10 [8–9]; 10-11 Sat worked [10]; 10-12 off;
//   10-13..10-17 [11–15]; 10-18, 10-19 off; 10-20..10-24 [16–20].
TEST(CalendarTest, TwentyWorkingDaysAcrossNationalDay2025) {
  EXPECT_EQ(AddWorking(D("2025-09-22"), 20), D("2025-10-24"));
}

TEST(CalendarTest, CrossesFrom2025Into2026) {
  // Wednesday 2025-12-31 → 元旦 01-01..01-03 off → Sunday 2026-01-04 worked.
  EXPECT_EQ(AddWorking(D("2025-12-31"), 1), D("2026-01-04"));
  // Friday 2025-12-26: 12-29, 12-30, 12-31, 01-04, 01-05.
  EXPECT_EQ(AddWorking(D("2025-12-26"), 5), D("2026-01-05"));
  EXPECT_EQ(Between(D("2025-12-26"), D("2026-01-05")), 5);
}

TEST(CalendarTest, WorkingDaysBetween) {
  EXPECT_EQ(Between(D("2025-09-30"), D("2025-10-09")), 1);
  EXPECT_EQ(Between(D("2025-10-09"), D("2025-09-30")), -1);
  EXPECT_EQ(Between(D("2025-10-01"), D("2025-10-08")), 0);
  EXPECT_EQ(Between(D("2025-06-10"), D("2025-06-10")), 0);
  // Whole years. 2025: 261 weekdays − 18 weekday holidays + 5 adjusted = 248.
  // 2026: 261 weekdays − 19 weekday holidays + 6 adjusted = 248.
  EXPECT_EQ(Between(D("2024-12-31"), D("2025-12-31")), 248);
  EXPECT_EQ(Between(D("2025-12-31"), D("2026-12-31")), 248);
  EXPECT_EQ(Between(D("2026-12-31"), D("2024-12-31")), -496);
}

TEST(CalendarTest, YearsWithoutDataAreErrorsNotGuesses) {
  const Calendar& calendar = ShippedCalendar();
  for (Result<bool> result :
       {calendar.IsWorkingDay(D("2027-01-01")), calendar.IsWorkingDay(D("2024-12-31"))}) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().reason, "calendar.year_not_loaded");
    EXPECT_EQ(result.error().code, ErrorCode::kFailedPrecondition);
  }
  Result<Date> past_end = calendar.AddWorkingDays(D("2026-12-31"), 1);
  ASSERT_FALSE(past_end.ok());
  EXPECT_EQ(past_end.error().reason, "calendar.year_not_loaded");
  EXPECT_NE(past_end.error().message_en.find("2027"), std::string::npos);
  EXPECT_FALSE(calendar.AddWorkingDays(D("2026-12-10"), 60).ok());
  EXPECT_FALSE(calendar.NextWorkingDay(D("2026-12-31")).ok());
  EXPECT_FALSE(calendar.WorkingDaysBetween(D("2026-12-01"), D("2027-01-05")).ok());
  EXPECT_FALSE(calendar.WorkingDaysBetween(D("2025-01-05"), D("2024-12-01")).ok());
  EXPECT_FALSE(calendar.KindOf(D("1999-10-01")).ok());
  // Only the days an answer depends on need data: 2026-12-31 is the last day looked at.
  EXPECT_EQ(AddWorking(D("2026-12-30"), 1), D("2026-12-31"));
  EXPECT_EQ(AddWorking(D("2030-05-01"), 0), D("2030-05-01"));
}

TEST(CalendarTest, EmptyCalendarKnowsNothing) {
  const Calendar empty;
  EXPECT_TRUE(empty.Years().empty());
  EXPECT_EQ(empty.IsWorkingDay(D("2025-06-03")).error().reason, "calendar.year_not_loaded");
}

TEST(CalendarTest, NegativeCountIsRejected) {
  Result<Date> result = ShippedCalendar().AddWorkingDays(D("2025-06-03"), -1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().reason, "calendar.negative_working_days");
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

// --- Make and ValidateArrangement on hand-built arrangements -------------------

HolidayArrangement Minimal2025() {
  HolidayArrangement a;
  a.year = 2025;
  a.source = "test";
  a.holidays.push_back(Holiday{"元旦", {D("2025-01-01")}});
  a.adjusted_workdays.push_back(AdjustedWorkday{"春节", D("2025-01-26")});
  return a;
}

std::string ReasonOf(const HolidayArrangement& arrangement) {
  Status status = ValidateArrangement(arrangement);
  return status.ok() ? "ok" : status.error().reason;
}

TEST(CalendarValidationTest, AcceptsAMinimalArrangement) {
  EXPECT_EQ(ReasonOf(Minimal2025()), "ok");
  HolidayArrangement no_entries;
  no_entries.year = 2031;
  no_entries.source = "a year with no holidays still needs its source";
  EXPECT_EQ(ReasonOf(no_entries), "ok");
}

TEST(CalendarValidationTest, RejectsBrokenArrangements) {
  HolidayArrangement a = Minimal2025();
  a.year = 0;
  EXPECT_EQ(ReasonOf(a), "calendar.invalid_year");

  a = Minimal2025();
  a.source.clear();
  EXPECT_EQ(ReasonOf(a), "calendar.missing_source");

  a = Minimal2025();
  a.holidays[0].name.clear();
  EXPECT_EQ(ReasonOf(a), "calendar.missing_name");

  a = Minimal2025();
  a.holidays.push_back(Holiday{"空", {}});
  EXPECT_EQ(ReasonOf(a), "calendar.empty_holiday");

  a = Minimal2025();
  a.holidays.push_back(Holiday{"元旦", {D("2024-12-30")}});
  EXPECT_EQ(ReasonOf(a), "calendar.date_outside_year");

  a = Minimal2025();
  a.adjusted_workdays.push_back(AdjustedWorkday{"国庆节", D("2026-09-20")});
  EXPECT_EQ(ReasonOf(a), "calendar.date_outside_year");

  a = Minimal2025();
  a.holidays.push_back(Holiday{"又一个元旦", {D("2025-01-01")}});
  EXPECT_EQ(ReasonOf(a), "calendar.duplicate_date");

  a = Minimal2025();
  a.adjusted_workdays.push_back(a.adjusted_workdays[0]);
  EXPECT_EQ(ReasonOf(a), "calendar.duplicate_date");

  a = Minimal2025();
  a.holidays.push_back(Holiday{"春节", {D("2025-01-26")}});
  EXPECT_EQ(ReasonOf(a), "calendar.holiday_is_adjusted_workday");

  a = Minimal2025();
  a.adjusted_workdays.push_back(AdjustedWorkday{"劳动节", D("2025-04-28")});  // Monday
  EXPECT_EQ(ReasonOf(a), "calendar.adjusted_workday_not_weekend");
}

TEST(CalendarValidationTest, ErrorsNameTheEntryAndTheDate) {
  HolidayArrangement a = Minimal2025();
  a.adjusted_workdays.push_back(AdjustedWorkday{"劳动节", D("2025-04-28")});
  Status status = ValidateArrangement(a);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "/adjusted_workday/1");
  EXPECT_NE(status.error().message_en.find("adjusted_workday[1] 劳动节"), std::string::npos);
  EXPECT_NE(status.error().message_en.find("2025-04-28"), std::string::npos);
  EXPECT_NE(status.error().message_zh.find("2025-04-28"), std::string::npos);
}

TEST(CalendarValidationTest, MakeRejectsTheSameYearTwice) {
  Result<Calendar> calendar = Calendar::Make({Minimal2025(), Minimal2025()});
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().reason, "calendar.duplicate_year");
}

TEST(CalendarValidationTest, MakeAppliesHolidaysOnWeekendsAndWeekdays) {
  HolidayArrangement a = Minimal2025();
  a.holidays.push_back(Holiday{"周末的节日", {D("2025-03-08")}});  // a Saturday: fine
  Result<Calendar> calendar = Calendar::Make({a});
  ASSERT_TRUE(calendar.ok()) << calendar.error().message_en;
  EXPECT_EQ(calendar->KindOf(D("2025-03-08")).value(), DayKind::kHoliday);
  EXPECT_EQ(calendar->KindOf(D("2025-01-01")).value(), DayKind::kHoliday);
  EXPECT_EQ(calendar->KindOf(D("2025-01-26")).value(), DayKind::kAdjustedWorkday);
  EXPECT_EQ(calendar->KindOf(D("2025-01-02")).value(), DayKind::kWorkingDay);
}

TEST(CalendarValidationTest, LastDayOfTheLastSupportedYear) {
  HolidayArrangement a;
  a.year = Date::kMaxYear;
  a.source = "test";
  Result<Calendar> calendar = Calendar::Make({a});
  ASSERT_TRUE(calendar.ok());
  Result<Date> beyond = calendar->AddWorkingDays(D("9999-12-31"), 1);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().reason, "calendar.year_not_loaded");
}

}  // namespace
}  // namespace tongban::calendar
