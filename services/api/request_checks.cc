#include "api/request_checks.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "api/event_log_service.h"
#include "trygg/domain/validate.h"

namespace trygg::api {
namespace {

// OK, or INVALID_ARGUMENT: the field is required.
grpc::Status Required(std::string_view field, const std::string& value) {
  if (!value.empty()) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(field) + " is required");
}

// OK, or INVALID_ARGUMENT naming the first field (in order) that is missing or not an id, in the
// domain's words (domain::CheckId).
grpc::Status RequiredIds(
    std::initializer_list<std::pair<std::string_view, const std::string*>> fields) {
  for (const auto& [field, value] : fields) {
    if (grpc::Status id = domain::CheckId(field, *value); !id.ok()) return id;
  }
  return grpc::Status::OK;
}

grpc::Status CheckMaxCount(uint32_t max_count) {
  if (max_count > kMaxReadCount) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "max_count must be at most " + std::to_string(kMaxReadCount) + ", not " +
                            std::to_string(max_count));
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status CheckRequest(const v1::GetMeasureRequest& request) {
  return Required("measure_id", request.measure_id());
}

grpc::Status CheckRequest(const v1::GetAgencyStatusRequest& request) {
  return Required("agency_id", request.agency_id());
}

grpc::Status CheckRequest(const v1::GetPlanOverviewRequest& request) {
  return Required("plan_id", request.plan_id());
}

grpc::Status CheckRequest(const v1::GetSituationPictureRequest& request) {
  return RequiredIds({{"plan_id", &request.plan_id()}});
}

grpc::Status CheckRequest(const v1::GetTraceabilityRequest& request) {
  return RequiredIds({{"plan_id", &request.plan_id()}});
}

grpc::Status CheckRequest(const v1::GetFollowUpSummaryRequest& request) {
  return RequiredIds({{"plan_id", &request.plan_id()}});
}

grpc::Status CheckRequest(const v1::GetWorkingGroupStatusRequest& request) {
  return RequiredIds({{"plan_id", &request.plan_id()}, {"group_id", &request.group_id()}});
}

grpc::Status CheckRequest(const v1::ReadStreamRequest& request) {
  if (request.stream_id().empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "stream_id is required");
  }
  return CheckMaxCount(request.max_count());
}

grpc::Status CheckRequest(const v1::ReadAllRequest& request) {
  return CheckMaxCount(request.max_count());
}

}  // namespace trygg::api
