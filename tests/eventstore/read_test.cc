// Reads: ReadStream, ReadAll, Head and StreamHead.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "testutil/eventstore_util.h"
#include "testutil/raw_db.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

using namespace ::trygg::testing;  // the shared helpers in testutil/

// One event of type "t" per payload.
AppendRequest Request(std::string stream_id, std::vector<std::string> payloads) {
  std::vector<EventData> events;
  for (std::string& payload : payloads) events.push_back(Event("t", std::move(payload)));
  return ::trygg::testing::Request(std::move(stream_id), std::move(events));
}

std::vector<RecordedEvent> ReadStreamOk(const EventStore& store, std::string_view stream,
                                        uint64_t from, std::size_t max) {
  Result<std::vector<RecordedEvent>> r = store.ReadStream(stream, StreamVersion(from), max);
  if (!r.ok()) {
    ADD_FAILURE() << "ReadStream(" << stream << ", " << from << ", " << max
                  << "): " << r.status().ToString();
    return {};
  }
  return std::move(r).value();
}

std::vector<RecordedEvent> ReadAllOk(const EventStore& store, uint64_t from, std::size_t max) {
  Result<std::vector<RecordedEvent>> r = store.ReadAll(Position(from), max);
  if (!r.ok()) {
    ADD_FAILURE() << "ReadAll(" << from << ", " << max << "): " << r.status().ToString();
    return {};
  }
  return std::move(r).value();
}

std::vector<std::string> Payloads(const std::vector<RecordedEvent>& events) {
  std::vector<std::string> out;
  for (const RecordedEvent& e : events) out.push_back(e.payload);
  return out;
}

// A store with 10 events in stream "s" (payloads s1..s10) interleaved with 5 in "other".
class ReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore(dir_.path());
    ASSERT_NE(store_, nullptr);
    int s = 0;
    int o = 0;
    for (int round = 0; round < 5; ++round) {
      std::vector<std::string> two = {"s" + std::to_string(++s), "s" + std::to_string(++s)};
      ASSERT_THAT(store_->Append(Request("s", two)), IsOk());
      ASSERT_THAT(store_->Append(Request("other", {"o" + std::to_string(++o)})), IsOk());
    }
  }

  TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(ReadTest, ReadStreamFromTheStart) {
  std::vector<RecordedEvent> events = ReadStreamOk(*store_, "s", 1, 100);
  ASSERT_EQ(events.size(), 10u);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].stream_id, "s");
    EXPECT_EQ(events[i].version.value(), i + 1);
    EXPECT_EQ(events[i].payload, "s" + std::to_string(i + 1));
  }
  // Positions: s1 s2 o1 s3 s4 o2 ...
  EXPECT_EQ(events[0].position.value(), 1u);
  EXPECT_EQ(events[1].position.value(), 2u);
  EXPECT_EQ(events[2].position.value(), 4u);
  EXPECT_EQ(events[9].position.value(), 14u);
}

TEST_F(ReadTest, ReadStreamFromAVersion) {
  std::vector<RecordedEvent> events = ReadStreamOk(*store_, "s", 7, 100);
  EXPECT_EQ(Payloads(events), (std::vector<std::string>{"s7", "s8", "s9", "s10"}));
  EXPECT_EQ(Payloads(ReadStreamOk(*store_, "s", 10, 100)), std::vector<std::string>{"s10"});
  EXPECT_TRUE(ReadStreamOk(*store_, "s", 11, 100).empty());
  EXPECT_TRUE(ReadStreamOk(*store_, "s", 1'000'000, 100).empty());
}

TEST_F(ReadTest, ReadStreamPagesWithMax) {
  std::vector<std::string> seen;
  uint64_t from = 1;
  int pages = 0;
  for (;;) {
    std::vector<RecordedEvent> page = ReadStreamOk(*store_, "s", from, 3);
    if (page.empty()) break;
    ASSERT_LE(page.size(), 3u);
    EXPECT_EQ(page.front().version.value(), from);
    for (const RecordedEvent& e : page) seen.push_back(e.payload);
    from = page.back().version.value() + 1;
    ASSERT_LT(++pages, 10);
  }
  EXPECT_EQ(pages, 4);  // 3 + 3 + 3 + 1
  ASSERT_EQ(seen.size(), 10u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], "s" + std::to_string(i + 1));
  EXPECT_EQ(ReadStreamOk(*store_, "s", 1, 1).size(), 1u);
}

