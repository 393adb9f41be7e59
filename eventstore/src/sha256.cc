#include "sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace trygg::eventstore {

namespace {

// EVP calls fail only on allocation failure or a broken OpenSSL installation. Neither is an
// operating error the store could handle, and a wrong hash must never be stored: abort, also in
// release builds.
void Require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "trygg: OpenSSL SHA-256 failed in %s\n", what);
  std::abort();
}

// Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up again on every digest, which
// doubles the cost of hashing a record. Lives as long as the process.
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  Require(md != nullptr, "EVP_MD_fetch");
  return md;
}

}  // namespace

Hash Sha256(std::string_view bytes) {
  Sha256Hasher hasher;
  hasher.Update(bytes);
  return hasher.Finish();
}

void Sha256Hasher::Free::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  Require(ctx_ != nullptr && EVP_DigestInit_ex2(ctx_.get(), Sha256Algorithm(), nullptr) == 1,
          "EVP_DigestInit_ex2");
}

void Sha256Hasher::Update(std::string_view bytes) {
  Require(EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) == 1, "EVP_DigestUpdate");
}

void Sha256Hasher::Reset() {
  Require(EVP_DigestInit_ex2(ctx_.get(), Sha256Algorithm(), nullptr) == 1, "EVP_DigestInit_ex2");
}

Hash Sha256Hasher::Finish() {
  Hash out{};
  unsigned int len = 0;
  Require(EVP_DigestFinal_ex(ctx_.get(), out.data(), &len) == 1 && len == out.size(),
          "EVP_DigestFinal_ex");
  return out;
}

}  // namespace trygg::eventstore
