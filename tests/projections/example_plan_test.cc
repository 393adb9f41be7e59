// The example plan, Tryggare Värnamo 2026, folded and asked what its users ask: what does each
// agency own, what is late, how far has each focus area come — and for the whole plan: what the
// situation picture says, whether every measure traces back to a cause and forward to a goal and
// a follow-up, how each period went, what a working group has on its table.
#include "example_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "history.h"
#include "trygg/projections/projections.h"

namespace trygg::projections::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
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
  // proposed, prioritised, assigned, goal set, started, reported, followed up
  EXPECT_EQ(measure->version(), 7u);
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
  // A partner in the field workers (HIGH) and the safety walks (MEDIUM), not responsible.
  EXPECT_EQ(IdsOf(status.partner_measures()), (std::vector<std::string>{"example-4", "example-6"}));
  EXPECT_EQ(status.total_partner_measures(), 2u);
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
                                                  {MEASURE_STATUS_ASSIGNED, 2},
                                                  {MEASURE_STATUS_IN_PROGRESS, 1},
                                                  {MEASURE_STATUS_COMPLETED, 1}}));
  EXPECT_EQ(narkotika.overdue(), 0u);
  EXPECT_EQ(narkotika.prioritised_unassigned(), 0u);

  const v1::FocusAreaOverview& otrygghet = overview->focus_areas(1);
  EXPECT_EQ(otrygghet.focus_area().key(), "otrygghet");
  EXPECT_EQ(CountsOf(otrygghet.counts()), (Counts{{MEASURE_STATUS_PROPOSED, 1},
                                                  {MEASURE_STATUS_PRIORITISED, 1},
                                                  {MEASURE_STATUS_ASSIGNED, 1},
                                                  {MEASURE_STATUS_IN_PROGRESS, 1},
                                                  {MEASURE_STATUS_COMPLETED, 1}}));
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
                                                  {MEASURE_STATUS_PRIORITISED, 2},
                                                  {MEASURE_STATUS_ASSIGNED, 4},
                                                  {MEASURE_STATUS_IN_PROGRESS, 3},
                                                  {MEASURE_STATUS_COMPLETED, 3},
                                                  {MEASURE_STATUS_WITHDRAWN, 1}}));
  EXPECT_EQ(overview->overdue(), 1u);
  EXPECT_EQ(overview->prioritised_unassigned(), 2u);
}

