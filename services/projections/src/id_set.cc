#include "id_set.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace trygg::projections {
namespace {

// Up to 8 bytes of `bytes` from `offset`, big-endian, zero-padded: unsigned comparison of the
// results orders as memcmp does. Ids hold no NUL bytes (the domain allows [a-z0-9-]); if one did,
// the full comparison behind equal heads still orders it correctly.
uint64_t Head(std::string_view bytes, size_t offset) {
  unsigned char buffer[8] = {};
  if (offset < bytes.size()) {
    std::memcpy(buffer, bytes.data() + offset, std::min<size_t>(8, bytes.size() - offset));
  }
  uint64_t v;
  std::memcpy(&v, buffer, sizeof v);
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  return v;
}

}  // namespace

IdKey IdKey::Of(std::string_view id) { return IdKey{Head(id, 0), Head(id, 8), id}; }

}  // namespace trygg::projections
