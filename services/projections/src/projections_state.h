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

  // Files a new measure in every index.
  void File(MeasureEntry& entry) {
    entry.filed = FactsOf(entry.filed.id, entry.view);
    agencies.Update(nullptr, entry.filed, entry.filing.agency);
    plans.Update(nullptr, entry.filed, entry.filing);
  }
  // Moves a measure whose view changed to where the indexes now file it, if that changed.
  void Refile(MeasureEntry& entry) {
    if (entry.filed.FiledAs(entry.view)) return;  // e.g. a progress report
    MeasureFacts now = FactsOf(entry.filed.id, entry.view);
    agencies.Update(&entry.filed, now, entry.filing.agency);
    plans.Update(&entry.filed, now, entry.filing);
    entry.filed = std::move(now);
  }
};

}  // namespace trygg::projections::internal
