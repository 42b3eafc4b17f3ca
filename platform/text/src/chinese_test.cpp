#include "text/chinese.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace tongban::text {
namespace {

std::unique_ptr<ChineseText> Make(std::vector<std::string> compounds = {}) {
  auto text = ChineseText::Create(std::move(compounds));
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().detail);
  return std::move(text).value();
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += '|';
    out += t;
  }
  return out;
}

TEST(ChineseTextTest, FoldsTraditionalToSimplified) {
  auto text = Make();
  EXPECT_EQ(text->Normalize("一網通辦"), "一网通办");
  EXPECT_EQ(text->Normalize("結婚登記"), "结婚登记");
  EXPECT_EQ(text->Normalize("營業執照怎麼辦"), "营业执照怎么办");
  EXPECT_EQ(text->Normalize("養犬登記證"), "养犬登记证");
}

TEST(ChineseTextTest, FoldsWidthCaseAndPunctuation) {
  auto text = Make();
  EXPECT_EQ(text->Normalize("ＡＢＣ 结婚登记！"), "abc 结婚登记");
  EXPECT_EQ(text->Normalize("  出生登记（户口）  "), "出生登记 户口");
  EXPECT_EQ(text->Normalize("Ｗｉ－Ｆｉ，１２３"), "wi fi 123");
  EXPECT_EQ(text->Normalize("a \t\n b"), "a b");
  EXPECT_EQ(text->Normalize("？！。，"), "");
  EXPECT_EQ(text->Normalize(""), "");
}

TEST(ChineseTextTest, SegmentsWithIcu) {
  auto text = Make();
  std::vector<std::string> tokens = text->Segment("结婚登记需要哪些材料");
  EXPECT_EQ(Join(tokens), "结婚|登记|需要|哪些|材料");
}

TEST(ChineseTextTest, DomainCompoundsWinOverIcu) {
  auto plain = Make();
  auto domain = Make({"一网通办", "社保卡", "居住证", "公积金"});
  std::vector<std::string> before = plain->Segment("一网通办办理居住证");
  std::vector<std::string> after = domain->Segment("一网通办办理居住证");
  EXPECT_NE(Join(before), Join(after));
  EXPECT_EQ(after.front(), "一网通办");
  EXPECT_EQ(after.back(), "居住证");
  // A compound that starts inside one of ICU's words still wins.
  std::vector<std::string> card = domain->Segment("我要办社保卡");
  EXPECT_NE(std::find(card.begin(), card.end(), "社保卡"), card.end()) << Join(card);
  // Traditional input meets the simplified compound.
  std::vector<std::string> trad = domain->Segment("一網通辦");
  EXPECT_EQ(Join(trad), "一网通办");
}

TEST(ChineseTextTest, CompoundsAreNormalisedToo) {
  auto text = Make({"一網通辦", "ＡＢ证"});
  EXPECT_EQ(Join(text->Segment("一网通办")), "一网通办");
  EXPECT_EQ(Join(text->Segment("ab证")), "ab证");
}

TEST(ChineseTextTest, LatinAndDigitRunsAreOneToken) {
  auto text = Make();
  std::vector<std::string> tokens = text->Segment("ICP许可证 2026年");
  EXPECT_EQ(tokens.front(), "icp");
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "2026"), tokens.end()) << Join(tokens);
  EXPECT_TRUE(text->Segment("   ").empty());
  EXPECT_TRUE(text->Segment("").empty());
}

TEST(ChineseTextTest, SegmentIntoGivesSegmentsWordsAsCodePoints) {
  auto text = Make({"一网通办", "社保卡", "居住证"});
  ChineseText::Words words;
  words.joined = U"left over";  // the buffers are reused: earlier contents go
  words.starts = {7};
  for (std::string_view s :
       {"结婚登记需要哪些材料", "一網通辦怎麼辦社保卡", "ＡＢＣ 结婚登记！", "办理居住证 123 wi-fi", "",
        "！！！", "   ", "𠀀字 extension b", "出生登记（户口）  ", "\xff\xfe bad utf-8"}) {
    std::vector<std::string> tokens = text->Segment(s);
    text->SegmentInto(s, words);
    ASSERT_EQ(words.size(), tokens.size()) << s;
    std::u32string joined;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      EXPECT_EQ(words.Word(i), ToCodePoints(tokens[i])) << s << " word " << i;
      joined += ToCodePoints(tokens[i]);
    }
    EXPECT_EQ(words.joined, joined) << s;
    EXPECT_EQ(words.starts.empty(), tokens.empty()) << s;
  }
}

TEST(ChineseTextTest, CodePointsRoundTrip) {
  std::u32string cps = ToCodePoints("一网a😀");
  ASSERT_EQ(cps.size(), 4u);
  EXPECT_EQ(cps[0], U'一');
  EXPECT_EQ(cps[2], U'a');
  EXPECT_EQ(cps[3], U'😀');
  EXPECT_EQ(ToUtf8(cps), "一网a😀");
  // Invalid sequences: a lone continuation byte, a truncated sequence, an overlong form.
  std::u32string bad =
      ToCodePoints(std::string("a\x80"
                               "b\xE4\xB8",
                               5));
  EXPECT_EQ(bad, std::u32string(U"a\uFFFDb\uFFFD\uFFFD"));
  EXPECT_EQ(ToCodePoints("\xC0\xAF"), std::u32string(U"\uFFFD\uFFFD"));
  EXPECT_EQ(ToUtf8(std::u32string(1, static_cast<char32_t>(0xD800))), "\xEF\xBF\xBD");
}

TEST(ChineseTextTest, ThreadsShareOneInstance) {
  auto text = Make({"一网通办", "居住证"});
  const std::string expected = Join(text->Segment("一網通辦辦理居住證"));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        if (Join(text->Segment("一網通辦辦理居住證")) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// The cost per query matters (search p99 ≤ 1 ms): printed, and bounded loosely
// so only a gross regression fails.
TEST(ChineseTextTest, CostPerQuery) {
  auto text = Make({"一网通办", "居住证", "营业执照"});
  const char* queries[] = {"怎么办营业执照", "結婚登記要帶什麼", "换身份证", "上海市居住证办理需要哪些材料",
                           "ICP备案"};
  for (int i = 0; i < 50; ++i) (void)text->Segment(queries[i % 5]);
  constexpr int kRounds = 4000;
  auto start = std::chrono::steady_clock::now();
  std::size_t sink = 0;
  for (int i = 0; i < kRounds; ++i) sink += text->Segment(queries[i % 5]).size();
  auto micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kRounds;
  std::printf("Segment: %.2f µs per query (%zu tokens)\n", micros, sink);
  EXPECT_LT(micros, 200.0);
}

}  // namespace
}  // namespace tongban::text
