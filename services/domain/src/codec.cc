#include "trygg/domain/codec.h"

#include <climits>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace trygg::domain {
namespace {

// Parses `payload` as the I-th alternative of DomainEvent if `type` is its full name; otherwise
// tries the next alternative. One loop over the variant keeps the type list in one place
// (event.h), so a new event type cannot be forgotten here.
template <std::size_t I = 0>
std::optional<DomainEvent> DecodeAs(std::string_view type, std::string_view payload) {
  if constexpr (I == std::variant_size_v<DomainEvent>) {
    return std::nullopt;  // not a type this build knows
  } else {
    using Message = std::variant_alternative_t<I, DomainEvent>;
    if (type != Message::descriptor()->full_name()) return DecodeAs<I + 1>(type, payload);
    Message message;
    if (!message.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
      return std::nullopt;
    }
    return DomainEvent(std::in_place_index<I>, std::move(message));
  }
}

}  // namespace

std::string_view EventType(const DomainEvent& event) {
  return std::visit(
      [](const auto& message) -> std::string_view {
        return std::decay_t<decltype(message)>::descriptor()->full_name();
      },
      event);
}

EncodedEvent Encode(const DomainEvent& event) {
  return std::visit(
      [](const auto& message) {
        return EncodedEvent{std::string(std::decay_t<decltype(message)>::descriptor()->full_name()),
                            message.SerializeAsString()};
      },
      event);
}

std::optional<DomainEvent> Decode(std::string_view type, std::string_view payload) {
  // ParseFromArray takes an int size; a larger payload is no event of ours (the store caps
  // payloads at 1 MiB anyway).
  if (payload.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  return DecodeAs(type, payload);
}

}  // namespace trygg::domain
