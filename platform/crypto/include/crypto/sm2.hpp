// SM2 digital signatures (GB/T 32918.2-2016) with SM3, as GM/T 0009-2012
// specifies them: the signed digest is SM3(Z_A || message), where Z_A hashes
// the signer's distinguishing ID and public key. Signatures are DER
// SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009 §7.2), typically 70–72 bytes.
//
// The ID defaults to "1234567812345678" (GM/T 0009) on signing AND verifying.
// OpenSSL 3.0 would otherwise use an empty ID, and its signatures would fail
// with every other GM implementation. Interop check from the shell:
//   openssl pkeyutl -sign   -rawin -digest sm3 -pkeyopt distid:1234567812345678 -inkey key.pem ...
//   openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey pub.pem ...
//
// Keys are immutable and cheap to copy (shared); all methods are thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tongban::crypto {

namespace detail {
class Pkey;
}

inline constexpr std::string_view kSm2DefaultId = "1234567812345678";
// Z_A carries the ID's length in bits in 16 bits (ENTL); OpenSSL takes up to 8190 bytes.
inline constexpr std::size_t kSm2MaxIdSize = 8190;

class Sm2PublicKey {
 public:
  // PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----") of a key on the
  // SM2 curve. kInvalidArgument "crypto.malformed_key" / "crypto.wrong_key_type".
  static Result<Sm2PublicKey> FromPem(std::string_view pem);
  std::string ToPem() const;

  // OK, or kInvalidArgument "crypto.bad_signature" for a wrong, malformed or
  // non-DER signature, another message or another ID.
  Status Verify(std::string_view message, std::string_view signature,
                std::string_view id = kSm2DefaultId) const;

 private:
  friend class Sm2PrivateKey;
  explicit Sm2PublicKey(std::shared_ptr<const detail::Pkey> key);
  std::shared_ptr<const detail::Pkey> key_;
};

class Sm2PrivateKey {
 public:
  static Sm2PrivateKey Generate();
  // Unencrypted PEM PKCS#8 ("-----BEGIN PRIVATE KEY-----", as written by
  // `openssl genpkey -algorithm SM2`); SEC1 "EC PRIVATE KEY" on the SM2 curve
  // is accepted too. Encrypted PEM is refused, never prompted for.
  static Result<Sm2PrivateKey> FromPem(std::string_view pem);
  // Unencrypted PKCS#8 PEM; whoever writes it to disk must protect the file.
  std::string ToPem() const;

  Sm2PublicKey PublicKey() const;

  // DER signature over `message` (hashed internally with SM3 and Z_A). An ID
  // longer than kSm2MaxIdSize is a programming error: FatalError
  // "crypto.sm2_id_too_long" (Verify simply fails for such an ID).
  std::string Sign(std::string_view message, std::string_view id = kSm2DefaultId) const;

 private:
  explicit Sm2PrivateKey(std::shared_ptr<const detail::Pkey> key);
  std::shared_ptr<const detail::Pkey> key_;
};

}  // namespace tongban::crypto
