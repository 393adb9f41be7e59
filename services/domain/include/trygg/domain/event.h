// The domain events: one alternative per message of trygg/v1/events.proto. Adding an event type
// means adding an alternative here, a case in the codec and (where it applies) in Evolve; never
// reorder or remove one, since stored logs hold every type ever written.
#pragma once

#include <variant>

#include "trygg/v1/events.pb.h"

namespace trygg::domain {

using DomainEvent =
    std::variant<v1::PlanCreated, v1::AgencyRegistered, v1::MeasureProposed, v1::MeasurePrioritised,
                 v1::MeasureAssigned, v1::MeasureStarted, v1::MeasureProgressReported,
                 v1::MeasureCompleted, v1::MeasureWithdrawn>;

}  // namespace trygg::domain
