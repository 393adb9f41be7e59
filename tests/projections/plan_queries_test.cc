// The whole plan's queries: the situation picture, traceability with every flag appearing and
// clearing, the follow-up summary's arithmetic, working groups, the plan overview's new fields,
// paging and the requests they refuse.
#include <gtest/gtest.h>

#include <set>
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
constexpr std::string_view kA = "ag-a";
constexpr std::string_view kB = "ag-b";
constexpr std::string_view kC = "ag-c";

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return {values.begin(), values.end()};
}

using Flags = std::vector<v1::TraceabilityFlag>;
Flags FlagsOf(const google::protobuf::RepeatedField<int>& flags) {
  Flags out;
  for (int flag : flags) out.push_back(static_cast<v1::TraceabilityFlag>(flag));
  return out;
}

// (period, causes without measure, measures without cause, without goal, without follow-up,
// partners never followed up, findings unused)
using FlagCounts =
    std::tuple<std::string, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t>;
FlagCounts FlagCountsOf(const v1::TraceabilityFlagCounts& c) {
  return {c.period(),
          c.causes_without_measure(),
          c.measures_without_cause(),
          c.measures_without_goal(),
          c.measures_without_follow_up(),
          c.partners_never_followed_up(),
          c.findings_unused()};
}

class PlanQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                        {{"otrygghet", "Otrygghet"}, {"narkotika", "Narkotika"}});
    history_.RegisterAgency(kA, "Agency A", "police");
    history_.RegisterAgency(kB, "Agency B", "municipality");
    history_.RegisterAgency(kC, "Agency C", "housing");
  }

  // Proposes, prioritises and assigns `id` to `agency`.
  void Assigned(std::string_view id, std::string_view focus_area, std::string_view agency,
                std::string_view due = "2026-12-31") {
    history_.Propose(id, kPlan, focus_area, "Åtgärd " + std::string(id));
    history_.Prioritise(id, v1::PRIORITY_MEDIUM);
    history_.Assign(id, agency, due);
  }

  v1::Traceability Trace(std::string_view period = "", std::string_view focus_area = "",
                         uint32_t page_size = 0, std::string_view token = "") {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    v1::GetTraceabilityRequest request;
    request.set_plan_id(std::string(kPlan));
    request.set_period(std::string(period));
    request.set_focus_area(std::string(focus_area));
    request.set_page_size(page_size);
    request.set_page_token(std::string(token));
    domain::Result<v1::Traceability> trace = projections_.GetTraceability(request, kToday);
    EXPECT_TRUE(trace.ok()) << Describe(trace.status());
    return trace.ok() ? *trace : v1::Traceability();
  }

  // The flags of the finding, cause or measure `id` in `trace`; `items` picks the list of a
  // focus area's trace it is in.
  template <typename Items>
  static Flags FlagsIn(const v1::Traceability& trace, std::string_view id, Items items) {
    for (const v1::FocusAreaTrace& area : trace.focus_areas()) {
      for (const auto& item : items(area)) {
        if (IdOf(item) == id) return FlagsOf(item.flags());
      }
    }
    ADD_FAILURE() << "no " << id;
    return {};
  }
  static const std::string& IdOf(const v1::TracedFinding& f) { return f.finding_id(); }
  static const std::string& IdOf(const v1::TracedCause& c) { return c.cause_id(); }
  static const std::string& IdOf(const v1::TracedMeasure& m) { return m.measure_id(); }
  static Flags FindingFlags(const v1::Traceability& trace, std::string_view id) {
    return FlagsIn(
        trace, id, [](const v1::FocusAreaTrace& a) -> auto& { return a.findings(); });
  }
  static Flags CauseFlags(const v1::Traceability& trace, std::string_view id) {
    return FlagsIn(
        trace, id, [](const v1::FocusAreaTrace& a) -> auto& { return a.causes(); });
  }
  static Flags MeasureFlags(const v1::Traceability& trace, std::string_view id) {
    return FlagsIn(
        trace, id, [](const v1::FocusAreaTrace& a) -> auto& { return a.measures(); });
  }

  History history_;
  Projections projections_;
};

// ---- Situation picture.

