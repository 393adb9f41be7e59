// Subscriptions: catch-up then live, start positions, pause/resume, cancel, the store closing,
// and batch sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/

// n events of type "t" with payloads <tag>0, <tag>1, ...
AppendRequest Events(std::string stream_id, std::size_t n, const std::string& tag = "e") {
  std::vector<EventData> events;
  for (std::size_t i = 0; i < n; ++i) events.push_back(Event("t", tag + std::to_string(i)));
  return Request(std::move(stream_id), std::move(events));
}

// Appends n single-event appends, alternating between two streams.
void AppendSome(EventStore& store, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    Result<AppendResult> r = store.Append(Events(i % 2 == 0 ? "even" : "odd", 1));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
}

// Records what a subscription delivers. Must outlive the subscription.
class Collector {
 public:
  // Decides what each call returns, by its 0-based index. Set before subscribing.
  std::function<Delivery(std::size_t call)> policy = [](std::size_t) {
    return Delivery::kContinue;
  };
  // Cancel the subscription from inside the handler on this call (0-based).
  std::optional<std::size_t> cancel_on_call;
  // Set once Subscribe has returned; used by cancel_on_call.
  std::atomic<Subscription*> self{nullptr};

  SubscriptionHandlers Handlers() {
    SubscriptionHandlers handlers;
    handlers.on_events = [this](std::span<const RecordedEvent> events) { return OnEvents(events); };
    handlers.on_end = [this](const Status& why) {
      std::lock_guard<std::mutex> lock(mu_);
      ++ends_;
      end_ = why;
      cv_.notify_all();
    };
    return handlers;
  }

  // Call after Cancel() has returned: any later handler call is a violation.
  void MarkCancelled() { cancelled_.store(true); }

  bool WaitForEvents(std::size_t n, std::chrono::milliseconds timeout = kDeadline) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return events_.size() >= n; });
  }
  bool WaitForCalls(std::size_t n, std::chrono::milliseconds timeout = kDeadline) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return calls_ >= n; });
  }
  bool WaitForEnd() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] { return ends_ > 0; });
  }

  std::vector<RecordedEvent> events() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_.size();
  }
  std::size_t calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  std::size_t max_batch() const {
    std::lock_guard<std::mutex> lock(mu_);
    return max_batch_;
  }
  int ends() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ends_;
  }
  std::optional<Status> end() const {
    std::lock_guard<std::mutex> lock(mu_);
    return end_;
  }
  bool overlapped() const { return overlapped_.load(); }
  bool called_after_cancel() const { return called_after_cancel_.load(); }

 private:
  Delivery OnEvents(std::span<const RecordedEvent> events) {
    if (in_handler_.exchange(true)) overlapped_.store(true);
    if (cancelled_.load()) called_after_cancel_.store(true);
    std::size_t call = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      call = calls_;
      events_.insert(events_.end(), events.begin(), events.end());
      max_batch_ = std::max(max_batch_, events.size());
    }
    Delivery next = policy(call);
    if (cancel_on_call == call) {
      Subscription* sub = self.load();
      if (sub != nullptr) sub->Cancel();
      cancelled_.store(true);
    }
    in_handler_.store(false);
    {
      // Counted last, so a waiter that sees the call also sees it finished.
      std::lock_guard<std::mutex> lock(mu_);
      ++calls_;
      cv_.notify_all();
    }
    return next;
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<RecordedEvent> events_;
  std::size_t calls_ = 0;
  std::size_t max_batch_ = 0;
  int ends_ = 0;
  std::optional<Status> end_;
  std::atomic<bool> in_handler_{false};
  std::atomic<bool> overlapped_{false};
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> called_after_cancel_{false};
};

// Positions first, first+1, ..., each exactly once.
void ExpectPositions(const std::vector<RecordedEvent>& events, uint64_t first, uint64_t last) {
  ASSERT_EQ(events.size(), last + 1 - first) << "expected positions " << first << ".." << last;
  for (std::size_t i = 0; i < events.size(); ++i) {
    ASSERT_EQ(events[i].position.value(), first + i) << "index " << i;
  }
}

// The delivered events equal what ReadAll returns for the same positions.
void ExpectSameAsStored(const EventStore& store, const std::vector<RecordedEvent>& events) {
  if (events.empty()) return;
  Result<std::vector<RecordedEvent>> stored =
      store.ReadAll(events.front().position, events.size());
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_TRUE(events[i] == (*stored)[i]) << "position " << events[i].position.value();
  }
}

