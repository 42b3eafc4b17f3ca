#include "signing_keys.hpp"

#include "core/utc.hpp"
#include "crypto/base64url.hpp"
#include "oidc/model.hpp"
#include "outbox/outbox.hpp"
#include "sql_oidc_store.hpp"

namespace tongban::oidc {
namespace {

// Serialises key creation and rotation between processes (PostgreSQL).
constexpr std::int64_t kKeyLock = 0x6f696463'6b657973;  // "oidckeys"

std::string Where(const std::string& kid) {
  return "oidc_signing_keys/" + kid + "/private_key";
}

std::int64_t ToSeconds(calendar::Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

calendar::Instant FromSeconds(std::int64_t s) {
  return calendar::Instant(std::chrono::seconds(s));
}

StoredSigningKey Seal(const crypto::SealingKey& sealing, const jose::SigningKey& key, jose::KeyState state,
                      std::int64_t retiring_until) {
  return StoredSigningKey{
      key.kid(), std::string(jose::AlgorithmName(key.algorithm())), std::string(jose::KeyStateCode(state)),
      crypto::Base64UrlEncode(sealing.Seal(key.ToPem(), Where(key.kid()))), retiring_until};
}

}  // namespace

SigningKeys::SigningKeys(db::Database& db, const crypto::SymmetricKey& data_key, const calendar::Clock& clock)
    : db_(db), sealing_(data_key), clock_(clock) {}

Status SigningKeys::Start() {
  // Generated outside the unit: a unit may run more than once.
  jose::SigningKey ed = jose::SigningKey::Generate(jose::Algorithm::kEdDsa);
  jose::SigningKey es = jose::SigningKey::Generate(jose::Algorithm::kEs256);
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    tx.LockForTransaction(kKeyLock);
    SqlOidcStore store(tx);
    bool has_ed = false;
    bool has_es = false;
    for (const StoredSigningKey& k : store.ListSigningKeys()) {
      if (k.state != "active") continue;
      has_ed = has_ed || k.algorithm == "EdDSA";
      has_es = has_es || k.algorithm == "ES256";
    }
    std::string now = NowUtcMillis();
    for (const auto& [present, key] : {std::pair{has_ed, &ed}, std::pair{has_es, &es}}) {
      if (present) continue;
      store.InsertSigningKey(Seal(sealing_, *key, jose::KeyState::kActive, 0), now);
      audit::Append(tx,
                    audit::Record{audit::Actor{"system:oidc", "system", "", ""}, "oidc.signing_key.create",
                                  "oidc_signing_key", key->kid(), "", audit::Outcome::kSuccess,
                                  std::string(jose::AlgorithmName(key->algorithm()))});
      outbox::Publish(tx, outbox::NewEvent{"oidc.signing_key.created", "oidc_signing_key", key->kid(),
                                           "{\"kid\":\"" + key->kid() + "\"}", ""});
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::lock_guard lock(mu_);
  return Reload();
}

Status SigningKeys::Reload() {
  std::vector<StoredSigningKey> stored;
  db_.Run([&](db::Transaction& tx) { stored = SqlOidcStore(tx).ListSigningKeys(); });
  calendar::Instant now = clock_.Now();
  std::vector<jose::KeyRingEntry> entries;
  for (const StoredSigningKey& k : stored) {
    auto state = jose::ParseKeyState(k.state);
    if (!state || *state == jose::KeyState::kRetired) continue;
    if (*state == jose::KeyState::kRetiring && FromSeconds(k.retiring_until) <= now) continue;
    auto raw = crypto::Base64UrlDecode(k.sealed_private_key);
    if (!raw) {
      return Error::Make(ErrorCode::kInternal, "oidc.signing_key_unreadable", "内部错误", "Internal error")
          .WithDetail("signing key " + k.kid + " is not base64url");
    }
    auto pem = sealing_.Open(*raw, Where(k.kid));
    if (!pem.ok()) {
      return Error::Make(ErrorCode::kInternal, "oidc.signing_key_unreadable", "内部错误", "Internal error")
          .WithDetail("signing key " + k.kid + " does not open under the data encryption key");
    }
    auto key = jose::SigningKey::FromPem(*pem);
    if (!key.ok()) return key.error();
    entries.push_back(jose::KeyRingEntry{*key, *state, FromSeconds(k.retiring_until)});
  }
  auto ring = jose::SigningKeyRing::FromEntries(std::move(entries));
  if (!ring.ok()) return ring.error();
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->ring = std::move(ring).value();
  snapshot->published = snapshot->ring.PublishedKeys(now);
  snapshot->jwks_json = snapshot->published.ToJson();
  current_ = std::move(snapshot);
  loaded_at_ = now;
  return Status::Ok();
}

std::shared_ptr<const SigningKeys::Snapshot> SigningKeys::Current() {
  std::lock_guard lock(mu_);
  if (clock_.Now() - loaded_at_ >= std::chrono::seconds(kReloadSeconds) || !current_) {
    Status st = Reload();
    // Keep serving with the keys we have if the database is briefly away.
    if (!st.ok() && !current_) throw FatalError(st.error());
  }
  return current_;
}

Result<std::string> SigningKeys::Rotate(jose::Algorithm algorithm, const audit::Actor& actor,
                                        const std::string& request_id) {
  jose::SigningKey fresh = jose::SigningKey::Generate(algorithm);
  calendar::Instant now = clock_.Now();
  // The replaced key signed tokens up to now; the longest-lived of them
  // expires kIdTokenLifetime/kAccessTokenLifetime later, plus a reload period
  // for other processes that may still sign with it until they reload.
  std::int64_t until =
      ToSeconds(now) + std::max(kAccessTokenLifetime, kIdTokenLifetime) + kReloadSeconds + 60;
  Status st = db_.Write([&](db::Transaction& tx) -> Status {
    tx.LockForTransaction(kKeyLock);
    SqlOidcStore store(tx);
    std::string name(jose::AlgorithmName(algorithm));
    for (const StoredSigningKey& k : store.ListSigningKeys()) {
      if (k.algorithm == name && k.state == "active") store.SetSigningKeyState(k.kid, "retiring", until);
    }
    store.InsertSigningKey(Seal(sealing_, fresh, jose::KeyState::kActive, 0), NowUtcMillis());
    audit::Append(tx, audit::Record{actor, "oidc.signing_key.rotate", "oidc_signing_key", fresh.kid(),
                                    request_id, audit::Outcome::kSuccess, name});
    outbox::Publish(
        tx, outbox::NewEvent{"oidc.signing_key.rotated", "oidc_signing_key", fresh.kid(),
                             "{\"kid\":\"" + fresh.kid() + "\",\"alg\":\"" + name + "\"}", request_id});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  std::lock_guard lock(mu_);
  TONGBAN_RETURN_IF_ERROR(Reload());
  return fresh.kid();
}

}  // namespace tongban::oidc