TEST_F(PlanQueriesTest, SituationPictureGroupsFindingsCausesAndInputsByFocusArea) {
  history_.RecordInput(kPlan, "in-1", "otrygghet", "Mörkt vid stationen");
  history_.RecordInput(kPlan, "in-2", "", "Allmän oro");
  history_.RecordInput(kPlan, "in-3", "narkotika", "Langning vid skolan");
  history_.RecordFinding(kPlan, "f-2", "otrygghet", {"in-2"});
  history_.RecordFinding(kPlan, "f-1", "otrygghet");
  history_.RecordFinding(kPlan, "f-3", "narkotika", {"in-3"});
  history_.RecordFinding(kPlan, "f-4", "otrygghet");
  history_.RetireFinding(kPlan, "f-4");
  history_.IdentifyCause(kPlan, "c-b", "otrygghet", 2, {"f-1"});
  history_.IdentifyCause(kPlan, "c-a", "otrygghet", 1, {"f-2"});
  history_.IdentifyCause(kPlan, "c-c", "otrygghet", 3, {"f-1"});
  history_.RetireCause(kPlan, "c-c");
  history_.Propose("m2", kPlan, "otrygghet", "Belysning");
  history_.Propose("m1", kPlan, "narkotika", "Föräldravandring");
  history_.Link("m2", "c-a");
  history_.Link("m1", "c-a");
  ASSERT_TRUE(history_.ApplyTo(projections_));

  v1::GetSituationPictureRequest request;
  request.set_plan_id(std::string(kPlan));
  domain::Result<v1::SituationPicture> picture = projections_.GetSituationPicture(request);
  ASSERT_THAT(picture, IsOk());
  EXPECT_EQ(picture->plan_id(), kPlan);
  ASSERT_EQ(picture->focus_areas_size(), 2);
  const v1::FocusAreaPicture& otrygghet = picture->focus_areas(0);
  EXPECT_EQ(otrygghet.focus_area().key(), "otrygghet");
  std::vector<std::string> ids;
  for (const v1::Finding& f : otrygghet.findings()) ids.push_back(f.finding_id());
  EXPECT_EQ(ids, (std::vector<std::string>{"f-2", "f-1"}));  // recorded order, not retired
  ids.clear();
  for (const v1::Cause& c : otrygghet.causes()) ids.push_back(c.cause_id());
  EXPECT_EQ(ids, (std::vector<std::string>{"c-a", "c-b"}));  // by number
  EXPECT_EQ(Strings(otrygghet.causes(0).measure_ids()), (std::vector<std::string>{"m1", "m2"}));
  ids.clear();
  for (const v1::ResidentInput& in : otrygghet.inputs()) ids.push_back(in.input_id());
  EXPECT_EQ(ids, (std::vector<std::string>{"in-1", "in-2"}));  // its own, and cited
  EXPECT_EQ(otrygghet.inputs(0).summary(), "Mörkt vid stationen");
  EXPECT_EQ(otrygghet.inputs(0).channel(), v1::INPUT_CHANNEL_SAFETY_WALK);
  EXPECT_EQ(otrygghet.inputs(0).people(), 25u);
  EXPECT_EQ(otrygghet.inputs(0).recorded_by(), "samordnare");
  ASSERT_EQ(picture->general_inputs_size(), 1);
  EXPECT_EQ(picture->general_inputs(0).input_id(), "in-2");

  request.set_include_retired(true);
  request.set_focus_area("otrygghet");
  picture = projections_.GetSituationPicture(request);
  ASSERT_THAT(picture, IsOk());
  ASSERT_EQ(picture->focus_areas_size(), 1);
  EXPECT_EQ(picture->focus_areas(0).findings_size(), 3);
  EXPECT_EQ(picture->focus_areas(0).causes_size(), 3);
  EXPECT_EQ(picture->general_inputs_size(), 1);
}

