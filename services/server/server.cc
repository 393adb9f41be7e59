#include "server.h"

#include <absl/time/clock.h>
#include <absl/time/time.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "api/action_plan_service.h"
#include "api/event_log_service.h"
#include "api/projection_host.h"
#include "api/status_service.h"
#include "api/token_file.h"
#include "call_observer.h"
#include "http_server.h"
#include "lifecycle_log.h"
#include "metrics.h"
#include "serving_state.h"
#include "tls_credentials.h"
#include "trygg/domain/today.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::server {
namespace {

// In-flight calls get this long to finish at shutdown before they are cancelled.
constexpr auto kShutdownGrace = std::chrono::seconds(5);

// "127.0.0.1:0" + chosen port 43210 → "127.0.0.1:43210".
std::string WithPort(const std::string& listen, int port) {
  const std::size_t colon = listen.rfind(':');
  return (colon == std::string::npos ? listen : listen.substr(0, colon)) + ":" +
         std::to_string(port);
}

// Verifies the store as config.verify_on_start says; the reason not to serve it, or "".
std::string VerifyOnStart(const eventstore::EventStore& store, const Config& config,
                          const Logger& log) {
  eventstore::VerifyOptions options;
  const uint64_t head = store.Head().position.value();
  const bool full = config.verify_on_start == "full";
  if (!full && head > kVerifyOnStartRecords) {
    options.from = eventstore::Position(head - kVerifyOnStartRecords + 1);
  }
  // The whole walk of a large log takes a while: say how far it has come, at most once a second.
  auto last_shown = std::chrono::steady_clock::now();
  if (full) {
    log.Info("verify", {{"records", head},
                        {"message", "verifying the whole event store (" + std::to_string(head) +
                                        " records)"}});
    options.progress = [&last_shown, &log](uint64_t checked, uint64_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_shown < std::chrono::seconds(1) || checked == total) return;
      last_shown = now;
      log.Info("verify", {{"checked", checked},
                          {"records", total},
                          {"message", "verified " + std::to_string(checked) + " of " +
                                          std::to_string(total) + " records"}});
    };
  }
  auto report = store.Verify(options);
  if (!report.ok()) {
    return "cannot verify the event store at " + config.data.string() + ": " +
           report.status().ToString();
  }
  if (report->ok()) return "";
  return "the event store at " + config.data.string() + " is damaged at position " +
         std::to_string(report->first_bad_position->value()) + ": " + report->problem +
         ". The server does not serve a damaged store; run 'trygg-audit verify --data " +
         config.data.string() + "' for the whole report, and restore the store from a backup.";
}

}  // namespace

// Members in the order they are built; destroyed in reverse, so every call that is still being
// finished can use the services, the projections and the store.
struct Server::State {
  Config config;
  const Logger* log = nullptr;
  std::unique_ptr<api::TokenFile> tokens;  // null with --allow-anonymous
  ServingState serving;                    // told by the store, so it outlives the store
  std::unique_ptr<Metrics> metrics;        // told by the store, so it outlives the store
  std::unique_ptr<eventstore::EventStore> store;
  std::unique_ptr<api::ProjectionHost> projections;
  std::unique_ptr<api::ActionPlanService> action_plan;
  std::unique_ptr<api::StatusService> status;
  std::unique_ptr<api::EventLogService> event_log;
  std::unique_ptr<grpc::Server> grpc;
  std::string address;

  std::mutex mu;
  std::condition_variable done_cv;
  bool shutting_down = false;
  bool done = false;

  // What a scrape reads of the running server: set once it serves, cleared before the services and
  // the store go (live_mu guards the flag and the port; the HTTP thread reads them).
  std::mutex live_mu;
  bool live = false;
  int grpc_port = 0;
  // Last, so that it goes first: its handlers read the members above.
  std::unique_ptr<HttpServer> http;
};

