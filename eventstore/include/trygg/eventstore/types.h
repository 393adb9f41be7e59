// The event store's vocabulary: positions, versions, events as written and as recorded.
// Plain values; no dependency on RocksDB.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trygg::eventstore {

// A uint64 that cannot be mixed up with another kind of uint64.
template <typename Tag>
class Counter {
 public:
  constexpr Counter() = default;
  constexpr explicit Counter(uint64_t value) : value_(value) {}
  constexpr uint64_t value() const { return value_; }
  constexpr Counter next() const { return Counter(value_ + 1); }
  friend constexpr auto operator<=>(Counter, Counter) = default;

 private:
  uint64_t value_ = 0;
};

// Global position in the log: 1 for the first event ever appended, gap-free. 0 = "before the
// first event".
using Position = Counter<struct PositionTag>;
// Version of an event within its stream: 1 for the stream's first event, gap-free. A stream at
// version 0 does not exist.
using StreamVersion = Counter<struct StreamVersionTag>;

// Microseconds since the Unix epoch, UTC.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// SHA-256 digest.
using Hash = std::array<uint8_t, 32>;
// Lower-case hex, 64 characters.
std::string ToHex(const Hash& hash);
// The reverse: nullopt unless exactly 64 hex digits (either case).
std::optional<Hash> FromHex(std::string_view hex);

// What an append expects of the stream it writes to.
class ExpectedVersion {
 public:
  enum class Kind { kAny, kNoStream, kExactly };
  // Whatever the stream's version (including a stream that does not exist yet).
  static constexpr ExpectedVersion Any() { return ExpectedVersion(Kind::kAny, StreamVersion()); }
  // The stream must not exist yet (same as Exactly(StreamVersion(0))).
  static constexpr ExpectedVersion NoStream() {
    return ExpectedVersion(Kind::kNoStream, StreamVersion());
  }
  // The stream's current version must be exactly `version`.
  static constexpr ExpectedVersion Exactly(StreamVersion version) {
    return version.value() == 0 ? NoStream() : ExpectedVersion(Kind::kExactly, version);
  }

  constexpr Kind kind() const { return kind_; }
  // Meaningful for kExactly; 0 for kNoStream.
  constexpr StreamVersion version() const { return version_; }
  friend constexpr bool operator==(ExpectedVersion, ExpectedVersion) = default;

 private:
  constexpr ExpectedVersion(Kind kind, StreamVersion version) : kind_(kind), version_(version) {}
  Kind kind_;
  StreamVersion version_;
};

// Who caused an event and why; stored with the event and covered by the hash chain.
struct Metadata {
  std::string principal;   // authenticated caller's name
  std::string agency;      // caller's agency id, may be empty
  std::string command_id;  // the client's command / idempotency id, may be empty
  std::vector<std::pair<std::string, std::string>> extra;  // any further key/values, in order

  friend bool operator==(const Metadata&, const Metadata&) = default;
};

// An event as the caller hands it to Append.
struct EventData {
  std::string type;     // non-empty, e.g. "trygg.v1.MeasureProposed"
  std::string payload;  // opaque bytes
  Metadata metadata;

  friend bool operator==(const EventData&, const EventData&) = default;
};

// An event as stored: the caller's data plus what the store assigned.
struct RecordedEvent {
  Position position;
  std::string stream_id;
  StreamVersion version;
  std::string type;
  std::string payload;
  Metadata metadata;
  // Server clock at commit; never decreases along the log.
  Timestamp recorded_at;
  Hash prev_hash;  // hash of the record at position-1 (all zero for position 1)
  Hash hash;       // hash of this record's stored bytes

  friend bool operator==(const RecordedEvent&, const RecordedEvent&) = default;
};

// A stored event, borrowed: views of the bytes as the store read them, valid only during the call
// it is passed to (EventStore::ScanAll). Metadata extras are left out; RecordedEvent has them.
struct RecordView {
  Position position;
  std::string_view stream_id;
  StreamVersion version;
  std::string_view type;
  std::string_view payload;
  std::string_view principal;
  std::string_view agency;
  std::string_view command_id;
  Timestamp recorded_at;
  Hash prev_hash;
  Hash hash;
};

// The view of an event held as a RecordedEvent; valid while `event` is unchanged.
RecordView ViewOf(const RecordedEvent& event);

// One atomic append of one or more events to one stream.
struct AppendRequest {
  std::string stream_id;
  ExpectedVersion expected_version = ExpectedVersion::Any();
  std::vector<EventData> events;
  // Empty: no idempotency. Otherwise a retry with the same key and the same request returns the
  // first result and writes nothing; the same key with a different request is kAlreadyExists.
  std::string idempotency_key;
};

struct AppendResult {
  Position first_position;       // position of the first event written
  Position last_position;        // position of the last event written
  StreamVersion stream_version;  // the stream's version after the append (its last event's)
  // True when this is the stored result of an earlier append with the same idempotency key.
  bool deduplicated = false;

  friend bool operator==(const AppendResult&, const AppendResult&) = default;
};

// The last committed record: position 0 and an all-zero hash for an empty store.
struct LogHead {
  Position position;
  Hash hash{};

  friend bool operator==(const LogHead&, const LogHead&) = default;
};

}  // namespace trygg::eventstore