TEST_F(ExamplePlanTest, OverviewFollowsNewEvents) {
  history_.Assign("example-8", kPolisen, "2027-08-15", "Kameror från augusti");
  history_.Complete("example-7", "Ny belysning på tolv sträckor");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  std::optional<v1::PlanOverview> overview = projections_.GetPlanOverview(kPlanId, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_EQ(overview->overdue(), 0u);
  EXPECT_EQ(overview->prioritised_unassigned(), 1u);
  EXPECT_EQ(overview->focus_areas(1).prioritised_unassigned(), 0u);
  EXPECT_EQ(IdsOf(AgencyStatus(kPolisen).measures()),
            (std::vector<std::string>{"example-14", "example-8", "example-3"}));
  EXPECT_EQ(IdsOf(AgencyStatus(kFritid).measures()), std::vector<std::string>{"example-4"});
  EXPECT_EQ(AgencyStatus(kTekniska).overdue(), 0u);
}

TEST_F(ExamplePlanTest, UnknownPlanHasNoOverview) {
  EXPECT_FALSE(projections_.GetPlanOverview("tryggare-gnosjo-2026", kToday).has_value());
}

// ---- The whole plan

TEST_F(ExamplePlanTest, SituationPictureHoldsFindingsWithSourcesAndTheCausesOnThem) {
  v1::GetSituationPictureRequest request;
  request.set_plan_id(std::string(kPlanId));
  domain::Result<v1::SituationPicture> picture = projections_.GetSituationPicture(request);
  ASSERT_TRUE(picture.ok()) << Describe(picture.status());
  ASSERT_EQ(picture->focus_areas_size(), 3);

  const v1::FocusAreaPicture& narkotika = picture->focus_areas(0);
  EXPECT_EQ(narkotika.focus_area().key(), "narkotika");
  ASSERT_EQ(narkotika.findings_size(), 3);
  EXPECT_EQ(narkotika.findings(0).finding_id(), "f-nark-1");
  EXPECT_EQ(narkotika.findings(0).source(), v1::FINDING_SOURCE_CRIME_STATISTICS);
  EXPECT_EQ(narkotika.findings(0).period(), "2025–2026");
  EXPECT_EQ(narkotika.findings(1).source(), v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  EXPECT_EQ(narkotika.findings(1).recorded_by(), kPolisen);  // police intelligence: the police's
  EXPECT_THAT(narkotika.findings(2).input_ids(), ElementsAre("dialog-centrum-2026"));
  ASSERT_EQ(narkotika.causes_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(narkotika.causes(i).number(), static_cast<uint32_t>(i + 1));
    EXPECT_EQ(narkotika.causes(i).cause_id(), "narkotika-" + std::to_string(i + 1));
  }
  EXPECT_THAT(narkotika.causes(1).finding_ids(), ElementsAre("f-nark-2", "f-nark-3"));
  EXPECT_THAT(narkotika.causes(1).measure_ids(), UnorderedElementsAre("example-3", "example-4"));
  // The dialogue in the centre is cited here though it names no focus area.
  ASSERT_EQ(narkotika.inputs_size(), 1);
  EXPECT_EQ(narkotika.inputs(0).input_id(), "dialog-centrum-2026");
  EXPECT_EQ(narkotika.inputs(0).people(), 42u);

  const v1::FocusAreaPicture& otrygghet = picture->focus_areas(1);
  ASSERT_EQ(otrygghet.causes_size(), 3);
  // Cause otrygghet 3 rests on a finding of another focus area and is addressed by measure 4
  // only, through the link made after the proposal.
  EXPECT_THAT(otrygghet.causes(2).finding_ids(), ElementsAre("f-otr-1", "f-nark-3"));
  EXPECT_THAT(otrygghet.causes(2).measure_ids(), ElementsAre("example-4"));
  std::vector<std::string> inputs;
  for (const v1::ResidentInput& in : otrygghet.inputs()) inputs.push_back(in.input_id());
  EXPECT_THAT(inputs, UnorderedElementsAre("trygghetsvandring-pilagarden", "enkat-polisen-2026"));

  EXPECT_EQ(picture->focus_areas(2).findings_size(), 2);
  EXPECT_EQ(picture->focus_areas(2).causes_size(), 2);
  std::vector<std::string> general;
  for (const v1::ResidentInput& in : picture->general_inputs()) general.push_back(in.input_id());
  EXPECT_THAT(general, UnorderedElementsAre("dialog-centrum-2026", "enkat-polisen-2026"));
}

TEST_F(ExamplePlanTest, TraceabilityFlagsWhatTheCouncilLooksFor) {
  v1::GetTraceabilityRequest request;
  request.set_plan_id(std::string(kPlanId));
  // On a day after 2027-T1 began: NO_FOLLOW_UP is not judged for a period still to come.
  domain::Result<v1::Traceability> trace = projections_.GetTraceability(request, "2027-05-01");
  ASSERT_TRUE(trace.ok()) << Describe(trace.status());
  const v1::TraceabilityFlagCounts& counts = trace->counts();
  EXPECT_EQ(counts.period(), "2027-T1");  // the latest period followed up
  EXPECT_EQ(counts.causes_without_measure(), 0u);
  EXPECT_EQ(counts.findings_unused(), 0u);
  EXPECT_EQ(counts.measures_without_cause(), 2u);      // 5 and 8 (15 is withdrawn)
  EXPECT_EQ(counts.measures_without_goal(), 11u);      // all but 1, 7, 9 and the withdrawn 15
  EXPECT_EQ(counts.measures_without_follow_up(), 5u);  // 1, 2, 6, 11, 14 in 2027-T1
  EXPECT_EQ(counts.partners_never_followed_up(), 2u);  // social services on 4, police on 6
  EXPECT_TRUE(trace->next_page_token().empty());

  std::map<std::string, v1::TracedMeasure, std::less<>> measures;
  for (const v1::FocusAreaTrace& area : trace->focus_areas()) {
    for (const v1::TracedMeasure& m : area.measures()) measures[m.measure_id()] = m;
  }
  ASSERT_TRUE(measures.contains("example-5"));
  EXPECT_THAT(measures["example-5"].flags(),
              ::testing::Contains(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE));
  EXPECT_THAT(measures["example-8"].flags(),
              ::testing::Contains(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE));
  EXPECT_THAT(measures["example-4"].partners_never_followed_up(),
              ElementsAre(std::string(kSocialtjansten)));
  EXPECT_THAT(measures["example-4"].flags(),
              ::testing::Contains(v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP));
  EXPECT_THAT(measures["example-2"].flags(),
              ::testing::Contains(v1::TRACEABILITY_FLAG_NO_FOLLOW_UP));
  EXPECT_THAT(measures["example-7"].flags(),
              ::testing::Not(::testing::Contains(v1::TRACEABILITY_FLAG_NO_FOLLOW_UP)));
  EXPECT_THAT(measures["example-7"].flags(),
              ::testing::Not(::testing::Contains(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL)));

  // In the first period the SSPF work, the field workers and the lighting were followed up (the
  // graffiti too, but completed measures are not judged).
  request.set_period("2026-T3");
  domain::Result<v1::Traceability> first = projections_.GetTraceability(request, kToday);
  ASSERT_TRUE(first.ok()) << Describe(first.status());
  EXPECT_EQ(first->counts().period(), "2026-T3");
  EXPECT_EQ(first->counts().measures_without_follow_up(), 4u);  // 2, 6, 11, 14

  request.set_period("2026-T4");
  domain::Result<v1::Traceability> bad = projections_.GetTraceability(request, kToday);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.status().error_message().find("period"), std::string::npos);
}

TEST_F(ExamplePlanTest, FollowUpSummaryCountsEachPeriodPerAgencyAndFocusArea) {
  v1::GetFollowUpSummaryRequest request;
  request.set_plan_id(std::string(kPlanId));
  request.set_period("2026-T3");
  domain::Result<v1::FollowUpSummary> t3 = projections_.GetFollowUpSummary(request);
  ASSERT_TRUE(t3.ok()) << Describe(t3.status());
  EXPECT_EQ(t3->period(), "2026-T3");
  EXPECT_EQ(t3->totals().green(), 3u);  // SSPF, the police on the field workers, graffiti
  EXPECT_EQ(t3->totals().yellow(), 1u);
  EXPECT_EQ(t3->totals().red(), 1u);
  EXPECT_DOUBLE_EQ(t3->totals().hours(), 652);
  EXPECT_EQ(t3->totals().cost_sek(), 320000u);
  EXPECT_EQ(t3->totals().goals_met(), 0u);  // 12 of 25 plans, 22 % broken lights, 91 % of 95 %
  EXPECT_EQ(t3->totals().goals_not_met(), 3u);
  std::map<std::string, v1::FollowUpTotals, std::less<>> agencies;
  for (const v1::AgencyFollowUp& a : t3->agencies()) agencies[a.agency_id()] = a.totals();
  EXPECT_EQ(agencies[std::string(kTekniska)].red(), 1u);
  EXPECT_EQ(agencies[std::string(kFritid)].yellow(), 1u);
  EXPECT_EQ(agencies[std::string(kPolisen)].green(), 1u);
  EXPECT_DOUBLE_EQ(agencies[std::string(kPolisen)].hours(), 32);
  ASSERT_EQ(t3->focus_areas_size(), 3);
  EXPECT_EQ(t3->focus_areas(0).totals().green(), 2u);  // narkotika: SSPF, police on 4
  EXPECT_EQ(t3->focus_areas(0).totals().yellow(), 1u);
  EXPECT_EQ(t3->focus_areas(1).totals().red(), 1u);
  EXPECT_EQ(t3->focus_areas(1).totals().green(), 1u);

  request.set_period("2027-T1");
  domain::Result<v1::FollowUpSummary> t1 = projections_.GetFollowUpSummary(request);
  ASSERT_TRUE(t1.ok()) << Describe(t1.status());
  EXPECT_EQ(t1->totals().green(), 1u);
  EXPECT_EQ(t1->totals().yellow(), 1u);
  EXPECT_EQ(t1->totals().red(), 0u);
  EXPECT_EQ(t1->totals().goals_not_met(), 1u);  // 8 % broken lights, target 0 %
}

TEST_F(ExamplePlanTest, SharedMeasureCarriesCausesPartnersAndEachPartysLatestFollowUp) {
  std::optional<v1::Measure> m = projections_.GetMeasure("example-4", kToday);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status(), MEASURE_STATUS_ASSIGNED);
  EXPECT_THAT(m->cause_ids(), ElementsAre("narkotika-2", "otrygghet-3"));
  EXPECT_EQ(m->kind(), v1::MEASURE_KIND_SOCIAL);
  EXPECT_EQ(m->effort(), v1::EFFORT_ORDINARY_WORK);
  EXPECT_EQ(m->expected_effect(), v1::EXPECTED_EFFECT_SHORT_TERM);
  ASSERT_EQ(m->partners_size(), 2);
  EXPECT_EQ(m->partners(0).agency_id(), kPolisen);
  EXPECT_EQ(m->partners(0).commitment(), "kommunpolisen deltar två kvällar i månaden");
  EXPECT_EQ(m->partners(1).agency_id(), kSocialtjansten);
  // The responsible agency first (its 2027-T1 follow-up replaces 2026-T3's), then the police;
  // social services never followed up.
  ASSERT_EQ(m->latest_follow_ups_size(), 2);
  EXPECT_EQ(m->latest_follow_ups(0).party(), kFritid);
  EXPECT_EQ(m->latest_follow_ups(0).period(), "2027-T1");
  EXPECT_EQ(m->latest_follow_ups(0).health(), v1::HEALTH_GREEN);
  EXPECT_EQ(m->latest_follow_ups(1).party(), kPolisen);
  EXPECT_EQ(m->latest_follow_ups(1).period(), "2026-T3");

  std::optional<v1::Measure> lighting = projections_.GetMeasure("example-7", kToday);
  ASSERT_TRUE(lighting.has_value());
  ASSERT_EQ(lighting->goals_size(), 1);
  const v1::OperationalGoal& goal = lighting->goals(0);
  EXPECT_EQ(goal.goal_id(), "trasiga-armaturer");
  EXPECT_DOUBLE_EQ(goal.baseline(), 30);
  EXPECT_DOUBLE_EQ(goal.target(), 0);
  ASSERT_TRUE(goal.has_latest_value());
  EXPECT_DOUBLE_EQ(goal.latest_value(), 8);
  EXPECT_EQ(goal.latest_value_period(), "2027-T1");
  EXPECT_FALSE(goal.met());
}

