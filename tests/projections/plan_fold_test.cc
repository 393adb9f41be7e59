// The whole plan's events as the projections fold them: each measure event's change to the
// measure's view (causes, goals, partners, follow-ups), the plan version a change carries, and the
// plan's own events, including the logs Apply refuses because they contradict themselves.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr std::string_view kPlan = "tryggare-varnamo-2026";
constexpr std::string_view kToday = "2026-12-15";
constexpr std::string_view kPolice = "polisen-lpo-varnamo";
constexpr std::string_view kSchool = "varnamo-kommun-utbildning";
constexpr std::string_view kHousing = "allmannyttan-varnamo";

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return {values.begin(), values.end()};
}

// (party, period, health) of each latest follow-up, in order.
using Latest = std::vector<std::tuple<std::string, std::string, v1::Health>>;
Latest LatestOf(const v1::Measure& measure) {
  Latest latest;
  for (const v1::FollowUp& f : measure.latest_follow_ups()) {
    latest.emplace_back(f.party(), f.period(), f.health());
  }
  return latest;
}

class PlanFoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                        {{"otrygghet", "Otrygghet"}, {"narkotika", "Narkotika"}});
    for (std::string_view agency : {kPolice, kSchool, kHousing}) {
      history_.RegisterAgency(agency, agency, "test");
    }
    history_.Propose("m", kPlan, "otrygghet", "Trygghetsvandringar");
    history_.Prioritise("m", v1::PRIORITY_HIGH);
    history_.Assign("m", kPolice, "2026-12-31");
  }

  v1::Measure Get(std::string_view id = "m") {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    std::optional<v1::Measure> measure = projections_.GetMeasure(id, kToday);
    EXPECT_TRUE(measure.has_value()) << id;
    return measure.value_or(v1::Measure());
  }

  v1::PlanOverview Overview() {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    return projections_.GetPlanOverview(kPlan, kToday).value_or(v1::PlanOverview());
  }

  History history_;
  Projections projections_;
};

TEST_F(PlanFoldTest, ProposalCarriesCausesKindEffortAndExpectedEffect) {
  v1::MeasureProposed proposed;
  proposed.set_measure_id("belysning");
  proposed.set_plan_id(std::string(kPlan));
  proposed.set_focus_area("otrygghet");
  proposed.set_title("Belysning");
  proposed.add_cause_ids("c-2");
  proposed.add_cause_ids("c-1");
  proposed.set_kind(v1::MEASURE_KIND_SITUATIONAL);
  proposed.set_effort(v1::EFFORT_ONE_OFF);
  proposed.set_expected_effect(v1::EXPECTED_EFFECT_SHORT_TERM);
  history_.Append(MeasureStream("belysning"), proposed);
  const v1::Measure measure = Get("belysning");
  EXPECT_EQ(Strings(measure.cause_ids()), (std::vector<std::string>{"c-2", "c-1"}));
  EXPECT_EQ(measure.kind(), v1::MEASURE_KIND_SITUATIONAL);
  EXPECT_EQ(measure.effort(), v1::EFFORT_ONE_OFF);
  EXPECT_EQ(measure.expected_effect(), v1::EXPECTED_EFFECT_SHORT_TERM);
}

TEST_F(PlanFoldTest, CausesAreLinkedInOrderOnceAndUnlinked) {
  history_.Link("m", "c-1");
  history_.Link("m", "c-2");
  history_.Link("m", "c-1");  // again: a log Decide did not write; the fold keeps one
  v1::Measure measure = Get();
  EXPECT_EQ(Strings(measure.cause_ids()), (std::vector<std::string>{"c-1", "c-2"}));
  EXPECT_EQ(measure.version(), 6u);
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_ASSIGNED);

  history_.Unlink("m", "c-1");
  history_.Unlink("m", "c-9");  // not linked: nothing to remove
  measure = Get();
  EXPECT_EQ(Strings(measure.cause_ids()), (std::vector<std::string>{"c-2"}));
  EXPECT_EQ(measure.version(), 8u);
}

