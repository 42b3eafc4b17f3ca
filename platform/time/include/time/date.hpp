// 日期 — a civil date in the proleptic Gregorian calendar, without a time or a zone.
//
// Dates are what time limits (时限) are counted in; which instant a date begins
// and ends at is the business of shanghai_time.hpp. A Date is always valid: the
// only ways to make one are checked (FromYmd, Parse) or total (FromDaysSinceEpoch,
// AddDays), and the supported years are 1..9999 so that the ISO text is always
// four digits. Values are small, trivially copyable and thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tongban::calendar {

// ISO 8601 numbering: Monday is 1, Sunday is 7.
enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

constexpr bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
constexpr int DaysInMonth(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

class Date {
 public:
  static constexpr int kMinYear = 1;
  static constexpr int kMaxYear = 9999;

  // kInvalidArgument, reason "calendar.invalid_date", when the triple is not a
  // date (2025-02-29) or the year is outside kMinYear..kMaxYear.
  static Result<Date> FromYmd(int year, int month, int day);

  // Exactly "YYYY-MM-DD" (ISO 8601 calendar date, extended format): no spaces,
  // no signs, no time part. Errors as FromYmd, also for malformed text.
  static Result<Date> Parse(std::string_view text);

  // Days since 1970-01-01 (which is day 0; earlier dates are negative).
  // Precondition (asserted): the result lies in kMinYear..kMaxYear.
  static Date FromDaysSinceEpoch(std::int64_t days);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }

  std::int64_t DaysSinceEpoch() const;
  Weekday weekday() const;
  bool IsWeekend() const;  // Saturday or Sunday
  int DayOfYear() const;   // 1..366

  // Calendar-day arithmetic (not working days: see Calendar). Same precondition
  // as FromDaysSinceEpoch.
  Date AddDays(std::int64_t days) const;

  // "2026-10-01".
  std::string ToString() const;

  // Chronological order: year, then month, then day.
  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

 private:
  constexpr Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}

  int year_;
  int month_;
  int day_;
};

// Calendar days from `from` to `to`: positive when `to` is later.
std::int64_t DaysBetween(Date from, Date to);

// For test failure messages and logs: writes ToString().
std::ostream& operator<<(std::ostream& out, Date date);
std::ostream& operator<<(std::ostream& out, Weekday weekday);

}  // namespace tongban::calendar
