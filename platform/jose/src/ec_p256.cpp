#include "jose/ec_p256.hpp"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <cstring>

#include "openssl_util.hpp"

namespace tongban::jose {
namespace detail {

// OpenSSL 3 allows concurrent read-only use of one EVP_PKEY as long as every
// operation has its own EVP_MD_CTX, which is how Sign and Verify work.
class EcKey {
 public:
  explicit EcKey(PkeyPtr key) : key_(std::move(key)) {}
  EVP_PKEY* get() const { return key_.get(); }

 private:
  PkeyPtr key_;
};

}  // namespace detail

namespace {

using detail::BignumPtr;
using detail::BioPtr;
using detail::Bytes;
using detail::EcdsaSigPtr;
using detail::MdCtxPtr;
using detail::PkeyCtxPtr;
using detail::PkeyPtr;

constexpr std::size_t kSize = EcP256PublicKey::kCoordinateSize;
constexpr const char* kGroup = "prime256v1";  // OpenSSL's name of P-256 (secp256r1)

std::shared_ptr<const detail::EcKey> Share(PkeyPtr key) {
  return std::make_shared<const detail::EcKey>(std::move(key));
}

Error MalformedKey(std::string what, std::string detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "jose.malformed_key", "密钥格式无效", "malformed " + what)
      .WithDetail(std::move(detail));
}

Error BadSignature() {
  return Error::Make(ErrorCode::kInvalidArgument, "jose.bad_signature", "签名验证失败",
                     "signature verification failed");
}

// Refuses encrypted PEM instead of letting OpenSSL prompt on the terminal.
int NoPassphrase(char*, int, int, void*) {
  return -1;
}

BioPtr ReadBio(std::string_view text) {
  if (text.size() > INT_MAX) return nullptr;
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

Result<PkeyPtr> RequireP256(PkeyPtr key, std::string_view what) {
  char group[64] = {};
  std::size_t length = 0;
  bool is_p256 = EVP_PKEY_is_a(key.get(), "EC") &&
                 EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                                &length) == 1 &&
                 std::strcmp(group, kGroup) == 0;
  detail::DrainOpenSslErrors();
  if (!is_p256) {
    const char* type = EVP_PKEY_get0_type_name(key.get());
    return Error::Make(ErrorCode::kInvalidArgument, "jose.wrong_key_type", "密钥类型不符",
                       "expected " + std::string(what))
        .WithDetail("found a " + std::string(type != nullptr ? type : "unknown") + " key" +
                    (group[0] != '\0' ? std::string(" on ") + group : std::string()));
  }
  return key;
}

std::string Coordinate(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) detail::ThrowOpenSslFailure(name);
  BignumPtr bn(raw);
  std::string out(kSize, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(kSize)) !=
      static_cast<int>(kSize)) {
    detail::ThrowOpenSslFailure("BN_bn2binpad");
  }
  return out;
}

std::string WritePublicPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) detail::ThrowOpenSslFailure("write SPKI PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) detail::ThrowOpenSslFailure("BIO_get_mem_data");
  return std::string(data, static_cast<std::size_t>(size));
}

// DER ECDSA-Sig-Value (RFC 3279 §2.2.3) → r || s, each left-padded to 32 bytes.
std::string DerToRaw(std::string_view der) {
  const unsigned char* p = Bytes(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) detail::ThrowOpenSslFailure("d2i_ECDSA_SIG");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * kSize, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, static_cast<int>(kSize)) != static_cast<int>(kSize) ||
      BN_bn2binpad(s, out + kSize, static_cast<int>(kSize)) != static_cast<int>(kSize)) {
    detail::ThrowOpenSslFailure("BN_bn2binpad");
  }
  return raw;
}

// r || s → DER, for OpenSSL's verifier. The caller has checked the length.
std::string RawToDer(std::string_view raw) {
  BignumPtr r(BN_bin2bn(Bytes(raw), static_cast<int>(kSize), nullptr));
  BignumPtr s(BN_bin2bn(Bytes(raw) + kSize, static_cast<int>(kSize), nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    detail::ThrowOpenSslFailure("ECDSA_SIG_set0");
  }
  r.release();  // owned by sig now
  s.release();
  unsigned char* der = nullptr;
  int size = i2d_ECDSA_SIG(sig.get(), &der);
  if (size <= 0) detail::ThrowOpenSslFailure("i2d_ECDSA_SIG");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return out;
}

}  // namespace

// --- public key ------------------------------------------------------------

EcP256PublicKey::EcP256PublicKey(std::shared_ptr<const detail::EcKey> key) : key_(std::move(key)) {}

