// The example plan, Tryggare Värnamo 2026, folded and asked what its users ask: what does each
// agency own, what is late, how far has each focus area come.
#include "example_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "history.h"
#include "trygg/projections/projections.h"

namespace trygg::projections::testing {
namespace {

using v1::MEASURE_STATUS_ASSIGNED;
using v1::MEASURE_STATUS_COMPLETED;
using v1::MEASURE_STATUS_IN_PROGRESS;
using v1::MEASURE_STATUS_PRIORITISED;
using v1::MEASURE_STATUS_PROPOSED;
using v1::MEASURE_STATUS_WITHDRAWN;

class ExamplePlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BuildTryggareVarnamo(history_);
    ASSERT_TRUE(history_.ApplyTo(projections_));
  }

  v1::AgencyStatus AgencyStatus(std::string_view agency_id, uint32_t page_size = 0,
                                std::string_view today = kToday) {
    domain::Result<v1::AgencyStatus> status =
        projections_.GetAgencyStatus(agency_id, page_size, today);
    EXPECT_TRUE(status.ok()) << Describe(status.status());
    return status.ok() ? *status : v1::AgencyStatus();
  }

  History history_;
  Projections projections_;
};

TEST_F(ExamplePlanTest, AppliesTheWholeLog) {
  EXPECT_EQ(projections_.applied_position(), history_.head());
  EXPECT_EQ(projections_.ignored_events(), 0u);
}

