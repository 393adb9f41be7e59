// Every measure command in every status: the legal transitions and where they lead, and the
// illegal ones with FAILED_PRECONDITION (NOT_FOUND for a measure that does not exist). The
// expectations are the hand-written oracle in lifecycle_oracle.h, not derived from lifecycle.h.
#include "trygg/domain/lifecycle.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "domain_test_util.h"
#include "lifecycle_oracle.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/evolve.h"

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using C = MeasureCommand;
using grpc::StatusCode;

// Decides `command` against `measure` as the responsible agency (so only the lifecycle can say
// no: the measure has what the command needs, WithPrerequisites) and, when allowed, evolves the
// event into a copy of the state.
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
    case C::kLinkCause: {
      // A cause of the plan other than the one WithPrerequisites linked.
      PlanState plan = PlanWithCause();
      v1::CauseIdentified second;
      second.set_plan_id(kPlanId);
      second.set_cause_id("c-2");
      second.set_focus_area("otrygghet");
      second.set_number(2);
      Evolve(plan, second);
      v1::LinkMeasureToCauseRequest request = LinkCause();
      request.set_cause_id("c-2");
      return Fold(DecideLinkCause(request, measure, plan), measure);
    }
    case C::kUnlinkCause: return Fold(DecideUnlinkCause(UnlinkCause(), measure), measure);
    case C::kSetGoal: return Fold(DecideSetGoal(SetGoal(), measure, kGoalId), measure);
    case C::kRetireGoal: return Fold(DecideRetireGoal(RetireGoal(), measure), measure);
    case C::kAddPartner:
      return Fold(DecideAddPartner(AddPartner("brandforsvaret"), measure,
                                   ExistingAgency("brandforsvaret", "rescue")),
                  measure);
    case C::kRemovePartner: return Fold(DecideRemovePartner(RemovePartner(), measure), measure);
    case C::kRecordFollowUp:
      return Fold(DecideRecordFollowUp(RecordFollowUp(), measure, AgencyActor()), measure);
  }
  return {grpc::Status(StatusCode::INTERNAL, "unreachable"), std::nullopt};
}

// Measure kMeasureId in `status` with what unlinking a cause, retiring a goal and removing a
// partner need (none for a measure that does not exist).
MeasureState WithPrerequisites(v1::MeasureStatus status) {
  const MeasureState measure = MeasureIn(status);
  return measure.exists() ? WithCauseGoalAndPartner(measure) : measure;
}

template <class Event>
DomainEvent OfMeasure(Event event) {
  event.set_measure_id(kMeasureId);
  return event;
}

// An event of `command` for measure kMeasureId, as Decide would emit it.
DomainEvent EventOf(MeasureCommand command) {
  v1::MeasurePrioritised prioritised;
  prioritised.set_priority(v1::PRIORITY_LOW);
  v1::MeasureAssigned assigned;
  assigned.set_agency_id(kOtherAgencyId);
  assigned.set_due_date("2026-12-31");
  v1::MeasureProgressReported progress;
  progress.set_percent_complete(50);
  v1::MeasureLinkedToCause linked;
  linked.set_cause_id("c-2");
  v1::MeasureUnlinkedFromCause unlinked;
  unlinked.set_cause_id(kCauseId);
  v1::OperationalGoalSet goal;
  goal.set_goal_id("g-2");
  v1::OperationalGoalRetired goal_retired;
  goal_retired.set_goal_id(kGoalId);
  v1::PartnerAdded partner;
  partner.set_agency_id("brandforsvaret");
  v1::PartnerRemoved partner_removed;
  partner_removed.set_agency_id(kOtherAgencyId);
  v1::FollowUpRecorded follow_up;
  follow_up.set_period("2026-T1");
  follow_up.set_party(kAgencyId);
  follow_up.set_health(v1::HEALTH_GREEN);
  switch (command) {
    case C::kPrioritise: return OfMeasure(prioritised);
    case C::kAssign: return OfMeasure(assigned);
    case C::kStart: return OfMeasure(v1::MeasureStarted{});
    case C::kReportProgress: return OfMeasure(progress);
    case C::kComplete: return OfMeasure(v1::MeasureCompleted{});
    case C::kWithdraw: return OfMeasure(v1::MeasureWithdrawn{});
    case C::kLinkCause: return OfMeasure(linked);
    case C::kUnlinkCause: return OfMeasure(unlinked);
    case C::kSetGoal: return OfMeasure(goal);
    case C::kRetireGoal: return OfMeasure(goal_retired);
    case C::kAddPartner: return OfMeasure(partner);
    case C::kRemovePartner: return OfMeasure(partner_removed);
    case C::kRecordFollowUp: return OfMeasure(follow_up);
  }
  return v1::MeasureStarted{};
}

