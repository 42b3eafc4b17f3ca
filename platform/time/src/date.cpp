#include "time/date.hpp"

#include <cassert>
#include <cstdio>
#include <ostream>

namespace tongban::calendar {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html): exact for the whole
// proleptic Gregorian calendar, no tables, no loops. Eras are 400-year cycles
// of 146097 days; the internal year starts on 1 March so that the leap day is
// the last day of the year.
constexpr std::int64_t DaysFromCivil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                    // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

constexpr Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);                  // [1, 31]
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);                   // [1, 12]
  return Civil{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);
static_assert(CivilFromDays(-719468).year == 0 && CivilFromDays(-719468).month == 3);

constexpr std::int64_t kMinDays = DaysFromCivil(Date::kMinYear, 1, 1);
constexpr std::int64_t kMaxDays = DaysFromCivil(Date::kMaxYear, 12, 31);

Error InvalidDate(std::string_view what) {
  return Error::Make(ErrorCode::kInvalidArgument, "calendar.invalid_date",
                     "日期无效，应为 YYYY-MM-DD 格式的公历日期",
                     "invalid date, expected a Gregorian date as YYYY-MM-DD")
      .WithDetail(std::string(what));
}

bool ParseDigits(std::string_view text, int& out) {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return InvalidDate(std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day));
  }
  return Date(year, month, day);
}

Result<Date> Date::Parse(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  // Only the shape is checked here; the numbers are checked by FromYmd. The
  // detail carries at most ten characters of the input.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), year) ||
      !ParseDigits(text.substr(5, 2), month) || !ParseDigits(text.substr(8, 2), day)) {
    return InvalidDate(std::string(text.substr(0, 10)));
  }
  return FromYmd(year, month, day);
}

Date Date::FromDaysSinceEpoch(std::int64_t days) {
  assert(days >= kMinDays && days <= kMaxDays);
  const Civil c = CivilFromDays(days);
  return Date(static_cast<int>(c.year), c.month, c.day);
}

std::int64_t Date::DaysSinceEpoch() const {
  return DaysFromCivil(year_, month_, day_);
}

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4). Shift so that the remainder is never negative.
  const std::int64_t days = DaysSinceEpoch();
  const std::int64_t monday_based = ((days + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<Weekday>(monday_based + 1);
}

bool Date::IsWeekend() const {
  const Weekday w = weekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

int Date::DayOfYear() const {
  return static_cast<int>(DaysFromCivil(year_, month_, day_) - DaysFromCivil(year_, 1, 1)) + 1;
}

Date Date::AddDays(std::int64_t days) const {
  return FromDaysSinceEpoch(DaysSinceEpoch() + days);
}

std::string Date::ToString() const {
  char buffer[48];  // room for any int, so -Wformat-truncation has nothing to say
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
  return buffer;
}

std::int64_t DaysBetween(Date from, Date to) {
  return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

std::ostream& operator<<(std::ostream& out, Date date) {
  return out << date.ToString();
}

std::ostream& operator<<(std::ostream& out, Weekday weekday) {
  constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                    "Friday", "Saturday", "Sunday"};
  return out << kNames[static_cast<int>(weekday) - 1];
}

}  // namespace tongban::calendar
