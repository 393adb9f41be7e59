// One event in its three shapes, and the conversions between them, shared by trygg-server and
// trygg-audit so that they cannot drift apart:
//   eventstore::RecordedEvent  as the store records it;
//   v1::Event                  as EventLogService carries it (and trygg-audit exports it);
//   projections::EventView     as the projections fold it.
#pragma once

#include <string_view>

#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/event_log.pb.h"

namespace trygg::wire {

// "type.googleapis.com/", the prefix of a payload Any's type_url.
inline constexpr std::string_view kTypeUrlPrefix = "type.googleapis.com/";

// The wire form: payload an Any with type_url kTypeUrlPrefix + type and the stored payload bytes
// as value, recorded_at a Timestamp (microseconds, normalised for times before 1970), hash and
// prev_hash the 32 raw bytes. Metadata extras have no field on the wire and are left out.
void ToWire(const eventstore::RecordedEvent& event, v1::Event* out);

// Back from the wire form: kDataLoss (naming the position) when a hash is not 32 bytes or the
// time is out of range. The payload is the Any's value whatever its type_url says; extras are
// empty. Reuses `out`'s buffers.
eventstore::Status FromWire(const v1::Event& event, eventstore::RecordedEvent& out);

// A view of `event` for projections::Projections::Apply; valid while `event` is.
projections::EventView ViewOf(const eventstore::RecordView& event);
projections::EventView ViewOf(const eventstore::RecordedEvent& event);

}  // namespace trygg::wire
