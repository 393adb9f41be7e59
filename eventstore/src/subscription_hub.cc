#include "subscription_hub.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace trygg::eventstore {
namespace {

// One subscription's state, shared by its handle and the delivery tasks in flight.
//
// At most one delivery task per subscription is posted or running at a time (`scheduled`), so
// handlers never run concurrently and `next` is only touched by that task. `hub` is valid while
// `ended` is false: the hub sets `ended` on every subscription, under its mutex, before it goes.
class State : public std::enable_shared_from_this<State> {
 public:
  struct Hub {
    const Reader& reader;
    std::function<Position()> committed;
    boost::asio::io_context& ctx;
  };

  State(const Hub* hub, Position from, SubscriptionHandlers handlers)
      : hub_(hub), handlers_(std::move(handlers)), next_(std::max(from, Position(1))) {}

  void Start() {
    std::lock_guard lock(mu_);
    Schedule();
  }

  // Hub: a commit happened.
  void Wake() {
    std::lock_guard lock(mu_);
    if (waiting_ && !paused_ && !cancelled_ && !ended_) {
      waiting_ = false;
      Schedule();
    }
  }

  void Resume() {
    std::lock_guard lock(mu_);
    if (cancelled_ || ended_) return;
    if (in_handler_) {
      resume_requested_ = true;  // the handler may be about to return kPause
      return;
    }
    if (!paused_) return;
    paused_ = false;
    if (!scheduled_) Schedule();
  }

  void Cancel() {
    std::unique_lock lock(mu_);
    cancelled_ = true;
    if (in_handler_ && handler_thread_ != std::this_thread::get_id()) {
      idle_.wait(lock, [this] { return !in_handler_; });
    }
  }

  // Hub closing: no delivery after this; on_end(kUnavailable) follows on the delivery thread.
  void EndFromHub() {
    std::lock_guard lock(mu_);
    if (cancelled_ || ended_) return;
    ended_ = true;
    boost::asio::post(hub_->ctx, [self = shared_from_this()] {
      self->CallOnEnd(Status(Code::kUnavailable, "the event store is closing"));
    });
  }

 private:
  void Schedule() {
    scheduled_ = true;
    boost::asio::post(hub_->ctx, [self = shared_from_this()] { self->Pump(); });
  }

  // Delivery thread: one batch, then re-post (so subscriptions take turns).
  void Pump() {
    const Position last = hub_->committed();
    if (next_ > last) {
      std::lock_guard lock(mu_);
      if (cancelled_ || ended_) {
        scheduled_ = false;
      } else if (hub_->committed() >= next_) {
        Schedule();  // a commit landed since `last` was read
      } else {
        waiting_ = true;
        scheduled_ = false;
      }
      return;
    }
    Status read = hub_->reader.ReadAll(next_, last, kMaxSubscriptionBatch, batch_);
    if (read.ok() && (batch_.empty() || batch_.front().position != next_)) {
      read = Status(Code::kDataLoss,
                    "the log has no record at position " + std::to_string(next_.value()));
    }
    if (!read.ok()) {
      {
        std::lock_guard lock(mu_);
        scheduled_ = false;
        if (cancelled_ || ended_) return;
        ended_ = true;
      }
      CallOnEnd(read);
      return;
    }
    if (!EnterHandler()) return;
    const Delivery delivery = handlers_.on_events(batch_);
    std::lock_guard lock(mu_);
    LeaveHandler();
    next_ = batch_.back().position.next();
    const bool resume_requested = std::exchange(resume_requested_, false);
    if (cancelled_ || ended_) {
      scheduled_ = false;
    } else if (delivery == Delivery::kPause && !resume_requested) {
      paused_ = true;
      scheduled_ = false;
    } else {
      Schedule();
    }
  }

  void CallOnEnd(const Status& why) {
    if (!EnterHandler()) return;
    if (handlers_.on_end) handlers_.on_end(why);
    std::lock_guard lock(mu_);
    LeaveHandler();
  }

  // False (and unscheduled) when cancelled; otherwise marks a handler call as running.
  bool EnterHandler() {
    std::lock_guard lock(mu_);
    if (cancelled_) {
      scheduled_ = false;
      return false;
    }
    in_handler_ = true;
    handler_thread_ = std::this_thread::get_id();
    return true;
  }

  void LeaveHandler() {  // mu_ held
    in_handler_ = false;
    idle_.notify_all();
  }

  const Hub* const hub_;
  const SubscriptionHandlers handlers_;
  Position next_;                     // delivery thread only
  std::vector<RecordedEvent> batch_;  // delivery thread only; reused from batch to batch

  std::mutex mu_;
  std::condition_variable idle_;
  bool cancelled_ = false;  // by the handle
  bool ended_ = false;      // by the hub closing or a read error
  bool paused_ = false;
  bool waiting_ = false;    // caught up, waiting for Wake
  bool scheduled_ = false;  // a Pump is posted or running
  bool in_handler_ = false;
  bool resume_requested_ = false;  // Resume() arrived while on_events was running
  std::thread::id handler_thread_;
};

class Handle final : public Subscription {
 public:
  explicit Handle(std::shared_ptr<State> state) : state_(std::move(state)) {}
  ~Handle() override { state_->Cancel(); }
  void Cancel() override { state_->Cancel(); }
  void Resume() override { state_->Resume(); }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace

class SubscriptionHub::Impl {
 public:
  Impl(const Reader& reader, std::function<Position()> committed)
      : hub_{reader, std::move(committed), ctx_},
        work_(ctx_.get_executor()),
        thread_([this] { ctx_.run(); }) {}

  ~Impl() { Close(); }

  std::unique_ptr<Subscription> Subscribe(Position from, SubscriptionHandlers handlers) {
    auto state = std::make_shared<State>(&hub_, from, std::move(handlers));
    {
      std::lock_guard lock(mu_);
      subs_.push_back(state);
    }
    state->Start();
    return std::make_unique<Handle>(std::move(state));
  }

  void Notify() {
    for (const auto& state : Live()) state->Wake();
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
    }
    for (const auto& state : Live()) state->EndFromHub();
    work_.reset();
    thread_.join();
  }

 private:
  // The subscriptions whose handles still exist; forgets the others.
  std::vector<std::shared_ptr<State>> Live() {
    std::lock_guard lock(mu_);
    std::vector<std::shared_ptr<State>> live;
    live.reserve(subs_.size());
    std::erase_if(subs_, [&](const std::weak_ptr<State>& weak) {
      auto state = weak.lock();
      if (!state) return true;
      live.push_back(std::move(state));
      return false;
    });
    return live;
  }

  boost::asio::io_context ctx_;
  State::Hub hub_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::mutex mu_;
  std::vector<std::weak_ptr<State>> subs_;
  bool closed_ = false;
  std::thread thread_;
};

SubscriptionHub::SubscriptionHub(const Reader& reader, std::function<Position()> committed)
    : impl_(std::make_unique<Impl>(reader, std::move(committed))) {}
SubscriptionHub::~SubscriptionHub() = default;
std::unique_ptr<Subscription> SubscriptionHub::Subscribe(Position from,
                                                         SubscriptionHandlers handlers) {
  return impl_->Subscribe(from, std::move(handlers));
}
void SubscriptionHub::Notify() { impl_->Notify(); }
void SubscriptionHub::Close() { impl_->Close(); }

}  // namespace trygg::eventstore
