// The whole plan's queries: situation picture, traceability, follow-up summary, working groups.
#include "projections_state.h"
#include "trygg/projections/projections.h"

namespace trygg::projections {
namespace {

grpc::Status NotYet(std::string_view query) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, std::string(query) + " is not built yet");
}

}  // namespace

domain::Result<v1::SituationPicture> Projections::GetSituationPicture(
    const v1::GetSituationPictureRequest& /*request*/) const {
  return NotYet("GetSituationPicture");
}

domain::Result<v1::Traceability> Projections::GetTraceability(
    const v1::GetTraceabilityRequest& /*request*/, std::string_view /*today*/) const {
  return NotYet("GetTraceability");
}

domain::Result<v1::FollowUpSummary> Projections::GetFollowUpSummary(
    const v1::GetFollowUpSummaryRequest& /*request*/) const {
  return NotYet("GetFollowUpSummary");
}

domain::Result<v1::WorkingGroupStatus> Projections::GetWorkingGroupStatus(
    const v1::GetWorkingGroupStatusRequest& /*request*/, std::string_view /*today*/) const {
  return NotYet("GetWorkingGroupStatus");
}

}  // namespace trygg::projections