TEST_F(PlanQueriesTest, PlanQueriesRefuseUnknownPlansGroupsAndFocusAreas) {
  ASSERT_TRUE(history_.ApplyTo(projections_));
  v1::GetSituationPictureRequest picture;
  picture.set_plan_id("okand");
  EXPECT_EQ(projections_.GetSituationPicture(picture).status().error_code(),
            grpc::StatusCode::NOT_FOUND);
  picture.set_plan_id(std::string(kPlan));
  picture.set_focus_area("okand");
  EXPECT_EQ(projections_.GetSituationPicture(picture).status().error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::GetTraceabilityRequest trace;
  trace.set_plan_id("okand");
  EXPECT_EQ(projections_.GetTraceability(trace, kToday).status().error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetFollowUpSummaryRequest summary;
  summary.set_plan_id("okand");
  summary.set_period("2026-T1");
  EXPECT_EQ(projections_.GetFollowUpSummary(summary).status().error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetWorkingGroupStatusRequest group;
  group.set_plan_id("okand");
  group.set_group_id("wg-1");
  EXPECT_EQ(projections_.GetWorkingGroupStatus(group, kToday).status().error_code(),
            grpc::StatusCode::NOT_FOUND);
  group.set_plan_id(std::string(kPlan));
  const grpc::Status unknown = projections_.GetWorkingGroupStatus(group, kToday).status();
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(unknown.error_message().find("wg-1"), std::string::npos);
}

// Each malformed request is INVALID_ARGUMENT naming its field.
TEST_F(PlanQueriesTest, MalformedRequestsNameTheirField) {
  history_.FormGroup(kPlan, "wg-1", {std::string(kA)});
  ASSERT_TRUE(history_.ApplyTo(projections_));
  auto expect_invalid = [](const grpc::Status& status, std::string_view field) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
    EXPECT_NE(status.error_message().find(field), std::string::npos) << Describe(status);
  };
  v1::GetTraceabilityRequest trace;
  trace.set_plan_id(std::string(kPlan));
  trace.set_period("2026-T4");
  expect_invalid(projections_.GetTraceability(trace, kToday).status(), "period");
  trace.set_period("");
  trace.set_page_size(1001);
  expect_invalid(projections_.GetTraceability(trace, kToday).status(), "page_size");
  trace.set_page_size(1000);
  trace.set_page_token("zz");
  expect_invalid(projections_.GetTraceability(trace, kToday).status(), "page_token");
  trace.set_page_token("");
  trace.set_focus_area("okand");
  expect_invalid(projections_.GetTraceability(trace, kToday).status(), "focus_area");

  v1::GetFollowUpSummaryRequest summary;
  summary.set_plan_id(std::string(kPlan));
  expect_invalid(projections_.GetFollowUpSummary(summary).status(), "period");
  summary.set_period("T1-2026");
  expect_invalid(projections_.GetFollowUpSummary(summary).status(), "period");

  v1::GetWorkingGroupStatusRequest group;
  group.set_plan_id(std::string(kPlan));
  group.set_group_id("wg-1");
  group.set_page_size(501);
  expect_invalid(projections_.GetWorkingGroupStatus(group, kToday).status(), "page_size");
  group.set_page_size(0);
  group.set_page_token("01");  // the format byte without an id
  expect_invalid(projections_.GetWorkingGroupStatus(group, kToday).status(), "page_token");
}

// ---- Traceability.

TEST_F(PlanQueriesTest, EveryTraceabilityFlagAppearsAndClearsAsThePlanIsCompleted) {
  using enum v1::TraceabilityFlag;
  history_.RecordFinding(kPlan, "f-1", "otrygghet");
  v1::Traceability trace = Trace();
  EXPECT_EQ(FindingFlags(trace, "f-1"), Flags{TRACEABILITY_FLAG_FINDING_UNUSED});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"", 0, 0, 0, 0, 0, 1}));

  history_.IdentifyCause(kPlan, "c-1", "otrygghet", 1, {"f-1"});
  trace = Trace();
  EXPECT_EQ(FindingFlags(trace, "f-1"), Flags{});
  EXPECT_EQ(CauseFlags(trace, "c-1"), Flags{TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"", 1, 0, 0, 0, 0, 0}));

  history_.Propose("m1", kPlan, "otrygghet", "Belysning");
  trace = Trace();
  EXPECT_EQ(MeasureFlags(trace, "m1"), (Flags{TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE,
                                              TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL}));
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"", 1, 1, 1, 0, 0, 0}));

  history_.Link("m1", "c-1");
  history_.SetGoal("m1", "g-1", 40, 80);
  trace = Trace();
  EXPECT_EQ(CauseFlags(trace, "c-1"), Flags{});
  EXPECT_EQ(MeasureFlags(trace, "m1"), Flags{});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"", 0, 0, 0, 0, 0, 0}));

  // A partner of a proposed measure cannot follow up yet: not flagged until it is assigned.
  history_.AddPartner("m1", kB);
  EXPECT_EQ(FlagCountsOf(Trace().counts()), (FlagCounts{"", 0, 0, 0, 0, 0, 0}));
  history_.Prioritise("m1", v1::PRIORITY_HIGH);
  history_.Assign("m1", kA, "2026-12-31");
  trace = Trace();
  EXPECT_EQ(MeasureFlags(trace, "m1"), Flags{TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP});
  EXPECT_EQ(Strings(trace.focus_areas(0).measures(0).partners_never_followed_up()),
            std::vector<std::string>{std::string(kB)});
  // No follow-up recorded anywhere in the plan: no period to judge NO_FOLLOW_UP for.
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"", 0, 0, 0, 0, 1, 0}));

  // Another measure is followed up for T1: the plan's latest period, which m1 missed.
  Assigned("m2", "narkotika", kC);
  history_.Link("m2", "c-1");
  history_.SetGoal("m2", "g-1", 1, 2);
  history_.FollowUp("m2", "2026-T1", kC, v1::HEALTH_GREEN);
  trace = Trace();
  EXPECT_EQ(MeasureFlags(trace, "m1"),
            (Flags{TRACEABILITY_FLAG_NO_FOLLOW_UP, TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP}));
  EXPECT_EQ(MeasureFlags(trace, "m2"), Flags{});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"2026-T1", 0, 0, 0, 1, 1, 0}));

  history_.FollowUp("m1", "2026-T1", kA, v1::HEALTH_YELLOW);
  history_.FollowUp("m1", "2026-T1", kB, v1::HEALTH_GREEN);
  trace = Trace();
  EXPECT_EQ(MeasureFlags(trace, "m1"), Flags{});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"2026-T1", 0, 0, 0, 0, 0, 0}));

  // T2 begins: m1 has no follow-up for it, but had one for T1 when asked about T1.
  history_.FollowUp("m2", "2026-T2", kC, v1::HEALTH_GREEN);
  EXPECT_EQ(MeasureFlags(Trace(), "m1"), Flags{TRACEABILITY_FLAG_NO_FOLLOW_UP});
  EXPECT_EQ(MeasureFlags(Trace("2026-T1"), "m1"), Flags{});
  EXPECT_EQ(Trace("2026-T1").counts().period(), "2026-T1");
  // A period that begins after today is not judged.
  EXPECT_EQ(FlagCountsOf(Trace("2027-T1").counts()), (FlagCounts{"", 0, 0, 0, 0, 0, 0}));
  // Nor does a follow-up recorded ahead, for a period still to come, make it the plan's latest:
  // T2 stays the one judged, and m1 still owes its follow-up for it.
  history_.FollowUp("m2", "2027-T1", kC, v1::HEALTH_GREEN);
  EXPECT_EQ(MeasureFlags(Trace(), "m1"), Flags{TRACEABILITY_FLAG_NO_FOLLOW_UP});
  EXPECT_EQ(Trace().counts().period(), "2026-T2");

  // Completed measures owe no more follow-up.
  history_.Start("m1");
  history_.Complete("m1", "klart");
  EXPECT_EQ(FlagCountsOf(Trace().counts()), (FlagCounts{"2026-T2", 0, 0, 0, 0, 0, 0}));

  // A cause only a withdrawn measure addresses has no measure; a retired cause no longer uses
  // its finding, and is not judged itself.
  history_.IdentifyCause(kPlan, "c-2", "narkotika", 1, {"f-1"});
  Assigned("m3", "narkotika", kC);
  history_.Link("m3", "c-2");
  history_.Withdraw("m3", "ersatt");
  trace = Trace();
  EXPECT_EQ(CauseFlags(trace, "c-2"), Flags{TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE});
  EXPECT_EQ(MeasureFlags(trace, "m3"), Flags{});  // withdrawn: never flagged
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"2026-T2", 1, 0, 0, 0, 0, 0}));
  history_.RetireCause(kPlan, "c-2");
  history_.RetireCause(kPlan, "c-1");
  trace = Trace();
  EXPECT_EQ(FindingFlags(trace, "f-1"), Flags{TRACEABILITY_FLAG_FINDING_UNUSED});
  EXPECT_EQ(FlagCountsOf(trace.counts()), (FlagCounts{"2026-T2", 0, 0, 0, 0, 0, 1}));
  EXPECT_TRUE(trace.focus_areas(0).causes().empty());

  // The overview counts the same flags for the latest period.
  EXPECT_EQ(FlagCountsOf(projections_.GetPlanOverview(kPlan, kToday)->flags()),
            FlagCountsOf(trace.counts()));
}

