// gRPC health for writes: while the event store refuses writes because of its disk (full, or
// failed), grpc.health.v1 answers NOT_SERVING for the whole server ("") and for
// trygg.v1.ActionPlanService, the service that writes; SERVING again once writes resume. Reads
// (StatusService, EventLogService) keep working meanwhile, and their health stays as it is.
#pragma once

#include <grpcpp/health_check_service_interface.h>

#include <functional>
#include <mutex>

namespace trygg::server {

class WriteHealth {
 public:
  // For eventstore::Options::on_writable. Any thread; the WriteHealth must outlive the store.
  std::function<void(bool writable)> Callback();
  // From now on reports to `health` (the running server's), starting with the state so far.
  void Attach(grpc::HealthCheckServiceInterface* health);
  // Stops reporting (before the server that owns the health service goes).
  void Detach();

 private:
  void Report();  // mu_ held

  std::mutex mu_;
  bool writable_ = true;
  grpc::HealthCheckServiceInterface* health_ = nullptr;
};

}  // namespace trygg::server
