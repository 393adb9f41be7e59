// Builders for the domain tests: valid requests, and states reached by folding the events a
// real history would append. Each request builder returns a request that passes Validate, so a
// test changes exactly the field it is about.
#pragma once

#include <string>

#include "trygg/domain/evolve.h"
#include "trygg/domain/state.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/events.pb.h"

namespace trygg::domain::testing {

inline constexpr char kMeasureId[] = "m-1";
inline constexpr char kPlanId[] = "tryggare-varnamo-2026";
inline constexpr char kAgencyId[] = "polisen-lpo-varnamo";
inline constexpr char kOtherAgencyId[] = "varnamo-kommun-socialtjansten";

// A request of type `Request` for measure kMeasureId, with `command_id`.
template <class Request>
Request MeasureRequest(const std::string& command_id) {
  Request request;
  request.set_command_id(command_id);
  request.set_measure_id(kMeasureId);
  return request;
}

inline v1::CreatePlanRequest CreatePlan() {
  v1::CreatePlanRequest request;
  request.set_command_id("cmd-create-plan");
  request.set_plan_id(kPlanId);
  request.set_name("Tryggare Värnamo 2026");
  request.set_municipality("Värnamo kommun");
  v1::FocusArea* narkotika = request.add_focus_areas();
  narkotika->set_key("narkotika");
  narkotika->set_name("Narkotika");
  v1::FocusArea* otrygghet = request.add_focus_areas();
  otrygghet->set_key("otrygghet");
  otrygghet->set_name("Otrygghet i centrum");
  return request;
}

inline v1::RegisterAgencyRequest RegisterAgency(const std::string& agency_id = kAgencyId) {
  v1::RegisterAgencyRequest request;
  request.set_command_id("cmd-register-" + agency_id);
  request.set_agency_id(agency_id);
  request.set_name("Polisen, lokalpolisområde Värnamo");
  request.set_kind("police");
  return request;
}

inline v1::ProposeMeasureRequest ProposeMeasure() {
  v1::ProposeMeasureRequest request;
  request.set_command_id("cmd-propose");
  request.set_plan_id(kPlanId);
  request.set_focus_area("narkotika");
  request.set_title("Trygghetsvandring i centrum");
  request.set_description("Kvällsvandring med boende, polis och fastighetsägare.");
  request.set_measure_id(kMeasureId);
  return request;
}

inline v1::PrioritiseMeasureRequest Prioritise(v1::Priority priority = v1::PRIORITY_HIGH) {
  auto request = MeasureRequest<v1::PrioritiseMeasureRequest>("cmd-prioritise");
  request.set_priority(priority);
  request.set_rationale("Återkommande oro i lägesbilden.");
  return request;
}

inline v1::AssignMeasureRequest Assign(const std::string& agency_id = kAgencyId) {
  auto request = MeasureRequest<v1::AssignMeasureRequest>("cmd-assign");
  request.set_agency_id(agency_id);
  request.set_due_date("2026-06-30");
  request.set_note("Samordnas med kommunen.");
  return request;
}

inline v1::StartMeasureRequest Start() {
  return MeasureRequest<v1::StartMeasureRequest>("cmd-start");
}

inline v1::ReportProgressRequest ReportProgress(std::uint32_t percent = 40) {
  auto request = MeasureRequest<v1::ReportProgressRequest>("cmd-progress");
  request.set_percent_complete(percent);
  request.set_note("Två av fem vandringar genomförda.");
  return request;
}

inline v1::CompleteMeasureRequest Complete() {
  auto request = MeasureRequest<v1::CompleteMeasureRequest>("cmd-complete");
  request.set_outcome("Fem vandringar, 60 deltagare.");
  return request;
}

inline v1::WithdrawMeasureRequest Withdraw() {
  auto request = MeasureRequest<v1::WithdrawMeasureRequest>("cmd-withdraw");
  request.set_reason("Ersätts av en bredare åtgärd.");
  return request;
}

// The plan of CreatePlan(), as folded from its PlanCreated.
inline PlanState ExistingPlan() {
  const v1::CreatePlanRequest request = CreatePlan();
  v1::PlanCreated event;
  event.set_plan_id(request.plan_id());
  event.set_name(request.name());
  event.set_municipality(request.municipality());
  *event.mutable_focus_areas() = request.focus_areas();
  PlanState plan;
  Evolve(plan, event);
  return plan;
}

inline AgencyState ExistingAgency(const std::string& agency_id = kAgencyId) {
  v1::AgencyRegistered event;
  event.set_agency_id(agency_id);
  event.set_name("Polisen, lokalpolisområde Värnamo");
  event.set_kind("police");
  AgencyState agency;
  Evolve(agency, event);
  return agency;
}

// Measure kMeasureId in `status`, reached along the lifecycle's main path (WITHDRAWN: withdrawn
// while PROPOSED) and assigned to kAgencyId once ASSIGNED. UNSPECIFIED gives the empty state of a
// measure that does not exist.
inline MeasureState MeasureIn(v1::MeasureStatus status) {
  MeasureState measure;
  if (status == v1::MEASURE_STATUS_UNSPECIFIED) return measure;

  v1::MeasureProposed proposed;
  proposed.set_measure_id(kMeasureId);
  proposed.set_plan_id(kPlanId);
  proposed.set_focus_area("narkotika");
  proposed.set_title("Trygghetsvandring i centrum");
  Evolve(measure, proposed);
  if (status == v1::MEASURE_STATUS_PROPOSED) return measure;
  if (status == v1::MEASURE_STATUS_WITHDRAWN) {
    v1::MeasureWithdrawn withdrawn;
    withdrawn.set_measure_id(kMeasureId);
    Evolve(measure, withdrawn);
    return measure;
  }

  v1::MeasurePrioritised prioritised;
  prioritised.set_measure_id(kMeasureId);
  prioritised.set_priority(v1::PRIORITY_MEDIUM);
  Evolve(measure, prioritised);
  if (status == v1::MEASURE_STATUS_PRIORITISED) return measure;

  v1::MeasureAssigned assigned;
  assigned.set_measure_id(kMeasureId);
  assigned.set_agency_id(kAgencyId);
  assigned.set_due_date("2026-06-30");
  Evolve(measure, assigned);
  if (status == v1::MEASURE_STATUS_ASSIGNED) return measure;

  v1::MeasureStarted started;
  started.set_measure_id(kMeasureId);
  Evolve(measure, started);
  if (status == v1::MEASURE_STATUS_IN_PROGRESS) return measure;

  v1::MeasureCompleted completed;
  completed.set_measure_id(kMeasureId);
  Evolve(measure, completed);
  return measure;  // COMPLETED
}

// `count` copies of `unit` (a UTF-8 sequence for one character, e.g. "å").
inline std::string Repeat(const std::string& unit, std::size_t count) {
  std::string text;
  text.reserve(unit.size() * count);
  for (std::size_t i = 0; i < count; ++i) text += unit;
  return text;
}

}  // namespace trygg::domain::testing
