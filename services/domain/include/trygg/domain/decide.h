// Decide: judges one command against the current state of what it touches and returns the event
// to append, or why not. Pure: no I/O, no clock, no randomness; the caller loads the state (by
// folding the streams with Evolve), decides, and appends the event with the state's version as
// the expected version.
//
// Each function first calls Validate(request), then checks, in this order:
//   NOT_FOUND            the measure (or plan, or agency) does not exist;
//   ABORTED              request.expected_version is set and differs from measure.version (the
//                        message names the current version);
//   FAILED_PRECONDITION  the command is not allowed in the measure's status (the message names
//                        the status and the commands it allows) — see lifecycle.h;
//   NOT_FOUND            (assign) the agency is not registered;
//   PERMISSION_DENIED    (start, report progress, complete) caller_agency is not the measure's
//                        responsible agency. Coordinators are no exception: only the
//                        responsible agency acts on its measure.
// and ALREADY_EXISTS for a plan, agency or measure id that is taken. Role checks (coordinator vs
// agency) are the API layer's; the responsibility rule is here because it depends on state.
//
// The commands on things inside a plan (residents' input, findings, causes, working groups,
// citizen promises, adoption) check, after Validate:
//   NOT_FOUND            the plan does not exist;
//   ABORTED              request.expected_version is set and differs from plan.version;
//   PERMISSION_DENIED    (police intelligence) the actor is neither a coordinator nor the police;
//   INVALID_ARGUMENT     the new thing's resolved id is not a valid id;
//   ALREADY_EXISTS       the new thing's id is taken in the plan (retired and ended ones too);
//   FAILED_PRECONDITION  the plan holds its limit of that kind of thing (limits.h);
//   NOT_FOUND            the thing revised, retired or ended is not in the plan (the message
//                        names its id);
//   FAILED_PRECONDITION  it is retired or ended already;
//   INVALID_ARGUMENT     a focus area the plan does not have (the message lists the plan's keys);
//   NOT_FOUND / FAILED_PRECONDITION  a referenced input, finding, agency or measure is missing /
//                        retired or withdrawn.
// The commands on a measure's causes, goals, partners and follow-up are measure commands: they
// check existence, expected version and the lifecycle as above (lifecycle.h says in which
// statuses each is allowed), then their own rules. Ids of new things are resolved by the caller
// like measure ids: the request's id when given, otherwise GenerateItemId(<the kind's prefix>,
// principal, command_id) (measure_id.h).
//
// The state arguments must be the state of the id the request names (an empty state when the
// stream is empty); passing another aggregate's state is a bug and asserts.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "trygg/domain/result.h"
#include "trygg/domain/state.h"
#include "trygg/v1/action_plan.pb.h"
#include "trygg/v1/events.pb.h"

