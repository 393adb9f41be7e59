#include "api/status_service.h"

#include <chrono>
#include <optional>
#include <utility>

#include "api/auth.h"

namespace trygg::api {
namespace {

grpc::Status NotFound(std::string what, const std::string& id) {
  return grpc::Status(grpc::StatusCode::NOT_FOUND, "no " + what + " '" + id + "'");
}

}  // namespace

StatusService::StatusService(ProjectionHost& host, const TokenFile* tokens,
                             std::function<std::string()> today)
    : host_(host), tokens_(tokens), today_(today ? std::move(today) : LocalToday) {}

grpc::ServerUnaryReactor* StatusService::Serve(
    grpc::CallbackServerContext* context, uint64_t min_position, const char* required_field,
    const std::string* required_value,
    std::function<grpc::Status(const projections::Projections&, const std::string& today)> answer) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Authenticate(*context, tokens_);
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  if (grpc::Status allowed = Authorize(*principal, Rpc::kStatusRead); !allowed.ok()) {
    reactor->Finish(allowed);
    return reactor;
  }
  if (required_value != nullptr && required_value->empty()) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 std::string(required_field) + " is required"));
    return reactor;
  }

  auto deadline = context->deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    deadline = std::chrono::system_clock::now() + kDefaultMinPositionWait;
  }
  // Runs exactly once (WhenApplied's contract), inline or on the host's thread; the call's
  // request and response stay valid until the Finish below.
  auto finish = [this, reactor, min_position, answer = std::move(answer)](bool reached) {
    if (grpc::Status ready = host_.Check(); !ready.ok()) {
      reactor->Finish(ready);
      return;
    }
    if (!reached) {
      reactor->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   "projections have not reached position " +
                                       std::to_string(min_position) + " yet (at " +
                                       std::to_string(host_.applied_position()) + ")"));
      return;
    }
    const std::string today = today_();
    reactor->Finish(host_.Read(
        [&](const projections::Projections& projections) { return answer(projections, today); }));
  };
  if (grpc::Status waiting = host_.WhenApplied(min_position, deadline, std::move(finish));
      !waiting.ok()) {
    reactor->Finish(waiting);
  }
  return reactor;
}

grpc::ServerUnaryReactor* StatusService::GetMeasure(grpc::CallbackServerContext* context,
                                                    const v1::GetMeasureRequest* request,
                                                    v1::Measure* response) {
  return Serve(
      context, request->min_position(), "measure_id", &request->measure_id(),
      [request, response](const projections::Projections& projections, const std::string& today) {
        std::optional<v1::Measure> measure = projections.GetMeasure(request->measure_id(), today);
        if (!measure) return NotFound("measure", request->measure_id());
        *response = std::move(*measure);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* StatusService::ListMeasures(grpc::CallbackServerContext* context,
                                                      const v1::ListMeasuresRequest* request,
                                                      v1::ListMeasuresResponse* response) {
  return Serve(
      context, request->min_position(), nullptr, nullptr,
      [request, response](const projections::Projections& projections, const std::string& today) {
        domain::Result<v1::ListMeasuresResponse> page = projections.ListMeasures(*request, today);
        if (!page.ok()) return page.status();
        *response = std::move(page).value();
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* StatusService::GetAgencyStatus(grpc::CallbackServerContext* context,
                                                         const v1::GetAgencyStatusRequest* request,
                                                         v1::AgencyStatus* response) {
  return Serve(
      context, request->min_position(), "agency_id", &request->agency_id(),
      [request, response](const projections::Projections& projections, const std::string& today) {
        domain::Result<v1::AgencyStatus> status =
            projections.GetAgencyStatus(request->agency_id(), request->page_size(), today);
        if (!status.ok()) return status.status();
        *response = std::move(status).value();
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* StatusService::GetPlanOverview(grpc::CallbackServerContext* context,
                                                         const v1::GetPlanOverviewRequest* request,
                                                         v1::PlanOverview* response) {
  return Serve(
      context, request->min_position(), "plan_id", &request->plan_id(),
      [request, response](const projections::Projections& projections, const std::string& today) {
        std::optional<v1::PlanOverview> overview =
            projections.GetPlanOverview(request->plan_id(), today);
        if (!overview) return NotFound("plan", request->plan_id());
        *response = std::move(*overview);
        return grpc::Status::OK;
      });
}

}  // namespace trygg::api
