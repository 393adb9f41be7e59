#include "api/status_service.h"

#include <google/protobuf/arena.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/message_allocator.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <grpcpp/support/slice.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "api/auth.h"
#include "api/request_checks.h"

namespace trygg::api {
namespace {

grpc::Status NotFound(std::string what, const std::string& id) {
  return grpc::Status(grpc::StatusCode::NOT_FOUND, "no " + what + " '" + id + "'");
}

// A query's result as the call's response, or its error.
template <class Message>
grpc::Status Answer(domain::Result<Message> result, Message* response) {
  if (!result.ok()) return result.status();
  *response = *std::move(result);
  return grpc::Status::OK;
}

// Allocates each call's request and response on an Arena of its own, freed with the call.
template <class Request, class Response>
class ArenaAllocator final : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder; }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options()) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions Options() {
      google::protobuf::ArenaOptions options;
      options.start_block_size = 16 * 1024;  // a page of 100 short measures fits in a few blocks
      options.max_block_size = 256 * 1024;
      return options;
    }
    google::protobuf::Arena arena_;
  };
};

}  // namespace

struct StatusService::Allocators {
  ArenaAllocator<v1::ListMeasuresRequest, v1::ListMeasuresResponse> list_measures;
};

StatusService::StatusService(ProjectionHost& host, const eventstore::EventStore& store,
                             const TokenFile* tokens, absl::TimeZone zone,
                             std::function<std::string()> today)
    : host_(host),
      reports_(store, zone),
      tokens_(tokens),
      today_(std::move(today)),
      allocators_(std::make_unique<Allocators>()) {
  SetMessageAllocatorFor_ListMeasures(&allocators_->list_measures);
}

StatusService::~StatusService() = default;

grpc::ServerUnaryReactor* StatusService::Serve(
    grpc::CallbackServerContext* context, uint64_t min_position, grpc::Status invalid,
    std::function<grpc::Status(const projections::Projections&, const std::string& today)> answer) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Admit(*context, tokens_, Rpc::kStatusRead);
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  if (!invalid.ok()) {
    reactor->Finish(invalid);
    return reactor;
  }

  WhenApplied(context, reactor, min_position,
              [this, answer = std::move(answer)](const std::string& today) {
                return host_.Read([&](const projections::Projections& projections) {
                  return answer(projections, today);
                });
              });
  return reactor;
}

void StatusService::WhenApplied(grpc::CallbackServerContext* context,
                                grpc::ServerUnaryReactor* reactor, uint64_t position,
                                std::function<grpc::Status(const std::string& today)> run) {
  auto deadline = context->deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    deadline = std::chrono::system_clock::now() + kDefaultMinPositionWait;
  } else {
    // Give up a little early, so the reply saying how far the projections got reaches the client
    // before its own deadline turns the call into a bare DEADLINE_EXCEEDED.
    deadline -= std::min<std::chrono::system_clock::duration>(
        kMinPositionReplyMargin, (deadline - std::chrono::system_clock::now()) / 10);
  }
  // Runs exactly once (WhenApplied's contract), inline or on the host's thread; the call's
  // request and response stay valid until the Finish below.
  auto finish = [this, reactor, position, run = std::move(run)](bool reached) {
    if (grpc::Status ready = host_.Check(); !ready.ok()) {
      reactor->Finish(ready);
      return;
    }
    if (!reached) {
      reactor->Finish(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                                   "projections have not reached position " +
                                       std::to_string(position) + " yet (at " +
                                       std::to_string(host_.applied_position()) + ")"));
      return;
    }
    reactor->Finish(run(today_()));
  };
  if (grpc::Status waiting = host_.WhenApplied(position, deadline, std::move(finish));
      !waiting.ok()) {
    reactor->Finish(waiting);
  }
}

grpc::ServerUnaryReactor* StatusService::GetMeasure(grpc::CallbackServerContext* context,
                                                    const v1::GetMeasureRequest* request,
                                                    v1::Measure* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
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
      context, request->min_position(), grpc::Status::OK,
      [request, response](const projections::Projections& projections, const std::string& today) {
        return projections.ListMeasures(*request, today, *response);
      });
}

