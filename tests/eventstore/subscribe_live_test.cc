// Subscriptions while several threads append: every event exactly once, in order, from the start
// position on, also across pauses, cancels and subscriptions coming and going.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
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

// Writer threads appending 1-3 events at a time to a few streams.
class Writers {
 public:
  Writers(EventStore& store, std::size_t threads, std::size_t appends_each, uint32_t seed)
      : store_(store) {
    for (std::size_t t = 0; t < threads; ++t) {
      threads_.emplace_back([this, t, appends_each, seed] {
        std::mt19937 rng(seed + static_cast<uint32_t>(t));
        for (std::size_t seq = 0; seq < appends_each; ++seq) {
          AppendRequest request;
          request.stream_id = "stream-" + std::to_string(rng() % 5);
          const std::size_t n = 1 + rng() % 3;
          for (std::size_t i = 0; i < n; ++i) {
            EventData event;
            event.type = "t";
            event.payload = std::to_string(t) + "/" + std::to_string(seq) + "/" + std::to_string(i);
            request.events.push_back(std::move(event));
          }
          Result<AppendResult> r = store_.Append(std::move(request));
          std::lock_guard<std::mutex> lock(mu_);
          if (r.ok()) {
            ++appends_;
          } else {
            failure_ = r.status().ToString();
          }
          cv_.notify_all();
        }
      });
    }
  }
  ~Writers() { Join(); }

  bool WaitForAppends(std::size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kConcurrentDeadline,
                        [&] { return appends_ >= n || !failure_.empty(); });
  }
  void Join() {
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }
  std::string failure() {
    std::lock_guard<std::mutex> lock(mu_);
    return failure_;
  }

 private:
  EventStore& store_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t appends_ = 0;
  std::string failure_;
  std::vector<std::thread> threads_;
};

// Checks order as events arrive; records everything for comparison with the log.
class LiveCollector {
 public:
  explicit LiveCollector(uint64_t from) : next_(std::max<uint64_t>(from, 1)) {}

  // Return kPause on every `pause_every`-th call (0: never). Set before subscribing.
  std::size_t pause_every = 0;

  SubscriptionHandlers Handlers() {
    SubscriptionHandlers handlers;
    handlers.on_events = [this](std::span<const RecordedEvent> events) { return OnEvents(events); };
    handlers.on_end = [this](const Status& why) {
      std::lock_guard<std::mutex> lock(mu_);
      end_ = why;
      cv_.notify_all();
    };
    return handlers;
  }

  void MarkCancelled() { cancelled_.store(true); }

  // Waits until position `last` has arrived (or something went wrong).
  bool WaitForPosition(uint64_t last) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kConcurrentDeadline,
                        [&] { return next_ > last || !problem_.empty() || end_.has_value(); });
  }
  bool WaitForEvents(std::size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kConcurrentDeadline, [&] {
      return events_.size() >= n || !problem_.empty() || end_.has_value();
    });
  }
  // Waits until the handler has returned kPause, up to `timeout`; clears the flag.
  bool WaitForPause(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    const bool paused = cv_.wait_for(lock, timeout, [&] { return paused_; });
    paused_ = false;
    return paused;
  }

  std::vector<RecordedEvent> events() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  std::string problem() const {
    std::lock_guard<std::mutex> lock(mu_);
    return problem_;
  }
  std::optional<Status> end() const {
    std::lock_guard<std::mutex> lock(mu_);
    return end_;
  }
  uint64_t next() const {
    std::lock_guard<std::mutex> lock(mu_);
    return next_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_.size();
  }

 private:
  Delivery OnEvents(std::span<const RecordedEvent> events) {
    const bool overlapping = in_handler_.exchange(true);
    std::lock_guard<std::mutex> lock(mu_);
    if (overlapping && problem_.empty()) problem_ = "handler called concurrently";
    if (cancelled_.load() && problem_.empty()) problem_ = "handler called after Cancel returned";
    if (events.size() > kMaxSubscriptionBatch && problem_.empty()) {
      problem_ = "batch of " + std::to_string(events.size());
    }
    for (const RecordedEvent& e : events) {
      if (e.position.value() != next_ && problem_.empty()) {
        problem_ = "expected position " + std::to_string(next_) + ", got " +
                   std::to_string(e.position.value());
      }
      next_ = e.position.value() + 1;
      events_.push_back(e);
    }
    ++calls_;
    Delivery result = Delivery::kContinue;
    if (pause_every != 0 && calls_ % pause_every == 0) {
      result = Delivery::kPause;
      paused_ = true;
    }
    in_handler_.store(false);
    cv_.notify_all();
    return result;
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_;
  std::vector<RecordedEvent> events_;
  std::size_t calls_ = 0;
  bool paused_ = false;
  std::string problem_;
  std::optional<Status> end_;
  std::atomic<bool> in_handler_{false};
  std::atomic<bool> cancelled_{false};
};

