// Every measure command in every status: the legal transitions and where they lead, and the
// illegal ones with FAILED_PRECONDITION (NOT_FOUND for a measure that does not exist). The
// expectations are written out by hand from DESIGN.md's diagram, not derived from lifecycle.h.
#include "trygg/domain/lifecycle.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "domain_test_util.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/evolve.h"

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using C = MeasureCommand;
using grpc::StatusCode;

constexpr auto kNone = v1::MEASURE_STATUS_UNSPECIFIED;
constexpr auto kProposed = v1::MEASURE_STATUS_PROPOSED;
constexpr auto kPrioritised = v1::MEASURE_STATUS_PRIORITISED;
constexpr auto kAssigned = v1::MEASURE_STATUS_ASSIGNED;
constexpr auto kInProgress = v1::MEASURE_STATUS_IN_PROGRESS;
constexpr auto kCompleted = v1::MEASURE_STATUS_COMPLETED;
constexpr auto kWithdrawn = v1::MEASURE_STATUS_WITHDRAWN;

struct Transition {
  v1::MeasureStatus from;
  MeasureCommand command;
  StatusCode code;
  v1::MeasureStatus to;  // when code is OK: the status after evolving the decided event
};

constexpr StatusCode kOk = StatusCode::OK;
constexpr StatusCode kIllegal = StatusCode::FAILED_PRECONDITION;
constexpr StatusCode kMissing = StatusCode::NOT_FOUND;

// 7 statuses x 6 commands.
constexpr Transition kTransitions[] = {
    {kNone, C::kPrioritise, kMissing, kNone},
    {kNone, C::kAssign, kMissing, kNone},
    {kNone, C::kStart, kMissing, kNone},
    {kNone, C::kReportProgress, kMissing, kNone},
    {kNone, C::kComplete, kMissing, kNone},
    {kNone, C::kWithdraw, kMissing, kNone},

    {kProposed, C::kPrioritise, kOk, kPrioritised},
    {kProposed, C::kAssign, kIllegal, kNone},
    {kProposed, C::kStart, kIllegal, kNone},
    {kProposed, C::kReportProgress, kIllegal, kNone},
    {kProposed, C::kComplete, kIllegal, kNone},
    {kProposed, C::kWithdraw, kOk, kWithdrawn},

    {kPrioritised, C::kPrioritise, kOk, kPrioritised},
    {kPrioritised, C::kAssign, kOk, kAssigned},
    {kPrioritised, C::kStart, kIllegal, kNone},
    {kPrioritised, C::kReportProgress, kIllegal, kNone},
    {kPrioritised, C::kComplete, kIllegal, kNone},
    {kPrioritised, C::kWithdraw, kOk, kWithdrawn},

    {kAssigned, C::kPrioritise, kOk, kAssigned},
    {kAssigned, C::kAssign, kOk, kAssigned},
    {kAssigned, C::kStart, kOk, kInProgress},
    {kAssigned, C::kReportProgress, kOk, kAssigned},
    {kAssigned, C::kComplete, kOk, kCompleted},
    {kAssigned, C::kWithdraw, kOk, kWithdrawn},

    {kInProgress, C::kPrioritise, kOk, kInProgress},
    {kInProgress, C::kAssign, kOk, kInProgress},
    {kInProgress, C::kStart, kIllegal, kNone},
    {kInProgress, C::kReportProgress, kOk, kInProgress},
    {kInProgress, C::kComplete, kOk, kCompleted},
    {kInProgress, C::kWithdraw, kOk, kWithdrawn},

    {kCompleted, C::kPrioritise, kIllegal, kNone},
    {kCompleted, C::kAssign, kIllegal, kNone},
    {kCompleted, C::kStart, kIllegal, kNone},
    {kCompleted, C::kReportProgress, kIllegal, kNone},
    {kCompleted, C::kComplete, kIllegal, kNone},
    {kCompleted, C::kWithdraw, kIllegal, kNone},

    {kWithdrawn, C::kPrioritise, kIllegal, kNone},
    {kWithdrawn, C::kAssign, kIllegal, kNone},
    {kWithdrawn, C::kStart, kIllegal, kNone},
    {kWithdrawn, C::kReportProgress, kIllegal, kNone},
    {kWithdrawn, C::kComplete, kIllegal, kNone},
    {kWithdrawn, C::kWithdraw, kIllegal, kNone},
};

// Decides `command` against `measure` as the responsible agency (so only the lifecycle can say
// no) and, when allowed, evolves the event into a copy of the state.
struct Outcome {
  grpc::Status status;
  std::optional<MeasureState> after;
};

template <class Event>
Outcome Fold(const Result<Event>& result, const MeasureState& measure) {
  if (!result.ok()) return {result.status(), std::nullopt};
  MeasureState after = measure;
  Evolve(after, *result);
  return {grpc::Status::OK, after};
}

