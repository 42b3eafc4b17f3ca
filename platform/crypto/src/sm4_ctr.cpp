#include "sm4_ctr.hpp"

#include <limits>

#include "openssl_util.hpp"

namespace tongban::crypto::detail {

void Sm4CtrXor(const Sm4Key& key, const Sm4Iv& iv, std::string_view input, char* out) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), Sm4CtrCipher(), key.data(), iv.data(), nullptr) != 1) {
    ThrowOpenSslFailure("SM4-CTR init");
  }
  // EVP_EncryptUpdate takes an int length; feed large inputs in slices.
  constexpr std::size_t kSlice = std::size_t{1} << 30;
  static_assert(kSlice <= std::numeric_limits<int>::max());
  auto* dst = reinterpret_cast<unsigned char*>(out);
  while (!input.empty()) {
    std::string_view piece = input.substr(0, kSlice);
    int written = 0;
    if (EVP_EncryptUpdate(ctx.get(), dst, &written, Bytes(piece), static_cast<int>(piece.size())) != 1 ||
        static_cast<std::size_t>(written) != piece.size()) {
      ThrowOpenSslFailure("SM4-CTR update");
    }
    dst += written;
    input.remove_prefix(piece.size());
  }
  int tail = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), dst, &tail) != 1 || tail != 0) {
    ThrowOpenSslFailure("SM4-CTR final");
  }
}

}  // namespace tongban::crypto::detail
