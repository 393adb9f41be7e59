#include "api/event_log_service.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "api/auth.h"
#include "api/request_checks.h"
#include "api/store_status.h"
#include "trygg/wire/wire.h"

namespace trygg::api {
namespace {

grpc::Status AdmitReader(const grpc::CallbackServerContext& context, const TokenFile* tokens) {
  return Admit(context, tokens, Rpc::kEventLogRead).status();
}

// A stream that ends at once with `status` (a refused call).
class FinishedReactor final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  explicit FinishedReactor(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

// ReadStream / ReadAll: reads kReadChunkEvents at a time from `next`, writes one event at a time
// (OnWriteDone starts the next write), finishes OK after `remaining` events or the end of what is
// stored. Only one thread at a time runs it: the constructor, then each OnWriteDone in turn.
class ReadReactor final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  // Reads events whose key (position or stream version) is >= from, at most max, into out.
  using ReadFn = std::function<eventstore::Status(uint64_t from, std::size_t max,
                                                  std::vector<eventstore::RecordedEvent>& out)>;
  // Returns the key of an event: its position or its stream version.
  using KeyFn = uint64_t (*)(const eventstore::RecordedEvent&);

  ReadReactor(ReadFn read, KeyFn key, uint64_t from, uint32_t count, StreamLimiter::Lease lease)
      : read_(std::move(read)),
        key_(key),
        next_(std::max<uint64_t>(from, 1)),
        remaining_(count),
        lease_(std::move(lease)) {
    NextWrite();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled"));
      return;
    }
    NextWrite();
  }

  void OnDone() override { delete this; }

 private:
  void NextWrite() {
    if (index_ == chunk_.size()) {
      if (remaining_ == 0) {
        Finish(grpc::Status::OK);
        return;
      }
      index_ = 0;
      eventstore::Status read =
          read_(next_, std::min<std::size_t>(remaining_, kReadChunkEvents), chunk_);
      if (!read.ok()) {
        chunk_.clear();
        Finish(FromStore(read));
        return;
      }
      if (chunk_.empty()) {
        Finish(grpc::Status::OK);
        return;
      }
    }
    const eventstore::RecordedEvent& event = chunk_[index_++];
    next_ = key_(event) + 1;
    --remaining_;
    wire::ToWire(event, &current_);
    StartWrite(&current_);
  }

  const ReadFn read_;
  const KeyFn key_;
  uint64_t next_;
  uint32_t remaining_;
  std::vector<eventstore::RecordedEvent> chunk_;
  std::size_t index_ = 0;
  v1::Event current_;           // the write in flight
  StreamLimiter::Lease lease_;  // given back in OnDone
};

// Subscribe: one store subscription feeding one stream.
//
// The store's delivery thread hands a batch to OnEvents, which converts it into buffer_, starts
// writing its first event and pauses the subscription; each OnWriteDone writes the next one, and
// the last resumes the subscription. So at most one batch is buffered and only one write is in
// flight. Whoever ends writing (writing_ goes false) while the call is cancelled or the store has
// ended the subscription calls Finish, once (finished_).
//
// Lifetime: gRPC runs OnDone after every reaction (OnWriteDone, OnCancel) has returned; the store's
// handlers are stopped by Subscription::Cancel() in OnCancel and OnDone, which waits for a
// handler still running on the delivery thread, so none touches the reactor after OnDone deletes
// it. Cancel() is never called with mu_ held (the handlers take mu_).
class SubscribeReactor;

}  // namespace

// The open Subscribe streams, so that Shutdown() can end them. A reactor leaves in OnDone, under
// `mu`, so Shutdown never touches a deleted one.
struct EventLogService::Subscribers {
  std::mutex mu;
  std::unordered_set<SubscribeReactor*> live;
  bool closed = false;
};

namespace {

const char kClosingMessage[] = "the event log is closing; resume from the last position seen + 1";

class SubscribeReactor final : public grpc::ServerWriteReactor<v1::Event> {
 public:
  SubscribeReactor(eventstore::EventStore& store, uint64_t from,
                   EventLogService::Subscribers& subscribers, StreamLimiter::Lease lease)
      : subscribers_(subscribers), lease_(std::move(lease)) {
    eventstore::SubscriptionHandlers handlers;
    handlers.on_events = [this](std::span<const eventstore::RecordedEvent> events) {
      return OnEvents(events);
    };
    handlers.on_end = [this](const eventstore::Status& why) { OnEnd(why); };
    // Held so a first batch delivered before subscription_ is set waits for it.
    std::lock_guard lock(mu_);
    subscription_ =
        store.Subscribe(eventstore::Position(std::max<uint64_t>(from, 1)), std::move(handlers));
  }

