// The measure lifecycle: one table (kLifecycle in lifecycle.cc) of every allowed
// {status, command, next status}, which Decide, its error messages, Evolve and the projections'
// fold all read:
//
//  PROPOSED --prioritise--> PRIORITISED --assign--> ASSIGNED --start--> IN_PROGRESS --complete-->
//  COMPLETED; prioritise again in PRIORITISED, ASSIGNED, IN_PROGRESS; assign again in ASSIGNED,
//  IN_PROGRESS; report progress and complete in ASSIGNED, IN_PROGRESS; withdraw from any status
//  but COMPLETED and WITHDRAWN, which are final.
#pragma once

#include <optional>
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

// Where `command` leads from `from` when the lifecycle allows it; nullopt when it does not. Some
// commands keep the status: re-prioritising an ASSIGNED measure leaves it ASSIGNED, re-assigning
// an IN_PROGRESS one leaves it IN_PROGRESS, and reporting progress never moves a measure.
[[nodiscard]] std::optional<v1::MeasureStatus> NextStatus(v1::MeasureStatus from,
                                                          MeasureCommand command) noexcept;

// The status after folding an event that `command` decided into a measure in `from`, as Evolve
// and the projections do: NextStatus when the lifecycle allows the command. A fold is total, so
// it also takes an event the lifecycle does not allow there, which only a log Decide did not
// write holds (a hand-built history, or a store written by other means): such an event moves the
// measure to where the command leads elsewhere in the table if the lifecycle could still reach
// that status from `from` (an assignment of a PROPOSED measure makes it ASSIGNED), and otherwise
// leaves the status as it is (a final status stays final; a second start changes nothing).
[[nodiscard]] v1::MeasureStatus StatusAfter(v1::MeasureStatus from,
                                            MeasureCommand command) noexcept;

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
