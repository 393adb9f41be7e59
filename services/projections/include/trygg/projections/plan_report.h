// A plan's report as of a moment (StatusService.GetPlanReport): the projections folded from the
// plan's own streams up to the moment, with the same fold (Projections::Apply) the server and
// trygg-audit use — no second copy of the rules.
//
// Why the plan's own streams: everything a plan's report says is decided by the events of the
// plan's stream, of the streams of its measures and of the agencies' streams (names, kinds); no
// other stream changes it. Folding only those (a few hundred to a few thousand events) instead of
// the whole log up to the moment (10^6 events: ~0.3 s) keeps a report of any past moment fast.
// docs/reports.md says more.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "trygg/domain/result.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// The moment a report reflects, resolved by the caller against the log.
struct ReportMoment {
  uint64_t position = 0;       // the last event to include (≥ 1)
  int64_t recorded_at_us = 0;  // its commit time, microseconds since the Unix epoch (UTC)
  std::string head_hash;       // its hash, 64 lowercase hex digits
  std::string today;           // "YYYY-MM-DD": the date overdue is judged by
};

// The start of a calendar date ("YYYY-MM-DD") in the server's time zone, as microseconds since
// the Unix epoch: where a follow-up period begins and ends in the log's time.
using StartOfDay = std::function<int64_t(std::string_view date)>;

// Builds the report: folds `events` (the streams Projections::PlanReportStreams names, merged in
// position order, none after moment.position) into fresh projections and answers from them, with
// request.period (or the plan's latest period then), page_size and page_token as
// status.proto's GetPlanReportRequest says. The changes of the period compare the plan's
// measures as they stood before the period's first day began with how they stood at the end of
// its last day (or at the moment, if earlier).
//
// The period's bounds in the log's time: its first day begins at start_of_day(first day), its
// end at start_of_day(the day after its last day); the state "before" a time is the state after
// every event before the first one recorded at or after it. Per measure of the page, in
// MeasureChangeKind order: NEW (not proposed when the period began, proposed by its end);
// STARTED (not started when it began — absent, proposed, prioritised or assigned — and in
// progress at some point during it: a measure completed straight from assigned is only
// COMPLETED); COMPLETED and WITHDRAWN (so at the end, not when it began); DEADLINE_MOVED (a due
// date at both ends, different). period_follow_ups: the page's measures by id, each party's
// latest follow-up for the period by party id. overview.flags are counted for the report's period
// (the traceability's counts), not for the plan's latest one as GetPlanOverview counts them.
// traceability pages as the measures do; the reply's next_page_token continues both. Events after
// moment.position, if any are given, are not folded.
//
// NOT_FOUND when the plan was not created by then; INVALID_ARGUMENT naming the field for a
// malformed period, page_size or page_token; INTERNAL when the fold refuses an event (as Apply).
[[nodiscard]] domain::Result<v1::PlanReport> BuildPlanReport(
    std::span<const EventView> events, const v1::GetPlanReportRequest& request,
    const ReportMoment& moment, const StartOfDay& start_of_day);

}  // namespace trygg::projections