  void OnWriteDone(bool ok) override {
    const v1::Event* write = nullptr;
    std::optional<grpc::Status> finish;
    {
      std::lock_guard lock(mu_);
      if (!ok) cancelled_ = true;  // the stream is broken: the client went away
      if (cancelled_) {
        writing_ = false;
        finish = TakeFinish(grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled"));
      } else if (++next_ < buffer_.size()) {
        write = &buffer_[next_];
      } else {
        writing_ = false;
        if (end_) {
          finish = TakeFinish(*end_);
        } else {
          subscription_->Resume();  // never blocks; under mu_ so OnCancel cannot finish first
        }
      }
    }
    if (!ok) subscription_->Cancel();
    if (write != nullptr) StartWrite(write);
    if (finish) Finish(*finish);
  }

  void OnCancel() override {
    subscription_->Cancel();  // a gRPC thread: waits for a running handler
    std::optional<grpc::Status> finish;
    {
      std::lock_guard lock(mu_);
      cancelled_ = true;
      if (!writing_) {
        finish = TakeFinish(grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled"));
      }
    }
    if (finish) Finish(*finish);
  }

  void OnDone() override {
    subscription_->Cancel();
    {
      std::lock_guard lock(subscribers_.mu);
      subscribers_.live.erase(this);
    }
    delete this;
  }

  // The service is shutting down (subscribers.mu held): stop following the store and finish
  // UNAVAILABLE once what is buffered has been written.
  void EndForShutdown() {
    subscription_->Cancel();
    OnEnd(eventstore::Status(eventstore::Code::kUnavailable, kClosingMessage));
  }

 private:
  // Delivery thread.
  eventstore::Delivery OnEvents(std::span<const eventstore::RecordedEvent> events) {
    {
      std::lock_guard lock(mu_);
      if (cancelled_ || finished_ || end_) return eventstore::Delivery::kPause;
      // buffer_ is drained (the subscription was paused until it was): reuse its messages.
      buffer_.resize(events.size());
      for (std::size_t i = 0; i < events.size(); ++i) wire::ToWire(events[i], &buffer_[i]);
      next_ = 0;
      writing_ = true;
    }
    // buffer_ is ours until OnWriteDone takes the next one; no lock needed to start the write.
    StartWrite(&buffer_[0]);
    return eventstore::Delivery::kPause;
  }

  // Delivery thread: the store closed (or failed to read).
  void OnEnd(const eventstore::Status& why) {
    std::optional<grpc::Status> finish;
    {
      std::lock_guard lock(mu_);
      if (end_) return;  // already ending
      end_ = why.code() == eventstore::Code::kUnavailable
                 ? grpc::Status(grpc::StatusCode::UNAVAILABLE, kClosingMessage)
                 : FromStore(why);
      if (!writing_) finish = TakeFinish(*end_);
    }
    if (finish) Finish(*finish);
  }

  // mu_ held. The status to finish with, once; nullopt if already finished.
  std::optional<grpc::Status> TakeFinish(grpc::Status status) {
    if (finished_) return std::nullopt;
    finished_ = true;
    return status;
  }

  EventLogService::Subscribers& subscribers_;
  StreamLimiter::Lease lease_;                              // given back in OnDone
  std::unique_ptr<eventstore::Subscription> subscription_;  // set in the constructor, then const

  std::mutex mu_;
  std::vector<v1::Event> buffer_;  // the batch being written
  std::size_t next_ = 0;           // index of the write in flight
  bool writing_ = false;
  bool cancelled_ = false;
  bool finished_ = false;
  std::optional<grpc::Status> end_;  // the store ended the subscription
};

uint64_t PositionOf(const eventstore::RecordedEvent& event) { return event.position.value(); }
uint64_t VersionOf(const eventstore::RecordedEvent& event) { return event.version.value(); }

}  // namespace

EventLogService::EventLogService(eventstore::EventStore& store, const TokenFile* tokens,
                                 std::uint32_t max_streams_per_principal)
    : store_(store),
      tokens_(tokens),
      streams_(max_streams_per_principal),
      subscribers_(std::make_unique<Subscribers>()) {}

EventLogService::~EventLogService() = default;

domain::Result<StreamLimiter::Lease> EventLogService::LeaseStream(
    const grpc::CallbackServerContext& context) {
  domain::Result<Principal> principal = Admit(context, tokens_, Rpc::kEventLogRead);
  if (!principal.ok()) return principal.status();
  return streams_.Acquire(principal->name);
}

void EventLogService::Shutdown() {
  std::lock_guard lock(subscribers_->mu);
  subscribers_->closed = true;
  for (SubscribeReactor* reactor : subscribers_->live) reactor->EndForShutdown();
}

std::size_t EventLogService::subscribers() const {
  std::lock_guard lock(subscribers_->mu);
  return subscribers_->live.size();
}

grpc::ServerWriteReactor<v1::Event>* EventLogService::ReadStream(
    grpc::CallbackServerContext* context, const v1::ReadStreamRequest* request) {
  domain::Result<StreamLimiter::Lease> lease = LeaseStream(*context);
  if (!lease.ok()) return new FinishedReactor(lease.status());
  if (grpc::Status invalid = CheckRequest(*request); !invalid.ok()) {
    return new FinishedReactor(invalid);
  }
  ReadReactor::ReadFn read = [&store = store_, stream = request->stream_id()](
                                 uint64_t from, std::size_t max,
                                 std::vector<eventstore::RecordedEvent>& out) {
    eventstore::Result<std::vector<eventstore::RecordedEvent>> events =
        store.ReadStream(stream, eventstore::StreamVersion(from), max);
    if (!events.ok()) return events.status();
    out = std::move(events).value();
    return eventstore::Status();
  };
  return new ReadReactor(std::move(read), VersionOf, request->from_version(),
                         request->max_count() == 0 ? kDefaultReadCount : request->max_count(),
                         *std::move(lease));
}

grpc::ServerWriteReactor<v1::Event>* EventLogService::ReadAll(grpc::CallbackServerContext* context,
                                                              const v1::ReadAllRequest* request) {
  domain::Result<StreamLimiter::Lease> lease = LeaseStream(*context);
  if (!lease.ok()) return new FinishedReactor(lease.status());
  if (grpc::Status invalid = CheckRequest(*request); !invalid.ok()) {
    return new FinishedReactor(invalid);
  }
  ReadReactor::ReadFn read = [&store = store_](uint64_t from, std::size_t max,
                                               std::vector<eventstore::RecordedEvent>& out) {
    return store.ReadAll(eventstore::Position(from), max, out);
  };
  return new ReadReactor(std::move(read), PositionOf, request->from_position(),
                         request->max_count() == 0 ? kDefaultReadCount : request->max_count(),
                         *std::move(lease));
}

grpc::ServerWriteReactor<v1::Event>* EventLogService::Subscribe(
    grpc::CallbackServerContext* context, const v1::SubscribeRequest* request) {
  domain::Result<StreamLimiter::Lease> lease = LeaseStream(*context);
  if (!lease.ok()) return new FinishedReactor(lease.status());
  std::lock_guard lock(subscribers_->mu);
  if (subscribers_->closed) {
    return new FinishedReactor(grpc::Status(grpc::StatusCode::UNAVAILABLE, kClosingMessage));
  }
  auto* reactor =
      new SubscribeReactor(store_, request->from_position(), *subscribers_, *std::move(lease));
  subscribers_->live.insert(reactor);
  return reactor;
}

grpc::ServerUnaryReactor* EventLogService::GetHead(grpc::CallbackServerContext* context,
                                                   const v1::GetHeadRequest* /*request*/,
                                                   v1::Head* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (grpc::Status admitted = AdmitReader(*context, tokens_); !admitted.ok()) {
    reactor->Finish(admitted);
    return reactor;
  }
  const eventstore::LogHead head = store_.Head();
  response->set_position(head.position.value());
  response->set_hash(head.hash.data(), head.hash.size());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace trygg::api
