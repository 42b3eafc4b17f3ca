#include "jose/algorithm.hpp"

namespace tongban::jose {

std::string_view AlgorithmName(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kEdDsa: return "EdDSA";
    case Algorithm::kEs256: return "ES256";
  }
  return "";
}

std::optional<Algorithm> ParseAlgorithm(std::string_view name) {
  if (name == "EdDSA") return Algorithm::kEdDsa;
  if (name == "ES256") return Algorithm::kEs256;
  return std::nullopt;
}

}  // namespace tongban::jose
