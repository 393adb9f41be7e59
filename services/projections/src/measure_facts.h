// What the indexes need to know about a measure to file it: where it belongs and what state it is
// in. Taken before and after each event, so an index can move the measure from old to new.
#pragma once

#include <string>
#include <string_view>

#include "id_set.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

struct MeasureFacts {
  // The measure's id as the indexes sort it; views the key of the measure in MeasureViews.
  // Measures are never erased, so indexes may keep it for the lifetime of the Projections.
  IdKey id;
  // The measure's entry in MeasureViews (stable for the same reason), so that a query walking an
  // index reads the measure without looking its id up again.
  const MeasureEntry* entry = nullptr;
  // Views of the measure's own fields: a measure's plan and focus area never change.
  std::string_view plan_id;
  std::string_view focus_area;
  v1::MeasureStatus status = v1::MEASURE_STATUS_UNSPECIFIED;
  v1::Priority priority = v1::PRIORITY_UNSPECIFIED;
  // Copies, not views: the facts a measure was filed under must outlive the event that changes
  // these.
  std::string agency_id;  // empty until assigned
  std::string due_date;   // empty until assigned

  // Whether the indexes file `measure` (this measure's view, since changed) as they filed these.
  bool FiledAs(const v1::Measure& measure) const {
    return status == measure.status() && priority == measure.priority() &&
           agency_id == measure.responsible_agency_id() && due_date == measure.due_date();
  }
};

// `id` must view `entry`'s id, and `entry` be in MeasureViews (the indexes keep pointers to both).
MeasureFacts FactsOf(const IdKey& id, const MeasureEntry& entry);

// Neither completed nor withdrawn: still work to do.
inline bool IsOpen(v1::MeasureStatus status) {
  return status != v1::MEASURE_STATUS_COMPLETED && status != v1::MEASURE_STATUS_WITHDRAWN;
}

// ISO dates ("YYYY-MM-DD") compare correctly as strings. A measure without a due date is never
// overdue.
inline bool IsOverdue(v1::MeasureStatus status, std::string_view due_date, std::string_view today) {
  return IsOpen(status) && !due_date.empty() && due_date < today;
}

}  // namespace trygg::projections
