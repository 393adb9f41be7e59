// Damage a closed store through raw RocksDB, one kind of damage per test, and check that
// EventStore::Verify names the first damaged position (docs/storage-format.md, "The hash chain").
// Also: Open refuses databases that are not trygg stores, or are of a newer format version.
#include <openssl/sha.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "testutil/raw_db.h"
#include "testutil/status_matchers.h"
#include "testutil/temp_dir.h"
#include "trygg/eventstore/event_store.h"

using ::trygg::testing::IsOk;

namespace trygg::eventstore {
namespace {

using ::trygg::testing::BigEndianKey;
using ::trygg::testing::RawDb;

constexpr uint64_t kEvents = 50;
constexpr int kStreams = 5;
// Where the tail walks below start (VerifyOptions::from): before every damaged position the tests
// choose, so a tail walk must find the same first bad position as the whole walk.
constexpr uint64_t kTailFrom = 10;
constexpr std::size_t kHashBytes = 32;
// The body starts with the kind byte and ends with stream version u64 ‖ position u64 ‖
// recorded at i64 ‖ prev hash (docs/storage-format.md).
constexpr std::size_t kKindBytes = 1;
constexpr std::size_t kFixedSuffixBytes = 8 + 8 + 8 + kHashBytes;

uint64_t DecodeU64(std::string_view bytes) {
  uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

std::string EncodeU32(uint32_t v) {
  std::string out(4, '\0');
  for (int i = 3; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

std::string Sha256(std::string_view bytes) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

// Reads a varint at `*offset` of `bytes`, advancing the offset.
uint64_t ReadVarint(std::string_view bytes, std::size_t* offset) {
  uint64_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*offset >= bytes.size()) {
      ADD_FAILURE() << "truncated varint";
      return 0;
    }
    const auto b = static_cast<uint8_t>(bytes[(*offset)++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ADD_FAILURE() << "varint longer than 5 bytes";
  return v;
}

// Where the payload bytes of a record value lie: [offset, offset + size).
struct PayloadSpan {
  std::size_t offset = 0;
  std::size_t size = 0;
};

PayloadSpan FindPayload(std::string_view value) {
  std::size_t offset = kKindBytes;
  offset += ReadVarint(value, &offset);  // stream id
  offset += ReadVarint(value, &offset);  // type
  PayloadSpan span;
  span.size = ReadVarint(value, &offset);
  span.offset = offset;
  return span;
}

std::string StreamName(int i) { return "tamper-" + std::to_string(i); }

std::string StreamIndexKey(std::string_view stream, uint64_t version) {
  std::string key(stream);
  key.push_back('\0');
  key += BigEndianKey(version);
  return key;
}

class TamperTest : public ::testing::Test {
 protected:
  // Builds a store of kEvents single-event appends, round-robin over kStreams streams, and
  // closes it. Remembers each position's stream and version.
  void SetUp() override {
    auto store = EventStore::Open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (uint64_t i = 0; i < kEvents; ++i) {
      AppendRequest request;
      request.stream_id = StreamName(static_cast<int>(i % kStreams));
      EventData event;
      event.type = "tamper.Event";
      event.payload = "payload of event " + std::to_string(i) + ", long enough to damage";
      event.metadata.principal = "anna";
      request.events.push_back(std::move(event));
      Result<AppendResult> result = (*store)->Append(std::move(request));
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      ASSERT_EQ(result->first_position.value(), i + 1);
      streams_[i + 1] = {StreamName(static_cast<int>(i % kStreams)),
                         result->stream_version.value()};
    }
  }

  // Reopens the store and verifies it; the store must open.
  VerifyReport Reverify(const VerifyOptions& options = {}) {
    auto store = EventStore::Open(dir_.path());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return {};
    Result<VerifyReport> report = (*store)->Verify(options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) return {};
    return *report;
  }

  // Opens the closed store's raw database for `damage` to change, and closes it again.
  void Damage(const std::function<void(RawDb&)>& damage) {
    RawDb raw(dir_.path());
    ASSERT_THAT(raw, IsOk());
    damage(raw);
  }

  // Verifies and expects the first bad position to be `expected`, with a reason; likewise the
  // tail walk from kTailFrom unless `tail_sees_it` is false (damage only a whole walk of the
  // stream index can see, which the tail walk must then pass).
  void ExpectFirstBad(uint64_t expected, bool tail_sees_it = true) {
    ExpectReportBad(Reverify(), expected);
    VerifyOptions tail;
    tail.from = Position(kTailFrom);
    VerifyReport report = Reverify(tail);
    if (tail_sees_it) {
      SCOPED_TRACE("the tail walk from " + std::to_string(kTailFrom));
      ExpectReportBad(report, expected);
    } else {
      EXPECT_TRUE(report.ok()) << "tail walk: " << report.problem;
    }
  }

  static void ExpectReportBad(const VerifyReport& report, uint64_t expected) {
    ASSERT_TRUE(report.first_bad_position.has_value())
        << "damage not detected; events_checked=" << report.events_checked;
    EXPECT_EQ(report.first_bad_position->value(), expected) << "problem: " << report.problem;
    EXPECT_FALSE(report.problem.empty());
  }

  static VerifyOptions From(uint64_t position) {
    VerifyOptions options;
    options.from = Position(position);
    return options;
  }

  trygg::testing::TempDir dir_;
  std::map<uint64_t, std::pair<std::string, uint64_t>> streams_;  // position -> stream, version
};

TEST_F(TamperTest, IntactStoreVerifies) {
  auto store = EventStore::Open(dir_.path());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  Result<VerifyReport> report = (*store)->Verify(
      [&calls](uint64_t checked, uint64_t total) { calls.emplace_back(checked, total); });
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->ok()) << "first bad " << report->first_bad_position->value() << ": "
                            << report->problem;
  EXPECT_TRUE(report->problem.empty());
  EXPECT_EQ(report->events_checked, kEvents);
  EXPECT_EQ(report->head.position.value(), kEvents);
  EXPECT_EQ(report->head, (*store)->Head());
  ASSERT_FALSE(calls.empty()) << "progress callback never called";
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].second, kEvents) << "call " << i;
    EXPECT_LE(calls[i].first, calls[i].second) << "call " << i;
    if (i > 0) {
      EXPECT_GE(calls[i].first, calls[i - 1].first) << "progress went backwards at call " << i;
    }
  }
  EXPECT_EQ(calls.back().first, kEvents);
}

TEST_F(TamperTest, IntactStoreVerifiesFromTheTail) {
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  VerifyOptions options = From(kEvents - 9);
  options.progress = [&calls](uint64_t checked, uint64_t total) {
    calls.emplace_back(checked, total);
  };
  VerifyReport report = Reverify(options);
  EXPECT_TRUE(report.ok()) << report.problem;
  EXPECT_EQ(report.events_checked, 10u);
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), std::make_pair(uint64_t{10}, uint64_t{10}));

