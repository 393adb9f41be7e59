#include "trygg/domain/decide.h"

#include <cassert>
#include <string>

#include "errors.h"
#include "trygg/domain/lifecycle.h"
#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

using internal::AlreadyExists;
using internal::FailedPrecondition;
using internal::InvalidArgument;
using internal::NotFound;
using internal::PermissionDenied;

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string JoinFocusAreaKeys(const PlanState& plan) {
  std::string keys;
  for (const v1::FocusArea& area : plan.focus_areas) {
    if (!keys.empty()) keys += ", ";
    keys += area.key();
  }
  return keys;
}

// The checks every command on an existing measure shares, in the order decide.h documents:
// existence, expected version, then whether the lifecycle allows `command` now. OK to go on.
template <class Request>
grpc::Status CheckMeasureCommand(const Request& request, const MeasureState& measure,
                                 MeasureCommand command) {
  if (!measure.exists()) return NotFound("measure " + request.measure_id() + " not found");
  assert(measure.measure_id == request.measure_id());
  if (request.has_expected_version() && request.expected_version() != measure.version) {
    return internal::Aborted("measure " + measure.measure_id + " is at version " +
                             std::to_string(measure.version) + ", not the expected " +
                             std::to_string(request.expected_version()));
  }
  if (!IsAllowed(measure.status, command)) {
    const std::string allowed = AllowedCommands(measure.status);
    return FailedPrecondition(
        "cannot " + std::string(CommandName(command)) + ": measure " + measure.measure_id + " is " +
        std::string(StatusName(measure.status)) +
        (allowed.empty() ? "; no command is allowed" : "; allowed: " + allowed));
  }
  return grpc::Status::OK;
}

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

}  // namespace

Result<v1::PlanCreated> DecideCreatePlan(const v1::CreatePlanRequest& request,
                                         const PlanState& existing) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
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
  if (grpc::Status status = Validate(request); !status.ok()) return status;
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
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  // The caller resolves the id; a given one must be passed through unchanged.
  assert(request.measure_id().empty() || request.measure_id() == measure_id);
  if (!IsValidId(measure_id)) {
    return InvalidArgument("measure_id must be 1-100 characters of [a-z0-9-]");
  }
  if (!plan.exists()) return NotFound("plan " + request.plan_id() + " not found");
  assert(plan.plan_id == request.plan_id());
  if (!plan.HasFocusArea(request.focus_area())) {
    return InvalidArgument("focus_area " + Quote(request.focus_area()) +
                           " is not a focus area of plan " + plan.plan_id +
                           "; its focus areas are: " + JoinFocusAreaKeys(plan));
  }
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
  return event;
}

Result<v1::MeasurePrioritised> DecidePrioritise(const v1::PrioritiseMeasureRequest& request,
                                                const MeasureState& measure) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kPrioritise);
      !status.ok()) {
    return status;
  }
  v1::MeasurePrioritised event;
  event.set_measure_id(request.measure_id());
  event.set_priority(request.priority());
  event.set_rationale(request.rationale());
  return event;
}

Result<v1::MeasureAssigned> DecideAssign(const v1::AssignMeasureRequest& request,
                                         const MeasureState& measure, const AgencyState& agency) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kAssign);
      !status.ok()) {
    return status;
  }
  if (!agency.exists()) return NotFound("agency " + request.agency_id() + " not found");
  assert(agency.agency_id == request.agency_id());
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
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kStart);
      !status.ok()) {
    return status;
  }
  if (grpc::Status status = CheckResponsible(measure, MeasureCommand::kStart, caller_agency);
      !status.ok()) {
    return status;
  }
  v1::MeasureStarted event;
  event.set_measure_id(request.measure_id());
  return event;
}

Result<v1::MeasureProgressReported> DecideReportProgress(const v1::ReportProgressRequest& request,
                                                         const MeasureState& measure,
                                                         std::string_view caller_agency) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kReportProgress);
      !status.ok()) {
    return status;
  }
  if (grpc::Status status =
          CheckResponsible(measure, MeasureCommand::kReportProgress, caller_agency);
      !status.ok()) {
    return status;
  }
  v1::MeasureProgressReported event;
  event.set_measure_id(request.measure_id());
  event.set_percent_complete(request.percent_complete());
  event.set_note(request.note());
  return event;
}

Result<v1::MeasureCompleted> DecideComplete(const v1::CompleteMeasureRequest& request,
                                            const MeasureState& measure,
                                            std::string_view caller_agency) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kComplete);
      !status.ok()) {
    return status;
  }
  if (grpc::Status status = CheckResponsible(measure, MeasureCommand::kComplete, caller_agency);
      !status.ok()) {
    return status;
  }
  v1::MeasureCompleted event;
  event.set_measure_id(request.measure_id());
  event.set_outcome(request.outcome());
  return event;
}

Result<v1::MeasureWithdrawn> DecideWithdraw(const v1::WithdrawMeasureRequest& request,
                                            const MeasureState& measure) {
  if (grpc::Status status = Validate(request); !status.ok()) return status;
  if (grpc::Status status = CheckMeasureCommand(request, measure, MeasureCommand::kWithdraw);
      !status.ok()) {
    return status;
  }
  v1::MeasureWithdrawn event;
  event.set_measure_id(request.measure_id());
  event.set_reason(request.reason());
  return event;
}

}  // namespace trygg::domain
