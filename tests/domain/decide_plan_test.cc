// Decide for the things inside a plan: the events carry the request (and the server's numbers),
// and every error path: NOT_FOUND, ABORTED, PERMISSION_DENIED, ALREADY_EXISTS, the per-plan
// limits, retired and ended things, focus areas outside the plan.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain_test_util.h"
#include "testutil/status_matchers.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/measure_id.h"

using ::trygg::testing::IsOk;

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)
using grpc::StatusCode;

// The two agencies of FormWorkingGroup(), registered.
std::vector<AgencyState> Members() {
  return {ExistingAgency(kAgencyId), ExistingAgency(kOtherAgencyId)};
}

// Folds the decided event into `plan`, as appending it and re-reading the stream would.
template <class Event>
void Fold(PlanState& plan, const Result<Event>& decided) {
  ASSERT_THAT(decided, IsOk());
  Evolve(plan, *decided);
}

// The plan of PlanWithCause() plus `count` more causes in "narkotika".
PlanState PlanWithCauses(std::size_t count) {
  PlanState plan = PlanWithCause();
  for (std::size_t i = 0; i < count; ++i) {
    v1::CauseIdentified cause;
    cause.set_cause_id("c-n" + std::to_string(i));
    cause.set_focus_area("narkotika");
    cause.set_number(static_cast<std::uint32_t>(i + 1));
    Evolve(plan, cause);
  }
  return plan;
}

// --- Every plan command: the plan must exist and be at the expected version ---------------------

// One plan command, decided against `plan` with the request's expected_version set to `version`
// (or unset when negative).
using PlanCommand = std::function<grpc::Status(const PlanState& plan, std::int64_t version)>;

template <class Request>
Request WithVersion(Request request, std::int64_t version) {
  if (version >= 0) request.set_expected_version(static_cast<std::uint64_t>(version));
  return request;
}

std::vector<std::pair<std::string, PlanCommand>> EveryPlanCommand() {
  const std::vector<MeasureState> promised = {MeasureIn(v1::MEASURE_STATUS_PROPOSED)};
  return {
      {"RecordResidentInput",
       [](const PlanState& p, std::int64_t v) {
         return DecideRecordResidentInput(Under(WithVersion(RecordResidentInput(), v), "in-9"), p,
                                          "in-9")
             .status();
       }},
      {"RecordFinding",
       [](const PlanState& p, std::int64_t v) {
         return DecideRecordFinding(Under(WithVersion(RecordFinding(), v), "f-9"), p, "f-9",
                                    AgencyActor())
             .status();
       }},
      {"ReviseFinding",
       [](const PlanState& p, std::int64_t v) {
         return DecideReviseFinding(WithVersion(ReviseFinding(), v), p).status();
       }},
      {"RetireFinding",
       [](const PlanState& p, std::int64_t v) {
         return DecideRetireFinding(WithVersion(RetireFinding(), v), p).status();
       }},
      {"IdentifyCause",
       [](const PlanState& p, std::int64_t v) {
         return DecideIdentifyCause(Under(WithVersion(IdentifyCause(), v), "c-9"), p, "c-9")
             .status();
       }},
      {"ReviseCause",
       [](const PlanState& p, std::int64_t v) {
         return DecideReviseCause(WithVersion(ReviseCause(), v), p).status();
       }},
      {"RetireCause",
       [](const PlanState& p, std::int64_t v) {
         return DecideRetireCause(WithVersion(RetireCause(), v), p).status();
       }},
      {"FormWorkingGroup",
       [](const PlanState& p, std::int64_t v) {
         return DecideFormWorkingGroup(Under(WithVersion(FormWorkingGroup(), v), "wg-9"), p, "wg-9",
                                       Members())
             .status();
       }},
      {"MakeCitizenPromise",
       [promised](const PlanState& p, std::int64_t v) {
         return DecideMakeCitizenPromise(Under(WithVersion(MakeCitizenPromise(), v), "p-9"), p,
                                         "p-9", promised)
             .status();
       }},
      {"AdoptPlan",
       [](const PlanState& p, std::int64_t v) {
         return DecideAdoptPlan(WithVersion(AdoptPlan(), v), p).status();
       }},
  };
}

