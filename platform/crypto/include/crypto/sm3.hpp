// SM3 (GB/T 32905-2016), the national-standard 256-bit hash, and HMAC-SM3
// (RFC 2104 construction with SM3, block size 64 bytes).
//
// Used for the audit hash chain, content addresses of uploaded files, the
// authentication tag of sealed data and blind indexes. All functions are
// thread-safe; an Sm3Hasher object is not (use one per thread).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tongban::crypto {

inline constexpr std::size_t kSm3DigestSize = 32;
using Sm3Digest = std::array<std::uint8_t, kSm3DigestSize>;

// One-shot digest of `data`.
Sm3Digest Sm3(std::string_view data);

// Lower-case hex of the digest (64 characters) — the form stored in text columns.
std::string Sm3Hex(std::string_view data);

// The digest as 32 raw bytes, or as 64 lower-case hex characters.
std::string ToBytes(const Sm3Digest& digest);
std::string ToHex(const Sm3Digest& digest);

// HMAC-SM3 of `data` under `key` (any length; keys longer than 64 bytes are
// hashed first, as RFC 2104 says).
Sm3Digest HmacSm3(std::string_view key, std::string_view data);

// Incremental SM3 for data that arrives in pieces (uploads, audit chains):
//   Sm3Hasher h; h.Update(a); h.Update(b); Sm3Digest d = h.Finish();
// Finish() returns the digest of everything since construction or the last
// Finish(), and leaves the hasher empty and ready for reuse. A moved-from
// hasher may only be destroyed or assigned to.
class Sm3Hasher {
 public:
  Sm3Hasher();
  ~Sm3Hasher();
  Sm3Hasher(Sm3Hasher&&) noexcept;
  Sm3Hasher& operator=(Sm3Hasher&&) noexcept;
  Sm3Hasher(const Sm3Hasher&) = delete;
  Sm3Hasher& operator=(const Sm3Hasher&) = delete;

  void Update(std::string_view data);
  Sm3Digest Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tongban::crypto
