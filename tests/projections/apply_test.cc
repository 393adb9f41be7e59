// Apply: order, forward compatibility, and the logs it refuses because they contradict
// themselves. After a refused event nothing has changed.
#include <gtest/gtest.h>

#include "history.h"
#include "testutil/status_matchers.h"
#include "trygg/projections/projections.h"

using ::trygg::testing::IsOk;

namespace trygg::projections::testing {
namespace {

constexpr std::string_view kPlan = "tryggare-varnamo-2026";
constexpr std::string_view kToday = "2026-06-15";

class ApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.CreatePlan(kPlan, "Tryggare Värnamo 2026", "Värnamo kommun",
                        {{"narkotika", "Narkotika"}});
    history_.RegisterAgency("polisen-lpo-varnamo", "Polisen", "police");
    history_.Propose("m1", kPlan, "narkotika", "Riktade kontroller");
    history_.Prioritise("m1", v1::PRIORITY_HIGH);
    ASSERT_TRUE(history_.ApplyTo(projections_));
    before_ = *projections_.GetMeasure("m1", kToday);
  }

  // Applies `view` expecting `code`, then checks that nothing changed.
  void ExpectRefused(const EventView& view, grpc::StatusCode code) {
    const uint64_t position = projections_.applied_position();
    grpc::Status status = projections_.Apply(view);
    EXPECT_EQ(status.error_code(), code) << Describe(status);
    EXPECT_EQ(projections_.applied_position(), position);
    EXPECT_TRUE(ProtoEquals(before_, *projections_.GetMeasure("m1", kToday)));
  }

  // The view of an event that is not in history_: next position, given stream and version.
  EventView Forged(const google::protobuf::Message& event, std::string_view stream,
                   uint64_t version) {
    serialized_ = event.SerializeAsString();
    type_ = event.GetDescriptor()->full_name();
    stream_ = std::string(stream);
    EventView view = history_.View(history_.head());
    view.position = history_.head() + 1;
    view.stream_id = stream_;
    view.version = version;
    view.type = type_;
    view.payload = serialized_;
    return view;
  }

  History history_;
  Projections projections_;
  v1::Measure before_;
  std::string serialized_, type_, stream_;
};

TEST_F(ApplyTest, UnknownTypeIsSkippedAndCounted) {
  history_.AppendRaw("plan-" + std::string(kPlan), "trygg.v2.PlanAdopted", "\x0a\x01x");
  history_.AppendRaw("situation-1", "trygg.v1.FindingDiscussed", "anything");
  history_.AppendRaw("situation-1", "trygg.v1.FindingDiscussed", "");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  EXPECT_EQ(projections_.applied_position(), history_.head());
  EXPECT_EQ(projections_.ignored_events(), 3u);
  EXPECT_EQ(projections_.ignored_types(),
            (std::map<std::string, uint64_t, std::less<>>{{"trygg.v1.FindingDiscussed", 2},
                                                          {"trygg.v2.PlanAdopted", 1}}));
  EXPECT_TRUE(ProtoEquals(before_, *projections_.GetMeasure("m1", kToday)));
}

TEST_F(ApplyTest, TypeThatEndsLikeAKnownOneIsUnknown) {
  // Same length and the same last bytes as trygg.v1.MeasureStarted and .MeasureCompleted: Apply
  // tells types apart by their ends first, so it must still compare the whole name.
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  history_.AppendRaw("measure-m1", "trygg.v2.MeasureStarted", started.SerializeAsString());
  history_.AppendRaw("measure-m1", "example1.MeasureCompleted", "");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  EXPECT_EQ(projections_.ignored_events(), 2u);
  const v1::Measure measure = *projections_.GetMeasure("m1", kToday);
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_PRIORITISED);
  EXPECT_EQ(measure.version(), 4u);
}

TEST_F(ApplyTest, UnknownTypeOnAMeasureStreamAdvancesItsVersion) {
  // A newer writer linked a cause to the measure; an older reader must still report the stream's
  // version, or an expected_version taken from it would always conflict.
  const uint64_t linked = history_.AppendRaw("measure-m1", "trygg.v1.MeasureCauseLinked", "");
  ASSERT_TRUE(history_.ApplyTo(projections_));
  v1::Measure measure = *projections_.GetMeasure("m1", kToday);
  EXPECT_EQ(measure.version(), 3u);
  EXPECT_EQ(measure.updated_at().seconds(), history_.recorded_at_us(linked) / 1'000'000);
  EXPECT_EQ(measure.status(), v1::MEASURE_STATUS_PRIORITISED);

  history_.Assign("m1", "polisen-lpo-varnamo", "2026-09-30");  // version 4
  ASSERT_TRUE(history_.ApplyTo(projections_));
  EXPECT_EQ(projections_.GetMeasure("m1", kToday)->version(), 4u);
  EXPECT_EQ(projections_.ignored_events(), 1u);
}

