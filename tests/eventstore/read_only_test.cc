// OpenReadOnly (a stopped store, and a store another instance is writing to, as a RocksDB
// secondary), CopyTo (a byte-for-byte copy, also of a store being written), Verify's per-record
// check, and RecordHash.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "testutil/background_writer.h"
#include "testutil/eventstore_util.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/eventstore/record_hash.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

namespace fs = std::filesystem;
using namespace ::trygg::testing;  // the shared helpers in testutil/

// n events with metadata, payloads <tag>/0, <tag>/1, ...
AppendRequest MetadataEvents(std::string stream_id, std::size_t n, const std::string& tag) {
  std::vector<EventData> events;
  for (std::size_t i = 0; i < n; ++i) {
    EventData event = Event("t", tag + "/" + std::to_string(i));
    event.metadata.principal = "anna";
    event.metadata.agency = "polisen";
    event.metadata.command_id = tag;
    if (i % 2 == 1) event.metadata.extra = {{"k", "v"}, {"trace", tag}};
    events.push_back(std::move(event));
  }
  return Request(std::move(stream_id), std::move(events));
}

// A closed store with `appends` appends of 1–3 events over three streams, the first with an
// idempotency key.
void Fill(const fs::path& path, int appends) {
  auto store = OpenStore(path);
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < appends; ++i) {
    AppendRequest request =
        MetadataEvents("stream-" + std::to_string(i % 3), 1 + i % 3, "append-" + std::to_string(i));
    if (i == 0) request.idempotency_key = "key-0";
    Result<AppendResult> r = store->Append(std::move(request));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
}

std::unique_ptr<EventStore> OpenRo(const fs::path& path, ReadOnlyOptions options = {}) {
  Result<std::unique_ptr<EventStore>> opened = EventStore::OpenReadOnly(path, std::move(options));
  if (!opened.ok()) {
    ADD_FAILURE() << "OpenReadOnly(" << path << "): " << opened.status().ToString();
    return nullptr;
  }
  return std::move(opened).value();
}

// ExpectVerifies, and the head Verify read from `meta` is the store's.
void ExpectVerifiesToItsHead(const EventStore& store) {
  if (auto report = ExpectVerifies(store)) {
    EXPECT_EQ(report->head, store.Head());
  }
}

// The read-only tests' background appends: 1-4 events to one of four streams, each with an
// idempotency key.
std::function<AppendRequest(std::size_t)> LiveAppends(uint32_t seed) {
  return [rng = std::mt19937(seed)](std::size_t i) mutable {
    AppendRequest request = MetadataEvents("live-" + std::to_string(rng() % 4), 1 + rng() % 4,
                                           "bg-" + std::to_string(i));
    request.idempotency_key = "bg-" + std::to_string(i);
    return request;
  };
}

// Names and sizes of the files directly in `dir`.
std::map<std::string, uintmax_t> Listing(const fs::path& dir) {
  std::map<std::string, uintmax_t> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = entry.is_regular_file() ? entry.file_size() : 0;
  }
  return files;
}

TEST(ReadOnlyTest, OpensAStoppedStoreAndReadsEverything) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 20));
  std::vector<RecordedEvent> expected;
  LogHead head;
  {
    auto writable = OpenStore(path);
    ASSERT_NE(writable, nullptr);
    expected = AllEvents(*writable);
    head = writable->Head();
  }
  auto store = OpenRo(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->access_mode(), AccessMode::kReadOnly);
  EXPECT_EQ(store->Head(), head);
  EXPECT_EQ(AllEvents(*store), expected);
  Result<std::vector<RecordedEvent>> stream = store->ReadStream("stream-1", StreamVersion(1), 100);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  ASSERT_FALSE(stream->empty());
  EXPECT_EQ(stream->front().stream_id, "stream-1");
  Result<StreamVersion> stream_head = store->StreamHead("stream-1");
  ASSERT_THAT(stream_head, IsOk());
  EXPECT_EQ(stream_head->value(), stream->size());
  Result<std::optional<AppendResult>> key = store->FindIdempotencyKey("key-0");
  ASSERT_THAT(key, IsOk());
  EXPECT_TRUE(key->has_value());
  ExpectVerifiesToItsHead(*store);
}