  // A tail beyond the head is the head's own record.
  report = Reverify(From(kEvents + 100));
  EXPECT_TRUE(report.ok()) << report.problem;
  EXPECT_EQ(report.events_checked, 1u);
}

// The tail walk reads its anchor (the record before `from`) and checks its hash, but reads
// nothing before it: damage there is the whole walk's to find.
TEST_F(TamperTest, TheTailWalkChecksItsAnchorButNothingBefore) {
  auto flip_payload = [](RawDb& raw, uint64_t position) {
    std::string value = raw.Record(position);
    const PayloadSpan payload = FindPayload(value);
    ASSERT_GT(payload.size, 4u);
    value[payload.offset + 1] ^= 0x01;
    raw.Put("log", BigEndianKey(position), value);
  };
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) { flip_payload(raw, kTailFrom - 2); }));
  EXPECT_TRUE(Reverify(From(kTailFrom)).ok());
  ExpectReportBad(Reverify(), kTailFrom - 2);

  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) { flip_payload(raw, kTailFrom - 1); }));
  ExpectReportBad(Reverify(From(kTailFrom)), kTailFrom - 1);
}

TEST_F(TamperTest, TheTailWalkNeedsItsAnchor) {
  ASSERT_NO_FATAL_FAILURE(
      Damage([&](RawDb& raw) { raw.Delete("log", BigEndianKey(kTailFrom - 1)); }));
  VerifyReport report = Reverify(From(kTailFrom));
  ExpectReportBad(report, kTailFrom - 1);
  EXPECT_NE(report.problem.find("missing"), std::string::npos) << report.problem;
}