TEST_F(PlanQueriesTest, TracedMeasureCarriesItsChain) {
  history_.RecordFinding(kPlan, "f-1", "otrygghet");
  history_.IdentifyCause(kPlan, "c-1", "otrygghet", 1, {"f-1"});
  Assigned("m1", "otrygghet", kA);
  history_.Link("m1", "c-1");
  history_.AddPartner("m1", kB, "kvällar");
  history_.SetGoal("m1", "g-1", 40, 80);
  history_.FollowUp("m1", "2026-T1", kA, v1::HEALTH_GREEN, 3, 100, {{"g-1", 81}});
  const v1::Traceability trace = Trace();
  ASSERT_EQ(trace.focus_areas(0).measures_size(), 1);
  const v1::TracedMeasure& m = trace.focus_areas(0).measures(0);
  EXPECT_EQ(m.measure_id(), "m1");
  EXPECT_EQ(m.title(), "Åtgärd m1");
  EXPECT_EQ(m.status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(m.responsible_agency_id(), kA);
  ASSERT_EQ(m.partners_size(), 1);
  EXPECT_EQ(m.partners(0).commitment(), "kvällar");
  EXPECT_EQ(Strings(m.cause_ids()), std::vector<std::string>{"c-1"});
  ASSERT_EQ(m.goals_size(), 1);
  EXPECT_TRUE(m.goals(0).met());
  ASSERT_EQ(m.latest_follow_ups_size(), 1);
  EXPECT_EQ(m.latest_follow_ups(0).cost_sek(), 100u);
  const v1::TracedCause& cause = trace.focus_areas(0).causes(0);
  EXPECT_EQ(cause.number(), 1u);
  EXPECT_EQ(Strings(cause.finding_ids()), std::vector<std::string>{"f-1"});
  EXPECT_EQ(Strings(cause.measure_ids()), std::vector<std::string>{"m1"});
  EXPECT_EQ(trace.focus_areas(0).findings(0).source(), v1::FINDING_SOURCE_CRIME_STATISTICS);
}

TEST_F(PlanQueriesTest, TraceabilityPagesMeasuresByIdAcrossFocusAreas) {
  history_.RecordFinding(kPlan, "f-1", "otrygghet");
  std::vector<std::string> expected;
  for (int i = 0; i < 25; ++i) {
    const std::string id = "m" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    history_.Propose(id, kPlan, i % 3 == 0 ? "narkotika" : "otrygghet", "Åtgärd");
    expected.push_back(id);
  }
  history_.Propose("m99", kPlan, "okand", "Utanför planens fokusområden");
  const v1::TraceabilityFlagCounts all = Trace().counts();
  EXPECT_EQ(all.measures_without_cause(), 26u);  // the counts cover the whole plan

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    const v1::Traceability page = Trace("", "", 10, token);
    ++pages;
    EXPECT_TRUE(ProtoEquals(all, page.counts()));
    ASSERT_EQ(page.focus_areas_size(), 2);
    EXPECT_EQ(page.focus_areas(0).findings_size(), 1);  // on every page
    std::set<std::string> on_page;
    for (const v1::FocusAreaTrace& area : page.focus_areas()) {
      for (const v1::TracedMeasure& m : area.measures()) {
        const int i = std::stoi(m.measure_id().substr(1));
        EXPECT_EQ(area.focus_area().key(), i % 3 == 0 ? "narkotika" : "otrygghet");
        on_page.insert(m.measure_id());
      }
    }
    seen.insert(seen.end(), on_page.begin(), on_page.end());
    token = page.next_page_token();
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, expected);

  const v1::Traceability narkotika = Trace("", "narkotika");
  ASSERT_EQ(narkotika.focus_areas_size(), 1);
  EXPECT_EQ(narkotika.focus_areas(0).measures_size(), 9);
  EXPECT_EQ(narkotika.counts().measures_without_cause(), 9u);
  EXPECT_EQ(narkotika.counts().findings_unused(), 0u);  // f-1 is otrygghet's
  EXPECT_TRUE(narkotika.next_page_token().empty());
}

