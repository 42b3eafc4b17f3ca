#include "time/deadline.hpp"

#include "time/shanghai_time.hpp"

namespace tongban::calendar {

Result<Instant> DeadlineAt(const Calendar& calendar, Instant start, int working_days) {
  TONGBAN_ASSIGN_OR_RETURN(Date due, calendar.AddWorkingDays(ShanghaiDate(start), working_days));
  return ShanghaiEndOfDay(due);
}

}  // namespace tongban::calendar
