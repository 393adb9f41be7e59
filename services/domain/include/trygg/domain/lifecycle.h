// The measure lifecycle: one table (kLifecycle in lifecycle.cc) of every allowed
// {status, command, next status}, which Decide, its error messages, Evolve and the projections'
// fold all read:
//
//  PROPOSED --prioritise--> PRIORITISED --assign--> ASSIGNED --start--> IN_PROGRESS --complete-->
//  COMPLETED; prioritise again in PRIORITISED, ASSIGNED, IN_PROGRESS; assign again in ASSIGNED,
//  IN_PROGRESS; report progress and complete in ASSIGNED, IN_PROGRESS; withdraw from any status
//  but COMPLETED and WITHDRAWN, which are final: a measure never leaves them.
//
// The commands that shape a measure without moving it — link and unlink a cause, set and retire
// an operational goal, add and remove a partner — are allowed in PROPOSED, PRIORITISED, ASSIGNED
// and IN_PROGRESS and keep the status. Record follow-up is allowed in ASSIGNED, IN_PROGRESS and
// COMPLETED (a measure completed during a period still gets that period's follow-up) and keeps
// the status too, so COMPLETED stays final. Nothing is allowed in WITHDRAWN.
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
  kLinkCause,
  kUnlinkCause,
  kSetGoal,
  kRetireGoal,
  kAddPartner,
  kRemovePartner,
  kRecordFollowUp,
};

// Every command, in enum order (which is also the order AllowedCommands lists them in).
inline constexpr MeasureCommand kAllMeasureCommands[] = {
    MeasureCommand::kPrioritise,     MeasureCommand::kAssign,      MeasureCommand::kStart,
    MeasureCommand::kReportProgress, MeasureCommand::kComplete,    MeasureCommand::kWithdraw,
    MeasureCommand::kLinkCause,      MeasureCommand::kUnlinkCause, MeasureCommand::kSetGoal,
    MeasureCommand::kRetireGoal,     MeasureCommand::kAddPartner,  MeasureCommand::kRemovePartner,
    MeasureCommand::kRecordFollowUp,
};

// Whether `command` is legal in `status`. Nothing is legal in UNSPECIFIED (no such measure) or
// in WITHDRAWN; in COMPLETED only record follow-up, which keeps the status.
[[nodiscard]] bool IsAllowed(v1::MeasureStatus status, MeasureCommand command) noexcept;

// Where `command` leads from `from` when the lifecycle allows it; nullopt when it does not. Some
// commands keep the status: re-prioritising an ASSIGNED measure leaves it ASSIGNED, re-assigning
// an IN_PROGRESS one leaves it IN_PROGRESS, and reporting progress, the commands on causes, goals
// and partners, and recording follow-up never move a measure.
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

// True for COMPLETED and WITHDRAWN: statuses a measure never leaves (a COMPLETED measure still
// takes follow-up, which keeps its status).
[[nodiscard]] bool IsFinal(v1::MeasureStatus status) noexcept;

// "prioritise", "assign", "start", "report progress", "complete", "withdraw", "link a cause",
// "unlink a cause", "set a goal", "retire a goal", "add a partner", "remove a partner",
// "record follow-up": what error messages say ("cannot record follow-up: measure m-1 is ...").
[[nodiscard]] std::string_view CommandName(MeasureCommand command) noexcept;

// The status without its enum prefix: "PROPOSED", "IN_PROGRESS", ...; "UNSPECIFIED" for 0 and
// for values this build does not know.
[[nodiscard]] std::string_view StatusName(v1::MeasureStatus status) noexcept;

// "prioritise, withdraw, link a cause, …" (PROPOSED) — the commands allowed in `status`, in
// kAllMeasureCommands' order; "record follow-up" for COMPLETED; empty if none (UNSPECIFIED,
// WITHDRAWN).
[[nodiscard]] std::string AllowedCommands(v1::MeasureStatus status);

}  // namespace trygg::domain
