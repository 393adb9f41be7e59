// The domain events: one alternative of DomainEvent per message of trygg/v1/events.proto. This
// variant is the one list of event types; the codec, Evolve, the projections' routes, the CLI's
// event descriptions and trygg-audit's payload checks all loop over it. Never reorder or remove
// an alternative: stored logs hold every type ever written.
//
// Adding an event type, step by step (missing steps 2, 5, 6 or 7 does not compile; missing 8
// fails tests/api's auth_test):
//  1. proto/trygg/v1/events.proto: the message, its fields commented with meaning and units.
//     Its full name ("trygg.v1.<Message>") is the type stored in the log.
//  2. Here: the alternative at the end of DomainEvent, and its EventTraits below (the aggregate
//     it belongs to and, for an event of an existing measure, the MeasureCommand that decides
//     it; a new command also needs its name in lifecycle.cc's CommandName and its rows in
//     kLifecycle, also when it keeps the status, so that which statuses allow it stays in the
//     one table).
//  3. The codec (codec.cc) needs nothing: it loops over DomainEvent.
//  4. decide.h/decide.cc: the Decide function that emits it; validate.h for its request.
//  5. evolve.h/evolve.cc: an Evolve overload and an Apply for the aggregate's state. Without the
//     Apply, evolve.cc does not compile for an event of that aggregate (its catch-all only
//     accepts other aggregates' events).
//  6. services/projections: measure_fold.h/.cc a Fold overload for a measure event (apply.cc
//     routes it by the trait), or a handler in apply.cc's HandlerOf for another aggregate's,
//     which does not compile without one.
//  7. clients/cli/describe.cc: a Describe overload (the one-line change in `trygg history`);
//     without it trygg_cli does not compile. clients/audit/payload.cc needs nothing.
//  8. services/api: the command handler and its Rpc row in auth.h's kRoleTable (tests/api's
//     auth_test fails for an RPC without one).
//  9. Tests: tests/domain (decide_test, evolve_test, codec_test's round trip; lifecycle_test's
//     oracle rows for a new command), tests/projections (the fold, and lifecycle_fold_test for a
//     new command), tests/cli (the description), tests/api (the handler and the role table).
#pragma once

#include <concepts>
#include <variant>

#include "trygg/domain/lifecycle.h"
#include "trygg/v1/events.pb.h"

