// 签名密钥 — the provider's signing keys: an EdDSA key (the default, used for
// every token) and an ES256 key (published for relying parties whose libraries
// lack EdDSA), private keys sealed at rest (SM4-CTR + HMAC-SM3 under the data
// encryption key, bound to the key's row), rotated with overlap: the replaced
// key stays in the JWKS until the last token it signed has expired.
//
// Thread-safe. The ring is reloaded from the database at most every
// kReloadSeconds, so that a rotation by another process (PostgreSQL) or by the
// command line is picked up.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "crypto/sealing_key.hpp"
#include "db/database.hpp"
#include "jose/signing_key_ring.hpp"
#include "time/clock.hpp"

namespace tongban::oidc {

class SigningKeys {
 public:
  static constexpr int kReloadSeconds = 60;

  SigningKeys(db::Database& db, const crypto::SymmetricKey& data_key, const calendar::Clock& clock);

  // Loads the keys; creates the first EdDSA and ES256 keys when there are none.
  Status Start();

  struct Snapshot {
    jose::SigningKeyRing ring;
    jose::JwkSet published;  // upcoming, active and retiring keys
    std::string jwks_json;
  };
  // The current keys (reloaded when stale).
  std::shared_ptr<const Snapshot> Current();

  // Replaces the active key of `algorithm`; returns the new kid.
  Result<std::string> Rotate(jose::Algorithm algorithm, const audit::Actor& actor,
                             const std::string& request_id);

 private:
  Status Reload();

  db::Database& db_;
  crypto::SealingKey sealing_;
  const calendar::Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const Snapshot> current_;
  calendar::Instant loaded_at_{};
};

}  // namespace tongban::oidc
