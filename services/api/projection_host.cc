#include "api/projection_host.h"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>
#include <map>
#include <thread>
#include <unordered_map>
#include <vector>

#include "trygg/projections/event_view.h"
#include "trygg/wire/wire.h"

namespace trygg::api {
namespace {

// Events read per ReadAll call while rebuilding; one vector is reused for every page.
constexpr std::size_t kRebuildPageEvents = 1000;
// A deadline further away than this is treated as this far (keeps the steady-clock arithmetic
// clear of overflow for "infinite" deadlines).
constexpr auto kMaxWait = std::chrono::hours(24);

}  // namespace

// The waiters of WhenApplied, all owned by one io_context thread: registration, completion by
// position and expiry by timer happen there, so none of them needs a lock. Each waiter is in
// by_id_ (owning it) and by_position_ until it completes; whoever removes it calls its done, so
// done runs exactly once.
class ProjectionHost::Waiters {
 public:
  Waiters(const std::atomic<uint64_t>& applied, std::atomic<std::size_t>& count)
      : applied_(applied),
        count_(count),
        work_(boost::asio::make_work_guard(io_)),
        thread_([this] { io_.run(); }) {}

  ~Waiters() { Stop(); }

  // The caller counted the waiter in count_ and guarantees Stop() has not been called.
  void Add(uint64_t position, std::chrono::steady_clock::time_point deadline,
           std::function<void(bool)> done) {
    boost::asio::post(io_, [this, position, deadline, done = std::move(done)]() mutable {
      if (applied_.load(std::memory_order_acquire) >= position) {
        count_.fetch_sub(1, std::memory_order_acq_rel);
        done(true);
        return;
      }
      if (closed_) {
        count_.fetch_sub(1, std::memory_order_acq_rel);
        done(false);
        return;
      }
      const uint64_t id = next_id_++;
      auto waiter = std::make_unique<Waiter>(io_, position, std::move(done));
      waiter->timer.expires_at(deadline);
      waiter->timer.async_wait([this, id](const boost::system::error_code&) { Expire(id); });
      by_position_.emplace(position, id);
      by_id_.emplace(id, std::move(waiter));
    });
  }

  // Every position up to `position` has been applied.
  void Applied(uint64_t position) {
    boost::asio::post(io_, [this, position] {
      std::vector<uint64_t> ids;
      const auto end = by_position_.upper_bound(position);
      for (auto it = by_position_.begin(); it != end; ++it) ids.push_back(it->second);
      by_position_.erase(by_position_.begin(), end);
      for (uint64_t id : ids) Complete(id, true);
    });
  }

  // The host failed: completes every waiter with false, and every later one at once.
  void FailAll() {
    boost::asio::post(io_, [this] { CloseAll(); });
  }

  // Completes every waiter with false and joins the thread. Idempotent.
  void Stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] { CloseAll(); });
    work_.reset();
    thread_.join();
  }

 private:
  struct Waiter {
    Waiter(boost::asio::io_context& io, uint64_t p, std::function<void(bool)> d)
        : position(p), done(std::move(d)), timer(io) {}
    uint64_t position;
    std::function<void(bool)> done;
    boost::asio::steady_timer timer;
  };

  void CloseAll() {
    closed_ = true;
    std::vector<uint64_t> ids;
    ids.reserve(by_id_.size());
    for (const auto& [id, waiter] : by_id_) ids.push_back(id);
    by_position_.clear();
    for (uint64_t id : ids) Complete(id, false);
  }

  // The timer fired or was cancelled; a waiter still present has reached its deadline.
  void Expire(uint64_t id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return;
    auto [first, last] = by_position_.equal_range(it->second->position);
    for (auto p = first; p != last; ++p) {
      if (p->second == id) {
        by_position_.erase(p);
        break;
      }
    }
    Complete(id, false);
  }

  // Removes the waiter (already gone from by_position_) and calls its done.
  void Complete(uint64_t id, bool reached) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return;
    std::unique_ptr<Waiter> waiter = std::move(it->second);
    by_id_.erase(it);
    waiter->timer.cancel();
    std::function<void(bool)> done = std::move(waiter->done);
    waiter.reset();
    count_.fetch_sub(1, std::memory_order_acq_rel);
    done(reached);
  }

  const std::atomic<uint64_t>& applied_;
  std::atomic<std::size_t>& count_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  // io_ thread only:
  bool closed_ = false;
  uint64_t next_id_ = 0;
  std::unordered_map<uint64_t, std::unique_ptr<Waiter>> by_id_;
  std::multimap<uint64_t, uint64_t> by_position_;  // position → waiter id
  std::thread thread_;                             // last: starts after the rest exists
};