TEST(ReadOnlyTest, AppendsAndCheckpointsAreRefused) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 3));
  auto store = OpenRo(path);
  ASSERT_NE(store, nullptr);
  const LogHead head = store->Head();
  Result<AppendResult> appended = store->Append(MetadataEvents("s", 1, "x"));
  ASSERT_FALSE(appended.ok());
  EXPECT_EQ(appended.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(appended.status().message().find("read-only"), std::string::npos)
      << appended.status().ToString();
  Status checkpoint = store->Checkpoint(dir.Sub("checkpoint"));
  EXPECT_EQ(checkpoint.code(), Code::kFailedPrecondition) << checkpoint.ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("checkpoint")));
  EXPECT_EQ(store->Head(), head);
}

// An audit must not change what it audits: no file of the store is added, removed or resized
// (RocksDB would otherwise rotate the store's info log).
TEST(ReadOnlyTest, LeavesTheStoreDirectoryAsItWas) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 10));
  const std::map<std::string, uintmax_t> before = Listing(path);
  {
    auto store = OpenRo(path);
    ASSERT_NE(store, nullptr);
    ExpectVerifiesToItsHead(*store);
  }
  EXPECT_EQ(Listing(path), before);
}

TEST(ReadOnlyTest, AWriterCannotOpenTheStoreMeanwhile) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 3));
  {
    auto store = OpenRo(path);
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(store->access_mode(), AccessMode::kReadOnly);
    Result<std::unique_ptr<EventStore>> writer = EventStore::Open(path, FastOptions());
    ASSERT_FALSE(writer.ok()) << "a writer opened a store held read-only";
    EXPECT_EQ(writer.status().code(), Code::kFailedPrecondition) << writer.status().ToString();
  }
  auto writer = OpenStore(path);  // the lock is released with the read-only instance
  ASSERT_NE(writer, nullptr);
}

TEST(ReadOnlyTest, RefusesWhatIsNotAStore) {
  TempDir dir;
  Result<std::unique_ptr<EventStore>> missing = EventStore::OpenReadOnly(dir.Sub("missing"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound) << missing.status().ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("missing"))) << "a read-only open created the directory";

  fs::create_directories(dir.Sub("empty"));
  Result<std::unique_ptr<EventStore>> empty = EventStore::OpenReadOnly(dir.Sub("empty"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kNotFound) << empty.status().ToString();
  EXPECT_TRUE(fs::is_empty(dir.Sub("empty")));

  fs::create_directories(dir.Sub("other"));
  { std::ofstream(dir.Sub("other") / "notes.txt") << "not a database"; }
  Result<std::unique_ptr<EventStore>> other = EventStore::OpenReadOnly(dir.Sub("other"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), Code::kFailedPrecondition) << other.status().ToString();
}

TEST(ReadOnlyTest, OpensAsASecondaryWhileAWriterHasTheStoreOpen) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  auto writer = OpenStore(path);
  ASSERT_NE(writer, nullptr);
  for (int i = 0; i < 5; ++i)
    ASSERT_THAT(writer->Append(MetadataEvents("s", 2, std::to_string(i))), IsOk());
  const LogHead at_open = writer->Head();

  auto reader = OpenRo(path);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->access_mode(), AccessMode::kSecondary);
  EXPECT_EQ(reader->Head(), at_open);

  // The writer moves on; the secondary stays where it was opened.
  ASSERT_THAT(writer->Append(MetadataEvents("s", 3, "later")), IsOk());
  EXPECT_EQ(reader->Head(), at_open);
  std::vector<RecordedEvent> seen = AllEvents(*reader);
  ASSERT_EQ(seen.size(), at_open.position.value());
  std::vector<RecordedEvent> all = AllEvents(*writer);
  EXPECT_TRUE(std::equal(seen.begin(), seen.end(), all.begin()));
  Result<StreamVersion> stream_head = reader->StreamHead("s");
  ASSERT_THAT(stream_head, IsOk());
  EXPECT_EQ(stream_head->value(), 10u);
  Result<std::vector<RecordedEvent>> stream = reader->ReadStream("s", StreamVersion(1), 100);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  EXPECT_EQ(stream->size(), 10u);
  ExpectVerifiesToItsHead(*reader);
  Result<AppendResult> appended = reader->Append(MetadataEvents("s", 1, "x"));
  EXPECT_EQ(appended.status().code(), Code::kFailedPrecondition);

  // A new instance sees the later append.
  auto again = OpenRo(path);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->Head(), writer->Head());
}

