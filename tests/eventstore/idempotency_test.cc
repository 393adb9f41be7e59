// Idempotency keys: a retry of the same request returns the first result and writes nothing;
// the same key with a different request is kAlreadyExists; failed appends store no key.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
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

// An event with metadata, so that comparing a retry with the first request covers metadata too.
EventData Event(std::string type, std::string payload) {
  EventData event = ::trygg::testing::Event(std::move(type), std::move(payload));
  event.metadata.principal = "anna";
  event.metadata.command_id = "cmd-1";
  return event;
}

AppendRequest Keyed(std::string key, std::string stream_id = "s",
                    ExpectedVersion expected = ExpectedVersion::Any(),
                    std::vector<EventData> events = {Event("t.A", "one"), Event("t.B", "two")}) {
  AppendRequest request = Request(std::move(stream_id), expected, std::move(events));
  request.idempotency_key = std::move(key);
  return request;
}

// The first result with `deduplicated` set, as a retry must return it.
AppendResult AsRetried(AppendResult first) {
  first.deduplicated = true;
  return first;
}

std::string Describe(const AppendResult& r) {
  return "{first=" + std::to_string(r.first_position.value()) +
         " last=" + std::to_string(r.last_position.value()) +
         " version=" + std::to_string(r.stream_version.value()) +
         " dedup=" + (r.deduplicated ? "true" : "false") + "}";
}

std::string Describe(const std::vector<RecordedEvent>& events) {
  std::string out;
  for (const RecordedEvent& e : events) {
    out += "\n  " + std::to_string(e.position.value()) + " " + e.stream_id + " v" +
           std::to_string(e.version.value()) + " " + e.type + " '" + e.payload + "'";
  }
  return out;
}

TEST(IdempotencyTest, RetryWithSameKeyAndRequestReturnsFirstResultAndWritesNothing) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Keyed("", "before")), IsOk());

  Result<AppendResult> first = store->Append(Keyed("key-1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->deduplicated);
  EXPECT_EQ(first->first_position.value(), 3u);
  EXPECT_EQ(first->last_position.value(), 4u);
  EXPECT_EQ(first->stream_version.value(), 2u);
  const Snapshot after_first = Take(*store);

  for (int retry = 0; retry < 3; ++retry) {
    Result<AppendResult> again = store->Append(Keyed("key-1"));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE(*again == AsRetried(*first)) << Describe(*again) << " vs " << Describe(*first);
    EXPECT_TRUE(Take(*store) == after_first) << "a deduplicated retry wrote something";
  }
}

TEST(IdempotencyTest, RetryReturnsTheOriginalResultEvenAfterTheStreamMovedOn) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<AppendResult> first = store->Append(Keyed("key-1", "s", ExpectedVersion::NoStream()));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_THAT(store->Append(Keyed("", "s")), IsOk());
  ASSERT_THAT(store->Append(Keyed("", "other")), IsOk());
  const Snapshot before = Take(*store);

  // NoStream would now fail, but the retry is answered from the key.
  Result<AppendResult> again = store->Append(Keyed("key-1", "s", ExpectedVersion::NoStream()));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again == AsRetried(*first)) << Describe(*again) << " vs " << Describe(*first);
  EXPECT_EQ(again->stream_version.value(), 2u);
  EXPECT_TRUE(Take(*store) == before);
}

TEST(IdempotencyTest, RetryIsDeduplicatedAfterCloseAndReopen) {
  TempDir dir;
  std::optional<AppendResult> first;
  Snapshot before;
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    Result<AppendResult> r =
        store->Append(Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(0))));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    first = *r;
    before = Take(*store);
  }
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<AppendResult> again = store->Append(Keyed("key-1", "s", ExpectedVersion::NoStream()));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again == AsRetried(*first)) << Describe(*again) << " vs " << Describe(*first);
  EXPECT_TRUE(Take(*store) == before);

  Result<AppendResult> different = store->Append(Keyed("key-1", "s2"));
  ASSERT_FALSE(different.ok());
  EXPECT_EQ(different.status().code(), Code::kAlreadyExists) << different.status().ToString();
  EXPECT_TRUE(Take(*store) == before);
}

