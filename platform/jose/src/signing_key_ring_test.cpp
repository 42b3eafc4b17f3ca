#include "jose/signing_key_ring.hpp"

#include <gtest/gtest.h>

#include "jose/jws.hpp"

namespace tongban::jose {
namespace {

using std::chrono::hours;

const Instant kT0 = Instant(std::chrono::seconds(1767225600));  // 2026-01-01T00:00:00Z

std::vector<std::string> Kids(const JwkSet& set) {
  std::vector<std::string> kids;
  for (const VerificationKey& key : set.keys()) kids.push_back(key.kid());
  return kids;
}

class SigningKeyRingTest : public ::testing::Test {
 protected:
  SigningKey ed1_ = SigningKey::Generate(Algorithm::kEdDsa);
  SigningKey ed2_ = SigningKey::Generate(Algorithm::kEdDsa);
  SigningKey ec1_ = SigningKey::Generate(Algorithm::kEs256);
  SigningKeyRing ring_;
};

TEST_F(SigningKeyRingTest, EmptyRingHasNoActiveKey) {
  auto active = ring_.ActiveKey(Algorithm::kEdDsa);
  ASSERT_FALSE(active.ok());
  EXPECT_EQ(active.error().reason, "jose.no_active_key");
  EXPECT_EQ(active.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(ring_.PublishedKeys(kT0).empty());
}

TEST_F(SigningKeyRingTest, UpcomingKeyIsPublishedButDoesNotSign) {
  ASSERT_TRUE(ring_.Add(ed1_).ok());
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), kT0), KeyState::kUpcoming);
  EXPECT_FALSE(ring_.ActiveKey(Algorithm::kEdDsa).ok());
  EXPECT_EQ(Kids(ring_.PublishedKeys(kT0)), std::vector<std::string>{ed1_.kid()});
}

TEST_F(SigningKeyRingTest, ActivatingMakesItTheSigner) {
  ASSERT_TRUE(ring_.Add(ed1_).ok());
  ASSERT_TRUE(ring_.Activate(ed1_.kid(), kT0, kT0).ok());
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), kT0), KeyState::kActive);
  EXPECT_EQ(ring_.ActiveKey(Algorithm::kEdDsa)->kid(), ed1_.kid());
  EXPECT_FALSE(ring_.ActiveKey(Algorithm::kEs256).ok());
  // Activating the active key again changes nothing.
  ASSERT_TRUE(ring_.Activate(ed1_.kid(), kT0, kT0).ok());
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), kT0), KeyState::kActive);
}

// The whole rotation: old tokens keep verifying through the overlap and stop after it.
TEST_F(SigningKeyRingTest, RotationWithOverlap) {
  ASSERT_TRUE(ring_.Rotate(ed1_, kT0, kT0).ok());
  std::string old_token = SignCompact(ring_.ActiveKey(Algorithm::kEdDsa).value(), "old");

  const Instant rotation = kT0 + hours(24);
  const Instant overlap_end = rotation + hours(1);  // the longest token lifetime
  ASSERT_TRUE(ring_.Add(ed2_).ok());
  ASSERT_TRUE(ring_.Activate(ed2_.kid(), rotation, overlap_end).ok());
  EXPECT_EQ(ring_.ActiveKey(Algorithm::kEdDsa)->kid(), ed2_.kid());
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), rotation), KeyState::kRetiring);
  std::string new_token = SignCompact(ring_.ActiveKey(Algorithm::kEdDsa).value(), "new");

  const Instant during = overlap_end - std::chrono::seconds(1);
  EXPECT_EQ(Kids(ring_.PublishedKeys(during)), (std::vector<std::string>{ed1_.kid(), ed2_.kid()}));
  EXPECT_TRUE(VerifyCompact(old_token, ring_.PublishedKeys(during), {Algorithm::kEdDsa}).ok());
  EXPECT_TRUE(VerifyCompact(new_token, ring_.PublishedKeys(during), {Algorithm::kEdDsa}).ok());

  EXPECT_EQ(ring_.StateOf(ed1_.kid(), overlap_end), KeyState::kRetired);
  EXPECT_EQ(Kids(ring_.PublishedKeys(overlap_end)), std::vector<std::string>{ed2_.kid()});
  auto late = VerifyCompact(old_token, ring_.PublishedKeys(overlap_end), {Algorithm::kEdDsa});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().reason, "jose.unknown_kid");
  EXPECT_TRUE(VerifyCompact(new_token, ring_.PublishedKeys(overlap_end), {Algorithm::kEdDsa}).ok());

  EXPECT_EQ(ring_.Entries().size(), 2u);
  ring_.Prune(during);
  EXPECT_EQ(ring_.Entries().size(), 2u);
  ring_.Prune(overlap_end);
  ASSERT_EQ(ring_.Entries().size(), 1u);
  EXPECT_EQ(ring_.Entries()[0].key.kid(), ed2_.kid());
}

