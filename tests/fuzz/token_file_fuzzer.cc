// Fuzzes the token file (services/api/token_file.h) as trygg-server reads it at start: the text
// parsed and checked line by line. A file that loads must answer Authenticate for any token.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "api/token_file.h"
#include "trygg/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  std::string error;
  const std::unique_ptr<trygg::api::TokenFile> tokens =
      trygg::api::TokenFile::Parse(in, "/fuzz/tokens", error);
  if (!tokens) {
    TRYGG_CHECK(error.starts_with("/fuzz/tokens"), "the error names the file");
    return 0;
  }
  TRYGG_CHECK(tokens->size() <= trygg::api::kMaxPrincipals, "the file is bounded");
  (void)tokens->Authenticate(text);
  return 0;
}
