// Append: positions, stream versions, expected versions, timestamps, metadata, the hash chain,
// and what survives closing and reopening the store.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
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

AppendRequest One(std::string stream_id, std::string payload = "x",
                  ExpectedVersion expected = ExpectedVersion::Any()) {
  return Request(std::move(stream_id), expected, {Event("test.Happened", std::move(payload))});
}

std::vector<RecordedEvent> StreamEvents(const EventStore& store, std::string_view stream) {
  Result<std::vector<RecordedEvent>> events = store.ReadStream(stream, StreamVersion(1), 10000);
  if (!events.ok()) {
    ADD_FAILURE() << "ReadStream(" << stream << "): " << events.status().ToString();
    return {};
  }
  return std::move(events).value();
}

Timestamp Micros(int64_t us) { return Timestamp(std::chrono::microseconds(us)); }
int64_t MicrosOf(Timestamp t) { return t.time_since_epoch().count(); }

// A clock the test moves by hand. Read on the store's writer thread.
class ManualClock {
 public:
  explicit ManualClock(int64_t start_us) : now_us_(start_us) {}
  void Set(int64_t us) { now_us_.store(us); }
  std::function<Timestamp()> AsFunction() {
    return [this] { return Micros(now_us_.load()); };
  }

 private:
  std::atomic<int64_t> now_us_;
};

TEST(AppendTest, PositionsStartAtOneAndAreGapFreeAcrossStreams) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  const std::vector<std::string> streams = {"a", "b", "a", "c", "b", "a"};
  for (std::size_t i = 0; i < streams.size(); ++i) {
    Result<AppendResult> r = store->Append(One(streams[i], "p" + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->first_position.value(), i + 1);
    EXPECT_EQ(r->last_position.value(), i + 1);
  }
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), streams.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].position.value(), i + 1);
    EXPECT_EQ(all[i].stream_id, streams[i]);
    EXPECT_EQ(all[i].payload, "p" + std::to_string(i));
  }
  EXPECT_EQ(store->Head().position.value(), streams.size());
}

TEST(AppendTest, StreamVersionsStartAtOnePerStream) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  const std::vector<std::string> streams = {"a", "b", "a", "c", "b", "a"};
  const std::vector<uint64_t> expected_versions = {1, 1, 2, 1, 2, 3};
  for (std::size_t i = 0; i < streams.size(); ++i) {
    Result<AppendResult> r = store->Append(One(streams[i]));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->stream_version.value(), expected_versions[i]) << "append " << i;
  }
  EXPECT_EQ(store->StreamHead("a")->value(), 3u);
  EXPECT_EQ(store->StreamHead("b")->value(), 2u);
  EXPECT_EQ(store->StreamHead("c")->value(), 1u);
  EXPECT_EQ(store->StreamHead("d")->value(), 0u);

  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), streams.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version.value(), expected_versions[i]) << "position " << i + 1;
  }
  std::vector<RecordedEvent> a = StreamEvents(*store, "a");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].position.value(), 1u);
  EXPECT_EQ(a[1].position.value(), 3u);
  EXPECT_EQ(a[2].position.value(), 6u);
}

TEST(AppendTest, MultiEventAppendIsContiguous) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  ASSERT_THAT(store->Append(One("other")), IsOk());
  Result<AppendResult> r = store->Append(Request(
      "s", ExpectedVersion::Any(),
      {Event("t.One", "1"), Event("t.Two", "2"), Event("t.Three", "3"), Event("t.Four", "4")}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first_position.value(), 2u);
  EXPECT_EQ(r->last_position.value(), 5u);
  EXPECT_EQ(r->stream_version.value(), 4u);
  EXPECT_FALSE(r->deduplicated);
  ASSERT_THAT(store->Append(One("other")), IsOk());

  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 6u);
  const std::vector<std::string> types = {"t.One", "t.Two", "t.Three", "t.Four"};
  for (std::size_t i = 0; i < 4; ++i) {
    const RecordedEvent& e = all[i + 1];
    EXPECT_EQ(e.stream_id, "s");
    EXPECT_EQ(e.position.value(), i + 2);
    EXPECT_EQ(e.version.value(), i + 1);
    EXPECT_EQ(e.type, types[i]);
    EXPECT_EQ(e.payload, std::to_string(i + 1));
    // One append commits at one instant.
    EXPECT_EQ(e.recorded_at, all[1].recorded_at);
  }
  EXPECT_EQ(all[5].stream_id, "other");
  EXPECT_EQ(all[5].version.value(), 2u);
}

