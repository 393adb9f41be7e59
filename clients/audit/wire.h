// Events as EventLogService carries them (trygg.v1.Event) and as the store records them
// (eventstore::RecordedEvent). The wire form is also the export form: `export --format jsonl`
// writes one trygg.v1.Event per line in protobuf's JSON mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/wire/wire.h"

namespace trygg::audit {

// The conversions live in trygg::wire (services/wire), shared with trygg-server.
using wire::FromWire;
using wire::kTypeUrlPrefix;
using wire::ToWire;

// 64 lower-case hex digits.
std::string HashHex(const eventstore::Hash& hash);
// The reverse; nullopt unless exactly 64 hex digits (either case).
std::optional<eventstore::Hash> ParseHashHex(std::string_view hex);

}  // namespace trygg::audit