namespace {

// The gRPC path of every method the server serves, for the RPC metrics' table: the three services
// Start registers, reflection (whose descriptor is in the generated pool, like theirs) and gRPC's
// health service (built into gRPC without a protobuf descriptor: its two methods).
std::vector<std::string> ServedMethods() {
  std::vector<std::string> methods = {"/grpc.health.v1.Health/Check",
                                      "/grpc.health.v1.Health/Watch"};
  for (const char* service :
       {v1::ActionPlanService::service_full_name(), v1::StatusService::service_full_name(),
        v1::EventLogService::service_full_name(), "grpc.reflection.v1alpha.ServerReflection"}) {
    for (std::string& method : MethodsOfService(service)) methods.push_back(std::move(method));
  }
  return methods;
}

// Why the server is not ready for calls (/readyz); empty when it is.
std::string NotReady(Server::State& state) {
  if (std::string why = state.serving.NotReady(); !why.empty()) return why;
  std::lock_guard lock(state.live_mu);
  if (!state.live) return "shutting down";
  if (grpc::Status s = state.projections->Check(); !s.ok()) return s.error_message();
  return "";
}

// What /metrics shows of the server at this moment.
ScrapeValues Scrape(Server::State& state) {
  ScrapeValues values;
  values.ready = NotReady(state).empty();
  values.writable = state.serving.writable();
  values.store_size_bytes = DiskUsage(state.config.data);
  std::lock_guard lock(state.live_mu);
  if (state.live) {
    values.head_position = state.store->Head().position.value();
    values.projection_applied = state.projections->applied_position();
    values.subscribers = state.event_log->subscribers();
    values.connections = EstablishedConnections(state.grpc_port);
  }
  return values;
}

std::map<std::string, HttpServer::Handler> Routes(Server::State& state) {
  using Response = HttpServer::Response;
  return {
      {"/metrics",
       [&state] {
         return Response{200, "text/plain; version=0.0.4; charset=utf-8",
                         state.metrics->Render(Scrape(state))};
       }},
      {"/healthz", [] { return Response{200, "text/plain; charset=utf-8", "ok\n"}; }},
      {"/readyz",
       [&state] {
         const std::string why = NotReady(state);
         return why.empty() ? Response{200, "text/plain; charset=utf-8", "ready\n"}
                            : Response{503, "text/plain; charset=utf-8", "not ready: " + why + "\n"};
       }},
  };
}

}  // namespace

std::variant<std::unique_ptr<Server>, std::string> Server::Start(
    const Config& config, const Logger& log,
    const std::function<void(const std::string&)>& on_http) {
  const auto started = std::chrono::steady_clock::now();
  std::string credentials_error;
  std::shared_ptr<grpc::ServerCredentials> credentials =
      ListeningCredentials(config, credentials_error);
  if (!credentials) return credentials_error;

  absl::TimeZone zone;
  if (!absl::LoadTimeZone(config.time_zone, &zone)) return domain::TimeZoneError(config.time_zone);

  auto state = std::make_unique<State>();
  state->config = config;
  state->log = &log;
  if (!config.tokens.empty()) {
    std::string error;
    state->tokens = api::TokenFile::Load(config.tokens, error);
    if (!state->tokens) return error;
  } else if (!config.allow_anonymous) {
    return std::string(
        "--tokens FILE is required (create one with 'trygg-server tokens add'), or start with "
        "--allow-anonymous for development");
  }

  state->metrics = std::make_unique<Metrics>(ServedMethods());
  if (config.http != "none") {
    auto http = HttpServer::Start(config.http, Routes(*state));
    if (auto* error = std::get_if<std::string>(&http)) {
      return "--http " + config.http + ": " + *error +
             " (give a free address with --http ADDRESS, or --http none for no HTTP port)";
    }
    state->http = std::move(std::get<std::unique_ptr<HttpServer>>(http));
    if (on_http) on_http(WithPort(config.http, state->http->port()));
  }

  eventstore::Options store_options;
  store_options.on_writable = state->serving.WritableCallback();
  store_options.on_log = StoreLog(log);
  store_options.on_group_commit = [metrics = state->metrics.get()](
                                      uint64_t events, std::chrono::nanoseconds sync) {
    metrics->RecordGroupCommit(events, sync);
  };
  auto store = eventstore::EventStore::Open(config.data, std::move(store_options));
  if (!store.ok()) {
    return "cannot open the event store at " + config.data.string() + ": " +
           store.status().ToString();
  }
  state->store = std::move(store).value();
  if (std::string damaged = VerifyOnStart(*state->store, config, log);
      !damaged.empty()) return damaged;
  state->projections = std::make_unique<api::ProjectionHost>();
  if (grpc::Status s = state->projections->Start(*state->store); !s.ok()) {
    return "cannot build the projections from the log: " + s.error_message();
  }
  const api::TokenFile* tokens = state->tokens.get();
  state->action_plan = std::make_unique<api::ActionPlanService>(
      *state->store, tokens,
      api::WriteRate{config.max_writes_per_second_per_principal, config.write_burst_per_principal});
  state->status =
      std::make_unique<api::StatusService>(*state->projections, *state->store, tokens, zone,
                                           [zone] { return domain::Today(absl::Now(), zone); });
  state->event_log = std::make_unique<api::EventLogService>(*state->store, tokens,
                                                            config.max_streams_per_principal);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, credentials, &port);
  builder.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  builder.RegisterService(state->action_plan.get());
  builder.RegisterService(state->status.get());
  builder.RegisterService(state->event_log.get());
  // What is told of every finished call (the gRPC server owns the observer, so they live as long).
  // The log's level is fixed at start: below info there are no rpc records, and then nothing
  // reads a call's principal.
  const bool log_calls = log.Enabled(LogLevel::kInfo);
  std::vector<CallSink> call_sinks;
  if (log_calls) call_sinks.push_back(RpcLogSink(log));
  call_sinks.push_back(
      [metrics = state->metrics.get()](const CallRecord& call) { metrics->RecordCall(call); });
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> observers;
  observers.push_back(
      std::make_unique<CallObserverFactory>(log_calls, tokens, std::move(call_sinks)));
  builder.experimental().SetInterceptorCreators(std::move(observers));
  state->grpc = builder.BuildAndStart();
  if (!state->grpc || port == 0) {
    return "cannot listen on " + config.listen + " (address in use, or not an address)";
  }
  state->address = WithPort(config.listen, port);
  state->serving.Attach(state->grpc->GetHealthCheckService());
  {
    std::lock_guard lock(state->live_mu);
    state->live = true;
    state->grpc_port = port;
  }
  state->serving.Enter(ServingState::Phase::kServing);
  log.Info("ready", {{"address", state->address},
                     {"head", state->store->Head().position.value()},
                     {"took_ms", std::chrono::duration<double, std::milli>(
                                     std::chrono::steady_clock::now() - started)
                                     .count()}});
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { Shutdown(); }