// ---- Follow-up summary.

class FollowUpSummaryTest : public PlanQueriesTest {
 protected:
  void SetUp() override {
    PlanQueriesTest::SetUp();
    // m1: A's, with partner B and two goals, in progress; both follow up T1 (A twice).
    Assigned("m1", "otrygghet", kA);
    history_.Start("m1");
    history_.AddPartner("m1", kB);
    history_.SetGoal("m1", "upp", 40, 80);
    history_.SetGoal("m1", "ned", 10, 5);
    history_.FollowUp("m1", "2026-T1", kA, v1::HEALTH_GREEN, 10, 1000, {{"upp", 50}});
    history_.FollowUp("m1", "2026-T1", kB, v1::HEALTH_YELLOW, 2.5, 500, {{"ned", 7}});
    history_.FollowUp("m1", "2026-T1", kA, v1::HEALTH_RED, 12, 1500, {{"upp", 85}});  // replaces
    // m2: B's, assigned, with a goal, not followed up for T1.
    Assigned("m2", "narkotika", kB);
    history_.SetGoal("m2", "g", 0, 10);
    // m3: C's, followed up for T1 and then completed.
    Assigned("m3", "narkotika", kC);
    history_.FollowUp("m3", "2026-T1", kC, v1::HEALTH_GREEN, 1);
    history_.Complete("m3", "klart");
    // m4: only proposed; m5: A's, followed up for T2 only; m6: completed, never followed up.
    history_.Propose("m4", kPlan, "otrygghet", "Förslag");
    Assigned("m5", "otrygghet", kA);
    history_.FollowUp("m5", "2026-T2", kA, v1::HEALTH_GREEN, 4);
    Assigned("m6", "otrygghet", kC);
    history_.SetGoal("m6", "g", 0, 10);
    history_.Complete("m6", "klart");
    ASSERT_TRUE(history_.ApplyTo(projections_));
  }

