// How each measure event changes a measure's view: pure functions, no lookups, no checks. The
// caller (Projections) has already checked that the event belongs to this measure and comes next.
#pragma once

#include <cstdint>
#include <string_view>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Who recorded an event, when, and the plan's adopted version in force then: what a follow-up
// carries besides its payload.
struct Recorded {
  std::string_view principal;
  int64_t at_us = 0;  // microseconds since the Unix epoch (UTC)
  uint32_t plan_version = 0;
};

// Fills the empty view of a just-proposed measure; `principal` is who proposed it. Takes the
// event's strings instead of copying them.
void Propose(v1::MeasureProposed&& event, std::string_view principal, v1::Measure& measure);

// The fields each later event of a measure changes; the caller moves the status as the lifecycle
// table says (domain::StatusAfter with the event's command), so re-prioritising or re-assigning
// an assigned or started measure changes its fields, not where it is in its lifecycle.
// Sets the priority.
void Fold(const v1::MeasurePrioritised& event, v1::Measure& measure);
// Sets agency, due date and note; the new agency's follow-up, if any, moves to the front.
void Fold(const v1::MeasureAssigned& event, v1::Measure& measure);
// Nothing but the status.
void Fold(const v1::MeasureStarted& event, v1::Measure& measure);
// Sets percent complete and note.
void Fold(const v1::MeasureProgressReported& event, v1::Measure& measure);
// 100 %, with the outcome.
void Fold(const v1::MeasureCompleted& event, v1::Measure& measure);
// The reason.
void Fold(const v1::MeasureWithdrawn& event, v1::Measure& measure);
// Appends the cause unless the measure already cites it.
void Fold(const v1::MeasureLinkedToCause& event, v1::Measure& measure);
// Removes the cause, if cited.
void Fold(const v1::MeasureUnlinkedFromCause& event, v1::Measure& measure);
// Replaces the goal of that id where it stands (keeping its latest value, judged against the new
// target), else appends it.
void Fold(const v1::OperationalGoalSet& event, v1::Measure& measure);
// Removes the goal, if set.
void Fold(const v1::OperationalGoalRetired& event, v1::Measure& measure);
// Appends the partner, or replaces the commitment of a partner already there.
void Fold(const v1::PartnerAdded& event, v1::Measure& measure);
// Removes the partner, if there; its follow-ups stay, after the current parties'.
void Fold(const v1::PartnerRemoved& event, v1::Measure& measure);
// The party's latest follow-up becomes this one unless it already has one of a later period
// (domain::PeriodBefore; the same period replaces), and each goal it measures takes the value
// under the same rule.
void Fold(const v1::FollowUpRecorded& event, const Recorded& recorded, v1::Measure& measure);

// Whether the measure cites the cause; whether the agency is one of its partners.
bool Cites(const v1::Measure& measure, std::string_view cause_id);
bool HasPartner(const v1::Measure& measure, std::string_view agency_id);

// The follow-up an event records, as the views show it.
v1::FollowUp FollowUpOf(const v1::FollowUpRecorded& event, const Recorded& recorded);

// Every event of a measure's stream, of a known type or not: the stream is now at `version` and
// the measure last changed at `recorded_at_us`.
void Stamp(uint64_t version, int64_t recorded_at_us, v1::Measure& measure);

}  // namespace trygg::projections
