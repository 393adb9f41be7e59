// The measure lifecycle written out by hand from DESIGN.md's diagram and issue 12's rules for the
// commands that keep the status, every command in every status: the oracle that tests/domain
// (Decide and Evolve) and tests/projections (the fold) check the production table against. Not
// derived from lifecycle.h or lifecycle.cc.
#pragma once

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <string>

#include "trygg/domain/lifecycle.h"
#include "trygg/v1/status.pb.h"

namespace trygg::domain::testing {

inline constexpr auto kNone = v1::MEASURE_STATUS_UNSPECIFIED;
inline constexpr auto kProposed = v1::MEASURE_STATUS_PROPOSED;
inline constexpr auto kPrioritised = v1::MEASURE_STATUS_PRIORITISED;
inline constexpr auto kAssigned = v1::MEASURE_STATUS_ASSIGNED;
inline constexpr auto kInProgress = v1::MEASURE_STATUS_IN_PROGRESS;
inline constexpr auto kCompleted = v1::MEASURE_STATUS_COMPLETED;
inline constexpr auto kWithdrawn = v1::MEASURE_STATUS_WITHDRAWN;

inline constexpr grpc::StatusCode kOk = grpc::StatusCode::OK;
inline constexpr grpc::StatusCode kIllegal = grpc::StatusCode::FAILED_PRECONDITION;
inline constexpr grpc::StatusCode kMissing = grpc::StatusCode::NOT_FOUND;

struct OracleRow {
  v1::MeasureStatus from;
  MeasureCommand command;
  grpc::StatusCode code;  // what Decide answers
  // When code is OK: the status after folding the decided event. When FAILED_PRECONDITION: the
  // status after folding such an event anyway, as a log Decide did not write may hold one: it
  // moves the measure forward to where the command leads, or leaves the status alone when the
  // measure is past that point (a final status stays final). kNone for a missing measure.
  v1::MeasureStatus to;
};

// 7 statuses x 13 commands. The commands on causes, goals and partners are allowed until the
// measure is completed or withdrawn, follow-up once it is assigned and also when completed; none
// of them moves the measure.
inline constexpr OracleRow kLifecycleOracle[] = {
    {kNone, MeasureCommand::kPrioritise, kMissing, kNone},
    {kNone, MeasureCommand::kAssign, kMissing, kNone},
    {kNone, MeasureCommand::kStart, kMissing, kNone},
    {kNone, MeasureCommand::kReportProgress, kMissing, kNone},
    {kNone, MeasureCommand::kComplete, kMissing, kNone},
    {kNone, MeasureCommand::kWithdraw, kMissing, kNone},
    {kNone, MeasureCommand::kLinkCause, kMissing, kNone},
    {kNone, MeasureCommand::kUnlinkCause, kMissing, kNone},
    {kNone, MeasureCommand::kSetGoal, kMissing, kNone},
    {kNone, MeasureCommand::kRetireGoal, kMissing, kNone},
    {kNone, MeasureCommand::kAddPartner, kMissing, kNone},
    {kNone, MeasureCommand::kRemovePartner, kMissing, kNone},
    {kNone, MeasureCommand::kRecordFollowUp, kMissing, kNone},

    {kProposed, MeasureCommand::kPrioritise, kOk, kPrioritised},
    {kProposed, MeasureCommand::kAssign, kIllegal, kAssigned},
    {kProposed, MeasureCommand::kStart, kIllegal, kInProgress},
    {kProposed, MeasureCommand::kReportProgress, kIllegal, kProposed},
    {kProposed, MeasureCommand::kComplete, kIllegal, kCompleted},
    {kProposed, MeasureCommand::kWithdraw, kOk, kWithdrawn},
    {kProposed, MeasureCommand::kLinkCause, kOk, kProposed},
    {kProposed, MeasureCommand::kUnlinkCause, kOk, kProposed},
    {kProposed, MeasureCommand::kSetGoal, kOk, kProposed},
    {kProposed, MeasureCommand::kRetireGoal, kOk, kProposed},
    {kProposed, MeasureCommand::kAddPartner, kOk, kProposed},
    {kProposed, MeasureCommand::kRemovePartner, kOk, kProposed},
    {kProposed, MeasureCommand::kRecordFollowUp, kIllegal, kProposed},

    {kPrioritised, MeasureCommand::kPrioritise, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kAssign, kOk, kAssigned},
    {kPrioritised, MeasureCommand::kStart, kIllegal, kInProgress},
    {kPrioritised, MeasureCommand::kReportProgress, kIllegal, kPrioritised},
    {kPrioritised, MeasureCommand::kComplete, kIllegal, kCompleted},
    {kPrioritised, MeasureCommand::kWithdraw, kOk, kWithdrawn},
    {kPrioritised, MeasureCommand::kLinkCause, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kUnlinkCause, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kSetGoal, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kRetireGoal, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kAddPartner, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kRemovePartner, kOk, kPrioritised},
    {kPrioritised, MeasureCommand::kRecordFollowUp, kIllegal, kPrioritised},

    {kAssigned, MeasureCommand::kPrioritise, kOk, kAssigned},
    {kAssigned, MeasureCommand::kAssign, kOk, kAssigned},
    {kAssigned, MeasureCommand::kStart, kOk, kInProgress},
    {kAssigned, MeasureCommand::kReportProgress, kOk, kAssigned},
    {kAssigned, MeasureCommand::kComplete, kOk, kCompleted},
    {kAssigned, MeasureCommand::kWithdraw, kOk, kWithdrawn},
    {kAssigned, MeasureCommand::kLinkCause, kOk, kAssigned},
    {kAssigned, MeasureCommand::kUnlinkCause, kOk, kAssigned},
    {kAssigned, MeasureCommand::kSetGoal, kOk, kAssigned},
    {kAssigned, MeasureCommand::kRetireGoal, kOk, kAssigned},
    {kAssigned, MeasureCommand::kAddPartner, kOk, kAssigned},
    {kAssigned, MeasureCommand::kRemovePartner, kOk, kAssigned},
    {kAssigned, MeasureCommand::kRecordFollowUp, kOk, kAssigned},

    {kInProgress, MeasureCommand::kPrioritise, kOk, kInProgress},
    {kInProgress, MeasureCommand::kAssign, kOk, kInProgress},
    {kInProgress, MeasureCommand::kStart, kIllegal, kInProgress},
    {kInProgress, MeasureCommand::kReportProgress, kOk, kInProgress},
    {kInProgress, MeasureCommand::kComplete, kOk, kCompleted},
    {kInProgress, MeasureCommand::kWithdraw, kOk, kWithdrawn},
    {kInProgress, MeasureCommand::kLinkCause, kOk, kInProgress},
    {kInProgress, MeasureCommand::kUnlinkCause, kOk, kInProgress},
    {kInProgress, MeasureCommand::kSetGoal, kOk, kInProgress},
    {kInProgress, MeasureCommand::kRetireGoal, kOk, kInProgress},
    {kInProgress, MeasureCommand::kAddPartner, kOk, kInProgress},
    {kInProgress, MeasureCommand::kRemovePartner, kOk, kInProgress},
    {kInProgress, MeasureCommand::kRecordFollowUp, kOk, kInProgress},

    {kCompleted, MeasureCommand::kPrioritise, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kAssign, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kStart, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kReportProgress, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kComplete, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kWithdraw, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kLinkCause, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kUnlinkCause, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kSetGoal, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kRetireGoal, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kAddPartner, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kRemovePartner, kIllegal, kCompleted},
    {kCompleted, MeasureCommand::kRecordFollowUp, kOk, kCompleted},

    {kWithdrawn, MeasureCommand::kPrioritise, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kAssign, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kStart, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kReportProgress, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kComplete, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kWithdraw, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kLinkCause, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kUnlinkCause, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kSetGoal, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kRetireGoal, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kAddPartner, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kRemovePartner, kIllegal, kWithdrawn},
    {kWithdrawn, MeasureCommand::kRecordFollowUp, kIllegal, kWithdrawn},
};

// "ASSIGNED_report_progress": the test name of a row, from the names lifecycle.h gives.
inline std::string OracleRowName(const ::testing::TestParamInfo<OracleRow>& info) {
  const OracleRow& row = info.param;
  std::string name =
      std::string(StatusName(row.from)) + "_" + std::string(CommandName(row.command));
  for (char& c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';  // gtest names: "record follow-up" becomes record_follow_up
  }
  return name;
}

}  // namespace trygg::domain::testing
