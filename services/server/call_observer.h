// The call observer: a gRPC server interceptor that sees every call the server answers (every
// service, health and reflection included), gives it a request id and, when its status is sent,
// hands a CallRecord to each of its sinks: the "rpc" log line, the RPC metrics.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/token_file.h"
#include "call_record.h"
#include "log.h"

namespace trygg::server {

// Told of every finished call, on the gRPC thread that sends its status: it must not block. The
// record's views are valid only during the call.
using CallSink = std::function<void(const CallRecord& call)>;

// The metadata key of the request id, both ways: a client may send one, and the server answers
// with the call's id in its initial metadata.
inline constexpr char kRequestIdKey[] = "x-request-id";
// The longest request id taken from a client; a longer one is replaced by one the server makes.
inline constexpr std::size_t kMaxRequestIdBytes = 128;

// CallRecord::method of a call of a method the server does not serve (UNIMPLEMENTED), instead of
// the path the client sent.
inline constexpr char kUnknownMethod[] = "unknown";

// Whether a client's request id is one the server adopts: 1 to kMaxRequestIdBytes visible ASCII
// characters (no space, no control character), so that it can go into a log line as it is.
[[nodiscard]] bool IsSaneRequestId(std::string_view id);

// Makes request ids without a lock: a random prefix per instance and a counter,
// "3f9c2a71-1a".
class RequestIds {
 public:
  RequestIds();
  [[nodiscard]] std::string Next();

 private:
  std::string prefix_;
  std::atomic<uint64_t> next_{1};
};

// Creates one observer per call; register it with ServerBuilder::experimental()
// .SetInterceptorCreators. With `name_principals`, `tokens` (null: --allow-anonymous) names each
// call's principal with api::Authenticate, as the services do; without it (no sink reads the
// principal) a call's token is not hashed a second time and CallRecord::principal stays empty.
// `tokens` and `sinks` must outlive the server.
class CallObserverFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  CallObserverFactory(bool name_principals, const api::TokenFile* tokens,
                      std::vector<CallSink> sinks);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  bool name_principals_;
  const api::TokenFile* tokens_;
  std::vector<CallSink> sinks_;
  RequestIds ids_;
};

// The sink that logs each call as an "rpc" record at info (for a log that takes info records):
// method, principal ("-" when not authenticated), code, latency_ms and request_id. Nothing else: never a token, a request's
// content or a status message (which can echo a request).
CallSink RpcLogSink(const Logger& log);

}  // namespace trygg::server