TEST(ReadOnlyTest, ReadOnlyModeIsRefusedWhileAWriterHasTheStoreOpen) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  auto writer = OpenStore(path);
  ASSERT_NE(writer, nullptr);
  ReadOnlyOptions options;
  options.mode = ReadOnlyOptions::Mode::kReadOnly;
  Result<std::unique_ptr<EventStore>> opened = EventStore::OpenReadOnly(path, options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Code::kFailedPrecondition) << opened.status().ToString();
}

TEST(ReadOnlyTest, SecondaryOfAStoppedStoreKeepsItsFilesWhereAsked) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 4));
  ReadOnlyOptions options;
  options.mode = ReadOnlyOptions::Mode::kSecondary;
  options.secondary_dir = dir.Sub("secondary");
  fs::create_directories(options.secondary_dir);
  {
    auto store = OpenRo(path, options);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->access_mode(), AccessMode::kSecondary);
    ExpectVerifiesToItsHead(*store);
    EXPECT_FALSE(fs::is_empty(dir.Sub("secondary")));
  }
  EXPECT_TRUE(fs::exists(dir.Sub("secondary"))) << "removed a directory the caller owns";
}

// Each secondary opened while the writer appends sees a consistent prefix that ends at a commit.
TEST(ReadOnlyTest, SecondariesOpenedWhileAppendingSeeConsistentPrefixes) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays it)");
  TempDir dir;
  const fs::path path = dir.Sub("store");
  auto store = OpenStore(path);
  ASSERT_NE(store, nullptr);
  BackgroundWriter writer(*store, LiveAppends(seed));
  std::vector<std::unique_ptr<EventStore>> views;
  for (std::size_t round = 1; round <= 5; ++round) {
    ASSERT_TRUE(writer.WaitForAppends(round * 50)) << writer.failure();
    auto view = OpenRo(path);
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->access_mode(), AccessMode::kSecondary);
    ExpectVerifiesToItsHead(*view);
    views.push_back(std::move(view));
  }
  writer.Stop();
  ASSERT_TRUE(writer.failure().empty()) << writer.failure();
  const std::vector<RecordedEvent> all = AllEvents(*store);
  for (const auto& view : views) {
    const uint64_t head = view->Head().position.value();
    EXPECT_EQ(writer.append_ends().count(head), 1u) << "head " << head << " splits an append";
    const std::vector<RecordedEvent> seen = AllEvents(*view);
    ASSERT_EQ(seen.size(), head);
    ASSERT_LE(seen.size(), all.size());
    EXPECT_TRUE(std::equal(seen.begin(), seen.end(), all.begin()));
    EXPECT_EQ(view->Head().hash, all[head - 1].hash);
  }
}

