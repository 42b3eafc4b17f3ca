// Cryptographically secure random bytes (OpenSSL's DRBG, seeded from the
// operating system). Thread-safe. A failing generator aborts the unit of work
// with FatalError — there is no safe fallback.
#pragma once

#include <cstddef>
#include <string>

namespace tongban::crypto {

// `size` random bytes.
std::string RandomBytes(std::size_t size);

// `size` random bytes as unpadded base64url text (43 characters for the
// default 32 bytes): session tokens, one-time codes in links, nonces.
std::string RandomToken(std::size_t size = 32);

}  // namespace tongban::crypto
