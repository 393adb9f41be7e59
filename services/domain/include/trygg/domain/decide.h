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
// The state arguments must be the state of the id the request names (an empty state when the
// stream is empty); passing another aggregate's state is a bug and asserts.
#pragma once

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

// `measure_id` is resolved by the caller: request.measure_id() when given, otherwise
// GenerateMeasureId(principal, request.command_id()); `existing` is measure-<measure_id>'s state.
// NOT_FOUND for an unknown plan; INVALID_ARGUMENT for a focus_area the plan does not have (the
// message lists the plan's keys); ALREADY_EXISTS when the measure exists.
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

}  // namespace trygg::domain
