// 办理期限 — the instant a time limit counted in working days runs out.
#pragma once

#include "core/error.hpp"
#include "time/calendar.hpp"
#include "time/clock.hpp"

namespace tongban::calendar {

// The end (23:59:59.999 Shanghai) of the deadline date of a limit of
// `working_days` working days that starts at `start`: the Shanghai date of
// `start` is the day of acceptance (not counted), and the deadline date is
// calendar.AddWorkingDays(that date, working_days). A case is overdue when
// now > DeadlineAt(...). Errors as Calendar::AddWorkingDays
// (calendar.year_not_loaded, calendar.negative_working_days).
//
//   accepted 2025-09-30 15:00 Shanghai, 1 working day → 2025-10-09 23:59:59.999 Shanghai
Result<Instant> DeadlineAt(const Calendar& calendar, Instant start, int working_days);

}  // namespace tongban::calendar