TEST_F(PlanFoldTest, GoalsAreSetReplacedInPlaceAndRetired) {
  history_.SetGoal("m", "g-1", 40, 80);
  history_.SetGoal("m", "g-2", 10, 5);
  history_.SetGoal("m", "g-1", 40, 90);  // replaced: keeps its place
  history_.RetireGoal("m", "g-2");
  history_.RetireGoal("m", "g-7");  // never set
  v1::Measure measure = Get();
  ASSERT_EQ(measure.goals_size(), 1);
  const v1::OperationalGoal& goal = measure.goals(0);
  EXPECT_EQ(goal.goal_id(), "g-1");
  EXPECT_EQ(goal.indicator(), "andel");
  EXPECT_EQ(goal.unit(), "%");
  EXPECT_EQ(goal.baseline(), 40);
  EXPECT_EQ(goal.target(), 90);
  EXPECT_EQ(goal.by_date(), "2026-12-31");
  EXPECT_FALSE(goal.has_latest_value());
  EXPECT_FALSE(goal.met());

  history_.SetGoal("m", "g-2", 1, 2);  // set again after retiring: a new goal, last
  measure = Get();
  ASSERT_EQ(measure.goals_size(), 2);
  EXPECT_EQ(measure.goals(1).goal_id(), "g-2");
}

TEST_F(PlanFoldTest, PartnersAreAddedWithTheirCommitmentAndRemoved) {
  history_.AddPartner("m", kSchool, "två kvällar i månaden");
  history_.AddPartner("m", kHousing, "belysning i trapphus");
  history_.AddPartner("m", kSchool, "en kväll i månaden");  // again: the commitment changes
  v1::Measure measure = Get();
  ASSERT_EQ(measure.partners_size(), 2);
  EXPECT_EQ(measure.partners(0).agency_id(), kSchool);
  EXPECT_EQ(measure.partners(0).commitment(), "en kväll i månaden");
  EXPECT_EQ(measure.partners(1).agency_id(), kHousing);

  history_.RemovePartner("m", kSchool);
  history_.RemovePartner("m", kPolice);  // not a partner
  measure = Get();
  ASSERT_EQ(measure.partners_size(), 1);
  EXPECT_EQ(measure.partners(0).agency_id(), kHousing);
}

struct LatestCase {
  std::string name;
  std::vector<std::pair<std::string, v1::Health>> recorded;  // period, health, in log order
  std::string period;                                        // the latest follow-up's
  v1::Health health;
};

class LatestFollowUpTest : public PlanFoldTest, public ::testing::WithParamInterface<LatestCase> {};

TEST_P(LatestFollowUpTest, ALaterPeriodOrTheSamePeriodReplacesAnEarlierOneDoesNot) {
  for (const auto& [period, health] : GetParam().recorded) {
    history_.FollowUp("m", period, kPolice, health);
  }
  const v1::Measure measure = Get();
  EXPECT_EQ(LatestOf(measure),
            (Latest{{std::string(kPolice), GetParam().period, GetParam().health}}));
}

INSTANTIATE_TEST_SUITE_P(
    Periods, LatestFollowUpTest,
    ::testing::Values(
        LatestCase{"LaterTertial",
                   {{"2026-T1", v1::HEALTH_RED}, {"2026-T2", v1::HEALTH_GREEN}},
                   "2026-T2",
                   v1::HEALTH_GREEN},
        LatestCase{"EarlierTertial",
                   {{"2026-T2", v1::HEALTH_GREEN}, {"2026-T1", v1::HEALTH_RED}},
                   "2026-T2",
                   v1::HEALTH_GREEN},
        LatestCase{"SamePeriodAgain",
                   {{"2026-T2", v1::HEALTH_GREEN}, {"2026-T2", v1::HEALTH_YELLOW}},
                   "2026-T2",
                   v1::HEALTH_YELLOW},
        // Both end on 31 December; the year begins earlier, so the tertial is the later one.
        LatestCase{"YearAfterItsLastTertial",
                   {{"2026-T3", v1::HEALTH_GREEN}, {"2026", v1::HEALTH_RED}},
                   "2026-T3",
                   v1::HEALTH_GREEN},
        LatestCase{"QuarterAfterTertial",
                   {{"2026-T1", v1::HEALTH_GREEN}, {"2026-Q2", v1::HEALTH_YELLOW}},
                   "2026-Q2",
                   v1::HEALTH_YELLOW},
        LatestCase{"DateRangeEndingLater",
                   {{"2026-H1", v1::HEALTH_GREEN}, {"2026-06-01/2026-07-15", v1::HEALTH_RED}},
                   "2026-06-01/2026-07-15",
                   v1::HEALTH_RED}),
    [](const ::testing::TestParamInfo<LatestCase>& param) { return param.param.name; });

