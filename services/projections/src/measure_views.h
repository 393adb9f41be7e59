// Every measure's current view, by id, and the checks that an event really continues the
// measure's stream before it is folded in.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <atomic>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "follow_up.h"
#include "id_set.h"
#include "measure_facts.h"
#include "trygg/domain/result.h"
#include "trygg/domain/streams.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Whether `stream_id` is "<prefix><id>" (domain/streams.h): the stream of that plan or measure.
inline bool IsStreamOf(std::string_view prefix, std::string_view id, std::string_view stream_id) {
  return stream_id.size() == prefix.size() + id.size() && stream_id.starts_with(prefix) &&
         stream_id.ends_with(id);
}

struct AgencyMeasures;
class MeasureGroup;
class PlanPicture;

// Where the indexes filed a measure, so that refiling it after an event goes straight to its
// groups instead of looking its agency, plan and focus area up by name. Set by the indexes.
struct Filing {
  AgencyMeasures* agency = nullptr;  // nullptr until assigned
  MeasureGroup* plan = nullptr;
  MeasureGroup* focus_area = nullptr;
  PlanPicture* picture = nullptr;  // the plan's: cause links, follow-up periods, adoptions
};

// A measure's view, and what and where the indexes filed it under.
struct MeasureEntry {
  MeasureEntry() = default;
  ~MeasureEntry();
  MeasureEntry(const MeasureEntry&) = delete;
  MeasureEntry& operator=(const MeasureEntry&) = delete;

  // The view, to be changed (Apply, under the projections' exclusive lock): drops Bytes().
  v1::Measure& Change();
  // The view serialised, for replies sent as bytes (GetAgencyStatus). Made by the first query that
  // needs it after a change and kept until the next one. Queries call this concurrently (under
  // the shared lock): the first to finish publishes its copy, the others use it.
  const std::string& Bytes() const;

  std::string id;
  v1::Measure view;    // changed only through Change() once the measure exists
  MeasureFacts filed;  // filed.id is the measure's id, set by Create
  Filing filing;
  FollowUpHistory follow_ups;  // every follow-up that is still the latest for its period and party

 private:
  mutable std::atomic<const std::string*> bytes_{nullptr};  // owned; null until made
};

class MeasureViews {
 public:
  // Makes room for a new measure (an empty view to be filled by the caller). INTERNAL when the
  // measure exists, `event` is not on stream "measure-<measure_id>", or is not its version 1.
  domain::Result<MeasureEntry*> Create(std::string_view measure_id, const EventView& event);
  // The measure that `event` continues. INTERNAL when it does not exist, `event` is not on its
  // stream, or `event.version` is not the measure's version + 1.
  domain::Result<MeasureEntry*> Next(std::string_view measure_id, const EventView& event);
  // The measure whose stream is `stream_id`; nullptr when none. For events of unknown types.
  MeasureEntry* FindByStream(std::string_view stream_id);

  // nullptr when absent.
  const v1::Measure* Find(std::string_view measure_id) const;
  const MeasureEntry* Entry(std::string_view measure_id) const { return FindEntry(measure_id); }
  // Every measure, ordered by id: ListMeasures pages in this order.
  const IdSet& all() const { return ordered_; }

 private:
  MeasureEntry* FindEntry(std::string_view measure_id) const;

  // The entries, never erased; a deque never moves them, so indexes may hold pointers into them.
  std::deque<MeasureEntry> entries_;
  // The same by id (views of entries_' ids), in an open-addressing table: Apply looks a measure
  // up once per event, and std::unordered_map's lookups cost a division and a visit to an
  // unrelated node (its singly linked buckets start at the node before), often a cache miss.
  absl::flat_hash_map<std::string_view, MeasureEntry*, std::hash<std::string_view>> by_id_;
  IdSet ordered_;  // the same, ordered
};

}  // namespace trygg::projections
