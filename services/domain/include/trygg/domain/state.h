// The current state of one plan, agency or measure: what Decide needs to judge a command, folded
// from that aggregate's stream with Evolve. Plain values; copy freely.
//
// `version` is the number of events folded, which equals the stream's version when the whole
// stream was folded: pass it as the expected version when appending the decided event, so that
// a concurrent write to the same stream fails the append instead of being overwritten.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
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

  // The number of the latest adoption (PlanAdopted.version); 0 while never adopted.
  std::uint32_t adopted_version = 0;

  // What the plan holds, by id, as far as Decide needs it: which focus area each thing belongs
  // to, and whether it was retired or ended (retired things stay: their ids are taken).
  struct InputInfo {
    std::string focus_area;  // empty when the input concerns several focus areas
  };
  struct FindingInfo {
    std::string focus_area;
    bool retired = false;
  };
  struct CauseInfo {
    std::string focus_area;
    std::uint32_t number = 0;  // 1, 2, 3 … within the focus area
    bool retired = false;
  };
  struct GroupInfo {
    std::string name;
  };
  struct PromiseInfo {
    bool ended = false;
  };
  std::map<std::string, InputInfo, std::less<>> inputs;
  std::map<std::string, FindingInfo, std::less<>> findings;
  std::map<std::string, CauseInfo, std::less<>> causes;
  // Focus area key -> the highest cause number given in it, retired causes included, so that a
  // number is never given twice.
  std::map<std::string, std::uint32_t, std::less<>> causes_numbered;
  std::map<std::string, GroupInfo, std::less<>> groups;
  std::map<std::string, PromiseInfo, std::less<>> promises;

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
  // In the order they were linked, added or first set; each id at most once.
  std::vector<std::string> cause_ids;    // the plan's causes the measure addresses now
  std::vector<std::string> partner_ids;  // partner agencies now
  std::vector<std::string> goal_ids;     // operational goals now (retired ones removed)

  bool exists() const noexcept { return version > 0; }
};

}  // namespace trygg::domain
