// Every measure's current view, by id, and the checks that an event really continues the
// measure's stream before it is folded in.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "id_set.h"
#include "measure_facts.h"
#include "trygg/domain/result.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Measures live in stream "measure-<measure_id>" (DESIGN.md, Streams).
inline constexpr std::string_view kMeasureStreamPrefix = "measure-";

struct AgencyMeasures;
class MeasureGroup;

// Where the indexes filed a measure, so that refiling it after an event goes straight to its
// groups instead of looking its agency, plan and focus area up by name. Set by the indexes.
struct Filing {
  AgencyMeasures* agency = nullptr;  // nullptr until assigned
  MeasureGroup* plan = nullptr;
  MeasureGroup* focus_area = nullptr;
};

// A measure's view, and what and where the indexes filed it under.
struct MeasureEntry {
  v1::Measure view;
  MeasureFacts filed;  // filed.id is the measure's id, set by Create
  Filing filing;
};

class MeasureViews {
 public:
  // By id, hashed: Apply looks a measure up once per event. Entries are never erased and nodes
  // never move, so indexes may hold views of the keys and pointers to the values.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  using Map = std::unordered_map<std::string, MeasureEntry, Hash, std::equal_to<>>;

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
  // Every measure, ordered by id: ListMeasures pages in this order.
  const IdSet& all() const { return ordered_; }
  Map::iterator end() { return measures_.end(); }

 private:
  Map measures_;
  IdSet ordered_;  // the same entries
};

}  // namespace trygg::projections
