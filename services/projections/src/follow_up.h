// Follow-up as the projections read it: how periods and goal values compare, which measures owe a
// follow-up, and each measure's history of follow-ups per period and party.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "trygg/domain/period.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Every period a measure was followed up for, and per party the latest follow-up recorded for it
// (a later one for the same period replaces it). The view keeps only each party's latest period;
// the summary of an earlier period, and NO_FOLLOW_UP judged for one, read this.
using FollowUpHistory =
    std::map<std::string, std::map<std::string, v1::FollowUp, std::less<>>, std::less<>>;

// The party's follow-up of `period` in `history`; nullptr when it has none.
const v1::FollowUp* FindFollowUp(const FollowUpHistory& history, std::string_view period,
                                 std::string_view party);

// The period a follow-up event names. The log holds canonical periods (Decide writes
// ParsePeriod's canonical form); one that does not parse, which only a log Decide did not write
// holds, is kept as it is with no days, so it sorts before every real period and the fold stays
// total.
domain::Period PeriodOf(std::string_view canonical);

// Whether `value` reaches the goal's target: at or above it when the target is not below the
// baseline, at or below it when the goal is to bring the indicator down.
bool GoalMet(const v1::OperationalGoal& goal, double value);

// An assigned or started measure: its parties owe a follow-up for every period
// (TraceabilityFlag NO_FOLLOW_UP, FollowUpTotals.missing).
bool ExpectsFollowUp(v1::MeasureStatus status);

}  // namespace trygg::projections
