// Fuzzes page tokens (services/projections/src/page_token.h), which clients send back as they
// please: a token that decodes must be one EncodePageToken writes (so it means one id), what
// PageStart makes of it must agree, and every id up to the bound must survive the round trip.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "page_token.h"
#include "paging.h"
#include "trygg/check.h"
#include "trygg/projections/limits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace trygg::projections;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::optional<std::string> id = DecodePageToken(input);
  if (id) {
    TRYGG_CHECK(!id->empty() && id->size() <= kMaxPageTokenIdBytes, "a token names an id");
    TRYGG_CHECK(EncodePageToken(*id) == input, "a token that decodes is the one that encodes");
  }
  const trygg::domain::Result<std::string> start = PageStart(input, "a fuzzed response");
  TRYGG_CHECK(start.ok() == (input.empty() || id.has_value()), "PageStart takes exactly tokens");
  if (id) TRYGG_CHECK(*start == *id, "PageStart continues after the token's id");

  if (!input.empty() && input.size() <= kMaxPageTokenIdBytes) {
    TRYGG_CHECK(DecodePageToken(EncodePageToken(input)) == input, "every id round-trips");
  }
  return 0;
}
