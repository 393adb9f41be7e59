#include "follow_up.h"

namespace trygg::projections {

const v1::FollowUp* FindFollowUp(const FollowUpHistory& history, std::string_view period,
                                 std::string_view party) {
  auto in_period = history.find(period);
  if (in_period == history.end()) return nullptr;
  auto it = in_period->second.find(party);
  return it == in_period->second.end() ? nullptr : &it->second;
}

domain::Period PeriodOf(std::string_view canonical) {
  domain::Result<domain::Period> parsed = domain::ParsePeriod(canonical);
  if (parsed.ok()) return *std::move(parsed);
  domain::Period unparsed;
  unparsed.canonical = std::string(canonical);
  return unparsed;
}

bool GoalMet(const v1::OperationalGoal& goal, double value) {
  return goal.target() >= goal.baseline() ? value >= goal.target() : value <= goal.target();
}

bool ExpectsFollowUp(v1::MeasureStatus status) {
  return status == v1::MEASURE_STATUS_ASSIGNED || status == v1::MEASURE_STATUS_IN_PROGRESS;
}

}  // namespace trygg::projections
