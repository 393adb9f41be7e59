// Builders for the domain tests: valid requests, and states reached by folding the events a
// real history would append. Each request builder returns a request that passes Validate, so a
// test changes exactly the field it is about.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "trygg/domain/decide.h"
#include "trygg/domain/evolve.h"
#include "trygg/domain/state.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/events.pb.h"

namespace trygg::domain::testing {

inline constexpr char kMeasureId[] = "m-1";
inline constexpr char kPlanId[] = "tryggare-varnamo-2026";
inline constexpr char kAgencyId[] = "polisen-lpo-varnamo";
inline constexpr char kOtherAgencyId[] = "varnamo-kommun-socialtjansten";
inline constexpr char kInputId[] = "in-1";
inline constexpr char kFindingId[] = "f-1";
inline constexpr char kCauseId[] = "c-1";
inline constexpr char kGoalId[] = "g-1";
inline constexpr char kGroupId[] = "wg-1";
inline constexpr char kPromiseId[] = "p-1";

// A request of type `Request` for measure kMeasureId, with `command_id`.
template <class Request>
Request MeasureRequest(const std::string& command_id) {
  Request request;
  request.set_command_id(command_id);
  request.set_measure_id(kMeasureId);
  return request;
}

// A request of type `Request` for plan kPlanId, with `command_id`.
template <class Request>
Request PlanRequest(const std::string& command_id) {
  Request request;
  request.set_command_id(command_id);
  request.set_plan_id(kPlanId);
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

// --- The whole plan: one valid request of each kind, naming the ids above -----------------------

inline v1::RecordResidentInputRequest RecordResidentInput() {
  auto request = PlanRequest<v1::RecordResidentInputRequest>("cmd-input");
  request.set_input_id(kInputId);
  request.set_focus_area("otrygghet");
  request.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
  request.set_area("Pilagården");
  request.set_received_on("2026-03-12");
  request.set_people(24);
  request.set_summary("Mörka gångvägar och buskage upplevs som otrygga på kvällen.");
  return request;
}

inline v1::RecordFindingRequest RecordFinding() {
  auto request = PlanRequest<v1::RecordFindingRequest>("cmd-finding");
  request.set_finding_id(kFindingId);
  request.set_focus_area("otrygghet");
  request.set_text("Otryggheten i centrum har ökat sedan 2024.");
  request.set_source(v1::FINDING_SOURCE_SAFETY_SURVEY);
  request.set_period("2025–2026");
  request.set_area("Centrum");
  request.add_input_ids(kInputId);
  return request;
}

inline v1::ReviseFindingRequest ReviseFinding() {
  auto request = PlanRequest<v1::ReviseFindingRequest>("cmd-revise-finding");
  request.set_finding_id(kFindingId);
  request.set_text("Otryggheten i centrum har ökat sedan 2023.");
  request.add_input_ids(kInputId);
  return request;
}

inline v1::RetireFindingRequest RetireFinding() {
  auto request = PlanRequest<v1::RetireFindingRequest>("cmd-retire-finding");
  request.set_finding_id(kFindingId);
  request.set_reason("Ersatt av 2026 års trygghetsmätning.");
  return request;
}

inline v1::IdentifyCauseRequest IdentifyCause() {
  auto request = PlanRequest<v1::IdentifyCauseRequest>("cmd-cause");
  request.set_cause_id(kCauseId);
  request.set_focus_area("otrygghet");
  request.set_text("Dålig belysning och skymd sikt längs gångstråken.");
  request.add_finding_ids(kFindingId);
  return request;
}

inline v1::ReviseCauseRequest ReviseCause() {
  auto request = PlanRequest<v1::ReviseCauseRequest>("cmd-revise-cause");
  request.set_cause_id(kCauseId);
  request.set_text("Dålig belysning längs gångstråken.");
  request.add_finding_ids(kFindingId);
  return request;
}

inline v1::RetireCauseRequest RetireCause() {
  auto request = PlanRequest<v1::RetireCauseRequest>("cmd-retire-cause");
  request.set_cause_id(kCauseId);
  request.set_reason("Belysningen är åtgärdad.");
  return request;
}

inline v1::LinkMeasureToCauseRequest LinkCause() {
  auto request = MeasureRequest<v1::LinkMeasureToCauseRequest>("cmd-link");
  request.set_cause_id(kCauseId);
  return request;
}

inline v1::UnlinkMeasureFromCauseRequest UnlinkCause() {
  auto request = MeasureRequest<v1::UnlinkMeasureFromCauseRequest>("cmd-unlink");
  request.set_cause_id(kCauseId);
  request.set_reason("Fel orsak.");
  return request;
}

inline v1::SetOperationalGoalRequest SetGoal() {
  auto request = MeasureRequest<v1::SetOperationalGoalRequest>("cmd-goal");
  request.set_goal_id(kGoalId);
  request.set_indicator("Andel boende som känner sig trygga i centrum");
  request.set_unit("%");
  request.set_baseline(54);
  request.set_target(65);
  request.set_by_date("2027-12-31");
  return request;
}

inline v1::RetireOperationalGoalRequest RetireGoal() {
  auto request = MeasureRequest<v1::RetireOperationalGoalRequest>("cmd-retire-goal");
  request.set_goal_id(kGoalId);
  request.set_reason("Mäts inte längre.");
  return request;
}

inline v1::AddPartnerRequest AddPartner(const std::string& agency_id = kOtherAgencyId) {
  auto request = MeasureRequest<v1::AddPartnerRequest>("cmd-partner");
  request.set_agency_id(agency_id);
  request.set_commitment("Fältassistenter deltar två kvällar i månaden.");
  return request;
}

inline v1::RemovePartnerRequest RemovePartner(const std::string& agency_id = kOtherAgencyId) {
  auto request = MeasureRequest<v1::RemovePartnerRequest>("cmd-remove-partner");
  request.set_agency_id(agency_id);
  request.set_reason("Resurserna behövs annanstans.");
  return request;
}

inline v1::RecordFollowUpRequest RecordFollowUp(const std::string& party = kAgencyId) {
  auto request = MeasureRequest<v1::RecordFollowUpRequest>("cmd-follow-up");
  request.set_period("2026-T1");
  request.set_party(party);
  request.set_health(v1::HEALTH_GREEN);
  request.set_hours(12.5);
  request.set_cost_sek(4000);
  request.set_comment("Enligt plan.");
  return request;
}

inline v1::FormWorkingGroupRequest FormWorkingGroup() {
  auto request = PlanRequest<v1::FormWorkingGroupRequest>("cmd-group");
  request.set_group_id(kGroupId);
  request.set_name("Centrumgruppen");
  request.add_agency_ids(kAgencyId);
  request.add_agency_ids(kOtherAgencyId);
  request.add_focus_areas("otrygghet");
  return request;
}

inline v1::ChangeWorkingGroupRequest ChangeWorkingGroup() {
  auto request = PlanRequest<v1::ChangeWorkingGroupRequest>("cmd-change-group");
  request.set_group_id(kGroupId);
  request.set_name("Centrum- och narkotikagruppen");
  request.add_agency_ids(kAgencyId);
  request.add_focus_areas("otrygghet");
  request.add_focus_areas("narkotika");
  return request;
}

inline v1::MakeCitizenPromiseRequest MakeCitizenPromise() {
  auto request = PlanRequest<v1::MakeCitizenPromiseRequest>("cmd-promise");
  request.set_promise_id(kPromiseId);
  request.set_text("Vi ska göra centrum tryggare på kvällstid.");
  request.add_measure_ids(kMeasureId);
  request.add_signatories("lokalpolisområdeschef");
  request.add_signatories("kommunstyrelsens ordförande");
  request.set_valid_from("2026-01-01");
  request.set_valid_to("2026-12-31");
  return request;
}

inline v1::EndCitizenPromiseRequest EndCitizenPromise() {
  auto request = PlanRequest<v1::EndCitizenPromiseRequest>("cmd-end-promise");
  request.set_promise_id(kPromiseId);
  request.set_reason("Ersatt av 2027 års löfte.");
  return request;
}

inline v1::AdoptPlanRequest AdoptPlan() {
  auto request = PlanRequest<v1::AdoptPlanRequest>("cmd-adopt");
  request.set_adopted_by("Kommunstyrelsen");
  request.set_decision_date("2026-04-15");
  request.set_reference("KS 2026/412");
  request.add_signatories("kommunstyrelsens ordförande");
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

// The plan of ExistingPlan() with residents' input kInputId, finding kFindingId citing it and
// cause kCauseId (number 1 in "otrygghet") resting on that, as the plan's stream would hold them.
inline PlanState PlanWithCause() {
  PlanState plan = ExistingPlan();
  v1::ResidentInputRecorded input;
  input.set_plan_id(kPlanId);
  input.set_input_id(kInputId);
  input.set_focus_area("otrygghet");
  Evolve(plan, input);
  v1::FindingRecorded finding;
  finding.set_plan_id(kPlanId);
  finding.set_finding_id(kFindingId);
  finding.set_focus_area("otrygghet");
  finding.add_input_ids(kInputId);
  Evolve(plan, finding);
  v1::CauseIdentified cause;
  cause.set_plan_id(kPlanId);
  cause.set_cause_id(kCauseId);
  cause.set_focus_area("otrygghet");
  cause.set_number(1);
  cause.add_finding_ids(kFindingId);
  Evolve(plan, cause);
  return plan;
}

inline AgencyState ExistingAgency(const std::string& agency_id = kAgencyId,
                                  const std::string& kind = "police") {
  v1::AgencyRegistered event;
  event.set_agency_id(agency_id);
  event.set_name("Polisen, lokalpolisområde Värnamo");
  event.set_kind(kind);
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

// `measure` with cause kCauseId linked, goal kGoalId set and agency kOtherAgencyId as partner:
// what unlinking, retiring the goal and removing the partner need. Each event keeps the status.
inline MeasureState WithCauseGoalAndPartner(MeasureState measure) {
  v1::MeasureLinkedToCause linked;
  linked.set_measure_id(kMeasureId);
  linked.set_cause_id(kCauseId);
  Evolve(measure, linked);
  v1::OperationalGoalSet goal;
  goal.set_measure_id(kMeasureId);
  goal.set_goal_id(kGoalId);
  Evolve(measure, goal);
  v1::PartnerAdded partner;
  partner.set_measure_id(kMeasureId);
  partner.set_agency_id(kOtherAgencyId);
  Evolve(measure, partner);
  return measure;
}

// Who issues a command: a coordinator acting for no agency, or an agency of `kind`.
inline Actor CoordinatorActor() {
  Actor actor;
  actor.coordinator = true;
  return actor;
}
inline Actor AgencyActor(const std::string& agency_id = kAgencyId,
                         const std::string& kind = "police") {
  Actor actor;
  actor.agency_id = agency_id;
  actor.agency_kind = kind;
  return actor;
}

// `count` copies of `unit` (a UTF-8 sequence for one character, e.g. "å").
inline std::string Repeat(const std::string& unit, std::size_t count) {
  std::string text;
  text.reserve(unit.size() * count);
  for (std::size_t i = 0; i < count; ++i) text += unit;
  return text;
}

// A request as the API hands it to Decide: an id it names is the id it is decided under (Decide
// asserts that). Sets the request's own id to `id` unless it names none (the server generates
// the id then, and the request stays without one).
inline void NameId(std::string* field, std::string_view id) {
  if (!field->empty()) field->assign(id);
}
inline v1::RecordResidentInputRequest Under(v1::RecordResidentInputRequest r, std::string_view id) {
  NameId(r.mutable_input_id(), id);
  return r;
}
inline v1::RecordFindingRequest Under(v1::RecordFindingRequest r, std::string_view id) {
  NameId(r.mutable_finding_id(), id);
  return r;
}
inline v1::IdentifyCauseRequest Under(v1::IdentifyCauseRequest r, std::string_view id) {
  NameId(r.mutable_cause_id(), id);
  return r;
}
inline v1::FormWorkingGroupRequest Under(v1::FormWorkingGroupRequest r, std::string_view id) {
  NameId(r.mutable_group_id(), id);
  return r;
}
inline v1::MakeCitizenPromiseRequest Under(v1::MakeCitizenPromiseRequest r, std::string_view id) {
  NameId(r.mutable_promise_id(), id);
  return r;
}

}  // namespace trygg::domain::testing
