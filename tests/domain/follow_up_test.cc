// Decide for a measure's causes, goals, partners and follow-up, beyond the lifecycle table
// (lifecycle_test): what the events carry, and every rule's error — links to current causes of
// the plan, goals and partners within their limits, and who records whose follow-up.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain_test_util.h"
#include "testutil/status_matchers.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/limits.h"

using ::trygg::testing::IsOk;

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using grpc::StatusCode;

constexpr char kStrangerId[] = "brandforsvaret";

// An ASSIGNED measure (responsible: kAgencyId) with cause kCauseId, goal kGoalId and partner
// kOtherAgencyId.
MeasureState SharedMeasure() {
  return WithCauseGoalAndPartner(MeasureIn(v1::MEASURE_STATUS_ASSIGNED));
}

// --- Causes -------------------------------------------------------------------------------------

TEST(DecideLinkCauseTest, LinksACurrentCauseOfThePlan) {
  const auto linked =
      DecideLinkCause(LinkCause(), MeasureIn(v1::MEASURE_STATUS_PROPOSED), PlanWithCause());
  ASSERT_THAT(linked, IsOk());
  EXPECT_EQ(linked->measure_id(), kMeasureId);
  EXPECT_EQ(linked->cause_id(), kCauseId);
}

TEST(DecideLinkCauseTest, UnknownRetiredOrLinkedCauseIsRefused) {
  const MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  v1::LinkMeasureToCauseRequest unknown = LinkCause();
  unknown.set_cause_id("c-9");
  const auto missing = DecideLinkCause(unknown, measure, PlanWithCause());
  EXPECT_EQ(missing.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.status().error_message(), "cause c-9 not found in plan tryggare-varnamo-2026");

  PlanState retired = PlanWithCause();
  v1::CauseRetired retirement;
  retirement.set_cause_id(kCauseId);
  Evolve(retired, retirement);
  EXPECT_EQ(DecideLinkCause(LinkCause(), measure, retired).status().error_code(),
            StatusCode::FAILED_PRECONDITION);

  const auto again = DecideLinkCause(LinkCause(), SharedMeasure(), PlanWithCause());
  EXPECT_EQ(again.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(again.status().error_message(), "measure m-1 is linked to cause c-1 already");
}

TEST(DecideLinkCauseTest, AMeasureAddressesAtMostFiftyCauses) {
  PlanState plan = PlanWithCause();
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  for (std::size_t i = 0; i < kMaxCausesPerMeasure; ++i) {
    v1::MeasureLinkedToCause linked;
    linked.set_cause_id("c-x" + std::to_string(i));
    Evolve(measure, linked);
  }
  const auto one_more = DecideLinkCause(LinkCause(), measure, plan);
  EXPECT_EQ(one_more.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(one_more.status().error_message(), "measure m-1 has 50 causes, the most it may have");
}

TEST(DecideUnlinkCauseTest, UnlinksALinkedCauseOnly) {
  const auto unlinked = DecideUnlinkCause(UnlinkCause(), SharedMeasure());
  ASSERT_THAT(unlinked, IsOk());
  EXPECT_EQ(unlinked->cause_id(), kCauseId);
  EXPECT_EQ(unlinked->reason(), "Fel orsak.");
  const auto not_linked = DecideUnlinkCause(UnlinkCause(), MeasureIn(v1::MEASURE_STATUS_ASSIGNED));
  EXPECT_EQ(not_linked.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(not_linked.status().error_message(), "measure m-1 is not linked to cause c-1");
}

// --- Operational goals --------------------------------------------------------------------------

TEST(DecideGoalTest, SetCarriesTheGoal) {
  const auto goal = DecideSetGoal(SetGoal(), MeasureIn(v1::MEASURE_STATUS_PRIORITISED), kGoalId);
  ASSERT_THAT(goal, IsOk());
  EXPECT_EQ(goal->goal_id(), kGoalId);
  EXPECT_EQ(goal->indicator(), "Andel boende som känner sig trygga i centrum");
  EXPECT_EQ(goal->unit(), "%");
  EXPECT_EQ(goal->baseline(), 54);
  EXPECT_EQ(goal->target(), 65);
  EXPECT_EQ(goal->by_date(), "2027-12-31");
}

TEST(DecideGoalTest, UsesTheGeneratedIdWhichMustBeValid) {
  v1::SetOperationalGoalRequest request = SetGoal();
  request.clear_goal_id();
  const auto goal =
      DecideSetGoal(request, MeasureIn(v1::MEASURE_STATUS_PROPOSED), "g-0a1b2c3d4e5f");
  ASSERT_THAT(goal, IsOk());
  EXPECT_EQ(goal->goal_id(), "g-0a1b2c3d4e5f");
  EXPECT_EQ(
      DecideSetGoal(request, MeasureIn(v1::MEASURE_STATUS_PROPOSED), "G").status().error_code(),
      StatusCode::INVALID_ARGUMENT);
}

TEST(DecideGoalTest, AtMostTwentyGoalsButAGoalMayAlwaysBeReplaced) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  for (std::size_t i = 0; i < kMaxGoalsPerMeasure; ++i) {
    v1::OperationalGoalSet goal;
    goal.set_goal_id("g-x" + std::to_string(i));
    Evolve(measure, goal);
  }
  const auto one_more = DecideSetGoal(SetGoal(), measure, kGoalId);
  EXPECT_EQ(one_more.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(one_more.status().error_message(),
            "measure m-1 has 20 operational goals, the most it may have");
  v1::SetOperationalGoalRequest replace = SetGoal();
  replace.set_goal_id("g-x3");
  EXPECT_THAT(DecideSetGoal(replace, measure, "g-x3"), IsOk());
}

TEST(DecideGoalTest, RetireACurrentGoalOnly) {
  const auto retired = DecideRetireGoal(RetireGoal(), SharedMeasure());
  ASSERT_THAT(retired, IsOk());
  EXPECT_EQ(retired->goal_id(), kGoalId);
  EXPECT_EQ(retired->reason(), "Mäts inte längre.");
  const auto unknown = DecideRetireGoal(RetireGoal(), MeasureIn(v1::MEASURE_STATUS_ASSIGNED));
  EXPECT_EQ(unknown.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.status().error_message(), "goal g-1 is not a current goal of measure m-1");
}

// --- Partners -----------------------------------------------------------------------------------

TEST(DecidePartnerTest, AddCarriesTheCommitment) {
  const auto added = DecideAddPartner(AddPartner(), MeasureIn(v1::MEASURE_STATUS_ASSIGNED),
                                      ExistingAgency(kOtherAgencyId, "municipality"));
  ASSERT_THAT(added, IsOk());
  EXPECT_EQ(added->agency_id(), kOtherAgencyId);
  EXPECT_EQ(added->commitment(), "Fältassistenter deltar två kvällar i månaden.");
}

TEST(DecidePartnerTest, UnknownResponsibleOrPresentPartnerIsRefused) {
  const MeasureState measure = SharedMeasure();
  const auto unknown = DecideAddPartner(AddPartner(kStrangerId), measure, AgencyState{});
  EXPECT_EQ(unknown.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.status().error_message(), "agency brandforsvaret not found");

  const auto responsible =
      DecideAddPartner(AddPartner(kAgencyId), measure, ExistingAgency(kAgencyId));
  EXPECT_EQ(responsible.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(responsible.status().error_message(),
            "agency polisen-lpo-varnamo is the responsible agency of measure m-1; a partner is "
            "another agency");

  const auto again = DecideAddPartner(AddPartner(), measure, ExistingAgency(kOtherAgencyId));
  EXPECT_EQ(again.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(again.status().error_message(),
            "agency varnamo-kommun-socialtjansten is a partner of measure m-1 already");
}

TEST(DecidePartnerTest, AtMostTwentyPartners) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  for (std::size_t i = 0; i < kMaxPartnersPerMeasure; ++i) {
    v1::PartnerAdded partner;
    partner.set_agency_id("agency-" + std::to_string(i));
    Evolve(measure, partner);
  }
  const auto one_more =
      DecideAddPartner(AddPartner(kStrangerId), measure, ExistingAgency(kStrangerId));
  EXPECT_EQ(one_more.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(one_more.status().error_message(), "measure m-1 has 20 partners, the most it may have");
}

TEST(DecidePartnerTest, RemoveAPartnerOnly) {
  const auto removed = DecideRemovePartner(RemovePartner(), SharedMeasure());
  ASSERT_THAT(removed, IsOk());
  EXPECT_EQ(removed->agency_id(), kOtherAgencyId);
  EXPECT_EQ(removed->reason(), "Resurserna behövs annanstans.");
  const auto not_partner = DecideRemovePartner(RemovePartner(kStrangerId), SharedMeasure());
  EXPECT_EQ(not_partner.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(not_partner.status().error_message(),
            "agency brandforsvaret is not a partner of measure m-1");
}

// --- Follow-up: whose part, by whom -------------------------------------------------------------

grpc::Status FollowUpAs(const Actor& actor, const std::string& party) {
  return DecideRecordFollowUp(RecordFollowUp(party), SharedMeasure(), actor).status();
}

TEST(DecideFollowUpTest, AnAgencyRecordsItsOwnPart) {
  EXPECT_THAT(FollowUpAs(AgencyActor(kAgencyId), kAgencyId), IsOk());  // responsible
  EXPECT_THAT(FollowUpAs(AgencyActor(kOtherAgencyId, "municipality"), kOtherAgencyId),
              IsOk());  // partner
}

TEST(DecideFollowUpTest, AnEmptyPartyIsTheCallersOwnAgency) {
  const auto follow_up = DecideRecordFollowUp(RecordFollowUp(""), SharedMeasure(),
                                              AgencyActor(kOtherAgencyId, "municipality"));
  ASSERT_THAT(follow_up, IsOk());
  EXPECT_EQ(follow_up->party(), kOtherAgencyId);
}

TEST(DecideFollowUpTest, AnAgencyMayNotRecordAnotherAgencysPart) {
  const grpc::Status status = FollowUpAs(AgencyActor(kOtherAgencyId, "municipality"), kAgencyId);
  EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(),
            "agency varnamo-kommun-socialtjansten may record follow-up only for its own part, not "
            "for polisen-lpo-varnamo");
  EXPECT_EQ(FollowUpAs(Actor{}, kAgencyId).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(FollowUpAs(Actor{}, "").error_code(), StatusCode::PERMISSION_DENIED);
}

TEST(DecideFollowUpTest, ACoordinatorRecordsAnyPartysPart) {
  EXPECT_THAT(FollowUpAs(CoordinatorActor(), kAgencyId), IsOk());
  EXPECT_THAT(FollowUpAs(CoordinatorActor(), kOtherAgencyId), IsOk());
  Actor coordinator_of_agency = AgencyActor(kOtherAgencyId, "municipality");
  coordinator_of_agency.coordinator = true;
  EXPECT_THAT(FollowUpAs(coordinator_of_agency, kAgencyId), IsOk());
  const grpc::Status no_party = FollowUpAs(CoordinatorActor(), "");
  EXPECT_EQ(no_party.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(no_party.error_message(), "party is required when the caller acts for no agency");
}

TEST(DecideFollowUpTest, ThePartyIsTheResponsibleAgencyOrACurrentPartner) {
  const grpc::Status stranger = FollowUpAs(CoordinatorActor(), kStrangerId);
  EXPECT_EQ(stranger.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(stranger.error_message(),
            "agency brandforsvaret is neither the responsible agency nor a partner of measure m-1");
  EXPECT_EQ(FollowUpAs(AgencyActor(kStrangerId, "rescue"), kStrangerId).error_code(),
            StatusCode::FAILED_PRECONDITION);
  // A removed partner no longer follows up.
  MeasureState measure = SharedMeasure();
  v1::PartnerRemoved removed;
  removed.set_agency_id(kOtherAgencyId);
  Evolve(measure, removed);
  EXPECT_EQ(DecideRecordFollowUp(RecordFollowUp(kOtherAgencyId), measure, CoordinatorActor())
                .status()
                .error_code(),
            StatusCode::FAILED_PRECONDITION);
}

TEST(DecideFollowUpTest, ValuesOnlyForCurrentGoals) {
  v1::RecordFollowUpRequest request = RecordFollowUp();
  v1::IndicatorValue* value = request.add_values();
  value->set_goal_id(kGoalId);
  value->set_value(58);
  const auto recorded = DecideRecordFollowUp(request, SharedMeasure(), AgencyActor());
  ASSERT_THAT(recorded, IsOk());
  ASSERT_EQ(recorded->values_size(), 1);
  EXPECT_EQ(recorded->values(0).value(), 58);

  MeasureState retired = SharedMeasure();
  v1::OperationalGoalRetired retirement;
  retirement.set_goal_id(kGoalId);
  Evolve(retired, retirement);
  const auto refused = DecideRecordFollowUp(request, retired, AgencyActor());
  EXPECT_EQ(refused.status().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.status().error_message(),
            "values[0].goal_id 'g-1' is not a current goal of measure m-1");
}

TEST(DecideFollowUpTest, CarriesTheCanonicalPeriodAndEveryField) {
  v1::RecordFollowUpRequest request = RecordFollowUp();
  request.set_period("2026-t2");
  request.set_health(v1::HEALTH_YELLOW);
  request.set_comment("En vandring inställd.");
  const auto recorded = DecideRecordFollowUp(request, SharedMeasure(), AgencyActor());
  ASSERT_THAT(recorded, IsOk());
  EXPECT_EQ(recorded->measure_id(), kMeasureId);
  EXPECT_EQ(recorded->period(), "2026-T2");
  EXPECT_EQ(recorded->party(), kAgencyId);
  EXPECT_EQ(recorded->health(), v1::HEALTH_YELLOW);
  EXPECT_EQ(recorded->hours(), 12.5);
  EXPECT_EQ(recorded->cost_sek(), 4000u);
  EXPECT_EQ(recorded->comment(), "En vandring inställd.");
}

TEST(DecideFollowUpTest, ACompletedMeasureStillGetsItsLastFollowUp) {
  MeasureState completed = MeasureIn(v1::MEASURE_STATUS_COMPLETED);
  EXPECT_THAT(DecideRecordFollowUp(RecordFollowUp(), completed, AgencyActor()), IsOk());
  v1::RecordFollowUpRequest stale = RecordFollowUp();
  stale.set_expected_version(completed.version - 1);
  EXPECT_EQ(DecideRecordFollowUp(stale, completed, AgencyActor()).status().error_code(),
            StatusCode::ABORTED);
}

TEST(DecideFollowUpTest, IsPoliceKindIgnoresCase) {
  for (const std::string police : {"police", "POLICE", "Polis", "polis"}) {
    EXPECT_TRUE(IsPoliceKind(police)) << police;
  }
  for (const std::string other : {"", "polisen", "municipality", "police ", "poli"}) {
    EXPECT_FALSE(IsPoliceKind(other)) << other;
  }
}

// --- Every measure-part command: NOT_FOUND and ABORTED as the measure commands have them -------

TEST(DecideMeasurePartsTest, UnknownMeasureAndStaleVersion) {
  const MeasureState none;
  const PlanState plan = PlanWithCause();
  EXPECT_EQ(DecideLinkCause(LinkCause(), none, plan).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideUnlinkCause(UnlinkCause(), none).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideSetGoal(SetGoal(), none, kGoalId).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideRetireGoal(RetireGoal(), none).status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(
      DecideAddPartner(AddPartner(), none, ExistingAgency(kOtherAgencyId)).status().error_code(),
      StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideRemovePartner(RemovePartner(), none).status().error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(DecideRecordFollowUp(RecordFollowUp(), none, CoordinatorActor()).status().error_code(),
            StatusCode::NOT_FOUND);

  const MeasureState measure = SharedMeasure();
  v1::UnlinkMeasureFromCauseRequest unlink = UnlinkCause();
  unlink.set_expected_version(measure.version + 1);
  const auto stale = DecideUnlinkCause(unlink, measure);
  EXPECT_EQ(stale.status().error_code(), StatusCode::ABORTED);
  EXPECT_EQ(stale.status().error_message(), "measure m-1 is at version 6, not the expected 7");
  v1::AddPartnerRequest add = AddPartner(kStrangerId);
  add.set_expected_version(measure.version);
  EXPECT_THAT(DecideAddPartner(add, measure, ExistingAgency(kStrangerId)), IsOk());
}

}  // namespace
}  // namespace trygg::domain
