#include "example_plan.h"

#include <string>
#include <utility>
#include <vector>

#include "trygg/domain/streams.h"

namespace trygg::projections::testing {
namespace {

using example_plan::AddAll;
using example_plan::Step;

// Appends `event` to the plan's stream as whoever the table says recorded it.
void OnPlan(History& h, const google::protobuf::Message& event, example_plan::RecordedBy by = {}) {
  const std::string stream = domain::PlanStream(kPlanId);
  if (by.empty()) {
    h.Append(stream, event);
  } else {
    h.Append(stream, event, by, by);
  }
}

void SituationPicture(History& h) {
  for (const auto& in : example_plan::kResidentInputs) {
    v1::ResidentInputRecorded e;
    e.set_plan_id(std::string(kPlanId));
    e.set_input_id(std::string(in.id));
    e.set_focus_area(std::string(in.focus_area));
    e.set_channel(in.channel);
    e.set_area(std::string(in.area));
    e.set_received_on(std::string(in.received_on));
    e.set_people(in.people);
    e.set_summary(std::string(in.summary));
    OnPlan(h, e, in.recorded_by);
  }
  for (const auto& f : example_plan::kFindings) {
    v1::FindingRecorded e;
    e.set_plan_id(std::string(kPlanId));
    e.set_finding_id(std::string(f.id));
    e.set_focus_area(std::string(f.focus_area));
    e.set_text(std::string(f.text));
    e.set_source(f.source);
    e.set_period(std::string(f.period));
    AddAll(e.mutable_input_ids(), f.input_ids);
    OnPlan(h, e, f.recorded_by);
  }
  for (const auto& c : example_plan::kCauses) {
    v1::CauseIdentified e;
    e.set_plan_id(std::string(kPlanId));
    e.set_cause_id(std::string(c.id));
    e.set_focus_area(std::string(c.focus_area));
    e.set_number(c.number);
    e.set_text(std::string(c.text));
    AddAll(e.mutable_finding_ids(), c.finding_ids);
    OnPlan(h, e);
  }
}

void WorkingGroups(History& h) {
  for (const auto& g : example_plan::kWorkingGroups) {
    v1::WorkingGroupFormed e;
    e.set_plan_id(std::string(kPlanId));
    e.set_group_id(std::string(g.id));
    e.set_name(std::string(g.name));
    AddAll(e.mutable_agency_ids(), g.agency_ids);
    AddAll(e.mutable_focus_areas(), g.focus_areas);
    OnPlan(h, e);
  }
}

void Propose(const example_plan::Measure& m, History& h) {
  v1::MeasureProposed e;
  e.set_measure_id(std::string(m.id));
  e.set_plan_id(std::string(kPlanId));
  e.set_focus_area(std::string(m.focus_area));
  e.set_title(std::string(m.title));
  e.set_description(std::string(m.description));
  AddAll(e.mutable_cause_ids(), m.cause_ids);
  e.set_kind(m.kind);
  e.set_effort(m.effort);
  e.set_expected_effect(m.expected_effect);
  h.Append(MeasureStream(m.id), e, "samordnare", kKs);
}

void SetGoals(const example_plan::Measure& m, History& h) {
  for (const auto& g : m.goals) {
    v1::OperationalGoalSet e;
    e.set_measure_id(std::string(m.id));
    e.set_goal_id(std::string(g.id));
    e.set_indicator(std::string(g.indicator));
    e.set_unit(std::string(g.unit));
    e.set_baseline(g.baseline);
    e.set_target(g.target);
    e.set_by_date(std::string(g.by_date));
    h.Append(MeasureStream(m.id), e);
  }
}

void AddPartners(const example_plan::Measure& m, History& h) {
  for (const auto& p : m.partners) {
    v1::PartnerAdded e;
    e.set_measure_id(std::string(m.id));
    e.set_agency_id(std::string(p.agency));
    e.set_commitment(std::string(p.commitment));
    h.Append(MeasureStream(m.id), e);
  }
}

void RunStep(Step step, const example_plan::Measure& m, History& h) {
  switch (step) {
    case Step::kPropose: Propose(m, h); return;
    case Step::kPrioritise: h.Prioritise(m.id, m.priority, m.rationale); return;
    case Step::kAssign: h.Assign(m.id, m.agency, m.due_date, m.assign_note); return;
    case Step::kSetGoals: SetGoals(m, h); return;
    case Step::kAddPartners: AddPartners(m, h); return;
    case Step::kStart: h.Start(m.id); return;
    case Step::kReportProgress: h.Report(m.id, m.percent_complete, m.progress_note); return;
    case Step::kComplete: h.Complete(m.id, m.outcome); return;
    case Step::kWithdraw: h.Withdraw(m.id, m.withdrawal_reason); return;
  }
}

void AdoptAndPromise(History& h) {
  const example_plan::Adoption& a = example_plan::kAdoption;
  v1::PlanAdopted adopted;
  adopted.set_plan_id(std::string(kPlanId));
  adopted.set_version(1);
  adopted.set_adopted_by(std::string(a.adopted_by));
  adopted.set_decision_date(std::string(a.decision_date));
  adopted.set_reference(std::string(a.reference));
  AddAll(adopted.mutable_signatories(), a.signatories);
  OnPlan(h, adopted);
  const example_plan::CitizenPromise& p = example_plan::kCitizenPromise;
  v1::CitizenPromiseMade promise;
  promise.set_plan_id(std::string(kPlanId));
  promise.set_promise_id(std::string(p.id));
  promise.set_text(std::string(p.text));
  AddAll(promise.mutable_measure_ids(), p.measure_ids);
  AddAll(promise.mutable_signatories(), p.signatories);
  promise.set_valid_from(std::string(p.valid_from));
  promise.set_valid_to(std::string(p.valid_to));
  OnPlan(h, promise);
}

void FollowUps(History& h) {
  for (const auto& f : example_plan::kFollowUps) {
    v1::FollowUpRecorded e;
    e.set_measure_id(std::string(f.measure_id));
    e.set_period(std::string(f.period));
    e.set_party(std::string(f.party));
    e.set_health(f.health);
    e.set_hours(f.hours);
    e.set_cost_sek(f.cost_sek);
    e.set_comment(std::string(f.comment));
    for (const auto& [goal, value] : f.values) {
      v1::IndicatorValue* v = e.add_values();
      v->set_goal_id(std::string(goal));
      v->set_value(value);
    }
    if (f.recorded_by.empty()) {
      h.Append(MeasureStream(f.measure_id), e);
    } else {
      h.Append(MeasureStream(f.measure_id), e, f.recorded_by, f.recorded_by);
    }
  }
}

}  // namespace

void BuildTryggareVarnamo(History& history) {
  std::vector<std::pair<std::string, std::string>> focus_areas;
  for (const auto& [key, name] : example_plan::kFocusAreas) focus_areas.emplace_back(key, name);
  history.CreatePlan(kPlanId, example_plan::kPlanName, example_plan::kMunicipality, focus_areas);
  for (const auto& a : example_plan::kAgencies) history.RegisterAgency(a.id, a.name, a.kind);
  SituationPicture(history);
  WorkingGroups(history);
  for (const auto& m : example_plan::kMeasures) {
    for (Step step : example_plan::StepsOf(m)) RunStep(step, m, history);
  }
  for (const auto& link : example_plan::kCauseLinks) {
    v1::MeasureLinkedToCause e;
    e.set_measure_id(std::string(link.measure_id));
    e.set_cause_id(std::string(link.cause_id));
    history.Append(MeasureStream(link.measure_id), e);
  }
  AdoptAndPromise(history);
  FollowUps(history);
}

}  // namespace trygg::projections::testing
