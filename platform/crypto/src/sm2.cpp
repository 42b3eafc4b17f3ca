#include "crypto/sm2.hpp"

#include "pkey.hpp"

namespace tongban::crypto {
namespace {

constexpr const char* kAlgorithm = "SM2";

std::shared_ptr<const detail::Pkey> Share(detail::PkeyPtr key) {
  return std::make_shared<const detail::Pkey>(std::move(key));
}

}  // namespace

Sm2PublicKey::Sm2PublicKey(std::shared_ptr<const detail::Pkey> key) : key_(std::move(key)) {}

Result<Sm2PublicKey> Sm2PublicKey::FromPem(std::string_view pem) {
  TONGBAN_ASSIGN_OR_RETURN(detail::PkeyPtr key, detail::ReadPublicKeyPem(pem, kAlgorithm, "SM2 public key"));
  return Sm2PublicKey(Share(std::move(key)));
}

std::string Sm2PublicKey::ToPem() const {
  return detail::WritePublicKeyPem(key_->get());
}

Status Sm2PublicKey::Verify(std::string_view message, std::string_view signature, std::string_view id) const {
  if (!detail::VerifyMessage(key_->get(), detail::Sm3Md(), id, message, signature)) {
    return detail::BadSignature();
  }
  return Status::Ok();
}

Sm2PrivateKey::Sm2PrivateKey(std::shared_ptr<const detail::Pkey> key) : key_(std::move(key)) {}

Sm2PrivateKey Sm2PrivateKey::Generate() {
  return Sm2PrivateKey(Share(detail::GenerateKey(kAlgorithm)));
}

Result<Sm2PrivateKey> Sm2PrivateKey::FromPem(std::string_view pem) {
  TONGBAN_ASSIGN_OR_RETURN(detail::PkeyPtr key,
                           detail::ReadPrivateKeyPem(pem, kAlgorithm, "SM2 private key"));
  return Sm2PrivateKey(Share(std::move(key)));
}

std::string Sm2PrivateKey::ToPem() const {
  return detail::WritePrivateKeyPem(key_->get());
}

Sm2PublicKey Sm2PrivateKey::PublicKey() const {
  return Sm2PublicKey(Share(detail::PublicPart(key_->get())));
}

std::string Sm2PrivateKey::Sign(std::string_view message, std::string_view id) const {
  return detail::SignMessage(key_->get(), detail::Sm3Md(), id, message);
}

}  // namespace tongban::crypto
