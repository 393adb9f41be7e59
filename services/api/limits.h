// Per-principal limits on what one caller may take of the server: the rate of its writes and the
// number of server streams it holds open. Both answer RESOURCE_EXHAUSTED when exceeded, with a
// message that names the limit and the trygg-server flag that sets it (never the token); a limit of
// 0 is no limit. The values come from trygg-server's flags (services/server/config.h).
//
// Threads: both limiters may be called from any thread.
#pragma once

#include <grpcpp/support/status.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "trygg/domain/result.h"

namespace trygg::api {

// A principal's write rate: on average `per_second` writes a second, and up to `burst` at once
// after an idle spell. `per_second` 0 is no limit (then `burst` is not read).
struct WriteRate {
  std::uint32_t per_second = 0;
  std::uint32_t burst = 1;  // at least 1 when per_second is not 0
};

// A token bucket per principal: each holds up to `burst` writes, refills at `per_second`, and
// starts full. Every write command takes one (command_pipeline.h, step (1)), whatever becomes of it
// afterwards, so a flood of refused or repeated commands is limited too. The buckets are sharded by
// principal name, so that writers of different principals rarely share a lock.
class WriteRateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // `clock` is read once per Take; tests pass their own.
  explicit WriteRateLimiter(WriteRate rate, Clock clock = std::chrono::steady_clock::now);

  // OK, and one write taken from `principal`'s bucket; or RESOURCE_EXHAUSTED naming the rate,
  // how long until the next write is allowed and --max-writes-per-second-per-principal.
  [[nodiscard]] grpc::Status Take(const std::string& principal);

 private:
  struct Bucket {
    double writes;  // allowed now; at most rate_.burst
    std::chrono::steady_clock::time_point refilled;
  };
  struct Shard {
    std::mutex mu;
    // One entry per principal that has written: no more than the token file names.
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;

  const WriteRate rate_;
  const Clock clock_;
  std::array<Shard, kShards> shards_;
};

// Counts the server streams (Subscribe, ReadStream, ReadAll) each principal holds open: at most
// `max_per_principal` at a time. A stream holds a Lease from the call's start until it is done.
class StreamLimiter {
 public:
  // A place among a principal's open streams, given back when the Lease is destroyed. Move-only.
  // The StreamLimiter must outlive it.
  class Lease {
   public:
    Lease() = default;
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

   private:
    friend class StreamLimiter;
    Lease(StreamLimiter* limiter, std::string principal)
        : limiter_(limiter), principal_(std::move(principal)) {}
    void Release();

    StreamLimiter* limiter_ = nullptr;  // null: nothing to give back
    std::string principal_;
  };

  // `max_per_principal` 0 is no limit.
  explicit StreamLimiter(std::uint32_t max_per_principal) : max_(max_per_principal) {}

  // A lease for one more stream of `principal`; or RESOURCE_EXHAUSTED naming the limit and
  // --max-streams-per-principal when it already holds max_per_principal.
  [[nodiscard]] domain::Result<Lease> Acquire(const std::string& principal);

  // How many streams `principal` holds now.
  [[nodiscard]] std::uint32_t Held(const std::string& principal);

 private:
  const std::uint32_t max_;
  std::mutex mu_;
  // Principals with at least one open stream; an entry goes when its last lease does.
  std::unordered_map<std::string, std::uint32_t> held_;
};

}  // namespace trygg::api