TEST(IdempotencyTest, SameKeyWithDifferentRequestIsAlreadyExists) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<AppendResult> first = store->Append(Keyed("key-1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const Snapshot before = Take(*store);

  struct Variant {
    std::string what;
    AppendRequest request;
  };
  std::vector<Variant> variants;
  variants.push_back({"different stream", Keyed("key-1", "s2")});
  {
    // Exactly(2) would succeed as a fresh append, so only the key can stop it.
    variants.push_back({"different expected version",
                        Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(2)))});
  }
  variants.push_back({"NoStream instead of Any", Keyed("key-1", "s", ExpectedVersion::NoStream())});
  variants.push_back({"different payload", Keyed("key-1", "s", ExpectedVersion::Any(),
                                                 {Event("t.A", "one"), Event("t.B", "TWO")})});
  variants.push_back({"different type", Keyed("key-1", "s", ExpectedVersion::Any(),
                                              {Event("t.A", "one"), Event("t.C", "two")})});
  variants.push_back(
      {"fewer events", Keyed("key-1", "s", ExpectedVersion::Any(), {Event("t.A", "one")})});
  variants.push_back(
      {"more events", Keyed("key-1", "s", ExpectedVersion::Any(),
                            {Event("t.A", "one"), Event("t.B", "two"), Event("t.B", "two")})});
  {
    std::vector<EventData> events = {Event("t.A", "one"), Event("t.B", "two")};
    events[1].metadata.principal = "björn";
    variants.push_back(
        {"different principal", Keyed("key-1", "s", ExpectedVersion::Any(), events)});
  }
  {
    std::vector<EventData> events = {Event("t.A", "one"), Event("t.B", "two")};
    events[0].metadata.extra = {{"k", "v"}};
    variants.push_back(
        {"an extra metadata entry", Keyed("key-1", "s", ExpectedVersion::Any(), events)});
  }

  for (Variant& variant : variants) {
    SCOPED_TRACE(variant.what);
    Result<AppendResult> r = store->Append(std::move(variant.request));
    ASSERT_FALSE(r.ok()) << "appended " << Describe(*r);
    EXPECT_EQ(r.status().code(), Code::kAlreadyExists) << r.status().ToString();
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_TRUE(Take(*store) == before) << "a rejected append changed the log";
  }

  // The original request is still recognised.
  Result<AppendResult> again = store->Append(Keyed("key-1"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again == AsRetried(*first));
}

TEST(IdempotencyTest, DifferentKeysAreIndependent) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<AppendResult> a = store->Append(Keyed("key-a"));
  Result<AppendResult> b = store->Append(Keyed("key-b"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_FALSE(b->deduplicated);
  EXPECT_EQ(b->first_position.value(), 3u);
  EXPECT_EQ(b->stream_version.value(), 4u);
  // A key that is a prefix of another is a different key.
  Result<AppendResult> prefix = store->Append(Keyed("key-"));
  ASSERT_TRUE(prefix.ok()) << prefix.status().ToString();
  EXPECT_FALSE(prefix->deduplicated);
  EXPECT_EQ(store->Head().position.value(), 6u);
}

TEST(IdempotencyTest, EmptyKeyMeansNoIdempotency) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  for (uint64_t i = 0; i < 3; ++i) {
    Result<AppendResult> r = store->Append(Keyed(""));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->deduplicated);
    EXPECT_EQ(r->first_position.value(), 2 * i + 1);
    EXPECT_EQ(r->stream_version.value(), 2 * i + 2);
  }
  EXPECT_EQ(store->Head().position.value(), 6u);
}

TEST(IdempotencyTest, FailedAppendStoresNoKey) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  // A version conflict.
  Result<AppendResult> conflict =
      store->Append(Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(2))));
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), Code::kAborted) << conflict.status().ToString();
  // Retrying it fails the same way: the failure was not remembered as a result.
  Result<AppendResult> retry =
      store->Append(Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(2))));
  ASSERT_FALSE(retry.ok());
  EXPECT_EQ(retry.status().code(), Code::kAborted) << retry.status().ToString();
  EXPECT_EQ(store->Head().position.value(), 0u);

  // Once the stream is at version 2 the very same request goes through, for real.
  ASSERT_THAT(store->Append(Keyed("", "s")), IsOk());
  Result<AppendResult> now =
      store->Append(Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(2))));
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_FALSE(now->deduplicated);
  EXPECT_EQ(now->first_position.value(), 3u);
  EXPECT_EQ(now->stream_version.value(), 4u);

  // An invalid request does not claim its key either: a different, valid request may use it.
  Result<AppendResult> invalid =
      store->Append(Keyed("key-2", "s", ExpectedVersion::Any(), {Event("", "no type")}));
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), Code::kInvalidArgument) << invalid.status().ToString();
  Result<AppendResult> valid = store->Append(Keyed("key-2", "other"));
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_FALSE(valid->deduplicated);
  EXPECT_EQ(valid->first_position.value(), 5u);

  // A key whose first use failed the version check may go to a different request.
  Result<AppendResult> conflict3 = store->Append(Keyed("key-3", "s", ExpectedVersion::NoStream()));
  ASSERT_FALSE(conflict3.ok());
  EXPECT_EQ(conflict3.status().code(), Code::kAborted);
  Result<AppendResult> other3 = store->Append(Keyed("key-3", "fresh", ExpectedVersion::NoStream()));
  ASSERT_TRUE(other3.ok()) << other3.status().ToString();
  EXPECT_FALSE(other3->deduplicated);
}

