// One measure's view through its lifecycle, field by field, and how re-prioritising and
// re-assigning move it between statuses and agencies.
#include <gtest/gtest.h>

#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr std::string_view kPlan = "tryggare-varnamo-2026";
constexpr std::string_view kToday = "2026-06-15";

google::protobuf::Timestamp TimestampOf(int64_t us) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(us / 1'000'000);
  timestamp.set_nanos(static_cast<int32_t>(us % 1'000'000) * 1000);
  return timestamp;
}

class MeasureViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                        {{"otrygghet", "Otrygghet"}});
    history_.RegisterAgency("varnamo-kommun-tekniska", "Tekniska förvaltningen", "municipality");
    history_.RegisterAgency("allmannyttan-varnamo", "Kommunens bostadsbolag", "housing");
  }

  v1::Measure Get(std::string_view id, std::string_view today = kToday) {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    std::optional<v1::Measure> measure = projections_.GetMeasure(id, today);
    EXPECT_TRUE(measure.has_value()) << id;
    return measure.value_or(v1::Measure());
  }

  std::vector<std::string> AgencyIds(std::string_view agency_id) {
    EXPECT_TRUE(history_.ApplyTo(projections_));
    domain::Result<v1::AgencyStatus> status = projections_.GetAgencyStatus(agency_id, 0, kToday);
    EXPECT_TRUE(status.ok()) << Describe(status.status());
    return status.ok() ? IdsOf(status->measures()) : std::vector<std::string>();
  }

  History history_;
  Projections projections_;
};

TEST_F(MeasureViewTest, EveryFieldThroughTheLifecycle) {
  const uint64_t proposed = history_.Propose("belysning", kPlan, "otrygghet",
                                             "Bättre belysning längs gång- och cykelvägar",
                                             "Mörka passager upplevs otrygga.", "kommunpolis");
  v1::Measure expected;
  expected.set_measure_id("belysning");
  expected.set_plan_id(std::string(kPlan));
  expected.set_focus_area("otrygghet");
  expected.set_title("Bättre belysning längs gång- och cykelvägar");
  expected.set_description("Mörka passager upplevs otrygga.");
  expected.set_status(v1::MEASURE_STATUS_PROPOSED);
  expected.set_proposed_by("kommunpolis");
  *expected.mutable_created_at() = TimestampOf(history_.recorded_at_us(proposed));
  *expected.mutable_updated_at() = expected.created_at();
  expected.set_version(1);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));

  const uint64_t prioritised =
      history_.Prioritise("belysning", v1::PRIORITY_HIGH, "Många klagomål");
  expected.set_status(v1::MEASURE_STATUS_PRIORITISED);
  expected.set_priority(v1::PRIORITY_HIGH);
  *expected.mutable_updated_at() = TimestampOf(history_.recorded_at_us(prioritised));
  expected.set_version(2);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));

  const uint64_t assigned =
      history_.Assign("belysning", "varnamo-kommun-tekniska", "2026-09-30", "Börja vid Vråen");
  expected.set_status(v1::MEASURE_STATUS_ASSIGNED);
  expected.set_responsible_agency_id("varnamo-kommun-tekniska");
  expected.set_due_date("2026-09-30");
  expected.set_last_note("Börja vid Vråen");
  *expected.mutable_updated_at() = TimestampOf(history_.recorded_at_us(assigned));
  expected.set_version(3);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));

  const uint64_t started = history_.Start("belysning");
  expected.set_status(v1::MEASURE_STATUS_IN_PROGRESS);
  *expected.mutable_updated_at() = TimestampOf(history_.recorded_at_us(started));
  expected.set_version(4);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));

  const uint64_t reported = history_.Report("belysning", 70, "Sju av tio sträckor klara");
  expected.set_percent_complete(70);
  expected.set_last_note("Sju av tio sträckor klara");
  *expected.mutable_updated_at() = TimestampOf(history_.recorded_at_us(reported));
  expected.set_version(5);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));

  // Past the due date while still open: overdue is computed for the date asked about.
  expected.set_overdue(true);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning", "2026-10-01")));
  expected.set_overdue(false);

  const uint64_t completed = history_.Complete("belysning", "Tio sträckor har ny belysning");
  expected.set_status(v1::MEASURE_STATUS_COMPLETED);
  expected.set_percent_complete(100);
  expected.set_outcome("Tio sträckor har ny belysning");
  *expected.mutable_updated_at() = TimestampOf(history_.recorded_at_us(completed));
  expected.set_version(6);
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning")));
  EXPECT_TRUE(ProtoEquals(expected, Get("belysning", "2026-10-01")));  // completed: never overdue
}

