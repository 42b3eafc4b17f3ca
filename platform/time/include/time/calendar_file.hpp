// 节假日数据文件 — holiday arrangements read from TOML files that operators edit
// (data/calendar/cn-YYYY.toml; the format is described in data/calendar/README.md).
//
//   year = 2025
//   source = "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"
//
//   [[holiday]]
//   name = "春节"
//   first = 2025-01-28          # an inclusive range …
//   last = 2025-02-04
//
//   [[holiday]]
//   name = "元旦"
//   dates = [2025-01-01]        # … or a list of dates
//
//   [[adjusted_workday]]
//   name = "春节"
//   date = 2025-01-26
//
// Dates are TOML local dates or "YYYY-MM-DD" strings. Unknown keys are errors,
// so that a misspelt key is not silently ignored. Every error is
// kInvalidArgument (kNotFound for a missing file or folder) and its messages
// start with "<file>:<line>: " and name the entry, e.g.
// "cn-2025.toml:23: holiday[2] 清明: date 2024-04-04 is not in 2025"; the reason
// is "calendar.invalid_file" for syntax, keys and types, and the reason from
// ValidateArrangement (calendar.hpp) for the content.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/error.hpp"
#include "time/calendar.hpp"

namespace tongban::calendar {

// Parses and validates one file's text; `file_name` is used in messages only.
Result<HolidayArrangement> ParseArrangementToml(std::string_view text, std::string_view file_name);

// Reads, parses and validates one file.
Result<HolidayArrangement> LoadArrangementFile(const std::filesystem::path& path);

// Loads every "*.toml" file directly inside `dir` (in name order; other files
// and subfolders are ignored) into one Calendar. Errors: the folder is missing
// or unreadable (calendar.dir_unreadable), holds no .toml file
// (calendar.no_files), any file fails as above, or two files carry the same
// year (calendar.duplicate_year, naming both files).
Result<Calendar> LoadCalendarDir(const std::filesystem::path& dir);

}  // namespace tongban::calendar
