// Blind index: a keyed, deterministic fingerprint of a personal identifier,
// stored beside its sealed (randomly encrypted) value so that an exact-match
// lookup ("find the person with this ID-card number") is an indexed equality
// query without decrypting every row.
//
//   BlindIndex(key, value) = lower-case hex of HMAC-SM3(key, value)  (64 characters)
//
// Without the key the index reveals nothing but equality. Normalise the value
// before indexing it (e.g. upper-case the check character 'X' of an ID-card
// number, strip spaces from a phone number), or equal values will not match.
// Use the dedicated blind-index key of the KeySet, never the sealing master key.
#pragma once

#include <string>
#include <string_view>

#include "crypto/symmetric_key.hpp"

namespace tongban::crypto {

std::string BlindIndex(const SymmetricKey& key, std::string_view value);

}  // namespace tongban::crypto