// One Resume(), then wait until the collector has seen `calls` handler calls. The handler call
// that returned kPause may still be returning: a Resume() that arrives meanwhile must count.
bool ResumeUntilCalls(Subscription& sub, Collector& c, std::size_t calls) {
  sub.Resume();
  return c.WaitForCalls(calls);
}

// Each test starts with an empty store, open in its own directory.
class SubscribeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore(dir_.path());
    ASSERT_NE(store_, nullptr);
  }

  // The collector got exactly positions first..last, each equal to the stored event.
  void ExpectDelivered(const Collector& c, uint64_t first, uint64_t last) {
    const std::vector<RecordedEvent> got = c.events();
    ExpectPositions(got, first, last);
    ExpectSameAsStored(*store_, got);
  }

  TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(SubscribeTest, CatchesUpThenReceivesLiveEventsExactlyOnce) {
  Collector c;
  AppendSome(*store_, 10);

  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_NE(sub, nullptr);
  ASSERT_TRUE(c.WaitForEvents(10)) << "got " << c.size();
  AppendSome(*store_, 5);
  ASSERT_THAT(store_->Append(Events("multi", 3)), IsOk());
  ASSERT_TRUE(c.WaitForEvents(18)) << "got " << c.size();
  // One more, so a duplicate of anything before it would show up in the count.
  AppendSome(*store_, 1);
  ASSERT_TRUE(c.WaitForEvents(19)) << "got " << c.size();

  ExpectDelivered(c, 1, 19);
  EXPECT_FALSE(c.overlapped());
  EXPECT_EQ(c.ends(), 0);
}

TEST_F(SubscribeTest, FromAMiddlePosition) {
  Collector c;
  AppendSome(*store_, 10);
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(6), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(5)) << "got " << c.size();
  AppendSome(*store_, 3);
  ASSERT_TRUE(c.WaitForEvents(8)) << "got " << c.size();
  ExpectDelivered(c, 6, 13);
}

TEST_F(SubscribeTest, FromTheHeadItselfDeliversTheHeadEvent) {
  Collector c;
  AppendSome(*store_, 4);
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(4), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(1));
  AppendSome(*store_, 2);
  ASSERT_TRUE(c.WaitForEvents(3));
  ExpectPositions(c.events(), 4, 6);
}

TEST_F(SubscribeTest, FromBeyondTheHeadGetsOnlyNewEvents) {
  Collector next;
  Collector later;
  AppendSome(*store_, 5);
  std::unique_ptr<Subscription> sub_next = store_->Subscribe(Position(6), next.Handlers());
  std::unique_ptr<Subscription> sub_later = store_->Subscribe(Position(9), later.Handlers());
  AppendSome(*store_, 6);  // positions 6..11
  ASSERT_TRUE(next.WaitForEvents(6)) << "got " << next.size();
  ASSERT_TRUE(later.WaitForEvents(3)) << "got " << later.size();
  ExpectDelivered(next, 6, 11);
  ExpectPositions(later.events(), 9, 11);
}

TEST_F(SubscribeTest, OnAnEmptyStoreFromPositionOne) {
  Collector c;
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  AppendSome(*store_, 3);
  ASSERT_TRUE(c.WaitForEvents(3));
  ExpectPositions(c.events(), 1, 3);
}

TEST_F(SubscribeTest, FromPositionZeroDeliversEverything) {
  // "every event with position >= from": 0 is before the first event.
  Collector c;
  AppendSome(*store_, 3);
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(0), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(3)) << "got " << c.size() << (c.end() ? " end: " + c.end()->ToString() : "");
  ExpectPositions(c.events(), 1, 3);
}

TEST_F(SubscribeTest, PauseStopsDeliveryUntilResume) {
  Collector paused;
  Collector witness;
  AppendSome(*store_, 3);
  paused.policy = [](std::size_t call) { return call == 0 ? Delivery::kPause : Delivery::kContinue; };

  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), paused.Handlers());
  std::unique_ptr<Subscription> sub_witness = store_->Subscribe(Position(1), witness.Handlers());
  ASSERT_TRUE(paused.WaitForCalls(1));
  const std::size_t first_batch = paused.size();
  ASSERT_GE(first_batch, 1u);

  AppendSome(*store_, 5);
  // The witness has all 8, so they were there to deliver; the paused one got nothing more.
  ASSERT_TRUE(witness.WaitForEvents(8));
  EXPECT_EQ(paused.calls(), 1u) << "delivered while paused";
  EXPECT_EQ(paused.size(), first_batch);

  ASSERT_TRUE(ResumeUntilCalls(*sub, paused, 2)) << "Resume() did not restart delivery";
  ASSERT_TRUE(paused.WaitForEvents(8)) << "got " << paused.size();
  AppendSome(*store_, 2);
  ASSERT_TRUE(paused.WaitForEvents(10)) << "got " << paused.size();
  ExpectPositions(paused.events(), 1, 10);
  EXPECT_FALSE(paused.overlapped());
}

