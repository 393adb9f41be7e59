#include "trygg/domain/evolve.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

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

void Apply(PlanState& state, const v1::ResidentInputRecorded& event) {
  state.inputs[event.input_id()] = {event.focus_area()};
}

void Apply(PlanState& state, const v1::FindingRecorded& event) {
  state.findings[event.finding_id()] = {event.focus_area(), /*retired=*/false};
}

void Apply(PlanState& /*state*/, const v1::FindingRevised& /*event*/) {}  // the text only

void Apply(PlanState& state, const v1::FindingRetired& event) {
  if (auto it = state.findings.find(event.finding_id()); it != state.findings.end()) {
    it->second.retired = true;
  }
}

void Apply(PlanState& state, const v1::CauseIdentified& event) {
  state.causes[event.cause_id()] = {event.focus_area(), event.number(), /*retired=*/false};
  std::uint32_t& highest = state.causes_numbered[event.focus_area()];
  highest = std::max(highest, event.number());
}

void Apply(PlanState& /*state*/, const v1::CauseRevised& /*event*/) {}  // the text only

void Apply(PlanState& state, const v1::CauseRetired& event) {
  if (auto it = state.causes.find(event.cause_id()); it != state.causes.end()) {
    it->second.retired = true;
  }
}

void Apply(PlanState& state, const v1::WorkingGroupFormed& event) {
  state.groups[event.group_id()] = {event.name()};
}

void Apply(PlanState& state, const v1::WorkingGroupChanged& event) {
  if (auto it = state.groups.find(event.group_id()); it != state.groups.end()) {
    it->second.name = event.name();
  }
}

void Apply(PlanState& state, const v1::CitizenPromiseMade& event) {
  state.promises[event.promise_id()] = {/*ended=*/false};
}

void Apply(PlanState& state, const v1::CitizenPromiseEnded& event) {
  if (auto it = state.promises.find(event.promise_id()); it != state.promises.end()) {
    it->second.ended = true;
  }
}

void Apply(PlanState& state, const v1::PlanAdopted& event) {
  state.adopted_version = event.version();
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
  state.cause_ids.assign(event.cause_ids().begin(), event.cause_ids().end());
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

// The measure's lists of ids hold each id once, in the order it first came.
void AddOnce(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}
void Remove(std::vector<std::string>& ids, const std::string& id) {
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

void Apply(MeasureState& state, const v1::MeasureLinkedToCause& event) {
  AddOnce(state.cause_ids, event.cause_id());
}

void Apply(MeasureState& state, const v1::MeasureUnlinkedFromCause& event) {
  Remove(state.cause_ids, event.cause_id());
}

void Apply(MeasureState& state, const v1::OperationalGoalSet& event) {
  AddOnce(state.goal_ids, event.goal_id());  // a goal set again under its id is replaced
}

void Apply(MeasureState& state, const v1::OperationalGoalRetired& event) {
  Remove(state.goal_ids, event.goal_id());
}

void Apply(MeasureState& state, const v1::PartnerAdded& event) {
  AddOnce(state.partner_ids, event.agency_id());
}

void Apply(MeasureState& state, const v1::PartnerRemoved& event) {
  Remove(state.partner_ids, event.agency_id());
}

void Apply(MeasureState& /*state*/, const v1::FollowUpRecorded& /*event*/) {}  // the version only

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
void Evolve(PlanState& state, const v1::ResidentInputRecorded& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::FindingRecorded& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::CauseIdentified& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::WorkingGroupFormed& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::CitizenPromiseMade& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::FindingRevised& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::CauseRevised& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::FindingRetired& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::CauseRetired& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::CitizenPromiseEnded& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::WorkingGroupChanged& event) { Count(state, event); }
void Evolve(PlanState& state, const v1::PlanAdopted& event) { Count(state, event); }
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
void Evolve(MeasureState& state, const v1::MeasureLinkedToCause& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::MeasureUnlinkedFromCause& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::OperationalGoalSet& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::OperationalGoalRetired& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::PartnerAdded& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::PartnerRemoved& event) { Count(state, event); }
void Evolve(MeasureState& state, const v1::FollowUpRecorded& event) { Count(state, event); }
void Evolve(MeasureState& state, const DomainEvent& event) { CountAny(state, event); }

}  // namespace trygg::domain