TEST_F(ReadTest, ReadStreamOfAnUnknownStreamIsEmpty) {
  EXPECT_TRUE(ReadStreamOk(*store_, "nope", 1, 100).empty());
  EXPECT_TRUE(ReadStreamOk(*store_, "S", 1, 100).empty());  // ids are case-sensitive
  EXPECT_TRUE(ReadStreamOk(*store_, "s ", 1, 100).empty());
  EXPECT_EQ(store_->StreamHead("nope")->value(), 0u);
}

TEST_F(ReadTest, ReadStreamAndReadAllReturnTheSameRecords) {
  std::vector<RecordedEvent> all = ReadAllOk(*store_, 1, 100);
  ASSERT_EQ(all.size(), 15u);
  std::vector<RecordedEvent> s = ReadStreamOk(*store_, "s", 1, 100);
  for (const RecordedEvent& e : s) {
    ASSERT_GE(e.position.value(), 1u);
    ASSERT_LE(e.position.value(), all.size());
    EXPECT_TRUE(e == all[e.position.value() - 1]) << "position " << e.position.value();
  }
}

TEST_F(ReadTest, ReadAllFromThePositionOn) {
  std::vector<RecordedEvent> all = ReadAllOk(*store_, 1, 100);
  ASSERT_EQ(all.size(), 15u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].position.value(), i + 1);
  std::vector<RecordedEvent> tail = ReadAllOk(*store_, 13, 100);
  ASSERT_EQ(tail.size(), 3u);
  EXPECT_EQ(tail[0].position.value(), 13u);
  EXPECT_EQ(tail[2].position.value(), 15u);
  EXPECT_TRUE(tail[0] == all[12]);
  EXPECT_EQ(ReadAllOk(*store_, 15, 100).size(), 1u);
}

TEST_F(ReadTest, ReadAllBeyondTheHeadIsEmpty) {
  EXPECT_TRUE(ReadAllOk(*store_, 16, 100).empty());
  EXPECT_TRUE(ReadAllOk(*store_, 1'000'000, 100).empty());
  EXPECT_TRUE(ReadAllOk(*store_, UINT64_MAX, 100).empty());
}

TEST_F(ReadTest, ReadAllPagesThroughEverything) {
  for (std::size_t page_size : {1u, 2u, 4u, 7u, 15u, 16u}) {
    SCOPED_TRACE("page size " + std::to_string(page_size));
    uint64_t next = 1;
    int pages = 0;
    for (;;) {
      std::vector<RecordedEvent> page = ReadAllOk(*store_, next, page_size);
      if (page.empty()) break;
      ASSERT_LE(page.size(), page_size);
      for (const RecordedEvent& e : page) {
        ASSERT_EQ(e.position.value(), next) << "gap or repeat";
        ++next;
      }
      ASSERT_LT(++pages, 100);
    }
    EXPECT_EQ(next, 16u);
  }
}

// What a RecordView shows, copied, so that views can be compared after their call.
struct Seen {
  uint64_t position;
  std::string stream_id, type, payload, principal, agency, command_id;
  uint64_t version;
  Timestamp recorded_at;
  Hash prev_hash, hash;
  friend bool operator==(const Seen&, const Seen&) = default;
};

Seen Copy(const RecordView& v) {
  return Seen{v.position.value(),
              std::string(v.stream_id),
              std::string(v.type),
              std::string(v.payload),
              std::string(v.principal),
              std::string(v.agency),
              std::string(v.command_id),
              v.version.value(),
              v.recorded_at,
              v.prev_hash,
              v.hash};
}

std::vector<Seen> ScanAllOk(const EventStore& store, uint64_t from, std::size_t stop_after = 0) {
  std::vector<Seen> seen;
  Status s = store.ScanAll(Position(from), [&](const RecordView& view) {
    seen.push_back(Copy(view));
    return stop_after == 0 || seen.size() < stop_after;
  });
  EXPECT_TRUE(s.ok()) << "ScanAll(" << from << "): " << s.ToString();
  return seen;
}

