// Builds a report Document (document.h) from what StatusService.GetPlanReport answered.
//
// Pure: no I/O, no clock. The same report and options give the same Document, byte for byte, so a
// report of a past moment reads the same whenever it is produced.
#pragma once

#include <span>
#include <string>

#include "report/document.h"
#include "trygg/v1/status.pb.h"

namespace trygg::report {

// One report from its pages: the plan-level parts of the first page, the measures, traceability
// measures, period follow-ups and changes of all pages in order. Every page must reflect the same
// position (the caller pins the later pages to the first page's position); an empty span gives an
// empty report.
[[nodiscard]] v1::PlanReport MergePages(std::span<const v1::PlanReport> pages);

// The report of `kind` in `lang`:
//   kPlan      the action plan in the council's template: per focus area the numbered causes with
//              the findings behind them, each cause's measures (cause 2 → 2.1, 2.2 …), operational
//              goals, when, who (responsible and partners with their commitments), one-off or
//              ordinary work, situational or social, short or long term, and the latest follow-up
//              per party in green/yellow/red.
//   kFollowUp  the follow-up of report.period(): per focus area and agency the health counts,
//              hours and cost, goal values against baseline and target, what changed during the
//              period, what is overdue, every yellow and red follow-up with its comment, and the
//              traceability flags "to fix before the next period".
//   kPublic    the citizen promises and the status of the measures that fulfil them, in plain
//              language, with nothing internal: no comments, hours, costs or principal names.
[[nodiscard]] Document BuildDocument(const v1::PlanReport& report, Kind kind, Lang lang);

}  // namespace trygg::report
