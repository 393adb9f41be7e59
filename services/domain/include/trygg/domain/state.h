// The current state of one plan, agency or measure: what Decide needs to judge a command, folded
// from that aggregate's stream with Evolve. Plain values; copy freely.
//
// `version` is the number of events folded, which equals the stream's version when the whole
// stream was folded: pass it as the expected version when appending the decided event, so that
// a concurrent write to the same stream fails the append instead of being overwritten.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::domain {

struct PlanState {
  std::uint64_t version = 0;
  std::string plan_id;
  std::string name;
  std::string municipality;
  std::vector<v1::FocusArea> focus_areas;  // in the plan's order

  bool exists() const noexcept { return version > 0; }
  bool HasFocusArea(std::string_view key) const {
    return std::any_of(focus_areas.begin(), focus_areas.end(),
                       [key](const v1::FocusArea& area) { return area.key() == key; });
  }
};

struct AgencyState {
  std::uint64_t version = 0;
  std::string agency_id;
  std::string name;
  std::string kind;

  bool exists() const noexcept { return version > 0; }
};

struct MeasureState {
  std::uint64_t version = 0;
  std::string measure_id;
  std::string plan_id;
  std::string focus_area;
  // MEASURE_STATUS_UNSPECIFIED only while the measure does not exist.
  v1::MeasureStatus status = v1::MEASURE_STATUS_UNSPECIFIED;
  v1::Priority priority = v1::PRIORITY_UNSPECIFIED;  // until prioritised
  std::string responsible_agency_id;                 // empty until assigned
  std::string due_date;                              // "YYYY-MM-DD", empty until assigned
  std::uint32_t percent_complete = 0;                // last reported; 100 once completed

  bool exists() const noexcept { return version > 0; }
};

}  // namespace trygg::domain
