// ProjectionHost: the server's live projections. Rebuilds a projections::Projections from the
// event log at start, then keeps it current from a subscription, and lets queries wait (without
// blocking a thread) until a given log position has been applied — how StatusService serves
// `min_position`, so a client reads its own writes.
//
// Threads: Apply runs on the event store's delivery thread under the exclusive lock; Read runs on
// the caller's thread under a shared lock. Waiters live on the host's own thread (one Boost.Asio
// io_context with a steady_timer per waiter for its deadline); a waiter whose position arrives, or
// whose deadline passes, completes there. Every method may be called from any thread.
//
// Failure: an event the projections refuse (Projections::Apply returned an error: the log and the
// fold disagree, a bug) stops applying for good; the host is then failed and Check() answers
// UNAVAILABLE "projections stopped at position N: <error>". The projections stay as they were
// before that event. A subscription the store ends (it is closing) fails the host the same way.
#pragma once

#include <grpcpp/support/status.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <utility>

#include "trygg/eventstore/event_store.h"
#include "trygg/projections/projections.h"

namespace trygg::api {

// At most this many WhenApplied calls wait at once; more are RESOURCE_EXHAUSTED. Each holds a
// timer and a callback (a few hundred bytes), so the bound keeps memory small under a flood of
// queries for a position that does not come.
inline constexpr std::size_t kMaxProjectionWaiters = 10'000;

class ProjectionHost {
 public:
  ProjectionHost();
  // Shutdown().
  ~ProjectionHost();
  ProjectionHost(const ProjectionHost&) = delete;
  ProjectionHost& operator=(const ProjectionHost&) = delete;

  // Rebuilds the projections from position 1 (paging ReadAll), then subscribes from the next
  // position and applies each delivered batch. Call once, before serving queries; `store` must
  // outlive Shutdown(). Returns the failure if the rebuild stopped (the host is then failed, see
  // above; the server may still serve the raw log), otherwise OK.
  grpc::Status Start(eventstore::EventStore& store);

  // Cancels the subscription, then completes every pending waiter with false and refuses new
  // ones (UNAVAILABLE). Queries answer UNAVAILABLE afterwards. Idempotent; must not be called
  // from a WhenApplied callback.
  void Shutdown();

  // Runs f(const projections::Projections&) under the shared lock and returns what it returns.
  // f must not call back into the host.
  template <class F>
  auto Read(F&& f) const {
    std::shared_lock lock(mu_);
    return std::forward<F>(f)(static_cast<const projections::Projections&>(projections_));
  }

  // Position of the last event applied; 0 before the first.
  uint64_t applied_position() const { return applied_.load(std::memory_order_acquire); }

  // OK while the host serves; UNAVAILABLE when not started, failed (the message says at which
  // position and why) or shut down.
  grpc::Status Check() const;

  // Calls done(true) once `position` has been applied: at once, on the calling thread, when it
  // already has; otherwise on the host's thread when it is applied. Calls done(false) on the
  // host's thread when `deadline` passes first, when the host fails, or at Shutdown(). done is
  // called exactly once when the returned status is OK, and never otherwise: RESOURCE_EXHAUSTED
  // beyond kMaxProjectionWaiters waiters, UNAVAILABLE when the host is failed or shut down (and
  // the position has not been applied). done must not block; it may call Read and Check.
  [[nodiscard]] grpc::Status WhenApplied(uint64_t position,
                                         std::chrono::system_clock::time_point deadline,
                                         std::function<void(bool reached)> done);

  // Waiters registered and not completed yet.
  std::size_t pending_waiters() const { return waiters_count_.load(std::memory_order_acquire); }

 private:
  class Waiters;

  // Applies a batch under the exclusive lock. False when the host is (now) failed.
  bool ApplyBatch(std::span<const eventstore::RecordedEvent> events);
  void Fail(std::string why);

  mutable std::shared_mutex mu_;  // guards projections_
  projections::Projections projections_;
  std::atomic<uint64_t> applied_{0};
  std::atomic<std::size_t> waiters_count_{0};

  mutable std::mutex state_mu_;  // guards the fields below
  bool started_ = false;
  bool ready_ = false;  // rebuilt and subscribed
  bool stopped_ = false;
  std::string failure_;  // non-empty once failed: "projections stopped at position N: ..."

  std::unique_ptr<Waiters> waiters_;  // the io_context thread; before subscription_
  std::unique_ptr<eventstore::Subscription> subscription_;
};

}  // namespace trygg::api
