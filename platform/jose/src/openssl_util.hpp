// Private to tongban::jose: owning handles for the OpenSSL objects this
// library touches, SHA-256, and the error-queue plumbing. Only src/ includes
// <openssl/...>; the public headers never do.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "crypto/openssl_detail.hpp"

namespace tongban::jose::detail {

using crypto::detail::DrainOpenSslErrors;
using crypto::detail::OpenSslDeleter;

using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG_free>>;

// SHA-256 fetched once from the default provider and kept for the life of the
// process (immutable, shared between threads). Throws FatalError if missing.
const EVP_MD* Sha256Md();

// The 32-byte SHA-256 digest of `data`.
std::string Sha256(std::string_view data);

// For failures that only a broken library or exhausted memory can cause:
// aborts the unit of work with FatalError{kInternal, "jose.openssl_failure"}.
[[noreturn]] inline void ThrowOpenSslFailure(std::string_view operation) {
  crypto::detail::ThrowOpenSslFailure("jose.openssl_failure", operation);
}

inline const unsigned char* Bytes(std::string_view s) {
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace tongban::jose::detail