TEST_F(SubscribeTest, PauseAfterEveryBatch) {
  Collector c;
  // More than three batches' worth.
  ASSERT_THAT(store_->Append(Events("s", 1000)), IsOk());
  c.policy = [](std::size_t) { return Delivery::kPause; };
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_TRUE(c.WaitForCalls(1));
  while (c.size() < 1000) {
    ASSERT_TRUE(ResumeUntilCalls(*sub, c, c.calls() + 1)) << "stuck at " << c.size() << " events";
  }
  ExpectPositions(c.events(), 1, 1000);
  EXPECT_GE(c.calls(), 1000 / kMaxSubscriptionBatch);
}

TEST_F(SubscribeTest, CancelStopsDelivery) {
  Collector c;
  Collector witness;
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  std::unique_ptr<Subscription> sub_witness = store_->Subscribe(Position(1), witness.Handlers());
  AppendSome(*store_, 3);
  ASSERT_TRUE(c.WaitForEvents(3));

  sub->Cancel();
  c.MarkCancelled();
  const std::size_t calls = c.calls();
  AppendSome(*store_, 4);
  ASSERT_TRUE(witness.WaitForEvents(7));
  EXPECT_EQ(c.calls(), calls);
  EXPECT_EQ(c.size(), 3u);
  EXPECT_FALSE(c.called_after_cancel());

  sub->Cancel();  // idempotent
  sub->Resume();  // harmless after Cancel
  sub.reset();
  store_.reset();
  EXPECT_EQ(c.ends(), 0) << "on_end after Cancel() returned";
  EXPECT_FALSE(c.called_after_cancel());
  ASSERT_TRUE(witness.WaitForEnd());
}

TEST_F(SubscribeTest, CancelDuringCatchUpStopsDelivery) {
  Collector c;
  ASSERT_THAT(store_->Append(Events("s", 1000)), IsOk());
  ASSERT_THAT(store_->Append(Events("s", 1000)), IsOk());
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  sub->Cancel();
  c.MarkCancelled();
  const std::vector<RecordedEvent> got = c.events();
  // Whatever arrived before Cancel is a gap-free prefix.
  if (!got.empty()) ExpectPositions(got, 1, got.size());
  AppendSome(*store_, 1);
  store_.reset();
  EXPECT_FALSE(c.called_after_cancel());
  EXPECT_EQ(c.size(), got.size());
  EXPECT_EQ(c.ends(), 0);
}

TEST_F(SubscribeTest, DestroyingTheSubscriptionCancelsIt) {
  Collector c;
  Collector witness;
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  std::unique_ptr<Subscription> sub_witness = store_->Subscribe(Position(1), witness.Handlers());
  AppendSome(*store_, 2);
  ASSERT_TRUE(c.WaitForEvents(2));
  sub.reset();
  c.MarkCancelled();
  AppendSome(*store_, 2);
  ASSERT_TRUE(witness.WaitForEvents(4));
  EXPECT_FALSE(c.called_after_cancel());
  EXPECT_EQ(c.size(), 2u);
}

TEST_F(SubscribeTest, CancelFromInsideTheHandler) {
  Collector c;
  Collector witness;
  c.cancel_on_call = 0;
  // Subscribed on an empty store, so no call can come before `self` is set.
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  c.self.store(sub.get());
  std::unique_ptr<Subscription> sub_witness = store_->Subscribe(Position(1), witness.Handlers());

  AppendSome(*store_, 1);
  ASSERT_TRUE(c.WaitForCalls(1)) << "the handler that cancels was never called";
  AppendSome(*store_, 5);
  ASSERT_TRUE(witness.WaitForEvents(6));
  EXPECT_EQ(c.calls(), 1u) << "delivered after Cancel() from inside the handler";
  EXPECT_FALSE(c.called_after_cancel());
  EXPECT_EQ(c.size(), 1u);

  store_.reset();
  EXPECT_EQ(c.ends(), 0) << "on_end after Cancel()";
  sub.reset();
}

