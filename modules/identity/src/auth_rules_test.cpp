// Pure rules of authentication: password rules and hashing, the lockout
// schedule, Retry-After, the SMS gateway signature.
#include <gtest/gtest.h>

#include "auth_password.hpp"
#include "crypto/sm3.hpp"
#include "identity/authentication.hpp"
#include "sms_json.hpp"

namespace tongban::identity {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

TEST(PasswordRulesTest, LengthLoginNameAndCommonPasswords) {
  EXPECT_TRUE(CheckPasswordRules("correct horse").ok());
  EXPECT_EQ(CheckPasswordRules("short7!").error().reason, "identity.password_too_short");
  EXPECT_EQ(CheckPasswordRules("short7!").error().field, "/password");
  // Eight Chinese characters are eight characters, not 24 bytes too many.
  EXPECT_TRUE(CheckPasswordRules("通办一网通办好用").ok());
  EXPECT_EQ(CheckPasswordRules("通办通办").error().reason, "identity.password_too_short");
  EXPECT_EQ(CheckPasswordRules(std::string(129, 'a')).error().reason, "identity.password_too_long");
  std::vector<std::string> names = {"13800138000", "11010519491231002X"};
  EXPECT_EQ(CheckPasswordRules("13800138000", names).error().reason, "identity.password_is_login_name");
  EXPECT_EQ(CheckPasswordRules("11010519491231002x", names).error().reason,
            "identity.password_is_login_name");
  EXPECT_EQ(CheckPasswordRules("Password1").error().reason, "identity.password_common");
  EXPECT_EQ(CheckPasswordRules("12345678").error().reason, "identity.password_common");
}

TEST(PasswordHashTest, Argon2idVerifiesAndSaltsEachHash) {
  std::string a = HashPassword("correct horse");
  std::string b = HashPassword("correct horse");
  EXPECT_EQ(a.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << a;
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "correct horse"));
  EXPECT_FALSE(VerifyPassword(a, "correct horsE"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse"));
  EXPECT_FALSE(PasswordNeedsRehash(a));
  // Other parameters (an older, cheaper setting) need a rehash.
  std::string older = a;
  older.replace(older.find("t=2"), 3, "t=1");
  EXPECT_TRUE(PasswordNeedsRehash(older));
}

TEST(LockoutTest, StartsAtTheFifthFailureAndDoublesUpToADay) {
  AuthOptions o;
  EXPECT_EQ(LockoutAfter(o, 0), milliseconds(0));
  EXPECT_EQ(LockoutAfter(o, 4), milliseconds(0));
  EXPECT_EQ(LockoutAfter(o, 5), minutes(1));
  EXPECT_EQ(LockoutAfter(o, 6), minutes(2));
  EXPECT_EQ(LockoutAfter(o, 7), minutes(4));
  EXPECT_EQ(LockoutAfter(o, 15), minutes(1024));
  EXPECT_EQ(LockoutAfter(o, 16), std::chrono::hours(24));
  EXPECT_EQ(LockoutAfter(o, 1000), std::chrono::hours(24));
}

TEST(RetryAfterTest, OnlyThrottlingErrorsCarryIt) {
  Error throttled = Error::Make(ErrorCode::kResourceExhausted, "identity.too_many_attempts", "", "")
                        .WithDetail("retry_after_s=61");
  EXPECT_EQ(RetryAfterSeconds(throttled), 61);
  EXPECT_FALSE(RetryAfterSeconds(Error::Make(ErrorCode::kResourceExhausted, "http.body_too_large", "", "")));
  Error other = Error::Make(ErrorCode::kInvalidArgument, "x", "", "").WithDetail("retry_after_s=5");
  EXPECT_FALSE(RetryAfterSeconds(other));
}

TEST(SmsSignatureTest, IsHmacSm3OverTimestampNewlineBody) {
  std::string sig = HttpSmsSender::Sign("secret", "1700000000000", "{\"a\":1}");
  EXPECT_EQ(sig, crypto::ToHex(crypto::HmacSm3("secret", "1700000000000\n{\"a\":1}")));
  // The same value from Node's crypto.createHmac('sm3', …), as the sandbox computes it.
  EXPECT_EQ(sig, "64dae680ecd20b31ff6b212b68f671b9c00a96072aea9733983cc52af3b0a454");
  EXPECT_NE(sig, HttpSmsSender::Sign("secret", "1700000000001", "{\"a\":1}"));
}

TEST(SmsGatewayResponseTest, PlainAndChunkedBodiesAndCodes) {
  EXPECT_EQ(DecodeChunked("7\r\n{\"code\"\r\nA\r\n:\"OK\"}    \r\n0\r\n\r\n"), "{\"code\":\"OK\"}    ");
  EXPECT_EQ(DecodeChunked("3;ext=1\r\nabc\r\n0\r\n\r\n"), "abc");
  EXPECT_FALSE(DecodeChunked("5\r\nab"));            // cut short
  EXPECT_FALSE(DecodeChunked("zz\r\nab\r\n0\r\n"));  // not hex
  EXPECT_TRUE(DecodeSmsResponse(200, "{\"code\":\"OK\",\"message\":\"accepted\"}").ok());
  EXPECT_TRUE(DecodeSmsResponse(200, "{\"code\":\"DUPLICATE\"}").ok());
  Status refused = DecodeSmsResponse(401, "{\"code\":\"BAD_SIGNATURE\"}");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(DecodeSmsResponse(200, "not json").ok());
  EXPECT_FALSE(DecodeSmsResponse(200, "{\"code\":\"QUOTA_EXCEEDED\"}").ok());
}

}  // namespace
}  // namespace tongban::identity
