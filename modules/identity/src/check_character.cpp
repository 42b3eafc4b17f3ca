#include "identity/check_character.hpp"

#include <array>
#include <cstddef>

namespace tongban::identity {
namespace {

constexpr std::array<int, 17> kGb11643Weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<int, 17> kGb32100Weights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                 29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kGb11714Weights = {3, 7, 9, 10, 5, 8, 4, 2};

// The weights are the powers the standards define them as; a typo in a table
// would otherwise pass every test generated from the same table.
constexpr bool Gb11643WeightsArePowersOfTwo() {
  int power = 1;  // 2^0, the weight of position 18 (the check character itself)
  for (std::size_t i = kGb11643Weights.size(); i-- > 0;) {
    power = power * 2 % 11;
    if (kGb11643Weights[i] != power) return false;
  }
  return true;
}
constexpr bool Gb32100WeightsArePowersOfThree() {
  int power = 1;
  for (int weight : kGb32100Weights) {
    if (weight != power) return false;
    power = power * 3 % 31;
  }
  return true;
}
static_assert(Gb11643WeightsArePowersOfTwo());
static_assert(Gb32100WeightsArePowersOfThree());

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<char> Gb11643CheckCharacter(std::string_view first17) {
  if (first17.size() != kGb11643Weights.size()) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < first17.size(); ++i) {
    if (!IsDigit(first17[i])) return std::nullopt;
    sum += (first17[i] - '0') * kGb11643Weights[i];
  }
  const int value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : static_cast<char>('0' + value);
}

std::optional<char> Gb32100CheckCharacter(std::string_view first17) {
  if (first17.size() != kGb32100Weights.size()) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < first17.size(); ++i) {
    const std::size_t value = kUsccCharacters.find(first17[i]);
    if (value == std::string_view::npos) return std::nullopt;
    sum += static_cast<int>(value) * kGb32100Weights[i];
  }
  return kUsccCharacters[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::optional<char> Gb11714CheckCharacter(std::string_view first8) {
  if (first8.size() != kGb11714Weights.size()) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < first8.size(); ++i) {
    const char c = first8[i];
    int value = 0;
    if (IsDigit(c)) {
      value = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    sum += value * kGb11714Weights[i];
  }
  const int value = 11 - sum % 11;
  if (value == 10) return 'X';
  if (value == 11) return '0';
  return static_cast<char>('0' + value);
}

}  // namespace tongban::identity
