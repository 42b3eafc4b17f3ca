#include "time/calendar_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace tongban::calendar {
namespace {

// Builds errors that start with "<file>:<line>: " so an operator can jump to the entry.
class Reporter {
 public:
  explicit Reporter(std::string_view file) : file_(file) {}

  Error Fail(std::string reason, std::uint32_t line, const std::string& zh, const std::string& en,
             std::string field = {}) const {
    std::string where = file_;
    if (line > 0) where.append(":").append(std::to_string(line));
    where.append(": ");
    return Error::Make(ErrorCode::kInvalidArgument, std::move(reason), where + zh, where + en,
                       std::move(field))
        .WithDetail("file=" + file_);
  }

  Error Syntax(std::uint32_t line, const std::string& what_zh, const std::string& what_en,
               std::string field = {}) const {
    return Fail("calendar.invalid_file", line, what_zh, what_en, std::move(field));
  }

  // Re-issues a validation error from the model with the file and the entry's line.
  Error Locate(const Error& error, std::uint32_t line) const {
    Error located = Fail(error.reason, line, error.message_zh, error.message_en, error.field);
    located.code = error.code;
    return located;
  }

 private:
  std::string file_;
};

std::uint32_t LineOf(const toml::node& node) {
  return node.source().begin.line;
}

// Rejects keys outside `allowed`, so that "dates" misspelt as "date" is not ignored.
Status CheckKeys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                 const std::string& label, const Reporter& reporter) {
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      const std::string k(key.str());
      return reporter.Syntax(LineOf(node), label + "：未知的键 " + k, label + ": unknown key " + k);
    }
  }
  return Status::Ok();
}

Result<std::string> RequireString(const toml::table& table, std::string_view key, std::uint32_t line,
                                  const std::string& label, const Reporter& reporter) {
  const toml::node* node = table.get(key);
  const std::string k(key);
  if (node == nullptr) {
    return reporter.Syntax(line, label + "：缺少 " + k, label + ": missing " + k);
  }
  const auto* value = node->as_string();
  if (value == nullptr) {
    return reporter.Syntax(LineOf(*node), label + "：" + k + " 应为字符串",
                           label + ": " + k + " must be a string");
  }
  return value->get();
}

// A TOML local date (2025-10-01) or a string "2025-10-01".
Result<Date> ToDate(const toml::node& node, const std::string& label, const Reporter& reporter) {
  if (const auto* date = node.as_date()) {
    const toml::date d = date->get();
    Result<Date> result = Date::FromYmd(d.year, d.month, d.day);
    if (result.ok()) return result;
  } else if (const auto* text = node.as_string()) {
    Result<Date> result = Date::Parse(text->get());
    if (result.ok()) return result;
  }
  return reporter.Syntax(LineOf(node), label + "：日期应写作 YYYY-MM-DD",
                         label + ": a date must be written YYYY-MM-DD");
}

Result<Date> RequireDate(const toml::table& table, std::string_view key, std::uint32_t line,
                         const std::string& label, const Reporter& reporter) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    const std::string k(key);
    return reporter.Syntax(line, label + "：缺少 " + k, label + ": missing " + k);
  }
  return ToDate(*node, label + " " + std::string(key), reporter);
}

// The array of tables `key`, or an empty list when absent.
Result<std::vector<const toml::table*>> TablesOf(const toml::table& root, std::string_view key,
                                                 const Reporter& reporter) {
  std::vector<const toml::table*> tables;
  const toml::node* node = root.get(key);
  if (node == nullptr) return tables;
  const std::string k(key);
  const auto* array = node->as_array();
  if (array == nullptr) {
    return reporter.Syntax(LineOf(*node), k + " 应写作 [[" + k + "]] 表数组",
                           k + " must be an array of tables, written [[" + k + "]]");
  }
  for (const toml::node& element : *array) {
    const auto* table = element.as_table();
    if (table == nullptr) {
      return reporter.Syntax(LineOf(element), k + " 应写作 [[" + k + "]] 表数组",
                             k + " must be an array of tables, written [[" + k + "]]");
    }
    tables.push_back(table);
  }
  return tables;
}