// The collector holds exactly positions from..last, equal to the stored records.
void ExpectReceived(const EventStore& store, const LiveCollector& c, uint64_t from, uint64_t last) {
  ASSERT_EQ(c.problem(), "");
  std::vector<RecordedEvent> got = c.events();
  ASSERT_EQ(got.size(), last + 1 - from) << "from " << from << " to " << last;
  for (std::size_t i = 0; i < got.size();) {
    Result<std::vector<RecordedEvent>> stored = store.ReadAll(Position(from + i), 1000);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    ASSERT_FALSE(stored->empty());
    for (const RecordedEvent& e : *stored) {
      if (i >= got.size()) break;
      ASSERT_TRUE(got[i] == e) << "position " << e.position.value() << " differs from the log";
      ++i;
    }
  }
}

TEST(SubscribeLiveTest, SubscribersStartedMidwayReceiveEveryEventExactlyOnceInOrder) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  std::mt19937 rng(seed);
  TempDir dir;
  std::vector<std::unique_ptr<LiveCollector>> collectors;  // outlive the store
  std::vector<uint64_t> starts;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  std::vector<std::unique_ptr<Subscription>> subs;
  {
    Writers writers(*store, 4, 80, seed);
    ASSERT_TRUE(writers.WaitForAppends(60)) << writers.failure();
    const uint64_t head = store->Head().position.value();
    ASSERT_GT(head, 0u);
    starts = {1, 1 + rng() % head, head, head + 1, head + 50};
    for (uint64_t start : starts) {
      collectors.push_back(std::make_unique<LiveCollector>(start));
      subs.push_back(store->Subscribe(Position(start), collectors.back()->Handlers()));
    }
    writers.Join();
    ASSERT_EQ(writers.failure(), "");
  }
  const uint64_t last = store->Head().position.value();
  ASSERT_GT(last, starts[4]) << "the writers wrote too little for this test";
  for (std::size_t i = 0; i < collectors.size(); ++i) {
    SCOPED_TRACE("subscriber from " + std::to_string(starts[i]));
    ASSERT_TRUE(collectors[i]->WaitForPosition(last))
        << "stuck before position " << collectors[i]->next() << " of " << last;
    ExpectReceived(*store, *collectors[i], starts[i], last);
    EXPECT_FALSE(collectors[i]->end().has_value());
  }
  subs.clear();
}

TEST(SubscribeLiveTest, PausingSubscriberResumedFromAnotherThread) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  TempDir dir;
  LiveCollector c(1);
  c.pause_every = 2;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::unique_ptr<Subscription> sub = store->Subscribe(Position(1), c.Handlers());

  std::atomic<bool> stop{false};
  std::thread resumer([&] {
    while (!stop.load()) {
      // Resume after each pause. The handler flags the pause before it returns kPause, so this
      // Resume often races with the return: the contract says it still counts. The timeout only
      // lets the loop notice `stop`.
      if (c.WaitForPause(std::chrono::milliseconds(20))) sub->Resume();
    }
  });
  {
    Writers writers(*store, 4, 60, seed);
    writers.Join();
    ASSERT_EQ(writers.failure(), "");
  }
  const uint64_t last = store->Head().position.value();
  const bool arrived = c.WaitForPosition(last);
  stop.store(true);
  resumer.join();
  ASSERT_TRUE(arrived) << "stuck before position " << c.next() << " of " << last;
  ExpectReceived(*store, c, 1, last);
  sub.reset();
}

