#include "sha256.h"

#include <openssl/evp.h>

#include "trygg/check.h"

// EVP calls fail only on allocation failure or a broken OpenSSL installation. Neither is an
// operating error the store could handle, and a wrong hash must never be stored: each call is a
// TRYGG_CHECK, which aborts also in release builds.

namespace trygg::eventstore {

namespace {

// Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up again on every digest, which
// doubles the cost of hashing a record. Lives as long as the process.
const EVP_MD* Sha256Algorithm() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  TRYGG_CHECK(md != nullptr, "OpenSSL SHA-256: EVP_MD_fetch failed");
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
  TRYGG_CHECK(ctx_ != nullptr && EVP_DigestInit_ex2(ctx_.get(), Sha256Algorithm(), nullptr) == 1,
              "OpenSSL SHA-256: EVP_DigestInit_ex2 failed");
}

void Sha256Hasher::Update(std::string_view bytes) {
  TRYGG_CHECK(EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) == 1,
              "OpenSSL SHA-256: EVP_DigestUpdate failed");
}

void Sha256Hasher::Reset() {
  TRYGG_CHECK(EVP_DigestInit_ex2(ctx_.get(), Sha256Algorithm(), nullptr) == 1,
              "OpenSSL SHA-256: EVP_DigestInit_ex2 failed");
}

Hash Sha256Hasher::Finish() {
  Hash out{};
  unsigned int len = 0;
  TRYGG_CHECK(EVP_DigestFinal_ex(ctx_.get(), out.data(), &len) == 1 && len == out.size(),
              "OpenSSL SHA-256: EVP_DigestFinal_ex failed");
  return out;
}

}  // namespace trygg::eventstore