TEST(CopyToTest, CopyOfASecondaryTakenWhileAppendingIsByteIdentical) {
  const uint32_t seed = TestSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (TRYGG_TEST_SEED replays it)");
  TempDir dir;
  const fs::path path = dir.Sub("store");
  auto store = OpenStore(path);
  ASSERT_NE(store, nullptr);
  BackgroundWriter writer(*store, LiveAppends(seed));
  ASSERT_TRUE(writer.WaitForAppends(200)) << writer.failure();
  auto view = OpenRo(path);
  ASSERT_NE(view, nullptr);
  ASSERT_EQ(view->access_mode(), AccessMode::kSecondary);
  Status copied = view->CopyTo(dir.Sub("copy"));
  const std::size_t at_copy = writer.appends();
  ASSERT_TRUE(writer.WaitForAppends(at_copy + 50)) << writer.failure();  // it kept writing
  writer.Stop();
  ASSERT_TRUE(copied.ok()) << copied.ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("copy.partial")));

  auto copy = OpenRo(dir.Sub("copy"));
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->access_mode(), AccessMode::kReadOnly);
  ExpectVerifiesToItsHead(*copy);
  EXPECT_EQ(copy->Head(), view->Head());
  const std::vector<RecordedEvent> in_copy = AllEvents(*copy);
  const std::vector<RecordedEvent> in_original = AllEvents(*store);
  ASSERT_EQ(in_copy.size(), view->Head().position.value());
  ASSERT_LT(in_copy.size(), in_original.size());
  EXPECT_TRUE(std::equal(in_copy.begin(), in_copy.end(), in_original.begin()));
  // Idempotency entries came along: a retry against the copy is answered from them.
  copy.reset();
  auto writable = OpenStore(dir.Sub("copy"));
  ASSERT_NE(writable, nullptr);
  Result<std::optional<AppendResult>> key = writable->FindIdempotencyKey("bg-0");
  ASSERT_THAT(key, IsOk());
  ASSERT_TRUE(key->has_value());
  EXPECT_EQ((*key)->first_position.value(), 1u);
  Result<AppendResult> next = writable->Append(MetadataEvents("after-copy", 1, "x"));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->first_position, view->Head().position.next());
}

TEST(CopyToTest, CopiesAWritableInstanceAndAStoppedStore) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 12));
  std::vector<RecordedEvent> expected;
  {
    auto store = OpenStore(path);
    ASSERT_NE(store, nullptr);
    expected = AllEvents(*store);
    ASSERT_THAT(store->CopyTo(dir.Sub("from-writable")), IsOk());
  }
  {
    auto store = OpenRo(path);
    ASSERT_NE(store, nullptr);
    ASSERT_THAT(store->CopyTo(dir.Sub("from-read-only")), IsOk());
    Status slash = store->CopyTo(dir.Sub("with-slash").string() + "/");
    ASSERT_TRUE(slash.ok()) << slash.ToString();
    EXPECT_FALSE(fs::exists(dir.Sub("with-slash") / ".partial"));
  }
  for (const char* name : {"from-writable", "from-read-only", "with-slash"}) {
    SCOPED_TRACE(name);
    auto copy = OpenRo(dir.Sub(name));
    ASSERT_NE(copy, nullptr);
    ExpectVerifiesToItsHead(*copy);
    EXPECT_EQ(AllEvents(*copy), expected);
  }
}

TEST(CopyToTest, RefusesAnExistingTargetOrALeftoverPartialCopy) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 2));
  auto store = OpenRo(path);
  ASSERT_NE(store, nullptr);
  fs::create_directories(dir.Sub("taken"));
  Status taken = store->CopyTo(dir.Sub("taken"));
  EXPECT_EQ(taken.code(), Code::kAlreadyExists) << taken.ToString();
  fs::create_directories(dir.Sub("copy.partial"));
  Status partial = store->CopyTo(dir.Sub("copy"));
  EXPECT_EQ(partial.code(), Code::kAlreadyExists) << partial.ToString();
  EXPECT_NE(partial.message().find("partial"), std::string::npos) << partial.ToString();
  EXPECT_FALSE(fs::exists(dir.Sub("copy")));
}

