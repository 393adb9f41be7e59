#include "trygg/domain/lifecycle.h"

#include <array>
#include <cstddef>
#include <iterator>

namespace trygg::domain {

namespace {

using C = MeasureCommand;
constexpr auto kProposed = v1::MEASURE_STATUS_PROPOSED;
constexpr auto kPrioritised = v1::MEASURE_STATUS_PRIORITISED;
constexpr auto kAssigned = v1::MEASURE_STATUS_ASSIGNED;
constexpr auto kInProgress = v1::MEASURE_STATUS_IN_PROGRESS;
constexpr auto kCompleted = v1::MEASURE_STATUS_COMPLETED;
constexpr auto kWithdrawn = v1::MEASURE_STATUS_WITHDRAWN;

// One allowed step: `command` is legal in `from` and leaves the measure in `to`.
struct Transition {
  v1::MeasureStatus from;
  MeasureCommand command;
  v1::MeasureStatus to;
};

// The lifecycle, in lifecycle.h's diagram order. A (status, command) pair that is not here is not
// allowed; rows whose `to` equals `from` are commands that keep the status.
constexpr Transition kLifecycle[] = {
    {kProposed, C::kPrioritise, kPrioritised},
    {kProposed, C::kWithdraw, kWithdrawn},

    {kPrioritised, C::kPrioritise, kPrioritised},
    {kPrioritised, C::kAssign, kAssigned},
    {kPrioritised, C::kWithdraw, kWithdrawn},

    {kAssigned, C::kPrioritise, kAssigned},
    {kAssigned, C::kAssign, kAssigned},
    {kAssigned, C::kStart, kInProgress},
    {kAssigned, C::kReportProgress, kAssigned},
    {kAssigned, C::kComplete, kCompleted},
    {kAssigned, C::kWithdraw, kWithdrawn},

    {kInProgress, C::kPrioritise, kInProgress},
    {kInProgress, C::kAssign, kInProgress},
    {kInProgress, C::kReportProgress, kInProgress},
    {kInProgress, C::kComplete, kCompleted},
    {kInProgress, C::kWithdraw, kWithdrawn},

    // Causes, goals and partners shape a measure until it is completed or withdrawn.
    {kProposed, C::kLinkCause, kProposed},
    {kProposed, C::kUnlinkCause, kProposed},
    {kProposed, C::kSetGoal, kProposed},
    {kProposed, C::kRetireGoal, kProposed},
    {kProposed, C::kAddPartner, kProposed},
    {kProposed, C::kRemovePartner, kProposed},

    {kPrioritised, C::kLinkCause, kPrioritised},
    {kPrioritised, C::kUnlinkCause, kPrioritised},
    {kPrioritised, C::kSetGoal, kPrioritised},
    {kPrioritised, C::kRetireGoal, kPrioritised},
    {kPrioritised, C::kAddPartner, kPrioritised},
    {kPrioritised, C::kRemovePartner, kPrioritised},

    {kAssigned, C::kLinkCause, kAssigned},
    {kAssigned, C::kUnlinkCause, kAssigned},
    {kAssigned, C::kSetGoal, kAssigned},
    {kAssigned, C::kRetireGoal, kAssigned},
    {kAssigned, C::kAddPartner, kAssigned},
    {kAssigned, C::kRemovePartner, kAssigned},

    {kInProgress, C::kLinkCause, kInProgress},
    {kInProgress, C::kUnlinkCause, kInProgress},
    {kInProgress, C::kSetGoal, kInProgress},
    {kInProgress, C::kRetireGoal, kInProgress},
    {kInProgress, C::kAddPartner, kInProgress},
    {kInProgress, C::kRemovePartner, kInProgress},

    // Follow-up once someone is responsible, and for the period in which a measure was completed.
    {kAssigned, C::kRecordFollowUp, kAssigned},
    {kInProgress, C::kRecordFollowUp, kInProgress},
    {kCompleted, C::kRecordFollowUp, kCompleted},
};

// kLifecycle spread out by [status][command], computed at compile time, so that the folds, which
// ask for every event they apply, look a status up in constant time.
constexpr std::size_t kStatuses = v1::MeasureStatus_ARRAYSIZE;
constexpr std::size_t kCommands = std::size(kAllMeasureCommands);
template <class T>
using ByStatusAndCommand = std::array<std::array<T, kCommands>, kStatuses>;

constexpr std::size_t Index(v1::MeasureStatus status) { return static_cast<std::size_t>(status); }
constexpr std::size_t Index(MeasureCommand command) { return static_cast<std::size_t>(command); }

constexpr bool CommandsAreIndexed() {
  for (std::size_t i = 0; i < kCommands; ++i) {
    if (Index(kAllMeasureCommands[i]) != i) return false;
  }
  return true;
}
static_assert(CommandsAreIndexed(), "kAllMeasureCommands lists MeasureCommand in enum order");

// At most one row per (status, command), and none from or to UNSPECIFIED: UNSPECIFIED marks
// "not allowed" in kNext.
constexpr bool RowsAreWellFormed() {
  ByStatusAndCommand<bool> seen{};
  for (const Transition& t : kLifecycle) {
    if (t.from == v1::MEASURE_STATUS_UNSPECIFIED || t.to == v1::MEASURE_STATUS_UNSPECIFIED) {
      return false;
    }
    if (seen[Index(t.from)][Index(t.command)]) return false;
    seen[Index(t.from)][Index(t.command)] = true;
  }
  return true;
}
static_assert(RowsAreWellFormed(), "one kLifecycle row per (status, command), none UNSPECIFIED");

// The next status of each allowed pair; UNSPECIFIED where the command is not allowed.
constexpr ByStatusAndCommand<v1::MeasureStatus> kNext = [] {
  ByStatusAndCommand<v1::MeasureStatus> next{};
  for (const Transition& t : kLifecycle) next[Index(t.from)][Index(t.command)] = t.to;
  return next;
}();

// Where each command moves a measure when it moves it at all (UNSPECIFIED for a command that
// never does: report progress, the commands on causes, goals and partners, record follow-up);
// the rows of one command that change the status agree on it.
constexpr std::array<v1::MeasureStatus, kCommands> kLeadsTo = [] {
  std::array<v1::MeasureStatus, kCommands> leads_to{};
  for (const Transition& t : kLifecycle) {
    if (t.to != t.from) leads_to[Index(t.command)] = t.to;
  }
  return leads_to;
}();

constexpr bool EachCommandLeadsOneWay() {
  for (const Transition& t : kLifecycle) {
    if (t.to != t.from && kLeadsTo[Index(t.command)] != t.to) return false;
  }
  return true;
}
static_assert(EachCommandLeadsOneWay(), "every status-changing row of a command has the same to");

// COMPLETED and WITHDRAWN are final: a row from either leads back to it (record follow-up of a
// COMPLETED measure), never elsewhere.
constexpr bool IsFinalStatus(v1::MeasureStatus status) {
  return status == kCompleted || status == kWithdrawn;
}
constexpr bool FinalStatusesAreNeverLeft() {
  for (const Transition& t : kLifecycle) {
    if (IsFinalStatus(t.from) && t.to != t.from) return false;
  }
  return true;
}
static_assert(FinalStatusesAreNeverLeft(), "no kLifecycle row leaves COMPLETED or WITHDRAWN");

// reachable[a][b]: some sequence of allowed commands takes a measure from a to b.
constexpr std::array<std::array<bool, kStatuses>, kStatuses> kReachable = [] {
  std::array<std::array<bool, kStatuses>, kStatuses> reachable{};
  for (const Transition& t : kLifecycle) reachable[Index(t.from)][Index(t.to)] = true;
  for (std::size_t via = 0; via < kStatuses; ++via) {
    for (std::size_t a = 0; a < kStatuses; ++a) {
      for (std::size_t b = 0; b < kStatuses; ++b) {
        reachable[a][b] = reachable[a][b] || (reachable[a][via] && reachable[via][b]);
      }
    }
  }
  return reachable;
}();

// StatusAfter for every pair, as lifecycle.h describes it.
constexpr ByStatusAndCommand<v1::MeasureStatus> kAfter = [] {
  ByStatusAndCommand<v1::MeasureStatus> after{};
  for (std::size_t from = 0; from < kStatuses; ++from) {
    for (std::size_t command = 0; command < kCommands; ++command) {
      const v1::MeasureStatus next = kNext[from][command];
      const v1::MeasureStatus leads_to = kLeadsTo[command];
      if (next != v1::MEASURE_STATUS_UNSPECIFIED) {
        after[from][command] = next;
      } else if (leads_to != v1::MEASURE_STATUS_UNSPECIFIED && kReachable[from][Index(leads_to)]) {
        after[from][command] = leads_to;
      } else {
        after[from][command] = static_cast<v1::MeasureStatus>(from);
      }
    }
  }
  return after;
}();

// Whether `status` and `command` index the tables: false for values this build does not know.
bool Known(v1::MeasureStatus status, MeasureCommand command) noexcept {
  return Index(status) < kStatuses && Index(command) < kCommands;
}

}  // namespace

bool IsAllowed(v1::MeasureStatus status, MeasureCommand command) noexcept {
  return NextStatus(status, command).has_value();
}

std::optional<v1::MeasureStatus> NextStatus(v1::MeasureStatus from,
                                            MeasureCommand command) noexcept {
  if (!Known(from, command)) return std::nullopt;
  const v1::MeasureStatus next = kNext[Index(from)][Index(command)];
  if (next == v1::MEASURE_STATUS_UNSPECIFIED) return std::nullopt;
  return next;
}

v1::MeasureStatus StatusAfter(v1::MeasureStatus from, MeasureCommand command) noexcept {
  if (!Known(from, command)) return from;
  return kAfter[Index(from)][Index(command)];
}

bool IsFinal(v1::MeasureStatus status) noexcept { return IsFinalStatus(status); }

std::string_view CommandName(MeasureCommand command) noexcept {
  switch (command) {
    case MeasureCommand::kPrioritise: return "prioritise";
    case MeasureCommand::kAssign: return "assign";
    case MeasureCommand::kStart: return "start";
    case MeasureCommand::kReportProgress: return "report progress";
    case MeasureCommand::kComplete: return "complete";
    case MeasureCommand::kWithdraw: return "withdraw";
    case MeasureCommand::kLinkCause: return "link a cause";
    case MeasureCommand::kUnlinkCause: return "unlink a cause";
    case MeasureCommand::kSetGoal: return "set a goal";
    case MeasureCommand::kRetireGoal: return "retire a goal";
    case MeasureCommand::kAddPartner: return "add a partner";
    case MeasureCommand::kRemovePartner: return "remove a partner";
    case MeasureCommand::kRecordFollowUp: return "record follow-up";
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
