// The measure lifecycle as the projections fold it: every row of the domain's hand-written oracle
// (tests/domain/lifecycle_oracle.h) for a measure that exists, replayed as a history and checked
// against the measure view's status. The rows the lifecycle allows are where Decide+Evolve lead;
// the others are what a log Decide did not write folds to, the same as Evolve (lifecycle_test).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/lifecycle_oracle.h"
#include "history.h"
#include "trygg/projections/projections.h"

namespace trygg::projections::testing {
namespace {

using domain::MeasureCommand;
using domain::testing::OracleRow;

constexpr std::string_view kPlan = "tryggare-varnamo-2026";
constexpr std::string_view kMeasure = "m";
constexpr std::string_view kAgency = "varnamo-kommun-tekniska";

// Measure kMeasure in `status`, along the lifecycle's main path (WITHDRAWN: withdrawn while
// PROPOSED).
void ReachStatus(History& history, v1::MeasureStatus status) {
  history.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                     {{"otrygghet", "Otrygghet"}});
  history.RegisterAgency(kAgency, "Tekniska förvaltningen", "municipality");
  history.Propose(kMeasure, kPlan, "otrygghet", "Trygghetsvandringar");
  if (status == v1::MEASURE_STATUS_PROPOSED) return;
  if (status == v1::MEASURE_STATUS_WITHDRAWN) {
    history.Withdraw(kMeasure, "Ersätts");
    return;
  }
  history.Prioritise(kMeasure, v1::PRIORITY_MEDIUM);
  if (status == v1::MEASURE_STATUS_PRIORITISED) return;
  history.Assign(kMeasure, kAgency, "2026-06-30");
  if (status == v1::MEASURE_STATUS_ASSIGNED) return;
  history.Start(kMeasure);
  if (status == v1::MEASURE_STATUS_IN_PROGRESS) return;
  history.Complete(kMeasure, "Klart");
}

// Appends the event `command` decides.
void AppendEventOf(History& history, MeasureCommand command) {
  switch (command) {
    case MeasureCommand::kPrioritise: history.Prioritise(kMeasure, v1::PRIORITY_LOW); return;
    case MeasureCommand::kAssign: history.Assign(kMeasure, kAgency, "2026-12-31"); return;
    case MeasureCommand::kStart: history.Start(kMeasure); return;
    case MeasureCommand::kReportProgress: history.Report(kMeasure, 50, "Halvvägs"); return;
    case MeasureCommand::kComplete: history.Complete(kMeasure, "Klart"); return;
    case MeasureCommand::kWithdraw: history.Withdraw(kMeasure, "Behövs inte"); return;
    case MeasureCommand::kLinkCause: history.Link(kMeasure, "c-1"); return;
    case MeasureCommand::kUnlinkCause: history.Unlink(kMeasure, "c-1"); return;
    case MeasureCommand::kSetGoal: history.SetGoal(kMeasure, "g-1", 0, 10); return;
    case MeasureCommand::kRetireGoal: history.RetireGoal(kMeasure, "g-1"); return;
    case MeasureCommand::kAddPartner: history.AddPartner(kMeasure, kAgency); return;
    case MeasureCommand::kRemovePartner: history.RemovePartner(kMeasure, kAgency); return;
    case MeasureCommand::kRecordFollowUp:
      history.FollowUp(kMeasure, "2026-T2", kAgency, v1::HEALTH_GREEN);
      return;
  }
}

// The oracle's rows for a measure that exists (a missing one has no view to fold into).
std::vector<OracleRow> ExistingMeasureRows() {
  std::vector<OracleRow> rows;
  for (const OracleRow& row : domain::testing::kLifecycleOracle) {
    if (row.from != v1::MEASURE_STATUS_UNSPECIFIED) rows.push_back(row);
  }
  return rows;
}

class LifecycleFoldTest : public ::testing::TestWithParam<OracleRow> {};

TEST_P(LifecycleFoldTest, MeasureViewStatusFollowsTheOracle) {
  const OracleRow& row = GetParam();
  History history;
  ReachStatus(history, row.from);
  Projections projections;
  ASSERT_TRUE(history.ApplyTo(projections));
  std::optional<v1::Measure> before = projections.GetMeasure(kMeasure, "2026-06-15");
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(v1::MeasureStatus_Name(before->status()), v1::MeasureStatus_Name(row.from));

  AppendEventOf(history, row.command);
  ASSERT_TRUE(history.ApplyTo(projections));
  std::optional<v1::Measure> after = projections.GetMeasure(kMeasure, "2026-06-15");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(v1::MeasureStatus_Name(after->status()), v1::MeasureStatus_Name(row.to));
  EXPECT_EQ(after->version(), before->version() + 1);
}

INSTANTIATE_TEST_SUITE_P(EveryStatusEveryCommand, LifecycleFoldTest,
                         ::testing::ValuesIn(ExistingMeasureRows()),
                         domain::testing::OracleRowName);

}  // namespace
}  // namespace trygg::projections::testing