TEST_F(ExamplePlanTest, OverviewShowsTheAdoptionGroupsPromiseAndFlags) {
  std::optional<v1::PlanOverview> overview = projections_.GetPlanOverview(kPlanId, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_EQ(overview->adopted_version(), 1u);
  EXPECT_EQ(overview->latest_adoption().adopted_by(), "Kommunstyrelsen");
  EXPECT_EQ(overview->latest_adoption().decision_date(), "2026-11-04");
  EXPECT_EQ(overview->latest_adoption().reference(), "KS 2026/412");
  EXPECT_THAT(overview->latest_adoption().signatories(),
              ElementsAre("kommunstyrelsens ordförande", "lokalpolisområdeschef"));
  ASSERT_EQ(overview->working_groups_size(), 2);
  EXPECT_EQ(overview->working_groups(0).group_id(), "styrgrupp-trygghet");
  EXPECT_EQ(overview->working_groups(0).focus_areas_size(), 0);  // every focus area
  EXPECT_THAT(overview->working_groups(1).focus_areas(), ElementsAre("narkotika", "otrygghet"));
  ASSERT_EQ(overview->citizen_promises_size(), 1);
  EXPECT_EQ(overview->citizen_promises(0).promise_id(), "medborgarlofte-2027");
  EXPECT_THAT(overview->citizen_promises(0).measure_ids(), ElementsAre("example-4", "example-7"));
  EXPECT_FALSE(overview->citizen_promises(0).ended());
  EXPECT_EQ(overview->flags().measures_without_cause(), 2u);
  EXPECT_EQ(overview->flags().partners_never_followed_up(), 2u);
}

TEST_F(ExamplePlanTest, WorkingGroupSeesItsMembersMeasuresInItsFocusAreas) {
  v1::GetWorkingGroupStatusRequest request;
  request.set_plan_id(std::string(kPlanId));
  request.set_group_id("arbetsgrupp-centrum");
  domain::Result<v1::WorkingGroupStatus> status =
      projections_.GetWorkingGroupStatus(request, kToday);
  ASSERT_TRUE(status.ok()) << Describe(status.status());
  EXPECT_EQ(status->group().name(), "Arbetsgrupp centrum");
  // The police's 3, its partner parts in 4 and 6, leisure's 4, housing's 6 and 9; not the police's
  // 14, which is about unlawful influence, nor the cameras (8), prioritised but not yet assigned.
  EXPECT_EQ(IdsOf(status->measures()),
            (std::vector<std::string>{"example-3", "example-4", "example-6", "example-9"}));
  EXPECT_EQ(status->total_measures(), 4u);
  EXPECT_EQ(status->overdue(), 0u);

  request.set_group_id("arbetsgrupp-gnosjo");
  domain::Result<v1::WorkingGroupStatus> unknown =
      projections_.GetWorkingGroupStatus(request, kToday);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().error_code(), grpc::StatusCode::NOT_FOUND);
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
  // Goals and partners come before the measure starts or is withdrawn.
  m.goals = {{.id = "g"}};
  m.partners = {{.agency = "a"}};
  EXPECT_EQ(example_plan::StepsOf(m),
            (Steps{kPropose, kPrioritise, kAssign, kSetGoals, kAddPartners, kWithdraw}));
  m.last = kComplete;
  EXPECT_EQ(example_plan::StepsOf(m),
            (Steps{kPropose, kPrioritise, kAssign, kSetGoals, kAddPartners, kStart, kComplete}));
  m.last = kPropose;
  EXPECT_EQ(example_plan::StepsOf(m), (Steps{kPropose, kSetGoals, kAddPartners}));
}

