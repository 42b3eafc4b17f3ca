// The process's long-lived keys, loaded from files named in the configuration
// (file formats: platform/crypto/README.md).
//
// Every key file must be a regular file that neither group nor others may read
// or write (mode 0600, 0400 or stricter); LoadKeySet refuses anything looser,
// naming the file, rather than run with a leaked key.
#pragma once

#include <filesystem>

#include "core/error.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/sm2.hpp"
#include "crypto/symmetric_key.hpp"

namespace tongban::crypto {

// Where each key lives; the configuration names these files.
struct KeySetPaths {
  std::filesystem::path data_encryption_key;  // 64 hex characters: SealingKey master key
  std::filesystem::path blind_index_key;      // 64 hex characters: BlindIndex key
  std::filesystem::path sm2_signing_key;      // PEM PKCS#8 SM2 private key
  std::filesystem::path ed25519_signing_key;  // PEM PKCS#8 Ed25519 private key

  // The conventional names inside one directory: data_encryption.key,
  // blind_index.key, sm2_signing.pem, ed25519_signing.pem.
  static KeySetPaths InDirectory(const std::filesystem::path& dir);
};

struct KeySet {
  SymmetricKey data_encryption_key;  // master key of SealingKey (SM4-CTR + HMAC-SM3)
  SymmetricKey blind_index_key;      // key of BlindIndex (HMAC-SM3)
  Sm2PrivateKey sm2_signing_key;
  Ed25519PrivateKey ed25519_signing_key;

  // A fresh random key set held only in memory, for tests.
  static KeySet Generate();
};

// Loads all four keys. kFailedPrecondition with the file's path in the
// message, reason:
//   crypto.key_file_missing      the file does not exist
//   crypto.key_file_unreadable   cannot be opened or read, or is not a regular file
//   crypto.key_file_permissions  group or others have any access (chmod 600 fixes it)
//   crypto.key_file_malformed    wrong length, not hex, not an unencrypted PEM
//                                private key of the expected algorithm
Result<KeySet> LoadKeySet(const KeySetPaths& paths);

// Writes a fresh demo key set into `dir` under KeySetPaths::InDirectory names
// and returns those paths. Creates `dir` (mode 0700; missing parents with the
// default mode) if absent; leaves an existing directory's mode alone. Files
// are created with mode 0600. Refuses — kAlreadyExists
// "crypto.key_file_exists", naming the file, before writing anything — if any
// of the four files exists; never overwrites a key. Other failures:
// kFailedPrecondition "crypto.key_file_unwritable".
Result<KeySetPaths> GenerateKeySet(const std::filesystem::path& dir);

}  // namespace tongban::crypto
