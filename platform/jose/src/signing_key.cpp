#include "jose/signing_key.hpp"

namespace tongban::jose {

SigningKey::SigningKey(Key key, VerificationKey public_key)
    : key_(std::move(key)), public_key_(std::move(public_key)) {}

SigningKey SigningKey::FromEd25519(crypto::Ed25519PrivateKey key, std::string kid) {
  VerificationKey public_key = VerificationKey::FromEd25519(key.PublicKey(), std::move(kid));
  return SigningKey(Key(std::move(key)), std::move(public_key));
}

SigningKey SigningKey::FromEcP256(EcP256PrivateKey key, std::string kid) {
  VerificationKey public_key = VerificationKey::FromEcP256(key.PublicKey(), std::move(kid));
  return SigningKey(Key(std::move(key)), std::move(public_key));
}

SigningKey SigningKey::Generate(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kEdDsa: return FromEd25519(crypto::Ed25519PrivateKey::Generate());
    case Algorithm::kEs256: return FromEcP256(EcP256PrivateKey::Generate());
  }
  return FromEd25519(crypto::Ed25519PrivateKey::Generate());
}

Result<SigningKey> SigningKey::FromPem(std::string_view pem, std::string kid) {
  Result<crypto::Ed25519PrivateKey> ed = crypto::Ed25519PrivateKey::FromPem(pem);
  if (ed.ok()) return FromEd25519(std::move(ed).value(), std::move(kid));
  Result<EcP256PrivateKey> ec = EcP256PrivateKey::FromPem(pem);
  if (ec.ok()) return FromEcP256(std::move(ec).value(), std::move(kid));
  return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_key", "签名密钥格式无效",
                     "not an unencrypted PEM Ed25519 or P-256 private key")
      .WithDetail("as Ed25519: " + ed.error().detail + "; as P-256: " + ec.error().detail);
}

std::string SigningKey::ToPem() const {
  return std::visit([](const auto& k) { return k.ToPem(); }, key_);
}

std::string SigningKey::Sign(std::string_view signing_input) const {
  return std::visit([&](const auto& k) { return k.Sign(signing_input); }, key_);
}

}  // namespace tongban::jose
