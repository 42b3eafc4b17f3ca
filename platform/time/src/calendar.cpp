#include "time/calendar.hpp"

#include <set>
#include <utility>

namespace tongban::calendar {
namespace {

Error Invalid(std::string reason, const std::string& field, const std::string& zh, const std::string& en) {
  return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), zh, en, field);
}

std::string HolidayLabel(std::size_t index, const Holiday& holiday) {
  return "holiday[" + std::to_string(index) + "] " + holiday.name;
}

std::string AdjustedLabel(std::size_t index, const AdjustedWorkday& workday) {
  return "adjusted_workday[" + std::to_string(index) + "] " + workday.name;
}

Error YearNotLoaded(int year) {
  const std::string y = std::to_string(year);
  return Error::Make(ErrorCode::kFailedPrecondition, "calendar.year_not_loaded",
                     "未加载" + y + "年的节假日安排，无法按工作日计算期限；请在节假日数据目录中添加该年份",
                     "no holiday arrangement loaded for " + y +
                         "; working days cannot be counted until that year is added to the "
                         "calendar data folder")
      .WithDetail("year=" + y);
}

}  // namespace

const char* DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkingDay: return "working_day";
    case DayKind::kWeekend: return "weekend";
    case DayKind::kHoliday: return "holiday";
    case DayKind::kAdjustedWorkday: return "adjusted_workday";
  }
  return "working_day";
}

Status ValidateArrangement(const HolidayArrangement& arrangement) {
  const int year = arrangement.year;
  const std::string y = std::to_string(year);
  if (year < Date::kMinYear || year > Date::kMaxYear) {
    return Invalid("calendar.invalid_year", "/year", "年份无效：" + y, "invalid year " + y);
  }
  if (arrangement.source.empty()) {
    return Invalid("calendar.missing_source", "/source", y + "年的节假日安排缺少来源（通知名称和文号）",
                   "the arrangement for " + y + " has no source (notice title and number)");
  }

  std::set<Date> off;
  for (std::size_t i = 0; i < arrangement.holidays.size(); ++i) {
    const Holiday& holiday = arrangement.holidays[i];
    const std::string field = "/holiday/" + std::to_string(i);
    const std::string label = HolidayLabel(i, holiday);
    if (holiday.name.empty()) {
      return Invalid("calendar.missing_name", field, label + "：缺少名称", label + ": no name");
    }
    if (holiday.dates.empty()) {
      return Invalid("calendar.empty_holiday", field, label + "：没有日期", label + ": no dates");
    }
    for (const Date& date : holiday.dates) {
      const std::string d = date.ToString();
      if (date.year() != year) {
        return Invalid("calendar.date_outside_year", field, label + "：日期 " + d + " 不在 " + y + " 年内",
                       label + ": date " + d + " is not in " + y);
      }
      if (!off.insert(date).second) {
        return Invalid("calendar.duplicate_date", field, label + "：日期 " + d + " 重复列出",
                       label + ": date " + d + " is listed more than once");
      }
    }
  }

  std::set<Date> worked;
  for (std::size_t i = 0; i < arrangement.adjusted_workdays.size(); ++i) {
    const AdjustedWorkday& workday = arrangement.adjusted_workdays[i];
    const std::string field = "/adjusted_workday/" + std::to_string(i);
    const std::string label = AdjustedLabel(i, workday);
    const std::string d = workday.date.ToString();
    if (workday.name.empty()) {
      return Invalid("calendar.missing_name", field, label + "：缺少名称", label + ": no name");
    }
    if (workday.date.year() != year) {
      return Invalid("calendar.date_outside_year", field, label + "：日期 " + d + " 不在 " + y + " 年内",
                     label + ": date " + d + " is not in " + y);
    }
    if (!worked.insert(workday.date).second) {
      return Invalid("calendar.duplicate_date", field, label + "：日期 " + d + " 重复列出",
                     label + ": date " + d + " is listed more than once");
    }
    if (off.contains(workday.date)) {
      return Invalid("calendar.holiday_is_adjusted_workday", field,
                     label + "：日期 " + d + " 同时被列为放假日和调休上班日",
                     label + ": date " + d + " is listed both as a holiday and as an adjusted workday");
    }
    // An adjusted workday exists only to replace a weekend day; a weekday is a
    // working day already, so listing one is a typo in the date.
    if (!workday.date.IsWeekend()) {
      return Invalid("calendar.adjusted_workday_not_weekend", field,
                     label + "：调休上班日 " + d + " 不是周六或周日",
                     label + ": adjusted workday " + d + " is not a Saturday or Sunday");
    }
  }
  return Status::Ok();
}

