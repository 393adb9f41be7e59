#include "serving_state.h"

#include <string>

#include "trygg/v1/action_plan.grpc.pb.h"

namespace trygg::server {

std::function<void(bool)> ServingState::WritableCallback() {
  return [this](bool writable) {
    std::lock_guard lock(mu_);
    writable_ = writable;
    Report();
  };
}

void ServingState::Attach(grpc::HealthCheckServiceInterface* health) {
  std::lock_guard lock(mu_);
  health_ = health;
  Report();
}

void ServingState::Detach() {
  std::lock_guard lock(mu_);
  health_ = nullptr;
}

void ServingState::Enter(Phase phase) {
  std::lock_guard lock(mu_);
  phase_ = phase;
  Report();
}

std::string ServingState::NotReady() const {
  std::lock_guard lock(mu_);
  switch (phase_) {
    case Phase::kStarting:
      return "starting: opening and verifying the event store, rebuilding the projections";
    case Phase::kStopping: return "shutting down";
    case Phase::kServing: break;
  }
  if (!writable_) return "the event store refuses writes: its disk is full or failed (see the log)";
  return "";
}

bool ServingState::writable() const {
  std::lock_guard lock(mu_);
  return writable_;
}

void ServingState::Report() {
  if (health_ == nullptr) return;
  if (phase_ == Phase::kStopping) {
    health_->Shutdown();  // every service NOT_SERVING, and no change after
    return;
  }
  const bool serving = phase_ == Phase::kServing && writable_;
  health_->SetServingStatus("", serving);
  health_->SetServingStatus(v1::ActionPlanService::service_full_name(), serving);
}

}  // namespace trygg::server