TEST(DecidePlanCommandTest, EveryCommandNeedsThePlan) {
  for (const auto& [name, decide] : EveryPlanCommand()) {
    const grpc::Status status = decide(PlanState{}, -1);
    EXPECT_EQ(status.error_code(), StatusCode::NOT_FOUND) << name;
    EXPECT_EQ(status.error_message(), "plan tryggare-varnamo-2026 not found") << name;
  }
}

TEST(DecidePlanCommandTest, EveryCommandChecksTheExpectedVersion) {
  const PlanState plan = PlanWithCause();  // version 4
  for (const auto& [name, decide] : EveryPlanCommand()) {
    EXPECT_THAT(decide(plan, -1), IsOk()) << name;
    EXPECT_THAT(decide(plan, 4), IsOk()) << name;
    const grpc::Status stale = decide(plan, 3);
    EXPECT_EQ(stale.error_code(), StatusCode::ABORTED) << name;
    EXPECT_EQ(stale.error_message(),
              "plan tryggare-varnamo-2026 is at version 4, not the expected 3")
        << name;
  }
}

TEST(DecidePlanCommandTest, ValidationComesFirst) {
  v1::AdoptPlanRequest request = AdoptPlan();
  request.clear_reference();
  EXPECT_EQ(DecideAdoptPlan(request, PlanState{}).status().error_code(),
            StatusCode::INVALID_ARGUMENT);
}

// --- Residents' input ---------------------------------------------------------------------------

TEST(DecideResidentInputTest, CarriesTheRequest) {
  const auto input = DecideRecordResidentInput(RecordResidentInput(), ExistingPlan(), kInputId);
  ASSERT_THAT(input, IsOk());
  EXPECT_EQ(input->plan_id(), kPlanId);
  EXPECT_EQ(input->input_id(), kInputId);
  EXPECT_EQ(input->focus_area(), "otrygghet");
  EXPECT_EQ(input->channel(), v1::INPUT_CHANNEL_SAFETY_WALK);
  EXPECT_EQ(input->area(), "Pilagården");
  EXPECT_EQ(input->received_on(), "2026-03-12");
  EXPECT_EQ(input->people(), 24u);
  EXPECT_EQ(input->summary(), "Mörka gångvägar och buskage upplevs som otrygga på kvällen.");
}

TEST(DecideResidentInputTest, UsesTheGeneratedIdAndMayConcernEveryFocusArea) {
  v1::RecordResidentInputRequest request = RecordResidentInput();
  request.clear_input_id();
  request.clear_focus_area();
  const std::string id = GenerateItemId(kInputIdPrefix, "anna", request.command_id());
  const auto input = DecideRecordResidentInput(Under(request, id), ExistingPlan(), id);
  ASSERT_THAT(input, IsOk());
  EXPECT_EQ(input->input_id(), id);
  EXPECT_EQ(input->focus_area(), "");
}

TEST(DecideResidentInputTest, ResolvedIdMustBeValid) {
  v1::RecordResidentInputRequest request = RecordResidentInput();
  request.clear_input_id();
  EXPECT_EQ(DecideRecordResidentInput(request, ExistingPlan(), "").status().error_code(),
            StatusCode::INVALID_ARGUMENT);
}

