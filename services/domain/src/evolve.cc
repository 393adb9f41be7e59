#include "trygg/domain/evolve.h"

#include <type_traits>
#include <variant>

#include "trygg/domain/lifecycle.h"

namespace trygg::domain {
namespace {

template <class State>
constexpr Aggregate AggregateOf() {
  if constexpr (std::is_same_v<State, PlanState>) {
    return Aggregate::kPlan;
  } else if constexpr (std::is_same_v<State, AgencyState>) {
    return Aggregate::kAgency;
  } else {
    static_assert(std::is_same_v<State, MeasureState>);
    return Aggregate::kMeasure;
  }
}

// Apply: the state change of one event, without the version count and the lifecycle step (Count
// adds those once, for every event). This template takes the events of other aggregates, which
// change nothing; an event of the state's own aggregate must have its own overload below (a
// non-template overload is always the better match), or this static_assert fails.
template <class State, class Event>
void Apply(State& /*state*/, const Event& /*event*/) {
  static_assert(EventTraits<Event>::kAggregate != AggregateOf<State>(),
                "an event of this aggregate needs its own Apply overload in evolve.cc");
}

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
}

void Apply(MeasureState& state, const v1::MeasureAssigned& event) {
  state.responsible_agency_id = event.agency_id();
  state.due_date = event.due_date();
}

void Apply(MeasureState& /*state*/, const v1::MeasureStarted& /*event*/) {}  // the status only

void Apply(MeasureState& state, const v1::MeasureProgressReported& event) {
  state.percent_complete = event.percent_complete();
}

void Apply(MeasureState& state, const v1::MeasureCompleted& /*event*/) {
  state.percent_complete = 100;
}

void Apply(MeasureState& /*state*/, const v1::MeasureWithdrawn& /*event*/) {}  // the status only

// Every event: counted, applied and, when a measure command decided it, the measure's lifecycle
// step, which the lifecycle table gives (StatusAfter).
template <class State, class Event>
void Count(State& state, const Event& event) {
  ++state.version;
  Apply(state, event);
  if constexpr (std::is_same_v<State, MeasureState> && MovesMeasure<Event>) {
    state.status = StatusAfter(state.status, EventTraits<Event>::kCommand);
  }
}

template <class State>
void CountAny(State& state, const DomainEvent& event) {
  std::visit([&state](const auto& message) { Count(state, message); }, event);
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