namespace trygg::domain {

// ALREADY_EXISTS when `existing` (the state of plan-<plan_id>) exists.
Result<v1::PlanCreated> DecideCreatePlan(const v1::CreatePlanRequest& request,
                                         const PlanState& existing);

// ALREADY_EXISTS when `existing` (the state of agency-<agency_id>) exists.
Result<v1::AgencyRegistered> DecideRegisterAgency(const v1::RegisterAgencyRequest& request,
                                                  const AgencyState& existing);

// Who issues a command, as far as the domain's rules care.
struct Actor {
  bool coordinator = false;  // may act for any party
  std::string agency_id;     // the caller's agency; empty when it acts for none
  std::string agency_kind;   // that agency's registered kind ("police", ...); may be empty
};

// True when an agency's kind marks it as the police: "police" or "polis", in any case.
[[nodiscard]] bool IsPoliceKind(std::string_view kind);

// `measure_id` is resolved by the caller: request.measure_id() when given, otherwise
// GenerateMeasureId(principal, request.command_id()); `existing` is measure-<measure_id>'s state.
// NOT_FOUND for an unknown plan; INVALID_ARGUMENT for a focus_area the plan does not have (the
// message lists the plan's keys); NOT_FOUND for a cause_id the plan does not have and
// FAILED_PRECONDITION for a retired one; ALREADY_EXISTS when the measure exists. The event
// carries the causes, kind, effort and expected effect as requested.
Result<v1::MeasureProposed> DecideProposeMeasure(const v1::ProposeMeasureRequest& request,
                                                 const PlanState& plan,
                                                 const MeasureState& existing,
                                                 std::string_view measure_id);

Result<v1::MeasurePrioritised> DecidePrioritise(const v1::PrioritiseMeasureRequest& request,
                                                const MeasureState& measure);

// `agency` is the state of agency-<request.agency_id()>.
Result<v1::MeasureAssigned> DecideAssign(const v1::AssignMeasureRequest& request,
                                         const MeasureState& measure, const AgencyState& agency);

// `caller_agency` is the authenticated principal's agency id (empty if it has none).
Result<v1::MeasureStarted> DecideStart(const v1::StartMeasureRequest& request,
                                       const MeasureState& measure, std::string_view caller_agency);
Result<v1::MeasureProgressReported> DecideReportProgress(const v1::ReportProgressRequest& request,
                                                         const MeasureState& measure,
                                                         std::string_view caller_agency);
Result<v1::MeasureCompleted> DecideComplete(const v1::CompleteMeasureRequest& request,
                                            const MeasureState& measure,
                                            std::string_view caller_agency);

Result<v1::MeasureWithdrawn> DecideWithdraw(const v1::WithdrawMeasureRequest& request,
                                            const MeasureState& measure);

// --- Inside a plan: on the plan's stream; `plan` is plan-<request.plan_id()>'s state ----------

// `input_id`: request.input_id() or GenerateItemId(kInputIdPrefix, ...). A focus_area, when
// given, must be the plan's. At most kMaxInputsPerPlan.
Result<v1::ResidentInputRecorded> DecideRecordResidentInput(
    const v1::RecordResidentInputRequest& request, const PlanState& plan,
    std::string_view input_id);

// `finding_id`: request.finding_id() or GenerateItemId(kFindingIdPrefix, ...). The cited inputs
// must be the plan's. FINDING_SOURCE_POLICE_INTELLIGENCE only from a coordinator or a police
// agency (IsPoliceKind(actor.agency_kind)), otherwise PERMISSION_DENIED. At most
// kMaxFindingsPerPlan.
Result<v1::FindingRecorded> DecideRecordFinding(const v1::RecordFindingRequest& request,
                                                const PlanState& plan, std::string_view finding_id,
                                                const Actor& actor);

// The event holds the new text and citations in full. A retired finding is not revised.
Result<v1::FindingRevised> DecideReviseFinding(const v1::ReviseFindingRequest& request,
                                               const PlanState& plan);
Result<v1::FindingRetired> DecideRetireFinding(const v1::RetireFindingRequest& request,
                                               const PlanState& plan);

// `cause_id`: request.cause_id() or GenerateItemId(kCauseIdPrefix, ...). The findings must be
// the plan's and not retired. The cause's number is one more than the highest ever given in its
// focus area (causes_numbered), so numbers run 1, 2, 3 … and are never reused. At most
// kMaxCausesPerPlan.
Result<v1::CauseIdentified> DecideIdentifyCause(const v1::IdentifyCauseRequest& request,
                                                const PlanState& plan, std::string_view cause_id);

// The event holds the new text and findings in full (not retired ones). A retired cause is not
// revised.
Result<v1::CauseRevised> DecideReviseCause(const v1::ReviseCauseRequest& request,
                                           const PlanState& plan);
Result<v1::CauseRetired> DecideRetireCause(const v1::RetireCauseRequest& request,
                                           const PlanState& plan);

// `members`: the states of agency-<request.agency_ids(i)>, in the request's order (each must
// exist: NOT_FOUND). The focus areas must be the plan's. At most kMaxWorkingGroupsPerPlan.
// `group_id`: request.group_id() or GenerateItemId(kWorkingGroupIdPrefix, ...).
Result<v1::WorkingGroupFormed> DecideFormWorkingGroup(const v1::FormWorkingGroupRequest& request,
                                                      const PlanState& plan,
                                                      std::string_view group_id,
                                                      std::span<const AgencyState> members);
// The event holds the new name, members and focus areas in full.
Result<v1::WorkingGroupChanged> DecideChangeWorkingGroup(
    const v1::ChangeWorkingGroupRequest& request, const PlanState& plan,
    std::span<const AgencyState> members);

// `measures`: the states of measure-<request.measure_ids(i)>, in the request's order; each must
// exist (NOT_FOUND), be the plan's (INVALID_ARGUMENT naming measure_ids[i]) and not be
// WITHDRAWN (FAILED_PRECONDITION). `promise_id`: request.promise_id() or
// GenerateItemId(kPromiseIdPrefix, ...). At most kMaxPromisesPerPlan.
Result<v1::CitizenPromiseMade> DecideMakeCitizenPromise(
    const v1::MakeCitizenPromiseRequest& request, const PlanState& plan,
    std::string_view promise_id, std::span<const MeasureState> measures);
Result<v1::CitizenPromiseEnded> DecideEndCitizenPromise(const v1::EndCitizenPromiseRequest& request,
                                                        const PlanState& plan);

// The next plan version: plan.adopted_version + 1.
Result<v1::PlanAdopted> DecideAdoptPlan(const v1::AdoptPlanRequest& request, const PlanState& plan);

// --- A measure's causes, goals, partners and follow-up: measure commands ----------------------

// `plan` is the state of the measure's plan. The cause must be the plan's (NOT_FOUND), not
// retired (FAILED_PRECONDITION) and not linked already (ALREADY_EXISTS); at most
// kMaxCausesPerMeasure (FAILED_PRECONDITION).
Result<v1::MeasureLinkedToCause> DecideLinkCause(const v1::LinkMeasureToCauseRequest& request,
                                                 const MeasureState& measure,
                                                 const PlanState& plan);
// NOT_FOUND when the measure is not linked to the cause.
Result<v1::MeasureUnlinkedFromCause> DecideUnlinkCause(
    const v1::UnlinkMeasureFromCauseRequest& request, const MeasureState& measure);

// `goal_id`: request.goal_id() or GenerateItemId(kGoalIdPrefix, ...). A current goal's id
// replaces that goal; a retired goal's id sets it anew. A new goal beyond kMaxGoalsPerMeasure is
// FAILED_PRECONDITION.
Result<v1::OperationalGoalSet> DecideSetGoal(const v1::SetOperationalGoalRequest& request,
                                             const MeasureState& measure, std::string_view goal_id);
// NOT_FOUND when the goal is not a current goal of the measure.
Result<v1::OperationalGoalRetired> DecideRetireGoal(const v1::RetireOperationalGoalRequest& request,
                                                    const MeasureState& measure);

// `agency` is the state of agency-<request.agency_id()> (NOT_FOUND when it does not exist). The
// responsible agency is no partner (FAILED_PRECONDITION); a partner already is ALREADY_EXISTS;
// at most kMaxPartnersPerMeasure (FAILED_PRECONDITION).
Result<v1::PartnerAdded> DecideAddPartner(const v1::AddPartnerRequest& request,
                                          const MeasureState& measure, const AgencyState& agency);
// NOT_FOUND when the agency is not a partner of the measure.
Result<v1::PartnerRemoved> DecideRemovePartner(const v1::RemovePartnerRequest& request,
                                               const MeasureState& measure);

// The party is request.party() or, when empty, actor.agency_id (INVALID_ARGUMENT "party" when
// both are empty). An agency records follow-up only for its own part (PERMISSION_DENIED); a
// coordinator for any party. The party must be the responsible agency or a current partner
// (FAILED_PRECONDITION); indicator values only for the measure's current goals
// (INVALID_ARGUMENT naming values[i].goal_id). The event's period is ParsePeriod(...).canonical
// and its party the resolved one.
Result<v1::FollowUpRecorded> DecideRecordFollowUp(const v1::RecordFollowUpRequest& request,
                                                  const MeasureState& measure, const Actor& actor);

}  // namespace trygg::domain