// Collects AppendAsync results; waits for them with a deadline.
class Results {
 public:
  explicit Results(std::size_t n) : results_(n) {}
  EventStore::AppendCallback Slot(std::size_t i) {
    return [this, i](Result<AppendResult> r) {
      std::lock_guard<std::mutex> lock(mu_);
      results_[i].emplace(std::move(r));
      ++done_;
      cv_.notify_all();
    };
  }
  bool WaitAll() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kDeadline, [&] { return done_ == results_.size(); });
  }
  // Only after WaitAll() returned true.
  const Result<AppendResult>& operator[](std::size_t i) const { return *results_[i]; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::optional<Result<AppendResult>>> results_;
  std::size_t done_ = 0;
};

TEST(IdempotencyTest, SameKeyInConcurrentAsyncAppendsWritesOnce) {
  TempDir dir;
  constexpr std::size_t kCopies = 8;
  Results results(kCopies + 2);  // outlives the store
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);

  // Queued back to back, these most likely share a group commit.
  store->AppendAsync(Keyed("", "warmup"), results.Slot(kCopies));
  for (std::size_t i = 0; i < kCopies; ++i) store->AppendAsync(Keyed("key-1"), results.Slot(i));
  store->AppendAsync(Keyed("", "after"), results.Slot(kCopies + 1));
  ASSERT_TRUE(results.WaitAll());

  std::size_t fresh = 0;
  std::optional<AppendResult> original;
  for (std::size_t i = 0; i < kCopies; ++i) {
    ASSERT_TRUE(results[i].ok()) << "copy " << i << ": " << results[i].status().ToString();
    if (!results[i]->deduplicated) {
      ++fresh;
      original = *results[i];
    }
  }
  ASSERT_EQ(fresh, 1u) << "exactly one of the copies writes";
  for (std::size_t i = 0; i < kCopies; ++i) {
    AppendResult expected = *original;
    expected.deduplicated = results[i]->deduplicated;
    EXPECT_TRUE(*results[i] == expected) << Describe(*results[i]) << " vs " << Describe(*original);
  }
  ASSERT_THAT(results[kCopies], IsOk());
  ASSERT_THAT(results[kCopies + 1], IsOk());
  EXPECT_EQ(store->Head().position.value(), 6u)
      << "2 + 2 + 2 events; the log: " << Describe(AllEvents(*store));
  EXPECT_EQ(store->StreamHead("s")->value(), 2u);
  Result<VerifyReport> report = store->Verify();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << report->problem;
}

TEST(IdempotencyTest, SameKeyWithDifferentRequestsConcurrentlyWritesOneOfThem) {
  TempDir dir;
  Results results(4);
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  store->AppendAsync(Keyed("key-1", "s1"), results.Slot(0));
  store->AppendAsync(Keyed("key-1", "s2"), results.Slot(1));
  store->AppendAsync(Keyed("key-1", "s3"), results.Slot(2));
  store->AppendAsync(Keyed("key-1", "s1"), results.Slot(3));
  ASSERT_TRUE(results.WaitAll());

  // Whichever was first wins; the others are either its duplicates or kAlreadyExists.
  std::size_t written = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (results[i].ok() && !results[i]->deduplicated) ++written;
  }
  ASSERT_EQ(written, 1u);
  EXPECT_EQ(store->Head().position.value(), 2u);
  uint64_t streams_written = 0;
  for (const char* s : {"s1", "s2", "s3"}) {
    if (store->StreamHead(s)->value() > 0) ++streams_written;
  }
  EXPECT_EQ(streams_written, 1u);
  for (std::size_t i = 0; i < 4; ++i) {
    if (!results[i].ok()) {
      EXPECT_EQ(results[i].status().code(), Code::kAlreadyExists) << results[i].status().ToString();
    }
  }
  // Requests 0 and 3 are identical, so they agree: both written-or-deduplicated, or both refused.
  EXPECT_EQ(results[0].ok(), results[3].ok());
}

