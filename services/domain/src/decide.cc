// Decide for plans, agencies and measures: creating them and every measure command. The commands
// on things inside a plan are in decide_plan.cc; the checks both share in decide_common.h.
#include "trygg/domain/decide.h"

#include <cassert>
#include <string>

#include "decide_common.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/period.h"
#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

using internal::AlreadyExists;
using internal::CheckMeasureCommand;
using internal::Contains;
using internal::FailedPrecondition;
using internal::InvalidArgument;
using internal::NotFound;
using internal::PermissionDenied;

// Start, report progress and complete are the responsible agency's own work. A coordinator
// without that agency is refused too: the log must show the agency itself reporting.
grpc::Status CheckResponsible(const MeasureState& measure, MeasureCommand command,
                              std::string_view caller_agency) {
  // An ASSIGNED or IN_PROGRESS measure always has a responsible agency; the emptiness test keeps
  // an empty caller agency from ever matching should that invariant break.
  if (measure.responsible_agency_id.empty() || caller_agency != measure.responsible_agency_id) {
    return PermissionDenied(
        "only the responsible agency " + measure.responsible_agency_id + " may " +
        std::string(CommandName(command)) + " measure " + measure.measure_id +
        (caller_agency.empty() ? "; the caller has no agency"
                               : "; the caller's agency is " + std::string(caller_agency)));
  }
  return grpc::Status::OK;
}

// A follow-up's party: the request's, or the caller's own agency. An agency acts only for
// itself; a coordinator for anyone, but must name the party when it acts for no agency.
Result<std::string> ResolveParty(const v1::RecordFollowUpRequest& request,
                                 const MeasureState& measure, const Actor& actor) {
  const std::string& party = request.party().empty() ? actor.agency_id : request.party();
  if (!actor.coordinator) {
    if (actor.agency_id.empty()) {
      return PermissionDenied(
          "follow-up is recorded by a coordinator or by the party's own agency; the caller is "
          "neither");
    }
    if (party != actor.agency_id) {
      return PermissionDenied("agency " + actor.agency_id +
                              " may record follow-up only for its own part, not for " + party);
    }
  }
  if (party.empty()) {
    return InvalidArgument("party is required when the caller acts for no agency");
  }
  if (party != measure.responsible_agency_id && !Contains(measure.partner_ids, party)) {
    return FailedPrecondition("agency " + party +
                              " is neither the responsible agency nor a partner of measure " +
                              measure.measure_id);
  }
  return party;
}

// Indicator values only for the measure's current goals.
grpc::Status CheckValuesForCurrentGoals(const v1::RecordFollowUpRequest& request,
                                        const MeasureState& measure) {
  for (int i = 0; i < request.values_size(); ++i) {
    const std::string& goal_id = request.values(i).goal_id();
    if (!Contains(measure.goal_ids, goal_id)) {
      return InvalidArgument("values[" + std::to_string(i) + "].goal_id " +
                             internal::Quote(goal_id) + " is not a current goal of measure " +
                             measure.measure_id);
    }
  }
  return grpc::Status::OK;
}

}  // namespace

bool IsPoliceKind(std::string_view kind) {
  const auto equals_ignoring_case = [kind](std::string_view word) {
    if (kind.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = kind[i];
      const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (lower != word[i]) return false;
    }
    return true;
  };
  return equals_ignoring_case("police") || equals_ignoring_case("polis");
}

Result<v1::PlanCreated> DecideCreatePlan(const v1::CreatePlanRequest& request,
                                         const PlanState& existing) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  if (existing.exists()) {
    assert(existing.plan_id == request.plan_id());
    return AlreadyExists("plan " + request.plan_id() + " already exists");
  }
  v1::PlanCreated event;
  event.set_plan_id(request.plan_id());
  event.set_name(request.name());
  event.set_municipality(request.municipality());
  *event.mutable_focus_areas() = request.focus_areas();
  return event;
}

Result<v1::AgencyRegistered> DecideRegisterAgency(const v1::RegisterAgencyRequest& request,
                                                  const AgencyState& existing) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  if (existing.exists()) {
    assert(existing.agency_id == request.agency_id());
    return AlreadyExists("agency " + request.agency_id() + " already exists");
  }
  v1::AgencyRegistered event;
  event.set_agency_id(request.agency_id());
  event.set_name(request.name());
  event.set_kind(request.kind());
  return event;
}

