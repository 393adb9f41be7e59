// Folding events into states: what each event changes, what it leaves alone, and the version
// count that expected-version checks rely on.
#include "trygg/domain/evolve.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "domain_test_util.h"

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)

v1::MeasurePrioritised Prioritised(v1::Priority priority) {
  v1::MeasurePrioritised event;
  event.set_priority(priority);
  return event;
}

v1::MeasureAssigned Assigned(const std::string& agency_id, const std::string& due_date) {
  v1::MeasureAssigned event;
  event.set_agency_id(agency_id);
  event.set_due_date(due_date);
  return event;
}

v1::MeasureProgressReported Progress(std::uint32_t percent) {
  v1::MeasureProgressReported event;
  event.set_percent_complete(percent);
  return event;
}

TEST(EvolveTest, EmptyStatesDoNotExist) {
  EXPECT_FALSE(PlanState{}.exists());
  EXPECT_FALSE(AgencyState{}.exists());
  EXPECT_FALSE(MeasureState{}.exists());
  EXPECT_EQ(MeasureState{}.status, v1::MEASURE_STATUS_UNSPECIFIED);
}

TEST(EvolveTest, PlanCreatedFillsThePlan) {
  const PlanState plan = ExistingPlan();
  EXPECT_TRUE(plan.exists());
  EXPECT_EQ(plan.version, 1u);
  EXPECT_EQ(plan.plan_id, kPlanId);
  EXPECT_EQ(plan.name, "Tryggare Värnamo 2026");
  EXPECT_EQ(plan.municipality, "Värnamo kommun");
  ASSERT_EQ(plan.focus_areas.size(), 2u);
  EXPECT_EQ(plan.focus_areas[0].key(), "narkotika");
  EXPECT_EQ(plan.focus_areas[1].name(), "Otrygghet i centrum");
  EXPECT_TRUE(plan.HasFocusArea("otrygghet"));
  EXPECT_FALSE(plan.HasFocusArea("otillaten-paverkan"));
}

TEST(EvolveTest, AgencyRegisteredFillsTheAgency) {
  const AgencyState agency = ExistingAgency();
  EXPECT_TRUE(agency.exists());
  EXPECT_EQ(agency.version, 1u);
  EXPECT_EQ(agency.agency_id, kAgencyId);
  EXPECT_EQ(agency.kind, "police");
}

TEST(EvolveTest, FullHistoryOfAMeasure) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  EXPECT_EQ(measure.version, 1u);
  EXPECT_EQ(measure.measure_id, kMeasureId);
  EXPECT_EQ(measure.plan_id, kPlanId);
  EXPECT_EQ(measure.focus_area, "narkotika");
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_PROPOSED);
  EXPECT_EQ(measure.priority, v1::PRIORITY_UNSPECIFIED);
  EXPECT_EQ(measure.responsible_agency_id, "");

  Evolve(measure, Prioritised(v1::PRIORITY_HIGH));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_PRIORITISED);
  EXPECT_EQ(measure.priority, v1::PRIORITY_HIGH);

  Evolve(measure, Assigned(kAgencyId, "2026-06-30"));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(measure.responsible_agency_id, kAgencyId);
  EXPECT_EQ(measure.due_date, "2026-06-30");

  Evolve(measure, Progress(10));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_ASSIGNED);  // reporting does not start it
  EXPECT_EQ(measure.percent_complete, 10u);

  Evolve(measure, v1::MeasureStarted{});
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_IN_PROGRESS);

  Evolve(measure, Prioritised(v1::PRIORITY_LOW));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_IN_PROGRESS);  // not sent back
  EXPECT_EQ(measure.priority, v1::PRIORITY_LOW);

  Evolve(measure, Assigned(kOtherAgencyId, "2026-12-31"));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_IN_PROGRESS);
  EXPECT_EQ(measure.responsible_agency_id, kOtherAgencyId);
  EXPECT_EQ(measure.due_date, "2026-12-31");

  Evolve(measure, Progress(80));
  EXPECT_EQ(measure.percent_complete, 80u);

  Evolve(measure, v1::MeasureCompleted{});
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_COMPLETED);
  EXPECT_EQ(measure.percent_complete, 100u);
  EXPECT_EQ(measure.version, 9u);
}