const std::string& Server::address() const { return state_->address; }

void Server::Shutdown() {
  {
    std::lock_guard lock(state_->mu);
    if (state_->shutting_down) return;
    state_->shutting_down = true;
  }
  state_->serving.Enter(ServingState::Phase::kStopping);  // before gRPC stops accepting calls
  // Queries waiting for min_position and followers on Subscribe end at once (UNAVAILABLE)
  // instead of holding up shutdown for the whole grace period.
  state_->projections->Shutdown();
  state_->event_log->Shutdown();
  state_->grpc->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
  state_->grpc->Wait();
  state_->serving.Detach();
  {
    std::lock_guard lock(state_->live_mu);
    state_->live = false;
  }
  // No call is left: the services, the projections and then the store can go (the store finishes
  // its queued appends before it closes).
  state_->grpc.reset();
  state_->event_log.reset();
  state_->status.reset();
  state_->action_plan.reset();
  state_->projections.reset();
  state_->store.reset();
  std::lock_guard lock(state_->mu);
  state_->done = true;
  state_->done_cv.notify_all();
}

void Server::ReloadTokens() {
  const Logger& log = *state_->log;
  if (!state_->tokens) {
    log.Warn("reload", {{"message", "SIGHUP, no token file to reload (--allow-anonymous)"}});
    return;
  }
  const std::string error = state_->tokens->Reload();
  const std::string principals = " (principals: " + std::to_string(state_->tokens->size()) + ")";
  if (!error.empty()) {
    log.Warn("reload", {{"principals", state_->tokens->size()},
                        {"message", "SIGHUP, the token file was not reloaded; the tokens loaded "
                                    "before stay in force" +
                                        principals + ": " + error}});
    return;
  }
  log.Info("reload", {{"principals", state_->tokens->size()},
                      {"message", "SIGHUP, reloaded the token file " +
                                      state_->config.tokens.string() + principals}});
}

void Server::Wait() {
  std::unique_lock lock(state_->mu);
  state_->done_cv.wait(lock, [this] { return state_->done; });
}

}  // namespace trygg::server
