// Event payloads: whether each is one of trygg's event types and parses as the type it declares,
// and the payload as JSON (protobuf's JSON mapping), through the domain's codec.
#pragma once

#include <google/protobuf/util/json_util.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/eventstore/status.h"

namespace trygg::audit {

// How trygg-audit prints protobuf messages as JSON for people and scripts (history, replay, the
// CSV payload column): field names as in the .proto files (snake_case) and every field, also those
// at their default value, so every record has the same shape. (Export lines leave defaults out:
// see export.h.)
google::protobuf::util::JsonPrintOptions JsonOptions();

// True when `type` is one of the event types of trygg/v1/events.proto this build knows
// ("trygg.v1.MeasureAssigned", ...).
bool IsKnownEventType(std::string_view type);

// Checks payloads one after another, counting events by type. Parses each payload into a message
// of its type that it keeps from one payload to the next, so a long walk allocates little. One
// thread at a time.
class PayloadChecker {
 public:
  PayloadChecker();
  ~PayloadChecker();
  PayloadChecker(const PayloadChecker&) = delete;
  PayloadChecker& operator=(const PayloadChecker&) = delete;

  // Empty when the payload parses as `type`, or when `type` is one this build does not know (a
  // newer writer's; counted in unknown_types(), for the caller to report). Otherwise the problem.
  std::string Check(std::string_view type, std::string_view payload);

  using Counts = std::map<std::string, uint64_t, std::less<>>;
  // Events seen, by type.
  Counts counts_by_type() const;
  const Counts& unknown_types() const { return unknown_; }

 private:
  struct Known;
  std::vector<Known> known_;  // one per event type this build knows
  Counts unknown_;
};

// The payload as compact JSON: the message of its type in protobuf's JSON mapping, or, when the
// type is unknown to this build or the payload does not parse, a JSON string with the payload's
// bytes in base64.
std::string PayloadJson(std::string_view type, std::string_view payload);

// The payload in base64, as a JSON string (with its quotes).
std::string Base64Json(std::string_view bytes);

}  // namespace trygg::audit