  v1::FollowUpSummary Summary(std::string_view period) {
    v1::GetFollowUpSummaryRequest request;
    request.set_plan_id(std::string(kPlan));
    request.set_period(std::string(period));
    domain::Result<v1::FollowUpSummary> summary = projections_.GetFollowUpSummary(request);
    EXPECT_TRUE(summary.ok()) << Describe(summary.status());
    return summary.ok() ? *summary : v1::FollowUpSummary();
  }

  static v1::FollowUpTotals Totals(uint64_t green, uint64_t yellow, uint64_t red, uint64_t missing,
                                   double hours, uint64_t cost, uint64_t met, uint64_t not_met,
                                   uint64_t not_measured) {
    v1::FollowUpTotals t;
    t.set_green(green);
    t.set_yellow(yellow);
    t.set_red(red);
    t.set_missing(missing);
    t.set_hours(hours);
    t.set_cost_sek(cost);
    t.set_goals_met(met);
    t.set_goals_not_met(not_met);
    t.set_goals_not_measured(not_measured);
    return t;
  }
};

TEST_F(FollowUpSummaryTest, AddsUpThePeriodsLatestFollowUpsPerAgencyAndFocusArea) {
  const v1::FollowUpSummary summary = Summary("2026-T1");
  EXPECT_EQ(summary.plan_id(), kPlan);
  EXPECT_EQ(summary.period(), "2026-T1");
  // Follow-ups: m1 A red (12 h, 1,500 kr; the green one was replaced), m1 B yellow (2.5 h,
  // 500 kr), m3 C green (1 h). Missing: m2's B, m5's A. Goals: m1 "upp" 85 met, m1 "ned" 7 not
  // met (to lower to 5), m2 "g" not measured; m6 was neither followed up nor is it expected to be.
  EXPECT_TRUE(ProtoEquals(Totals(1, 1, 1, 2, 15.5, 2000, 1, 1, 1), summary.totals()));
  ASSERT_EQ(summary.agencies_size(), 3);
  EXPECT_EQ(summary.agencies(0).agency_id(), kA);
  EXPECT_EQ(summary.agencies(0).name(), "Agency A");
  EXPECT_TRUE(ProtoEquals(Totals(0, 0, 1, 1, 12, 1500, 1, 1, 0), summary.agencies(0).totals()));
  EXPECT_EQ(summary.agencies(1).agency_id(), kB);
  EXPECT_TRUE(ProtoEquals(Totals(0, 1, 0, 1, 2.5, 500, 0, 0, 1), summary.agencies(1).totals()));
  EXPECT_EQ(summary.agencies(2).agency_id(), kC);
  EXPECT_TRUE(ProtoEquals(Totals(1, 0, 0, 0, 1, 0, 0, 0, 0), summary.agencies(2).totals()));
  ASSERT_EQ(summary.focus_areas_size(), 2);
  EXPECT_EQ(summary.focus_areas(0).focus_area().key(), "otrygghet");
  EXPECT_TRUE(
      ProtoEquals(Totals(0, 1, 1, 1, 14.5, 2000, 1, 1, 0), summary.focus_areas(0).totals()));
  EXPECT_EQ(summary.focus_areas(1).focus_area().key(), "narkotika");
  EXPECT_TRUE(ProtoEquals(Totals(1, 0, 0, 1, 1, 0, 0, 0, 1), summary.focus_areas(1).totals()));
}

