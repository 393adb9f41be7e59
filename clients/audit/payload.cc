#include "audit/payload.h"

#include <google/protobuf/wrappers.pb.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <type_traits>
#include <utility>
#include <variant>

#include "trygg/domain/codec.h"
#include "trygg/domain/event.h"

namespace trygg::audit {
namespace {

// The full names of domain::DomainEvent's alternatives: the one list of event types (event.h).
template <std::size_t... I>
std::array<std::string_view, sizeof...(I)> NamesOf(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, domain::DomainEvent>::descriptor()->full_name()...};
}

// A fresh message of each alternative, in the same order.
template <std::size_t... I>
std::vector<std::unique_ptr<google::protobuf::Message>> MessagesOf(std::index_sequence<I...>) {
  std::vector<std::unique_ptr<google::protobuf::Message>> messages;
  (messages.push_back(std::make_unique<std::variant_alternative_t<I, domain::DomainEvent>>()), ...);
  return messages;
}

constexpr auto kAlternatives = std::make_index_sequence<std::variant_size_v<domain::DomainEvent>>();

// Looked up once: descriptor() is not free, and a walk asks for every event.
const auto& KnownNames() {
  static const auto names = NamesOf(kAlternatives);
  static_assert(names.size() == std::variant_size_v<domain::DomainEvent>);
  return names;
}

}  // namespace

google::protobuf::util::JsonPrintOptions JsonOptions() {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  return options;
}

bool IsKnownEventType(std::string_view type) {
  const auto& names = KnownNames();
  return std::find(names.begin(), names.end(), type) != names.end();
}

struct PayloadChecker::Known {
  std::string_view name;
  std::unique_ptr<google::protobuf::Message> message;  // parsed into, payload after payload
  uint64_t count = 0;
};

PayloadChecker::PayloadChecker() {
  const auto& names = KnownNames();
  std::vector<std::unique_ptr<google::protobuf::Message>> messages = MessagesOf(kAlternatives);
  for (std::size_t i = 0; i < names.size(); ++i) {
    known_.push_back(Known{names[i], std::move(messages[i]), 0});
  }
}

PayloadChecker::~PayloadChecker() = default;

std::string PayloadChecker::Check(std::string_view type, std::string_view payload) {
  for (Known& known : known_) {
    if (known.name != type) continue;
    ++known.count;
    // What domain::Decode does for this type, into a message kept from the last payload.
    if (payload.size() > static_cast<std::size_t>(INT_MAX) ||
        !known.message->ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
      return "its payload (" + std::to_string(payload.size()) + " bytes) does not parse as " +
             std::string(type);
    }
    return "";
  }
  auto unknown = unknown_.find(type);
  if (unknown == unknown_.end()) unknown = unknown_.emplace(std::string(type), 0).first;
  ++unknown->second;
  return "";
}

PayloadChecker::Counts PayloadChecker::counts_by_type() const {
  Counts counts = unknown_;
  for (const Known& known : known_) {
    if (known.count > 0) counts.emplace(std::string(known.name), known.count);
  }
  return counts;
}

std::string Base64Json(std::string_view bytes) {
  google::protobuf::BytesValue wrapped;
  wrapped.set_value(std::string(bytes));
  std::string json;
  // A BytesValue prints as its value in base64; failing to print one is not an input's fault.
  if (!google::protobuf::util::MessageToJsonString(wrapped, &json).ok()) return "\"\"";
  return json;
}

std::string PayloadJson(std::string_view type, std::string_view payload) {
  std::optional<domain::DomainEvent> event = domain::Decode(type, payload);
  if (!event) return Base64Json(payload);
  std::string json;
  google::protobuf::util::JsonPrintOptions options = JsonOptions();
  const bool printed = std::visit(
      [&](const auto& message) {
        return google::protobuf::util::MessageToJsonString(message, &json, options).ok();
      },
      *event);
  return printed ? json : Base64Json(payload);
}

}  // namespace trygg::audit
