// How trygg shows the contract's messages to a person: a measure as a table row or a CSV record,
// and an event as one sentence saying what changed (the enums' names are in common/names.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/table.h"

namespace trygg::v1 {
class Event;
class FollowUp;
class Measure;
class OperationalGoal;
class StatusCount;
}  // namespace trygg::v1

namespace google::protobuf {
template <typename T>
class RepeatedPtrField;
}  // namespace google::protobuf

namespace trygg::cli {

// The parts that are not empty, joined by `separator`.
std::string Join(const std::vector<std::string>& parts, std::string_view separator = ", ");
std::string Join(const google::protobuf::RepeatedPtrField<std::string>& parts);

// "1 measure", "3 measures".
std::string Plural(uint64_t n, const std::string& one, const std::string& many);

// An operational goal's aim: "andel sanerat inom 24 h from 40 % to 90 % by 2027-06-30".
std::string GoalTarget(const v1::OperationalGoal& goal);
// Its latest measured value: "75 % (2026-T3), not met", or "not measured yet".
std::string GoalLatest(const v1::OperationalGoal& goal);
// A party's follow-up without its party and period: "GREEN, 12 h, 4500 SEK, g-1 = 75: comment"
// (what was not reported left out). `trygg history` says a FollowUpRecorded the same way.
std::string FollowUpFigures(const v1::FollowUp& follow_up);

// "2 assigned, 1 in progress, 1 completed": the counts in status order, zeros left out.
std::string CountsInWords(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts);

// The table of measures `trygg status` and `trygg measures list` print: id, focus area, title,
// priority, status, [responsible agency,] due date, percent done and an overdue marker (styled
// kAlert, so red when the table is rendered in colour). Title, focus area and agency shorten to
// fit the terminal, the widest first.
client::Table MeasureTable(const std::vector<const v1::Measure*>& measures, bool with_agency);

// The CSV header and record for a measure (the same columns in every command).
std::vector<std::string> MeasureCsvHeader();
std::vector<std::string> MeasureCsvRecord(const v1::Measure& measure);

// One sentence saying what an event changed, from its payload: "assigned to polisen-lpo-varnamo,
// due 2027-03-31: note". An event of a type this build does not know says so.
std::string DescribeChange(const v1::Event& event);

// The event's type without the package: "MeasureAssigned".
std::string ShortType(const v1::Event& event);

// A time as "2026-11-26T19:40:01Z" (UTC, whole seconds); "" for 0 (unset).
std::string UtcTime(int64_t seconds_since_epoch);
// The event's commit time, as UtcTime.
std::string EventTime(const v1::Event& event);

// `event` ready for JSON: its payload cleared when protobuf could not print it (a type this build
// does not know), so that the rest still prints.
v1::Event PrintableEvent(const v1::Event& event);

}  // namespace trygg::cli
