// SHA-256 through OpenSSL's EVP interface.
#pragma once

#include <memory>
#include <string_view>

#include "trygg/eventstore/types.h"

struct evp_md_ctx_st;

namespace trygg::eventstore {

Hash Sha256(std::string_view bytes);

// Incremental SHA-256: Update any number of times, then Finish once.
class Sha256Hasher {
 public:
  Sha256Hasher();
  void Update(std::string_view bytes);
  // Precondition: not finished yet.
  Hash Finish();
  // Starts a new digest, reusing the context (after Finish, or abandoning the one under way).
  void Reset();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace trygg::eventstore
