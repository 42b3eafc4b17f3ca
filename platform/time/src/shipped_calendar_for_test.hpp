// Test support: the calendar built from the shipped data/calendar/*.toml, so
// that the tests check the real data files as well as the code.
#pragma once

#include <gtest/gtest.h>

#include "time/calendar.hpp"
#include "time/calendar_file.hpp"

namespace tongban::calendar {

inline const Calendar& ShippedCalendar() {
  static const Calendar calendar = [] {
    Result<Calendar> loaded = LoadCalendarDir(TONGBAN_CALENDAR_DATA_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message_en;
      return Calendar();
    }
    return std::move(loaded).value();
  }();
  return calendar;
}

inline Date D(std::string_view text) {
  return Date::Parse(text).value();
}

}  // namespace tongban::calendar