Result<Holiday> ParseHoliday(const toml::table& table, std::size_t index, const Reporter& reporter) {
  const std::uint32_t line = LineOf(table);
  std::string label = "holiday[" + std::to_string(index) + "]";
  TONGBAN_RETURN_IF_ERROR(CheckKeys(table, {"name", "dates", "first", "last"}, label, reporter));
  Holiday holiday{{}, {}};
  TONGBAN_ASSIGN_OR_RETURN(holiday.name, RequireString(table, "name", line, label, reporter));
  label += " " + holiday.name;

  const toml::node* dates = table.get("dates");
  const bool has_range = table.contains("first") || table.contains("last");
  if ((dates != nullptr) == has_range) {
    return reporter.Syntax(line, label + "：应给出 dates 列表，或 first 与 last 日期范围（二选一）",
                           label + ": give either a dates list or a first/last range");
  }
  if (dates != nullptr) {
    const auto* array = dates->as_array();
    if (array == nullptr) {
      return reporter.Syntax(LineOf(*dates), label + "：dates 应为日期数组",
                             label + ": dates must be an array of dates");
    }
    for (const toml::node& element : *array) {
      TONGBAN_ASSIGN_OR_RETURN(Date date, ToDate(element, label + " dates", reporter));
      holiday.dates.push_back(date);
    }
    return holiday;
  }
  TONGBAN_ASSIGN_OR_RETURN(Date first, RequireDate(table, "first", line, label, reporter));
  TONGBAN_ASSIGN_OR_RETURN(Date last, RequireDate(table, "last", line, label, reporter));
  if (last < first) {
    return reporter.Syntax(line, label + "：last 早于 first", label + ": last is before first");
  }
  if (DaysBetween(first, last) > 366) {
    return reporter.Syntax(line, label + "：日期范围超过一年", label + ": the range is longer than a year");
  }
  for (Date date = first; date <= last; date = date.AddDays(1)) holiday.dates.push_back(date);
  return holiday;
}

Result<AdjustedWorkday> ParseAdjustedWorkday(const toml::table& table, std::size_t index,
                                             const Reporter& reporter) {
  const std::uint32_t line = LineOf(table);
  std::string label = "adjusted_workday[" + std::to_string(index) + "]";
  TONGBAN_RETURN_IF_ERROR(CheckKeys(table, {"name", "date"}, label, reporter));
  TONGBAN_ASSIGN_OR_RETURN(std::string name, RequireString(table, "name", line, label, reporter));
  label += " " + name;
  TONGBAN_ASSIGN_OR_RETURN(Date date, RequireDate(table, "date", line, label, reporter));
  return AdjustedWorkday{std::move(name), date};
}

// "/holiday/2" → the line of holiday 2; 0 when the field names no entry.
std::uint32_t LineOfField(const std::string& field, const std::vector<std::uint32_t>& holiday_lines,
                          const std::vector<std::uint32_t>& adjusted_lines) {
  const auto index_after = [&](std::string_view prefix) -> std::optional<std::size_t> {
    if (field.rfind(prefix, 0) != 0) return std::nullopt;
    try {
      return static_cast<std::size_t>(std::stoul(field.substr(prefix.size())));
    } catch (const std::exception&) {  // not a number: no line to show
      return std::nullopt;
    }
  };
  if (auto i = index_after("/holiday/"); i && *i < holiday_lines.size()) return holiday_lines[*i];
  if (auto i = index_after("/adjusted_workday/"); i && *i < adjusted_lines.size()) {
    return adjusted_lines[*i];
  }
  return 0;
}

Error DirError(std::string reason, ErrorCode code, const std::filesystem::path& dir, const std::string& zh,
               const std::string& en) {
  const std::string where = dir.string() + ": ";
  return Error::Make(code, std::move(reason), where + zh, where + en).WithDetail("dir=" + dir.string());
}

}  // namespace

