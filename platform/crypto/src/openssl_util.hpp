// Private to tongban::crypto: owning handles for OpenSSL objects, the
// algorithms fetched once per process, and the error-queue plumbing. This is
// the only header that includes <openssl/...>; public headers never do.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "crypto/openssl_detail.hpp"

namespace tongban::crypto::detail {

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, OpenSslDeleter<EVP_MAC_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, OpenSslDeleter<EVP_CIPHER_CTX_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;

// Algorithms fetched from the default provider on first use and kept for the
// life of the process (explicit fetching avoids a provider lookup per call).
// Fetched algorithm objects are immutable and safe to share between threads.
// Throws FatalError if the provider lacks the algorithm.
const EVP_MD* Sm3Md();
EVP_MAC* HmacMac();
const EVP_CIPHER* Sm4CtrCipher();

// For failures that only a broken library or exhausted memory can cause
// (hashing, RNG, signing with a key that loaded fine): aborts the unit of work
// with FatalError{kInternal, "crypto.openssl_failure"}.
[[noreturn]] void ThrowOpenSslFailure(std::string_view operation);

inline const unsigned char* Bytes(std::string_view s) {
  // OpenSSL rejects some null pointers even with length 0 (HMAC with an empty key).
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

// Reads a BIO (memory BIO after PEM_write_bio_*) into a string.
std::string BioToString(BIO* bio);

}  // namespace tongban::crypto::detail
