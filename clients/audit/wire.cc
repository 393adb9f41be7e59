#include "audit/wire.h"

#include <cstring>

namespace trygg::audit {

std::string HashHex(const eventstore::Hash& hash) { return eventstore::ToHex(hash); }

std::optional<eventstore::Hash> ParseHashHex(std::string_view hex) {
  eventstore::Hash hash{};
  if (hex.size() != 2 * hash.size()) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < hash.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    hash[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return hash;
}

}  // namespace trygg::audit