TEST_F(PlanFoldTest, FollowUpsListTheResponsibleAgencyFirstThenPartnersThenFormerParties) {
  history_.AddPartner("m", kSchool);
  history_.AddPartner("m", kHousing);
  history_.FollowUp("m", "2026-T1", kHousing, v1::HEALTH_GREEN);
  history_.FollowUp("m", "2026-T1", kSchool, v1::HEALTH_YELLOW);
  history_.FollowUp("m", "2026-T1", kPolice, v1::HEALTH_RED);
  EXPECT_EQ(LatestOf(Get()), (Latest{{std::string(kPolice), "2026-T1", v1::HEALTH_RED},
                                     {std::string(kSchool), "2026-T1", v1::HEALTH_YELLOW},
                                     {std::string(kHousing), "2026-T1", v1::HEALTH_GREEN}}));

  history_.RemovePartner("m", kSchool);  // its follow-up stays, after the current parties
  EXPECT_EQ(LatestOf(Get()), (Latest{{std::string(kPolice), "2026-T1", v1::HEALTH_RED},
                                     {std::string(kHousing), "2026-T1", v1::HEALTH_GREEN},
                                     {std::string(kSchool), "2026-T1", v1::HEALTH_YELLOW}}));

  history_.Assign("m", kHousing, "2026-12-31");  // the new responsible agency comes first
  EXPECT_EQ(LatestOf(Get()), (Latest{{std::string(kHousing), "2026-T1", v1::HEALTH_GREEN},
                                     {std::string(kPolice), "2026-T1", v1::HEALTH_RED},
                                     {std::string(kSchool), "2026-T1", v1::HEALTH_YELLOW}}));
}

TEST_F(PlanFoldTest, FollowUpCarriesEveryFieldAndWhoRecordedItWhen) {
  history_.SetGoal("m", "g-1", 40, 80);
  const uint64_t at =
      history_.FollowUp("m", "2026-T2", kPolice, v1::HEALTH_YELLOW, 12.5, 4200, {{"g-1", 55}});
  const v1::Measure measure = Get();
  ASSERT_EQ(measure.latest_follow_ups_size(), 1);
  const v1::FollowUp& f = measure.latest_follow_ups(0);
  EXPECT_EQ(f.period(), "2026-T2");
  EXPECT_EQ(f.party(), kPolice);
  EXPECT_EQ(f.health(), v1::HEALTH_YELLOW);
  EXPECT_EQ(f.hours(), 12.5);
  EXPECT_EQ(f.cost_sek(), 4200u);
  ASSERT_EQ(f.values_size(), 1);
  EXPECT_EQ(f.values(0).goal_id(), "g-1");
  EXPECT_EQ(f.values(0).value(), 55);
  EXPECT_EQ(f.recorded_by(), "uppfoljare");
  EXPECT_EQ(f.recorded_at().seconds(), history_.recorded_at_us(at) / 1'000'000);
  EXPECT_EQ(f.plan_version(), 0u);
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_ASSIGNED);
}

