// BuildPlanReport: a plan's report as of a moment equals what the live queries said then, is the
// same bytes whenever it is produced, needs only the streams PlanReportStreams names, and says
// how the plan's measures changed during a period and how each party followed them up.
#include "trygg/projections/plan_report.h"

#include <absl/strings/str_format.h>
#include <absl/time/civil_time.h>
#include <absl/time/time.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "example_plan.h"
#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::StatusIs;

namespace trygg::projections::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// The events of `history` up to `last` (all when 0), only those of `streams` when given.
std::vector<EventView> EventsUpTo(const History& history, uint64_t last = 0,
                                  const std::set<std::string, std::less<>>* streams = nullptr) {
  std::vector<EventView> events;
  const uint64_t end = last == 0 ? history.head() : last;
  for (uint64_t position = 1; position <= end; ++position) {
    EventView event = history.View(position);
    if (streams == nullptr || streams->contains(event.stream_id)) events.push_back(event);
  }
  return events;
}

ReportMoment MomentAt(const History& history, uint64_t position, std::string_view today) {
  return {.position = position,
          .recorded_at_us = history.recorded_at_us(position),
          .head_hash = absl::StrFormat("%064x", position * 0x9e3779b97f4a7c15u),
          .today = std::string(today)};
}

// Midnight UTC: the tests' server zone.
int64_t UtcStartOfDay(std::string_view date) {
  absl::CivilDay day;
  EXPECT_TRUE(absl::ParseCivilTime(absl::string_view(date.data(), date.size()), &day)) << date;
  return absl::ToUnixMicros(absl::FromCivil(day, absl::UTCTimeZone()));
}

v1::GetPlanReportRequest Request(std::string_view plan_id, std::string_view period = "",
                                 uint32_t page_size = 0, std::string_view page_token = "") {
  v1::GetPlanReportRequest request;
  request.set_plan_id(std::string(plan_id));
  request.set_period(std::string(period));
  request.set_page_size(page_size);
  request.set_page_token(std::string(page_token));
  return request;
}

// The report, or an empty one after a test failure.
v1::PlanReport Report(std::span<const EventView> events, const v1::GetPlanReportRequest& request,
                      const ReportMoment& moment, const StartOfDay& start_of_day = UtcStartOfDay) {
  domain::Result<v1::PlanReport> report = BuildPlanReport(events, request, moment, start_of_day);
  EXPECT_TRUE(report.ok()) << Describe(report.status());
  return report.ok() ? *std::move(report) : v1::PlanReport();
}

// Projections folded up to `last` (all when 0).
Projections FoldedUpTo(const History& history, uint64_t last = 0) {
  Projections projections;
  for (const EventView& event : EventsUpTo(history, last)) {
    EXPECT_TRUE(projections.Apply(event).ok());
  }
  return projections;
}

v1::ListMeasuresResponse PlanMeasures(const Projections& projections, std::string_view plan_id,
                                      std::string_view today) {
  v1::ListMeasuresRequest request;
  request.set_plan_id(std::string(plan_id));
  request.set_page_size(500);
  domain::Result<v1::ListMeasuresResponse> listed = projections.ListMeasures(request, today);
  EXPECT_TRUE(listed.ok()) << Describe(listed.status());
  return listed.ok() ? *listed : v1::ListMeasuresResponse();
}

// The first position of an event of `type` on `stream`; 0 when none.
uint64_t FirstOf(const History& history, std::string_view stream, std::string_view type) {
  for (uint64_t position = 1; position <= history.head(); ++position) {
    const EventView event = history.View(position);
    if (event.stream_id == stream && event.type == type) return position;
  }
  return 0;
}

// ---- The example plan.

class ExampleReportTest : public ::testing::Test {
 protected:
  void SetUp() override { BuildTryggareVarnamo(history_); }

  History history_;
};

