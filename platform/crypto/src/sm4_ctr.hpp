// Private to tongban::crypto: raw SM4 (GB/T 32907-2016) in counter mode, the
// confidentiality half of SealingKey. Unauthenticated on its own — never use
// it outside the encrypt-then-MAC construction in sealing_key.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tongban::crypto::detail {

inline constexpr std::size_t kSm4KeySize = 16;
inline constexpr std::size_t kSm4BlockSize = 16;
using Sm4Key = std::array<std::uint8_t, kSm4KeySize>;
using Sm4Iv = std::array<std::uint8_t, kSm4BlockSize>;

// XORs `input` with the SM4-CTR keystream: block i of the keystream is
// SM4(key, iv + i), the whole 16-byte IV read as one big-endian counter (the
// OpenSSL and NIST SP 800-38A convention). Encrypting and decrypting are the
// same operation. Writes input.size() bytes to `out` (which may equal input).
void Sm4CtrXor(const Sm4Key& key, const Sm4Iv& iv, std::string_view input, char* out);

}  // namespace tongban::crypto::detail
