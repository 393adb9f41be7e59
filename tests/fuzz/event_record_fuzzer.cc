// Fuzzes the decoding of what the event store reads back from RocksDB (eventstore/src/record.h,
// docs/storage-format.md): `log` values (event records), `meta/head`, `idempotency` values and
// `streams` keys. Every decoder runs on the whole input. What decodes must decode alike through
// the copying and the viewing decoder, and re-encode to bytes that decode to the same thing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec.h"
#include "record.h"
#include "trygg/check.h"

namespace trygg::eventstore {
namespace {

void Record(std::string_view value) {
  RecordView view;
  const bool viewed = format::DecodeRecordView(value, view).ok();
  Result<RecordedEvent> event = format::DecodeRecord(value);
  TRYGG_CHECK(viewed == event.ok(), "the viewing and the copying decoder agree");
  if (!event.ok()) return;
  TRYGG_CHECK(view.stream_id == event->stream_id && view.type == event->type &&
                  view.payload == event->payload && view.position == event->position &&
                  view.version == event->version && view.hash == event->hash,
              "the view holds what the copy holds");
  std::string again;
  format::EncodeRecordPrefix(again, event->stream_id, event->type, event->payload,
                             event->metadata);
  const format::RecordSuffix suffix = format::EncodeRecordSuffix(
      event->version, event->position, event->recorded_at, event->prev_hash);
  again.append(suffix.data(), suffix.size());
  again.append(reinterpret_cast<const char*>(event->hash.data()), event->hash.size());
  Result<RecordedEvent> redecoded = format::DecodeRecord(again);
  TRYGG_CHECK(redecoded.ok() && *redecoded == *event, "a decoded record re-encodes to itself");
}

void Head(std::string_view value) {
  const std::optional<LogHead> head = format::DecodeHead(value);
  if (!head) return;
  TRYGG_CHECK(format::DecodeHead(format::EncodeHead(*head)) == head,
              "a decoded head re-encodes to itself");
}

void Idempotency(std::string_view value) {
  const std::optional<format::IdempotencyEntry> entry = format::DecodeIdempotency(value);
  if (!entry) return;
  const std::optional<format::IdempotencyEntry> again =
      format::DecodeIdempotency(format::EncodeIdempotency(*entry));
  TRYGG_CHECK(again && again->request_digest == entry->request_digest &&
                  again->result == entry->result,
              "a decoded idempotency entry re-encodes to itself");
}

void StreamKey(std::string_view key) {
  const std::optional<format::StreamKeyParts> parts = format::ParseStreamKey(key);
  if (!parts) return;
  const std::string again = format::StreamKey(parts->stream_id, parts->version);
  const std::optional<format::StreamKeyParts> reparsed = format::ParseStreamKey(again);
  TRYGG_CHECK(reparsed && reparsed->stream_id == parts->stream_id &&
                  reparsed->version == parts->version,
              "a parsed stream key re-encodes to itself");
  if (std::optional<uint64_t> position = codec::ParseU64Key(key)) {
    TRYGG_CHECK(codec::U64Key(*position) == key, "an 8-byte key round-trips");
  }
}

}  // namespace
}  // namespace trygg::eventstore

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  trygg::eventstore::Record(input);
  trygg::eventstore::Head(input);
  trygg::eventstore::Idempotency(input);
  trygg::eventstore::StreamKey(input);
  return 0;
}