TEST_F(ExamplePlanTest, InProgressMeasureHasEveryField) {
  std::optional<v1::Measure> measure = projections_.GetMeasure("example-1", kToday);
  ASSERT_TRUE(measure.has_value());
  EXPECT_EQ(measure->measure_id(), "example-1");
  EXPECT_EQ(measure->plan_id(), kPlanId);
  EXPECT_EQ(measure->focus_area(), "narkotika");
  EXPECT_EQ(measure->title(), "SSPF-samverkan för unga i riskzon");
  EXPECT_EQ(measure->description(),
            "Skola, socialtjänst, polis och fritid samverkar kring unga i riskzon.");
  EXPECT_EQ(measure->status(), MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(measure->priority(), v1::PRIORITY_HIGH);
  EXPECT_EQ(measure->responsible_agency_id(), kSocialtjansten);
  EXPECT_EQ(measure->due_date(), "2027-06-30");
  EXPECT_EQ(measure->percent_complete(), 40u);
  EXPECT_EQ(measure->last_note(), "Tolv ärenden följs upp");
  EXPECT_EQ(measure->proposed_by(), "samordnare");
  EXPECT_EQ(measure->version(), 5u);  // proposed, prioritised, assigned, started, reported
  EXPECT_FALSE(measure->overdue());
}

TEST_F(ExamplePlanTest, OnlyTheLateLightingIsOverdue) {
  std::vector<std::string> overdue;
  for (int i = 1; i <= 15; ++i) {
    const std::string id = "example-" + std::to_string(i);
    std::optional<v1::Measure> measure = projections_.GetMeasure(id, kToday);
    ASSERT_TRUE(measure.has_value()) << id;
    if (measure->overdue()) overdue.push_back(id);
  }
  // example-3, -9 and -12 are past their dates too, but completed.
  EXPECT_EQ(overdue, std::vector<std::string>{"example-7"});
}

TEST_F(ExamplePlanTest, OverdueDependsOnlyOnToday) {
  EXPECT_FALSE(projections_.GetMeasure("example-7", "2026-09-30")->overdue());  // due today
  EXPECT_TRUE(projections_.GetMeasure("example-7", "2026-10-01")->overdue());
  std::optional<v1::PlanOverview> next_year = projections_.GetPlanOverview(kPlanId, "2027-07-01");
  ASSERT_TRUE(next_year.has_value());
  EXPECT_EQ(next_year->overdue(), 6u);  // every open measure with a date: 1 2 6 7 11 14
  EXPECT_EQ(projections_.GetPlanOverview(kPlanId, "2026-01-01")->overdue(), 0u);
}

TEST_F(ExamplePlanTest, SocialServicesSeeTheirOpenMeasuresByPriority) {
  v1::AgencyStatus status = AgencyStatus(kSocialtjansten);
  EXPECT_EQ(status.agency().agency_id(), kSocialtjansten);
  EXPECT_EQ(status.agency().name(), "Värnamo kommun, socialförvaltningen");
  EXPECT_EQ(status.agency().kind(), "social services");
  EXPECT_EQ(CountsOf(status.counts()),
            (Counts{{MEASURE_STATUS_ASSIGNED, 1}, {MEASURE_STATUS_IN_PROGRESS, 1}}));
  EXPECT_EQ(status.overdue(), 0u);
  EXPECT_EQ(status.total_measures(), 2u);
  EXPECT_EQ(IdsOf(status.measures()), (std::vector<std::string>{"example-1", "example-2"}));
}

TEST_F(ExamplePlanTest, CoordinatorSeesOpenFirstThenClosedById) {
  v1::AgencyStatus status = AgencyStatus(kKs);
  EXPECT_EQ(CountsOf(status.counts()), (Counts{{MEASURE_STATUS_IN_PROGRESS, 1},
                                               {MEASURE_STATUS_COMPLETED, 1},
                                               {MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(status.total_measures(), 3u);
  EXPECT_EQ(IdsOf(status.measures()),
            (std::vector<std::string>{"example-11", "example-12", "example-15"}));
  EXPECT_EQ(status.measures(2).withdrawal_reason(), "Hanteras av de nationella reglerna");
}

TEST_F(ExamplePlanTest, PoliceSeeTheirOpenMeasureBeforeTheCompletedOne) {
  v1::AgencyStatus status = AgencyStatus(kPolisen);
  EXPECT_EQ(CountsOf(status.counts()),
            (Counts{{MEASURE_STATUS_ASSIGNED, 1}, {MEASURE_STATUS_COMPLETED, 1}}));
  EXPECT_EQ(IdsOf(status.measures()), (std::vector<std::string>{"example-14", "example-3"}));
  EXPECT_EQ(status.measures(1).percent_complete(), 100u);
}

TEST_F(ExamplePlanTest, StreetsDepartmentSeesItsOverdueMeasure) {
  v1::AgencyStatus status = AgencyStatus(kTekniska);
  EXPECT_EQ(status.overdue(), 1u);
  ASSERT_EQ(status.measures_size(), 1);
  EXPECT_TRUE(status.measures(0).overdue());
  EXPECT_EQ(status.measures(0).last_note(), "Börja med gång- och cykeltunneln vid Vråen");
  EXPECT_EQ(AgencyStatus(kTekniska, 0, "2026-09-30").overdue(), 0u);
}

TEST_F(ExamplePlanTest, RegisteredAgencyWithoutMeasuresHasAnEmptyStatus) {
  v1::AgencyStatus status = AgencyStatus(kRaddningstjansten);
  EXPECT_EQ(status.agency().name(), "Räddningstjänsten");
  EXPECT_EQ(status.counts_size(), 0);
  EXPECT_EQ(status.overdue(), 0u);
  EXPECT_EQ(status.total_measures(), 0u);
  EXPECT_EQ(status.measures_size(), 0);
}

TEST_F(ExamplePlanTest, UnknownAgencyIsNotFound) {
  domain::Result<v1::AgencyStatus> status =
      projections_.GetAgencyStatus("polisen-lpo-jonkoping", 0, kToday);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ExamplePlanTest, AgencyStatusPageSizeIsBounded) {
  domain::Result<v1::AgencyStatus> too_large = projections_.GetAgencyStatus(kKs, 501, kToday);
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.status().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(too_large.status().error_message().find("page_size"), std::string::npos);

  v1::AgencyStatus one = AgencyStatus(kKs, 1);
  EXPECT_EQ(IdsOf(one.measures()), std::vector<std::string>{"example-11"});
  EXPECT_EQ(one.total_measures(), 3u);  // counts cover all, not the page
  EXPECT_EQ(AgencyStatus(kKs, 500).measures_size(), 3);
}

TEST_F(ExamplePlanTest, PlanOverviewCountsEachFocusAreaInThePlansOrder) {
  std::optional<v1::PlanOverview> overview = projections_.GetPlanOverview(kPlanId, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_EQ(overview->plan_id(), kPlanId);
  EXPECT_EQ(overview->name(), "Tryggare Värnamo 2026");
  EXPECT_EQ(overview->municipality(), "Värnamo kommun");
  ASSERT_EQ(overview->focus_areas_size(), 3);

  const v1::FocusAreaOverview& narkotika = overview->focus_areas(0);
  EXPECT_EQ(narkotika.focus_area().key(), "narkotika");
  EXPECT_EQ(narkotika.focus_area().name(), "Narkotika");
  EXPECT_EQ(CountsOf(narkotika.counts()), (Counts{{MEASURE_STATUS_PROPOSED, 1},
                                                  {MEASURE_STATUS_PRIORITISED, 1},
                                                  {MEASURE_STATUS_ASSIGNED, 1},
                                                  {MEASURE_STATUS_IN_PROGRESS, 1},
                                                  {MEASURE_STATUS_COMPLETED, 1}}));
  EXPECT_EQ(narkotika.overdue(), 0u);
  EXPECT_EQ(narkotika.prioritised_unassigned(), 1u);

  const v1::FocusAreaOverview& otrygghet = overview->focus_areas(1);
  EXPECT_EQ(otrygghet.focus_area().key(), "otrygghet");
  EXPECT_EQ(CountsOf(otrygghet.counts()), CountsOf(narkotika.counts()));
  EXPECT_EQ(otrygghet.overdue(), 1u);
  EXPECT_EQ(otrygghet.prioritised_unassigned(), 1u);

  const v1::FocusAreaOverview& paverkan = overview->focus_areas(2);
  EXPECT_EQ(paverkan.focus_area().name(), "Otillåten påverkan");
  EXPECT_EQ(CountsOf(paverkan.counts()), (Counts{{MEASURE_STATUS_PRIORITISED, 1},
                                                 {MEASURE_STATUS_ASSIGNED, 1},
                                                 {MEASURE_STATUS_IN_PROGRESS, 1},
                                                 {MEASURE_STATUS_COMPLETED, 1},
                                                 {MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(paverkan.overdue(), 0u);
  EXPECT_EQ(paverkan.prioritised_unassigned(), 1u);

  EXPECT_EQ(CountsOf(overview->counts()), (Counts{{MEASURE_STATUS_PROPOSED, 2},
                                                  {MEASURE_STATUS_PRIORITISED, 3},
                                                  {MEASURE_STATUS_ASSIGNED, 3},
                                                  {MEASURE_STATUS_IN_PROGRESS, 3},
                                                  {MEASURE_STATUS_COMPLETED, 3},
                                                  {MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(overview->overdue(), 1u);
  EXPECT_EQ(overview->prioritised_unassigned(), 3u);
}

TEST_F(ExamplePlanTest, OverviewFollowsNewEvents) {
  history_.Assign("example-4", kFritid, "2027-08-15", "Två fältassistenter från augusti");
  history_.Complete("example-7", "Ny belysning på tolv sträckor");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  std::optional<v1::PlanOverview> overview = projections_.GetPlanOverview(kPlanId, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_EQ(overview->overdue(), 0u);
  EXPECT_EQ(overview->prioritised_unassigned(), 2u);
  EXPECT_EQ(overview->focus_areas(0).prioritised_unassigned(), 0u);
  EXPECT_EQ(IdsOf(AgencyStatus(kFritid).measures()), std::vector<std::string>{"example-4"});
  EXPECT_EQ(AgencyStatus(kTekniska).overdue(), 0u);
}

TEST_F(ExamplePlanTest, UnknownPlanHasNoOverview) {
  EXPECT_FALSE(projections_.GetPlanOverview("tryggare-gnosjo-2026", kToday).has_value());
}

// The data table both trygg-load-example and these fixtures read.
TEST(ExamplePlanDataTest, StepsFollowTheLifecycleToEachMeasuresState) {
  using enum example_plan::Step;
  using Steps = std::vector<example_plan::Step>;
  example_plan::Measure m{.id = "x", .last = kPropose};
  EXPECT_EQ(example_plan::StepsOf(m), Steps{kPropose});
  m.last = kAssign;
  EXPECT_EQ(example_plan::StepsOf(m), (Steps{kPropose, kPrioritise, kAssign}));
  m.last = kReportProgress;
  EXPECT_EQ(example_plan::StepsOf(m),
            (Steps{kPropose, kPrioritise, kAssign, kStart, kReportProgress}));
  m.last = kComplete;
  EXPECT_EQ(example_plan::StepsOf(m), (Steps{kPropose, kPrioritise, kAssign, kStart, kComplete}));
  m.last = kWithdraw;
  EXPECT_EQ(example_plan::StepsOf(m), (Steps{kPropose, kWithdraw}));
  m.withdrawn_after = kAssign;
  EXPECT_EQ(example_plan::StepsOf(m), (Steps{kPropose, kPrioritise, kAssign, kWithdraw}));
}

TEST(ExamplePlanDataTest, MeasuresAreNumberedInTheExamplesOrderWithKnownAgencies) {
  for (std::size_t i = 0; i < example_plan::kMeasures.size(); ++i) {
    const example_plan::Measure& m = example_plan::kMeasures[i];
    EXPECT_EQ(m.id, "example-" + std::to_string(i + 1));
    EXPECT_TRUE(std::any_of(example_plan::kAgencies.begin(), example_plan::kAgencies.end(),
                            [&](const example_plan::Agency& a) { return a.id == m.agency; }))
        << m.id;
    EXPECT_TRUE(
        std::any_of(example_plan::kFocusAreas.begin(), example_plan::kFocusAreas.end(),
                    [&](const example_plan::FocusArea& f) { return f.key == m.focus_area; }))
        << m.id;
  }
}

TEST(PlanOverviewTest, PlanWithoutMeasuresListsItsFocusAreasWithNoCounts) {
  History history;
  history.CreatePlan("tryggare-gislaved-2026", "Tryggare Gislaved 2026", "Gislaveds kommun",
                     {{"narkotika", "Narkotika"}, {"otrygghet", "Otrygghet"}});
  Projections projections;
  ASSERT_TRUE(history.ApplyTo(projections));
  std::optional<v1::PlanOverview> overview =
      projections.GetPlanOverview("tryggare-gislaved-2026", kToday);
  ASSERT_TRUE(overview.has_value());
  ASSERT_EQ(overview->focus_areas_size(), 2);
  EXPECT_EQ(overview->focus_areas(1).focus_area().key(), "otrygghet");
  EXPECT_EQ(overview->focus_areas(1).counts_size(), 0);
  EXPECT_EQ(overview->counts_size(), 0);
  EXPECT_EQ(overview->overdue(), 0u);
}

}  // namespace
}  // namespace trygg::projections::testing
