// One finished gRPC call, as the server's call observer (a gRPC server interceptor) hands it to
// what watches every call: the per-RPC log line and the RPC metrics.
#pragma once

#include <grpcpp/support/status_code_enum.h>

#include <chrono>
#include <string_view>

namespace trygg::server {

struct CallRecord {
  std::string_view method;      // the gRPC path, "/trygg.v1.ActionPlanService/CreatePlan"
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::chrono::nanoseconds latency{0};  // from the call's arrival to its status being sent
  std::string_view principal;   // the caller's principal name; empty when not authenticated
  std::string_view request_id;  // the client's x-request-id, or one the server made up
};

}  // namespace trygg::server