// A stream first met in the tail must continue a version the index places before the tail: with
// that entry gone, the tail walk reports the record that continues it.
TEST_F(TamperTest, TheTailWalkNeedsEachStreamsVersionBeforeIt) {
  const auto& [stream, version] = streams_.at(kTailFrom);
  ASSERT_GT(version, 1u);
  const uint64_t earlier = kTailFrom - kStreams;  // round-robin: the stream's previous record
  ASSERT_EQ(streams_.at(earlier), std::make_pair(stream, version - 1));
  ASSERT_NO_FATAL_FAILURE(
      Damage([&](RawDb& raw) { raw.Delete("streams", StreamIndexKey(stream, version - 1)); }));
  ExpectReportBad(Reverify(), earlier);
  VerifyReport report = Reverify(From(kTailFrom));
  ExpectReportBad(report, kTailFrom);
  EXPECT_NE(report.problem.find("stream index"), std::string::npos) << report.problem;
}

TEST_F(TamperTest, FlippedPayloadByte) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    std::string value = raw.Record(kBad);
    const PayloadSpan payload = FindPayload(value);
    ASSERT_GT(payload.size, 4u);
    ASSERT_LE(payload.offset + payload.size, value.size() - kHashBytes);
    value[payload.offset + payload.size / 2] ^= 0x01;
    raw.Put("log", BigEndianKey(kBad), value);
  }));
  ExpectFirstBad(kBad);
}

TEST_F(TamperTest, FlippedTrailingHashByte) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    std::string value = raw.Record(kBad);
    ASSERT_GT(value.size(), kKindBytes + kFixedSuffixBytes + kHashBytes);
    value[value.size() - kHashBytes / 2] ^= 0x80;
    raw.Put("log", BigEndianKey(kBad), value);
  }));
  ExpectFirstBad(kBad);
}

// Record n is rewritten consistently (body and trailing hash agree), but record n+1 still holds
// the old hash as its prev hash.
TEST_F(TamperTest, RewrittenBodyWithRecomputedHash) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    const std::string value = raw.Record(kBad);
    std::string body = value.substr(0, value.size() - kHashBytes);
    ASSERT_EQ(Sha256(body), value.substr(value.size() - kHashBytes))
        << "trailing hash is not SHA-256 of the body; the storage format changed?";
    const PayloadSpan payload = FindPayload(value);
    ASSERT_GT(payload.size, 4u);
    body[payload.offset] = body[payload.offset] == 'X' ? 'Y' : 'X';
    raw.Put("log", BigEndianKey(kBad), body + Sha256(body));
  }));
  ExpectFirstBad(kBad);
}

TEST_F(TamperTest, DeletedMiddleRecord) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) { raw.Delete("log", BigEndianKey(kBad)); }));
  ExpectFirstBad(kBad);
}

TEST_F(TamperTest, SwappedRecords) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    const std::string a = raw.Record(kBad);
    const std::string b = raw.Record(kBad + 1);
    raw.Put("log", BigEndianKey(kBad), b);
    raw.Put("log", BigEndianKey(kBad + 1), a);
  }));
  ExpectFirstBad(kBad);
}

// meta/head still names position kEvents, which is gone.
TEST_F(TamperTest, DeletedLastRecord) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) { raw.Delete("log", BigEndianKey(kEvents)); }));
  ExpectFirstBad(kEvents);
}

TEST_F(TamperTest, ChangedHeadHash) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    std::optional<std::string> head = raw.Get("meta", "head");
    ASSERT_TRUE(head.has_value());
    ASSERT_EQ(head->size(), 8 + kHashBytes);
    ASSERT_EQ(DecodeU64(*head), kEvents);
    (*head)[8 + 3] ^= 0x10;
    raw.Put("meta", "head", *head);
  }));
  ExpectFirstBad(kEvents);
}