TEST_F(MeasureViewTest, WithdrawnMeasureKeepsItsHistoryAndGivesTheReason) {
  history_.Propose("kameror", kPlan, "otrygghet", "Kamerabevakning vid resecentrum");
  history_.Prioritise("kameror", v1::PRIORITY_MEDIUM);
  history_.Assign("kameror", "varnamo-kommun-tekniska", "2026-03-01");
  history_.Withdraw("kameror", "Tillstånd nekades");
  v1::Measure measure = Get("kameror");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_WITHDRAWN);
  EXPECT_EQ(measure.withdrawal_reason(), "Tillstånd nekades");
  EXPECT_EQ(measure.priority(), v1::PRIORITY_MEDIUM);
  EXPECT_EQ(measure.due_date(), "2026-03-01");
  EXPECT_FALSE(measure.overdue());  // past due, but withdrawn
  EXPECT_EQ(measure.version(), 4u);
}

TEST_F(MeasureViewTest, RePrioritisingChangesPriorityNotStatus) {
  history_.Propose("m", kPlan, "otrygghet", "Trygghetsvandringar");
  history_.Prioritise("m", v1::PRIORITY_LOW);
  history_.Prioritise("m", v1::PRIORITY_MEDIUM);
  v1::Measure measure = Get("m");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_PRIORITISED);
  EXPECT_EQ(measure.priority(), v1::PRIORITY_MEDIUM);

  history_.Assign("m", "allmannyttan-varnamo", "2026-08-31");
  history_.Prioritise("m", v1::PRIORITY_HIGH);
  measure = Get("m");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(measure.priority(), v1::PRIORITY_HIGH);

  history_.Start("m");
  history_.Prioritise("m", v1::PRIORITY_LOW);
  measure = Get("m");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(measure.priority(), v1::PRIORITY_LOW);
  EXPECT_EQ(measure.version(), 7u);
}

TEST_F(MeasureViewTest, ReAssigningWhileInProgressKeepsItInProgressAndMovesIt) {
  history_.Propose("m", kPlan, "otrygghet", "Trygghetsvandringar");
  history_.Prioritise("m", v1::PRIORITY_HIGH);
  history_.Assign("m", "varnamo-kommun-tekniska", "2026-05-31", "Första uppdraget");
  history_.Start("m");
  history_.Report("m", 30, "Tre vandringar gjorda");
  EXPECT_EQ(AgencyIds("varnamo-kommun-tekniska"), std::vector<std::string>{"m"});

  history_.Assign("m", "allmannyttan-varnamo", "2026-12-31", "Bostadsbolaget tar över");
  v1::Measure measure = Get("m");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(measure.responsible_agency_id(), "allmannyttan-varnamo");
  EXPECT_EQ(measure.due_date(), "2026-12-31");
  EXPECT_EQ(measure.percent_complete(), 30u);
  EXPECT_EQ(measure.last_note(), "Bostadsbolaget tar över");
  EXPECT_FALSE(measure.overdue());

  EXPECT_EQ(AgencyIds("varnamo-kommun-tekniska"), std::vector<std::string>{});
  EXPECT_EQ(AgencyIds("allmannyttan-varnamo"), std::vector<std::string>{"m"});
  domain::Result<v1::AgencyStatus> old_agency =
      projections_.GetAgencyStatus("varnamo-kommun-tekniska", 0, kToday);
  ASSERT_THAT(old_agency, IsOk());
  EXPECT_EQ(old_agency->total_measures(), 0u);
  EXPECT_EQ(old_agency->counts_size(), 0);
  EXPECT_EQ(old_agency->overdue(), 0u);  // it was overdue there; it is not any more
}

TEST_F(MeasureViewTest, ReAssigningAnAssignedMeasureKeepsItAssigned) {
  history_.Propose("m", kPlan, "otrygghet", "Trygghetsvandringar");
  history_.Assign("m", "varnamo-kommun-tekniska", "2026-05-31");
  history_.Assign("m", "varnamo-kommun-tekniska", "2026-07-31", "Nytt datum");
  v1::Measure measure = Get("m");
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(measure.due_date(), "2026-07-31");
  EXPECT_FALSE(measure.overdue());
  EXPECT_EQ(measure.priority(), v1::PRIORITY_UNSPECIFIED);  // assigned without a priority
}

TEST_F(MeasureViewTest, ProgressReportWithoutNoteReplacesTheLastNote) {
  // last_note is the note of the last assignment or progress report, as that report gave it.
  history_.Propose("m", kPlan, "otrygghet", "Trygghetsvandringar");
  history_.Assign("m", "allmannyttan-varnamo", "2026-08-31", "Startmöte i maj");
  history_.Start("m");
  history_.Report("m", 10, "");
  EXPECT_EQ(Get("m").last_note(), "");
  EXPECT_EQ(Get("m").percent_complete(), 10u);
}

TEST_F(MeasureViewTest, UnknownMeasureIsNotFound) {
  EXPECT_FALSE(projections_.GetMeasure("no-such-measure", kToday).has_value());
}

