#include "sha256.h"

#include <openssl/evp.h>

#include <cassert>

namespace trygg::eventstore {

Hash Sha256(std::string_view bytes) {
  Hash out{};
  unsigned int len = 0;
  // EVP_Digest only fails on allocation failure or a broken OpenSSL installation.
  [[maybe_unused]] int ok =
      EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr);
  assert(ok == 1 && len == out.size());
  return out;
}

}  // namespace trygg::eventstore