namespace trygg::domain {

using DomainEvent =
    std::variant<v1::PlanCreated, v1::AgencyRegistered, v1::MeasureProposed, v1::MeasurePrioritised,
                 v1::MeasureAssigned, v1::MeasureStarted, v1::MeasureProgressReported,
                 v1::MeasureCompleted, v1::MeasureWithdrawn,
                 // The whole plan (issue 12). Plan-level things are on the plan's stream; the
                 // measure-level ones are measure commands that keep the measure's status.
                 v1::ResidentInputRecorded, v1::FindingRecorded, v1::FindingRevised,
                 v1::FindingRetired, v1::CauseIdentified, v1::CauseRevised, v1::CauseRetired,
                 v1::MeasureLinkedToCause, v1::MeasureUnlinkedFromCause, v1::OperationalGoalSet,
                 v1::OperationalGoalRetired, v1::PartnerAdded, v1::PartnerRemoved,
                 v1::FollowUpRecorded, v1::WorkingGroupFormed, v1::WorkingGroupChanged,
                 v1::CitizenPromiseMade, v1::CitizenPromiseEnded, v1::PlanAdopted>;

// The aggregate an event belongs to: the kind of stream it is appended to and of state it evolves.
enum class Aggregate { kPlan, kAgency, kMeasure };

// What each event type is. Deliberately undefined for other types: every alternative of
// DomainEvent must have a specialisation (checked below).
template <class Event>
struct EventTraits;

template <Aggregate A>
struct EventOf {
  static constexpr Aggregate kAggregate = A;
};
// An event that a MeasureCommand decided, which moves the measure as StatusAfter says (or keeps
// its status, for the commands whose lifecycle rows all lead back to where they start).
template <MeasureCommand C>
struct MeasureStep : EventOf<Aggregate::kMeasure> {
  static constexpr MeasureCommand kCommand = C;
};

template <>
struct EventTraits<v1::PlanCreated> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::AgencyRegistered> : EventOf<Aggregate::kAgency> {};
template <>
struct EventTraits<v1::MeasureProposed> : EventOf<Aggregate::kMeasure> {};  // creates a measure
template <>
struct EventTraits<v1::MeasurePrioritised> : MeasureStep<MeasureCommand::kPrioritise> {};
template <>
struct EventTraits<v1::MeasureAssigned> : MeasureStep<MeasureCommand::kAssign> {};
template <>
struct EventTraits<v1::MeasureStarted> : MeasureStep<MeasureCommand::kStart> {};
template <>
struct EventTraits<v1::MeasureProgressReported> : MeasureStep<MeasureCommand::kReportProgress> {};
template <>
struct EventTraits<v1::MeasureCompleted> : MeasureStep<MeasureCommand::kComplete> {};
template <>
struct EventTraits<v1::MeasureWithdrawn> : MeasureStep<MeasureCommand::kWithdraw> {};

// On the plan's stream: the plan's input, situation picture, causes, working groups, citizen
// promises and adoptions.
template <>
struct EventTraits<v1::ResidentInputRecorded> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::FindingRecorded> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::FindingRevised> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::FindingRetired> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::CauseIdentified> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::CauseRevised> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::CauseRetired> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::WorkingGroupFormed> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::WorkingGroupChanged> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::CitizenPromiseMade> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::CitizenPromiseEnded> : EventOf<Aggregate::kPlan> {};
template <>
struct EventTraits<v1::PlanAdopted> : EventOf<Aggregate::kPlan> {};

// On the measure's stream: measure commands whose lifecycle rows keep the status.
template <>
struct EventTraits<v1::MeasureLinkedToCause> : MeasureStep<MeasureCommand::kLinkCause> {};
template <>
struct EventTraits<v1::MeasureUnlinkedFromCause> : MeasureStep<MeasureCommand::kUnlinkCause> {};
template <>
struct EventTraits<v1::OperationalGoalSet> : MeasureStep<MeasureCommand::kSetGoal> {};
template <>
struct EventTraits<v1::OperationalGoalRetired> : MeasureStep<MeasureCommand::kRetireGoal> {};
template <>
struct EventTraits<v1::PartnerAdded> : MeasureStep<MeasureCommand::kAddPartner> {};
template <>
struct EventTraits<v1::PartnerRemoved> : MeasureStep<MeasureCommand::kRemovePartner> {};
template <>
struct EventTraits<v1::FollowUpRecorded> : MeasureStep<MeasureCommand::kRecordFollowUp> {};

template <class Event>
concept ConcernsMeasure = EventTraits<Event>::kAggregate == Aggregate::kMeasure;

// A measure event decided by a MeasureCommand: every measure event but MeasureProposed. (Some
// keep the status, e.g. FollowUpRecorded; StatusAfter says so.)
template <class Event>
concept MovesMeasure = ConcernsMeasure<Event> && requires {
  { EventTraits<Event>::kCommand } -> std::convertible_to<MeasureCommand>;
};

namespace internal {
template <class Variant>
inline constexpr bool kEveryEventHasTraits = false;
// sizeof of an undefined EventTraits does not compile, which names the type that lacks one.
template <class... Events>
inline constexpr bool kEveryEventHasTraits<std::variant<Events...>> =
    ((sizeof(EventTraits<Events>) > 0) && ...);
}  // namespace internal
static_assert(internal::kEveryEventHasTraits<DomainEvent>);

}  // namespace trygg::domain
