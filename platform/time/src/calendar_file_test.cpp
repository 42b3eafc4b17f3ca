#include "time/calendar_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "shipped_calendar_for_test.hpp"

namespace tongban::calendar {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kValid = R"(year = 2025
source = "测试通知"

[[holiday]]
name = "元旦"
dates = [2025-01-01]

[[holiday]]
name = "春节"
first = 2025-01-28
last = 2025-02-04

[[adjusted_workday]]
name = "春节"
date = "2025-01-26"
)";

Error ParseError(std::string_view text) {
  Result<HolidayArrangement> result = ParseArrangementToml(text, "cn-test.toml");
  EXPECT_FALSE(result.ok()) << text;
  return result.ok() ? Error{} : result.error();
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(CalendarFileTest, ParsesListsRangesAndStringDates) {
  Result<HolidayArrangement> result = ParseArrangementToml(kValid, "cn-test.toml");
  ASSERT_TRUE(result.ok()) << result.error().message_en;
  EXPECT_EQ(result->year, 2025);
  EXPECT_EQ(result->source, "测试通知");
  ASSERT_EQ(result->holidays.size(), 2u);
  EXPECT_EQ(result->holidays[0].dates, (std::vector<Date>{D("2025-01-01")}));
  EXPECT_EQ(result->holidays[1].name, "春节");
  ASSERT_EQ(result->holidays[1].dates.size(), 8u);  // 01-28 … 02-04 inclusive
  EXPECT_EQ(result->holidays[1].dates.front(), D("2025-01-28"));
  EXPECT_EQ(result->holidays[1].dates.back(), D("2025-02-04"));
  ASSERT_EQ(result->adjusted_workdays.size(), 1u);
  EXPECT_EQ(result->adjusted_workdays[0].date, D("2025-01-26"));
}

TEST(CalendarFileTest, SyntaxErrorsNameTheFileAndLine) {
  Error error = ParseError("year = 2025\nsource = \"x\"\n[[holiday]\n");
  EXPECT_EQ(error.reason, "calendar.invalid_file");
  EXPECT_TRUE(Contains(error.message_en, "cn-test.toml:3: TOML syntax error")) << error.message_en;
}

TEST(CalendarFileTest, ContentErrorsNameTheFileLineAndEntry) {
  std::string text(kValid);
  text += "\n[[adjusted_workday]]\nname = \"劳动节\"\ndate = 2025-04-28\n";  // a Monday
  Error error = ParseError(text);
  EXPECT_EQ(error.reason, "calendar.adjusted_workday_not_weekend");
  EXPECT_EQ(error.field, "/adjusted_workday/1");
  EXPECT_TRUE(Contains(error.message_en, "cn-test.toml:17: adjusted_workday[1] 劳动节")) << error.message_en;
  EXPECT_TRUE(Contains(error.message_en, "2025-04-28")) << error.message_en;
  EXPECT_TRUE(Contains(error.message_zh, "cn-test.toml:17: ")) << error.message_zh;
}

TEST(CalendarFileTest, RejectsDatesOutsideTheYear) {
  std::string text(kValid);
  text += "\n[[holiday]]\nname = \"国庆节\"\nfirst = 2024-10-01\nlast = 2024-10-07\n";
  Error error = ParseError(text);
  EXPECT_EQ(error.reason, "calendar.date_outside_year");
  EXPECT_TRUE(Contains(error.message_en, "cn-test.toml:17: holiday[2] 国庆节")) << error.message_en;
}

TEST(CalendarFileTest, RejectsAHolidayThatIsAlsoAnAdjustedWorkday) {
  std::string text(kValid);
  text += "\n[[adjusted_workday]]\nname = \"元旦\"\ndate = 2025-02-01\n";  // inside 春节
  EXPECT_EQ(ParseError(text).reason, "calendar.holiday_is_adjusted_workday");
}

TEST(CalendarFileTest, RejectsWrongShapes) {
  struct Case {
    const char* text;
    const char* expect_in_message;
  };
  const Case cases[] = {
      {"source = \"x\"\n", "year must be an integer"},
      {"year = \"2025\"\nsource = \"x\"\n", "year must be an integer"},
      {"year = 2025\n", "missing source"},
      {"year = 2025\nsource = \"x\"\nnotes = \"?\"\n", "unknown key notes"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\ndates = [2025-01-01]\n", "missing name"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\n", "either a dates list"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\ndates = [2025-01-01]\n"
       "first = 2025-01-01\nlast = 2025-01-01\n",
       "either a dates list"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\nfirst = 2025-01-01\n", "missing last"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\nfirst = 2025-01-03\n"
       "last = 2025-01-01\n",
       "last is before first"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\ndates = [\"2025-1-1\"]\n",
       "holiday[0] 元旦 dates: a date must be written YYYY-MM-DD"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\ndates = [2025-01-01T08:00:00]\n",
       "a date must be written YYYY-MM-DD"},
      {"year = 2025\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\ndate = 2025-01-01\n",
       "holiday[0]: unknown key date"},
      {"year = 2025\nsource = \"x\"\nholiday = \"元旦\"\n", "holiday must be an array of tables"},
      {"year = 2025\nsource = \"x\"\n[[adjusted_workday]]\nname = \"春节\"\n", "missing date"},
  };
  for (const Case& c : cases) {
    Error error = ParseError(c.text);
    EXPECT_EQ(error.reason, "calendar.invalid_file") << c.text;
    EXPECT_TRUE(Contains(error.message_en, "cn-test.toml")) << error.message_en;
    EXPECT_TRUE(Contains(error.message_en, c.expect_in_message)) << error.message_en;
  }
}

// A folder under the system temp directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        fs::temp_directory_path() / ("tongban_calendar_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  void Write(const std::string& name, std::string_view text) const { std::ofstream(path_ / name) << text; }

 private:
  fs::path path_;
};

TEST(CalendarFileTest, LoadsTheShippedFolder) {
  Result<Calendar> calendar = LoadCalendarDir(TONGBAN_CALENDAR_DATA_DIR);
  ASSERT_TRUE(calendar.ok()) << calendar.error().message_en;
  EXPECT_EQ(calendar->Years(), (std::vector<int>{2025, 2026}));
  // 2025: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8 = 28 days off.
  std::size_t days_off = 0;
  for (const Holiday& holiday : calendar->Arrangement(2025)->holidays) days_off += holiday.dates.size();
  EXPECT_EQ(days_off, 28u);
  // 2026: 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 = 33 days off.
  days_off = 0;
  for (const Holiday& holiday : calendar->Arrangement(2026)->holidays) days_off += holiday.dates.size();
  EXPECT_EQ(days_off, 33u);
  EXPECT_EQ(calendar->Arrangement(2026)->adjusted_workdays.size(), 6u);
}

TEST(CalendarFileTest, LoadsOnlyTomlFilesOfAFolder) {
  TempDir dir;
  dir.Write("cn-2025.toml", kValid);
  dir.Write("README.md", "not data");
  dir.Write("cn-2026.toml.bak", "garbage");
  Result<Calendar> calendar = LoadCalendarDir(dir.path());
  ASSERT_TRUE(calendar.ok()) << calendar.error().message_en;
  EXPECT_EQ(calendar->Years(), (std::vector<int>{2025}));
}

TEST(CalendarFileTest, AFolderErrorNamesTheFile) {
  TempDir dir;
  dir.Write("cn-2025.toml", kValid);
  dir.Write("cn-2026.toml",
            "year = 2026\nsource = \"x\"\n[[holiday]]\nname = \"元旦\"\ndates = [2025-01-01]\n");
  Result<Calendar> calendar = LoadCalendarDir(dir.path());
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().reason, "calendar.date_outside_year");
  EXPECT_TRUE(Contains(calendar.error().message_en, "cn-2026.toml:3: holiday[0] 元旦"))
      << calendar.error().message_en;
}

TEST(CalendarFileTest, TheSameYearInTwoFilesIsAnError) {
  TempDir dir;
  dir.Write("cn-2025.toml", kValid);
  dir.Write("cn-2025-copy.toml", kValid);
  Result<Calendar> calendar = LoadCalendarDir(dir.path());
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().reason, "calendar.duplicate_year");
  EXPECT_TRUE(Contains(calendar.error().message_en, "cn-2025-copy.toml")) << calendar.error().message_en;
  EXPECT_TRUE(Contains(calendar.error().message_en, "cn-2025.toml")) << calendar.error().message_en;
}

TEST(CalendarFileTest, MissingOrEmptyFolders) {
  TempDir dir;
  Result<Calendar> empty = LoadCalendarDir(dir.path());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().reason, "calendar.no_files");

  Result<Calendar> missing = LoadCalendarDir(dir.path() / "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().reason, "calendar.dir_unreadable");
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  Result<HolidayArrangement> no_file = LoadArrangementFile(dir.path() / "cn-2030.toml");
  ASSERT_FALSE(no_file.ok());
  EXPECT_EQ(no_file.error().reason, "calendar.file_unreadable");
}

}  // namespace
}  // namespace tongban::calendar