TEST_F(FollowUpSummaryTest, AnotherPeriodCountsOnlyItsOwnFollowUps) {
  const v1::FollowUpSummary summary = Summary("2026-T2");
  // m5 A green 4 h; missing: m1's A and B, m2's B. Goals of m1 and m2 not measured in T2.
  EXPECT_TRUE(ProtoEquals(Totals(1, 0, 0, 3, 4, 0, 0, 0, 3), summary.totals()));
  const v1::FollowUpSummary none = Summary("2025-T1");
  EXPECT_TRUE(ProtoEquals(Totals(0, 0, 0, 4, 0, 0, 0, 0, 3), none.totals()));
  EXPECT_EQ(none.agencies_size(), 2);  // A and B owe follow-ups
}

// ---- Working groups.

TEST_F(PlanQueriesTest, WorkingGroupSeesItsMembersMeasuresWithinItsFocusAreas) {
  Assigned("m1", "otrygghet", kA, "2026-01-31");  // overdue
  Assigned("m2", "otrygghet", kC);
  history_.AddPartner("m2", kB);    // a member as partner
  Assigned("m3", "otrygghet", kC);  // no member
  Assigned("m4", "narkotika", kA);  // outside the focus areas
  history_.Propose("m5", kPlan, "otrygghet", "Inte tilldelad");
  history_.FormGroup(kPlan, "wg-1", {std::string(kA), std::string(kB)}, {"otrygghet"});
  ASSERT_TRUE(history_.ApplyTo(projections_));

  v1::GetWorkingGroupStatusRequest request;
  request.set_plan_id(std::string(kPlan));
  request.set_group_id("wg-1");
  request.set_page_size(1);
  domain::Result<v1::WorkingGroupStatus> status =
      projections_.GetWorkingGroupStatus(request, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->group().name(), "Grupp wg-1");
  EXPECT_EQ(Strings(status->group().agency_ids()), (std::vector<std::string>{"ag-a", "ag-b"}));
  EXPECT_EQ(status->total_measures(), 2u);
  EXPECT_EQ(status->overdue(), 1u);
  EXPECT_EQ(CountsOf(status->counts()), (Counts{{v1::MEASURE_STATUS_ASSIGNED, 2}}));
  EXPECT_EQ(IdsOf(status->measures()), std::vector<std::string>{"m1"});
  EXPECT_TRUE(status->measures(0).overdue());
  request.set_page_token(status->next_page_token());
  status = projections_.GetWorkingGroupStatus(request, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(IdsOf(status->measures()), std::vector<std::string>{"m2"});
  EXPECT_TRUE(status->next_page_token().empty());

  // Changed to every focus area and C instead of B.
  v1::WorkingGroupChanged changed;
  changed.set_plan_id(std::string(kPlan));
  changed.set_group_id("wg-1");
  changed.set_name("Trygghetsgruppen");
  changed.add_agency_ids(std::string(kA));
  changed.add_agency_ids(std::string(kC));
  history_.OnPlan(kPlan, changed);
  ASSERT_TRUE(history_.ApplyTo(projections_));
  request.clear_page_token();
  request.set_page_size(0);
  status = projections_.GetWorkingGroupStatus(request, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->group().name(), "Trygghetsgruppen");
  EXPECT_EQ(IdsOf(status->measures()), (std::vector<std::string>{"m1", "m2", "m3", "m4"}));
}

// ---- Plan overview.

TEST_F(PlanQueriesTest, OverviewShowsAdoptionGroupsAndPromises) {
  history_.Propose("m1", kPlan, "otrygghet", "Belysning");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  v1::PlanOverview overview = *projections_.GetPlanOverview(kPlan, kToday);
  EXPECT_EQ(overview.adopted_version(), 0u);
  EXPECT_FALSE(overview.has_latest_adoption());
  EXPECT_EQ(overview.flags().measures_without_goal(), 1u);

  const uint64_t adopted = history_.Adopt(kPlan, 1);
  history_.FormGroup(kPlan, "wg-2", {std::string(kB)});
  history_.FormGroup(kPlan, "wg-1", {std::string(kA)});
  v1::CitizenPromiseMade promise;
  promise.set_plan_id(std::string(kPlan));
  promise.set_promise_id("p-1");
  promise.set_text("Vi ska synas mer i centrum");
  promise.add_measure_ids("m1");
  promise.add_signatories("lokalpolisområdeschef");
  promise.set_valid_from("2026-01-01");
  promise.set_valid_to("2026-12-31");
  history_.OnPlan(kPlan, promise);
  v1::CitizenPromiseEnded ended;
  ended.set_plan_id(std::string(kPlan));
  ended.set_promise_id("p-1");
  ended.set_reason("ersatt");
  history_.OnPlan(kPlan, ended);
  ASSERT_TRUE(history_.ApplyTo(projections_));
  overview = *projections_.GetPlanOverview(kPlan, kToday);
  EXPECT_EQ(overview.adopted_version(), 1u);
  const v1::PlanAdoption& adoption = overview.latest_adoption();
  EXPECT_EQ(adoption.version(), 1u);
  EXPECT_EQ(adoption.adopted_by(), "Kommunstyrelsen");
  EXPECT_EQ(adoption.decision_date(), "2026-02-01");
  EXPECT_EQ(adoption.reference(), "KS 2026/1");
  EXPECT_EQ(Strings(adoption.signatories()),
            std::vector<std::string>{"kommunstyrelsens ordförande"});
  EXPECT_EQ(adoption.recorded_by(), "samordnare");
  EXPECT_EQ(adoption.recorded_at().seconds(), history_.recorded_at_us(adopted) / 1'000'000);
  EXPECT_EQ(adoption.position(), adopted);
  ASSERT_EQ(overview.working_groups_size(), 2);
  EXPECT_EQ(overview.working_groups(0).group_id(), "wg-2");  // in the order they were formed
  ASSERT_EQ(overview.citizen_promises_size(), 1);
  EXPECT_EQ(overview.citizen_promises(0).text(), "Vi ska synas mer i centrum");
  EXPECT_TRUE(overview.citizen_promises(0).ended());
  EXPECT_EQ(overview.citizen_promises(0).end_reason(), "ersatt");
}

}  // namespace
}  // namespace trygg::projections::testing
