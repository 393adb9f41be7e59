// How each measure event changes a measure's view: pure functions, no lookups, no checks. The
// caller (Projections) has already checked that the event belongs to this measure and comes next.
#pragma once

#include <cstdint>
#include <string_view>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Fills the empty view of a just-proposed measure; `principal` is who proposed it. Takes the
// event's strings instead of copying them.
void Propose(v1::MeasureProposed&& event, std::string_view principal, v1::Measure& measure);

// The fields each later event of a measure changes; the caller moves the status as the lifecycle
// table says (domain::StatusAfter with the event's command), so re-prioritising or re-assigning
// an assigned or started measure changes its fields, not where it is in its lifecycle.
// Sets the priority.
void Fold(const v1::MeasurePrioritised& event, v1::Measure& measure);
// Sets agency, due date and note.
void Fold(const v1::MeasureAssigned& event, v1::Measure& measure);
// Nothing but the status.
void Fold(const v1::MeasureStarted& event, v1::Measure& measure);
// Sets percent complete and note.
void Fold(const v1::MeasureProgressReported& event, v1::Measure& measure);
// 100 %, with the outcome.
void Fold(const v1::MeasureCompleted& event, v1::Measure& measure);
// The reason.
void Fold(const v1::MeasureWithdrawn& event, v1::Measure& measure);

// Every event of a measure's stream, of a known type or not: the stream is now at `version` and
// the measure last changed at `recorded_at_us`.
void Stamp(uint64_t version, int64_t recorded_at_us, v1::Measure& measure);

}  // namespace trygg::projections