TEST_F(ExampleReportTest, AtTheHeadEqualsTheLiveQueries) {
  const std::vector<EventView> events = EventsUpTo(history_);
  const ReportMoment moment = MomentAt(history_, history_.head(), kToday);
  const v1::PlanReport report = Report(events, Request(kPlanId), moment);
  const Projections live = FoldedUpTo(history_);

  EXPECT_EQ(report.position(), history_.head());
  EXPECT_EQ(report.recorded_at().seconds() * 1'000'000 + report.recorded_at().nanos() / 1000,
            history_.recorded_at_us(history_.head()));
  EXPECT_EQ(report.head_hash(), moment.head_hash);
  EXPECT_EQ(report.today(), kToday);
  EXPECT_EQ(report.plan_version(), 1u);
  // The latest period begun by kToday; 2027-T1 was followed up ahead.
  EXPECT_EQ(report.period(), "2026-T3");
  EXPECT_EQ(report.previous_period(), "");

  std::optional<v1::PlanOverview> overview = live.GetPlanOverview(kPlanId, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_TRUE(ProtoEquals(*overview, report.overview()));

  v1::GetSituationPictureRequest situation;
  situation.set_plan_id(std::string(kPlanId));
  EXPECT_TRUE(ProtoEquals(*live.GetSituationPicture(situation), report.situation()));

  const v1::ListMeasuresResponse measures = PlanMeasures(live, kPlanId, kToday);
  ASSERT_EQ(report.measures_size(), measures.measures_size());
  for (int i = 0; i < measures.measures_size(); ++i) {
    EXPECT_TRUE(ProtoEquals(measures.measures(i), report.measures(i)));
  }
  EXPECT_EQ(report.total_measures(), 15u);
  EXPECT_EQ(report.next_page_token(), "");

  v1::GetTraceabilityRequest trace;
  trace.set_plan_id(std::string(kPlanId));
  EXPECT_TRUE(ProtoEquals(*live.GetTraceability(trace, kToday), report.traceability()));

  ASSERT_EQ(report.agencies_size(), 8);
  for (int i = 1; i < report.agencies_size(); ++i) {
    EXPECT_LT(report.agencies(i - 1).agency_id(), report.agencies(i).agency_id());
  }

  ASSERT_EQ(report.follow_up_history_size(), 1);
  v1::GetFollowUpSummaryRequest summary;
  summary.set_plan_id(std::string(kPlanId));
  summary.set_period("2026-T3");
  EXPECT_TRUE(ProtoEquals(*live.GetFollowUpSummary(summary), report.follow_up_history(0)));

  // Every follow-up of 2026-T3, the page's measures by id.
  std::vector<std::tuple<std::string, std::string, std::string>> reported;
  for (const v1::ReportedFollowUp& r : report.period_follow_ups()) {
    reported.emplace_back(r.measure_id(), r.follow_up().period(), r.follow_up().party());
  }
  EXPECT_EQ(reported.size(), 5u);
  for (const auto& [measure_id, period, party] : reported) EXPECT_EQ(period, "2026-T3");
  // Everything was recorded in January 2026, before 2026-T3 began.
  EXPECT_EQ(report.changes_size(), 0);
}

TEST_F(ExampleReportTest, AnEarlierPositionShowsTheEarlierState) {
  const uint64_t adopted =
      FirstOf(history_, "plan-" + std::string(kPlanId), "trygg.v1.PlanAdopted");
  ASSERT_GT(adopted, 0u);
  const v1::PlanReport before_adoption = Report(EventsUpTo(history_, adopted - 1), Request(kPlanId),
                                                MomentAt(history_, adopted - 1, kToday));
  EXPECT_EQ(before_adoption.position(), adopted - 1);
  EXPECT_EQ(before_adoption.plan_version(), 0u);
  EXPECT_EQ(before_adoption.overview().adopted_version(), 0u);
  EXPECT_FALSE(before_adoption.overview().has_latest_adoption());
  // No follow-up yet: no period.
  EXPECT_EQ(before_adoption.period(), "");
  EXPECT_EQ(before_adoption.follow_up_history_size(), 0);

  // Before a measure was completed, the report shows it as it stood, and every measure as a fold
  // up to there shows it.
  uint64_t completed = 0;
  std::string completed_id;
  for (uint64_t position = 1; position <= history_.head() && completed == 0; ++position) {
    const EventView event = history_.View(position);
    if (event.type == "trygg.v1.MeasureCompleted") {
      completed = position;
      completed_id = std::string(event.stream_id.substr(std::string_view("measure-").size()));
    }
  }
  ASSERT_GT(completed, 0u);
  const v1::PlanReport report = Report(EventsUpTo(history_, completed - 1), Request(kPlanId),
                                       MomentAt(history_, completed - 1, kToday));
  const Projections then = FoldedUpTo(history_, completed - 1);
  const v1::ListMeasuresResponse measures = PlanMeasures(then, kPlanId, kToday);
  ASSERT_EQ(report.measures_size(), measures.measures_size());
  bool seen = false;
  for (int i = 0; i < measures.measures_size(); ++i) {
    EXPECT_TRUE(ProtoEquals(measures.measures(i), report.measures(i)));
    if (report.measures(i).measure_id() == completed_id) {
      seen = true;
      EXPECT_NE(report.measures(i).status(), v1::MEASURE_STATUS_COMPLETED);
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(report.total_measures(), static_cast<uint64_t>(measures.measures_size()));
  EXPECT_TRUE(ProtoEquals(*then.GetPlanOverview(kPlanId, kToday), report.overview()));
}

TEST_F(ExampleReportTest, IsTheSameBytesWheneverProduced) {
  const uint64_t position = history_.head() - 3;
  const ReportMoment moment = MomentAt(history_, position, kToday);
  const std::string first =
      Report(EventsUpTo(history_, position), Request(kPlanId), moment).SerializeAsString();
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(Report(EventsUpTo(history_, position), Request(kPlanId), moment).SerializeAsString(),
            first);

  // More of everything after the moment: follow-ups of the same period, a new measure, a
  // completion, another adoption, another agency.
  history_.FollowUp("example-1", "2026-T3", kSocialtjansten, v1::HEALTH_RED, 10);
  history_.Propose("example-16", kPlanId, "narkotika", "Ny åtgärd");
  history_.Complete("example-1", "Klart");
  history_.Adopt(kPlanId, 2);
  history_.RegisterAgency("ny-myndighet", "Ny myndighet", "police");
  EXPECT_EQ(Report(EventsUpTo(history_, position), Request(kPlanId), moment).SerializeAsString(),
            first);
  // Also when handed events after the moment: they are not folded.
  EXPECT_EQ(Report(EventsUpTo(history_), Request(kPlanId), moment).SerializeAsString(), first);
}

TEST_F(ExampleReportTest, FoldsOnlyThePlansStreams) {
  // Another plan, with its own measures and an agency, interleaved after the example.
  history_.CreatePlan("annan-plan", "Annan plan", "Gislaved", {{"otrygghet", "Otrygghet"}});
  history_.RegisterAgency("annan-myndighet", "Annan myndighet", "municipality");
  history_.Propose("annan-1", "annan-plan", "otrygghet", "Annan åtgärd");
  history_.Assign("annan-1", "annan-myndighet", "2026-10-01");
  history_.Propose("example-16", kPlanId, "otrygghet", "Ny åtgärd");
  history_.FollowUp("annan-1", "2026-T3", "annan-myndighet", v1::HEALTH_GREEN);

  const Projections live = FoldedUpTo(history_);
  const std::vector<std::string> streams = live.PlanReportStreams(kPlanId);
  ASSERT_FALSE(streams.empty());
  EXPECT_EQ(streams.front(), "plan-" + std::string(kPlanId));
  const std::set<std::string, std::less<>> named(streams.begin(), streams.end());
  EXPECT_EQ(named.size(), streams.size());
  EXPECT_TRUE(named.contains("measure-example-1"));
  EXPECT_TRUE(named.contains("measure-example-16"));
  EXPECT_TRUE(named.contains("agency-annan-myndighet"));
  EXPECT_TRUE(named.contains("agency-" + std::string(kPolisen)));
  EXPECT_FALSE(named.contains("measure-annan-1"));
  EXPECT_FALSE(named.contains("plan-annan-plan"));
  EXPECT_EQ(streams.size(), 1u + 16u + 9u);  // the plan, its measures, every agency
  EXPECT_TRUE(live.PlanReportStreams("ingen-plan").empty());

  const ReportMoment moment = MomentAt(history_, history_.head(), kToday);
  const std::string own =
      Report(EventsUpTo(history_, 0, &named), Request(kPlanId), moment).SerializeAsString();
  EXPECT_EQ(own, Report(EventsUpTo(history_), Request(kPlanId), moment).SerializeAsString());
  EXPECT_EQ(Report(EventsUpTo(history_, 0, &named), Request(kPlanId, "2027-T1"), moment)
                .SerializeAsString(),
            Report(EventsUpTo(history_), Request(kPlanId, "2027-T1"), moment).SerializeAsString());
}

TEST_F(ExampleReportTest, RefusesWhatItCannotAnswer) {
  const std::vector<EventView> events = EventsUpTo(history_);
  const ReportMoment moment = MomentAt(history_, history_.head(), kToday);
  EXPECT_THAT(BuildPlanReport(events, Request(kPlanId, "2026-T4"), moment, UtcStartOfDay),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "period"));
  EXPECT_THAT(BuildPlanReport(events, Request(kPlanId, "", 501), moment, UtcStartOfDay),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "page_size"));
  EXPECT_THAT(BuildPlanReport(events, Request(kPlanId, "", 0, "skräp"), moment, UtcStartOfDay),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT, "page_token"));
  EXPECT_THAT(BuildPlanReport(events, Request("ingen-plan"), moment, UtcStartOfDay),
              StatusIs(grpc::StatusCode::NOT_FOUND, "ingen-plan"));
  EXPECT_TRUE(BuildPlanReport(events, Request(kPlanId, "", 500), moment, UtcStartOfDay).ok());
}

