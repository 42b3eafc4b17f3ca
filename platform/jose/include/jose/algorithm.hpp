// The JWS algorithms this library implements (RFC 7518 §3.1 names), and the
// allow-list a verifier passes. There is deliberately no "none" and no HMAC:
// a verifier that never implements them cannot be tricked into using them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace tongban::jose {

enum class Algorithm {
  kEdDsa,  // "EdDSA" with Ed25519 (RFC 8037)
  kEs256,  // "ES256": ECDSA on P-256 with SHA-256 (RFC 7518 §3.4)
};

// "EdDSA" or "ES256" — the "alg" value of headers and JWKs.
std::string_view AlgorithmName(Algorithm algorithm);

// Exact, case-sensitive match of an implemented name; nullopt for anything
// else, including "none", "HS256", "RS256", "ES384" and "eddsa".
std::optional<Algorithm> ParseAlgorithm(std::string_view name);

// The algorithms a verifier accepts, stated at each call site:
//   VerifyCompact(token, keys, {Algorithm::kEdDsa});
// An empty set accepts nothing.
class AlgorithmSet {
 public:
  constexpr AlgorithmSet() = default;
  constexpr AlgorithmSet(
      std::initializer_list<Algorithm> algorithms) {  // NOLINT(google-explicit-constructor)
    for (Algorithm a : algorithms) bits_ |= Bit(a);
  }

  constexpr bool Contains(Algorithm algorithm) const { return (bits_ & Bit(algorithm)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr std::uint32_t Bit(Algorithm a) { return std::uint32_t{1} << static_cast<unsigned>(a); }
  std::uint32_t bits_ = 0;
};

}  // namespace tongban::jose