TEST_F(SubscribeTest, ClosingTheStoreEndsTheSubscriptionWithUnavailable) {
  Collector c;
  std::unique_ptr<Subscription> sub;  // outlives the store
  AppendSome(*store_, 3);
  sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(3));
  store_.reset();
  ASSERT_TRUE(c.WaitForEnd()) << "on_end not called when the store closed";
  std::optional<Status> why = c.end();
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->code(), Code::kUnavailable) << why->ToString();
  EXPECT_EQ(c.ends(), 1);
  EXPECT_EQ(c.size(), 3u);
  // The orphaned subscription stays usable as an object.
  sub->Cancel();
  sub.reset();
  EXPECT_EQ(c.ends(), 1);
}

TEST_F(SubscribeTest, ClosingTheStoreEndsAPausedSubscription) {
  Collector c;
  c.policy = [](std::size_t) { return Delivery::kPause; };
  std::unique_ptr<Subscription> sub;
  AppendSome(*store_, 3);
  sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_TRUE(c.WaitForCalls(1));
  AppendSome(*store_, 3);
  store_.reset();
  ASSERT_TRUE(c.WaitForEnd()) << "a paused subscription was not ended when the store closed";
  ASSERT_TRUE(c.end().has_value());
  EXPECT_EQ(c.end()->code(), Code::kUnavailable) << c.end()->ToString();
  sub.reset();
}

TEST_F(SubscribeTest, ClosingTheStoreWithoutAnOnEndHandler) {
  Collector c;
  std::unique_ptr<Subscription> sub;
  SubscriptionHandlers handlers = c.Handlers();
  handlers.on_end = nullptr;
  sub = store_->Subscribe(Position(1), std::move(handlers));
  AppendSome(*store_, 2);
  ASSERT_TRUE(c.WaitForEvents(2));
  store_.reset();
  sub.reset();
  EXPECT_EQ(c.size(), 2u);
}

TEST_F(SubscribeTest, DestroyingTheSubscriptionBeforeTheStore) {
  Collector c;
  AppendSome(*store_, 2);
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(2));
  sub.reset();
  store_.reset();
  EXPECT_EQ(c.ends(), 0) << "on_end for a subscription destroyed (cancelled) before the store";
}

TEST_F(SubscribeTest, BatchesAreAtMostMaxSubscriptionBatch) {
  Collector c;
  ASSERT_THAT(store_->Append(Events("s", kMaxEventsPerAppend)), IsOk());  // catch-up
  std::unique_ptr<Subscription> sub = store_->Subscribe(Position(1), c.Handlers());
  ASSERT_TRUE(c.WaitForEvents(kMaxEventsPerAppend));
  ASSERT_THAT(store_->Append(Events("s", kMaxEventsPerAppend)), IsOk());  // live, one commit
  ASSERT_TRUE(c.WaitForEvents(2 * kMaxEventsPerAppend)) << "got " << c.size();
  EXPECT_LE(c.max_batch(), kMaxSubscriptionBatch);
  EXPECT_GE(c.calls(), 2 * kMaxEventsPerAppend / kMaxSubscriptionBatch);
  ExpectPositions(c.events(), 1, 2 * kMaxEventsPerAppend);
}

TEST_F(SubscribeTest, ManySubscribersEachGetEverything) {
  constexpr std::size_t kSubscribers = 8;
  std::vector<std::unique_ptr<Collector>> collectors;
  for (std::size_t i = 0; i < kSubscribers; ++i) collectors.push_back(std::make_unique<Collector>());
  AppendSome(*store_, 20);
  std::vector<std::unique_ptr<Subscription>> subs;
  for (std::size_t i = 0; i < kSubscribers; ++i) {
    subs.push_back(store_->Subscribe(Position(1 + i), collectors[i]->Handlers()));
  }
  AppendSome(*store_, 20);
  for (std::size_t i = 0; i < kSubscribers; ++i) {
    SCOPED_TRACE("subscriber " + std::to_string(i));
    ASSERT_TRUE(collectors[i]->WaitForEvents(40 - i));
    ExpectPositions(collectors[i]->events(), 1 + i, 40);
  }
  subs.clear();
}

}  // namespace
}  // namespace trygg::eventstore
