// The ordered sets of measure ids the indexes keep: ListMeasures pages through them by id.
#pragma once

#include <absl/container/btree_map.h>

#include <compare>
#include <cstdint>
#include <string_view>

namespace trygg::projections {

struct MeasureEntry;

// A measure id as a sort key. The first 16 bytes are held in the key itself, big-endian and
// zero-padded, so comparing two keys rarely leaves the B-tree node: comparing the ids through their
// views read each id's bytes from wherever its measure lives, a likely cache miss per comparison
// once there are many measures. Only ids that agree in their first 16 bytes are compared through
// the views. Orders exactly as the ids do (tests/projections/id_key_test.cc).
struct IdKey {
  uint64_t head_hi = 0;
  uint64_t head_lo = 0;
  std::string_view id;  // views the id it was made from, which must outlive the key

  static IdKey Of(std::string_view id);

  friend bool operator==(const IdKey& a, const IdKey& b) {
    return a.head_hi == b.head_hi && a.head_lo == b.head_lo && a.id == b.id;
  }
  friend std::strong_ordering operator<=>(const IdKey& a, const IdKey& b) {
    if (a.head_hi != b.head_hi) return a.head_hi <=> b.head_hi;
    if (a.head_lo != b.head_lo) return a.head_lo <=> b.head_lo;
    return a.id <=> b.id;
  }
};

// Measures by id, each with its entry in MeasureViews. A B-tree: replay inserts every measure into
// four of these, and a B-tree keeps a node's keys in a few cache lines instead of one allocation
// per id.
using IdSet = absl::btree_map<IdKey, const MeasureEntry*>;

}  // namespace trygg::projections
