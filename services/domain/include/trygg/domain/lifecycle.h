// The measure lifecycle, the single table both Decide and error messages read:
//
//  PROPOSED --prioritise--> PRIORITISED --assign--> ASSIGNED --start--> IN_PROGRESS --complete-->
//  COMPLETED; prioritise again in PRIORITISED, ASSIGNED, IN_PROGRESS; assign again in ASSIGNED,
//  IN_PROGRESS; report progress and complete in ASSIGNED, IN_PROGRESS; withdraw from any status
//  but COMPLETED and WITHDRAWN, which are final.
#pragma once

#include <string>
#include <string_view>

#include "trygg/v1/status.pb.h"

namespace trygg::domain {

// The commands that change an existing measure (ProposeMeasure creates one and is not here).
enum class MeasureCommand {
  kPrioritise,
  kAssign,
  kStart,
  kReportProgress,
  kComplete,
  kWithdraw,
};

inline constexpr MeasureCommand kAllMeasureCommands[] = {
    MeasureCommand::kPrioritise,     MeasureCommand::kAssign,   MeasureCommand::kStart,
    MeasureCommand::kReportProgress, MeasureCommand::kComplete, MeasureCommand::kWithdraw,
};

// Whether `command` is legal in `status`. Nothing is legal in UNSPECIFIED (no such measure) or
// in the final statuses.
[[nodiscard]] bool IsAllowed(v1::MeasureStatus status, MeasureCommand command) noexcept;

// True for COMPLETED and WITHDRAWN.
[[nodiscard]] bool IsFinal(v1::MeasureStatus status) noexcept;

// "prioritise", "assign", "start", "report progress", "complete", "withdraw".
[[nodiscard]] std::string_view CommandName(MeasureCommand command) noexcept;

// The status without its enum prefix: "PROPOSED", "IN_PROGRESS", ...; "UNSPECIFIED" for 0 and
// for values this build does not know.
[[nodiscard]] std::string_view StatusName(v1::MeasureStatus status) noexcept;

// "prioritise, withdraw" — the commands allowed in `status`, in lifecycle order; empty if none.
[[nodiscard]] std::string AllowedCommands(v1::MeasureStatus status);

}  // namespace trygg::domain
