// jose_interop_sample [count]: prints one JSON object with a JWKS and JWTs
// signed by this library with fresh keys — one EdDSA token and `count` ES256
// tokens (default 1), valid for ten minutes from now — for the by-hand
// interoperability check with npm `jose` (README.md, "Tests and interoperability").
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "jose/jwk_set.hpp"
#include "jose/jwt.hpp"
#include "jose/signing_key.hpp"

int main(int argc, char** argv) {
  using namespace tongban::jose;
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 1;
  if (count < 1 || count > 10000) {
    std::cerr << "usage: jose_interop_sample [count of ES256 tokens, 1..10000]\n";
    return 2;
  }
  const Instant now = std::chrono::system_clock::now();
  RegisteredClaims claims;
  claims.issuer = "https://tongban.example.gov.cn";
  claims.subject = "person-42";
  claims.audience = {"dept-system"};
  claims.issued_at = now;
  claims.not_before = now;
  claims.expires_at = now + std::chrono::minutes(10);
  const ExtraClaims extra = ExtraClaims().SetString("acr", "L2").SetString("name", "张三");

  JwkSet keys;
  std::string tokens;
  for (Algorithm algorithm : {Algorithm::kEdDsa, Algorithm::kEs256}) {
    SigningKey key = SigningKey::Generate(algorithm);
    if (!keys.Add(key.PublicKey()).ok()) return 1;
    for (long i = 0; i < (algorithm == Algorithm::kEs256 ? count : 1); ++i) {
      auto token = SignJwt(key, claims, extra);
      if (!token.ok()) return 1;
      if (!tokens.empty()) tokens += ",";
      tokens += R"({"alg":")" + std::string(AlgorithmName(algorithm)) + R"(","token":")" + *token + "\"}";
    }
  }
  std::cout << R"({"issuer":"https://tongban.example.gov.cn","audience":"dept-system","jwks":)"
            << keys.ToJson() << R"(,"tokens":[)" << tokens << "]}\n";
  return 0;
}
