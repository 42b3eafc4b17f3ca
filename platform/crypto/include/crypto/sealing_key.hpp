// Authenticated encryption of personal data at rest: SM4-CTR then HMAC-SM3
// (encrypt-then-MAC). OpenSSL 3.0 — the version in Debian 12 — has no SM4-GCM,
// so the AEAD is composed from two national-standard primitives.
//
// Sealed format, version 1 (all lengths in bytes):
//
//   version (1) = 0x01 || IV (16, random) || ciphertext (= plaintext length) || tag (32)
//   tag = HMAC-SM3(mac_key, version || IV || uint64_be(len(AD)) || AD || ciphertext)
//
// The associated data (AD) is authenticated but not stored: pass the same AD to
// Open() as to Seal(). Bind a value to where it lives — e.g. "person/<id>/id_number"
// — so that a sealed value copied into another row or column fails to open.
//
// Key derivation: the 32-byte master key is never used directly. Two subkeys
// come from HKDF-Expand (RFC 5869 §2.3) with HMAC-SM3, PRK = master key:
//
//   enc_key (16) = HMAC-SM3(master, "tongban seal v1 sm4-ctr key"  || 0x01)[0..16)
//   mac_key (32) = HMAC-SM3(master, "tongban seal v1 hmac-sm3 key" || 0x01)
//
// HKDF-Extract is skipped because the master key is already uniformly random
// (RFC 5869 §3.3).
//
// Limits: with a random 128-bit IV the chance of a keystream overlap stays
// negligible for far more than 2^32 seals under one key. Thread-safe: Seal and
// Open are const and keep no shared mutable state.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "crypto/symmetric_key.hpp"

namespace tongban::crypto {

class SealingKey {
 public:
  static constexpr std::uint8_t kVersion = 0x01;
  static constexpr std::size_t kIvSize = 16;
  static constexpr std::size_t kTagSize = 32;
  // Sealed size = plaintext size + kOverhead.
  static constexpr std::size_t kOverhead = 1 + kIvSize + kTagSize;

  explicit SealingKey(const SymmetricKey& master_key);
  SealingKey(const SealingKey&) = default;
  SealingKey& operator=(const SealingKey&) = default;
  ~SealingKey();

  // Encrypts and authenticates `plaintext` (may be empty) under a fresh random
  // IV; the result is binary (store as BYTEA/BLOB, or base64url it).
  std::string Seal(std::string_view plaintext, std::string_view associated_data) const;

  // The plaintext, or kInvalidArgument "crypto.tag_mismatch" when `sealed` is
  // truncated, of an unknown version, was sealed under another key or another
  // associated data, or has any byte changed. The tag is checked in constant
  // time before anything is decrypted.
  Result<std::string> Open(std::string_view sealed, std::string_view associated_data) const;

 private:
  std::array<std::uint8_t, 16> enc_key_{};
  std::array<std::uint8_t, 32> mac_key_{};
};

}  // namespace tongban::crypto