TEST_F(PlanFoldTest, GoalTakesTheValueOfTheLatestPeriodThatMeasuredIt) {
  history_.AddPartner("m", kSchool);
  history_.SetGoal("m", "upp", 40, 80);  // to raise
  history_.SetGoal("m", "ned", 30, 10);  // to lower
  history_.FollowUp("m", "2026-T2", kPolice, v1::HEALTH_GREEN, 0, 0, {{"upp", 60}, {"ned", 8}});
  v1::Measure measure = Get();
  EXPECT_EQ(measure.goals(0).latest_value(), 60);
  EXPECT_EQ(measure.goals(0).latest_value_period(), "2026-T2");
  EXPECT_FALSE(measure.goals(0).met());
  EXPECT_EQ(measure.goals(1).latest_value(), 8);
  EXPECT_TRUE(measure.goals(1).met());

  // An earlier period's value does not replace it, whoever measured it; a later one does.
  history_.FollowUp("m", "2026-T1", kSchool, v1::HEALTH_GREEN, 0, 0, {{"upp", 99}});
  history_.FollowUp("m", "2026-T3", kSchool, v1::HEALTH_GREEN, 0, 0, {{"upp", 80}});
  measure = Get();
  EXPECT_EQ(measure.goals(0).latest_value(), 80);
  EXPECT_EQ(measure.goals(0).latest_value_period(), "2026-T3");
  EXPECT_TRUE(measure.goals(0).met());

  // A new target is judged against the value already measured.
  history_.SetGoal("m", "upp", 40, 90);
  measure = Get();
  EXPECT_EQ(measure.goals(0).latest_value(), 80);
  EXPECT_FALSE(measure.goals(0).met());

  // A value for a goal the measure does not have changes no goal.
  history_.FollowUp("m", "2026-T3", kPolice, v1::HEALTH_GREEN, 0, 0, {{"annat", 1}});
  EXPECT_EQ(Get().goals_size(), 2);
}

TEST_F(PlanFoldTest, CompletedMeasureStaysCompletedWhenFollowedUp) {
  history_.Start("m");
  history_.Complete("m", "klart");
  history_.FollowUp("m", "2026-T3", kPolice, v1::HEALTH_GREEN);
  const v1::Measure measure = Get();
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_COMPLETED);
  EXPECT_EQ(measure.latest_follow_ups_size(), 1);
}

TEST_F(PlanFoldTest, ChangesCarryTheAdoptedVersionAndCountAsChangedSinceTheAdoption) {
  v1::Measure measure = Get();
  EXPECT_EQ(measure.plan_version(), 0u);
  EXPECT_FALSE(measure.changed_since_adoption());  // never adopted
  EXPECT_EQ(Overview().changed_since_adoption(), 0u);

  history_.Adopt(kPlan, 1);
  measure = Get();
  EXPECT_EQ(measure.plan_version(), 0u);
  EXPECT_FALSE(measure.changed_since_adoption());

  history_.Report("m", 10, "igång");
  history_.Report("m", 20, "vidare");  // the same measure counts once
  history_.FollowUp("m", "2026-T1", kPolice, v1::HEALTH_GREEN);
  measure = Get();
  EXPECT_EQ(measure.plan_version(), 1u);
  EXPECT_TRUE(measure.changed_since_adoption());
  EXPECT_EQ(measure.latest_follow_ups(0).plan_version(), 1u);
  history_.Propose("ny", kPlan, "narkotika", "Ny åtgärd");
  EXPECT_EQ(Overview().changed_since_adoption(), 2u);
  EXPECT_TRUE(Get("ny").changed_since_adoption());

  history_.Adopt(kPlan, 2);
  EXPECT_FALSE(Get().changed_since_adoption());
  EXPECT_EQ(Overview().changed_since_adoption(), 0u);
  EXPECT_EQ(Overview().adopted_version(), 2u);
  history_.Report("m", 30, "mer");
  EXPECT_EQ(Get().plan_version(), 2u);
  EXPECT_EQ(Overview().changed_since_adoption(), 1u);
}

// ---- The plan's own events.

class PlanStreamTest : public PlanFoldTest {
 protected:
  // Applies `event` on `stream` (at the next position, not kept in the history) expecting
  // INTERNAL, then checks that nothing changed.
  void ExpectRefused(std::string_view stream, const google::protobuf::Message& event) {
    ASSERT_TRUE(history_.ApplyTo(projections_));
    const uint64_t position = projections_.applied_position();
    v1::GetSituationPictureRequest request;
    request.set_plan_id(std::string(kPlan));
    request.set_include_retired(true);
    const v1::SituationPicture before = *projections_.GetSituationPicture(request);
    const std::string payload = event.SerializeAsString();
    const std::string type = event.GetDescriptor()->full_name();
    EventView view = history_.View(history_.head());
    view.position = position + 1;
    view.stream_id = stream;
    view.type = type;
    view.payload = payload;
    grpc::Status status = projections_.Apply(view);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << Describe(status);
    EXPECT_EQ(projections_.applied_position(), position);
    EXPECT_TRUE(ProtoEquals(before, *projections_.GetSituationPicture(request)));
  }
};

