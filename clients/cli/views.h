// What the read commands print, per output format, for the objects several commands show: a
// measure (`measure show`, and every measure write with --wait), a plan overview (`plan show`,
// `plan create --wait`), an agency's status (`status`, `agency register --wait`) and lists of
// measures. Text for `table` is rendered for the terminal given; CSV records end in CRLF.
#pragma once

#include <string>
#include <vector>

#include "cli/terminal.h"

namespace trygg::v1 {
class AgencyStatus;
class Event;
class Measure;
class PlanOverview;
}  // namespace trygg::v1

namespace trygg::cli {

// A measure's current state as "Label  value" lines, empty fields left out: with the plan version
// it follows, its partners and their commitments, the causes it addresses, its kind, effort and
// expected effect, its operational goals (baseline, target, latest value) and each party's latest
// follow-up, one line each.
std::string MeasureDetailText(const v1::Measure& measure, const Terminal& terminal);
// Its history (events in version order) as a table: version, time, principal, agency and what
// changed (in full: a long note makes the line wrap rather than be cut).
std::string HistoryText(const std::vector<v1::Event>& events, const Terminal& terminal);
// The history as CSV: EventCsvHeader, then one EventCsvRecord per event.
std::string HistoryCsv(const std::vector<v1::Event>& events);
std::string EventCsvHeader();
std::string EventCsvRecord(const v1::Event& event);
// One event on one line, for `trygg watch`: position, time, stream, version, type, who, and
// what changed (no newline).
std::string EventLine(const v1::Event& event);

// The plan's name and focus areas, its counts in words, its latest adoption (version, body, date,
// reference) and the measures changed since, then a table with a row per status (and overdue, and
// prioritised-but-unassigned) and a column per focus area plus the total; then the traceability
// flag counts (plan_views.h's FlagCountsText), the working groups and the citizen promises.
std::string PlanOverviewText(const v1::PlanOverview& plan, const Terminal& terminal);
// One record per focus area: its counts per status, overdue and prioritised-but-unassigned, then
// the plan's adopted version and its measures changed since the adoption (the same on every
// record).
std::string PlanOverviewCsv(const v1::PlanOverview& plan);

// The agency, its counts per status and overdue, then its measures (open first) as a table; then
// the measures it is a partner in, under a heading that says so, with their responsible agency.
std::string AgencyStatusText(const v1::AgencyStatus& status, const Terminal& terminal);
// Its measures as CSV (MeasuresCsv's columns and a last one, role: "responsible" or "partner"),
// those it is responsible for first.
std::string AgencyMeasuresCsv(const v1::AgencyStatus& status);
// The agency alone as one CSV record: agency_id, name, kind, total_measures, overdue.
std::string AgencyCsv(const v1::AgencyStatus& status);

// Measures as a table (with the responsible agency when `with_agency`), or a line saying there
// are none.
std::string MeasuresText(const std::vector<const v1::Measure*>& measures, bool with_agency,
                         const Terminal& terminal);
// Measures as CSV: the header, then one record each.
std::string MeasuresCsv(const std::vector<const v1::Measure*>& measures);

}  // namespace trygg::cli
