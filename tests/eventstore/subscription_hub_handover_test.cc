// The subscription hub's hand-over from catch-up to live, driven deterministically. A subscriber
// that has read everything committed decides to wait for the writer's next notification; a
// commit that lands between its read of the committed position and that decision (its
// notification then finds nobody waiting) must still be delivered, which is what the hub's
// re-check of the committed position before it waits is for. Timing cannot hit that window
// reliably; here the hub's commit source is the test's: it advances the position at exactly that
// moment, from inside the subscriber's own read of it.
//
// Seeing "never delivered" without a timeout: all delivery runs on the hub's one thread, each
// subscription taking turns through its queue. A probe subscription is started in the window; its
// second batch is queued behind whatever the subscriber's hand-over queued. So when the probe
// sees its second batch, a subscriber that re-checked has had its turn and has the new event; one
// that went to wait does not.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "db.h"
#include "gtest/gtest.h"
#include "reader.h"
#include "subscription_hub.h"
#include "testutil/eventstore_util.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {
namespace {

constexpr uint64_t kCaughtUpTo = 3;  // what is committed when the subscriber starts
constexpr uint64_t kStored = 5;      // records in the store; the source reveals them one by one

class HandoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto store = ::trygg::testing::OpenStore(dir_.path() / "store");
      ASSERT_NE(store, nullptr);
      for (uint64_t i = 0; i < kStored; ++i)
        ASSERT_TRUE(store->Append(::trygg::testing::Request("s")).ok());
    }
    auto db = Db::Open(dir_.path() / "store", Options{});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    reader_.emplace(*db_);
  }

  // Runs the hand-over with a commit landing in the window; `notify` says whether that commit's
  // notification also arrives in the window (the writer notifies right after it commits) or not
  // at all. Returns the positions the subscriber had received when the probe's second batch came.
  std::vector<uint64_t> Handover(bool notify) {
    SubscriptionHub hub(*reader_, [&] { return Committed(hub, notify); });
    SubscriptionHandlers handlers;
    handlers.on_events = [this](std::span<const RecordedEvent> events) {
      std::lock_guard lock(mu_);
      for (const RecordedEvent& e : events) delivered_.push_back(e.position.value());
      return Delivery::kContinue;
    };
    std::unique_ptr<Subscription> subscription = hub.Subscribe(Position(1), handlers);
    std::unique_lock lock(mu_);
    EXPECT_TRUE(cv_.wait_for(lock, ::trygg::testing::kDeadline, [&] { return seen_.has_value(); }))
        << "the probe never received its second batch";
    std::vector<uint64_t> seen = seen_.value_or(std::vector<uint64_t>{});
    lock.unlock();
    subscription.reset();
    probe_.reset();
    hub.Close();
    return seen;
  }

 private:
  // The hub's commit source, called on its delivery thread. The hub is called (Notify, Subscribe)
  // after mu_ is released: the hub calls this source under a subscription's own lock, so calling
  // back into the hub under mu_ would take the two locks in both orders.
  Position Committed(SubscriptionHub& hub, bool notify) {
    uint64_t committed = 0;
    bool lands_now = false;
    {
      std::lock_guard lock(mu_);
      committed = committed_;
      // The subscriber has everything committed and is reading the position to decide whether
      // to wait: a commit lands now.
      if (!landed_ && !delivered_.empty() && delivered_.back() == kCaughtUpTo) {
        landed_ = lands_now = true;
        committed_ = kCaughtUpTo + 1;
      }
    }
    if (lands_now) {
      if (notify) hub.Notify();
      SubscriptionHandlers probe;
      probe.on_events = [this](std::span<const RecordedEvent> events) {
        std::lock_guard probe_lock(mu_);
        if (events.front().position.value() == kCaughtUpTo + 1) {
          committed_ = kCaughtUpTo + 2;  // the probe's next batch, queued behind the subscriber
        } else {
          seen_ = delivered_;
          cv_.notify_all();
        }
        return Delivery::kContinue;
      };
      std::unique_ptr<Subscription> subscribed = hub.Subscribe(Position(kCaughtUpTo + 1), probe);
      std::lock_guard lock(mu_);
      probe_ = std::move(subscribed);
    }
    return Position(committed);
  }

  ::trygg::testing::TempDir dir_;
  std::unique_ptr<Db> db_;
  std::optional<Reader> reader_;

  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t committed_ = kCaughtUpTo;
  bool landed_ = false;
  std::vector<uint64_t> delivered_;  // to the subscriber
  std::unique_ptr<Subscription> probe_;
  std::optional<std::vector<uint64_t>> seen_;
};

TEST_F(HandoverTest, CommitNotifiedBetweenCatchUpAndWaitIsDelivered) {
  EXPECT_EQ(Handover(/*notify=*/true), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

TEST_F(HandoverTest, CommitNotYetNotifiedBetweenCatchUpAndWaitIsDelivered) {
  EXPECT_EQ(Handover(/*notify=*/false), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace trygg::eventstore
