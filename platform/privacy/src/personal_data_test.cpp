// Masks and the vault: what staff see by default, and that sealed values and
// blind indexes are bound to their key, kind and place.
#include <gtest/gtest.h>

#include "privacy/personal_data.hpp"

namespace tongban::privacy {
namespace {

TEST(MaskIdNumberTest, KeepsFirstThreeAndLastFour) {
  EXPECT_EQ(MaskIdNumber("31010519491231002X"), "310***********002X");
  EXPECT_EQ(MaskIdNumber("E12345678"), "E12**5678");
}

TEST(MaskIdNumberTest, ShortValuesKeepOnlyTheLastTwo) {
  EXPECT_EQ(MaskIdNumber("1234567"), "*****67");
  EXPECT_EQ(MaskIdNumber("123"), "*23");
  EXPECT_EQ(MaskIdNumber("12"), "**");
  EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(MaskPhoneTest, ElevenDigits) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
}

TEST(MaskNameTest, KeepsTheSurname) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("张三丰"), "张**");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧阳**");
  EXPECT_EQ(MaskName("欧阳"), "欧*");  // a two-character name: the surname alone is not kept whole
  EXPECT_EQ(MaskName("王"), "*");
  EXPECT_EQ(MaskName("John Smith"), "J*********");
  EXPECT_EQ(MaskName(""), "");
}

class VaultTest : public ::testing::Test {
 protected:
  crypto::KeySet keys_ = crypto::KeySet::Generate();
  Vault vault_{keys_};
};

TEST_F(VaultTest, SealThenOpenInTheSamePlace) {
  std::string sealed = vault_.Seal("31010519491231002X", "persons/person_1/id_number");
  EXPECT_EQ(sealed.find("31010519491231002X"), std::string::npos);
  auto opened = vault_.Open(sealed, "persons/person_1/id_number");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "31010519491231002X");
}

TEST_F(VaultTest, ASealedValueMovedElsewhereDoesNotOpen) {
  std::string sealed = vault_.Seal("13812345678", "persons/person_1/phone");
  auto moved = vault_.Open(sealed, "persons/person_2/phone");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().reason, "crypto.tag_mismatch");
}

TEST_F(VaultTest, AnotherKeySetCannotOpen) {
  crypto::KeySet other_keys = crypto::KeySet::Generate();
  Vault other(other_keys);
  std::string sealed = vault_.Seal("13812345678", "persons/person_1/phone");
  EXPECT_FALSE(other.Open(sealed, "persons/person_1/phone").ok());
}

TEST_F(VaultTest, IndexIsDeterministicAndKeyed) {
  std::string a = vault_.Index("phone", "13812345678");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, vault_.Index("phone", "13812345678"));
  EXPECT_NE(a, vault_.Index("phone", "13812345679"));
  crypto::KeySet other_keys = crypto::KeySet::Generate();
  EXPECT_NE(a, Vault(other_keys).Index("phone", "13812345678"));
}

TEST_F(VaultTest, IndexSeparatesKinds) {
  // The same digits as a Taiwan permit and as a phone: different indexes.
  EXPECT_NE(vault_.Index("taiwan_permit", "12345678"), vault_.Index("passport", "12345678"));
  // The separator keeps "ab"+"c" apart from "a"+"bc".
  EXPECT_NE(vault_.Index("ab", "c"), vault_.Index("a", "bc"));
}

TEST_F(VaultTest, IndexUsesTheBlindIndexKeyNotTheSealingKey) {
  crypto::KeySet swapped = keys_;
  swapped.blind_index_key = crypto::SymmetricKey::Generate();
  EXPECT_NE(vault_.Index("phone", "13812345678"), Vault(swapped).Index("phone", "13812345678"));
  swapped = keys_;
  swapped.data_encryption_key = crypto::SymmetricKey::Generate();
  EXPECT_EQ(vault_.Index("phone", "13812345678"), Vault(swapped).Index("phone", "13812345678"));
}

}  // namespace
}  // namespace tongban::privacy