TEST(DecideResidentInputTest, TakenIdIsAlreadyExists) {
  const auto input = DecideRecordResidentInput(RecordResidentInput(), PlanWithCause(), kInputId);
  EXPECT_EQ(input.status().error_code(), StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(input.status().error_message(),
            "residents' input in-1 already exists in plan tryggare-varnamo-2026");
}

TEST(DecideResidentInputTest, FocusAreaMustBeThePlans) {
  v1::RecordResidentInputRequest request = RecordResidentInput();
  request.set_focus_area("klotter");
  const auto input = DecideRecordResidentInput(Under(request, kInputId), ExistingPlan(), kInputId);
  EXPECT_EQ(input.status().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(input.status().error_message(),
            "focus_area 'klotter' is not a focus area of plan tryggare-varnamo-2026; its focus "
            "areas are: narkotika, otrygghet");
}

TEST(DecideResidentInputTest, APlanHoldsAtMost300) {
  PlanState plan = ExistingPlan();
  for (std::size_t i = 0; i + 1 < kMaxInputsPerPlan; ++i) {
    v1::ResidentInputRecorded input;
    input.set_input_id("in-x" + std::to_string(i));
    Evolve(plan, input);
  }
  Fold(plan, DecideRecordResidentInput(Under(RecordResidentInput(), "in-last"), plan, "in-last"));
  const auto one_more =
      DecideRecordResidentInput(Under(RecordResidentInput(), "in-more"), plan, "in-more");
  EXPECT_EQ(one_more.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(one_more.status().error_message(),
            "plan tryggare-varnamo-2026 has 300 residents' inputs, the most it may have");
}

// --- Findings -----------------------------------------------------------------------------------

TEST(DecideFindingTest, CarriesTheRequest) {
  PlanState plan = PlanWithCause();
  const auto finding =
      DecideRecordFinding(Under(RecordFinding(), "f-2"), plan, "f-2", CoordinatorActor());
  ASSERT_THAT(finding, IsOk());
  EXPECT_EQ(finding->finding_id(), "f-2");
  EXPECT_EQ(finding->focus_area(), "otrygghet");
  EXPECT_EQ(finding->text(), "Otryggheten i centrum har ökat sedan 2024.");
  EXPECT_EQ(finding->source(), v1::FINDING_SOURCE_SAFETY_SURVEY);
  EXPECT_EQ(finding->period(), "2025–2026");
  EXPECT_EQ(finding->area(), "Centrum");
  ASSERT_EQ(finding->input_ids_size(), 1);
  EXPECT_EQ(finding->input_ids(0), kInputId);
}

TEST(DecideFindingTest, PoliceIntelligenceComesFromTheCoordinatorOrThePolice) {
  v1::RecordFindingRequest request = RecordFinding();
  request.set_source(v1::FINDING_SOURCE_POLICE_INTELLIGENCE);
  const PlanState plan = PlanWithCause();
  const auto decide = [&](const Actor& actor) {
    return DecideRecordFinding(Under(request, "f-2"), plan, "f-2", actor).status();
  };
  EXPECT_THAT(decide(CoordinatorActor()), IsOk());
  EXPECT_THAT(decide(AgencyActor(kAgencyId, "police")), IsOk());
  EXPECT_THAT(decide(AgencyActor(kAgencyId, "Polis")), IsOk());
  const grpc::Status social = decide(AgencyActor(kOtherAgencyId, "municipality"));
  EXPECT_EQ(social.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(social.error_message(),
            "police intelligence is recorded by a coordinator or a police agency; agency "
            "varnamo-kommun-socialtjansten is of kind 'municipality'");
  EXPECT_EQ(decide(AgencyActor(kOtherAgencyId, "")).error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(decide(Actor{}).error_code(), StatusCode::PERMISSION_DENIED);
  // Other sources are anyone's.
  request.set_source(v1::FINDING_SOURCE_STAFF_DIALOGUE);
  EXPECT_THAT(decide(AgencyActor(kOtherAgencyId, "municipality")), IsOk());
}

TEST(DecideFindingTest, CitedInputsMustBeThePlans) {
  v1::RecordFindingRequest request = RecordFinding();
  request.add_input_ids("in-9");
  const auto finding =
      DecideRecordFinding(Under(request, "f-2"), PlanWithCause(), "f-2", CoordinatorActor());
  EXPECT_EQ(finding.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(finding.status().error_message(),
            "residents' input in-9 not found in plan tryggare-varnamo-2026");
}

TEST(DecideFindingTest, TakenIdFocusAreaAndLimit) {
  EXPECT_EQ(DecideRecordFinding(RecordFinding(), PlanWithCause(), kFindingId, CoordinatorActor())
                .status()
                .error_code(),
            StatusCode::ALREADY_EXISTS);
  v1::RecordFindingRequest elsewhere = RecordFinding();
  elsewhere.set_focus_area("klotter");
  EXPECT_EQ(DecideRecordFinding(Under(elsewhere, "f-2"), PlanWithCause(), "f-2", CoordinatorActor())
                .status()
                .error_code(),
            StatusCode::INVALID_ARGUMENT);
  PlanState full = PlanWithCause();
  for (std::size_t i = 1; i < kMaxFindingsPerPlan; ++i) {
    v1::FindingRecorded finding;
    finding.set_finding_id("f-x" + std::to_string(i));
    Evolve(full, finding);
  }
  EXPECT_EQ(DecideRecordFinding(Under(RecordFinding(), "f-2"), full, "f-2", CoordinatorActor())
                .status()
                .error_code(),
            StatusCode::FAILED_PRECONDITION);
}

TEST(DecideFindingTest, ReviseCarriesTheNewTextAndCitationsInFull) {
  v1::ReviseFindingRequest request = ReviseFinding();
  request.clear_input_ids();
  const auto revised = DecideReviseFinding(request, PlanWithCause());
  ASSERT_THAT(revised, IsOk());
  EXPECT_EQ(revised->finding_id(), kFindingId);
  EXPECT_EQ(revised->text(), "Otryggheten i centrum har ökat sedan 2023.");
  EXPECT_EQ(revised->input_ids_size(), 0);  // the citations are now none
}

TEST(DecideFindingTest, ReviseAndRetireNeedACurrentFinding) {
  v1::ReviseFindingRequest unknown = ReviseFinding();
  unknown.set_finding_id("f-9");
  const auto revised = DecideReviseFinding(unknown, PlanWithCause());
  EXPECT_EQ(revised.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(revised.status().error_message(),
            "finding f-9 not found in plan tryggare-varnamo-2026");

  PlanState plan = PlanWithCause();
  const auto retired = DecideRetireFinding(RetireFinding(), plan);
  ASSERT_THAT(retired, IsOk());
  EXPECT_EQ(retired->reason(), "Ersatt av 2026 års trygghetsmätning.");
  Evolve(plan, *retired);

  const auto again = DecideRetireFinding(RetireFinding(), plan);
  EXPECT_EQ(again.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.status().error_message(), "finding f-1 of plan tryggare-varnamo-2026 is retired");
  EXPECT_EQ(DecideReviseFinding(ReviseFinding(), plan).status().error_code(),
            StatusCode::FAILED_PRECONDITION);
  // The id stays taken.
  EXPECT_EQ(DecideRecordFinding(RecordFinding(), plan, kFindingId, CoordinatorActor())
                .status()
                .error_code(),
            StatusCode::ALREADY_EXISTS);
}

// --- Causes -------------------------------------------------------------------------------------

TEST(DecideCauseTest, NumbersRunOneTwoThreeWithinEachFocusArea) {
  PlanState plan = PlanWithCause();  // c-1 is number 1 in "otrygghet"
  const auto identify = [&plan](const std::string& id, const std::string& focus_area) {
    v1::IdentifyCauseRequest request = IdentifyCause();
    request.set_cause_id(id);
    request.set_focus_area(focus_area);
    const auto cause = DecideIdentifyCause(Under(request, id), plan, id);
    EXPECT_THAT(cause, IsOk());
    if (!cause.ok()) return 0u;
    Evolve(plan, *cause);
    return cause->number();
  };
  EXPECT_EQ(identify("c-2", "otrygghet"), 2u);
  EXPECT_EQ(identify("c-3", "narkotika"), 1u);
  EXPECT_EQ(identify("c-4", "otrygghet"), 3u);
  EXPECT_EQ(identify("c-5", "narkotika"), 2u);
}

TEST(DecideCauseTest, ANumberIsNeverReusedAfterRetirement) {
  PlanState plan = PlanWithCause();
  v1::IdentifyCauseRequest second = IdentifyCause();
  second.set_cause_id("c-2");
  Fold(plan, DecideIdentifyCause(Under(second, "c-2"), plan, "c-2"));  // number 2
  v1::RetireCauseRequest retire = RetireCause();
  retire.set_cause_id("c-2");
  Fold(plan, DecideRetireCause(retire, plan));
  v1::IdentifyCauseRequest third = IdentifyCause();
  third.set_cause_id("c-3");
  const auto cause = DecideIdentifyCause(Under(third, "c-3"), plan, "c-3");
  ASSERT_THAT(cause, IsOk());
  EXPECT_EQ(cause->number(), 3u);
}

TEST(DecideCauseTest, CarriesTheRequest) {
  const auto cause = DecideIdentifyCause(Under(IdentifyCause(), "c-2"), PlanWithCause(), "c-2");
  ASSERT_THAT(cause, IsOk());
  EXPECT_EQ(cause->plan_id(), kPlanId);
  EXPECT_EQ(cause->cause_id(), "c-2");
  EXPECT_EQ(cause->focus_area(), "otrygghet");
  EXPECT_EQ(cause->text(), "Dålig belysning och skymd sikt längs gångstråken.");
  ASSERT_EQ(cause->finding_ids_size(), 1);
  EXPECT_EQ(cause->finding_ids(0), kFindingId);
}

TEST(DecideCauseTest, RestsOnCurrentFindingsOfThePlan) {
  v1::IdentifyCauseRequest request = IdentifyCause();
  request.add_finding_ids("f-9");
  const auto unknown = DecideIdentifyCause(Under(request, "c-2"), PlanWithCause(), "c-2");
  EXPECT_EQ(unknown.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.status().error_message(),
            "finding f-9 not found in plan tryggare-varnamo-2026");

  PlanState plan = PlanWithCause();
  Fold(plan, DecideRetireFinding(RetireFinding(), plan));
  EXPECT_EQ(DecideIdentifyCause(Under(IdentifyCause(), "c-2"), plan, "c-2").status().error_code(),
            StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DecideReviseCause(ReviseCause(), plan).status().error_code(),
            StatusCode::FAILED_PRECONDITION);
}

TEST(DecideCauseTest, TakenIdFocusAreaAndLimit) {
  EXPECT_EQ(DecideIdentifyCause(IdentifyCause(), PlanWithCause(), kCauseId).status().error_code(),
            StatusCode::ALREADY_EXISTS);
  v1::IdentifyCauseRequest elsewhere = IdentifyCause();
  elsewhere.set_focus_area("klotter");
  EXPECT_EQ(
      DecideIdentifyCause(Under(elsewhere, "c-2"), PlanWithCause(), "c-2").status().error_code(),
      StatusCode::INVALID_ARGUMENT);
  const PlanState full = PlanWithCauses(kMaxCausesPerPlan - 1);
  const auto one_more = DecideIdentifyCause(Under(IdentifyCause(), "c-2"), full, "c-2");
  EXPECT_EQ(one_more.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(one_more.status().error_message(),
            "plan tryggare-varnamo-2026 has 300 causes, the most it may have");
}

TEST(DecideCauseTest, ReviseAndRetire) {
  const auto revised = DecideReviseCause(ReviseCause(), PlanWithCause());
  ASSERT_THAT(revised, IsOk());
  EXPECT_EQ(revised->text(), "Dålig belysning längs gångstråken.");
  ASSERT_EQ(revised->finding_ids_size(), 1);

  v1::ReviseCauseRequest unknown = ReviseCause();
  unknown.set_cause_id("c-9");
  EXPECT_EQ(DecideReviseCause(unknown, PlanWithCause()).status().error_code(),
            StatusCode::NOT_FOUND);

  PlanState plan = PlanWithCause();
  Fold(plan, DecideRetireCause(RetireCause(), plan));
  const auto again = DecideRetireCause(RetireCause(), plan);
  EXPECT_EQ(again.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.status().error_message(), "cause c-1 of plan tryggare-varnamo-2026 is retired");
  EXPECT_EQ(DecideReviseCause(ReviseCause(), plan).status().error_code(),
            StatusCode::FAILED_PRECONDITION);
}

// --- Measures citing causes ---------------------------------------------------------------------

TEST(DecideProposeMeasureCausesTest, CarriesCausesKindEffortAndEffect) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.add_cause_ids(kCauseId);
  request.set_kind(v1::MEASURE_KIND_SITUATIONAL);
  request.set_effort(v1::EFFORT_ONE_OFF);
  request.set_expected_effect(v1::EXPECTED_EFFECT_SHORT_TERM);
  const auto proposed = DecideProposeMeasure(request, PlanWithCause(), MeasureState{}, kMeasureId);
  ASSERT_THAT(proposed, IsOk());
  ASSERT_EQ(proposed->cause_ids_size(), 1);
  EXPECT_EQ(proposed->cause_ids(0), kCauseId);
  EXPECT_EQ(proposed->kind(), v1::MEASURE_KIND_SITUATIONAL);
  EXPECT_EQ(proposed->effort(), v1::EFFORT_ONE_OFF);
  EXPECT_EQ(proposed->expected_effect(), v1::EXPECTED_EFFECT_SHORT_TERM);
  MeasureState measure;
  Evolve(measure, *proposed);
  EXPECT_EQ(measure.cause_ids, std::vector<std::string>{kCauseId});
}

TEST(DecideProposeMeasureCausesTest, CausesMustBeCurrentCausesOfThePlan) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.add_cause_ids("c-9");
  const auto unknown = DecideProposeMeasure(request, PlanWithCause(), MeasureState{}, kMeasureId);
  EXPECT_EQ(unknown.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.status().error_message(), "cause c-9 not found in plan tryggare-varnamo-2026");

  PlanState plan = PlanWithCause();
  Fold(plan, DecideRetireCause(RetireCause(), plan));
  request.set_cause_ids(0, kCauseId);
  EXPECT_EQ(DecideProposeMeasure(request, plan, MeasureState{}, kMeasureId).status().error_code(),
            StatusCode::FAILED_PRECONDITION);
}

// --- Working groups -----------------------------------------------------------------------------

TEST(DecideWorkingGroupTest, FormCarriesNameMembersAndFocusAreas) {
  const auto formed =
      DecideFormWorkingGroup(FormWorkingGroup(), ExistingPlan(), kGroupId, Members());
  ASSERT_THAT(formed, IsOk());
  EXPECT_EQ(formed->group_id(), kGroupId);
  EXPECT_EQ(formed->name(), "Centrumgruppen");
  ASSERT_EQ(formed->agency_ids_size(), 2);
  EXPECT_EQ(formed->agency_ids(1), kOtherAgencyId);
  ASSERT_EQ(formed->focus_areas_size(), 1);
  EXPECT_EQ(formed->focus_areas(0), "otrygghet");
}

TEST(DecideWorkingGroupTest, MembersMustBeRegistered) {
  const std::vector<AgencyState> members = {ExistingAgency(kAgencyId), AgencyState{}};
  const auto formed = DecideFormWorkingGroup(FormWorkingGroup(), ExistingPlan(), kGroupId, members);
  EXPECT_EQ(formed.status().error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(formed.status().error_message(), "agency varnamo-kommun-socialtjansten not found");
}

TEST(DecideWorkingGroupTest, FocusAreasMustBeThePlans) {
  v1::FormWorkingGroupRequest request = FormWorkingGroup();
  request.add_focus_areas("klotter");
  const auto formed =
      DecideFormWorkingGroup(Under(request, kGroupId), ExistingPlan(), kGroupId, Members());
  EXPECT_EQ(formed.status().error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      formed.status().error_message().rfind("focus_areas[1] 'klotter' is not a focus area", 0), 0u);
}

TEST(DecideWorkingGroupTest, TakenIdAndLimit) {
  PlanState plan = ExistingPlan();
  Fold(plan, DecideFormWorkingGroup(FormWorkingGroup(), plan, kGroupId, Members()));
  EXPECT_EQ(
      DecideFormWorkingGroup(FormWorkingGroup(), plan, kGroupId, Members()).status().error_code(),
      StatusCode::ALREADY_EXISTS);
  for (std::size_t i = 1; i < kMaxWorkingGroupsPerPlan; ++i) {
    v1::WorkingGroupFormed group;
    group.set_group_id("wg-x" + std::to_string(i));
    Evolve(plan, group);
  }
  EXPECT_EQ(DecideFormWorkingGroup(Under(FormWorkingGroup(), "wg-more"), plan, "wg-more", Members())
                .status()
                .error_code(),
            StatusCode::FAILED_PRECONDITION);
}

TEST(DecideWorkingGroupTest, ChangeNeedsTheGroupAndCarriesEverythingAnew) {
  const std::vector<AgencyState> members = {ExistingAgency(kAgencyId)};
  EXPECT_EQ(
      DecideChangeWorkingGroup(ChangeWorkingGroup(), ExistingPlan(), members).status().error_code(),
      StatusCode::NOT_FOUND);
  PlanState plan = ExistingPlan();
  Fold(plan, DecideFormWorkingGroup(FormWorkingGroup(), plan, kGroupId, Members()));
  const auto changed = DecideChangeWorkingGroup(ChangeWorkingGroup(), plan, members);
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->name(), "Centrum- och narkotikagruppen");
  ASSERT_EQ(changed->agency_ids_size(), 1);
  EXPECT_EQ(changed->focus_areas_size(), 2);
  const std::vector<AgencyState> unregistered = {AgencyState{}};
  EXPECT_EQ(
      DecideChangeWorkingGroup(ChangeWorkingGroup(), plan, unregistered).status().error_code(),
      StatusCode::NOT_FOUND);
}

// --- Citizen promises ---------------------------------------------------------------------------

TEST(DecideCitizenPromiseTest, MakeCarriesTheRequest) {
  const std::vector<MeasureState> measures = {MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS)};
  const auto made =
      DecideMakeCitizenPromise(MakeCitizenPromise(), ExistingPlan(), kPromiseId, measures);
  ASSERT_THAT(made, IsOk());
  EXPECT_EQ(made->promise_id(), kPromiseId);
  EXPECT_EQ(made->text(), "Vi ska göra centrum tryggare på kvällstid.");
  ASSERT_EQ(made->measure_ids_size(), 1);
  ASSERT_EQ(made->signatories_size(), 2);
  EXPECT_EQ(made->signatories(1), "kommunstyrelsens ordförande");
  EXPECT_EQ(made->valid_from(), "2026-01-01");
  EXPECT_EQ(made->valid_to(), "2026-12-31");
}

TEST(DecideCitizenPromiseTest, MeasuresExistBelongToThePlanAndAreNotWithdrawn) {
  const auto make = [](const MeasureState& measure) {
    const std::vector<MeasureState> measures = {measure};
    return DecideMakeCitizenPromise(MakeCitizenPromise(), ExistingPlan(), kPromiseId, measures)
        .status();
  };
  const grpc::Status missing = make(MeasureState{});
  EXPECT_EQ(missing.error_code(), StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_message(), "measure m-1 not found");

  MeasureState elsewhere = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  elsewhere.plan_id = "tryggare-gislaved-2026";
  const grpc::Status other_plan = make(elsewhere);
  EXPECT_EQ(other_plan.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(other_plan.error_message(),
            "measure_ids[0] 'm-1' is a measure of plan tryggare-gislaved-2026, not of plan "
            "tryggare-varnamo-2026");

  EXPECT_EQ(make(MeasureIn(v1::MEASURE_STATUS_WITHDRAWN)).error_code(),
            StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(make(MeasureIn(v1::MEASURE_STATUS_COMPLETED)), IsOk());
}

TEST(DecideCitizenPromiseTest, TakenIdLimitAndEnd) {
  const std::vector<MeasureState> measures = {MeasureIn(v1::MEASURE_STATUS_PROPOSED)};
  EXPECT_EQ(DecideEndCitizenPromise(EndCitizenPromise(), ExistingPlan()).status().error_code(),
            StatusCode::NOT_FOUND);
  PlanState plan = ExistingPlan();
  Fold(plan, DecideMakeCitizenPromise(MakeCitizenPromise(), plan, kPromiseId, measures));
  EXPECT_EQ(DecideMakeCitizenPromise(MakeCitizenPromise(), plan, kPromiseId, measures)
                .status()
                .error_code(),
            StatusCode::ALREADY_EXISTS);

  const auto ended = DecideEndCitizenPromise(EndCitizenPromise(), plan);
  ASSERT_THAT(ended, IsOk());
  EXPECT_EQ(ended->reason(), "Ersatt av 2027 års löfte.");
  Evolve(plan, *ended);
  const auto again = DecideEndCitizenPromise(EndCitizenPromise(), plan);
  EXPECT_EQ(again.status().error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.status().error_message(),
            "citizen promise p-1 of plan tryggare-varnamo-2026 is ended");

  for (std::size_t i = 1; i < kMaxPromisesPerPlan; ++i) {
    v1::CitizenPromiseMade promise;
    promise.set_promise_id("p-x" + std::to_string(i));
    Evolve(plan, promise);
  }
  EXPECT_EQ(
      DecideMakeCitizenPromise(Under(MakeCitizenPromise(), "p-more"), plan, "p-more", measures)
          .status()
          .error_code(),
      StatusCode::FAILED_PRECONDITION);
}

// --- Adoption -----------------------------------------------------------------------------------

TEST(DecideAdoptPlanTest, EachAdoptionIsTheNextVersion) {
  PlanState plan = ExistingPlan();
  const auto first = DecideAdoptPlan(AdoptPlan(), plan);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->version(), 1u);
  EXPECT_EQ(first->adopted_by(), "Kommunstyrelsen");
  EXPECT_EQ(first->decision_date(), "2026-04-15");
  EXPECT_EQ(first->reference(), "KS 2026/412");
  ASSERT_EQ(first->signatories_size(), 1);
  Evolve(plan, *first);
  EXPECT_EQ(plan.adopted_version, 1u);

  v1::AdoptPlanRequest revised = AdoptPlan();
  revised.set_reference("KS 2026/733");
  const auto second = DecideAdoptPlan(revised, plan);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->version(), 2u);
  Evolve(plan, *second);
  EXPECT_EQ(plan.adopted_version, 2u);
}

}  // namespace
}  // namespace trygg::domain
