// Every measure's current view, by id, and the checks that an event really continues the
// measure's stream before it is folded in.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "trygg/domain/result.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Measures live in stream "measure-<measure_id>" (DESIGN.md, Streams).
inline constexpr std::string_view kMeasureStreamPrefix = "measure-";

class MeasureViews {
 public:
  // Ordered by id: ListMeasures pages in this order. Entries are never erased, so keys and values
  // stay put for the lifetime of the map and indexes may hold views of the keys.
  using Map = std::map<std::string, v1::Measure, std::less<>>;

  // Makes room for a new measure (an empty view to be filled by the caller). INTERNAL when the
  // measure exists, `event` is not on stream "measure-<measure_id>", or is not its version 1.
  domain::Result<Map::iterator> Create(std::string_view measure_id, const EventView& event);
  // The measure that `event` continues. INTERNAL when it does not exist, `event` is not on its
  // stream, or `event.version` is not the measure's version + 1.
  domain::Result<Map::iterator> Next(std::string_view measure_id, const EventView& event);
  // The measure whose stream is `stream_id`, if there is one; for events of unknown types.
  Map::iterator FindByStream(std::string_view stream_id);

  // nullptr when absent.
  const v1::Measure* Find(std::string_view measure_id) const;
  const Map& all() const { return measures_; }
  Map::iterator end() { return measures_.end(); }

 private:
  Map::iterator FindId(std::string_view measure_id);

  Map measures_;
  // The same entries hashed by id: the lookups of Apply, one per event, cost a hash instead of
  // ~log2(n) string comparisons. Keys view measures_' keys.
  std::unordered_map<std::string_view, Map::iterator> by_id_;
};

}  // namespace trygg::projections