TEST(AppendTest, MultiEventAppendWithOneInvalidEventWritesNothing) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("s")), IsOk());
  const Snapshot before = Take(*store);

  Result<AppendResult> r = store->Append(Request(
      "s", ExpectedVersion::Any(), {Event("t.Ok", "1"), Event("t.Ok", "2"), Event("", "3")}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
  EXPECT_TRUE(Take(*store) == before);
  EXPECT_EQ(store->StreamHead("s")->value(), 1u);
}

TEST(AppendTest, AppendResultDescribesWhatWasWritten) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  Result<AppendResult> first =
      store->Append(Request("s", ExpectedVersion::NoStream(), {Event("t", "a"), Event("t", "b")}));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->first_position.value(), 1u);
  EXPECT_EQ(first->last_position.value(), 2u);
  EXPECT_EQ(first->stream_version.value(), 2u);
  EXPECT_FALSE(first->deduplicated);

  Result<AppendResult> second = store->Append(
      Request("s", ExpectedVersion::Exactly(StreamVersion(2)), {Event("t", "c")}));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->first_position.value(), 3u);
  EXPECT_EQ(second->last_position.value(), 3u);
  EXPECT_EQ(second->stream_version.value(), 3u);
  EXPECT_FALSE(second->deduplicated);

  const LogHead head = store->Head();
  EXPECT_EQ(head.position.value(), 3u);
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(head.hash, all[2].hash);
}

TEST(AppendTest, ExpectedVersionAnyWritesToNewAndExistingStreams) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  for (uint64_t v = 1; v <= 3; ++v) {
    Result<AppendResult> r = store->Append(One("s", "p", ExpectedVersion::Any()));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->stream_version.value(), v);
  }
}

TEST(AppendTest, ExpectedVersionNoStreamSucceedsOnlyOnNewStream) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  Result<AppendResult> created =
      store->Append(Request("s", ExpectedVersion::NoStream(), {Event("t", "1"), Event("t", "2")}));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->stream_version.value(), 2u);

  const Snapshot before = Take(*store);
  Result<AppendResult> again = store->Append(One("s", "3", ExpectedVersion::NoStream()));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kAborted) << again.status().ToString();
  ASSERT_TRUE(again.status().current_version().has_value()) << again.status().ToString();
  EXPECT_EQ(again.status().current_version()->value(), 2u);
  EXPECT_TRUE(Take(*store) == before) << "a rejected append changed the log";
  EXPECT_EQ(store->StreamHead("s")->value(), 2u);

  // Exactly(0) is NoStream.
  Result<AppendResult> zero = store->Append(One("s", "4", ExpectedVersion::Exactly(StreamVersion(0))));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().code(), Code::kAborted) << zero.status().ToString();
  ASSERT_TRUE(zero.status().current_version().has_value());
  EXPECT_EQ(zero.status().current_version()->value(), 2u);
  EXPECT_TRUE(Take(*store) == before);
}

TEST(AppendTest, ExpectedVersionExactlySucceedsOnlyAtThatVersion) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("other")), IsOk());
  ASSERT_THAT(store->Append(One("s", "1")), IsOk());
  ASSERT_THAT(store->Append(One("s", "2")), IsOk());
  ASSERT_THAT(store->Append(One("s", "3")), IsOk());
  const Snapshot before = Take(*store);

  for (uint64_t wrong : {1u, 2u, 4u, 100u}) {
    SCOPED_TRACE("Exactly(" + std::to_string(wrong) + ")");
    Result<AppendResult> r =
        store->Append(One("s", "no", ExpectedVersion::Exactly(StreamVersion(wrong))));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kAborted) << r.status().ToString();
    ASSERT_TRUE(r.status().current_version().has_value()) << r.status().ToString();
    EXPECT_EQ(r.status().current_version()->value(), 3u);
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_TRUE(Take(*store) == before) << "a rejected append changed the log";
  }

  Result<AppendResult> right = store->Append(One("s", "4", ExpectedVersion::Exactly(StreamVersion(3))));
  ASSERT_TRUE(right.ok()) << right.status().ToString();
  EXPECT_EQ(right->stream_version.value(), 4u);
  EXPECT_EQ(right->first_position.value(), 5u);
}

