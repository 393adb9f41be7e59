// Decide for the things inside a plan: residents' input, findings, causes, working groups,
// citizen promises and adoption. Each is decided against the plan's state and appended to the
// plan's stream, whose expected version serialises numbering and versions.
#include <cassert>
#include <string>

#include "decide_common.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

using internal::CheckCurrentItem;
using internal::CheckCurrentItems;
using internal::CheckFocusAreaOfPlan;
using internal::CheckNewItem;
using internal::CheckPlanCommand;
using internal::FailedPrecondition;
using internal::InvalidArgument;
using internal::NotFound;
using internal::PermissionDenied;

// Police intelligence comes from the police: a coordinator may record it, and a police agency.
grpc::Status CheckMayRecordSource(v1::FindingSource source, const Actor& actor) {
  if (source != v1::FINDING_SOURCE_POLICE_INTELLIGENCE || actor.coordinator ||
      IsPoliceKind(actor.agency_kind)) {
    return grpc::Status::OK;
  }
  return PermissionDenied(
      "police intelligence is recorded by a coordinator or a police agency" +
      (actor.agency_id.empty()
           ? std::string("; the caller has no agency")
           : "; agency " + actor.agency_id + " is of kind " + internal::Quote(actor.agency_kind)));
}

// A working group's focus areas are the plan's, and its members registered agencies (`members`
// are their states, in the request's order).
template <class Request>
grpc::Status CheckGroup(const Request& request, const PlanState& plan,
                        std::span<const AgencyState> members) {
  for (int i = 0; i < request.focus_areas_size(); ++i) {
    TRYGG_RETURN_IF_ERROR(CheckFocusAreaOfPlan("focus_areas[" + std::to_string(i) + "]",
                                               request.focus_areas(i), plan));
  }
  assert(members.size() == static_cast<std::size_t>(request.agency_ids_size()));
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string& agency_id = request.agency_ids(static_cast<int>(i));
    if (!members[i].exists()) return NotFound("agency " + agency_id + " not found");
    assert(members[i].agency_id == agency_id);
  }
  return grpc::Status::OK;
}

// A citizen promise's measures exist, belong to the plan and are not withdrawn (`measures` are
// their states, in the request's order).
grpc::Status CheckPromiseMeasures(const v1::MakeCitizenPromiseRequest& request,
                                  const PlanState& plan, std::span<const MeasureState> measures) {
  assert(measures.size() == static_cast<std::size_t>(request.measure_ids_size()));
  for (std::size_t i = 0; i < measures.size(); ++i) {
    const std::string& measure_id = request.measure_ids(static_cast<int>(i));
    const MeasureState& measure = measures[i];
    if (!measure.exists()) return NotFound("measure " + measure_id + " not found");
    assert(measure.measure_id == measure_id);
    if (measure.plan_id != plan.plan_id) {
      return InvalidArgument("measure_ids[" + std::to_string(i) + "] " +
                             internal::Quote(measure_id) + " is a measure of plan " +
                             measure.plan_id + ", not of plan " + plan.plan_id);
    }
    if (measure.status == v1::MEASURE_STATUS_WITHDRAWN) {
      return FailedPrecondition("measure " + measure_id +
                                " is WITHDRAWN; a citizen promise is fulfilled by measures that "
                                "are not withdrawn");
    }
  }
  return grpc::Status::OK;
}

}  // namespace

Result<v1::ResidentInputRecorded> DecideRecordResidentInput(
    const v1::RecordResidentInputRequest& request, const PlanState& plan,
    std::string_view input_id) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.input_id().empty() || request.input_id() == input_id);
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(CheckNewItem(plan.inputs, input_id, "input_id", internal::kInputKind, plan,
                                     kMaxInputsPerPlan));
  if (!request.focus_area().empty()) {
    TRYGG_RETURN_IF_ERROR(CheckFocusAreaOfPlan("focus_area", request.focus_area(), plan));
  }
  v1::ResidentInputRecorded event;
  event.set_plan_id(request.plan_id());
  event.set_input_id(std::string(input_id));
  event.set_focus_area(request.focus_area());
  event.set_channel(request.channel());
  event.set_area(request.area());
  event.set_received_on(request.received_on());
  event.set_people(request.people());
  event.set_summary(request.summary());
  return event;
}

Result<v1::FindingRecorded> DecideRecordFinding(const v1::RecordFindingRequest& request,
                                                const PlanState& plan, std::string_view finding_id,
                                                const Actor& actor) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.finding_id().empty() || request.finding_id() == finding_id);
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(CheckMayRecordSource(request.source(), actor));
  TRYGG_RETURN_IF_ERROR(CheckNewItem(plan.findings, finding_id, "finding_id",
                                     internal::kFindingKind, plan, kMaxFindingsPerPlan));
  TRYGG_RETURN_IF_ERROR(CheckFocusAreaOfPlan("focus_area", request.focus_area(), plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItems(plan.inputs, request.input_ids(), internal::kInputKind, plan));
  v1::FindingRecorded event;
  event.set_plan_id(request.plan_id());
  event.set_finding_id(std::string(finding_id));
  event.set_focus_area(request.focus_area());
  event.set_text(request.text());
  event.set_source(request.source());
  event.set_period(request.period());
  event.set_area(request.area());
  *event.mutable_input_ids() = request.input_ids();
  return event;
}

Result<v1::FindingRevised> DecideReviseFinding(const v1::ReviseFindingRequest& request,
                                               const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.findings, request.finding_id(), internal::kFindingKind, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItems(plan.inputs, request.input_ids(), internal::kInputKind, plan));
  v1::FindingRevised event;
  event.set_plan_id(request.plan_id());
  event.set_finding_id(request.finding_id());
  event.set_text(request.text());
  *event.mutable_input_ids() = request.input_ids();
  return event;
}

