#include "core/ids.hpp"

#include <sys/random.h>

#include <array>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "core/hex.hpp"

namespace tongban {
namespace {

void FillRandom(unsigned char* out, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(out, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    out += got;
    n -= static_cast<size_t>(got);
  }
}

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string NewUlidAt(std::int64_t unix_ms) {
  std::array<unsigned char, 16> bytes{};
  auto ms = static_cast<std::uint64_t>(unix_ms);
  for (int i = 5; i >= 0; --i) {
    bytes[static_cast<size_t>(i)] = static_cast<unsigned char>(ms & 0xFF);
    ms >>= 8;
  }
  FillRandom(bytes.data() + 6, 10);
  // 128 bits → 26 characters of 5 bits; the first character carries 3 bits.
  // Bit i of the 130-bit big-endian string (two leading zero bits pad 128 to 26×5).
  auto bit = [&bytes](int i) -> unsigned {
    int j = i - 2;
    if (j < 0) return 0;
    return (bytes[static_cast<size_t>(j / 8)] >> (7 - j % 8)) & 1u;
  };
  std::string out(26, '0');
  for (int c = 0; c < 26; ++c) {
    unsigned v = 0;
    for (int k = 0; k < 5; ++k) v = (v << 1) | bit(c * 5 + k);
    out[static_cast<size_t>(c)] = kCrockford[v];
  }
  return out;
}

std::string NewUlid() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return NewUlidAt(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

std::string NewRequestId() {
  unsigned char bytes[16];
  FillRandom(bytes, sizeof bytes);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tongban
