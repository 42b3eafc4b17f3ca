// 签名密钥轮换 — the provider's signing keys over time: which key signs now,
// which are published in the JWKS, and which are still accepted.
//
// A key's life: upcoming → active → retiring → retired.
//   upcoming   published in the JWKS and accepted, not yet used for signing. A
//              new key waits here until relying parties' cached JWKS have
//              picked it up (publish first, sign later).
//   active     signs; exactly one per algorithm once that algorithm has been
//              activated (ActiveKey is an error before).
//   retiring   replaced by a newer active key; still published and accepted
//              until `retiring_until` (set it to the moment the last token it
//              signed expires), so tokens signed just before the rotation keep
//              verifying. At `retiring_until` it is retired.
//   retired    gone: neither published nor accepted. Retire() does it at once
//              (a compromised key); Prune() forgets keys whose time is up.
//
// Pure logic with no clock: every time-dependent question takes `now`. The
// stored form is Entries()/FromEntries(); the codes of KeyStateCode() are the
// stored codes. Not synchronised: the caller holds it behind a mutex, or
// builds a new ring and swaps a shared_ptr<const SigningKeyRing>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jwt.hpp"
#include "jose/signing_key.hpp"

namespace tongban::jose {

enum class KeyState { kUpcoming, kActive, kRetiring, kRetired };

// Stable stored codes: "upcoming", "active", "retiring", "retired".
std::string_view KeyStateCode(KeyState state);
std::optional<KeyState> ParseKeyState(std::string_view code);

struct KeyRingEntry {
  SigningKey key;
  KeyState state = KeyState::kUpcoming;
  Instant retiring_until{};  // meaningful for kRetiring only
};

class SigningKeyRing {
 public:
  SigningKeyRing() = default;

  // Rebuilds a ring from stored entries. Retired entries are dropped.
  // kInvalidArgument "jose.duplicate_kid", or "jose.two_active_keys" when two
  // entries are active for one algorithm.
  static Result<SigningKeyRing> FromEntries(std::vector<KeyRingEntry> entries);

  // Adds `key` as upcoming. kAlreadyExists "jose.duplicate_kid".
  Status Add(SigningKey key);

  // Makes `kid` (upcoming or retiring) the active key of its algorithm; the key
  // active for that algorithm until now becomes retiring until
  // `previous_retiring_until`. Activating the active key changes nothing.
  // kNotFound "jose.unknown_kid" (never added, or retired — also a retiring key
  // whose time is up at `now`).
  Status Activate(std::string_view kid, Instant now, Instant previous_retiring_until);

  // Add(new_key) then Activate(new_key.kid(), ...): rotation without the
  // upcoming wait, for a first key or when no relying party caches the JWKS.
  Status Rotate(SigningKey new_key, Instant now, Instant previous_retiring_until);

  // Withdraws a key at once (compromise): it is neither published nor accepted.
  // kNotFound "jose.unknown_kid"; kFailedPrecondition "jose.key_active" for the
  // active key (activate its successor first).
  Status Retire(std::string_view kid);

  // Forgets retiring keys whose time is up at `now`.
  void Prune(Instant now);

  // The key that signs for `algorithm`. kFailedPrecondition "jose.no_active_key".
  Result<SigningKey> ActiveKey(Algorithm algorithm) const;

  // The state of `kid` at `now`; kRetired for keys unknown to the ring.
  KeyState StateOf(std::string_view kid, Instant now) const;

  // Upcoming, active and still-retiring keys at `now`: the JWKS to publish and
  // the set to verify our own tokens with.
  JwkSet PublishedKeys(Instant now) const;

  // Everything not yet pruned, in insertion order (a retiring key past its
  // time is still listed as retiring until Prune).
  const std::vector<KeyRingEntry>& Entries() const { return entries_; }

 private:
  KeyRingEntry* FindEntry(std::string_view kid);
  const KeyRingEntry* FindEntry(std::string_view kid) const;

  std::vector<KeyRingEntry> entries_;
};

}  // namespace tongban::jose