TEST_F(ApplyTest, PositionsMustIncrease) {
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  EventView view = Forged(started, "measure-m1", 3);
  view.position = projections_.applied_position();  // again
  ExpectRefused(view, grpc::StatusCode::FAILED_PRECONDITION);
  view.position = 1;  // backwards
  ExpectRefused(view, grpc::StatusCode::FAILED_PRECONDITION);
  view.position = 0;
  ExpectRefused(view, grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ApplyTest, PositionsMayHaveGaps) {
  // Only order is required: a replay that skips nothing is gap-free anyway, and the fold does
  // not depend on it.
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  EventView view = Forged(started, "measure-m1", 3);
  view.position += 100;
  ASSERT_THAT(projections_.Apply(view), IsOk());
  EXPECT_EQ(projections_.applied_position(), view.position);
}

TEST_F(ApplyTest, MalformedPayloadIsAnInternalError) {
  v1::MeasureStarted started;
  EventView view = Forged(started, "measure-m1", 3);
  view.payload = "\xff\xff\xff";  // not a protobuf message
  ExpectRefused(view, grpc::StatusCode::INTERNAL);
}

TEST_F(ApplyTest, EventForAnUnknownMeasureIsAnInternalError) {
  v1::MeasureStarted started;
  started.set_measure_id("m2");
  ExpectRefused(Forged(started, "measure-m2", 1), grpc::StatusCode::INTERNAL);
}

TEST_F(ApplyTest, StreamVersionGapIsAnInternalError) {
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  ExpectRefused(Forged(started, "measure-m1", 4), grpc::StatusCode::INTERNAL);  // 3 is next
  ExpectRefused(Forged(started, "measure-m1", 2), grpc::StatusCode::INTERNAL);
}

TEST_F(ApplyTest, EventOnAnotherStreamIsAnInternalError) {
  v1::MeasureStarted started;
  started.set_measure_id("m1");
  ExpectRefused(Forged(started, "measure-m10", 3), grpc::StatusCode::INTERNAL);
  ExpectRefused(Forged(started, "plan-m1", 3), grpc::StatusCode::INTERNAL);
}

TEST_F(ApplyTest, ProposingTwiceIsAnInternalError) {
  v1::MeasureProposed proposed;
  proposed.set_measure_id("m1");
  proposed.set_plan_id(std::string(kPlan));
  proposed.set_focus_area("narkotika");
  ExpectRefused(Forged(proposed, "measure-m1", 1), grpc::StatusCode::INTERNAL);
  ExpectRefused(Forged(proposed, "measure-m1", 3), grpc::StatusCode::INTERNAL);
  proposed.set_measure_id("");
  ExpectRefused(Forged(proposed, "measure-", 1), grpc::StatusCode::INTERNAL);
  proposed.set_measure_id("m2");
  ExpectRefused(Forged(proposed, "measure-m2", 2),
                grpc::StatusCode::INTERNAL);  // not the stream's first
}

TEST_F(ApplyTest, CreatingAPlanOrAgencyTwiceIsAnInternalError) {
  v1::PlanCreated plan;
  plan.set_plan_id(std::string(kPlan));
  plan.set_name("Another name");
  ExpectRefused(Forged(plan, "plan-" + std::string(kPlan), 2), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(projections_.GetPlanOverview(kPlan, kToday)->name(), "Tryggare Värnamo 2026");

  v1::AgencyRegistered agency;
  agency.set_agency_id("polisen-lpo-varnamo");
  ExpectRefused(Forged(agency, "agency-polisen-lpo-varnamo", 2), grpc::StatusCode::INTERNAL);
}

TEST_F(ApplyTest, RefusedEventLeavesTheIndexesAlone) {
  v1::MeasureAssigned assigned;
  assigned.set_measure_id("m1");
  assigned.set_agency_id("polisen-lpo-varnamo");
  assigned.set_due_date("2026-01-01");
  ExpectRefused(Forged(assigned, "measure-m1", 7), grpc::StatusCode::INTERNAL);
  domain::Result<v1::AgencyStatus> status =
      projections_.GetAgencyStatus("polisen-lpo-varnamo", 0, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->total_measures(), 0u);
  EXPECT_EQ(projections_.GetPlanOverview(kPlan, kToday)->prioritised_unassigned(), 1u);

  // And the same event at the right version goes through.
  ASSERT_THAT(projections_.Apply(Forged(assigned, "measure-m1", 3)), IsOk());
  status = projections_.GetAgencyStatus("polisen-lpo-varnamo", 0, kToday);
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->total_measures(), 1u);
  EXPECT_EQ(status->overdue(), 1u);
  EXPECT_EQ(projections_.GetPlanOverview(kPlan, kToday)->prioritised_unassigned(), 0u);
}

TEST(ApplyOrderTest, AMovedProjectionKeepsItsState) {
  History history;
  history.Propose("m1", kPlan, "narkotika", "Riktade kontroller");
  Projections first;
  ASSERT_TRUE(history.ApplyTo(first));
  Projections second = std::move(first);
  EXPECT_EQ(second.applied_position(), 1u);
  EXPECT_TRUE(second.GetMeasure("m1", kToday).has_value());
}

}  // namespace
}  // namespace trygg::projections::testing
