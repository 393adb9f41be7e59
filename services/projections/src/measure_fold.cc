#include "measure_fold.h"

#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>

#include "follow_up.h"

namespace trygg::projections {

using google::protobuf::util::TimeUtil;

namespace {

// The index of the element whose `key()` is `key`, or -1.
template <typename Element, typename Key>
int IndexOf(const google::protobuf::RepeatedPtrField<Element>& elements, std::string_view key,
            Key key_of) {
  for (int i = 0; i < elements.size(); ++i) {
    if (std::invoke(key_of, elements.Get(i)) == key) return i;
  }
  return -1;
}

int CauseIndex(const v1::Measure& measure, std::string_view cause_id) {
  return IndexOf(measure.cause_ids(), cause_id,
                 [](const std::string& id) -> const std::string& { return id; });
}
int GoalIndex(const v1::Measure& measure, std::string_view goal_id) {
  return IndexOf(measure.goals(), goal_id, &v1::OperationalGoal::goal_id);
}
int PartnerIndex(const v1::Measure& measure, std::string_view agency_id) {
  return IndexOf(measure.partners(), agency_id, &v1::Partner::agency_id);
}

// Removes the element at `index` (-1: none), keeping the others' order.
template <typename Elements>
void EraseAt(Elements* elements, int index) {
  if (index >= 0) elements->erase(elements->begin() + index);
}

// Where a party's follow-up stands in the view: the responsible agency first, then the partners in
// the order they were added, then parties that no longer take part, in the order they first
// reported.
int PartyRank(const v1::Measure& measure, std::string_view party) {
  if (party == measure.responsible_agency_id()) return 0;
  const int partner = PartnerIndex(measure, party);
  return partner >= 0 ? 1 + partner : 1 + measure.partners_size();
}

void OrderFollowUps(v1::Measure& measure) {
  auto* follow_ups = measure.mutable_latest_follow_ups();
  if (follow_ups->size() < 2) return;
  std::stable_sort(follow_ups->pointer_begin(), follow_ups->pointer_end(),
                   [&measure](const v1::FollowUp* a, const v1::FollowUp* b) {
                     return PartyRank(measure, a->party()) < PartyRank(measure, b->party());
                   });
}

// Whether something measured in `period` replaces what was measured in `current`: not when
// `current` is later.
bool Supersedes(std::string_view period, std::string_view current) {
  return !domain::PeriodBefore(PeriodOf(period), PeriodOf(current));
}

void SetLatestValue(v1::OperationalGoal& goal, double value, const std::string& period) {
  goal.set_latest_value(value);
  goal.set_latest_value_period(period);
  goal.set_met(GoalMet(goal, value));
}

}  // namespace

void Propose(v1::MeasureProposed&& event, std::string_view principal, v1::Measure& measure) {
  // Neither message is on an arena, so each string changes hands without a copy or allocation.
  measure.set_allocated_measure_id(event.release_measure_id());
  measure.set_allocated_plan_id(event.release_plan_id());
  measure.set_allocated_focus_area(event.release_focus_area());
  measure.set_allocated_title(event.release_title());
  measure.set_allocated_description(event.release_description());
  measure.mutable_cause_ids()->Swap(event.mutable_cause_ids());
  measure.set_kind(event.kind());
  measure.set_effort(event.effort());
  measure.set_expected_effect(event.expected_effect());
  measure.set_status(v1::MEASURE_STATUS_PROPOSED);
  measure.set_proposed_by(std::string(principal));
}

void Fold(const v1::MeasurePrioritised& event, v1::Measure& measure) {
  measure.set_priority(event.priority());
}

void Fold(const v1::MeasureAssigned& event, v1::Measure& measure) {
  measure.set_responsible_agency_id(event.agency_id());
  measure.set_due_date(event.due_date());
  measure.set_last_note(event.note());
  OrderFollowUps(measure);
}

void Fold(const v1::MeasureStarted& /*event*/, v1::Measure& /*measure*/) {}

void Fold(const v1::MeasureProgressReported& event, v1::Measure& measure) {
  measure.set_percent_complete(event.percent_complete());
  measure.set_last_note(event.note());
}

void Fold(const v1::MeasureCompleted& event, v1::Measure& measure) {
  measure.set_percent_complete(100);
  measure.set_outcome(event.outcome());
}

void Fold(const v1::MeasureWithdrawn& event, v1::Measure& measure) {
  measure.set_withdrawal_reason(event.reason());
}

void Fold(const v1::MeasureLinkedToCause& event, v1::Measure& measure) {
  if (CauseIndex(measure, event.cause_id()) < 0) measure.add_cause_ids(event.cause_id());
}

void Fold(const v1::MeasureUnlinkedFromCause& event, v1::Measure& measure) {
  EraseAt(measure.mutable_cause_ids(), CauseIndex(measure, event.cause_id()));
}

void Fold(const v1::OperationalGoalSet& event, v1::Measure& measure) {
  const int index = GoalIndex(measure, event.goal_id());
  v1::OperationalGoal& goal = index >= 0 ? *measure.mutable_goals(index) : *measure.add_goals();
  goal.set_goal_id(event.goal_id());
  goal.set_indicator(event.indicator());
  goal.set_unit(event.unit());
  goal.set_baseline(event.baseline());
  goal.set_target(event.target());
  goal.set_by_date(event.by_date());
  if (goal.has_latest_value()) goal.set_met(GoalMet(goal, goal.latest_value()));
}

void Fold(const v1::OperationalGoalRetired& event, v1::Measure& measure) {
  EraseAt(measure.mutable_goals(), GoalIndex(measure, event.goal_id()));
}

void Fold(const v1::PartnerAdded& event, v1::Measure& measure) {
  const int index = PartnerIndex(measure, event.agency_id());
  v1::Partner& partner = index >= 0 ? *measure.mutable_partners(index) : *measure.add_partners();
  partner.set_agency_id(event.agency_id());
  partner.set_commitment(event.commitment());
  OrderFollowUps(measure);
}

void Fold(const v1::PartnerRemoved& event, v1::Measure& measure) {
  EraseAt(measure.mutable_partners(), PartnerIndex(measure, event.agency_id()));
  OrderFollowUps(measure);
}

void Fold(const v1::FollowUpRecorded& event, const Recorded& recorded, v1::Measure& measure) {
  v1::FollowUp follow_up = FollowUpOf(event, recorded);
  for (const v1::IndicatorValue& value : follow_up.values()) {
    const int index = GoalIndex(measure, value.goal_id());
    if (index < 0) continue;  // a retired goal's value, or one for a goal never set
    v1::OperationalGoal& goal = *measure.mutable_goals(index);
    if (!goal.has_latest_value() || Supersedes(follow_up.period(), goal.latest_value_period())) {
      SetLatestValue(goal, value.value(), follow_up.period());
    }
  }
  auto* latest = measure.mutable_latest_follow_ups();
  const int index = IndexOf(*latest, follow_up.party(), &v1::FollowUp::party);
  if (index < 0) {
    *latest->Add() = std::move(follow_up);
    OrderFollowUps(measure);
  } else if (Supersedes(follow_up.period(), latest->Get(index).period())) {
    *latest->Mutable(index) = std::move(follow_up);
  }
}

bool Cites(const v1::Measure& measure, std::string_view cause_id) {
  return CauseIndex(measure, cause_id) >= 0;
}

bool HasPartner(const v1::Measure& measure, std::string_view agency_id) {
  return PartnerIndex(measure, agency_id) >= 0;
}

v1::FollowUp FollowUpOf(const v1::FollowUpRecorded& event, const Recorded& recorded) {
  v1::FollowUp follow_up;
  follow_up.set_period(event.period());
  follow_up.set_party(event.party());
  follow_up.set_health(event.health());
  follow_up.set_hours(event.hours());
  follow_up.set_cost_sek(event.cost_sek());
  follow_up.set_comment(event.comment());
  *follow_up.mutable_values() = event.values();
  follow_up.set_recorded_by(std::string(recorded.principal));
  *follow_up.mutable_recorded_at() = TimeUtil::MicrosecondsToTimestamp(recorded.at_us);
  follow_up.set_plan_version(recorded.plan_version);
  return follow_up;
}

void Stamp(uint64_t version, int64_t recorded_at_us, v1::Measure& measure) {
  measure.set_version(version);
  // Normalised as Timestamp requires (0 <= nanos < 1e9), also before 1970.
  const google::protobuf::Timestamp at = TimeUtil::MicrosecondsToTimestamp(recorded_at_us);
  if (!measure.has_created_at()) *measure.mutable_created_at() = at;
  *measure.mutable_updated_at() = at;
}

}  // namespace trygg::projections