TEST_F(SigningKeyRingTest, OneActiveKeyPerAlgorithm) {
  ASSERT_TRUE(ring_.Rotate(ed1_, kT0, kT0).ok());
  ASSERT_TRUE(ring_.Rotate(ec1_, kT0, kT0).ok());
  EXPECT_EQ(ring_.ActiveKey(Algorithm::kEdDsa)->kid(), ed1_.kid());
  EXPECT_EQ(ring_.ActiveKey(Algorithm::kEs256)->kid(), ec1_.kid());
  // A new EdDSA key retires the old EdDSA key and leaves the ES256 key alone.
  ASSERT_TRUE(ring_.Rotate(ed2_, kT0, kT0 + hours(1)).ok());
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), kT0), KeyState::kRetiring);
  EXPECT_EQ(ring_.StateOf(ec1_.kid(), kT0), KeyState::kActive);
  int active = 0;
  for (const KeyRingEntry& e : ring_.Entries()) active += e.state == KeyState::kActive;
  EXPECT_EQ(active, 2);
}

TEST_F(SigningKeyRingTest, RetiringKeyCanBeReactivatedWithinItsTime) {
  ASSERT_TRUE(ring_.Rotate(ed1_, kT0, kT0).ok());
  ASSERT_TRUE(ring_.Rotate(ed2_, kT0, kT0 + hours(1)).ok());
  // Roll back: ed1 signs again, ed2 retires.
  ASSERT_TRUE(ring_.Activate(ed1_.kid(), kT0 + hours(0), kT0 + hours(2)).ok());
  EXPECT_EQ(ring_.ActiveKey(Algorithm::kEdDsa)->kid(), ed1_.kid());
  EXPECT_EQ(ring_.StateOf(ed2_.kid(), kT0 + hours(1)), KeyState::kRetiring);
  // ...but not once its time is up.
  Status too_late = ring_.Activate(ed2_.kid(), kT0 + hours(2), kT0 + hours(3));
  ASSERT_FALSE(too_late.ok());
  EXPECT_EQ(too_late.error().reason, "jose.unknown_kid");
  EXPECT_EQ(too_late.error().code, ErrorCode::kNotFound);
}

