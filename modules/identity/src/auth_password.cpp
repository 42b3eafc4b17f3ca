#include "auth_password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "auth_store.hpp"
#include "core/error.hpp"
#include "core/utc.hpp"
#include "identity/authentication.hpp"

namespace tongban::identity {
namespace {

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) {
    throw FatalError(Error::Make(ErrorCode::kInternal, "identity.sodium_init", "内部错误", "Internal error")
                         .WithDetail("sodium_init failed"));
  }
}

// A short list of the passwords most often seen in breaches, Chinese sites
// included (CSDN 2011, 12306 2014 lists); rules beyond length catch the rest
// of such lists poorly, this catches their head.
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "12345678",  "123456789",  "1234567890", "11111111",  "00000000",  "88888888", "66666666",   "87654321",
    "12341234",  "11223344",   "123123123",  "1qaz2wsx",  "1q2w3e4r",  "qwertyui", "qwerty123",  "password",
    "password1", "passw0rd",   "iloveyou",   "abc12345",  "abcd1234",  "a1234567", "a12345678",  "admin123",
    "admin888",  "woaini1314", "5201314520", "qq123456",  "aa123456",  "asdfghjk", "zxcvbnm123", "1234qwer",
    "qwer1234",  "123qweasd",  "123456abc",  "abc123456", "12345678a", "P@ssw0rd", "welcome1",   "changeme",
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Error Weak(const char* reason, const char* zh, const char* en) {
  return Error::Make(ErrorCode::kInvalidArgument, reason, zh, en, std::string(kPasswordField));
}

}  // namespace

std::string HashPassword(std::string_view password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit, kPasswordMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw FatalError(Error::Make(ErrorCode::kResourceExhausted, "identity.password_hash_failed", "服务器繁忙",
                                 "Server busy")
                         .WithDetail("crypto_pwhash_str_alg: out of memory"));
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  InitSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& hash) {
  InitSodium();
  // Also true for a hash of another algorithm (argon2i).
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kPasswordOpsLimit, kPasswordMemLimit) != 0 ||
         hash.rfind("$argon2id$", 0) != 0;
}

void VerifyAgainstDummy(std::string_view password) {
  static const std::string dummy = HashPassword("tongban-dummy-password-for-timing");
  (void)VerifyPassword(dummy, password);
}

Status CheckPasswordRules(std::string_view password, std::span<const std::string> login_names) {
  std::size_t chars = CodePoints(password);
  if (chars < kMinPasswordChars) {
    return Weak("identity.password_too_short", "密码至少 8 个字符",
                "The password needs at least 8 characters");
  }
  if (chars > kMaxPasswordChars) {
    return Weak("identity.password_too_long", "密码最多 128 个字符",
                "The password may have at most 128 characters");
  }
  std::string lower = Lower(password);
  for (const std::string& name : login_names) {
    if (!name.empty() && lower == Lower(name)) {
      return Weak("identity.password_is_login_name", "密码不能与登录名相同",
                  "The password must not be the login name");
    }
  }
  for (std::string_view common : kCommonPasswords) {
    if (lower == Lower(common)) {
      return Weak("identity.password_common", "密码过于常见，请换一个",
                  "This password is too common; choose another");
    }
  }
  return Status::Ok();
}

Status SetPassword(db::Transaction& tx, const std::string& subject_id, const std::string& password) {
  TONGBAN_RETURN_IF_ERROR(CheckPasswordRules(password));
  SqlAuthStore(tx).UpsertPassword(subject_id, HashPassword(password), NowUtcMillis());
  return Status::Ok();
}

}  // namespace tongban::identity
