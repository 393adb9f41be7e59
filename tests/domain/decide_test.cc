// Decide beyond the lifecycle table: the events produced carry the request's fields, and the
// NOT_FOUND, ALREADY_EXISTS, ABORTED and validation-first cases.
#include "trygg/domain/decide.h"

#include <gtest/gtest.h>

#include <string>

#include "domain_test_util.h"
#include "testutil/status_matchers.h"
#include "trygg/domain/measure_id.h"

using ::trygg::testing::IsOk;

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using grpc::StatusCode;

// --- CreatePlan ---------------------------------------------------------------------------------

TEST(DecideCreatePlanTest, NewPlanIsCreatedWithItsFocusAreas) {
  const auto created = DecideCreatePlan(CreatePlan(), PlanState{});
  ASSERT_TRUE(created.ok()) << created.status().error_message();
  EXPECT_EQ(created->plan_id(), kPlanId);
  EXPECT_EQ(created->name(), "Tryggare Värnamo 2026");
  EXPECT_EQ(created->municipality(), "Värnamo kommun");
  ASSERT_EQ(created->focus_areas_size(), 2);
  EXPECT_EQ(created->focus_areas(1).key(), "otrygghet");
}

TEST(DecideCreatePlanTest, TakenPlanIdIsAlreadyExists) {
  const auto created = DecideCreatePlan(CreatePlan(), ExistingPlan());
  EXPECT_EQ(created.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(created.status().error_message(), "plan tryggare-varnamo-2026 already exists");
}

TEST(DecideCreatePlanTest, ValidationComesFirst) {
  v1::CreatePlanRequest request = CreatePlan();
  request.clear_name();
  const auto created = DecideCreatePlan(request, ExistingPlan());
  EXPECT_EQ(created.status().error_code(), StatusCode::INVALID_ARGUMENT);
}

// --- RegisterAgency -----------------------------------------------------------------------------

TEST(DecideRegisterAgencyTest, NewAgencyIsRegistered) {
  const auto registered = DecideRegisterAgency(RegisterAgency(), AgencyState{});
  ASSERT_TRUE(registered.ok()) << registered.status().error_message();
  EXPECT_EQ(registered->agency_id(), kAgencyId);
  EXPECT_EQ(registered->name(), "Polisen, lokalpolisområde Värnamo");
  EXPECT_EQ(registered->kind(), "police");
}

TEST(DecideRegisterAgencyTest, TakenAgencyIdIsAlreadyExists) {
  const auto registered = DecideRegisterAgency(RegisterAgency(), ExistingAgency());
  EXPECT_EQ(registered.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(registered.status().error_message(), "agency polisen-lpo-varnamo already exists");
}

// --- ProposeMeasure -----------------------------------------------------------------------------

TEST(DecideProposeMeasureTest, ProposesUnderAFocusArea) {
  const auto proposed =
      DecideProposeMeasure(ProposeMeasure(), ExistingPlan(), MeasureState{}, kMeasureId);
  ASSERT_TRUE(proposed.ok()) << proposed.status().error_message();
  EXPECT_EQ(proposed->measure_id(), kMeasureId);
  EXPECT_EQ(proposed->plan_id(), kPlanId);
  EXPECT_EQ(proposed->focus_area(), "narkotika");
  EXPECT_EQ(proposed->title(), "Trygghetsvandring i centrum");
  EXPECT_EQ(proposed->description(), "Kvällsvandring med boende, polis och fastighetsägare.");
}

TEST(DecideProposeMeasureTest, UsesTheCallersGeneratedIdWhenTheRequestHasNone) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.clear_measure_id();
  const std::string id = GenerateMeasureId("anna", request.command_id());
  const auto proposed = DecideProposeMeasure(request, ExistingPlan(), MeasureState{}, id);
  ASSERT_TRUE(proposed.ok()) << proposed.status().error_message();
  EXPECT_EQ(proposed->measure_id(), id);
}

TEST(DecideProposeMeasureTest, UnknownPlanIsNotFound) {
  const auto proposed =
      DecideProposeMeasure(ProposeMeasure(), PlanState{}, MeasureState{}, kMeasureId);
  EXPECT_EQ(proposed.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(proposed.status().error_message(), "plan tryggare-varnamo-2026 not found");
}

TEST(DecideProposeMeasureTest, FocusAreaOutsideThePlanIsInvalidAndListsTheKeys) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.set_focus_area("klotter");
  const auto proposed = DecideProposeMeasure(request, ExistingPlan(), MeasureState{}, kMeasureId);
  EXPECT_EQ(proposed.status().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(proposed.status().error_message(),
            "focus_area 'klotter' is not a focus area of plan tryggare-varnamo-2026; its focus "
            "areas are: narkotika, otrygghet");
}

TEST(DecideProposeMeasureTest, TakenMeasureIdIsAlreadyExists) {
  const auto proposed = DecideProposeMeasure(ProposeMeasure(), ExistingPlan(),
                                             MeasureIn(v1::MEASURE_STATUS_PROPOSED), kMeasureId);
  EXPECT_EQ(proposed.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(proposed.status().error_message(), "measure m-1 already exists");
}

TEST(DecideProposeMeasureTest, TakenEvenWhenFinal) {
  const auto proposed = DecideProposeMeasure(ProposeMeasure(), ExistingPlan(),
                                             MeasureIn(v1::MEASURE_STATUS_WITHDRAWN), kMeasureId);
  EXPECT_EQ(proposed.status().error_code(), StatusCode::ALREADY_EXISTS);
}

TEST(DecideProposeMeasureTest, ResolvedIdMustBeValid) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.clear_measure_id();
  const auto proposed = DecideProposeMeasure(request, ExistingPlan(), MeasureState{}, "");
  EXPECT_EQ(proposed.status().error_code(), StatusCode::INVALID_ARGUMENT);
}

// --- Measure commands: NOT_FOUND, ABORTED, fields -----------------------------------------------

TEST(DecideMeasureTest, PrioritiseCarriesPriorityAndRationale) {
  const auto prioritised =
      DecidePrioritise(Prioritise(v1::PRIORITY_LOW), MeasureIn(v1::MEASURE_STATUS_PROPOSED));
  ASSERT_TRUE(prioritised.ok()) << prioritised.status().error_message();
  EXPECT_EQ(prioritised->measure_id(), kMeasureId);
  EXPECT_EQ(prioritised->priority(), v1::PRIORITY_LOW);
  EXPECT_EQ(prioritised->rationale(), "Återkommande oro i lägesbilden.");
}

TEST(DecideMeasureTest, AssignCarriesAgencyDueDateAndNote) {
  const auto assigned =
      DecideAssign(Assign(), MeasureIn(v1::MEASURE_STATUS_PRIORITISED), ExistingAgency());
  ASSERT_TRUE(assigned.ok()) << assigned.status().error_message();
  EXPECT_EQ(assigned->measure_id(), kMeasureId);
  EXPECT_EQ(assigned->agency_id(), kAgencyId);
  EXPECT_EQ(assigned->due_date(), "2026-06-30");
  EXPECT_EQ(assigned->note(), "Samordnas med kommunen.");
}

TEST(DecideMeasureTest, AssignToUnregisteredAgencyIsNotFound) {
  const auto assigned = DecideAssign(Assign("brandforsvaret"),
                                     MeasureIn(v1::MEASURE_STATUS_PRIORITISED), AgencyState{});
  EXPECT_EQ(assigned.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(assigned.status().error_message(), "agency brandforsvaret not found");
}

TEST(DecideMeasureTest, AssignToAPartnerIsRefusedUntilItIsRemovedAsPartner) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PRIORITISED);
  measure.partner_ids = {kAgencyId};
  const auto assigned = DecideAssign(Assign(), measure, ExistingAgency());
  EXPECT_EQ(assigned.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(assigned.status().error_message(),
            "agency " + std::string(kAgencyId) + " is a partner of measure " +
                std::string(kMeasureId) + "; remove it as a partner before making it responsible");
  measure.partner_ids.clear();
  EXPECT_TRUE(DecideAssign(Assign(), measure, ExistingAgency()).ok());
}

TEST(DecideMeasureTest, UnknownMeasureIsNotFoundForEveryCommand) {
  const MeasureState none;
  EXPECT_EQ(DecidePrioritise(Prioritise(), none).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideAssign(Assign(), none, ExistingAgency()).status().error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideStart(Start(), none, kAgencyId).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideReportProgress(ReportProgress(), none, kAgencyId).status().error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideComplete(Complete(), none, kAgencyId).status().error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideWithdraw(Withdraw(), none).status().error_code(), StatusCode::NOT_FOUND);
}

TEST(DecideMeasureTest, ProgressAndOutcomeAreCarried) {
  const MeasureState measure = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  const auto progress = DecideReportProgress(ReportProgress(75), measure, kAgencyId);
  ASSERT_TRUE(progress.ok()) << progress.status().error_message();
  EXPECT_EQ(progress->percent_complete(), 75u);
  EXPECT_EQ(progress->note(), "Två av fem vandringar genomförda.");
  const auto completed = DecideComplete(Complete(), measure, kAgencyId);
  ASSERT_THAT(completed, IsOk());
  EXPECT_EQ(completed->outcome(), "Fem vandringar, 60 deltagare.");
  const auto withdrawn = DecideWithdraw(Withdraw(), measure);
  ASSERT_THAT(withdrawn, IsOk());
  EXPECT_EQ(withdrawn->reason(), "Ersätts av en bredare åtgärd.");
}

TEST(DecideMeasureTest, ExpectedVersionMatchingIsAccepted) {
  const MeasureState measure = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);  // version 3
  v1::StartMeasureRequest request = Start();
  request.set_expected_version(measure.version);
  EXPECT_THAT(DecideStart(request, measure, kAgencyId), IsOk());
}

TEST(DecideMeasureTest, ExpectedVersionMismatchIsAbortedAndNamesTheCurrentVersion) {
  const MeasureState measure = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);
  v1::WithdrawMeasureRequest request = Withdraw();
  request.set_expected_version(2);
  const auto withdrawn = DecideWithdraw(request, measure);
  EXPECT_EQ(withdrawn.status().error_code(), StatusCode::ABORTED);
  EXPECT_EQ(withdrawn.status().error_message(), "measure m-1 is at version 3, not the expected 2");
}

