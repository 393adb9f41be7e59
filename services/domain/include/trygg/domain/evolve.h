// Evolve: applies one stored event to an aggregate's state. Pure and total: it never fails, and
// it trusts the event (the event was decided against the state it follows, and the log is
// hash-chained), so it does not re-check transitions. A measure's status moves as the lifecycle
// table says (StatusAfter in lifecycle.h), which also covers an event the table does not allow.
//
// Every call adds one to `version`, including the DomainEvent overloads given an event that does
// not concern that kind of aggregate (such an event changes nothing else). That keeps `version`
// equal to the number of events in the stream, which is what expected-version checks compare.
#pragma once

#include "trygg/domain/event.h"
#include "trygg/domain/state.h"

namespace trygg::domain {

void Evolve(PlanState& state, const v1::PlanCreated& event);
// Adds the input, finding, cause, working group or promise under its id (a cause also raises
// causes_numbered for its focus area to its number).
void Evolve(PlanState& state, const v1::ResidentInputRecorded& event);
void Evolve(PlanState& state, const v1::FindingRecorded& event);
void Evolve(PlanState& state, const v1::CauseIdentified& event);
void Evolve(PlanState& state, const v1::WorkingGroupFormed& event);
void Evolve(PlanState& state, const v1::CitizenPromiseMade& event);
// Revisions change only what PlanState does not hold (texts, citations): the version only.
void Evolve(PlanState& state, const v1::FindingRevised& event);
void Evolve(PlanState& state, const v1::CauseRevised& event);
// Marks the finding or cause retired, the promise ended (an unknown id changes nothing).
void Evolve(PlanState& state, const v1::FindingRetired& event);
void Evolve(PlanState& state, const v1::CauseRetired& event);
void Evolve(PlanState& state, const v1::CitizenPromiseEnded& event);
// Renames the working group (members and focus areas are not held).
void Evolve(PlanState& state, const v1::WorkingGroupChanged& event);
// adopted_version becomes the event's version.
void Evolve(PlanState& state, const v1::PlanAdopted& event);
void Evolve(PlanState& state, const DomainEvent& event);

void Evolve(AgencyState& state, const v1::AgencyRegistered& event);
void Evolve(AgencyState& state, const DomainEvent& event);

// PROPOSED, with the measure's plan, focus area and causes.
void Evolve(MeasureState& state, const v1::MeasureProposed& event);
// Sets the priority. PROPOSED becomes PRIORITISED; any later status is kept (re-prioritise).
void Evolve(MeasureState& state, const v1::MeasurePrioritised& event);
// Sets the responsible agency and due date. PRIORITISED becomes ASSIGNED; ASSIGNED and
// IN_PROGRESS are kept (re-assign does not restart the work).
void Evolve(MeasureState& state, const v1::MeasureAssigned& event);
// IN_PROGRESS.
void Evolve(MeasureState& state, const v1::MeasureStarted& event);
// Sets percent_complete; the status is unchanged.
void Evolve(MeasureState& state, const v1::MeasureProgressReported& event);
// COMPLETED, percent_complete 100.
void Evolve(MeasureState& state, const v1::MeasureCompleted& event);
// WITHDRAWN.
void Evolve(MeasureState& state, const v1::MeasureWithdrawn& event);
// Add the id to cause_ids, goal_ids or partner_ids (once), or remove it; the status is unchanged.
void Evolve(MeasureState& state, const v1::MeasureLinkedToCause& event);
void Evolve(MeasureState& state, const v1::MeasureUnlinkedFromCause& event);
void Evolve(MeasureState& state, const v1::OperationalGoalSet& event);
void Evolve(MeasureState& state, const v1::OperationalGoalRetired& event);
void Evolve(MeasureState& state, const v1::PartnerAdded& event);
void Evolve(MeasureState& state, const v1::PartnerRemoved& event);
// The version only: follow-up is read by the projections, not by Decide.
void Evolve(MeasureState& state, const v1::FollowUpRecorded& event);
void Evolve(MeasureState& state, const DomainEvent& event);

}  // namespace trygg::domain