Result<v1::MeasureProposed> DecideProposeMeasure(const v1::ProposeMeasureRequest& request,
                                                 const PlanState& plan,
                                                 const MeasureState& existing,
                                                 std::string_view measure_id) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  // The caller resolves the id; a given one must be passed through unchanged.
  assert(request.measure_id().empty() || request.measure_id() == measure_id);
  TRYGG_RETURN_IF_ERROR(internal::CheckResolvedId("measure_id", measure_id));
  if (!plan.exists()) return NotFound("plan " + request.plan_id() + " not found");
  assert(plan.plan_id == request.plan_id());
  TRYGG_RETURN_IF_ERROR(internal::CheckFocusAreaOfPlan("focus_area", request.focus_area(), plan));
  TRYGG_RETURN_IF_ERROR(
      internal::CheckCurrentItems(plan.causes, request.cause_ids(), internal::kCauseKind, plan));
  if (existing.exists()) {
    assert(existing.measure_id == measure_id);
    return AlreadyExists("measure " + std::string(measure_id) + " already exists");
  }
  v1::MeasureProposed event;
  event.set_measure_id(std::string(measure_id));
  event.set_plan_id(request.plan_id());
  event.set_focus_area(request.focus_area());
  event.set_title(request.title());
  event.set_description(request.description());
  *event.mutable_cause_ids() = request.cause_ids();
  event.set_kind(request.kind());
  event.set_effort(request.effort());
  event.set_expected_effect(request.expected_effect());
  return event;
}

Result<v1::MeasurePrioritised> DecidePrioritise(const v1::PrioritiseMeasureRequest& request,
                                                const MeasureState& measure) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kPrioritise));
  v1::MeasurePrioritised event;
  event.set_measure_id(request.measure_id());
  event.set_priority(request.priority());
  event.set_rationale(request.rationale());
  return event;
}

Result<v1::MeasureAssigned> DecideAssign(const v1::AssignMeasureRequest& request,
                                         const MeasureState& measure, const AgencyState& agency) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kAssign));
  if (!agency.exists()) return NotFound("agency " + request.agency_id() + " not found");
  assert(agency.agency_id == request.agency_id());
  // One agency has one part in a measure: responsible or partner, never both (a partner's
  // commitment and follow-ups would otherwise stand beside the responsible agency's own).
  if (Contains(measure.partner_ids, request.agency_id())) {
    return FailedPrecondition("agency " + request.agency_id() + " is a partner of measure " +
                              measure.measure_id +
                              "; remove it as a partner before making it responsible");
  }
  v1::MeasureAssigned event;
  event.set_measure_id(request.measure_id());
  event.set_agency_id(request.agency_id());
  event.set_due_date(request.due_date());
  event.set_note(request.note());
  return event;
}

Result<v1::MeasureStarted> DecideStart(const v1::StartMeasureRequest& request,
                                       const MeasureState& measure,
                                       std::string_view caller_agency) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kStart));
  TRYGG_RETURN_IF_ERROR(CheckResponsible(measure, MeasureCommand::kStart, caller_agency));
  v1::MeasureStarted event;
  event.set_measure_id(request.measure_id());
  return event;
}

Result<v1::MeasureProgressReported> DecideReportProgress(const v1::ReportProgressRequest& request,
                                                         const MeasureState& measure,
                                                         std::string_view caller_agency) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kReportProgress));
  TRYGG_RETURN_IF_ERROR(CheckResponsible(measure, MeasureCommand::kReportProgress, caller_agency));
  v1::MeasureProgressReported event;
  event.set_measure_id(request.measure_id());
  event.set_percent_complete(request.percent_complete());
  event.set_note(request.note());
  return event;
}

Result<v1::MeasureCompleted> DecideComplete(const v1::CompleteMeasureRequest& request,
                                            const MeasureState& measure,
                                            std::string_view caller_agency) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kComplete));
  TRYGG_RETURN_IF_ERROR(CheckResponsible(measure, MeasureCommand::kComplete, caller_agency));
  v1::MeasureCompleted event;
  event.set_measure_id(request.measure_id());
  event.set_outcome(request.outcome());
  return event;
}

Result<v1::MeasureWithdrawn> DecideWithdraw(const v1::WithdrawMeasureRequest& request,
                                            const MeasureState& measure) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kWithdraw));
  v1::MeasureWithdrawn event;
  event.set_measure_id(request.measure_id());
  event.set_reason(request.reason());
  return event;
}

// --- A measure's causes, goals, partners and follow-up ----------------------------------------

Result<v1::MeasureLinkedToCause> DecideLinkCause(const v1::LinkMeasureToCauseRequest& request,
                                                 const MeasureState& measure,
                                                 const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kLinkCause));
  // A measure exists only under an existing plan, and the caller passes that plan.
  assert(plan.exists() && plan.plan_id == measure.plan_id);
  TRYGG_RETURN_IF_ERROR(
      internal::CheckCurrentItem(plan.causes, request.cause_id(), internal::kCauseKind, plan));
  if (Contains(measure.cause_ids, request.cause_id())) {
    return AlreadyExists("measure " + measure.measure_id + " is linked to cause " +
                         request.cause_id() + " already");
  }
  TRYGG_RETURN_IF_ERROR(internal::CheckRoom(measure.cause_ids.size(), kMaxCausesPerMeasure,
                                            "measure " + measure.measure_id, "causes"));
  v1::MeasureLinkedToCause event;
  event.set_measure_id(request.measure_id());
  event.set_cause_id(request.cause_id());
  return event;
}

