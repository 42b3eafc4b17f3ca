// SHA-256 (FIPS 180-4), for the protocols that name it: PKCE's S256 code
// challenge (RFC 7636 §4.2) and OpenID Connect's at_hash/c_hash. Everything of
// our own hashes with SM3 (sm3.hpp). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tongban::crypto {

// The 32-byte digest of `data`.
std::string Sha256(std::string_view data);

}  // namespace tongban::crypto