ProjectionHost::ProjectionHost() : waiters_(std::make_unique<Waiters>(applied_, waiters_count_)) {}

ProjectionHost::~ProjectionHost() { Shutdown(); }

grpc::Status ProjectionHost::Start(eventstore::EventStore& store) {
  {
    std::lock_guard lock(state_mu_);
    if (started_ || stopped_) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          "the projection host was already started or shut down");
    }
    started_ = true;
  }
  std::vector<eventstore::RecordedEvent> page;
  for (;;) {
    eventstore::Status read =
        store.ReadAll(eventstore::Position(applied_position() + 1), kRebuildPageEvents, page);
    if (!read.ok()) {
      Fail("reading the event log failed: " + read.ToString());
      return Check();
    }
    if (page.empty()) break;
    if (!ApplyBatch(page)) return Check();
  }
  page = {};

  eventstore::SubscriptionHandlers handlers;
  handlers.on_events = [this](std::span<const eventstore::RecordedEvent> events) {
    return ApplyBatch(events) ? eventstore::Delivery::kContinue : eventstore::Delivery::kPause;
  };
  handlers.on_end = [this](const eventstore::Status& why) {
    Fail("the event log subscription ended: " + why.ToString());
  };
  std::unique_ptr<eventstore::Subscription> subscription =
      store.Subscribe(eventstore::Position(applied_position() + 1), std::move(handlers));
  {
    std::lock_guard lock(state_mu_);
    if (!stopped_) {
      subscription_ = std::move(subscription);
      ready_ = true;
      return grpc::Status::OK;
    }
  }
  subscription->Cancel();  // Shutdown() ran meanwhile
  return Check();
}

void ProjectionHost::Shutdown() {
  std::unique_ptr<eventstore::Subscription> subscription;
  {
    std::lock_guard lock(state_mu_);
    if (stopped_) return;
    stopped_ = true;
    subscription = std::move(subscription_);
  }
  // After Cancel() returns no batch is being applied and none will be, so no Fail() or Applied()
  // can race with stopping the waiters.
  if (subscription) subscription->Cancel();
  waiters_->Stop();
}

grpc::Status ProjectionHost::Check() const {
  std::lock_guard lock(state_mu_);
  if (!failure_.empty()) return grpc::Status(grpc::StatusCode::UNAVAILABLE, failure_);
  if (stopped_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down");
  if (!ready_) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the projections are not ready yet");
  }
  return grpc::Status::OK;
}

grpc::Status ProjectionHost::WhenApplied(uint64_t position,
                                         std::chrono::system_clock::time_point deadline,
                                         std::function<void(bool reached)> done) {
  if (applied_position() >= position) {
    done(true);
    return grpc::Status::OK;
  }
  const auto now = std::chrono::system_clock::now();
  const auto wait = deadline <= now
                        ? std::chrono::system_clock::duration::zero()
                        : std::min<std::chrono::system_clock::duration>(deadline - now, kMaxWait);
  const auto steady_deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(wait);

  std::lock_guard lock(state_mu_);
  if (!failure_.empty()) return grpc::Status(grpc::StatusCode::UNAVAILABLE, failure_);
  if (stopped_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down");
  // Only this function, under state_mu_, adds to the count, so check-then-add cannot overshoot.
  if (waiters_count_.load(std::memory_order_acquire) >= kMaxProjectionWaiters) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "too many queries are waiting for the projections (limit " +
                            std::to_string(kMaxProjectionWaiters) + "); retry later");
  }
  waiters_count_.fetch_add(1, std::memory_order_acq_rel);
  waiters_->Add(position, steady_deadline, std::move(done));
  return grpc::Status::OK;
}

bool ProjectionHost::ApplyBatch(std::span<const eventstore::RecordedEvent> events) {
  std::string error;
  uint64_t applied = 0;
  {
    std::unique_lock lock(mu_);
    for (const eventstore::RecordedEvent& event : events) {
      grpc::Status status = projections_.Apply(wire::ViewOf(event));
      if (!status.ok()) {
        error = "event at position " + std::to_string(event.position.value()) + " (" + event.type +
                " on " + event.stream_id + ") refused: " + status.error_message();
        break;
      }
    }
    applied = projections_.applied_position();
    applied_.store(applied, std::memory_order_release);
  }
  waiters_->Applied(applied);
  if (!error.empty()) {
    Fail(error);
    return false;
  }
  return true;
}

void ProjectionHost::Fail(std::string why) {
  std::lock_guard lock(state_mu_);
  if (!failure_.empty() || stopped_) return;
  failure_ = "projections stopped at position " + std::to_string(applied_position()) + ": " + why;
  waiters_->FailAll();
}

}  // namespace trygg::api
