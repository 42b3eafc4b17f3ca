// 北京时间 — civil date and time in Asia/Shanghai, the zone of every date the
// platform shows or counts time limits in.
//
// Why a fixed offset. Asia/Shanghai has been UTC+8 without daylight saving
// since 1991 (China last observed DST in the summers of 1986–1991), so for any
// instant the platform handles as "now" — a submission, an acceptance, a
// deadline — the tz database answer is exactly UTC+8. libstdc++ 12 (Debian 12)
// ships no std::chrono::zoned_time / tzdb, and a fixed offset avoids depending
// on the host's /usr/share/zoneinfo or TZ variable. For instants before
// 1991-09-15 the result differs from the tz database by the DST hour (and more
// before 1949); no caller converts such instants.
//
// Range: Instant is nanoseconds since 1970 in 64 bits, so dates from
// 1678-01-01 to 2262-04-10 convert; outside that is a programmer error.
#pragma once

#include <chrono>
#include <string>

#include "time/clock.hpp"
#include "time/date.hpp"

namespace tongban::calendar {

inline constexpr std::chrono::hours kShanghaiUtcOffset{8};

// A wall-clock reading in Shanghai, to the millisecond.
struct ShanghaiDateTime {
  Date date;
  int hour = 0;         // 0..23
  int minute = 0;       // 0..59
  int second = 0;       // 0..59 (no leap seconds: system_clock ignores them)
  int millisecond = 0;  // 0..999

  // RFC 3339 with the offset: "2026-10-01T09:30:00.000+08:00".
  std::string ToString() const;
  friend bool operator==(const ShanghaiDateTime&, const ShanghaiDateTime&) = default;
};

ShanghaiDateTime ToShanghai(Instant instant);

// The Shanghai calendar date `instant` falls on. 2025-09-30T16:00:00Z is
// already 2025-10-01 in Shanghai.
Date ShanghaiDate(Instant instant);

// 00:00:00.000 Shanghai on `date`.
Instant ShanghaiStartOfDay(Date date);

// 23:59:59.999 Shanghai on `date`: the last millisecond of the day, which is
// how deadlines are stored (timestamps are kept to the millisecond).
// 《民法典》第二百零三条: "期间的最后一日的截止时间为二十四时".
Instant ShanghaiEndOfDay(Date date);

}  // namespace tongban::calendar