Result<v1::MeasureUnlinkedFromCause> DecideUnlinkCause(
    const v1::UnlinkMeasureFromCauseRequest& request, const MeasureState& measure) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kUnlinkCause));
  if (!Contains(measure.cause_ids, request.cause_id())) {
    return NotFound("measure " + measure.measure_id + " is not linked to cause " +
                    request.cause_id());
  }
  v1::MeasureUnlinkedFromCause event;
  event.set_measure_id(request.measure_id());
  event.set_cause_id(request.cause_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::OperationalGoalSet> DecideSetGoal(const v1::SetOperationalGoalRequest& request,
                                             const MeasureState& measure,
                                             std::string_view goal_id) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.goal_id().empty() || request.goal_id() == goal_id);
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kSetGoal));
  TRYGG_RETURN_IF_ERROR(internal::CheckResolvedId("goal_id", goal_id));
  if (!Contains(measure.goal_ids, goal_id)) {  // a new goal, not a replacement
    TRYGG_RETURN_IF_ERROR(internal::CheckRoom(measure.goal_ids.size(), kMaxGoalsPerMeasure,
                                              "measure " + measure.measure_id,
                                              "operational goals"));
  }
  v1::OperationalGoalSet event;
  event.set_measure_id(request.measure_id());
  event.set_goal_id(std::string(goal_id));
  event.set_indicator(request.indicator());
  event.set_unit(request.unit());
  event.set_baseline(request.baseline());
  event.set_target(request.target());
  event.set_by_date(request.by_date());
  return event;
}

Result<v1::OperationalGoalRetired> DecideRetireGoal(const v1::RetireOperationalGoalRequest& request,
                                                    const MeasureState& measure) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kRetireGoal));
  if (!Contains(measure.goal_ids, request.goal_id())) {
    return NotFound("goal " + request.goal_id() + " is not a current goal of measure " +
                    measure.measure_id);
  }
  v1::OperationalGoalRetired event;
  event.set_measure_id(request.measure_id());
  event.set_goal_id(request.goal_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::PartnerAdded> DecideAddPartner(const v1::AddPartnerRequest& request,
                                          const MeasureState& measure, const AgencyState& agency) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kAddPartner));
  if (!agency.exists()) return NotFound("agency " + request.agency_id() + " not found");
  assert(agency.agency_id == request.agency_id());
  if (request.agency_id() == measure.responsible_agency_id) {
    return FailedPrecondition("agency " + request.agency_id() +
                              " is the responsible agency of measure " + measure.measure_id +
                              "; a partner is another agency");
  }
  if (Contains(measure.partner_ids, request.agency_id())) {
    return AlreadyExists("agency " + request.agency_id() + " is a partner of measure " +
                         measure.measure_id + " already");
  }
  TRYGG_RETURN_IF_ERROR(internal::CheckRoom(measure.partner_ids.size(), kMaxPartnersPerMeasure,
                                            "measure " + measure.measure_id, "partners"));
  v1::PartnerAdded event;
  event.set_measure_id(request.measure_id());
  event.set_agency_id(request.agency_id());
  event.set_commitment(request.commitment());
  return event;
}

Result<v1::PartnerRemoved> DecideRemovePartner(const v1::RemovePartnerRequest& request,
                                               const MeasureState& measure) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kRemovePartner));
  if (!Contains(measure.partner_ids, request.agency_id())) {
    return NotFound("agency " + request.agency_id() + " is not a partner of measure " +
                    measure.measure_id);
  }
  v1::PartnerRemoved event;
  event.set_measure_id(request.measure_id());
  event.set_agency_id(request.agency_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::FollowUpRecorded> DecideRecordFollowUp(const v1::RecordFollowUpRequest& request,
                                                  const MeasureState& measure, const Actor& actor) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckMeasureCommand(request, measure, MeasureCommand::kRecordFollowUp));
  Result<std::string> party = ResolveParty(request, measure, actor);
  if (!party.ok()) return party.status();
  TRYGG_RETURN_IF_ERROR(CheckValuesForCurrentGoals(request, measure));
  const Result<Period> period = ParsePeriod(request.period());
  assert(period.ok());  // Validate parsed it
  if (!period.ok()) return period.status();
  v1::FollowUpRecorded event;
  event.set_measure_id(request.measure_id());
  event.set_period(period->canonical);
  event.set_party(std::move(*party));
  event.set_health(request.health());
  event.set_hours(request.hours());
  event.set_cost_sek(request.cost_sek());
  event.set_comment(request.comment());
  *event.mutable_values() = request.values();
  return event;
}

}  // namespace trygg::domain
