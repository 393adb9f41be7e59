// Validate for the commands on things inside a plan: residents' input, findings, causes, working
// groups, citizen promises and adoption. Fields in proto order, command_id first.
#include <string>

#include "errors.h"
#include "field_checks.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/validate.h"

namespace trygg::domain {
namespace {

using internal::CheckCommandId;
using internal::CheckDate;
using internal::CheckEnum;
using internal::CheckIdList;
using internal::CheckLine;
using internal::CheckName;
using internal::CheckNameList;
using internal::CheckOptionalId;
using internal::CheckRequiredText;
using internal::InvalidArgument;
using internal::WhenEmpty;

// The fields every command that revises or retires a thing of a plan starts with.
grpc::Status CheckPlanItem(std::string_view command_id, std::string_view plan_id,
                           std::string_view item_field, std::string_view item_id) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(command_id));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", plan_id));
  return CheckId(item_field, item_id);
}

// ... and every command that records a new one, whose id the server may generate.
grpc::Status CheckNewPlanItem(std::string_view command_id, std::string_view plan_id,
                              std::string_view item_field, std::string_view item_id) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(command_id));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", plan_id));
  return CheckOptionalId(item_field, item_id, WhenEmpty::kGenerated);
}

// A working group's name, members and focus areas, as formed or changed.
template <class Request>
grpc::Status CheckGroupFields(const Request& request) {
  TRYGG_RETURN_IF_ERROR(CheckName("name", request.name(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckIdList("agency_ids", request.agency_ids(), 1, kMaxIdsPerList));
  return CheckIdList("focus_areas", request.focus_areas(), 0, kMaxIdsPerList);
}

}  // namespace

grpc::Status Validate(const v1::RecordResidentInputRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckNewPlanItem(request.command_id(), request.plan_id(), "input_id", request.input_id()));
  TRYGG_RETURN_IF_ERROR(CheckOptionalId("focus_area", request.focus_area(), WhenEmpty::kNone));
  TRYGG_RETURN_IF_ERROR(CheckEnum("channel", request.channel(), /*required=*/true));
  TRYGG_RETURN_IF_ERROR(CheckLine("area", request.area(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckDate("received_on", request.received_on()));
  return CheckRequiredText("summary", request.summary(), kMaxStatementChars);
}

grpc::Status Validate(const v1::RecordFindingRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckNewPlanItem(request.command_id(), request.plan_id(), "finding_id",
                                         request.finding_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("focus_area", request.focus_area()));
  TRYGG_RETURN_IF_ERROR(CheckRequiredText("text", request.text(), kMaxStatementChars));
  TRYGG_RETURN_IF_ERROR(CheckEnum("source", request.source(), /*required=*/true));
  TRYGG_RETURN_IF_ERROR(CheckName("period", request.period(), kMaxFindingPeriodChars));
  TRYGG_RETURN_IF_ERROR(CheckLine("area", request.area(), kMaxNameChars));
  return CheckIdList("input_ids", request.input_ids(), 0, kMaxIdsPerList);
}

grpc::Status Validate(const v1::ReviseFindingRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "finding_id", request.finding_id()));
  TRYGG_RETURN_IF_ERROR(CheckRequiredText("text", request.text(), kMaxStatementChars));
  return CheckIdList("input_ids", request.input_ids(), 0, kMaxIdsPerList);
}

grpc::Status Validate(const v1::RetireFindingRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "finding_id", request.finding_id()));
  return CheckRequiredText("reason", request.reason(), kMaxTextChars);
}

grpc::Status Validate(const v1::IdentifyCauseRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckNewPlanItem(request.command_id(), request.plan_id(), "cause_id", request.cause_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("focus_area", request.focus_area()));
  TRYGG_RETURN_IF_ERROR(CheckRequiredText("text", request.text(), kMaxStatementChars));
  return CheckIdList("finding_ids", request.finding_ids(), 1, kMaxIdsPerList);
}

grpc::Status Validate(const v1::ReviseCauseRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "cause_id", request.cause_id()));
  TRYGG_RETURN_IF_ERROR(CheckRequiredText("text", request.text(), kMaxStatementChars));
  return CheckIdList("finding_ids", request.finding_ids(), 1, kMaxIdsPerList);
}

grpc::Status Validate(const v1::RetireCauseRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "cause_id", request.cause_id()));
  return CheckRequiredText("reason", request.reason(), kMaxTextChars);
}

grpc::Status Validate(const v1::FormWorkingGroupRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckNewPlanItem(request.command_id(), request.plan_id(), "group_id", request.group_id()));
  return CheckGroupFields(request);
}

grpc::Status Validate(const v1::ChangeWorkingGroupRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "group_id", request.group_id()));
  return CheckGroupFields(request);
}

grpc::Status Validate(const v1::MakeCitizenPromiseRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckNewPlanItem(request.command_id(), request.plan_id(), "promise_id",
                                         request.promise_id()));
  TRYGG_RETURN_IF_ERROR(CheckRequiredText("text", request.text(), kMaxPromiseTextChars));
  TRYGG_RETURN_IF_ERROR(CheckIdList("measure_ids", request.measure_ids(), 1, kMaxIdsPerList));
  TRYGG_RETURN_IF_ERROR(CheckNameList("signatories", request.signatories(), 1, kMaxSignatories));
  TRYGG_RETURN_IF_ERROR(CheckDate("valid_from", request.valid_from()));
  TRYGG_RETURN_IF_ERROR(CheckDate("valid_to", request.valid_to()));
  // Dates "YYYY-MM-DD" order as strings.
  if (request.valid_to() < request.valid_from()) {
    return InvalidArgument("valid_to must not be before valid_from (" + request.valid_to() +
                           " is before " + request.valid_from() + ")");
  }
  return grpc::Status::OK;
}

grpc::Status Validate(const v1::EndCitizenPromiseRequest& request) {
  TRYGG_RETURN_IF_ERROR(
      CheckPlanItem(request.command_id(), request.plan_id(), "promise_id", request.promise_id()));
  return CheckRequiredText("reason", request.reason(), kMaxTextChars);
}

grpc::Status Validate(const v1::AdoptPlanRequest& request) {
  TRYGG_RETURN_IF_ERROR(CheckCommandId(request.command_id()));
  TRYGG_RETURN_IF_ERROR(CheckId("plan_id", request.plan_id()));
  TRYGG_RETURN_IF_ERROR(CheckName("adopted_by", request.adopted_by(), kMaxNameChars));
  TRYGG_RETURN_IF_ERROR(CheckDate("decision_date", request.decision_date()));
  TRYGG_RETURN_IF_ERROR(CheckName("reference", request.reference(), kMaxNameChars));
  return CheckNameList("signatories", request.signatories(), 0, kMaxSignatories);
}

}  // namespace trygg::domain