TEST(PlanReportTest, NotFoundBeforeThePlanExisted) {
  History history;
  history.RegisterAgency("ag-a", "Agency A", "police");
  history.CreatePlan("plan", "Plan", "Värnamo kommun", {{"otrygghet", "Otrygghet"}});
  EXPECT_THAT(BuildPlanReport(EventsUpTo(history, 1), Request("plan"),
                              MomentAt(history, 1, "2026-01-12"), UtcStartOfDay),
              StatusIs(grpc::StatusCode::NOT_FOUND, "plan plan did not exist at position 1"));
  EXPECT_TRUE(BuildPlanReport(EventsUpTo(history, 2), Request("plan"),
                              MomentAt(history, 2, "2026-01-12"), UtcStartOfDay)
                  .ok());
}

// ---- A period's changes and follow-ups, with a history whose times straddle 2026-T2's bounds.

class PeriodReportTest : public ::testing::Test {
 protected:
  static constexpr std::string_view kPlan = "plan";
  static constexpr std::string_view kA = "ag-a";
  static constexpr std::string_view kB = "ag-b";

  void SetUp() override {
    history_.CreatePlan(kPlan, "Plan", "Värnamo kommun", {{"otrygghet", "Otrygghet"}});
    history_.RegisterAgency(kA, "Agency A", "police");
    history_.RegisterAgency(kB, "Agency B", "municipality");
  }

