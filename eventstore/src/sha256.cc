#include "sha256.h"

#include <openssl/evp.h>

#include <cassert>

namespace trygg::eventstore {

// EVP calls fail only on allocation failure or a broken OpenSSL installation: asserted, as
// neither is an operating error the store could handle.

Hash Sha256(std::string_view bytes) {
  Hash out{};
  unsigned int len = 0;
  [[maybe_unused]] int ok =
      EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr);
  assert(ok == 1 && len == out.size());
  return out;
}

void Sha256Hasher::Free::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  [[maybe_unused]] int ok = ctx_ != nullptr && EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  assert(ok == 1);
}

void Sha256Hasher::Update(std::string_view bytes) {
  [[maybe_unused]] int ok = EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size());
  assert(ok == 1);
}

Hash Sha256Hasher::Finish() {
  Hash out{};
  unsigned int len = 0;
  [[maybe_unused]] int ok = EVP_DigestFinal_ex(ctx_.get(), out.data(), &len);
  assert(ok == 1 && len == out.size());
  return out;
}

}  // namespace trygg::eventstore
