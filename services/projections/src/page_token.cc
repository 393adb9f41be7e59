#include "page_token.h"

#include <absl/strings/escaping.h>

#include "trygg/projections/limits.h"

namespace trygg::projections {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case too: EncodePageToken never writes it, so such a token is not ours
}

}  // namespace

std::string EncodePageToken(std::string_view last_id) {
  std::string bytes(1, static_cast<char>(kPageTokenFormat));
  bytes.append(last_id);
  return absl::BytesToHexString(bytes);
}

std::optional<std::string> DecodePageToken(std::string_view token) {
  // At least the format byte and one id byte; even length; bounded.
  if (token.size() < 4 || token.size() % 2 != 0 || token.size() > 2 * (1 + kMaxPageTokenIdBytes)) {
    return std::nullopt;
  }
  std::string bytes;
  bytes.reserve(token.size() / 2);
  for (size_t i = 0; i < token.size(); i += 2) {
    const int high = HexValue(token[i]);
    const int low = HexValue(token[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  if (static_cast<uint8_t>(bytes[0]) != kPageTokenFormat) return std::nullopt;
  return bytes.substr(1);
}

}  // namespace trygg::projections
