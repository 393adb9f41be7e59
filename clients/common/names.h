// The contract's enums as the trygg clients show them to a person and read them back from one:
// statuses and priorities by their enum names without the prefix, in one place, so that every
// tool spells them alike. UNSPECIFIED shows as "" (a caller may show an empty value its own way).
#pragma once

#include <string>

namespace trygg::client {

// "PROPOSED", "IN_PROGRESS", ...: the MeasureStatus enum name without its prefix ("" for
// UNSPECIFIED). `status` is a v1::MeasureStatus value.
std::string StatusName(int status);
// "proposed", "in progress", ...: the same, in words.
std::string StatusWords(int status);
// "HIGH", "MEDIUM", "LOW", or "" while unprioritised. `priority` is a v1::Priority value.
std::string PriorityName(int priority);
// Parses what a user types for a status ("in-progress", "IN_PROGRESS",
// "MEASURE_STATUS_IN_PROGRESS", any case) into a v1::MeasureStatus value; -1 when it is none.
int ParseStatus(const std::string& text);
// Likewise for a priority ("high", "PRIORITY_HIGH"); -1 when it is none.
int ParsePriority(const std::string& text);

}  // namespace trygg::client