  void Assigned(std::string_view id, std::string_view due = "2026-06-30") {
    history_.Propose(id, kPlan, "otrygghet", "Åtgärd " + std::string(id));
    history_.Prioritise(id, v1::PRIORITY_MEDIUM);
    history_.Assign(id, kA, due);
  }

  // The history's times are minutes apart on 2026-01-12; the days the test names begin where it
  // says (at the next event's time), every other day at its midnight UTC.
  StartOfDay Days() const {
    return [days = days_](std::string_view date) {
      auto it = days.find(date);
      return it == days.end() ? UtcStartOfDay(date) : it->second;
    };
  }
  // The day `date` begins with the next event appended.
  void DayBeginsNow(std::string_view date) {
    days_.emplace(std::string(date), kStartUs + static_cast<int64_t>(history_.head()) * kStepUs);
  }

  v1::PlanReport ReportNow(std::string_view period, std::string_view today, uint32_t page_size = 0,
                           std::string_view token = "") {
    return Report(EventsUpTo(history_), Request(kPlan, period, page_size, token),
                  MomentAt(history_, history_.head(), today), Days());
  }

  History history_;
  std::map<std::string, int64_t, std::less<>> days_;
};

using Change = std::tuple<std::string, v1::MeasureChangeKind, std::string, std::string>;
std::vector<Change> ChangesOf(const v1::PlanReport& report) {
  std::vector<Change> changes;
  for (const v1::MeasureChange& c : report.changes()) {
    changes.emplace_back(c.measure_id(), c.kind(), c.from_due_date(), c.to_due_date());
  }
  return changes;
}

