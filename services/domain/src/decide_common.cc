#include "decide_common.h"

#include "trygg/domain/validate.h"

namespace trygg::domain::internal {

grpc::Status CheckFocusAreaOfPlan(std::string_view field, std::string_view key,
                                  const PlanState& plan) {
  if (plan.HasFocusArea(key)) return grpc::Status::OK;
  std::string keys;
  for (const v1::FocusArea& area : plan.focus_areas) {
    if (!keys.empty()) keys += ", ";
    keys += area.key();
  }
  return InvalidArgument(std::string(field) + " " + Quote(key) + " is not a focus area of plan " +
                         plan.plan_id + "; its focus areas are: " + keys);
}

grpc::Status CheckResolvedId(std::string_view field, std::string_view id) {
  if (IsValidId(id)) return grpc::Status::OK;
  return InvalidArgument(std::string(field) + " must be 1-100 characters of [a-z0-9-]");
}

grpc::Status CheckRoom(std::size_t count, std::size_t max, const std::string& holder,
                       std::string_view plural) {
  if (count < max) return grpc::Status::OK;
  return FailedPrecondition(holder + " has " + std::to_string(count) + " " + std::string(plural) +
                            ", the most it may have");
}

}  // namespace trygg::domain::internal
