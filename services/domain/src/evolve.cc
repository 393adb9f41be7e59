#include "trygg/domain/evolve.h"

#include <variant>

namespace trygg::domain {
namespace {

// Apply: the state change of one event, without the version count (Evolve adds that once, for
// every event). The catch-all template is for events of another kind of aggregate: a non-template
// overload below is always the better match when one exists.
template <class State, class Event>
void Apply(State& /*state*/, const Event& /*event*/) {}

void Apply(PlanState& state, const v1::PlanCreated& event) {
  state.plan_id = event.plan_id();
  state.name = event.name();
  state.municipality = event.municipality();
  state.focus_areas.assign(event.focus_areas().begin(), event.focus_areas().end());
}

void Apply(AgencyState& state, const v1::AgencyRegistered& event) {
  state.agency_id = event.agency_id();
  state.name = event.name();
  state.kind = event.kind();
}

void Apply(MeasureState& state, const v1::MeasureProposed& event) {
  state.measure_id = event.measure_id();
  state.plan_id = event.plan_id();
  state.focus_area = event.focus_area();
  state.status = v1::MEASURE_STATUS_PROPOSED;
}

void Apply(MeasureState& state, const v1::MeasurePrioritised& event) {
  state.priority = event.priority();
  // Only the first prioritisation moves the measure on; re-prioritising an assigned or started
  // measure must not send it back.
  if (state.status == v1::MEASURE_STATUS_PROPOSED) state.status = v1::MEASURE_STATUS_PRIORITISED;
}

void Apply(MeasureState& state, const v1::MeasureAssigned& event) {
  state.responsible_agency_id = event.agency_id();
  state.due_date = event.due_date();
  // Re-assigning an IN_PROGRESS measure hands over work under way; it stays IN_PROGRESS.
  if (state.status == v1::MEASURE_STATUS_PRIORITISED) state.status = v1::MEASURE_STATUS_ASSIGNED;
}

void Apply(MeasureState& state, const v1::MeasureStarted& /*event*/) {
  state.status = v1::MEASURE_STATUS_IN_PROGRESS;
}

void Apply(MeasureState& state, const v1::MeasureProgressReported& event) {
  state.percent_complete = event.percent_complete();
}

void Apply(MeasureState& state, const v1::MeasureCompleted& /*event*/) {
  state.status = v1::MEASURE_STATUS_COMPLETED;
  state.percent_complete = 100;
}

void Apply(MeasureState& state, const v1::MeasureWithdrawn& /*event*/) {
  state.status = v1::MEASURE_STATUS_WITHDRAWN;
}

template <class State, class Event>
void Count(State& state, const Event& event) {
  ++state.version;
  Apply(state, event);
}

template <class State>
void CountAny(State& state, const DomainEvent& event) {
  ++state.version;
  std::visit([&state](const auto& message) { Apply(state, message); }, event);
}

}  // namespace

void Evolve(PlanState& state, const v1::PlanCreated& event) { Count(state, event); }
void Evolve(PlanState& state, const DomainEvent& event) { CountAny(state, event); }

void Evolve(AgencyState& state, const v1::AgencyRegistered& event) { Count(state, event); }
void Evolve(AgencyState& state, const DomainEvent& event) { CountAny(state, event); }

void Evolve(MeasureState& state, const v1::MeasureProposed& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasurePrioritised& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureAssigned& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureStarted& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureProgressReported& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureCompleted& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureWithdrawn& event) { Count(state, event); }
void Evolve(MeasureState& state, const DomainEvent& event) { CountAny(state, event); }

}  // namespace trygg::domain
