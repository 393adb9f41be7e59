// The hash the storage format gives a record, computed from the record's fields rather than read
// from its stored bytes (docs/storage-format.md, "Column family `log`" and "The hash chain").
//
// A reader that gets events without their stored bytes — over EventLogService, from an export —
// re-encodes each one with this and compares the result with the hash the event carries: equal
// means the fields it received are exactly the ones the chain seals.
#pragma once

#include "trygg/eventstore/types.h"

namespace trygg::eventstore {

// SHA-256 of the record body that the store writes for `event`: kind, stream id, type, payload,
// metadata (principal, agency, command id, extras in order), stream version, position, recorded
// at, prev hash. `event.hash` is not read. For every intact stored record the result equals its
// stored hash. Pure; any thread.
Hash RecordHash(const RecordedEvent& event);

}  // namespace trygg::eventstore
