// Password hashing (argon2id through libsodium). libsodium stays inside
// auth_password.cpp; the rest of the module sees PHC strings only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tongban::identity {

// The cost chosen for a 2-core server (README: measured CPU ms per hash):
// argon2id, t = 2 passes over m = 19 MiB, one lane — the OWASP minimum
// (m = 19 MiB, t = 2, p = 1), about 21 ms of one core (README).
inline constexpr std::uint64_t kPasswordOpsLimit = 2;
inline constexpr std::size_t kPasswordMemLimit = 19u * 1024u * 1024u;

// A "$argon2id$v=19$m=19456,t=2,p=1$…" string with a fresh random salt.
std::string HashPassword(std::string_view password);
// True when `password` matches `hash` (constant-time in libsodium).
bool VerifyPassword(const std::string& hash, std::string_view password);
// True when `hash` was made with other parameters than today's (rehash on login).
bool PasswordNeedsRehash(const std::string& hash);
// Spends the time of one verification, for logins of unknown accounts.
void VerifyAgainstDummy(std::string_view password);

}  // namespace tongban::identity
