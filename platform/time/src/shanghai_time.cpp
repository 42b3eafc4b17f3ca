#include "time/shanghai_time.hpp"

#include <cstdio>

namespace tongban::calendar {

std::string ShanghaiDateTime::ToString() const {
  char buffer[64];  // room for any int, so -Wformat-truncation has nothing to say
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d.%03d+08:00", hour, minute, second, millisecond);
  return date.ToString() + buffer;
}

ShanghaiDateTime ToShanghai(Instant instant) {
  using std::chrono::days;
  using std::chrono::milliseconds;
  const Instant local = instant + kShanghaiUtcOffset;
  const auto midnight = std::chrono::floor<days>(local);
  // floor, not duration_cast: instants before 1970 must still land on [0, 1 day).
  const auto into_day = std::chrono::floor<milliseconds>(local - midnight).count();
  const auto ms = static_cast<int>(into_day);
  return ShanghaiDateTime{Date::FromDaysSinceEpoch(midnight.time_since_epoch().count()), ms / 3'600'000,
                          ms / 60'000 % 60, ms / 1000 % 60, ms % 1000};
}

Date ShanghaiDate(Instant instant) {
  const auto midnight = std::chrono::floor<std::chrono::days>(instant + kShanghaiUtcOffset);
  return Date::FromDaysSinceEpoch(midnight.time_since_epoch().count());
}

Instant ShanghaiStartOfDay(Date date) {
  return Instant(std::chrono::days(date.DaysSinceEpoch())) - kShanghaiUtcOffset;
}

Instant ShanghaiEndOfDay(Date date) {
  // Every Shanghai day is 24 hours long: there is no DST to shorten or lengthen it.
  return ShanghaiStartOfDay(date) + std::chrono::hours(24) - std::chrono::milliseconds(1);
}

}  // namespace tongban::calendar