TEST(DecideMeasureTest, StaleExpectedVersionIsAbortedBeforeTheLifecycleIsConsulted) {
  // The client saw version 1 (PROPOSED) and prioritises; meanwhile the measure was completed.
  // ABORTED tells it to re-read, which is the useful answer.
  v1::PrioritiseMeasureRequest request = Prioritise();
  request.set_expected_version(1);
  const auto prioritised = DecidePrioritise(request, MeasureIn(v1::MEASURE_STATUS_COMPLETED));
  EXPECT_EQ(prioritised.status().error_code(), StatusCode::ABORTED);
}

TEST(DecideMeasureTest, ExpectedVersionZeroOnAnExistingMeasureIsAborted) {
  v1::StartMeasureRequest request = Start();
  request.set_expected_version(0);  // set, to 0: "I expect no measure"
  EXPECT_EQ(
      DecideStart(request, MeasureIn(v1::MEASURE_STATUS_ASSIGNED), kAgencyId).status().error_code(),
      StatusCode::ABORTED);
}

TEST(DecideMeasureTest, InvalidRequestIsRejectedBeforeStateIsConsulted) {
  v1::ReportProgressRequest request = ReportProgress(101);
  const auto progress =
      DecideReportProgress(request, MeasureIn(v1::MEASURE_STATUS_COMPLETED), "someone-else");
  EXPECT_EQ(progress.status().error_code(), StatusCode::INVALID_ARGUMENT);
}

// --- Result -------------------------------------------------------------------------------------

TEST(ResultTest, ValueOrError) {
  const Result<v1::MeasureStarted> error = grpc::Status(StatusCode::NOT_FOUND, "gone");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().error_code(), StatusCode::NOT_FOUND);

  v1::MeasureStarted started;
  started.set_measure_id("m-9");
  Result<v1::MeasureStarted> value = started;
  ASSERT_THAT(value, IsOk());
  EXPECT_THAT(value.status(), IsOk());
  EXPECT_EQ(value->measure_id(), "m-9");
  const v1::MeasureStarted moved = std::move(value).value();
  EXPECT_EQ(moved.measure_id(), "m-9");
}

}  // namespace
}  // namespace trygg::domain
