// Everything a Projections instance holds. Apply (apply.cc) writes it; the queries (queries.cc)
// only read it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <variant>

#include "agency_index.h"
#include "measure_facts.h"
#include "measure_views.h"
#include "plan_index.h"
#include "trygg/domain/event.h"
#include "trygg/v1/events.pb.h"

namespace trygg::projections::internal {

// A tuple of one message of each alternative of a variant.
template <class Variant>
struct ParseBuffersOf;
template <class... Events>
struct ParseBuffersOf<std::variant<Events...>> {
  using type = std::tuple<Events...>;
};
template <class Variant>
using ParseBuffers = typename ParseBuffersOf<Variant>::type;

class ProjectionsState {
 public:
  uint64_t applied_position = 0;
  uint64_t ignored_events = 0;
  std::map<std::string, uint64_t, std::less<>> ignored_types;

  // Apply's parse buffers, one per alternative of DomainEvent; those of the events that change an
  // existing measure are used.
  ParseBuffers<domain::DomainEvent> parsed;

  MeasureViews measures;
  AgencyIndex agencies;
  PlanIndex plans;

  // Files a new measure in every index.
  void File(MeasureEntry& entry) {
    entry.filed = FactsOf(entry.filed.id, entry);
    agencies.Update(nullptr, entry.filed, entry.filing.agency);
    plans.Update(nullptr, entry.filed, entry.filing);
  }
  // Moves a measure whose view changed to where the indexes now file it, if that changed.
  void Refile(MeasureEntry& entry) {
    if (entry.filed.FiledAs(entry.view)) return;  // e.g. a progress report
    MeasureFacts now = FactsOf(entry.filed.id, entry);
    agencies.Update(&entry.filed, now, entry.filing.agency);
    for (const v1::Partner& partner : entry.view.partners()) {
      agencies.ChangePartner(partner.agency_id(), entry.filed, now);
    }
    plans.Update(&entry.filed, now, entry.filing);
    entry.filed = std::move(now);
  }
};

}  // namespace trygg::projections::internal