TEST(EvolveTest, ReprioritisingAnAssignedMeasureKeepsItAssigned) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_ASSIGNED);
  Evolve(measure, Prioritised(v1::PRIORITY_LOW));
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_ASSIGNED);
  EXPECT_EQ(measure.priority, v1::PRIORITY_LOW);
}

TEST(EvolveTest, WithdrawnIsWithdrawn) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  Evolve(measure, v1::MeasureWithdrawn{});
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_WITHDRAWN);
  EXPECT_EQ(measure.responsible_agency_id, kAgencyId);  // kept for the record
}

TEST(EvolveTest, DomainEventOverloadMatchesTheSpecificOne) {
  v1::MeasureProposed proposed;
  proposed.set_measure_id(kMeasureId);
  proposed.set_plan_id(kPlanId);
  proposed.set_focus_area("otrygghet");
  const v1::MeasurePrioritised prioritised = Prioritised(v1::PRIORITY_MEDIUM);
  const v1::MeasureAssigned assigned = Assigned(kAgencyId, "2027-01-15");
  const v1::MeasureProgressReported progress = Progress(30);

  MeasureState specific;
  Evolve(specific, proposed);
  Evolve(specific, prioritised);
  Evolve(specific, assigned);
  Evolve(specific, v1::MeasureStarted{});
  Evolve(specific, progress);

  MeasureState generic;
  const std::vector<DomainEvent> events = {proposed, prioritised, assigned, v1::MeasureStarted{},
                                           progress};
  for (const DomainEvent& event : events) Evolve(generic, event);

  EXPECT_EQ(generic.version, specific.version);
  EXPECT_EQ(generic.status, specific.status);
  EXPECT_EQ(generic.focus_area, specific.focus_area);
  EXPECT_EQ(generic.priority, specific.priority);
  EXPECT_EQ(generic.responsible_agency_id, specific.responsible_agency_id);
  EXPECT_EQ(generic.due_date, specific.due_date);
  EXPECT_EQ(generic.percent_complete, specific.percent_complete);

  v1::PlanCreated created;
  created.set_plan_id(kPlanId);
  PlanState plan;
  Evolve(plan, DomainEvent(created));
  EXPECT_EQ(plan.version, 1u);
  EXPECT_EQ(plan.plan_id, kPlanId);

  v1::AgencyRegistered registered;
  registered.set_agency_id(kAgencyId);
  AgencyState agency;
  Evolve(agency, DomainEvent(registered));
  EXPECT_EQ(agency.version, 1u);
  EXPECT_EQ(agency.agency_id, kAgencyId);
}

TEST(EvolveTest, ForeignEventsAreCountedButChangeNothingElse) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_PROPOSED);
  Evolve(measure, DomainEvent(v1::AgencyRegistered{}));
  EXPECT_EQ(measure.version, 2u);
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_PROPOSED);

  PlanState plan;
  Evolve(plan, DomainEvent(v1::MeasureStarted{}));
  EXPECT_EQ(plan.version, 1u);
  EXPECT_EQ(plan.plan_id, "");

  AgencyState agency;
  Evolve(agency, DomainEvent(v1::PlanCreated{}));
  EXPECT_EQ(agency.version, 1u);
  EXPECT_EQ(agency.agency_id, "");
}

// --- The whole plan ------------------------------------------------------------------------------

TEST(EvolvePlanTest, InputsFindingsAndCausesAreHeldById) {
  const PlanState plan = PlanWithCause();
  EXPECT_EQ(plan.version, 4u);
  ASSERT_EQ(plan.inputs.count(kInputId), 1u);
  EXPECT_EQ(plan.inputs.at(kInputId).focus_area, "otrygghet");
  ASSERT_EQ(plan.findings.count(kFindingId), 1u);
  EXPECT_EQ(plan.findings.at(kFindingId).focus_area, "otrygghet");
  EXPECT_FALSE(plan.findings.at(kFindingId).retired);
  ASSERT_EQ(plan.causes.count(kCauseId), 1u);
  EXPECT_EQ(plan.causes.at(kCauseId).number, 1u);
  EXPECT_FALSE(plan.causes.at(kCauseId).retired);
  EXPECT_EQ(plan.causes_numbered.at("otrygghet"), 1u);
  EXPECT_EQ(plan.causes_numbered.count("narkotika"), 0u);
}

