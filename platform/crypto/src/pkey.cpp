#include "pkey.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>

#include "crypto/sm2.hpp"

namespace tongban::crypto::detail {
namespace {

// Refuses encrypted PEM instead of letting OpenSSL prompt on the terminal.
int NoPassphrase(char*, int, int, void*) {
  return -1;
}

BioPtr ReadBio(std::string_view text) {
  if (text.size() > INT_MAX) return nullptr;
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

Error MalformedKey(std::string_view what, std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "crypto.malformed_key", "密钥格式无效",
                     "malformed " + std::string(what))
      .WithDetail(std::move(detail));
}

Result<PkeyPtr> CheckType(PkeyPtr key, const char* algorithm, std::string_view what) {
  if (!EVP_PKEY_is_a(key.get(), algorithm)) {
    const char* actual = EVP_PKEY_get0_type_name(key.get());
    return Error::Make(ErrorCode::kInvalidArgument, "crypto.wrong_key_type", "密钥类型不符",
                       "expected " + std::string(what))
        .WithDetail("found a " + std::string(actual != nullptr ? actual : "unknown") + " key");
  }
  return key;
}

}  // namespace

PkeyPtr GenerateKey(const char* algorithm) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm));
  if (!key) ThrowOpenSslFailure(std::string("generate ") + algorithm + " key");
  return key;
}

Result<PkeyPtr> ReadPrivateKeyPem(std::string_view pem, const char* algorithm, std::string_view what) {
  BioPtr bio = ReadBio(pem);
  if (!bio) return MalformedKey(what, "PEM text too large");
  PkeyPtr key(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, NoPassphrase, nullptr, nullptr, nullptr));
  if (!key) return MalformedKey(what, "not an unencrypted PEM private key: " + DrainOpenSslErrors());
  return CheckType(std::move(key), algorithm, what);
}

Result<PkeyPtr> ReadPublicKeyPem(std::string_view pem, const char* algorithm, std::string_view what) {
  BioPtr bio = ReadBio(pem);
  if (!bio) return MalformedKey(what, "PEM text too large");
  PkeyPtr key(PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, NoPassphrase, nullptr, nullptr, nullptr));
  if (!key) {
    return MalformedKey(what, "not a PEM SubjectPublicKeyInfo: " + DrainOpenSslErrors());
  }
  return CheckType(std::move(key), algorithm, what);
}

std::string WritePrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    ThrowOpenSslFailure("write PKCS#8 PEM");
  }
  return BioToString(bio.get());
}

std::string WritePublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) ThrowOpenSslFailure("write SPKI PEM");
  return BioToString(bio.get());
}

PkeyPtr PublicPart(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(key, &der);
  if (size <= 0) ThrowOpenSslFailure("i2d_PUBKEY");
  const unsigned char* p = der;
  PkeyPtr pub(d2i_PUBKEY(nullptr, &p, size));
  OPENSSL_free(der);
  if (!pub) ThrowOpenSslFailure("d2i_PUBKEY");
  return pub;
}

namespace {

// A digest-sign/verify context; the EVP_PKEY_CTX is ours (set with
// EVP_MD_CTX_set_pkey_ctx, so the EVP_MD_CTX does not own it) and must outlive
// the EVP_MD_CTX: members are destroyed in reverse order.
struct DigestContext {
  PkeyCtxPtr pctx;
  MdCtxPtr mctx;
};

DigestContext NewDigestContext(EVP_PKEY* key, std::optional<std::string_view> sm2_id) {
  DigestContext c{PkeyCtxPtr(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr)), MdCtxPtr(EVP_MD_CTX_new())};
  if (!c.pctx || !c.mctx) ThrowOpenSslFailure("new signature context");
  if (sm2_id) {
    // Without this OpenSSL 3.0 uses an empty ID, and GM/T 0009 peers (which
    // default to "1234567812345678") reject the signature.
    if (EVP_PKEY_CTX_set1_id(c.pctx.get(), sm2_id->data(), static_cast<int>(sm2_id->size())) != 1) {
      ThrowOpenSslFailure("EVP_PKEY_CTX_set1_id");
    }
  }
  EVP_MD_CTX_set_pkey_ctx(c.mctx.get(), c.pctx.get());
  return c;
}

}  // namespace

std::string SignMessage(EVP_PKEY* key, const EVP_MD* digest, std::optional<std::string_view> sm2_id,
                        std::string_view message) {
  if (sm2_id && sm2_id->size() > kSm2MaxIdSize) {
    throw FatalError(Error::Make(ErrorCode::kInternal, "crypto.sm2_id_too_long", "SM2 用户标识过长",
                                 "SM2 distinguishing ID too long")
                         .WithDetail(std::to_string(sm2_id->size()) + " bytes"));
  }
  DigestContext c = NewDigestContext(key, sm2_id);
  if (EVP_DigestSignInit(c.mctx.get(), nullptr, digest, nullptr, key) != 1) {
    ThrowOpenSslFailure("EVP_DigestSignInit");
  }
  int max_size = EVP_PKEY_get_size(key);
  if (max_size <= 0) ThrowOpenSslFailure("EVP_PKEY_get_size");
  std::string signature(static_cast<std::size_t>(max_size), '\0');
  std::size_t size = signature.size();
  if (EVP_DigestSign(c.mctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, Bytes(message),
                     message.size()) != 1) {
    ThrowOpenSslFailure("EVP_DigestSign");
  }
  signature.resize(size);
  return signature;
}

bool VerifyMessage(EVP_PKEY* key, const EVP_MD* digest, std::optional<std::string_view> sm2_id,
                   std::string_view message, std::string_view signature) {
  if (sm2_id && sm2_id->size() > kSm2MaxIdSize) return false;
  DigestContext c = NewDigestContext(key, sm2_id);
  if (EVP_DigestVerifyInit(c.mctx.get(), nullptr, digest, nullptr, key) != 1) {
    ThrowOpenSslFailure("EVP_DigestVerifyInit");
  }
  // 0 is a wrong signature, a negative value one that does not even parse;
  // both are the signer's problem, not ours.
  int rc = EVP_DigestVerify(c.mctx.get(), Bytes(signature), signature.size(), Bytes(message), message.size());
  DrainOpenSslErrors();
  return rc == 1;
}

Error BadSignature() {
  return Error::Make(ErrorCode::kInvalidArgument, "crypto.bad_signature", "签名验证失败",
                     "signature verification failed");
}

}  // namespace tongban::crypto::detail
