#include "trygg/domain/lifecycle.h"

namespace trygg::domain {

bool IsAllowed(v1::MeasureStatus status, MeasureCommand command) noexcept {
  using C = MeasureCommand;
  switch (status) {
    case v1::MEASURE_STATUS_PROPOSED: return command == C::kPrioritise || command == C::kWithdraw;
    case v1::MEASURE_STATUS_PRIORITISED:
      return command == C::kPrioritise || command == C::kAssign || command == C::kWithdraw;
    case v1::MEASURE_STATUS_ASSIGNED:
      return true;  // every command: re-prioritise, re-assign, start, report, complete, withdraw
    case v1::MEASURE_STATUS_IN_PROGRESS: return command != C::kStart;  // already started
    case v1::MEASURE_STATUS_COMPLETED:
    case v1::MEASURE_STATUS_WITHDRAWN:
    default:  // UNSPECIFIED (no measure) and values this build does not know
      return false;
  }
}

bool IsFinal(v1::MeasureStatus status) noexcept {
  return status == v1::MEASURE_STATUS_COMPLETED || status == v1::MEASURE_STATUS_WITHDRAWN;
}

std::string_view CommandName(MeasureCommand command) noexcept {
  switch (command) {
    case MeasureCommand::kPrioritise: return "prioritise";
    case MeasureCommand::kAssign: return "assign";
    case MeasureCommand::kStart: return "start";
    case MeasureCommand::kReportProgress: return "report progress";
    case MeasureCommand::kComplete: return "complete";
    case MeasureCommand::kWithdraw: return "withdraw";
  }
  return "unknown command";
}

std::string_view StatusName(v1::MeasureStatus status) noexcept {
  switch (status) {
    case v1::MEASURE_STATUS_PROPOSED: return "PROPOSED";
    case v1::MEASURE_STATUS_PRIORITISED: return "PRIORITISED";
    case v1::MEASURE_STATUS_ASSIGNED: return "ASSIGNED";
    case v1::MEASURE_STATUS_IN_PROGRESS: return "IN_PROGRESS";
    case v1::MEASURE_STATUS_COMPLETED: return "COMPLETED";
    case v1::MEASURE_STATUS_WITHDRAWN: return "WITHDRAWN";
    default: return "UNSPECIFIED";
  }
}

std::string AllowedCommands(v1::MeasureStatus status) {
  std::string names;
  for (const MeasureCommand command : kAllMeasureCommands) {
    if (!IsAllowed(status, command)) continue;
    if (!names.empty()) names += ", ";
    names += CommandName(command);
  }
  return names;
}

}  // namespace trygg::domain
