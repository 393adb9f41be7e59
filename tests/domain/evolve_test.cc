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

}  // namespace
}  // namespace trygg::domain
