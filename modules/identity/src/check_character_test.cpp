#include "identity/check_character.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban::identity {
namespace {

// GB 11643-1999 §8.2 gives the check character as a table of S mod 11 rather
// than as a formula; the tests compare the implementation with the table.
char Gb11643TableLookup(int sum) {
  return std::string_view("10X98765432")[static_cast<std::size_t>(sum % 11)];
}

TEST(Gb11643CheckCharacterTest, MatchesHandComputedValues) {
  // 11010519491231002X, the example of GB 11643-1999 itself:
  //   digits   1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
  //   weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
  //   products 7  9  0  5  0 20  2  9 24 27  7 18 30  5  0  0  4  → S = 167
  //   167 = 15 × 11 + 2, and the table maps 2 to X.
  EXPECT_EQ(Gb11643CheckCharacter("11010519491231002"), 'X');
  // 310101199001011234, the number masked in issue 3 (310***********1234):
  //   products 21 9 0 5 0 4 2 9 54 0 0 9 0 5 8 8 6 → S = 140 = 12 × 11 + 8 → 4.
  EXPECT_EQ(Gb11643CheckCharacter("31010119900101123"), '4');
  // 440524188001010014, the standard's second example (born 1880): S = 195,
  // 195 = 17 × 11 + 8 → 4.
  EXPECT_EQ(Gb11643CheckCharacter("44052418800101001"), '4');
}

TEST(Gb11643CheckCharacterTest, AgreesWithTheStandardsTableForEveryRemainder) {
  // A body of zeros and one digit d at a position of weight w has S = d·w; the
  // positions and digits below reach every remainder 0..10.
  int remainders_seen = 0;
  for (std::size_t position = 0; position < 17; ++position) {
    for (int digit = 0; digit <= 9; ++digit) {
      std::string body(17, '0');
      body[position] = static_cast<char>('0' + digit);
      constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
      const int sum = digit * kWeights[position];
      EXPECT_EQ(Gb11643CheckCharacter(body), Gb11643TableLookup(sum)) << body;
      remainders_seen |= 1 << (sum % 11);
    }
  }
  EXPECT_EQ(remainders_seen, (1 << 11) - 1);
}

TEST(Gb11643CheckCharacterTest, RefusesBodiesOfTheWrongForm) {
  EXPECT_EQ(Gb11643CheckCharacter(""), std::nullopt);
  EXPECT_EQ(Gb11643CheckCharacter("1101051949123100"), std::nullopt);    // 16
  EXPECT_EQ(Gb11643CheckCharacter("110105194912310021"), std::nullopt);  // 18
  EXPECT_EQ(Gb11643CheckCharacter("1101051949123100X"), std::nullopt);
  EXPECT_EQ(Gb11643CheckCharacter("1101051949123100 "), std::nullopt);
}

TEST(Gb32100CheckCharacterTest, MatchesAHandComputedRealCode) {
  // 91440300708461136T, 腾讯科技（深圳）有限公司 (published code):
  //   chars    9 1 4  4  0  3  0  0  7  0  8  4 6  1  1  3  6
  //   weights  1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
  //   products 9 3 36 108 0 78 0 0 140 0 200 52 48 24 10 90 168 → S = 966
  //   966 = 31 × 31 + 5; 31 − 5 = 26, and value 26 is T (A=10 … H=17, J=18 …
  //   N=22, P=23, Q=24, R=25, T=26).
  EXPECT_EQ(Gb32100CheckCharacter("91440300708461136"), 'T');
  EXPECT_EQ(Gb32100CheckCharacter("91440300192203821"), '6');  // 华为技术有限公司
  EXPECT_EQ(Gb32100CheckCharacter("91110108551385082"), 'Q');  // 小米科技有限责任公司
}

TEST(Gb32100CheckCharacterTest, WritesThirtyOneAsZero) {
  // Generated with the algorithm: S mod 31 = 0, so 31 − 0 = 31 → 0.
  EXPECT_EQ(Gb32100CheckCharacter("913101158LN9ENAF0"), '0');
  EXPECT_EQ(Gb32100CheckCharacter("91310115ECH3JFX8X"), '0');
}

TEST(Gb32100CheckCharacterTest, RefusesBodiesOfTheWrongForm) {
  EXPECT_EQ(Gb32100CheckCharacter("9144030070846113"), std::nullopt);
  EXPECT_EQ(Gb32100CheckCharacter("914403007084611366"), std::nullopt);
  for (char excluded : std::string("IOSVZa-")) {
    std::string body = "91440300708461136";
    body[10] = excluded;
    EXPECT_EQ(Gb32100CheckCharacter(body), std::nullopt) << excluded;
  }
}

TEST(Gb32100CheckCharacterTest, CharacterValuesFollowTheStandardsOrder) {
  EXPECT_EQ(kUsccCharacters.size(), 31U);
  EXPECT_EQ(kUsccCharacters.find('A'), 10U);
  EXPECT_EQ(kUsccCharacters.find('H'), 17U);
  EXPECT_EQ(kUsccCharacters.find('J'), 18U);
  EXPECT_EQ(kUsccCharacters.find('P'), 23U);
  EXPECT_EQ(kUsccCharacters.find('T'), 26U);
  EXPECT_EQ(kUsccCharacters.find('W'), 28U);
  EXPECT_EQ(kUsccCharacters.find('Y'), 30U);
  for (char excluded : std::string("IOSVZ"))
    EXPECT_EQ(kUsccCharacters.find(excluded), std::string_view::npos);
}

TEST(Gb11714CheckCharacterTest, MatchesHandComputedValues) {
  // 70846113, the organisation code in Tencent's credit code:
  //   7·3 + 0·7 + 8·9 + 4·10 + 6·5 + 1·8 + 1·4 + 3·2 = 21+0+72+40+30+8+4+6 = 181
  //   181 = 16 × 11 + 5; 11 − 5 = 6.
  EXPECT_EQ(Gb11714CheckCharacter("70846113"), '6');
  // 19220382 (Huawei): S = 164 = 14 × 11 + 10; 11 − 10 = 1.
  EXPECT_EQ(Gb11714CheckCharacter("19220382"), '1');
  // 00000006: S = 6·2 = 12 = 11 + 1; 11 − 1 = 10 → X.
  EXPECT_EQ(Gb11714CheckCharacter("00000006"), 'X');
  // MA1G4L1W, letters valued A=10 … Z=35 (M=22, G=16, L=21, W=32):
  //   22·3 + 10·7 + 1·9 + 16·10 + 4·5 + 21·8 + 1·4 + 32·2 = 561 = 51 × 11;
  //   11 − 0 = 11 → 0.
  EXPECT_EQ(Gb11714CheckCharacter("MA1G4L1W"), '0');
}

TEST(Gb11714CheckCharacterTest, RefusesBodiesOfTheWrongForm) {
  EXPECT_EQ(Gb11714CheckCharacter("7084611"), std::nullopt);
  EXPECT_EQ(Gb11714CheckCharacter("708461136"), std::nullopt);
  EXPECT_EQ(Gb11714CheckCharacter("7084611a"), std::nullopt);
  EXPECT_EQ(Gb11714CheckCharacter("7084611-"), std::nullopt);
}

}  // namespace
}  // namespace tongban::identity
