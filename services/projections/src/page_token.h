// ListMeasures page tokens. A token means "continue after this measure id": paging by position in
// an ordered set would skip or repeat measures when new ones arrive between pages, paging by key
// does not. Clients must treat tokens as opaque; the format is lower-case hex of a format byte
// (kPageTokenFormat) followed by the id, so that it can change later and a token we did not issue
// is recognised as malformed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trygg::projections {

inline constexpr uint8_t kPageTokenFormat = 1;

std::string EncodePageToken(std::string_view last_id);

// The id the token continues after; nullopt when `token` is not one EncodePageToken made (bad hex,
// upper case, other format byte, empty id, id longer than kMaxPageTokenIdBytes).
std::optional<std::string> DecodePageToken(std::string_view token);

}  // namespace trygg::projections
