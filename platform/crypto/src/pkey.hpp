// Private to tongban::crypto: the asymmetric-key plumbing shared by SM2 and
// Ed25519 — PEM in and out, key generation, and one-shot sign/verify.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "openssl_util.hpp"

namespace tongban::crypto::detail {

// An immutable key, shared between copies of the public key classes. OpenSSL 3
// allows concurrent read-only use of one EVP_PKEY when every operation has its
// own EVP_PKEY_CTX / EVP_MD_CTX, which is how sign and verify below work.
class Pkey {
 public:
  explicit Pkey(PkeyPtr key) : key_(std::move(key)) {}
  EVP_PKEY* get() const { return key_.get(); }

 private:
  PkeyPtr key_;
};

// `algorithm` is an OpenSSL key type name ("SM2", "ED25519"); `what` names the
// key in error messages ("SM2 private key").
PkeyPtr GenerateKey(const char* algorithm);
Result<PkeyPtr> ReadPrivateKeyPem(std::string_view pem, const char* algorithm, std::string_view what);
Result<PkeyPtr> ReadPublicKeyPem(std::string_view pem, const char* algorithm, std::string_view what);
std::string WritePrivateKeyPem(EVP_PKEY* key);  // unencrypted PKCS#8
std::string WritePublicKeyPem(EVP_PKEY* key);   // SubjectPublicKeyInfo
PkeyPtr PublicPart(EVP_PKEY* key);

// `digest` is null for algorithms that hash internally (Ed25519);
// `sm2_id`, when set, is the SM2 distinguishing ID fed into Z_A.
std::string SignMessage(EVP_PKEY* key, const EVP_MD* digest, std::optional<std::string_view> sm2_id,
                        std::string_view message);
bool VerifyMessage(EVP_PKEY* key, const EVP_MD* digest, std::optional<std::string_view> sm2_id,
                   std::string_view message, std::string_view signature);

Error BadSignature();

}  // namespace tongban::crypto::detail
