// The checks of a query's fields that StatusService and EventLogService make before they read
// anything: required ids, in the domain's words, and bounds. One home, called by the services and
// by the request fuzzer (tests/fuzz/rpc_requests_fuzzer.cc), so that the fuzzer runs exactly what
// a call runs. Commands are checked by domain::Validate, GetPlanReport by CheckPlanReportRequest
// (plan_report_source.h), ListMeasures' page, size and status by Projections::ListMeasures.
#pragma once

#include <grpcpp/support/status.h>

#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::api {

// OK, or INVALID_ARGUMENT naming the first field that is missing, not an id, or out of bounds.
[[nodiscard]] grpc::Status CheckRequest(const v1::GetMeasureRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetAgencyStatusRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetPlanOverviewRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetSituationPictureRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetTraceabilityRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetFollowUpSummaryRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::GetWorkingGroupStatusRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::ReadStreamRequest& request);
[[nodiscard]] grpc::Status CheckRequest(const v1::ReadAllRequest& request);

}  // namespace trygg::api