class TransitionTest : public ::testing::TestWithParam<OracleRow> {};

TEST_P(TransitionTest, DecidesAndEvolves) {
  const OracleRow& t = GetParam();
  const MeasureState measure = WithPrerequisites(t.from);
  ASSERT_EQ(measure.status, t.from);

  const Outcome outcome = Decide(t.command, measure);
  EXPECT_EQ(outcome.status.error_code(), t.code) << outcome.status.error_message();
  // The lifecycle table in lifecycle.h agrees with what Decide did.
  EXPECT_EQ(IsAllowed(t.from, t.command), t.code == kOk);
  const std::optional<v1::MeasureStatus> next = NextStatus(t.from, t.command);
  EXPECT_EQ(next.has_value(), t.code == kOk);
  if (t.code == kOk) {
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(StatusName(*next), StatusName(t.to));
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

// An event the lifecycle does not allow, as a log Decide did not write may hold, still folds:
// Evolve moves the status as the oracle says and counts the event.
TEST_P(TransitionTest, EvolvesEvenWhereNotAllowed) {
  const OracleRow& t = GetParam();
  MeasureState measure = WithPrerequisites(t.from);
  const uint64_t version = measure.version;
  Evolve(measure, EventOf(t.command));
  EXPECT_EQ(StatusName(measure.status), StatusName(t.to));
  EXPECT_EQ(StatusName(StatusAfter(t.from, t.command)), StatusName(t.to));
  EXPECT_EQ(measure.version, version + 1);
}

INSTANTIATE_TEST_SUITE_P(AllStatusesAllCommands, TransitionTest,
                         ::testing::ValuesIn(kLifecycleOracle), OracleRowName);

TEST(LifecycleTest, MessagesReadAsDocumented) {
  const auto proposed = DecideStart(Start(), MeasureIn(kProposed), kAgencyId);
  EXPECT_EQ(proposed.status().error_message(),
            "cannot start: measure m-1 is PROPOSED; allowed: prioritise, withdraw, link a cause, "
            "unlink a cause, set a goal, retire a goal, add a partner, remove a partner");
  const auto completed = DecideWithdraw(Withdraw(), MeasureIn(kCompleted));
  EXPECT_EQ(completed.status().error_message(),
            "cannot withdraw: measure m-1 is COMPLETED; allowed: record follow-up");
  const auto withdrawn = DecidePrioritise(Prioritise(), MeasureIn(kWithdrawn));
  EXPECT_EQ(withdrawn.status().error_message(),
            "cannot prioritise: measure m-1 is WITHDRAWN; no command is allowed");
  const auto in_progress = DecideStart(Start(), MeasureIn(kInProgress), kAgencyId);
  EXPECT_EQ(in_progress.status().error_message(),
            "cannot start: measure m-1 is IN_PROGRESS; allowed: prioritise, assign, "
            "report progress, complete, withdraw, link a cause, unlink a cause, set a goal, "
            "retire a goal, add a partner, remove a partner, record follow-up");
  const auto follow_up =
      DecideRecordFollowUp(RecordFollowUp(), MeasureIn(kPrioritised), CoordinatorActor());
  EXPECT_EQ(follow_up.status().error_message(),
            "cannot record follow-up: measure m-1 is PRIORITISED; allowed: prioritise, assign, "
            "withdraw, link a cause, unlink a cause, set a goal, retire a goal, add a partner, "
            "remove a partner");
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
  for (const MeasureCommand command : kAllMeasureCommands) {
    EXPECT_FALSE(NextStatus(unknown, command).has_value());
    EXPECT_EQ(StatusAfter(unknown, command), unknown);  // a fold leaves what it does not know
    EXPECT_EQ(StatusAfter(static_cast<v1::MeasureStatus>(-1), command), -1);
  }
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