TEST(EvolvePlanTest, RevisionsCountButChangeNothingHeld) {
  PlanState plan = PlanWithCause();
  const PlanState before = plan;
  v1::FindingRevised finding;
  finding.set_finding_id(kFindingId);
  finding.set_text("Ny text.");
  Evolve(plan, finding);
  v1::CauseRevised cause;
  cause.set_cause_id(kCauseId);
  Evolve(plan, cause);
  EXPECT_EQ(plan.version, before.version + 2);
  EXPECT_EQ(plan.findings.size(), before.findings.size());
  EXPECT_EQ(plan.causes.at(kCauseId).number, 1u);
}

TEST(EvolvePlanTest, RetiringKeepsTheThingAndItsNumber) {
  PlanState plan = PlanWithCause();
  v1::FindingRetired finding;
  finding.set_finding_id(kFindingId);
  Evolve(plan, finding);
  v1::CauseRetired cause;
  cause.set_cause_id(kCauseId);
  Evolve(plan, cause);
  EXPECT_TRUE(plan.findings.at(kFindingId).retired);
  EXPECT_TRUE(plan.causes.at(kCauseId).retired);
  EXPECT_EQ(plan.causes_numbered.at("otrygghet"), 1u);  // never given again
  // An id the plan does not hold changes nothing but the version.
  v1::CauseRetired unknown;
  unknown.set_cause_id("c-9");
  Evolve(plan, unknown);
  EXPECT_EQ(plan.causes.size(), 1u);
  EXPECT_EQ(plan.version, 7u);
}

TEST(EvolvePlanTest, CausesNumberedIsTheHighestNumberPerFocusArea) {
  PlanState plan = ExistingPlan();
  for (const auto& [id, number] :
       std::vector<std::pair<std::string, std::uint32_t>>{{"c-a", 1}, {"c-b", 3}, {"c-c", 2}}) {
    v1::CauseIdentified cause;
    cause.set_cause_id(id);
    cause.set_focus_area("narkotika");
    cause.set_number(number);
    Evolve(plan, cause);
  }
  EXPECT_EQ(plan.causes_numbered.at("narkotika"), 3u);
}

TEST(EvolvePlanTest, GroupsPromisesAndAdoptions) {
  PlanState plan = ExistingPlan();
  v1::WorkingGroupFormed formed;
  formed.set_group_id(kGroupId);
  formed.set_name("Centrumgruppen");
  Evolve(plan, formed);
  EXPECT_EQ(plan.groups.at(kGroupId).name, "Centrumgruppen");
  v1::WorkingGroupChanged changed;
  changed.set_group_id(kGroupId);
  changed.set_name("Centrum- och narkotikagruppen");
  Evolve(plan, changed);
  EXPECT_EQ(plan.groups.at(kGroupId).name, "Centrum- och narkotikagruppen");

  v1::CitizenPromiseMade made;
  made.set_promise_id(kPromiseId);
  Evolve(plan, made);
  EXPECT_FALSE(plan.promises.at(kPromiseId).ended);
  v1::CitizenPromiseEnded ended;
  ended.set_promise_id(kPromiseId);
  Evolve(plan, ended);
  EXPECT_TRUE(plan.promises.at(kPromiseId).ended);

  EXPECT_EQ(plan.adopted_version, 0u);
  v1::PlanAdopted adopted;
  adopted.set_version(1);
  Evolve(plan, adopted);
  EXPECT_EQ(plan.adopted_version, 1u);
  adopted.set_version(2);
  Evolve(plan, DomainEvent(adopted));
  EXPECT_EQ(plan.adopted_version, 2u);
  EXPECT_EQ(plan.version, 7u);
}