Outcome Decide(MeasureCommand command, const MeasureState& measure) {
  switch (command) {
    case C::kPrioritise: return Fold(DecidePrioritise(Prioritise(), measure), measure);
    case C::kAssign: return Fold(DecideAssign(Assign(), measure, ExistingAgency()), measure);
    case C::kStart: return Fold(DecideStart(Start(), measure, kAgencyId), measure);
    case C::kReportProgress:
      return Fold(DecideReportProgress(ReportProgress(), measure, kAgencyId), measure);
    case C::kComplete: return Fold(DecideComplete(Complete(), measure, kAgencyId), measure);
    case C::kWithdraw: return Fold(DecideWithdraw(Withdraw(), measure), measure);
  }
  return {grpc::Status(StatusCode::INTERNAL, "unreachable"), std::nullopt};
}

class TransitionTest : public ::testing::TestWithParam<Transition> {};

TEST_P(TransitionTest, DecidesAndEvolves) {
  const Transition& t = GetParam();
  const MeasureState measure = MeasureIn(t.from);
  ASSERT_EQ(measure.status, t.from);

  const Outcome outcome = Decide(t.command, measure);
  EXPECT_EQ(outcome.status.error_code(), t.code) << outcome.status.error_message();
  // The lifecycle table in lifecycle.h agrees with what Decide did.
  EXPECT_EQ(IsAllowed(t.from, t.command), t.code == kOk);
  if (t.code == kOk) {
    ASSERT_TRUE(outcome.after.has_value());
    EXPECT_EQ(StatusName(outcome.after->status), StatusName(t.to));
    EXPECT_EQ(outcome.after->version, measure.version + 1);
  }
  if (t.code == kIllegal) {
    // The message names the command, the current status and what is allowed instead.
    const std::string& message = outcome.status.error_message();
    EXPECT_NE(message.find(std::string(CommandName(t.command))), std::string::npos) << message;
    EXPECT_NE(message.find("measure m-1 is " + std::string(StatusName(t.from))), std::string::npos)
        << message;
    const std::string allowed = AllowedCommands(t.from);
    const std::string tail = allowed.empty() ? "; no command is allowed" : "; allowed: " + allowed;
    EXPECT_NE(message.find(tail), std::string::npos) << message;
  }
  if (t.code == kMissing) {
    EXPECT_EQ(outcome.status.error_message(), "measure m-1 not found");
  }
}

std::string TransitionName(const ::testing::TestParamInfo<Transition>& info) {
  std::string name =
      std::string(StatusName(info.param.from)) + "_" + std::string(CommandName(info.param.command));
  for (char& c : name) {
    if (c == ' ') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllStatusesAllCommands, TransitionTest, ::testing::ValuesIn(kTransitions),
                         TransitionName);

TEST(LifecycleTest, MessagesReadAsDocumented) {
  const auto proposed = DecideStart(Start(), MeasureIn(kProposed), kAgencyId);
  EXPECT_EQ(proposed.status().error_message(),
            "cannot start: measure m-1 is PROPOSED; allowed: prioritise, withdraw");
  const auto completed = DecideWithdraw(Withdraw(), MeasureIn(kCompleted));
  EXPECT_EQ(completed.status().error_message(),
            "cannot withdraw: measure m-1 is COMPLETED; no command is allowed");
  const auto in_progress = DecideStart(Start(), MeasureIn(kInProgress), kAgencyId);
  EXPECT_EQ(in_progress.status().error_message(),
            "cannot start: measure m-1 is IN_PROGRESS; allowed: prioritise, assign, "
            "report progress, complete, withdraw");
}

TEST(LifecycleTest, OnlyCompletedAndWithdrawnAreFinal) {
  for (const auto status : {kNone, kProposed, kPrioritised, kAssigned, kInProgress}) {
    EXPECT_FALSE(IsFinal(status)) << StatusName(status);
  }
  EXPECT_TRUE(IsFinal(kCompleted));
  EXPECT_TRUE(IsFinal(kWithdrawn));
}

TEST(LifecycleTest, UnknownStatusValueAllowsNothing) {
  const auto unknown = static_cast<v1::MeasureStatus>(42);
  EXPECT_EQ(StatusName(unknown), "UNSPECIFIED");
  EXPECT_EQ(AllowedCommands(unknown), "");
}

TEST(LifecycleTest, ReassigningInProgressMeasureKeepsWorkGoing) {
  MeasureState measure = MeasureIn(kInProgress);
  const auto assigned =
      DecideAssign(Assign(kOtherAgencyId), measure, ExistingAgency(kOtherAgencyId));
  ASSERT_TRUE(assigned.ok()) << assigned.status().error_message();
  Evolve(measure, *assigned);
  EXPECT_EQ(measure.status, kInProgress);
  EXPECT_EQ(measure.responsible_agency_id, kOtherAgencyId);
}

}  // namespace
}  // namespace trygg::domain