Result<v1::FindingRetired> DecideRetireFinding(const v1::RetireFindingRequest& request,
                                               const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.findings, request.finding_id(), internal::kFindingKind, plan));
  v1::FindingRetired event;
  event.set_plan_id(request.plan_id());
  event.set_finding_id(request.finding_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::CauseIdentified> DecideIdentifyCause(const v1::IdentifyCauseRequest& request,
                                                const PlanState& plan, std::string_view cause_id) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.cause_id().empty() || request.cause_id() == cause_id);
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(CheckNewItem(plan.causes, cause_id, "cause_id", internal::kCauseKind, plan,
                                     kMaxCausesPerPlan));
  TRYGG_RETURN_IF_ERROR(CheckFocusAreaOfPlan("focus_area", request.focus_area(), plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItems(plan.findings, request.finding_ids(), internal::kFindingKind, plan));
  const auto numbered = plan.causes_numbered.find(request.focus_area());
  const std::uint32_t highest = numbered == plan.causes_numbered.end() ? 0 : numbered->second;
  v1::CauseIdentified event;
  event.set_plan_id(request.plan_id());
  event.set_cause_id(std::string(cause_id));
  event.set_focus_area(request.focus_area());
  event.set_number(highest + 1);
  event.set_text(request.text());
  *event.mutable_finding_ids() = request.finding_ids();
  return event;
}

Result<v1::CauseRevised> DecideReviseCause(const v1::ReviseCauseRequest& request,
                                           const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.causes, request.cause_id(), internal::kCauseKind, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItems(plan.findings, request.finding_ids(), internal::kFindingKind, plan));
  v1::CauseRevised event;
  event.set_plan_id(request.plan_id());
  event.set_cause_id(request.cause_id());
  event.set_text(request.text());
  *event.mutable_finding_ids() = request.finding_ids();
  return event;
}

Result<v1::CauseRetired> DecideRetireCause(const v1::RetireCauseRequest& request,
                                           const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.causes, request.cause_id(), internal::kCauseKind, plan));
  v1::CauseRetired event;
  event.set_plan_id(request.plan_id());
  event.set_cause_id(request.cause_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::WorkingGroupFormed> DecideFormWorkingGroup(const v1::FormWorkingGroupRequest& request,
                                                      const PlanState& plan,
                                                      std::string_view group_id,
                                                      std::span<const AgencyState> members) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.group_id().empty() || request.group_id() == group_id);
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(CheckNewItem(plan.groups, group_id, "group_id", internal::kGroupKind, plan,
                                     kMaxWorkingGroupsPerPlan));
  TRYGG_RETURN_IF_ERROR(CheckGroup(request, plan, members));
  v1::WorkingGroupFormed event;
  event.set_plan_id(request.plan_id());
  event.set_group_id(std::string(group_id));
  event.set_name(request.name());
  *event.mutable_agency_ids() = request.agency_ids();
  *event.mutable_focus_areas() = request.focus_areas();
  return event;
}

Result<v1::WorkingGroupChanged> DecideChangeWorkingGroup(
    const v1::ChangeWorkingGroupRequest& request, const PlanState& plan,
    std::span<const AgencyState> members) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.groups, request.group_id(), internal::kGroupKind, plan));
  TRYGG_RETURN_IF_ERROR(CheckGroup(request, plan, members));
  v1::WorkingGroupChanged event;
  event.set_plan_id(request.plan_id());
  event.set_group_id(request.group_id());
  event.set_name(request.name());
  *event.mutable_agency_ids() = request.agency_ids();
  *event.mutable_focus_areas() = request.focus_areas();
  return event;
}

Result<v1::CitizenPromiseMade> DecideMakeCitizenPromise(
    const v1::MakeCitizenPromiseRequest& request, const PlanState& plan,
    std::string_view promise_id, std::span<const MeasureState> measures) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  assert(request.promise_id().empty() || request.promise_id() == promise_id);
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(CheckNewItem(plan.promises, promise_id, "promise_id",
                                     internal::kPromiseKind, plan, kMaxPromisesPerPlan));
  TRYGG_RETURN_IF_ERROR(CheckPromiseMeasures(request, plan, measures));
  v1::CitizenPromiseMade event;
  event.set_plan_id(request.plan_id());
  event.set_promise_id(std::string(promise_id));
  event.set_text(request.text());
  *event.mutable_measure_ids() = request.measure_ids();
  *event.mutable_signatories() = request.signatories();
  event.set_valid_from(request.valid_from());
  event.set_valid_to(request.valid_to());
  return event;
}

Result<v1::CitizenPromiseEnded> DecideEndCitizenPromise(const v1::EndCitizenPromiseRequest& request,
                                                        const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  TRYGG_RETURN_IF_ERROR(
      CheckCurrentItem(plan.promises, request.promise_id(), internal::kPromiseKind, plan));
  v1::CitizenPromiseEnded event;
  event.set_plan_id(request.plan_id());
  event.set_promise_id(request.promise_id());
  event.set_reason(request.reason());
  return event;
}

Result<v1::PlanAdopted> DecideAdoptPlan(const v1::AdoptPlanRequest& request,
                                        const PlanState& plan) {
  TRYGG_RETURN_IF_ERROR(Validate(request));
  TRYGG_RETURN_IF_ERROR(CheckPlanCommand(request, plan));
  v1::PlanAdopted event;
  event.set_plan_id(request.plan_id());
  event.set_version(plan.adopted_version + 1);
  event.set_adopted_by(request.adopted_by());
  event.set_decision_date(request.decision_date());
  event.set_reference(request.reference());
  *event.mutable_signatories() = request.signatories();
  return event;
}

}  // namespace trygg::domain