TEST_F(SigningKeyRingTest, RetireWithdrawsAKeyAtOnce) {
  ASSERT_TRUE(ring_.Rotate(ed1_, kT0, kT0).ok());
  ASSERT_TRUE(ring_.Rotate(ed2_, kT0, kT0 + hours(1)).ok());
  ASSERT_TRUE(ring_.Retire(ed1_.kid()).ok());  // compromised during the overlap
  EXPECT_EQ(ring_.StateOf(ed1_.kid(), kT0), KeyState::kRetired);
  EXPECT_EQ(Kids(ring_.PublishedKeys(kT0)), std::vector<std::string>{ed2_.kid()});

  Status active = ring_.Retire(ed2_.kid());
  ASSERT_FALSE(active.ok());
  EXPECT_EQ(active.error().reason, "jose.key_active");
  EXPECT_EQ(active.error().code, ErrorCode::kFailedPrecondition);

  EXPECT_EQ(ring_.Retire("nope").error().reason, "jose.unknown_kid");
  ASSERT_TRUE(ring_.Add(ec1_).ok());
  ASSERT_TRUE(ring_.Retire(ec1_.kid()).ok());  // an upcoming key can be withdrawn too
  EXPECT_EQ(ring_.Activate(ec1_.kid(), kT0, kT0).error().reason, "jose.unknown_kid");
}

TEST_F(SigningKeyRingTest, DuplicateKidIsRefused) {
  ASSERT_TRUE(ring_.Add(ed1_).ok());
  Status again = ring_.Add(SigningKey::FromPem(ed2_.ToPem(), ed1_.kid()).value());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().reason, "jose.duplicate_kid");
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_FALSE(ring_.Rotate(ed1_, kT0, kT0).ok());
}

TEST_F(SigningKeyRingTest, EntriesRoundTrip) {
  ASSERT_TRUE(ring_.Rotate(ed1_, kT0, kT0).ok());
  ASSERT_TRUE(ring_.Rotate(ed2_, kT0, kT0 + hours(1)).ok());
  ASSERT_TRUE(ring_.Add(ec1_).ok());
  auto rebuilt = SigningKeyRing::FromEntries(ring_.Entries());
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().reason;
  ASSERT_EQ(rebuilt->Entries().size(), 3u);
  EXPECT_EQ(rebuilt->ActiveKey(Algorithm::kEdDsa)->kid(), ed2_.kid());
  EXPECT_EQ(rebuilt->StateOf(ed1_.kid(), kT0), KeyState::kRetiring);
  EXPECT_EQ(rebuilt->Entries()[0].retiring_until, kT0 + hours(1));
  EXPECT_EQ(rebuilt->StateOf(ec1_.kid(), kT0), KeyState::kUpcoming);
}

TEST_F(SigningKeyRingTest, FromEntriesChecksTheInvariants) {
  auto two_active = SigningKeyRing::FromEntries(
      {KeyRingEntry{ed1_, KeyState::kActive, {}}, KeyRingEntry{ed2_, KeyState::kActive, {}}});
  ASSERT_FALSE(two_active.ok());
  EXPECT_EQ(two_active.error().reason, "jose.two_active_keys");

  auto duplicate = SigningKeyRing::FromEntries(
      {KeyRingEntry{ed1_, KeyState::kActive, {}}, KeyRingEntry{ed1_, KeyState::kUpcoming, {}}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().reason, "jose.duplicate_kid");

  auto with_retired = SigningKeyRing::FromEntries(
      {KeyRingEntry{ed1_, KeyState::kRetired, {}}, KeyRingEntry{ed2_, KeyState::kActive, {}}});
  ASSERT_TRUE(with_retired.ok());
  EXPECT_EQ(with_retired->Entries().size(), 1u);
}

TEST(KeyStateTest, CodesAreStable) {
  EXPECT_EQ(KeyStateCode(KeyState::kUpcoming), "upcoming");
  EXPECT_EQ(KeyStateCode(KeyState::kActive), "active");
  EXPECT_EQ(KeyStateCode(KeyState::kRetiring), "retiring");
  EXPECT_EQ(KeyStateCode(KeyState::kRetired), "retired");
  for (KeyState s : {KeyState::kUpcoming, KeyState::kActive, KeyState::kRetiring, KeyState::kRetired}) {
    EXPECT_EQ(ParseKeyState(KeyStateCode(s)), s);
  }
  EXPECT_EQ(ParseKeyState("Active"), std::nullopt);
}

}  // namespace
}  // namespace tongban::jose