TEST(AppendTest, ExpectedVersionExactlyOnMissingStreamReportsVersionZero) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("other")), IsOk());
  const Snapshot before = Take(*store);

  Result<AppendResult> r = store->Append(One("missing", "x", ExpectedVersion::Exactly(StreamVersion(1))));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAborted) << r.status().ToString();
  ASSERT_TRUE(r.status().current_version().has_value()) << r.status().ToString();
  EXPECT_EQ(r.status().current_version()->value(), 0u);
  EXPECT_TRUE(Take(*store) == before);
  EXPECT_EQ(store->StreamHead("missing")->value(), 0u);
  EXPECT_TRUE(StreamEvents(*store, "missing").empty());
}

TEST(AppendTest, VersionConflictOnMultiEventAppendWritesNone) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("s")), IsOk());
  const Snapshot before = Take(*store);
  Result<AppendResult> r = store->Append(Request(
      "s", ExpectedVersion::Exactly(StreamVersion(7)), {Event("t", "1"), Event("t", "2")}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAborted);
  EXPECT_TRUE(Take(*store) == before);
}

TEST(AppendTest, TimestampsComeFromTheInjectedClock) {
  TempDir dir;
  ManualClock clock(1'795'687'200'000'000);  // 2026-11-26T10:00:00Z
  Options options = FastOptions();
  options.clock = clock.AsFunction();
  auto store = OpenStore(dir.path(), options);
  ASSERT_NE(store, nullptr);

  ASSERT_THAT(store->Append(One("s")), IsOk());
  clock.Set(1'795'687'200'000'000 + 1'500'000);
  ASSERT_THAT(
      store->Append(Request("s", ExpectedVersion::Any(), {Event("t", "a"), Event("t", "b")})),
      IsOk());

  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(MicrosOf(all[0].recorded_at), 1'795'687'200'000'000);
  EXPECT_EQ(MicrosOf(all[1].recorded_at), 1'795'687'201'500'000);
  EXPECT_EQ(MicrosOf(all[2].recorded_at), 1'795'687'201'500'000);
}

TEST(AppendTest, TimestampsNeverDecreaseWhenTheClockGoesBackwards) {
  TempDir dir;
  ManualClock clock(2'000'000'000);
  Options options = FastOptions();
  options.clock = clock.AsFunction();
  auto store = OpenStore(dir.path(), options);
  ASSERT_NE(store, nullptr);

  ASSERT_THAT(store->Append(One("s", "at 2000s")), IsOk());
  clock.Set(1'000'000'000);  // an NTP step back
  ASSERT_THAT(store->Append(One("s", "at 1000s")), IsOk());
  clock.Set(1'500'000'000);
  ASSERT_THAT(store->Append(One("t", "at 1500s")), IsOk());
  clock.Set(3'000'000'000);
  ASSERT_THAT(store->Append(One("t", "at 3000s")), IsOk());

  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(MicrosOf(all[0].recorded_at), 2'000'000'000);
  EXPECT_GE(MicrosOf(all[1].recorded_at), MicrosOf(all[0].recorded_at));
  EXPECT_GE(MicrosOf(all[2].recorded_at), MicrosOf(all[1].recorded_at));
  EXPECT_EQ(MicrosOf(all[3].recorded_at), 3'000'000'000);  // follows the clock again
  Result<VerifyReport> report = store->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
}

TEST(AppendTest, TimestampsNeverDecreaseAcrossReopen) {
  TempDir dir;
  ManualClock clock(5'000'000'000);
  {
    Options options = FastOptions();
    options.clock = clock.AsFunction();
    auto store = OpenStore(dir.path(), options);
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->Append(One("s")), IsOk());
  }
  clock.Set(4'000'000'000);  // the machine came back with an earlier clock
  Options options = FastOptions();
  options.clock = clock.AsFunction();
  auto store = OpenStore(dir.path(), options);
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("s")), IsOk());
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_GE(MicrosOf(all[1].recorded_at), MicrosOf(all[0].recorded_at))
      << "the first append after reopening is recorded before the last one before closing";
  Result<VerifyReport> report = store->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
}

TEST(AppendTest, SystemClockIsUsedWhenNoClockIsGiven) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const auto before = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now());
  ASSERT_THAT(store->Append(One("s")), IsOk());
  const auto after = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now());
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_GE(all[0].recorded_at, before - std::chrono::seconds(1));
  EXPECT_LE(all[0].recorded_at, after + std::chrono::seconds(1));
}

TEST(AppendTest, MetadataTypeAndPayloadRoundTrip) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  EventData first;
  first.type = "trygg.v1.MeasureProposed";
  first.payload = std::string("\0\x01\xff\x7f binary\n", 12);
  first.metadata.principal = "anna";
  first.metadata.agency = "värnamo-kommun";
  first.metadata.command_id = "c-1";
  first.metadata.extra = {{"trace-id", "abc123"}, {"a", ""}, {"zeta", "last"}, {"a", "dup key"},
                          {"", "empty key"}};
  EventData second;
  second.type = "trygg.v1.Nothing";
  // payload and metadata all empty
  EventData third;
  third.type = "t";
  third.payload = std::string(100000, 'z');
  third.metadata.principal = "björn";
  third.metadata.extra = {{"k", std::string(4096, 'v')}};

  Result<AppendResult> r =
      store->Append(Request("plan-åäö", ExpectedVersion::Any(), {first, second, third}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();

  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE(pass == 0 ? "before reopen" : "after reopen");
    std::vector<RecordedEvent> events = StreamEvents(*store, "plan-åäö");
    ASSERT_EQ(events.size(), 3u);
    const std::vector<EventData> written = {first, second, third};
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(events[i].stream_id, "plan-åäö");
      EXPECT_EQ(events[i].type, written[i].type);
      EXPECT_EQ(events[i].payload, written[i].payload);
      EXPECT_TRUE(events[i].metadata == written[i].metadata) << "event " << i;
      EXPECT_EQ(events[i].metadata.principal, written[i].metadata.principal);
      EXPECT_EQ(events[i].metadata.agency, written[i].metadata.agency);
      EXPECT_EQ(events[i].metadata.command_id, written[i].metadata.command_id);
      EXPECT_EQ(events[i].metadata.extra, written[i].metadata.extra);
    }
    store.reset();
    store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
  }
}

TEST(AppendTest, AppendAsyncCallbackReceivesTheResult) {
  TempDir dir;
  // Declared before the store: the callback may only run while they exist.
  std::promise<Result<AppendResult>> promise;
  std::future<Result<AppendResult>> future = promise.get_future();
  std::atomic<int> calls{0};
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("s")), IsOk());

  store->AppendAsync(Request("s", ExpectedVersion::Exactly(StreamVersion(1)),
                             {Event("t", "a"), Event("t", "b")}),
                     [&](Result<AppendResult> result) {
                       calls.fetch_add(1);
                       promise.set_value(std::move(result));
                     });
  ASSERT_EQ(future.wait_for(kDeadline), std::future_status::ready);
  Result<AppendResult> r = future.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->first_position.value(), 2u);
  EXPECT_EQ(r->last_position.value(), 3u);
  EXPECT_EQ(r->stream_version.value(), 3u);
  EXPECT_FALSE(r->deduplicated);
  // Acknowledged means readable.
  EXPECT_EQ(store->Head().position.value(), 3u);
  EXPECT_EQ(store->StreamHead("s")->value(), 3u);
  store.reset();
  EXPECT_EQ(calls.load(), 1);
}

TEST(AppendTest, AppendAsyncCallbackReceivesVersionConflict) {
  TempDir dir;
  std::promise<Result<AppendResult>> promise;
  std::future<Result<AppendResult>> future = promise.get_future();
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(One("s")), IsOk());
  ASSERT_THAT(store->Append(One("s")), IsOk());

  store->AppendAsync(One("s", "x", ExpectedVersion::NoStream()),
                     [&](Result<AppendResult> result) { promise.set_value(std::move(result)); });
  ASSERT_EQ(future.wait_for(kDeadline), std::future_status::ready);
  Result<AppendResult> r = future.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAborted) << r.status().ToString();
  ASSERT_TRUE(r.status().current_version().has_value());
  EXPECT_EQ(r.status().current_version()->value(), 2u);
  EXPECT_EQ(store->Head().position.value(), 2u);
}

TEST(AppendTest, AppendAsyncRejectsAnInvalidRequestOnTheCallingThread) {
  TempDir dir;
  std::optional<Result<AppendResult>> got;
  std::thread::id called_on;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  store->AppendAsync(Request("s", ExpectedVersion::Any(), {}), [&](Result<AppendResult> result) {
    called_on = std::this_thread::get_id();
    got.emplace(std::move(result));
  });
  // The header promises the callback has run by now, on this thread.
  ASSERT_TRUE(got.has_value()) << "callback for an invalid request did not run before AppendAsync returned";
  EXPECT_EQ(called_on, std::this_thread::get_id());
  ASSERT_FALSE(got->ok());
  EXPECT_EQ(got->status().code(), Code::kInvalidArgument) << got->status().ToString();
  EXPECT_EQ(store->Head().position.value(), 0u);
}

TEST(AppendTest, DestructorFinishesQueuedAppends) {
  TempDir dir;
  constexpr int kAppends = 200;
  std::mutex mu;
  std::vector<std::optional<Status>> results(kAppends);
  std::atomic<int> calls{0};
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < kAppends; ++i) {
      store->AppendAsync(One("s", std::to_string(i)), [&, i](Result<AppendResult> r) {
        calls.fetch_add(1);
        std::lock_guard<std::mutex> lock(mu);
        results[static_cast<std::size_t>(i)] = r.status();
      });
    }
    // Destroy the store with (most likely) appends still queued.
  }
  ASSERT_EQ(calls.load(), kAppends) << "every callback runs before the destructor returns";
  for (int i = 0; i < kAppends; ++i) {
    ASSERT_TRUE(results[static_cast<std::size_t>(i)].has_value());
    EXPECT_TRUE(results[static_cast<std::size_t>(i)]->ok())
        << "append " << i << " queued before close: " << results[static_cast<std::size_t>(i)]->ToString();
  }
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Head().position.value(), static_cast<uint64_t>(kAppends));
  std::vector<RecordedEvent> events = StreamEvents(*store, "s");
  ASSERT_EQ(events.size(), static_cast<std::size_t>(kAppends));
  for (int i = 0; i < kAppends; ++i) {
    EXPECT_EQ(events[static_cast<std::size_t>(i)].payload, std::to_string(i));
  }
}

