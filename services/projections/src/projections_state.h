// Everything a Projections instance holds. Apply (apply.cc) writes it; the queries (queries.cc)
// only read it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>

#include "agency_index.h"
#include "measure_facts.h"
#include "measure_views.h"
#include "plan_index.h"
#include "trygg/v1/events.pb.h"

namespace trygg::projections::internal {

class ProjectionsState {
 public:
  uint64_t applied_position = 0;
  uint64_t ignored_events = 0;
  std::map<std::string, uint64_t, std::less<>> ignored_types;

  // Apply's parse buffers for the events that change an existing measure, one per type.
  std::tuple<v1::MeasurePrioritised, v1::MeasureAssigned, v1::MeasureStarted,
             v1::MeasureProgressReported, v1::MeasureCompleted, v1::MeasureWithdrawn>
      parsed;

  MeasureViews measures;
  AgencyIndex agencies;
  PlanIndex plans;

  // Tells every index that a measure changed from `before` (nullptr: it is new) to `after`;
  // `filing` is where the indexes filed it, and they keep it current.
  void Refile(const MeasureFacts* before, const MeasureFacts& after, Filing& filing) {
    if (before != nullptr && before->SameFiling(after)) return;  // e.g. a progress report
    agencies.Update(before, after, filing.agency);
    plans.Update(before, after, filing);
  }
};

}  // namespace trygg::projections::internal
