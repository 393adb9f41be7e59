#include "record.h"

#include <cstring>

#include "codec.h"
#include "sha256.h"
#include "trygg/check.h"
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

// The metadata extras as stored (a count, then key and value of each); checked, not decoded.
std::optional<std::string_view> GetExtras(std::string_view& in) {
  const std::string_view start = in;
  auto count = codec::GetVarint(in);
  if (!count || *count > in.size()) return std::nullopt;  // each entry takes at least two bytes
  for (uint32_t i = 0; i < *count; ++i) {
    if (!codec::GetBytes(in) || !codec::GetBytes(in)) return std::nullopt;
  }
  return start.substr(0, start.size() - in.size());
}

// `in` is what GetExtras returned, so every read succeeds.
void DecodeExtras(std::string_view in, Metadata& m) {
  const std::optional<uint32_t> count = codec::GetVarint(in);
  TRYGG_CHECK(count.has_value(), "GetExtras checked the extras' count");
  m.extra.resize(*count);
  for (auto& [key, value] : m.extra) {
    const std::optional<std::string_view> stored_key = codec::GetBytes(in);
    const std::optional<std::string_view> stored_value = codec::GetBytes(in);
    TRYGG_CHECK(stored_key && stored_value, "GetExtras checked each extra");
    key.assign(*stored_key);
    value.assign(*stored_value);
  }
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

namespace {

// A record's fields as views, and its extras as stored.
Status DecodeParts(std::string_view value, RecordView& e, std::string_view& extras) {
  auto body = RecordBody(value);
  if (!body) return Malformed("too short");
  std::string_view in = *body;
  std::string_view trailer = value.substr(body->size());
  if (codec::GetU8(in) != kEventRecordKind) return Malformed("unknown record kind");
  std::optional<std::string_view> fields[6];
  for (auto& field : fields) {
    field = codec::GetBytes(in);
    if (!field) return Malformed("truncated field");
  }
  auto stored_extras = GetExtras(in);
  if (!stored_extras) return Malformed("truncated field");
  if (in.size() != kRecordSuffixBytes) {
    return Malformed(in.size() < kRecordSuffixBytes ? "truncated suffix"
                                                    : "unexpected bytes after the metadata");
  }
  e.stream_id = *fields[0];
  e.type = *fields[1];
  e.payload = *fields[2];
  e.principal = *fields[3];
  e.agency = *fields[4];
  e.command_id = *fields[5];
  extras = *stored_extras;
  const std::optional<uint64_t> version = codec::GetU64(in);
  const std::optional<uint64_t> position = codec::GetU64(in);
  const std::optional<uint64_t> micros = codec::GetU64(in);
  const std::optional<Hash> prev_hash = GetHash(in);
  const std::optional<Hash> hash = GetHash(trailer);
  // Damage was ruled out above (RecordBody and the suffix size); what is left is our own layout.
  TRYGG_CHECK(version && position && micros && prev_hash && hash && in.empty() && trailer.empty(),
              "a record's suffix and trailer have the sizes checked above");
  e.version = StreamVersion(*version);
  e.position = Position(*position);
  e.recorded_at = Timestamp(std::chrono::microseconds(static_cast<int64_t>(*micros)));
  e.prev_hash = *prev_hash;
  e.hash = *hash;
  return Status();
}

}  // namespace

Status DecodeRecordView(std::string_view value, RecordView& out) {
  std::string_view extras;
  return DecodeParts(value, out, extras);
}

Status DecodeRecordInto(std::string_view value, RecordedEvent& e) {
  RecordView view;
  std::string_view extras;
  if (Status s = DecodeParts(value, view, extras); !s.ok()) return s;
  e.position = view.position;
  e.stream_id.assign(view.stream_id);
  e.version = view.version;
  e.type.assign(view.type);
  e.payload.assign(view.payload);
  e.metadata.principal.assign(view.principal);
  e.metadata.agency.assign(view.agency);
  e.metadata.command_id.assign(view.command_id);
  DecodeExtras(extras, e.metadata);
  e.recorded_at = view.recorded_at;
  e.prev_hash = view.prev_hash;
  e.hash = view.hash;
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
  TRYGG_CHECK(version.has_value(), "the last 8 bytes of a key parse as a version");
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

RecordView ViewOf(const RecordedEvent& event) {
  RecordView view;
  view.position = event.position;
  view.stream_id = event.stream_id;
  view.version = event.version;
  view.type = event.type;
  view.payload = event.payload;
  view.principal = event.metadata.principal;
  view.agency = event.metadata.agency;
  view.command_id = event.metadata.command_id;
  view.recorded_at = event.recorded_at;
  view.prev_hash = event.prev_hash;
  view.hash = event.hash;
  return view;
}

}  // namespace trygg::eventstore

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
