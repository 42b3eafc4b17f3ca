#include "crypto/sha256.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "crypto/base64url.hpp"

namespace tongban::crypto {
namespace {

TEST(Sha256Test, FipsVectors) {
  EXPECT_EQ(HexEncode(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, Rfc7636AppendixBChallenge) {
  EXPECT_EQ(Base64UrlEncode(Sha256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

}  // namespace
}  // namespace tongban::crypto
