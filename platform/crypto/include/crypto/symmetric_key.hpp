// A 256-bit secret: the master key of sealed data, or the key of a blind
// index. Holding the bytes in their own type keeps them out of logs and
// format strings (there is no operator<< and no implicit conversion) and wipes
// them from memory when the object dies.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"

namespace tongban::crypto {

class SymmetricKey {
 public:
  static constexpr std::size_t kSize = 32;

  // Fresh key from the operating system's CSPRNG.
  static SymmetricKey Generate();
  // Exactly kSize raw bytes; otherwise kInvalidArgument "crypto.bad_key_length".
  static Result<SymmetricKey> FromBytes(std::string_view bytes);

  SymmetricKey(const SymmetricKey&) = default;
  SymmetricKey& operator=(const SymmetricKey&) = default;
  ~SymmetricKey();

  // The raw key, valid while this object lives. Pass it to a KDF or MAC; do not
  // store or print it.
  std::string_view bytes() const { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }

 private:
  SymmetricKey() = default;
  std::array<std::uint8_t, kSize> bytes_{};
};

}  // namespace tongban::crypto
