// The contract's enums as the trygg clients show them to a person and read them back from one:
// statuses and priorities by their enum names without the prefix, in one place, so that every
// tool spells them alike. UNSPECIFIED shows as "" (a caller may show an empty value its own way).
#pragma once

#include <string>
#include <string_view>

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

// The enums of the whole plan (events.proto). On the command line and in CSV imports each value
// is spelled in lower case with '-' for '_' and without the enum's prefix: "safety-walk" for
// INPUT_CHANNEL_SAFETY_WALK, "police-intelligence", "ordinary-work", "long-term", "green".
enum class Vocabulary {
  kInputChannel,    // v1::InputChannel: dialogue, survey, safety-walk, e-service, other
  kFindingSource,   // v1::FindingSource: crime-statistics, safety-survey, ...
  kMeasureKind,     // v1::MeasureKind: situational, social
  kEffort,          // v1::Effort: one-off, ordinary-work
  kExpectedEffect,  // v1::ExpectedEffect: short-term, long-term
  kHealth,          // v1::Health: green, yellow, red
};

// "SAFETY_WALK": the enum name without its prefix, as StatusName; "" for UNSPECIFIED or a value
// the enum does not have.
std::string EnumName(Vocabulary vocabulary, int value);
// "safety-walk": the command line's spelling; "" for UNSPECIFIED or a value the enum lacks.
std::string EnumWord(Vocabulary vocabulary, int value);
// The value `text` names: "safety-walk", "safety_walk", "SAFETY WALK" or
// "INPUT_CHANNEL_SAFETY_WALK", any case. -1 when it names none (UNSPECIFIED is none).
int ParseEnum(Vocabulary vocabulary, std::string_view text);
// "'walk' is not a channel; use dialogue, survey, safety-walk, e-service or other", or "" when
// ParseEnum accepts `text`. What the command line and the import say about a bad value.
std::string EnumError(Vocabulary vocabulary, std::string_view text);

}  // namespace trygg::client