TEST(AppendTest, DataSurvivesCloseAndReopenAndNumberingContinues) {
  TempDir dir;
  std::vector<RecordedEvent> before;
  {
    auto store = OpenStore(dir.path(), Options{});  // durable appends
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->Append(One("a", "1")), IsOk());
    ASSERT_THAT(
        store->Append(Request("b", ExpectedVersion::Any(), {Event("t", "2"), Event("t", "3")})),
        IsOk());
    ASSERT_THAT(store->Append(One("a", "4")), IsOk());
    before = AllEvents(*store);
  }
  auto store = OpenStore(dir.path(), Options{});
  ASSERT_NE(store, nullptr);
  std::vector<RecordedEvent> after = AllEvents(*store);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_TRUE(after == before);
  EXPECT_EQ(store->Head().position.value(), 4u);
  EXPECT_EQ(store->Head().hash, before.back().hash);
  EXPECT_EQ(store->StreamHead("a")->value(), 2u);
  EXPECT_EQ(store->StreamHead("b")->value(), 2u);

  Result<AppendResult> a = store->Append(One("a", "5", ExpectedVersion::Exactly(StreamVersion(2))));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->first_position.value(), 5u);
  EXPECT_EQ(a->stream_version.value(), 3u);
  Result<AppendResult> b = store->Append(One("b", "6"));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->first_position.value(), 6u);
  EXPECT_EQ(b->stream_version.value(), 3u);
  Result<AppendResult> c = store->Append(One("c", "7", ExpectedVersion::NoStream()));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->first_position.value(), 7u);
  EXPECT_EQ(c->stream_version.value(), 1u);

  // A conflict after reopen reports the version from before the close.
  Result<AppendResult> conflict = store->Append(One("a", "x", ExpectedVersion::NoStream()));
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), Code::kAborted);
  ASSERT_TRUE(conflict.status().current_version().has_value());
  EXPECT_EQ(conflict.status().current_version()->value(), 3u);
}