TEST_F(ReadTest, ScanAllVisitsWhatReadAllReturns) {
  for (uint64_t from : {0ull, 1ull, 2ull, 13ull, 15ull, 16ull, 1'000'000ull}) {
    SCOPED_TRACE("from " + std::to_string(from));
    std::vector<Seen> expected;
    for (const RecordedEvent& e : ReadAllOk(*store_, from, 100))
      expected.push_back(Copy(ViewOf(e)));
    EXPECT_EQ(ScanAllOk(*store_, from), expected);
  }
  EXPECT_EQ(ScanAllOk(*store_, 1).size(), 15u);
}

TEST_F(ReadTest, ScanAllStopsWhenTheVisitorSaysSo) {
  std::vector<Seen> seen = ScanAllOk(*store_, 3, 4);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen.front().position, 3u);
  EXPECT_EQ(seen.back().position, 6u);
}

TEST(ScanAllTest, ViewsCarryTheMetadataAndHashes) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  EventData event = Event("trygg.v1.MeasureStarted", std::string("\0binary\xff", 8));
  event.metadata.principal = "handlaggare";
  event.metadata.agency = "polisen-lpo-varnamo";
  event.metadata.command_id = "cmd-7";
  event.metadata.extra = {{"trace-id", "abc"}};
  ASSERT_THAT(store->Append(::trygg::testing::Request("measure-m1", {event, Event()})), IsOk());

  std::vector<Seen> seen = ScanAllOk(*store, 1);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].type, "trygg.v1.MeasureStarted");
  EXPECT_EQ(seen[0].payload, event.payload);
  EXPECT_EQ(seen[0].principal, "handlaggare");
  EXPECT_EQ(seen[0].agency, "polisen-lpo-varnamo");
  EXPECT_EQ(seen[0].command_id, "cmd-7");
  EXPECT_EQ(seen[0].stream_id, "measure-m1");
  EXPECT_EQ(seen[1].version, 2u);
  EXPECT_EQ(seen[1].prev_hash, seen[0].hash);
  EXPECT_EQ(seen[1].hash, store->Head().hash);
}

TEST(ScanAllTest, ARecordThatDoesNotDecodeEndsTheScanWithDataLoss) {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 5; ++i) ASSERT_THAT(store->Append(::trygg::testing::Request("s")), IsOk());
  }
  {
    RawDb raw(dir.path());
    ASSERT_THAT(raw, IsOk());
    raw.Put("log", BigEndianKey(3), "not a record");
  }
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<uint64_t> visited;
  Status s = store->ScanAll(Position(1), [&](const RecordView& view) {
    visited.push_back(view.position.value());
    return true;
  });
  EXPECT_EQ(s.code(), Code::kDataLoss) << s.ToString();
  EXPECT_EQ(visited, (std::vector<uint64_t>{1, 2}));
}

TEST_F(ReadTest, HeadAndStreamHead) {
  const LogHead head = store_->Head();
  EXPECT_EQ(head.position.value(), 15u);
  std::vector<RecordedEvent> last = ReadAllOk(*store_, 15, 1);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(head.hash, last[0].hash);
  EXPECT_EQ(store_->StreamHead("s")->value(), 10u);
  EXPECT_EQ(store_->StreamHead("other")->value(), 5u);
  EXPECT_EQ(store_->StreamHead("missing")->value(), 0u);

  ASSERT_THAT(store_->Append(Request("other", {"o6", "o7"})), IsOk());
  EXPECT_EQ(store_->Head().position.value(), 17u);
  EXPECT_EQ(store_->StreamHead("other")->value(), 7u);
  EXPECT_EQ(store_->StreamHead("s")->value(), 10u);
}

TEST(ReadEmptyStoreTest, HeadIsPositionZeroAndZeroHash) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const LogHead head = store->Head();
  EXPECT_EQ(head.position.value(), 0u);
  EXPECT_EQ(head.hash, Hash{}) << ToHex(head.hash);
  EXPECT_TRUE(head == LogHead{});
  EXPECT_TRUE(ReadAllOk(*store, 1, 100).empty());
  EXPECT_TRUE(ReadStreamOk(*store, "s", 1, 100).empty());
  EXPECT_EQ(store->StreamHead("s")->value(), 0u);
}