TEST(EvolvePlanTest, DomainEventOverloadFoldsPlanEventsAlike) {
  PlanState generic;
  const std::vector<DomainEvent> events = {v1::PlanCreated{}, v1::ResidentInputRecorded{},
                                           v1::FindingRecorded{}, v1::CauseIdentified{},
                                           v1::WorkingGroupFormed{}, v1::CitizenPromiseMade{},
                                           // A measure event on a plan's state: counted only.
                                           v1::FollowUpRecorded{}};
  for (const DomainEvent& event : events) Evolve(generic, event);
  EXPECT_EQ(generic.version, 7u);
  EXPECT_EQ(generic.inputs.size(), 1u);
  EXPECT_EQ(generic.findings.size(), 1u);
  EXPECT_EQ(generic.causes.size(), 1u);
  EXPECT_EQ(generic.groups.size(), 1u);
  EXPECT_EQ(generic.promises.size(), 1u);
}

TEST(EvolveMeasurePartsTest, CausesGoalsAndPartnersAreListedOnceInOrder) {
  MeasureState measure = MeasureIn(v1::MEASURE_STATUS_IN_PROGRESS);
  v1::MeasureLinkedToCause linked;
  for (const std::string id : {"c-2", "c-1", "c-2"}) {
    linked.set_cause_id(id);
    Evolve(measure, linked);
  }
  EXPECT_EQ(measure.cause_ids, (std::vector<std::string>{"c-2", "c-1"}));
  v1::MeasureUnlinkedFromCause unlinked;
  unlinked.set_cause_id("c-2");
  Evolve(measure, unlinked);
  EXPECT_EQ(measure.cause_ids, std::vector<std::string>{"c-1"});

  v1::OperationalGoalSet goal;
  for (const std::string id : {"g-1", "g-2", "g-1"}) {  // the third replaces g-1
    goal.set_goal_id(id);
    Evolve(measure, goal);
  }
  EXPECT_EQ(measure.goal_ids, (std::vector<std::string>{"g-1", "g-2"}));
  v1::OperationalGoalRetired retired;
  retired.set_goal_id("g-1");
  Evolve(measure, retired);
  EXPECT_EQ(measure.goal_ids, std::vector<std::string>{"g-2"});

  v1::PartnerAdded partner;
  partner.set_agency_id(kOtherAgencyId);
  Evolve(measure, partner);
  EXPECT_EQ(measure.partner_ids, std::vector<std::string>{kOtherAgencyId});
  v1::PartnerRemoved removed;
  removed.set_agency_id(kOtherAgencyId);
  Evolve(measure, DomainEvent(removed));
  EXPECT_TRUE(measure.partner_ids.empty());

  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_IN_PROGRESS);  // none of them moves it
  EXPECT_EQ(measure.version, 4u + 3 + 1 + 3 + 1 + 2);
}

TEST(EvolveMeasurePartsTest, FollowUpChangesOnlyTheVersion) {
  MeasureState measure = WithCauseGoalAndPartner(MeasureIn(v1::MEASURE_STATUS_COMPLETED));
  const MeasureState before = measure;
  v1::FollowUpRecorded follow_up;
  follow_up.set_period("2026-T3");
  follow_up.set_party(kAgencyId);
  follow_up.set_health(v1::HEALTH_RED);
  Evolve(measure, follow_up);
  EXPECT_EQ(measure.version, before.version + 1);
  EXPECT_EQ(measure.status, v1::MEASURE_STATUS_COMPLETED);
  EXPECT_EQ(measure.percent_complete, before.percent_complete);
  EXPECT_EQ(measure.cause_ids, before.cause_ids);
  EXPECT_EQ(measure.goal_ids, before.goal_ids);
  EXPECT_EQ(measure.partner_ids, before.partner_ids);
}

TEST(EvolveMeasurePartsTest, ProposedMeasureTakesItsCauses) {
  v1::MeasureProposed proposed;
  proposed.set_measure_id(kMeasureId);
  proposed.add_cause_ids("c-1");
  proposed.add_cause_ids("c-3");
  MeasureState measure;
  Evolve(measure, proposed);
  EXPECT_EQ(measure.cause_ids, (std::vector<std::string>{"c-1", "c-3"}));
}

}  // namespace
}  // namespace trygg::domain
