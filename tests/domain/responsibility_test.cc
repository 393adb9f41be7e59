// Start, report progress and complete belong to the measure's responsible agency alone: another
// agency, and a coordinator who is not of that agency, get PERMISSION_DENIED.
#include <gtest/gtest.h>

#include <string>

#include "domain_test_util.h"
#include "testutil/status_matchers.h"
#include "trygg/domain/decide.h"

using ::trygg::testing::IsOk;

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using grpc::StatusCode;

// The three agency-only commands, decided as `caller_agency` against `measure`.
grpc::Status StartAs(const MeasureState& measure, std::string_view caller_agency) {
  return DecideStart(Start(), measure, caller_agency).status();
}
grpc::Status ReportAs(const MeasureState& measure, std::string_view caller_agency) {
  return DecideReportProgress(ReportProgress(), measure, caller_agency).status();
}
grpc::Status CompleteAs(const MeasureState& measure, std::string_view caller_agency) {
  return DecideComplete(Complete(), measure, caller_agency).status();
}

TEST(ResponsibilityTest, ResponsibleAgencyMayActOnItsMeasure) {
  const MeasureState assigned = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);
  const MeasureState in_progress = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_THAT(StartAs(assigned, kAgencyId), IsOk());
  EXPECT_THAT(ReportAs(assigned, kAgencyId), IsOk());
  EXPECT_THAT(ReportAs(in_progress, kAgencyId), IsOk());
  EXPECT_THAT(CompleteAs(assigned, kAgencyId), IsOk());
  EXPECT_THAT(CompleteAs(in_progress, kAgencyId), IsOk());
}

TEST(ResponsibilityTest, AnotherAgencyIsDenied) {
  const MeasureState assigned = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);
  const MeasureState in_progress = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(StartAs(assigned, kOtherAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReportAs(assigned, kOtherAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReportAs(in_progress, kOtherAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CompleteAs(assigned, kOtherAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CompleteAs(in_progress, kOtherAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
}

TEST(ResponsibilityTest, CoordinatorWithoutTheAgencyIsDenied) {
  // A coordinator's principal typically has no agency (empty) or the municipality's.
  const MeasureState in_progress = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(StartAs(MeasureIn(v1::MEASURE_STATUS_ASSIGNED), "").error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReportAs(in_progress, "").error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CompleteAs(in_progress, "").error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CompleteAs(in_progress, "varnamo-kommun").error_code(), StatusCode::PERMISSION_DENIED);
}

TEST(ResponsibilityTest, MessageNamesBothAgencies) {
  const grpc::Status denied = CompleteAs(MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS), kOtherAgencyId);
  EXPECT_EQ(denied.error_message(),
            "only the responsible agency polisen-lpo-varnamo may complete measure m-1; the "
            "caller's agency is varnamo-kommun-socialtjansten");
  const grpc::Status no_agency = StartAs(MeasureIn(v1::MEASURE_STATUS_ASSIGNED), "");
  EXPECT_EQ(no_agency.error_message(),
            "only the responsible agency polisen-lpo-varnamo may start measure m-1; the caller "
            "has no agency");
}

TEST(ResponsibilityTest, AgencyIdsCompareExactly) {
  const MeasureState assigned = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(StartAs(assigned, "polisen-lpo-varnamo-2").error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(StartAs(assigned, "polisen-lpo").error_code(), StatusCode::PERMISSION_DENIED);
}

TEST(ResponsibilityTest, ReassignmentMovesTheResponsibility) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  const auto reassigned =
      DecideAssign(Assign(kOtherAgencyId), measure, ExistingAgency(kOtherAgencyId));
  ASSERT_TRUE(reassigned.ok()) << reassigned.status().error_message();
  Evolve(measure, *reassigned);
  EXPECT_EQ(ReportAs(measure, kAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(ReportAs(measure, kOtherAgencyId), IsOk());
}

TEST(ResponsibilityTest, IllegalTransitionIsReportedBeforeResponsibility) {
  // Before assignment there is no responsible agency to compare with; the status is the answer.
  EXPECT_EQ(StartAs(MeasureIn(v1::MEASURE_STATUS_PRIORITISED), kOtherAgencyId).error_code(),
            StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(CompleteAs(MeasureIn(v1::MEASURE_STATUS_COMPLETED), kOtherAgencyId).error_code(),
            StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace trygg::domain
