// The reader checks what it decodes against what it asked for. Damage on disk is kDataLoss, not
// an abort (trygg/check.h is for trygg's own bugs): each test damages a closed store through raw
// RocksDB the way tamper_test.cc does, then reads it.
#include <gtest/gtest.h>

#include <memory>
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

// Six events, alternately in streams "a" and "b": positions 1..6, versions 1..3 of each.
class ReadCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 6; ++i) {
      ASSERT_THAT(store->Append(::trygg::testing::Request(i % 2 == 0 ? "a" : "b")), IsOk());
    }
  }

  // Damages the closed store with `damage`, then opens it again.
  template <class Damage>
  std::unique_ptr<EventStore> Damaged(Damage damage) {
    {
      RawDb raw(dir_.path());
      EXPECT_THAT(raw, IsOk());
      damage(raw);
    }
    return OpenStore(dir_.path());
  }

  TempDir dir_;
};

TEST_F(ReadCheckTest, ReadAllOfSwappedRecordsIsDataLoss) {
  auto store = Damaged([](RawDb& raw) {
    const std::string third = raw.Record(3);
    raw.Put("log", BigEndianKey(3), raw.Record(4));
    raw.Put("log", BigEndianKey(4), third);
  });
  ASSERT_NE(store, nullptr);
  std::vector<RecordedEvent> events;
  const Status read = store->ReadAll(Position(1), 10, events);
  EXPECT_EQ(read.code(), Code::kDataLoss) << read.ToString();
  EXPECT_NE(read.message().find("record 3"), std::string::npos) << read.ToString();
  // What lies before the damage still reads.
  EXPECT_THAT(store->ReadAll(Position(1), 2, events), IsOk());
}

TEST_F(ReadCheckTest, ScanAllOverAMissingRecordIsDataLoss) {
  auto store = Damaged([](RawDb& raw) { raw.Delete("log", BigEndianKey(4)); });
  ASSERT_NE(store, nullptr);
  std::vector<uint64_t> visited;
  const Status scan = store->ScanAll(Position(2), [&](const RecordView& view) {
    visited.push_back(view.position.value());
    return true;
  });
  EXPECT_EQ(scan.code(), Code::kDataLoss) << scan.ToString();
  EXPECT_NE(scan.message().find("record 4"), std::string::npos) << scan.ToString();
  EXPECT_EQ(visited, (std::vector<uint64_t>{2, 3}));
}

// Reading `stream` from its start fails with kDataLoss, with a message containing `part`.
void ExpectReadStreamDataLoss(const EventStore& store, const std::string& stream,
                              const std::string& part) {
  Result<std::vector<RecordedEvent>> read = store.ReadStream(stream, StreamVersion(1), 10);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Code::kDataLoss) << read.status().ToString();
  EXPECT_NE(read.status().message().find(part), std::string::npos) << read.status().ToString();
}

TEST_F(ReadCheckTest, ReadStreamThroughARedirectedIndexEntryIsDataLoss) {
  // Version 2 of "a" (position 3) redirected to position 4, which is version 2 of "b".
  auto store = Damaged([](RawDb& raw) {
    raw.Put("streams", std::string("a") + '\0' + BigEndianKey(2), BigEndianKey(4));
  });
  ASSERT_NE(store, nullptr);
  ExpectReadStreamDataLoss(*store, "a", "stream 'b'");
}

TEST_F(ReadCheckTest, ReadStreamOverAGapInTheIndexIsDataLoss) {
  auto store =
      Damaged([](RawDb& raw) { raw.Delete("streams", std::string("b") + '\0' + BigEndianKey(2)); });
  ASSERT_NE(store, nullptr);
  ExpectReadStreamDataLoss(*store, "b", "version 2");
}

}  // namespace
}  // namespace trygg::eventstore