TEST(SubscribeLiveTest, CancelWhileWritersAppend) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  constexpr std::size_t kSubscribers = 4;
  TempDir dir;
  std::vector<std::unique_ptr<LiveCollector>> collectors;
  for (std::size_t i = 0; i < kSubscribers; ++i) collectors.push_back(std::make_unique<LiveCollector>(1));
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<std::unique_ptr<Subscription>> subs;
  for (std::size_t i = 0; i < kSubscribers; ++i) {
    subs.push_back(store->Subscribe(Position(1), collectors[i]->Handlers()));
  }
  {
    Writers writers(*store, 4, 60, seed);
    for (std::size_t i = 0; i < kSubscribers; ++i) {
      // Cancel subscriber i once it has seen some events, while the writers keep going.
      ASSERT_TRUE(collectors[i]->WaitForEvents(10 * (i + 1)));
      if (i % 2 == 0) {
        subs[i]->Cancel();
      } else {
        subs[i].reset();  // destroying cancels too
      }
      collectors[i]->MarkCancelled();
    }
    writers.Join();
    ASSERT_EQ(writers.failure(), "");
  }
  // One more commit after every writer: a handler call after Cancel would have had its chance.
  AppendRequest request;
  request.stream_id = "last";
  request.events.push_back(EventData{.type = "t", .payload = "p", .metadata = {}});
  ASSERT_THAT(store->Append(std::move(request)), IsOk());
  store.reset();
  for (std::size_t i = 0; i < kSubscribers; ++i) {
    SCOPED_TRACE("subscriber " + std::to_string(i));
    EXPECT_EQ(collectors[i]->problem(), "");
    EXPECT_FALSE(collectors[i]->end().has_value()) << "on_end after Cancel";
    const std::size_t got = collectors[i]->size();
    EXPECT_GE(got, 10 * (i + 1));
    EXPECT_EQ(collectors[i]->next(), got + 1) << "a gap-free prefix from position 1";
  }
  subs.clear();
}

TEST(SubscribeLiveTest, SubscriptionsComingAndGoingDuringWrites) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays)");
  std::mt19937 rng(seed);
  TempDir dir;
  std::vector<std::unique_ptr<LiveCollector>> collectors;
  std::vector<uint64_t> starts;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  {
    Writers writers(*store, 3, 80, seed);
    ASSERT_TRUE(writers.WaitForAppends(10)) << writers.failure();
    for (int round = 0; round < 12; ++round) {
      const uint64_t head = store->Head().position.value();
      const uint64_t start = 1 + rng() % (head + 5);
      collectors.push_back(std::make_unique<LiveCollector>(start));
      starts.push_back(start);
      std::unique_ptr<Subscription> sub = store->Subscribe(Position(start), collectors.back()->Handlers());
      // Until it has a few events, or the writers are done and its start is beyond the log.
      const std::size_t want = start <= head ? std::min<uint64_t>(5, head + 1 - start) : 0;
      ASSERT_TRUE(collectors.back()->WaitForEvents(want));
      sub.reset();
      collectors.back()->MarkCancelled();
    }
    writers.Join();
    ASSERT_EQ(writers.failure(), "");
  }
  for (std::size_t i = 0; i < collectors.size(); ++i) {
    SCOPED_TRACE("subscriber from " + std::to_string(starts[i]));
    EXPECT_EQ(collectors[i]->problem(), "");
    const std::vector<RecordedEvent> got = collectors[i]->events();
    if (!got.empty()) {
      EXPECT_EQ(got.front().position.value(), starts[i]);
      ExpectReceived(*store, *collectors[i], starts[i], got.back().position.value());
    }
  }
}

}  // namespace
}  // namespace trygg::eventstore