void ExpectChainIntact(const std::vector<RecordedEvent>& all, const LogHead& head) {
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].prev_hash, Hash{}) << "position 1 links to the zero hash";
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].position.value(), i + 1);
    EXPECT_NE(all[i].hash, Hash{}) << "position " << i + 1;
    distinct.insert(ToHex(all[i].hash));
    if (i > 0) {
      EXPECT_EQ(all[i].prev_hash, all[i - 1].hash)
          << "position " << i + 1 << " prev_hash " << ToHex(all[i].prev_hash)
          << " != hash of position " << i << " " << ToHex(all[i - 1].hash);
    }
  }
  EXPECT_EQ(distinct.size(), all.size()) << "every record's hash is different";
  EXPECT_EQ(head.position, all.back().position);
  EXPECT_EQ(head.hash, all.back().hash) << ToHex(head.hash) << " vs " << ToHex(all.back().hash);
}

TEST(AppendTest, HashChainLinksEveryEventToThePreviousOne) {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->Head().hash, Hash{});
    // Identical events in the same stream still hash differently (position, version, prev hash).
    for (int i = 0; i < 5; ++i) ASSERT_THAT(store->Append(One("s", "same")), IsOk());
    ASSERT_THAT(store->Append(Request("t", ExpectedVersion::Any(),
                                      {Event("t", "1"), Event("t", "2"), Event("t", "3")})),
                IsOk());
    std::vector<RecordedEvent> all = AllEvents(*store);
    ASSERT_EQ(all.size(), 8u);
    ExpectChainIntact(all, store->Head());
    Result<VerifyReport> report = store->Verify();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->ok()) << report->problem;
    EXPECT_EQ(report->events_checked, 8u);
    EXPECT_TRUE(report->head == store->Head());
  }
  // The chain continues across a reopen.
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const LogHead head_before = store->Head();
  Result<AppendResult> r = store->Append(One("u"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<RecordedEvent> all = AllEvents(*store);
  ASSERT_EQ(all.size(), 9u);
  EXPECT_EQ(all[8].prev_hash, head_before.hash);
  ExpectChainIntact(all, store->Head());
  Result<VerifyReport> report = store->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->events_checked, 9u);
}

TEST(AppendTest, VerifyReportsProgress) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 10; ++i) ASSERT_THAT(store->Append(One("s")), IsOk());
  uint64_t last_checked = 0;
  uint64_t last_total = 0;
  bool monotonic = true;
  Result<VerifyReport> report = store->Verify([&](uint64_t checked, uint64_t total) {
    if (checked < last_checked) monotonic = false;
    last_checked = checked;
    last_total = total;
  });
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_TRUE(monotonic);
  EXPECT_EQ(last_total, 10u);
  EXPECT_LE(last_checked, 10u);
}

TEST(AppendTest, VerifyOnAnEmptyStoreIsOk) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<VerifyReport> report = store->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
  EXPECT_EQ(report->events_checked, 0u);
  EXPECT_EQ(report->head.position.value(), 0u);
}

}  // namespace
}  // namespace trygg::eventstore
