// Converts domain events to and from the event log's (type, payload) pairs. The type is the
// protobuf message's full name ("trygg.v1.MeasureAssigned"); the payload is the message's binary
// protobuf encoding. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "trygg/domain/event.h"

namespace trygg::domain {

struct EncodedEvent {
  std::string type;     // e.g. "trygg.v1.MeasureAssigned"
  std::string payload;  // SerializeAsString() of the message
};

[[nodiscard]] EncodedEvent Encode(const DomainEvent& event);

// The full name of the event's message, e.g. "trygg.v1.MeasureAssigned".
[[nodiscard]] std::string_view EventType(const DomainEvent& event);

// nullopt when `type` is not one of DomainEvent's messages (e.g. written by a newer version) or
// `payload` does not parse as that message. Callers decide whether that is corruption or a type
// to skip; Decode itself never fails loudly.
[[nodiscard]] std::optional<DomainEvent> Decode(std::string_view type, std::string_view payload);

}  // namespace trygg::domain
