#include "call_observer.h"

#include <absl/status/status.h>
#include <grpcpp/server_context.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

#include "api/auth.h"

namespace trygg::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

// One call: its arrival time and request id from the start, its record when its status is sent.
class CallObserver final : public grpc::experimental::Interceptor {
 public:
  CallObserver(grpc::experimental::ServerRpcInfo* info, bool name_principal,
               const api::TokenFile* tokens, const std::vector<CallSink>& sinks, RequestIds& ids)
      : arrival_(std::chrono::steady_clock::now()),
        method_(info->method() != nullptr ? info->method() : ""),
        context_(info->server_context()),
        name_principal_(name_principal),
        tokens_(tokens),
        sinks_(sinks),
        // gRPC binds the client's metadata to the context before it creates the interceptors.
        request_id_(RequestId(*context_, ids)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdKey, request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finished(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  // The client's request id when it sent a sane one, else a new one.
  static std::string RequestId(const grpc::ServerContextBase& context, RequestIds& ids) {
    const auto& metadata = context.client_metadata();
    const auto it = metadata.find(kRequestIdKey);
    if (it == metadata.end()) return ids.Next();
    const std::string_view id(it->second.data(), it->second.size());
    return IsSaneRequestId(id) ? std::string(id) : ids.Next();
  }

  void Finished(grpc::StatusCode code) {
    std::optional<domain::Result<api::Principal>> principal;
    if (name_principal_) principal.emplace(api::Authenticate(*context_, tokens_));
    CallRecord call;
    // gRPC answers a method it does not serve with UNIMPLEMENTED (no trygg service does), and
    // its path is then whatever the client sent: free text, and a new metric label per path.
    call.method = code == grpc::StatusCode::UNIMPLEMENTED ? kUnknownMethod : method_;
    call.code = code;
    call.latency = std::chrono::steady_clock::now() - arrival_;
    call.principal =
        principal && principal->ok() ? std::string_view((*principal)->name) : std::string_view();
    call.request_id = request_id_;
    for (const CallSink& sink : sinks_) sink(call);
  }

  const std::chrono::steady_clock::time_point arrival_;
  const std::string_view method_;
  grpc::ServerContextBase* const context_;
  const bool name_principal_;
  const api::TokenFile* const tokens_;
  const std::vector<CallSink>& sinks_;
  const std::string request_id_;
};

}  // namespace

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdBytes) return false;
  for (const char c : id) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

RequestIds::RequestIds() {
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%08x", static_cast<unsigned>(std::random_device()()));
  prefix_ = prefix;
}

std::string RequestIds::Next() {
  char counter[24];
  std::snprintf(counter, sizeof counter, "-%llx",
                static_cast<unsigned long long>(next_.fetch_add(1, std::memory_order_relaxed)));
  return prefix_ + counter;
}

CallObserverFactory::CallObserverFactory(bool name_principals, const api::TokenFile* tokens,
                                         std::vector<CallSink> sinks)
    : name_principals_(name_principals), tokens_(tokens), sinks_(std::move(sinks)) {}

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(info, name_principals_, tokens_, sinks_, ids_);
}

CallSink RpcLogSink(const Logger& log) {
  return [&log](const CallRecord& call) {
    const double latency_ms = std::chrono::duration<double, std::milli>(call.latency).count();
    log.Info("rpc", {{"method", call.method},
                     {"principal", call.principal.empty() ? "-" : call.principal},
                     {"code", absl::StatusCodeToString(static_cast<absl::StatusCode>(call.code))},
                     {"latency_ms", latency_ms},
                     {"request_id", call.request_id}});
  };
}

}  // namespace trygg::server