TEST_F(PeriodReportTest, ChangesDuringThePeriod) {
  Assigned("m1");  // started and completed during: STARTED, COMPLETED
  Assigned("m2");  // completed straight from assigned: COMPLETED
  Assigned("m3");  // deadline moved: DEADLINE_MOVED
  history_.Propose("m4", kPlan, "otrygghet", "Åtgärd m4");  // withdrawn: WITHDRAWN
  Assigned("m5");
  history_.Start("m5");  // started before: nothing
  history_.FollowUp("m3", "2026-T1", kA, v1::HEALTH_GREEN);

  DayBeginsNow("2026-05-01");
  history_.Start("m1");
  history_.Complete("m1", "Klart");
  history_.Complete("m2", "Klart");
  history_.Assign("m3", kA, "2026-10-31");
  history_.Withdraw("m4", "Behövs inte");
  history_.Report("m5", 50, "Halvvägs");
  Assigned("m6");        // proposed during: NEW
  history_.Start("m6");  // and started: STARTED
  history_.FollowUp("m1", "2026-T2", kA, v1::HEALTH_YELLOW, 10);
  history_.FollowUp("m1", "2026-T2", kA, v1::HEALTH_GREEN, 12);  // replaces the yellow one
  history_.AddPartner("m1", kB);
  history_.FollowUp("m1", "2026-T2", kB, v1::HEALTH_RED, 3);

  DayBeginsNow("2026-09-01");
  history_.Complete("m5", "Klart");                          // after the period: not a change of it
  history_.Assign("m3", kA, "2026-12-31");                   // nor this
  history_.Propose("m7", kPlan, "otrygghet", "Åtgärd m7");   // nor this
  history_.FollowUp("m3", "2026-T3", kA, v1::HEALTH_GREEN);  // ahead of its period

  const v1::PlanReport report = ReportNow("", "2026-08-20");
  EXPECT_EQ(report.period(), "2026-T2");  // 2026-T3 has not begun by 2026-08-20
  EXPECT_EQ(report.previous_period(), "2026-T1");
  EXPECT_THAT(
      ChangesOf(report),
      ElementsAre(Change{"m1", v1::MEASURE_CHANGE_KIND_STARTED, "", ""},
                  Change{"m1", v1::MEASURE_CHANGE_KIND_COMPLETED, "", ""},
                  Change{"m2", v1::MEASURE_CHANGE_KIND_COMPLETED, "", ""},
                  Change{"m3", v1::MEASURE_CHANGE_KIND_DEADLINE_MOVED, "2026-06-30", "2026-10-31"},
                  Change{"m4", v1::MEASURE_CHANGE_KIND_WITHDRAWN, "", ""},
                  Change{"m6", v1::MEASURE_CHANGE_KIND_NEW, "", ""},
                  Change{"m6", v1::MEASURE_CHANGE_KIND_STARTED, "", ""}));
  EXPECT_EQ(report.total_measures(), 7u);

  // The period's follow-ups: the latest per party, by party.
  std::vector<std::tuple<std::string, std::string, v1::Health, double>> follow_ups;
  for (const v1::ReportedFollowUp& r : report.period_follow_ups()) {
    EXPECT_EQ(r.follow_up().period(), "2026-T2");
    follow_ups.emplace_back(r.measure_id(), r.follow_up().party(), r.follow_up().health(),
                            r.follow_up().hours());
  }
  EXPECT_THAT(follow_ups, ElementsAre(std::tuple{"m1", "ag-a", v1::HEALTH_GREEN, 12.0},
                                      std::tuple{"m1", "ag-b", v1::HEALTH_RED, 3.0}));

  // Health per party over the periods begun by today, each as the summary says.
  const Projections live = FoldedUpTo(history_);
  std::vector<std::string> periods;
  for (const v1::FollowUpSummary& summary : report.follow_up_history()) {
    periods.push_back(summary.period());
    v1::GetFollowUpSummaryRequest request;
    request.set_plan_id(std::string(kPlan));
    request.set_period(summary.period());
    EXPECT_TRUE(ProtoEquals(*live.GetFollowUpSummary(request), summary));
  }
  EXPECT_THAT(periods, ElementsAre("2026-T1", "2026-T2"));
  // The overview's flags are the report period's.
  EXPECT_EQ(report.overview().flags().period(), "2026-T2");
  EXPECT_TRUE(ProtoEquals(report.traceability().counts(), report.overview().flags()));

  // Asked for the period after: what happened since 2026-09-01, as of now.
  const v1::PlanReport later = ReportNow("2026-T3", "2026-09-15");
  EXPECT_EQ(later.previous_period(), "2026-T2");
  EXPECT_THAT(ChangesOf(later), ElementsAre(Change{"m3", v1::MEASURE_CHANGE_KIND_DEADLINE_MOVED,
                                                   "2026-10-31", "2026-12-31"},
                                            Change{"m5", v1::MEASURE_CHANGE_KIND_COMPLETED, "", ""},
                                            Change{"m7", v1::MEASURE_CHANGE_KIND_NEW, "", ""}));
  ASSERT_EQ(later.period_follow_ups_size(), 1);
  EXPECT_EQ(later.period_follow_ups(0).measure_id(), "m3");
  EXPECT_EQ(later.follow_up_history_size(), 3);
}

