// One recorded event as the projections see it: borrowed views of a record from the event log,
// valid only for the duration of the call they are passed to. The projections copy what they keep.
#pragma once

#include <cstdint>
#include <string_view>

namespace trygg::projections {

struct EventView {
  uint64_t position = 0;       // global log position, 1 for the first event
  std::string_view stream_id;  // "plan-<id>", "agency-<id>", "measure-<id>"
  uint64_t version = 0;        // version within the stream, 1 for the stream's first event
  std::string_view type;       // protobuf full name, e.g. "trygg.v1.MeasureAssigned"
  std::string_view payload;    // the serialized message of that type
  std::string_view principal;  // who caused it (log metadata)
  std::string_view agency;     // the principal's agency (log metadata), may be empty
  int64_t recorded_at_us = 0;  // server clock at commit, microseconds since the Unix epoch (UTC)
};

}  // namespace trygg::projections