TEST(ReadPrefixStreamsTest, StreamsWhoseIdsArePrefixesDoNotBleed) {
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  // "a" < "a-b" < "ab" < "abc" < "b" byte-wise; "a" is a prefix of all but "b".
  const std::vector<std::string> ids = {"a", "ab", "a-b", "abc", "b", "a0", "a "};
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::map<std::string, std::vector<std::string>> expected;
  for (int i = 0; i < 120; ++i) {
    const std::string& id = ids[rng() % ids.size()];
    const std::string payload = id + "#" + std::to_string(expected[id].size() + 1);
    expected[id].push_back(payload);
    ASSERT_THAT(store->Append(Request(id, {payload})), IsOk());
  }
  for (const std::string& id : ids) {
    SCOPED_TRACE("stream '" + id + "'");
    std::vector<RecordedEvent> events = ReadStreamOk(*store, id, 1, 1000);
    EXPECT_EQ(Payloads(events), expected[id]);
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].stream_id, id);
      EXPECT_EQ(events[i].version.value(), i + 1);
    }
    EXPECT_EQ(store->StreamHead(id)->value(), expected[id].size());
    // Reading from past the end does not run into the next stream's keys.
    EXPECT_TRUE(ReadStreamOk(*store, id, expected[id].size() + 1, 1000).empty());
  }
  // Streams that do not exist but sort between existing ones.
  for (const char* id : {"a-", "aa", "ab0", "abcd", "c", "A"}) {
    EXPECT_TRUE(ReadStreamOk(*store, id, 1, 1000).empty()) << id;
    EXPECT_EQ(store->StreamHead(id)->value(), 0u) << id;
  }
}

TEST(ReadPrefixStreamsTest, VersionsBeyondOneByteDoNotReorder) {
  // Versions above 255 (and 65535) must still come back in numeric order.
  TempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<std::string> payloads;
    for (int i = 0; i < 100; ++i) payloads.push_back(std::to_string(batch * 100 + i + 1));
    ASSERT_THAT(store->Append(Request("s", payloads)), IsOk());
  }
  std::vector<RecordedEvent> events = ReadStreamOk(*store, "s", 250, 20);
  ASSERT_EQ(events.size(), 20u);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].version.value(), 250 + i);
    EXPECT_EQ(events[i].payload, std::to_string(250 + i));
  }
}

}  // namespace
}  // namespace trygg::eventstore

namespace trygg::eventstore {
namespace {

// StreamHead and ReadStream first ask the stream index for one version with a bloom-filtered
// point lookup; the answers must be the same from the memtable and from flushed table files (a
// checkpoint flushes every memtable), and a reopened writer must continue each stream's versions.
TEST(ReadFlushedStreamsTest, HeadsAndReadsFromTableFilesAndAppendsContinueTheVersions) {
  TempDir dir;
  auto store = OpenStore(dir.path() / "store");
  ASSERT_NE(store, nullptr);
  constexpr int kStreams = 40;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < kStreams; ++i) {
      const std::string id = "measure-" + std::to_string(i);
      ASSERT_THAT(store->Append(Request(id, {id + "#" + std::to_string(round + 1)})), IsOk());
    }
  }
  ASSERT_THAT(store->Checkpoint(dir.path() / "copy"), IsOk());
  store.reset();
  auto copy = OpenStore(dir.path() / "copy");
  ASSERT_NE(copy, nullptr);
  for (int i = 0; i < kStreams; ++i) {
    const std::string id = "measure-" + std::to_string(i);
    EXPECT_EQ(copy->StreamHead(id)->value(), 3u) << id;
    EXPECT_EQ(Payloads(ReadStreamOk(*copy, id, 2, 100)),
              (std::vector<std::string>{id + "#2", id + "#3"}));
    EXPECT_TRUE(ReadStreamOk(*copy, id, 4, 100).empty()) << id;
    EXPECT_EQ(copy->StreamHead(id + "x")->value(), 0u) << id;  // absent, sorts among them
    EXPECT_TRUE(ReadStreamOk(*copy, id + "x", 1, 100).empty()) << id;
  }
  Result<AppendResult> next = copy->Append(Request("measure-7", {"measure-7#4"}));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->stream_version.value(), 4u);
  Result<AppendResult> fresh = copy->Append(Request("measure-70", {"measure-70#1"}));
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->stream_version.value(), 1u);
}

}  // namespace
}  // namespace trygg::eventstore