TEST_F(PeriodReportTest, AMomentBeforeThePeriodsEndEndsItsChanges) {
  Assigned("m1");
  DayBeginsNow("2026-05-01");
  history_.Start("m1");
  const uint64_t moment = history_.head();
  history_.Complete("m1", "Klart");
  DayBeginsNow("2026-09-01");
  history_.Propose("m2", kPlan, "otrygghet", "Åtgärd m2");

  const v1::PlanReport report = Report(EventsUpTo(history_, moment), Request(kPlan, "2026-T2"),
                                       MomentAt(history_, moment, "2026-05-01"), Days());
  EXPECT_THAT(ChangesOf(report),
              ElementsAre(Change{"m1", v1::MEASURE_CHANGE_KIND_STARTED, "", ""}));
  EXPECT_EQ(report.total_measures(), 1u);
}

// A period the domain would not have written (a log it did not write) has no days: the report
// names it and its follow-ups but compares nothing and summarises no history for it.
TEST_F(PeriodReportTest, APeriodWithoutDaysHasNoChanges) {
  Assigned("m1");
  history_.FollowUp("m1", "någon gång", kA, v1::HEALTH_GREEN);
  const v1::PlanReport report = ReportNow("", "2026-08-20");
  EXPECT_EQ(report.period(), "någon gång");
  EXPECT_EQ(report.period_follow_ups_size(), 1);
  EXPECT_EQ(report.changes_size(), 0);
  EXPECT_EQ(report.follow_up_history_size(), 0);
}

TEST_F(PeriodReportTest, PagesByIdWithThePlanLevelPartsOnEveryPage) {
  for (std::string_view id : {"m1", "m2", "m3", "m4", "m5"}) Assigned(id);
  history_.FollowUp("m2", "2026-T1", kA, v1::HEALTH_GREEN);
  history_.FollowUp("m5", "2026-T1", kA, v1::HEALTH_YELLOW);
  DayBeginsNow("2026-01-01");
  DayBeginsNow("2026-05-01");

  std::vector<std::vector<std::string>> pages;
  std::string token;
  std::string overview;
  do {
    const v1::PlanReport page = ReportNow("2026-T1", "2026-03-01", 2, token);
    std::vector<std::string> ids = IdsOf(page.measures());
    pages.push_back(ids);
    std::vector<std::string> traced;
    for (const v1::FocusAreaTrace& area : page.traceability().focus_areas()) {
      for (const v1::TracedMeasure& measure : area.measures())
        traced.push_back(measure.measure_id());
    }
    EXPECT_EQ(traced, ids);
    EXPECT_EQ(page.traceability().next_page_token(), "");
    for (const v1::ReportedFollowUp& r : page.period_follow_ups()) {
      EXPECT_THAT(ids, ::testing::Contains(r.measure_id()));
    }
    EXPECT_EQ(page.total_measures(), 5u);
    EXPECT_EQ(page.agencies_size(), 2);
    EXPECT_EQ(page.follow_up_history_size(), 1);
    if (overview.empty()) overview = page.overview().SerializeAsString();
    EXPECT_EQ(page.overview().SerializeAsString(), overview);
    token = page.next_page_token();
  } while (!token.empty() && pages.size() < 4);
  EXPECT_THAT(pages,
              ElementsAre(ElementsAre("m1", "m2"), ElementsAre("m3", "m4"), ElementsAre("m5")));
  // The second page's follow-ups: none; the third's: m5's.
  const v1::PlanReport first = ReportNow("2026-T1", "2026-03-01", 2);
  const v1::PlanReport last =
      ReportNow("2026-T1", "2026-03-01", 2,
                ReportNow("2026-T1", "2026-03-01", 2, first.next_page_token()).next_page_token());
  ASSERT_EQ(first.period_follow_ups_size(), 1);
  EXPECT_EQ(first.period_follow_ups(0).measure_id(), "m2");
  ASSERT_EQ(last.period_follow_ups_size(), 1);
  EXPECT_EQ(last.period_follow_ups(0).measure_id(), "m5");
  // 2026-T1 began (in the test's days) after everything: nothing changed during it.
  EXPECT_EQ(ReportNow("2026-T1", "2026-03-01", 0).changes_size(), 0);
}

}  // namespace
}  // namespace trygg::projections::testing