TEST(MeasureTimestampTest, TimesBeforeTheEpochAreNormalised) {
  History history;
  const uint64_t position = history.Propose("m", kPlan, "otrygghet", "t");
  EventView view = history.View(position);
  view.recorded_at_us = -1;  // 1969-12-31T23:59:59.999999Z
  Projections projections;
  ASSERT_THAT(projections.Apply(view), IsOk());
  std::optional<v1::Measure> measure = projections.GetMeasure("m", kToday);
  ASSERT_TRUE(measure.has_value());
  EXPECT_EQ(measure->created_at().seconds(), -1);
  EXPECT_EQ(measure->created_at().nanos(), 999'999'000);
}

class AgencyOrderTest : public MeasureViewTest {};

TEST_F(AgencyOrderTest, OpenByPriorityThenDueDateThenIdThenClosedById) {
  const std::string agency = "allmannyttan-varnamo";
  struct Spec {
    std::string id;
    v1::Priority priority;
    std::string due_date;
  };
  // Proposed in an order unrelated to the expected one.
  const std::vector<Spec> open = {
      {"k", v1::PRIORITY_LOW, "2026-01-01"},  {"b", v1::PRIORITY_UNSPECIFIED, "2026-01-01"},
      {"d", v1::PRIORITY_HIGH, ""},           {"e", v1::PRIORITY_HIGH, "2026-09-01"},
      {"a", v1::PRIORITY_HIGH, "2026-09-01"}, {"c", v1::PRIORITY_MEDIUM, "2026-02-01"},
      {"f", v1::PRIORITY_HIGH, "2026-03-01"}, {"g", v1::PRIORITY_UNSPECIFIED, ""},
  };
  for (const Spec& spec : open) {
    history_.Propose(spec.id, kPlan, "otrygghet", "åtgärd " + spec.id);
    if (spec.priority != v1::PRIORITY_UNSPECIFIED) history_.Prioritise(spec.id, spec.priority);
    history_.Assign(spec.id, agency, spec.due_date);
  }
  for (const std::string id : {"z-done", "a-done", "m-gone"}) {
    history_.Propose(id, kPlan, "otrygghet", "klar");
    history_.Prioritise(id, v1::PRIORITY_HIGH);
    history_.Assign(id, agency, "2026-01-01");
  }
  history_.Complete("z-done", "ok");
  history_.Complete("a-done", "ok");
  history_.Withdraw("m-gone", "behövs inte");
  history_.Start("c");  // in progress or assigned makes no difference to the order

  ASSERT_TRUE(history_.ApplyTo(projections_));
  const std::vector<std::string> expected = {"f", "a", "e",      "d",      "c",     "k",
                                             "b", "g", "a-done", "m-gone", "z-done"};
  EXPECT_EQ(AgencyIds(agency), expected);

  domain::Result<v1::AgencyStatus> status = projections_.GetAgencyStatus(agency, 4, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(IdsOf(status->measures()),
            std::vector<std::string>(expected.begin(), expected.begin() + 4));
  EXPECT_EQ(status->total_measures(), 11u);
  EXPECT_EQ(CountsOf(status->counts()), (Counts{{v1::MEASURE_STATUS_ASSIGNED, 7},
                                                {v1::MEASURE_STATUS_IN_PROGRESS, 1},
                                                {v1::MEASURE_STATUS_COMPLETED, 2},
                                                {v1::MEASURE_STATUS_WITHDRAWN, 1}}));
  // Open and dated before 2026-06-15: k, b, c, f.
  EXPECT_EQ(status->overdue(), 4u);

  // Re-prioritising moves a measure within the open ones.
  history_.Prioritise("g", v1::PRIORITY_HIGH);
  ASSERT_TRUE(history_.ApplyTo(projections_));
  EXPECT_EQ(AgencyIds(agency), (std::vector<std::string>{"f", "a", "e", "d", "g", "c", "k", "b",
                                                         "a-done", "m-gone", "z-done"}));

  // Re-assigning to the same agency with a later due date moves it and updates overdue; a
  // progress report files nothing anew; completing moves it to the closed ones.
  history_.Assign("f", agency, "2026-12-31");
  history_.Report("e", 40, "halvvägs");
  history_.Complete("k", "ok");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  EXPECT_EQ(AgencyIds(agency), (std::vector<std::string>{"a", "e", "f", "d", "g", "c", "b",
                                                         "a-done", "k", "m-gone", "z-done"}));
  status = projections_.GetAgencyStatus(agency, 4, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->overdue(), 2u);  // b and c; f is no longer late and k is done
  EXPECT_EQ(CountsOf(status->counts()), (Counts{{v1::MEASURE_STATUS_ASSIGNED, 6},
                                                {v1::MEASURE_STATUS_IN_PROGRESS, 1},
                                                {v1::MEASURE_STATUS_COMPLETED, 3},
                                                {v1::MEASURE_STATUS_WITHDRAWN, 1}}));
  std::optional<v1::PlanOverview> overview = projections_.GetPlanOverview(kPlan, kToday);
  ASSERT_TRUE(overview.has_value());
  EXPECT_EQ(overview->overdue(), 2u);
}

}  // namespace
}  // namespace trygg::projections::testing
