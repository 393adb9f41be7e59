// Events as EventLogService carries them (trygg.v1.Event) and as the store records them
// (eventstore::RecordedEvent), and the conversions between the two. The wire form is also the
// export form: `export --format jsonl` writes one trygg.v1.Event per line in protobuf's JSON
// mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"
#include "trygg/v1/event_log.pb.h"

namespace trygg::audit {

// "type.googleapis.com/", the prefix of a payload Any's type_url.
inline constexpr std::string_view kTypeUrlPrefix = "type.googleapis.com/";

// The wire form, exactly as trygg-server's EventLogService writes it: payload an Any with type_url
// kTypeUrlPrefix + type and the stored payload bytes as value, recorded_at a Timestamp, hash and
// prev_hash the 32 raw bytes. Metadata extras have no field on the wire and are left out.
void ToWire(const eventstore::RecordedEvent& event, v1::Event* out);

// Back from the wire form: kDataLoss (naming the position) when a hash is not 32 bytes or the
// time is out of range. The payload is the Any's value whatever its type_url says; extras are
// empty. Reuses `out`'s buffers.
eventstore::Status FromWire(const v1::Event& event, eventstore::RecordedEvent& out);

// 64 lower-case hex digits.
std::string HashHex(const eventstore::Hash& hash);
// The reverse; nullopt unless exactly 64 hex digits (either case).
std::optional<eventstore::Hash> ParseHashHex(std::string_view hex);

}  // namespace trygg::audit
