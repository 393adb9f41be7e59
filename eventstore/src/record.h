// The storage format, version 1: column families, keys and values. docs/storage-format.md is the
// specification; every constant and layout here must match it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "sha256.h"
#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"

namespace trygg::eventstore::format {

inline constexpr uint32_t kFormatVersion = 1;

// Column families.
inline constexpr char kLogCf[] = "log";
inline constexpr char kStreamsCf[] = "streams";
inline constexpr char kIdempotencyCf[] = "idempotency";
inline constexpr char kMetaCf[] = "meta";
inline constexpr char kSnapshotsCf[] = "snapshots";

// Keys in `meta`.
inline constexpr char kMetaStoreKey[] = "store";
inline constexpr char kMetaFormatVersionKey[] = "format_version";
inline constexpr char kMetaHeadKey[] = "head";
inline constexpr char kStoreMarker[] = "trygg-eventstore";

// Record kinds (the first byte of a `log` value). Only ever add.
inline constexpr uint8_t kEventRecordKind = 1;
// Kinds of `idempotency` values.
inline constexpr uint8_t kIdempotencyKind = 1;

// A record body is a prefix that the submitting thread can encode (kind, stream id, type,
// payload, metadata) followed by a fixed-size suffix that only the writer knows (version,
// position, commit time, previous hash). Hashing the prefix early leaves the writer only the
// suffix to hash.
inline constexpr std::size_t kRecordSuffixBytes = 8 + 8 + 8 + 32;
using RecordSuffix = std::array<char, kRecordSuffixBytes>;

// Appends the body's prefix for one event (kind, stream id, type, payload, metadata) to `out`.
void EncodeRecordPrefix(std::string& out, std::string_view stream_id, std::string_view type,
                        std::string_view payload, const Metadata& metadata);

class RecordPrefix {
 public:
  RecordPrefix(std::string_view stream_id, const EventData& event);
  const std::string& bytes() const { return bytes_; }
  // SHA-256 of prefix ‖ suffix: the record's hash. Call once.
  Hash Seal(const RecordSuffix& suffix);

 private:
  std::string bytes_;
  Sha256Hasher hasher_;  // has consumed bytes_
};

RecordSuffix EncodeRecordSuffix(StreamVersion version, Position position, Timestamp recorded_at,
                                const Hash& prev_hash);

// Decodes a `log` value into `out` (reusing its buffers); `hash` is taken from the value's
// trailer, not recomputed. kDataLoss when the value is not a well-formed record.
Status DecodeRecordInto(std::string_view value, RecordedEvent& out);
// The same as views of `value`, without copying; the metadata extras are checked, not decoded.
Status DecodeRecordView(std::string_view value, RecordView& out);
Result<RecordedEvent> DecodeRecord(std::string_view value);
// The record body of a `log` value (all but the trailing hash), or nullopt when too short.
std::optional<std::string_view> RecordBody(std::string_view value);

// `log` key.
std::string LogKey(Position position);
// `streams` keys: stream id, a zero byte, the version; and the prefix shared by one stream's keys.
std::string StreamKey(std::string_view stream_id, StreamVersion version);
std::string StreamPrefix(std::string_view stream_id);
struct StreamKeyParts {
  std::string_view stream_id;
  StreamVersion version;
};
std::optional<StreamKeyParts> ParseStreamKey(std::string_view key);

// `meta/head`.
std::string EncodeHead(const LogHead& head);
std::optional<LogHead> DecodeHead(std::string_view value);

// `idempotency` values.
struct IdempotencyEntry {
  Hash request_digest;
  AppendResult result;  // deduplicated is not stored
};
std::string EncodeIdempotency(const IdempotencyEntry& entry);
std::optional<IdempotencyEntry> DecodeIdempotency(std::string_view value);
// SHA-256 of the canonical encoding of a request (everything but its idempotency key).
Hash RequestDigest(const AppendRequest& request);

}  // namespace trygg::eventstore::format
