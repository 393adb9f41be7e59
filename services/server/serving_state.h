// ServingState: the one home of what trygg-server says about whether it serves, for
// grpc.health.v1 and the HTTP side port's /readyz (and trygg_ready, trygg_store_writable).
//
//   starting     from the start until the store is open and verified, the projections rebuilt
//                and the gRPC port open: NOT_SERVING, /readyz 503 "starting".
//   serving      SERVING and /readyz 200, except while the event store refuses writes because of
//                its disk (full, or failed): then grpc.health.v1 answers NOT_SERVING for the whole
//                server ("") and for trygg.v1.ActionPlanService, the service that writes, and
//                /readyz 503; SERVING again once writes resume. Reads (StatusService,
//                EventLogService) keep working meanwhile, and their health stays as it is.
//   stopping     from the moment shutdown begins (before the gRPC server stops accepting calls):
//                every service NOT_SERVING for good, /readyz 503 "shutting down".
#pragma once

#include <grpcpp/health_check_service_interface.h>

#include <functional>
#include <mutex>
#include <string>

namespace trygg::server {

class ServingState {
 public:
  enum class Phase { kStarting, kServing, kStopping };

  // For eventstore::Options::on_writable. Any thread; the ServingState must outlive the store.
  std::function<void(bool writable)> WritableCallback();
  // From now on reports to `health` (the running server's), starting with the state so far.
  void Attach(grpc::HealthCheckServiceInterface* health);
  // Stops reporting (before the server that owns the health service goes).
  void Detach();
  // Moves on to `phase` (starting → serving → stopping) and reports it. Any thread.
  void Enter(Phase phase);

  // Why the server is not ready to serve, for /readyz; empty when it is.
  std::string NotReady() const;
  bool writable() const;

 private:
  void Report();  // mu_ held

  mutable std::mutex mu_;
  Phase phase_ = Phase::kStarting;
  bool writable_ = true;
  grpc::HealthCheckServiceInterface* health_ = nullptr;
};

}  // namespace trygg::server