grpc::ServerUnaryReactor* StatusService::GetAgencyStatus(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request_bytes,
                                                         grpc::ByteBuffer* response) {
  auto request = std::make_shared<v1::GetAgencyStatusRequest>();
  grpc::ByteBuffer copy(*request_bytes);  // Deserialize consumes its buffer; this shares the slices
  if (!grpc::SerializationTraits<v1::GetAgencyStatusRequest>::Deserialize(&copy, request.get())
           .ok()) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                 "the request is not a GetAgencyStatusRequest"));
    return reactor;
  }
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string& today) {
        auto bytes = std::make_unique<std::string>();
        grpc::Status status =
            projections.GetAgencyStatus(request->agency_id(), request->page_size(), today, *bytes);
        if (!status.ok()) return status;
        // The slice owns the string and frees it once gRPC has sent it.
        std::string* owned = bytes.release();
        grpc::Slice slice(
            owned->data(), owned->size(), [](void* s) { delete static_cast<std::string*>(s); },
            owned);
        *response = grpc::ByteBuffer(&slice, 1);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* StatusService::GetPlanOverview(grpc::CallbackServerContext* context,
                                                         const v1::GetPlanOverviewRequest* request,
                                                         v1::PlanOverview* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string& today) {
        std::optional<v1::PlanOverview> overview =
            projections.GetPlanOverview(request->plan_id(), today);
        if (!overview) return NotFound("plan", request->plan_id());
        *response = std::move(*overview);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* StatusService::GetSituationPicture(
    grpc::CallbackServerContext* context, const v1::GetSituationPictureRequest* request,
    v1::SituationPicture* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string&) {
        return Answer(projections.GetSituationPicture(*request), response);
      });
}

grpc::ServerUnaryReactor* StatusService::GetTraceability(grpc::CallbackServerContext* context,
                                                         const v1::GetTraceabilityRequest* request,
                                                         v1::Traceability* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string& today) {
        return Answer(projections.GetTraceability(*request, today), response);
      });
}

grpc::ServerUnaryReactor* StatusService::GetFollowUpSummary(
    grpc::CallbackServerContext* context, const v1::GetFollowUpSummaryRequest* request,
    v1::FollowUpSummary* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string&) {
        return Answer(projections.GetFollowUpSummary(*request), response);
      });
}

grpc::ServerUnaryReactor* StatusService::GetWorkingGroupStatus(
    grpc::CallbackServerContext* context, const v1::GetWorkingGroupStatusRequest* request,
    v1::WorkingGroupStatus* response) {
  return Serve(
      context, request->min_position(), CheckRequest(*request),
      [request, response](const projections::Projections& projections, const std::string& today) {
        return Answer(projections.GetWorkingGroupStatus(*request, today), response);
      });
}

grpc::ServerUnaryReactor* StatusService::GetPlanReport(grpc::CallbackServerContext* context,
                                                       const v1::GetPlanReportRequest* request,
                                                       v1::PlanReport* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Admit(*context, tokens_, Rpc::kStatusRead);
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  if (grpc::Status invalid = CheckPlanReportRequest(*request); !invalid.ok()) {
    reactor->Finish(invalid);
    return reactor;
  }
  domain::Result<projections::ReportMoment> resolved = reports_.Resolve(*request, today_());
  if (!resolved.ok()) {
    reactor->Finish(resolved.status());
    return reactor;
  }
  // The projections name the plan's streams; once they have applied the moment, their list holds
  // every stream the plan had by then.
  const uint64_t wait_for = std::max(request->min_position(), resolved->position);
  WhenApplied(context, reactor, wait_for,
              [this, request, response, moment = *std::move(resolved)](const std::string&) {
                const std::vector<std::string> streams =
                    host_.Read([&](const projections::Projections& projections) {
                      return projections.PlanReportStreams(request->plan_id());
                    });
                return Answer(reports_.Build(*request, moment, streams), response);
              });
  return reactor;
}

grpc::ServerUnaryReactor* StatusService::WhoAmI(grpc::CallbackServerContext* context,
                                                const v1::WhoAmIRequest* /*request*/,
                                                v1::WhoAmIResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Admit(*context, tokens_, Rpc::kStatusRead);
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  response->set_principal(principal->name);
  response->set_role(std::string(RoleName(principal->role)));
  response->set_agency_id(principal->agency);
  response->set_anonymous(tokens_ == nullptr);
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace trygg::api