Result<EcP256PublicKey> EcP256PublicKey::FromCoordinates(std::string_view x, std::string_view y) {
  if (x.size() != kSize || y.size() != kSize) {
    return MalformedKey("P-256 public key", "expected 32-byte coordinates, got " + std::to_string(x.size()) +
                                                " and " + std::to_string(y.size()));
  }
  // SEC1 uncompressed point: 0x04 || x || y.
  std::string point;
  point.reserve(1 + 2 * kSize);
  point.push_back('\x04');
  point.append(x);
  point.append(y);
  char group[] = "prime256v1";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_construct_end(),
  };
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) detail::ThrowOpenSslFailure("EVP_PKEY_fromdata_init");
  EVP_PKEY* raw = nullptr;
  // OpenSSL checks that the point lies on the curve (EC_POINT_oct2point).
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    return MalformedKey("P-256 public key", "not a point on P-256: " + detail::DrainOpenSslErrors());
  }
  return EcP256PublicKey(Share(PkeyPtr(raw)));
}

Result<EcP256PublicKey> EcP256PublicKey::FromPem(std::string_view pem) {
  BioPtr bio = ReadBio(pem);
  if (!bio) return MalformedKey("P-256 public key", "PEM text too large");
  PkeyPtr key(PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, NoPassphrase, nullptr, nullptr, nullptr));
  if (!key) {
    return MalformedKey("P-256 public key",
                        "not a PEM SubjectPublicKeyInfo: " + detail::DrainOpenSslErrors());
  }
  TONGBAN_ASSIGN_OR_RETURN(key, RequireP256(std::move(key), "P-256 public key"));
  return EcP256PublicKey(Share(std::move(key)));
}

std::string EcP256PublicKey::ToPem() const {
  return WritePublicPem(key_->get());
}

std::string EcP256PublicKey::X() const {
  return Coordinate(key_->get(), OSSL_PKEY_PARAM_EC_PUB_X);
}

std::string EcP256PublicKey::Y() const {
  return Coordinate(key_->get(), OSSL_PKEY_PARAM_EC_PUB_Y);
}

Status EcP256PublicKey::Verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != EcP256PrivateKey::kSignatureSize) return BadSignature();
  std::string der = RawToDer(signature);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, detail::Sha256Md(), nullptr, key_->get()) != 1) {
    detail::ThrowOpenSslFailure("EVP_DigestVerifyInit");
  }
  // 0 is a wrong signature, a negative value one OpenSSL refuses outright
  // (r or s zero or not below the group order): both are the signer's problem.
  int rc = EVP_DigestVerify(ctx.get(), Bytes(der), der.size(), Bytes(message), message.size());
  detail::DrainOpenSslErrors();
  if (rc != 1) return BadSignature();
  return Status::Ok();
}

// --- private key -----------------------------------------------------------

EcP256PrivateKey::EcP256PrivateKey(std::shared_ptr<const detail::EcKey> key) : key_(std::move(key)) {}

EcP256PrivateKey EcP256PrivateKey::Generate() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) detail::ThrowOpenSslFailure("generate P-256 key");
  return EcP256PrivateKey(Share(std::move(key)));
}

Result<EcP256PrivateKey> EcP256PrivateKey::FromPem(std::string_view pem) {
  BioPtr bio = ReadBio(pem);
  if (!bio) return MalformedKey("P-256 private key", "PEM text too large");
  PkeyPtr key(PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, NoPassphrase, nullptr, nullptr, nullptr));
  if (!key) {
    return MalformedKey("P-256 private key",
                        "not an unencrypted PEM private key: " + detail::DrainOpenSslErrors());
  }
  TONGBAN_ASSIGN_OR_RETURN(key, RequireP256(std::move(key), "P-256 private key"));
  return EcP256PrivateKey(Share(std::move(key)));
}

std::string EcP256PrivateKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PKCS8PrivateKey(bio.get(), key_->get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    detail::ThrowOpenSslFailure("write PKCS#8 PEM");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) detail::ThrowOpenSslFailure("BIO_get_mem_data");
  return std::string(data, static_cast<std::size_t>(size));
}

EcP256PublicKey EcP256PrivateKey::PublicKey() const {
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(key_->get(), &der);
  if (size <= 0) detail::ThrowOpenSslFailure("i2d_PUBKEY");
  const unsigned char* p = der;
  PkeyPtr pub(d2i_PUBKEY(nullptr, &p, size));
  OPENSSL_free(der);
  if (!pub) detail::ThrowOpenSslFailure("d2i_PUBKEY");
  return EcP256PublicKey(Share(std::move(pub)));
}

std::string EcP256PrivateKey::Sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, detail::Sha256Md(), nullptr, key_->get()) != 1) {
    detail::ThrowOpenSslFailure("EVP_DigestSignInit");
  }
  std::size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, Bytes(message), message.size()) != 1) {
    detail::ThrowOpenSslFailure("EVP_DigestSign (size)");
  }
  std::string der(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size, Bytes(message),
                     message.size()) != 1) {
    detail::ThrowOpenSslFailure("EVP_DigestSign");
  }
  der.resize(size);
  return DerToRaw(der);
}

}  // namespace tongban::jose
