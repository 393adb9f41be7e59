#include "record.h"

#include <cstring>

#include "codec.h"
#include "sha256.h"
#include "trygg/eventstore/record_hash.h"

namespace trygg::eventstore::format {
namespace {

void PutMetadata(std::string& out, const Metadata& m) {
  codec::PutBytes(out, m.principal);
  codec::PutBytes(out, m.agency);
  codec::PutBytes(out, m.command_id);
  codec::PutVarint(out, static_cast<uint32_t>(m.extra.size()));
  for (const auto& [key, value] : m.extra) {
    codec::PutBytes(out, key);
    codec::PutBytes(out, value);
  }
}

void PutHash(std::string& out, const Hash& hash) {
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::optional<Hash> GetHash(std::string_view& in) {
  if (in.size() < sizeof(Hash)) return std::nullopt;
  Hash hash;
  std::memcpy(hash.data(), in.data(), hash.size());
  in.remove_prefix(hash.size());
  return hash;
}

bool GetString(std::string_view& in, std::string& out) {
  auto bytes = codec::GetBytes(in);
  if (!bytes) return false;
  out.assign(*bytes);
  return true;
}

bool GetMetadata(std::string_view& in, Metadata& m) {
  if (!GetString(in, m.principal) || !GetString(in, m.agency) || !GetString(in, m.command_id)) {
    return false;
  }
  auto count = codec::GetVarint(in);
  if (!count || *count > in.size()) return false;  // each entry takes at least two bytes
  m.extra.resize(*count);
  for (auto& [key, value] : m.extra) {
    if (!GetString(in, key) || !GetString(in, value)) return false;
  }
  return true;
}

Status Malformed(const char* what) {
  return Status(Code::kDataLoss, std::string("malformed record: ") + what);
}

}  // namespace

void EncodeRecordPrefix(std::string& out, std::string_view stream_id, std::string_view type,
                        std::string_view payload, const Metadata& metadata) {
  out.reserve(out.size() + stream_id.size() + type.size() + payload.size() + 64);
  codec::PutU8(out, kEventRecordKind);
  codec::PutBytes(out, stream_id);
  codec::PutBytes(out, type);
  codec::PutBytes(out, payload);
  PutMetadata(out, metadata);
}

RecordPrefix::RecordPrefix(std::string_view stream_id, const EventData& event) {
  EncodeRecordPrefix(bytes_, stream_id, event.type, event.payload, event.metadata);
  hasher_.Update(bytes_);
}

Hash RecordPrefix::Seal(const RecordSuffix& suffix) {
  hasher_.Update(std::string_view(suffix.data(), suffix.size()));
  return hasher_.Finish();
}

RecordSuffix EncodeRecordSuffix(StreamVersion version, Position position, Timestamp recorded_at,
                                const Hash& prev_hash) {
  RecordSuffix suffix;
  char* out = suffix.data();
  for (uint64_t v : {version.value(), position.value(),
                     static_cast<uint64_t>(recorded_at.time_since_epoch().count())}) {
    codec::StoreU64(out, v);
    out += 8;
  }
  std::memcpy(out, prev_hash.data(), prev_hash.size());
  return suffix;
}

std::optional<std::string_view> RecordBody(std::string_view value) {
  if (value.size() < 1 + kRecordSuffixBytes + sizeof(Hash)) return std::nullopt;
  return value.substr(0, value.size() - sizeof(Hash));
}

Status DecodeRecordInto(std::string_view value, RecordedEvent& e) {
  auto body = RecordBody(value);
  if (!body) return Malformed("too short");
  std::string_view in = *body;
  std::string_view trailer = value.substr(body->size());
  if (codec::GetU8(in) != kEventRecordKind) return Malformed("unknown record kind");
  if (!GetString(in, e.stream_id) || !GetString(in, e.type) || !GetString(in, e.payload) ||
      !GetMetadata(in, e.metadata)) {
    return Malformed("truncated field");
  }
  if (in.size() != kRecordSuffixBytes) {
    return Malformed(in.size() < kRecordSuffixBytes ? "truncated suffix"
                                                    : "unexpected bytes after the metadata");
  }
  e.version = StreamVersion(*codec::GetU64(in));
  e.position = Position(*codec::GetU64(in));
  e.recorded_at = Timestamp(std::chrono::microseconds(static_cast<int64_t>(*codec::GetU64(in))));
  e.prev_hash = *GetHash(in);
  e.hash = *GetHash(trailer);
  return Status();
}

Result<RecordedEvent> DecodeRecord(std::string_view value) {
  RecordedEvent e;
  if (Status s = DecodeRecordInto(value, e); !s.ok()) return s;
  return e;
}

std::string LogKey(Position position) { return codec::U64Key(position.value()); }

std::string StreamPrefix(std::string_view stream_id) {
  std::string key;
  key.reserve(stream_id.size() + 9);
  key.append(stream_id);
  key.push_back('\0');
  return key;
}

std::string StreamKey(std::string_view stream_id, StreamVersion version) {
  std::string key = StreamPrefix(stream_id);
  codec::PutU64(key, version.value());
  return key;
}

std::optional<StreamKeyParts> ParseStreamKey(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return std::nullopt;
  auto version = codec::ParseU64Key(key.substr(key.size() - 8));
  return StreamKeyParts{key.substr(0, key.size() - 9), StreamVersion(*version)};
}

std::string EncodeHead(const LogHead& head) {
  std::string out = codec::U64Key(head.position.value());
  PutHash(out, head.hash);
  return out;
}

std::optional<LogHead> DecodeHead(std::string_view value) {
  auto position = codec::GetU64(value);
  auto hash = GetHash(value);
  if (!position || !hash || !value.empty()) return std::nullopt;
  return LogHead{Position(*position), *hash};
}

std::string EncodeIdempotency(const IdempotencyEntry& entry) {
  std::string out;
  codec::PutU8(out, kIdempotencyKind);
  PutHash(out, entry.request_digest);
  codec::PutU64(out, entry.result.first_position.value());
  codec::PutU64(out, entry.result.last_position.value());
  codec::PutU64(out, entry.result.stream_version.value());
  return out;
}

std::optional<IdempotencyEntry> DecodeIdempotency(std::string_view value) {
  IdempotencyEntry entry;
  auto kind = codec::GetU8(value);
  auto digest = GetHash(value);
  auto first = codec::GetU64(value);
  auto last = codec::GetU64(value);
  auto version = codec::GetU64(value);
  if (kind != kIdempotencyKind || !digest || !first || !last || !version || !value.empty()) {
    return std::nullopt;
  }
  entry.request_digest = *digest;
  entry.result = AppendResult{Position(*first), Position(*last), StreamVersion(*version), false};
  return entry;
}

Hash RequestDigest(const AppendRequest& request) {
  std::string canonical;
  codec::PutBytes(canonical, request.stream_id);
  const ExpectedVersion& ev = request.expected_version;
  codec::PutU8(canonical, ev.kind() == ExpectedVersion::Kind::kAny        ? 0
                          : ev.kind() == ExpectedVersion::Kind::kNoStream ? 1
                                                                          : 2);
  codec::PutU64(canonical, ev.version().value());
  codec::PutVarint(canonical, static_cast<uint32_t>(request.events.size()));
  for (const EventData& e : request.events) {
    codec::PutBytes(canonical, e.type);
    codec::PutBytes(canonical, e.payload);
    PutMetadata(canonical, e.metadata);
  }
  return Sha256(canonical);
}

}  // namespace trygg::eventstore::format

namespace trygg::eventstore {

Hash RecordHash(const RecordedEvent& event) {
  std::string body;
  format::EncodeRecordPrefix(body, event.stream_id, event.type, event.payload, event.metadata);
  const format::RecordSuffix suffix =
      format::EncodeRecordSuffix(event.version, event.position, event.recorded_at, event.prev_hash);
  body.append(suffix.data(), suffix.size());
  return Sha256(body);
}

}  // namespace trygg::eventstore
