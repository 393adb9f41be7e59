#include "api/limits.h"

#include <algorithm>
#include <cmath>

namespace trygg::api {

WriteRateLimiter::WriteRateLimiter(WriteRate rate, Clock clock)
    : rate_(rate), clock_(std::move(clock)) {}

grpc::Status WriteRateLimiter::Take(const std::string& principal) {
  if (rate_.per_second == 0) return grpc::Status::OK;
  const auto now = clock_();
  const double burst = std::max<double>(rate_.burst, 1);
  double missing = 0;  // writes short of one, when refused
  {
    Shard& shard = shards_[std::hash<std::string>{}(principal) % kShards];
    std::lock_guard lock(shard.mu);
    auto [at, added] = shard.buckets.try_emplace(principal, Bucket{burst, now});
    Bucket& bucket = at->second;
    if (!added && now > bucket.refilled) {
      const std::chrono::duration<double> idle = now - bucket.refilled;
      bucket.writes = std::min(burst, bucket.writes + idle.count() * rate_.per_second);
      bucket.refilled = now;
    }
    if (bucket.writes >= 1) {
      bucket.writes -= 1;
      return grpc::Status::OK;
    }
    missing = 1 - bucket.writes;
  }
  const auto retry_ms = static_cast<long long>(std::ceil(missing * 1000 / rate_.per_second));
  return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                      "principal '" + principal + "' is over its write rate of " +
                          std::to_string(rate_.per_second) +
                          " writes per second (bursts of up to " + std::to_string(rate_.burst) +
                          "); retry in " + std::to_string(retry_ms) +
                          " ms, or have the operator raise --max-writes-per-second-per-principal");
}

StreamLimiter::Lease::Lease(Lease&& other) noexcept
    : limiter_(std::exchange(other.limiter_, nullptr)), principal_(std::move(other.principal_)) {}

StreamLimiter::Lease& StreamLimiter::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    limiter_ = std::exchange(other.limiter_, nullptr);
    principal_ = std::move(other.principal_);
  }
  return *this;
}

StreamLimiter::Lease::~Lease() { Release(); }

void StreamLimiter::Lease::Release() {
  if (limiter_ == nullptr) return;
  std::lock_guard lock(limiter_->mu_);
  auto at = limiter_->held_.find(principal_);
  if (at != limiter_->held_.end() && --at->second == 0) limiter_->held_.erase(at);
  limiter_ = nullptr;
}

domain::Result<StreamLimiter::Lease> StreamLimiter::Acquire(const std::string& principal) {
  if (max_ == 0) return Lease();
  std::lock_guard lock(mu_);
  std::uint32_t& held = held_[principal];
  if (held >= max_) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "principal '" + principal + "' already holds its limit of " +
                            std::to_string(max_) +
                            " open streams (Subscribe, ReadStream, ReadAll); end one first, or "
                            "have the operator raise --max-streams-per-principal");
  }
  ++held;
  return Lease(this, principal);
}

std::uint32_t StreamLimiter::Held(const std::string& principal) {
  std::lock_guard lock(mu_);
  auto at = held_.find(principal);
  return at == held_.end() ? 0 : at->second;
}

}  // namespace trygg::api