TEST(ReadOnlyTest, SubscribeDeliversTheStoredEventsOnly) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 6));
  auto store = OpenRo(path);
  ASSERT_NE(store, nullptr);
  const uint64_t head = store->Head().position.value();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<uint64_t> positions;
  SubscriptionHandlers handlers;
  handlers.on_events = [&](std::span<const RecordedEvent> events) {
    std::lock_guard lock(mu);
    for (const RecordedEvent& e : events) positions.push_back(e.position.value());
    cv.notify_all();
    return Delivery::kContinue;
  };
  std::unique_ptr<Subscription> subscription = store->Subscribe(Position(1), std::move(handlers));
  std::unique_lock lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, kDeadline, [&] { return positions.size() >= head; }));
  lock.unlock();
  subscription->Cancel();
  ASSERT_EQ(positions.size(), head);
  for (uint64_t i = 0; i < head; ++i) EXPECT_EQ(positions[i], i + 1);
}

TEST(VerifyCheckTest, ACallersCheckNamesTheFirstRecordItRefuses) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 10; ++i)
    ASSERT_THAT(store->Append(MetadataEvents("s", 1, std::to_string(i))), IsOk());
  std::vector<uint64_t> checked;
  VerifyOptions options;
  options.check_event = [&checked](const RecordedEvent& event) -> std::string {
    checked.push_back(event.position.value());
    return event.payload == "6/0" ? "payload six is not allowed" : "";
  };
  Result<VerifyReport> report = store->Verify(options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->first_bad_position.has_value());
  EXPECT_EQ(report->first_bad_position->value(), 7u);
  EXPECT_NE(report->problem.find("payload six is not allowed"), std::string::npos)
      << report->problem;
  EXPECT_NE(report->problem.find("record 7"), std::string::npos) << report->problem;
  EXPECT_EQ(checked, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7}));

  options.check_event = [](const RecordedEvent&) { return std::string(); };
  Result<VerifyReport> clean = store->Verify(options);
  ASSERT_THAT(clean, IsOk());
  EXPECT_TRUE(clean->ok()) << clean->problem;
}

TEST(RecordHashTest, RecomputesEveryStoredHashAndSeesAnyChangedField) {
  TempDir dir;
  const fs::path path = dir.Sub("store");
  ASSERT_NO_FATAL_FAILURE(Fill(path, 8));
  auto store = OpenRo(path);
  ASSERT_NE(store, nullptr);
  const std::vector<RecordedEvent> events = AllEvents(*store);
  ASSERT_FALSE(events.empty());
  bool saw_extras = false;
  for (const RecordedEvent& e : events) {
    EXPECT_EQ(RecordHash(e), e.hash) << "position " << e.position.value();
    saw_extras = saw_extras || !e.metadata.extra.empty();
  }
  EXPECT_TRUE(saw_extras);

  const RecordedEvent& base = events[1];
  std::vector<std::function<void(RecordedEvent&)>> changes = {
      [](RecordedEvent& e) { e.stream_id += "x"; },
      [](RecordedEvent& e) { e.type += "x"; },
      [](RecordedEvent& e) { e.payload += "x"; },
      [](RecordedEvent& e) { e.metadata.principal += "x"; },
      [](RecordedEvent& e) { e.metadata.agency += "x"; },
      [](RecordedEvent& e) { e.metadata.command_id += "x"; },
      [](RecordedEvent& e) { e.metadata.extra.emplace_back("k", "v"); },
      [](RecordedEvent& e) { e.version = e.version.next(); },
      [](RecordedEvent& e) { e.position = e.position.next(); },
      [](RecordedEvent& e) { e.recorded_at += std::chrono::microseconds(1); },
      [](RecordedEvent& e) { e.prev_hash[0] ^= 1; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    RecordedEvent changed = base;
    changes[i](changed);
    EXPECT_NE(RecordHash(changed), base.hash) << "change " << i << " went unnoticed";
  }
  RecordedEvent rehashed = base;
  rehashed.hash = Hash{};
  EXPECT_EQ(RecordHash(rehashed), base.hash) << "RecordHash read the hash it computes";
}

}  // namespace
}  // namespace trygg::eventstore
