// What the plan-wide read commands print, per output format: the situation picture (`plan
// picture`), the traceability chain with its flags (`plan trace`), the follow-up summary of a
// period (`plan follow-up`) and a working group's status (`group show`). Tables are rendered for
// the terminal given, with the texts (findings, causes, titles) in the last column and never
// shortened, so a long one wraps rather than loses its end; CSV records end in CRLF, one header
// record first. JSON is the reply message itself (common/json.h), so it needs nothing here.
#pragma once

#include <string>

#include "cli/terminal.h"

namespace trygg::v1 {
class FollowUpSummary;
class SituationPicture;
class Traceability;
class TraceabilityFlagCounts;
class WorkingGroupStatus;
}  // namespace trygg::v1

namespace trygg::cli {

// Per focus area: its findings (source, period, area, cited input), its causes numbered "1.",
// "2." with the findings they rest on and the measures that address them, and its residents'
// input; then the input that concerns the whole plan. Retired findings and causes (present when
// asked for) say so, with their reason.
std::string SituationPictureText(const v1::SituationPicture& picture, const Terminal& terminal);
// One record per finding, cause and residents' input: focus_area, kind ("finding", "cause",
// "input"), id, number (causes), source (a finding's source or an input's channel), period (an
// input's received date), area, people, refs (cited inputs, or the findings a cause rests on),
// measures (a cause's), retired, retirement_reason, text.
std::string SituationPictureCsv(const v1::SituationPicture& picture);

// The flag counts and the period they were judged for, one line each flag that is raised
// ("⚑ 2 causes without a measure"), or a line saying there are none. Shared by `plan trace` and
// `plan show`.
std::string FlagCountsText(const v1::TraceabilityFlagCounts& counts, const Terminal& terminal);

// Appends a page of GetTraceability to `all` (the first page is taken whole): each focus area's
// measures join those of the same focus area already there, while its findings and causes (which
// every page repeats) are kept from the first page that had the focus area; the counts are the
// plan's on every page. `all` ends with no next_page_token.
void AppendTracePage(v1::Traceability page, v1::Traceability* all);

// The flag counts, then per focus area the chain: findings, causes (numbered, with the findings
// they rest on and their measures), measures (status, responsible agency, partners, the numbers
// of the causes they address), their operational goals and each party's latest follow-up. Every
// raised flag is shown where it applies, as "⚑ <what is missing>".
std::string TraceabilityText(const v1::Traceability& trace, const Terminal& terminal);
// The council's template as a sheet, one record per measure and cause it addresses (a measure
// addressing no cause, and a cause no measure addresses, get a record of their own, as does an
// unused finding): focus_area, cause_number, cause_id, finding_ids, measure_id, title, status,
// responsible_agency_id, partners, goals, follow_ups (party, period, health), flags (the raised
// flags of the record's finding, cause and measure, by name).
std::string TraceabilityCsv(const v1::Traceability& trace);

// The plan's totals for the period in a line, then a table per agency and one per focus area (by
// id): green, yellow, red, missing follow-ups, hours, cost and goals met, not met and not
// measured.
std::string FollowUpSummaryText(const v1::FollowUpSummary& summary, const Terminal& terminal);
// One record for the plan, then one per agency and one per focus area: period, scope ("plan",
// "agency", "focus_area"), id, name, green, yellow, red, missing, hours, cost_sek, goals_met,
// goals_not_met, goals_not_measured.
std::string FollowUpSummaryCsv(const v1::FollowUpSummary& summary);

// The group (name, id, members, focus areas), its counts per status and overdue, then its
// measures with their responsible agencies, or a line saying it has none.
std::string WorkingGroupStatusText(const v1::WorkingGroupStatus& group, const Terminal& terminal);

}  // namespace trygg::cli