// Every id the table refers to is one the table defines, so the loader's commands cannot fail on
// a typo.
TEST(ExamplePlanDataTest, EveryReferenceResolves) {
  std::set<std::string_view> inputs, findings, causes, measures, agencies;
  for (const auto& in : example_plan::kResidentInputs) inputs.insert(in.id);
  for (const auto& f : example_plan::kFindings) findings.insert(f.id);
  for (const auto& c : example_plan::kCauses) causes.insert(c.id);
  for (const auto& m : example_plan::kMeasures) measures.insert(m.id);
  for (const auto& a : example_plan::kAgencies) agencies.insert(a.id);
  for (const auto& f : example_plan::kFindings) {
    for (std::string_view id : f.input_ids) EXPECT_TRUE(inputs.contains(id)) << f.id;
  }
  std::map<std::string_view, uint32_t> numbers;  // per focus area, in the table's order
  for (const auto& c : example_plan::kCauses) {
    EXPECT_EQ(c.number, ++numbers[c.focus_area]) << c.id;
    for (std::string_view id : c.finding_ids) EXPECT_TRUE(findings.contains(id)) << c.id;
  }
  for (const auto& m : example_plan::kMeasures) {
    for (std::string_view id : m.cause_ids) EXPECT_TRUE(causes.contains(id)) << m.id;
    for (const auto& p : m.partners) EXPECT_TRUE(agencies.contains(p.agency)) << m.id;
  }
  for (const auto& link : example_plan::kCauseLinks) {
    EXPECT_TRUE(measures.contains(link.measure_id));
    EXPECT_TRUE(causes.contains(link.cause_id));
  }
  for (const auto& g : example_plan::kWorkingGroups) {
    for (std::string_view id : g.agency_ids) EXPECT_TRUE(agencies.contains(id)) << g.id;
  }
  for (std::string_view id : example_plan::kCitizenPromise.measure_ids) {
    EXPECT_TRUE(measures.contains(id));
  }
  for (const auto& f : example_plan::kFollowUps) {
    EXPECT_TRUE(measures.contains(f.measure_id)) << f.measure_id;
    EXPECT_TRUE(agencies.contains(f.party)) << f.party;
    EXPECT_TRUE(f.recorded_by.empty() || f.recorded_by == f.party) << f.measure_id;
  }
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
