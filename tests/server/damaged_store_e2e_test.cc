// trygg-server does not serve a damaged store (issue 14, item 4; docs/operations.md, "A damaged
// store is not served"): a store of more records than the start-up check walks is damaged through
// raw RocksDB, and the real binary must refuse to start, naming the position and pointing to
// trygg-audit verify, which names the same position. Also: a newer format version and a second
// server on the same data directory are refused.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server_process.h"
#include "testutil/raw_db.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

#ifndef TRYGG_AUDIT
#error "TRYGG_AUDIT must name the trygg-audit binary"
#endif

namespace trygg::testing {
namespace {

// More records than --verify-on-start tail walks (services/server/config.h,
// kVerifyOnStartRecords = 1000), so that damage can lie inside or before the tail.
constexpr uint64_t kRecords = 1500;
constexpr uint64_t kInTail = 1400;
constexpr uint64_t kBeforeTail = 100;

std::string Joined(const Output& out) {
  std::string all;
  for (const std::string& line : out.lines) all += line + "\n";
  return all;
}

class DamagedStoreTest : public ::testing::Test {
 protected:
  // kRecords events of a type the projections do not know (skipped, as a newer writer's would
  // be), in a closed store. Not synced: the store is closed cleanly before the server opens it.
  void SetUp() override {
    eventstore::Options options;
    options.sync = false;
    auto store = eventstore::EventStore::Open(data(), options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (uint64_t i = 0; i < kRecords; ++i) {
      eventstore::AppendRequest request;
      request.stream_id = "filler-" + std::to_string(i % 7);
      eventstore::EventData event;
      event.type = "test.Filler";
      event.payload = "filler payload number " + std::to_string(i);
      event.metadata.principal = "test";
      request.events.push_back(std::move(event));
      auto appended = (*store)->Append(std::move(request));
      ASSERT_TRUE(appended.ok()) << appended.status().ToString();
    }
  }

  std::filesystem::path data() const { return dir_.Sub("data"); }

  // Flips a byte in the middle of the record at `position`.
  void FlipByte(uint64_t position) {
    RawDb raw(data());
    ASSERT_TRUE(raw.ok());
    std::string value = raw.Record(position);
    value[value.size() / 2] ^= 0x01;
    raw.Put("log", BigEndianKey(position), value);
  }

  // trygg-server on the store, to completion (it must not start), with `extra` arguments.
  Output StartExpectingRefusal(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--listen",          "127.0.0.1:0", "--data",
                                     data().string(),     "--allow-anonymous"};
    args.insert(args.end(), extra.begin(), extra.end());
    Output out = RunServerWithStderr(args);
    EXPECT_EQ(out.exit_status, 1) << Joined(out);
    for (const std::string& line : out.lines) {
      EXPECT_EQ(line.find("listening on"), std::string::npos) << "it served: " << Joined(out);
    }
    return out;
  }

  // Expects the refusal to name `position` and to point to trygg-audit verify, and trygg-audit
  // verify to find the same position.
  void ExpectDamagedAt(const Output& refusal, uint64_t position) {
    const std::string text = Joined(refusal);
    EXPECT_NE(text.find("is damaged at position " + std::to_string(position) + ":"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("trygg-audit verify --data " + data().string()), std::string::npos)
        << text;
    std::vector<std::string> audit = {"-c", "exec \"$0\" \"$@\" 2>&1", TRYGG_AUDIT,
                                      "verify",   "--data", data().string()};
    Output verified = RunBinary("/bin/sh", audit);
    EXPECT_EQ(verified.exit_status, 3) << Joined(verified);
    EXPECT_NE(Joined(verified).find("failed at position " + std::to_string(position) + ":"),
              std::string::npos)
        << Joined(verified);
  }

  TempDir dir_;
};

TEST_F(DamagedStoreTest, AnIntactStoreIsServedAfterEitherCheck) {
  for (const char* check : {"tail", "full"}) {
    SCOPED_TRACE(check);
    RunningServer server(dir_, {"--allow-anonymous", "--verify-on-start", check});
    ASSERT_FALSE(server.address().empty());
    EXPECT_EQ(server.Terminate(), 0);
  }
}

TEST_F(DamagedStoreTest, AFlippedByteInTheTailStopsTheStart) {
  ASSERT_NO_FATAL_FAILURE(FlipByte(kInTail));
  ExpectDamagedAt(StartExpectingRefusal(), kInTail);
}

// The default check is the tail, so that a start costs milliseconds at any log size; damage
// before it is what --verify-on-start full (and trygg-audit verify) is for.
TEST_F(DamagedStoreTest, DamageBeforeTheTailNeedsTheFullCheck) {
  ASSERT_NO_FATAL_FAILURE(FlipByte(kBeforeTail));
  {
    RunningServer server(dir_, {"--allow-anonymous"});
    ASSERT_FALSE(server.address().empty());
    EXPECT_EQ(server.Terminate(), 0);
  }
  const Output refusal = StartExpectingRefusal({"--verify-on-start", "full"});
  ExpectDamagedAt(refusal, kBeforeTail);
  EXPECT_NE(Joined(refusal).find("verifying the whole event store (" + std::to_string(kRecords) +
                                 " records)"),
            std::string::npos)
      << Joined(refusal);
}

TEST_F(DamagedStoreTest, AMissingRecordStopsTheStart) {
  {
    RawDb raw(data());
    ASSERT_TRUE(raw.ok());
    ASSERT_NO_FATAL_FAILURE(raw.Delete("log", BigEndianKey(kInTail)));
  }
  const Output refusal = StartExpectingRefusal();
  ExpectDamagedAt(refusal, kInTail);
  EXPECT_NE(Joined(refusal).find("missing"), std::string::npos) << Joined(refusal);
}

TEST_F(DamagedStoreTest, ANewerFormatVersionStopsTheStart) {
  {
    RawDb raw(data());
    ASSERT_TRUE(raw.ok());
    ASSERT_NO_FATAL_FAILURE(raw.Put("meta", "format_version", std::string("\0\0\0\x09", 4)));
  }
  const std::string text = Joined(StartExpectingRefusal());
  EXPECT_NE(text.find("has store format version 9, newer than this build of trygg understands"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("upgrade trygg"), std::string::npos) << text;
}

TEST_F(DamagedStoreTest, ASecondServerOnTheSameStoreIsRefused) {
  RunningServer first(dir_, {"--allow-anonymous"});
  ASSERT_FALSE(first.address().empty());
  const std::string text = Joined(StartExpectingRefusal());
  EXPECT_NE(text.find("the store is already open (in this or another process)"),
            std::string::npos)
      << text;
  EXPECT_EQ(first.Terminate(), 0);
}

TEST_F(DamagedStoreTest, AnUnknownCheckIsAUsageError) {
  const Output out = RunServerWithStderr(
      {"--data", data().string(), "--allow-anonymous", "--verify-on-start", "none"});
  EXPECT_EQ(out.exit_status, 2) << Joined(out);
  EXPECT_NE(Joined(out).find("--verify-on-start"), std::string::npos) << Joined(out);
}

}  // namespace
}  // namespace trygg::testing