TEST_F(TamperTest, DeletedStreamIndexEntry) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    const auto& [stream, version] = streams_.at(kBad);
    const std::string key = StreamIndexKey(stream, version);
    std::optional<std::string> entry = raw.Get("streams", key);
    ASSERT_TRUE(entry.has_value()) << "no index entry for " << stream << " v" << version;
    ASSERT_EQ(*entry, BigEndianKey(kBad));
    raw.Delete("streams", key);
  }));
  ExpectFirstBad(kBad);
}

// An extra index entry (a version the stream does not have) pointing at record n: record n now
// has two entries.
TEST_F(TamperTest, BogusExtraStreamIndexEntry) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    const std::string& stream = streams_.at(kBad).first;
    const uint64_t bogus_version = kEvents / kStreams + 7;
    const std::string key = StreamIndexKey(stream, bogus_version);
    ASSERT_FALSE(raw.Get("streams", key).has_value());
    raw.Put("streams", key, BigEndianKey(kBad));
  }));
  ExpectFirstBad(kBad, /*tail_sees_it=*/false);
}

// The entry for record n points at record n+1 instead: n has none, n+1 has two.
TEST_F(TamperTest, RedirectedStreamIndexEntry) {
  constexpr uint64_t kBad = 20;
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    const auto& [stream, version] = streams_.at(kBad);
    const std::string key = StreamIndexKey(stream, version);
    ASSERT_TRUE(raw.Get("streams", key).has_value());
    raw.Put("streams", key, BigEndianKey(kBad + 1));
  }));
  ExpectFirstBad(kBad);
}

// An index entry for a stream that has no records, pointing past the head. No record is
// damaged, so only detection is required, not a particular position.
TEST_F(TamperTest, DanglingStreamIndexEntry) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    raw.Put("streams", StreamIndexKey("no-such-stream", 1), BigEndianKey(kEvents + 100));
  }));
  VerifyReport report = Reverify();
  EXPECT_TRUE(report.first_bad_position.has_value()) << "dangling index entry not detected";
  EXPECT_FALSE(report.problem.empty());
  // The tail walk looks up the entries of the records it walks, not every entry.
  EXPECT_TRUE(Reverify(From(kTailFrom)).ok());
}

// --- Open refuses what is not a (readable) trygg store ---

TEST(OpenRefusalTest, PlainRocksDbWithoutStoreMarker) {
  trygg::testing::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir.path().string(), &db);
    ASSERT_TRUE(s.ok()) << s.ToString();
    std::unique_ptr<rocksdb::DB> owned(db);
    ASSERT_THAT(owned->Put(rocksdb::WriteOptions(), "some", "data"), IsOk());
    ASSERT_THAT(owned->Close(), IsOk());
  }
  auto store = EventStore::Open(dir.path());
  ASSERT_FALSE(store.ok()) << "opened a plain RocksDB database as a store";
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status().ToString();
}

TEST_F(TamperTest, OpenRefusesMissingStoreMarker) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) { raw.Delete("meta", "store"); }));
  auto store = EventStore::Open(dir_.path());
  ASSERT_FALSE(store.ok()) << "opened a database without meta/store";
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status().ToString();
}

TEST_F(TamperTest, OpenRefusesWrongStoreMarker) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    ASSERT_EQ(raw.Get("meta", "store"), std::optional<std::string>("trygg-eventstore"));
    raw.Put("meta", "store", "something-else");
  }));
  auto store = EventStore::Open(dir_.path());
  ASSERT_FALSE(store.ok()) << "opened a database whose meta/store is not trygg-eventstore";
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status().ToString();
}

TEST_F(TamperTest, OpenRefusesNewerFormatVersion) {
  ASSERT_NO_FATAL_FAILURE(Damage([&](RawDb& raw) {
    ASSERT_EQ(raw.Get("meta", "format_version"), std::optional<std::string>(EncodeU32(1)));
    raw.Put("meta", "format_version", EncodeU32(2));
  }));
  auto store = EventStore::Open(dir_.path());
  ASSERT_FALSE(store.ok()) << "opened a store of format version 2";
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status().ToString();
  std::string message = store.status().message();
  std::transform(message.begin(), message.end(), message.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_NE(message.find("version"), std::string::npos) << store.status().ToString();
  EXPECT_NE(message.find('2'), std::string::npos) << store.status().ToString();
}

}  // namespace
}  // namespace trygg::eventstore