Result<Calendar> Calendar::Make(std::vector<HolidayArrangement> arrangements) {
  Calendar calendar;
  for (HolidayArrangement& arrangement : arrangements) {
    TONGBAN_RETURN_IF_ERROR(ValidateArrangement(arrangement));
    const int year = arrangement.year;
    if (calendar.years_.contains(year)) {
      const std::string y = std::to_string(year);
      return Invalid("calendar.duplicate_year", "/year", y + "年的节假日安排重复加载",
                     "the arrangement for " + y + " is loaded more than once");
    }

    const Date first = *Date::FromYmd(year, 1, 1);
    const int days = IsLeapYear(year) ? 366 : 365;
    Year table;
    table.kinds.reserve(days);
    for (int i = 0; i < days; ++i) {
      table.kinds.push_back(first.AddDays(i).IsWeekend() ? DayKind::kWeekend : DayKind::kWorkingDay);
    }
    for (const Holiday& holiday : arrangement.holidays) {
      for (const Date& date : holiday.dates) table.kinds[date.DayOfYear() - 1] = DayKind::kHoliday;
    }
    for (const AdjustedWorkday& workday : arrangement.adjusted_workdays) {
      table.kinds[workday.date.DayOfYear() - 1] = DayKind::kAdjustedWorkday;
    }
    table.working_before.resize(days + 1, 0);
    for (int i = 0; i < days; ++i) {
      const bool working =
          table.kinds[i] == DayKind::kWorkingDay || table.kinds[i] == DayKind::kAdjustedWorkday;
      table.working_before[i + 1] = table.working_before[i] + (working ? 1 : 0);
    }
    table.arrangement = std::move(arrangement);
    calendar.years_.emplace(year, std::move(table));
  }
  return calendar;
}

std::vector<int> Calendar::Years() const {
  std::vector<int> years;
  years.reserve(years_.size());
  for (const auto& [year, table] : years_) years.push_back(year);
  return years;
}

const HolidayArrangement* Calendar::Arrangement(int year) const {
  const Year* table = FindYear(year);
  return table != nullptr ? &table->arrangement : nullptr;
}

const Calendar::Year* Calendar::FindYear(int year) const {
  auto it = years_.find(year);
  return it != years_.end() ? &it->second : nullptr;
}

Result<const Calendar::Year*> Calendar::RequireYear(int year) const {
  const Year* table = FindYear(year);
  if (table == nullptr) return YearNotLoaded(year);
  return table;
}

Result<DayKind> Calendar::KindOf(Date date) const {
  TONGBAN_ASSIGN_OR_RETURN(const Year* table, RequireYear(date.year()));
  return table->kinds[date.DayOfYear() - 1];
}

Result<bool> Calendar::IsWorkingDay(Date date) const {
  TONGBAN_ASSIGN_OR_RETURN(DayKind kind, KindOf(date));
  return kind == DayKind::kWorkingDay || kind == DayKind::kAdjustedWorkday;
}

Result<Date> Calendar::NextWorkingDay(Date date) const {
  return AddWorkingDays(date, 1);
}

Result<Date> Calendar::AddWorkingDays(Date start, int working_days) const {
  if (working_days < 0) {
    return Error::Make(ErrorCode::kInvalidArgument, "calendar.negative_working_days", "工作日数不能为负数",
                       "the number of working days must not be negative")
        .WithDetail("working_days=" + std::to_string(working_days));
  }
  Date date = start;
  int remaining = working_days;
  const Year* table = nullptr;
  while (remaining > 0) {
    if (date.month() == 12 && date.day() == 31 && date.year() == Date::kMaxYear) {
      return YearNotLoaded(Date::kMaxYear + 1);
    }
    date = date.AddDays(1);
    if (table == nullptr || table->arrangement.year != date.year()) {
      TONGBAN_ASSIGN_OR_RETURN(table, RequireYear(date.year()));
    }
    const DayKind kind = table->kinds[date.DayOfYear() - 1];
    if (kind == DayKind::kWorkingDay || kind == DayKind::kAdjustedWorkday) --remaining;
  }
  return date;
}

Result<int> Calendar::CountWorkingDays(Date first, Date last) const {
  int count = 0;
  for (int year = first.year(); year <= last.year(); ++year) {
    TONGBAN_ASSIGN_OR_RETURN(const Year* table, RequireYear(year));
    const int lo = year == first.year() ? first.DayOfYear() - 1 : 0;
    const int hi = year == last.year() ? last.DayOfYear() : static_cast<int>(table->kinds.size());
    count += table->working_before[hi] - table->working_before[lo];
  }
  return count;
}

Result<int> Calendar::WorkingDaysBetween(Date from, Date to) const {
  if (from == to) return 0;
  if (from < to) return CountWorkingDays(from.AddDays(1), to);
  TONGBAN_ASSIGN_OR_RETURN(int count, CountWorkingDays(to.AddDays(1), from));
  return -count;
}

}  // namespace tongban::calendar
