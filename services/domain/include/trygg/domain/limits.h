// Every limit the domain enforces on a command's fields. Exceeding one is INVALID_ARGUMENT with a
// message naming the field and the limit. Lengths in characters count Unicode code points of
// valid UTF-8, so "å" is one character (two bytes).
#pragma once

#include <cstddef>
#include <cstdint>

namespace trygg::domain {

// command_id: the client's idempotency key, 1..100 characters of visible ASCII (0x21-0x7E).
// ASCII keeps characters equal to bytes, so a key always fits the event store's 200-byte
// metadata and idempotency-key limits with room for a prefix.
inline constexpr std::size_t kMaxCommandIdChars = 100;

// plan_id, agency_id, measure_id and focus-area keys: 1..100 characters of [a-z0-9-]. They
// become stream ids ("measure-" + id) and URL path segments, hence the narrow alphabet.
inline constexpr std::size_t kMaxIdChars = 100;

// Names and titles (plan name, municipality, focus-area name, agency name, measure title):
// 1..200 characters, one line, no control characters, not only spaces.
inline constexpr std::size_t kMaxNameChars = 200;

// An agency's kind ("police", "municipality", ...): 0..200 characters, one line.
inline constexpr std::size_t kMaxKindChars = 200;

// Free text (description, note, rationale, outcome, reason): 0..10,000 characters; may span
// lines (tab, LF and CR are allowed; other control characters are not).
inline constexpr std::size_t kMaxTextChars = 10000;

// A plan has 1..50 focus areas, with unique keys.
inline constexpr std::size_t kMinFocusAreas = 1;
inline constexpr std::size_t kMaxFocusAreas = 50;

// ReportProgress: percent_complete is 0..100.
inline constexpr std::uint32_t kMaxPercentComplete = 100;

// --- The whole plan (issue 12) -----------------------------------------------------------------

// Short statements, 1..1,000 characters, may span lines: a residents' input's summary, a
// finding's and a cause's text, a partner's commitment.
inline constexpr std::size_t kMaxStatementChars = 1000;

// A citizen promise's public text: 1..2,000 characters, may span lines.
inline constexpr std::size_t kMaxPromiseTextChars = 2000;

// The period a finding covers is free text ("2025–2026", "2026-T2"): 1..100 characters, one line.
// (Follow-up periods are stricter: period.h.)
inline constexpr std::size_t kMaxFindingPeriodChars = 100;

// An operational goal's unit ("%", "antal"): 0..20 characters, one line.
inline constexpr std::size_t kMaxUnitChars = 20;

// Lists of ids in one request (a finding's input_ids, a cause's finding_ids, a working group's
// agency_ids and focus_areas, a promise's measure_ids): at most 50, each a valid id, no repeats.
inline constexpr std::size_t kMaxIdsPerList = 50;

// Signatories of a citizen promise (1..10) and of an adoption (0..10): roles of 1..200 characters.
inline constexpr std::size_t kMaxSignatories = 10;

// Follow-up: hours spent 0..100,000 (finite), cost 0..10,000,000,000 SEK.
inline constexpr double kMaxFollowUpHours = 100000;
inline constexpr std::uint64_t kMaxFollowUpCostSek = 10'000'000'000ULL;

// A follow-up period given as a date range covers at most 366 days, first and last included.
inline constexpr int kMaxPeriodDays = 366;

// Per plan, counting retired and ended ones (their ids stay taken): FAILED_PRECONDITION in Decide
// when a command would add one more. They bound the plan's state, which Decide folds per command.
inline constexpr std::size_t kMaxInputsPerPlan = 300;
inline constexpr std::size_t kMaxFindingsPerPlan = 300;
inline constexpr std::size_t kMaxCausesPerPlan = 300;
inline constexpr std::size_t kMaxWorkingGroupsPerPlan = 100;
inline constexpr std::size_t kMaxPromisesPerPlan = 100;

// Per measure, current ones: causes it addresses (also ProposeMeasure's cause_ids), operational
// goals, partners. A follow-up carries at most one value per goal, so at most kMaxGoalsPerMeasure.
inline constexpr std::size_t kMaxCausesPerMeasure = 50;
inline constexpr std::size_t kMaxGoalsPerMeasure = 20;
inline constexpr std::size_t kMaxPartnersPerMeasure = 20;

}  // namespace trygg::domain