Result<HolidayArrangement> ParseArrangementToml(std::string_view text, std::string_view file_name) {
  const Reporter reporter(file_name);
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& error) {
    // toml++ reports syntax errors by exception; this is the one place they become values.
    const std::string what(error.description());
    return reporter.Syntax(error.source().begin.line, "TOML 语法错误：" + what, "TOML syntax error: " + what);
  }

  TONGBAN_RETURN_IF_ERROR(
      CheckKeys(root, {"year", "source", "holiday", "adjusted_workday"}, "file", reporter));
  HolidayArrangement arrangement;
  const toml::node* year = root.get("year");
  if (year == nullptr || !year->is_integer()) {
    return reporter.Syntax(year != nullptr ? LineOf(*year) : 0, "year 应为整数年份，如 year = 2026",
                           "year must be an integer, as in year = 2026", "/year");
  }
  const std::int64_t year_value = year->as_integer()->get();
  if (year_value < Date::kMinYear || year_value > Date::kMaxYear) {
    return reporter.Syntax(LineOf(*year), "year 超出范围", "year is out of range", "/year");
  }
  arrangement.year = static_cast<int>(year_value);
  TONGBAN_ASSIGN_OR_RETURN(arrangement.source, RequireString(root, "source", 0, "file", reporter));

  std::vector<std::uint32_t> holiday_lines;
  TONGBAN_ASSIGN_OR_RETURN(auto holidays, TablesOf(root, "holiday", reporter));
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    TONGBAN_ASSIGN_OR_RETURN(Holiday holiday, ParseHoliday(*holidays[i], i, reporter));
    arrangement.holidays.push_back(std::move(holiday));
    holiday_lines.push_back(LineOf(*holidays[i]));
  }
  std::vector<std::uint32_t> adjusted_lines;
  TONGBAN_ASSIGN_OR_RETURN(auto adjusted, TablesOf(root, "adjusted_workday", reporter));
  for (std::size_t i = 0; i < adjusted.size(); ++i) {
    TONGBAN_ASSIGN_OR_RETURN(AdjustedWorkday workday, ParseAdjustedWorkday(*adjusted[i], i, reporter));
    arrangement.adjusted_workdays.push_back(std::move(workday));
    adjusted_lines.push_back(LineOf(*adjusted[i]));
  }

  if (Status status = ValidateArrangement(arrangement); !status.ok()) {
    const Error& error = status.error();
    return reporter.Locate(error, LineOfField(error.field, holiday_lines, adjusted_lines));
  }
  return arrangement;
}

Result<HolidayArrangement> LoadArrangementFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Make(ErrorCode::kNotFound, "calendar.file_unreadable",
                       path.string() + ": 无法读取节假日数据文件",
                       path.string() + ": cannot read the calendar data file")
        .WithDetail("file=" + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseArrangementToml(text.str(), path.string());
}

Result<Calendar> LoadCalendarDir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) {
    return DirError("calendar.dir_unreadable", ErrorCode::kNotFound, dir,
                    "无法读取节假日数据目录：" + ec.message(),
                    "cannot read the calendar data folder: " + ec.message());
  }
  if (files.empty()) {
    return DirError("calendar.no_files", ErrorCode::kNotFound, dir, "目录中没有 .toml 节假日数据文件",
                    "the folder holds no .toml calendar data file");
  }
  std::sort(files.begin(), files.end());

  std::vector<HolidayArrangement> arrangements;
  std::map<int, std::filesystem::path> file_of_year;
  for (const std::filesystem::path& file : files) {
    TONGBAN_ASSIGN_OR_RETURN(HolidayArrangement arrangement, LoadArrangementFile(file));
    auto [it, inserted] = file_of_year.emplace(arrangement.year, file);
    if (!inserted) {
      const std::string y = std::to_string(arrangement.year);
      const std::string both = it->second.string() + ", " + file.string();
      return DirError("calendar.duplicate_year", ErrorCode::kInvalidArgument, dir,
                      y + "年出现在两个文件中：" + both, y + " appears in two files: " + both);
    }
    arrangements.push_back(std::move(arrangement));
  }
  return Calendar::Make(std::move(arrangements));
}

}  // namespace tongban::calendar