TEST_F(PlanStreamTest, AnIdRecordedTwiceIsAnInternalError) {
  history_.RecordFinding(kPlan, "f-1", "otrygghet");
  v1::FindingRecorded again;
  again.set_plan_id(std::string(kPlan));
  again.set_finding_id("f-1");
  again.set_focus_area("narkotika");
  ExpectRefused("plan-" + std::string(kPlan), again);
}

TEST_F(PlanStreamTest, RevisingWhatWasNeverRecordedIsAnInternalError) {
  v1::CauseRevised revised;
  revised.set_plan_id(std::string(kPlan));
  revised.set_cause_id("c-1");
  ExpectRefused("plan-" + std::string(kPlan), revised);
  v1::CitizenPromiseEnded ended;
  ended.set_plan_id(std::string(kPlan));
  ended.set_promise_id("p-1");
  ExpectRefused("plan-" + std::string(kPlan), ended);
}

TEST_F(PlanStreamTest, AnEventOnAnotherStreamOrForAPlanNeverCreatedIsAnInternalError) {
  v1::ResidentInputRecorded input;
  input.set_plan_id(std::string(kPlan));
  input.set_input_id("in-1");
  ExpectRefused("plan-annan-plan", input);
  ExpectRefused("measure-m", input);
  input.set_plan_id("aldrig-skapad");
  ExpectRefused("plan-aldrig-skapad", input);
}

TEST_F(PlanStreamTest, FindingsAndCausesAreRevisedAndRetiredKeepingTheirHistory) {
  history_.RecordInput(kPlan, "in-1", "otrygghet");
  history_.RecordFinding(kPlan, "f-1", "otrygghet", {"in-1"});
  history_.IdentifyCause(kPlan, "c-1", "otrygghet", 1, {"f-1"});
  v1::FindingRevised revised;
  revised.set_plan_id(std::string(kPlan));
  revised.set_finding_id("f-1");
  revised.set_text("Ny text");
  history_.OnPlan(kPlan, revised);
  v1::CauseRevised cause_revised;
  cause_revised.set_plan_id(std::string(kPlan));
  cause_revised.set_cause_id("c-1");
  cause_revised.set_text("Ny orsak");
  cause_revised.add_finding_ids("f-1");
  history_.OnPlan(kPlan, cause_revised);
  history_.OnPlan(kPlan, cause_revised);
  history_.RetireCause(kPlan, "c-1");
  history_.RetireFinding(kPlan, "f-1");
  ASSERT_TRUE(history_.ApplyTo(projections_));

  v1::GetSituationPictureRequest request;
  request.set_plan_id(std::string(kPlan));
  request.set_include_retired(true);
  domain::Result<v1::SituationPicture> picture = projections_.GetSituationPicture(request);
  ASSERT_THAT(picture, IsOk());
  const v1::FocusAreaPicture& area = picture->focus_areas(0);
  ASSERT_EQ(area.findings_size(), 1);
  EXPECT_EQ(area.findings(0).text(), "Ny text");
  EXPECT_TRUE(area.findings(0).input_ids().empty());  // the revision holds the citations as now
  EXPECT_EQ(area.findings(0).revisions(), 1u);
  EXPECT_TRUE(area.findings(0).retired());
  EXPECT_EQ(area.findings(0).retirement_reason(), "inaktuell");
  ASSERT_EQ(area.causes_size(), 1);
  EXPECT_EQ(area.causes(0).text(), "Ny orsak");
  EXPECT_EQ(area.causes(0).revisions(), 2u);
  EXPECT_TRUE(area.causes(0).retired());
}

}  // namespace
}  // namespace trygg::projections::testing
