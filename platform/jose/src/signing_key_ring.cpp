#include "jose/signing_key_ring.hpp"

#include <algorithm>

namespace tongban::jose {
namespace {

Error UnknownKid(std::string_view kid) {
  return Error::Make(ErrorCode::kNotFound, "jose.unknown_kid", "签名密钥不存在", "no such signing key")
      .WithDetail("kid " + std::string(kid));
}

bool IsLive(const KeyRingEntry& entry, Instant now) {
  return entry.state != KeyState::kRetired &&
         (entry.state != KeyState::kRetiring || now < entry.retiring_until);
}

}  // namespace

std::string_view KeyStateCode(KeyState state) {
  switch (state) {
    case KeyState::kUpcoming: return "upcoming";
    case KeyState::kActive: return "active";
    case KeyState::kRetiring: return "retiring";
    case KeyState::kRetired: return "retired";
  }
  return "";
}

std::optional<KeyState> ParseKeyState(std::string_view code) {
  for (KeyState state : {KeyState::kUpcoming, KeyState::kActive, KeyState::kRetiring, KeyState::kRetired}) {
    if (KeyStateCode(state) == code) return state;
  }
  return std::nullopt;
}

Result<SigningKeyRing> SigningKeyRing::FromEntries(std::vector<KeyRingEntry> entries) {
  SigningKeyRing ring;
  for (KeyRingEntry& entry : entries) {
    if (entry.state == KeyState::kRetired) continue;
    if (ring.FindEntry(entry.key.kid()) != nullptr) {
      return Error::Make(ErrorCode::kInvalidArgument, "jose.duplicate_kid", "密钥标识重复",
                         "two signing keys have the same key ID")
          .WithDetail("kid " + entry.key.kid());
    }
    if (entry.state == KeyState::kActive && ring.ActiveKey(entry.key.algorithm()).ok()) {
      return Error::Make(ErrorCode::kInvalidArgument, "jose.two_active_keys", "同一算法有两个在用签名密钥",
                         "two signing keys are active for one algorithm")
          .WithDetail("alg " + std::string(AlgorithmName(entry.key.algorithm())));
    }
    ring.entries_.push_back(std::move(entry));
  }
  return ring;
}

Status SigningKeyRing::Add(SigningKey key) {
  if (FindEntry(key.kid()) != nullptr) {
    return Error::Make(ErrorCode::kAlreadyExists, "jose.duplicate_kid", "密钥标识重复",
                       "a signing key with this key ID exists")
        .WithDetail("kid " + key.kid());
  }
  entries_.push_back(KeyRingEntry{std::move(key), KeyState::kUpcoming, {}});
  return Status::Ok();
}

Status SigningKeyRing::Activate(std::string_view kid, Instant now, Instant previous_retiring_until) {
  KeyRingEntry* next = FindEntry(kid);
  if (next == nullptr || !IsLive(*next, now)) return UnknownKid(kid);
  if (next->state == KeyState::kActive) return Status::Ok();
  for (KeyRingEntry& entry : entries_) {
    if (entry.state == KeyState::kActive && entry.key.algorithm() == next->key.algorithm()) {
      entry.state = KeyState::kRetiring;
      entry.retiring_until = previous_retiring_until;
    }
  }
  next->state = KeyState::kActive;
  next->retiring_until = {};
  return Status::Ok();
}

Status SigningKeyRing::Rotate(SigningKey new_key, Instant now, Instant previous_retiring_until) {
  std::string kid = new_key.kid();
  TONGBAN_RETURN_IF_ERROR(Add(std::move(new_key)));
  return Activate(kid, now, previous_retiring_until);
}

Status SigningKeyRing::Retire(std::string_view kid) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const KeyRingEntry& e) { return e.key.kid() == kid; });
  if (it == entries_.end()) return UnknownKid(kid);
  if (it->state == KeyState::kActive) {
    return Error::Make(ErrorCode::kFailedPrecondition, "jose.key_active", "不能停用在用的签名密钥",
                       "the active signing key cannot be retired; activate its successor first")
        .WithDetail("kid " + std::string(kid));
  }
  entries_.erase(it);
  return Status::Ok();
}

void SigningKeyRing::Prune(Instant now) {
  std::erase_if(entries_, [&](const KeyRingEntry& e) { return !IsLive(e, now); });
}

Result<SigningKey> SigningKeyRing::ActiveKey(Algorithm algorithm) const {
  for (const KeyRingEntry& entry : entries_) {
    if (entry.state == KeyState::kActive && entry.key.algorithm() == algorithm) return entry.key;
  }
  return Error::Make(ErrorCode::kFailedPrecondition, "jose.no_active_key", "没有可用的签名密钥",
                     "no signing key is active for this algorithm")
      .WithDetail("alg " + std::string(AlgorithmName(algorithm)));
}

KeyState SigningKeyRing::StateOf(std::string_view kid, Instant now) const {
  const KeyRingEntry* entry = FindEntry(kid);
  if (entry == nullptr || !IsLive(*entry, now)) return KeyState::kRetired;
  return entry->state;
}

JwkSet SigningKeyRing::PublishedKeys(Instant now) const {
  JwkSet set;
  for (const KeyRingEntry& entry : entries_) {
    // Kids are unique in the ring, so Add cannot fail.
    if (IsLive(entry, now)) (void)set.Add(entry.key.PublicKey());
  }
  return set;
}

KeyRingEntry* SigningKeyRing::FindEntry(std::string_view kid) {
  for (KeyRingEntry& entry : entries_) {
    if (entry.key.kid() == kid) return &entry;
  }
  return nullptr;
}

const KeyRingEntry* SigningKeyRing::FindEntry(std::string_view kid) const {
  for (const KeyRingEntry& entry : entries_) {
    if (entry.key.kid() == kid) return &entry;
  }
  return nullptr;
}

}  // namespace tongban::jose
