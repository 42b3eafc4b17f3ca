// OpenSSL plumbing shared by the platform libraries that call OpenSSL directly
// (crypto, jose): owning handles and the error-queue handling. It includes no
// OpenSSL header itself; modules never use it (scripts/check-layout keeps
// <openssl/...> out of modules and app).
#pragma once

#include <string>
#include <string_view>

namespace tongban::crypto::detail {

// unique_ptr deleter calling an OpenSSL *_free function.
template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

// The text of every error queued on this thread by OpenSSL; empties the queue,
// so that a stale error never gets blamed on a later call.
std::string DrainOpenSslErrors();

// For failures that only a broken library or exhausted memory can cause:
// aborts the unit of work with FatalError{kInternal, reason}, the drained
// OpenSSL errors in the detail.
[[noreturn]] void ThrowOpenSslFailure(std::string_view reason, std::string_view operation);

}  // namespace tongban::crypto::detail
