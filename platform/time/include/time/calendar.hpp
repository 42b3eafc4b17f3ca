// 工作日历 — the working-day calendar: which dates are working days (工作日), and
// time limits (法定时限, 承诺时限) counted in working days.
//
// Legal basis. 《中华人民共和国行政许可法》第八十二条: "本法规定的行政机关实施行政许可
// 的期限以工作日计算，不含法定节假日。" Which dates are holidays, and which weekend
// dates are worked instead (调休), is decided each year by the State Council
// General Office (国务院办公厅关于 YYYY 年部分节假日安排的通知) and cannot be
// computed; it is loaded as data, one HolidayArrangement per year (see
// calendar_file.hpp and data/calendar/).
//
// The counting rule. A period counted in days does not count the day on which
// it begins (《民法典》第二百零一条: "开始的当日不计入，自下一日开始计算"), so a
// limit of n working days from the day of acceptance (受理之日) ends on the n-th
// working day strictly after that day: AddWorkingDays(accepted_on, n). It is the
// same whether the acceptance day itself is a working day or not (an online
// application accepted on a Saturday starts counting on Monday). n = 0 is the
// acceptance day itself (当场办结, 即办件).
//
// No guessing. A question whose answer depends on a date of a year that was not
// loaded fails with kFailedPrecondition, reason "calendar.year_not_loaded",
// naming the year; it never falls back to "Monday to Friday". Only the days the
// answer depends on count: AddWorkingDays(start, n) looks at (start, result],
// WorkingDaysBetween(a, b) at the days between, so AddWorkingDays(d, 0) needs
// no data at all.
//
// Thread-safety: a Calendar is immutable after Make; all const methods may run
// concurrently. To apply an edited data folder, build a new Calendar and swap a
// std::shared_ptr<const Calendar>.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "time/date.hpp"

namespace tongban::calendar {

// 法定节假日 — one holiday of a year's arrangement with the dates people are off,
// e.g. 春节 2025-01-28 … 2025-02-04. The dates may include weekend days (a
// weekend inside the holiday is still off) and need not be contiguous.
struct Holiday {
  std::string name;
  std::vector<Date> dates;
};

// 调休上班日 — a Saturday or Sunday that is a working day because a holiday took
// a weekday; `name` is the holiday it makes up for.
struct AdjustedWorkday {
  std::string name;
  Date date;
};

// 节假日安排 — one year's arrangement, as published in the State Council General
// Office notice named by `source` (title and document number).
struct HolidayArrangement {
  int year = 0;
  std::string source;
  std::vector<Holiday> holidays;
  std::vector<AdjustedWorkday> adjusted_workdays;
};

// What a date is. kWorkingDay and kAdjustedWorkday are working days.
enum class DayKind {
  kWorkingDay,       // Monday to Friday, not a holiday (工作日)
  kWeekend,          // Saturday or Sunday, not an adjusted workday (休息日)
  kHoliday,          // listed in a Holiday (法定节假日及调休放假日)
  kAdjustedWorkday,  // a weekend date listed as an AdjustedWorkday (调休上班日)
};

const char* DayKindName(DayKind kind);  // "working_day", "weekend", "holiday", "adjusted_workday"

// Checks one arrangement on its own; kInvalidArgument with a message that names
// the entry ("holiday[2] 清明", "adjusted_workday[0] 春节") and the date:
//   calendar.invalid_year                  year outside Date::kMinYear..kMaxYear
//   calendar.missing_source                source is empty
//   calendar.missing_name                  a holiday or adjusted workday without a name
//   calendar.empty_holiday                 a holiday without dates
//   calendar.date_outside_year             a date not in `year`
//   calendar.duplicate_date                a date listed twice (in one list or in two entries)
//   calendar.holiday_is_adjusted_workday   a date both off and worked
//   calendar.adjusted_workday_not_weekend  an adjusted workday on Monday to Friday
// The field is a JSON pointer to the entry ("/holiday/2", "/adjusted_workday/0").
Status ValidateArrangement(const HolidayArrangement& arrangement);

class Calendar {
 public:
  // A calendar with no years: every question about a date fails.
  Calendar() = default;

  // Validates every arrangement (ValidateArrangement) and that no year appears
  // twice (calendar.duplicate_year).
  static Result<Calendar> Make(std::vector<HolidayArrangement> arrangements);

  bool HasYear(int year) const { return years_.contains(year); }
  std::vector<int> Years() const;  // ascending
  // The arrangement loaded for `year`, or nullptr.
  const HolidayArrangement* Arrangement(int year) const;

  Result<DayKind> KindOf(Date date) const;
  Result<bool> IsWorkingDay(Date date) const;

  // The first working day strictly after `date` (= AddWorkingDays(date, 1)).
  Result<Date> NextWorkingDay(Date date) const;

  // The deadline of a limit of `working_days` counted from `start` under the
  // counting rule above: the `working_days`-th working day strictly after
  // `start`; `start` itself when working_days is 0. A negative count is
  // kInvalidArgument, reason "calendar.negative_working_days".
  Result<Date> AddWorkingDays(Date start, int working_days) const;

  // The number of working days in (from, to] — what has been used of a limit
  // counted from `from` by the end of `to` — and minus the number in (to, from]
  // when `to` is earlier. For every n ≥ 0 that succeeds,
  // WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
  Result<int> WorkingDaysBetween(Date from, Date to) const;

 private:
  struct Year {
    HolidayArrangement arrangement;
    std::vector<DayKind> kinds;       // by DayOfYear() - 1
    std::vector<int> working_before;  // [i] = working days among kinds[0, i)
  };

  const Year* FindYear(int year) const;
  Result<const Year*> RequireYear(int year) const;
  // Working days in [first, last] (first <= last).
  Result<int> CountWorkingDays(Date first, Date last) const;

  std::map<int, Year> years_;
};

}  // namespace tongban::calendar