TEST(IdempotencyTest, SameKeyInSameGroupAfterAFailedFirstUse) {
  TempDir dir;
  Results results(2);
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  ASSERT_THAT(store->Append(Keyed("", "s")), IsOk());  // s at version 2
  // The first use fails its version check; the second (different request, same key) must then
  // be free to write, even inside one group commit.
  store->AppendAsync(Keyed("key-1", "s", ExpectedVersion::NoStream()), results.Slot(0));
  store->AppendAsync(Keyed("key-1", "t", ExpectedVersion::NoStream()), results.Slot(1));
  ASSERT_TRUE(results.WaitAll());
  ASSERT_FALSE(results[0].ok());
  EXPECT_EQ(results[0].status().code(), Code::kAborted) << results[0].status().ToString();
  ASSERT_TRUE(results[1].ok()) << results[1].status().ToString();
  EXPECT_FALSE(results[1]->deduplicated);
  EXPECT_EQ(store->Head().position.value(), 4u);
}

}  // namespace
}  // namespace trygg::eventstore

namespace trygg::eventstore {
namespace {

TEST(IdempotencyLookupTest, FindsCommittedKeysOnlyAndSurvivesReopen) {
  TempDir dir;
  std::optional<AppendResult> first;
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    Result<std::optional<AppendResult>> none = store->FindIdempotencyKey("key-1");
    ASSERT_TRUE(none.ok()) << none.status().ToString();
    EXPECT_FALSE(none->has_value());

    // A failed append leaves no key behind.
    ASSERT_FALSE(
        store->Append(Keyed("key-1", "s", ExpectedVersion::Exactly(StreamVersion(5)))).ok());
    EXPECT_FALSE(store->FindIdempotencyKey("key-1")->has_value());

    Result<AppendResult> r = store->Append(Keyed("key-1", "s"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    first = *r;
    Result<std::optional<AppendResult>> found = store->FindIdempotencyKey("key-1");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_TRUE(**found == AsRetried(*first)) << Describe(**found);
  }
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  Result<std::optional<AppendResult>> found = store->FindIdempotencyKey("key-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_TRUE(**found == AsRetried(*first)) << Describe(**found);
  EXPECT_FALSE(store->FindIdempotencyKey("key-2")->has_value());
}

}  // namespace
}  // namespace trygg::eventstore

namespace trygg::eventstore {
namespace {

// The idempotency column family keeps its memtable in a hash table and its tables with whole-key
// filters: keys must be found (and absent ones not) in the memtable, after a reopen, and in
// flushed table files (a checkpoint flushes every memtable first).
TEST(IdempotencyLookupTest, FindsKeysInMemtableAndInFlushedTables) {
  TempDir dir;
  constexpr int kKeys = 300;
  std::vector<AppendResult> firsts;
  auto store = OpenStore(dir.path() / "store");
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < kKeys; ++i) {
    Result<AppendResult> r =
        store->Append(Keyed("anna/cmd-" + std::to_string(i), "s-" + std::to_string(i % 17)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    firsts.push_back(*r);
  }
  auto expect_keys = [&](EventStore& s, const std::string& where) {
    for (int i = 0; i < kKeys; ++i) {
      Result<std::optional<AppendResult>> found =
          s.FindIdempotencyKey("anna/cmd-" + std::to_string(i));
      ASSERT_TRUE(found.ok() && found->has_value()) << where << ": key " << i;
      EXPECT_TRUE(**found == AsRetried(firsts[i])) << where << ": " << Describe(**found);
      EXPECT_FALSE(s.FindIdempotencyKey("anna/cmd-x" + std::to_string(i))->has_value()) << where;
    }
  };
  expect_keys(*store, "memtable");
  ASSERT_THAT(store->Checkpoint(dir.path() / "copy"), IsOk());
  store.reset();

  auto copy = OpenStore(dir.path() / "copy");
  ASSERT_NE(copy, nullptr);
  expect_keys(*copy, "flushed tables");
  Result<AppendResult> retry = copy->Append(Keyed("anna/cmd-7", "s-7"));
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_TRUE(*retry == AsRetried(firsts[7])) << Describe(*retry);
  EXPECT_EQ(copy->Head().position.value(), 2u * kKeys);
}

}  // namespace
}  // namespace trygg::eventstore
