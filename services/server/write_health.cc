#include "write_health.h"

#include <string>

#include "trygg/v1/action_plan.grpc.pb.h"

namespace trygg::server {

std::function<void(bool)> WriteHealth::Callback() {
  return [this](bool writable) {
    std::lock_guard lock(mu_);
    writable_ = writable;
    Report();
  };
}

void WriteHealth::Attach(grpc::HealthCheckServiceInterface* health) {
  std::lock_guard lock(mu_);
  health_ = health;
  Report();
}

void WriteHealth::Detach() {
  std::lock_guard lock(mu_);
  health_ = nullptr;
}

void WriteHealth::Report() {
  if (health_ == nullptr) return;
  health_->SetServingStatus("", writable_);
  health_->SetServingStatus(v1::ActionPlanService::service_full_name(), writable_);
}

}  // namespace trygg::server
