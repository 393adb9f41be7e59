// Which events `trygg watch --agency ID` shows. The rule, in full:
//
//   An event is shown when
//     (a) the principal who caused it acted for the agency (the event's `agency`), or
//     (b) it is about the agency itself (AgencyRegistered of that agency), or
//     (c) it is on the stream of a measure that is the agency's: one assigned to it when watch
//         started (from StatusService), or by a MeasureAssigned that watch has read since. The
//         MeasureAssigned that hands a measure to the agency, or away from it, is shown too; the
//         measure's later events are not, once it is someone else's.
//
// So an agency following its own work sees every change to its measures, whoever makes it, and
// everything its own people do. Events of a measure before it was the agency's are shown only
// when watch started after the assignment (the measure is then known as the agency's).
#pragma once

#include <string>
#include <unordered_set>

namespace trygg::v1 {
class Event;
}

namespace trygg::cli {

class AgencyFilter {
 public:
  explicit AgencyFilter(std::string agency_id) : agency_(std::move(agency_id)) {}

  // Marks a measure as the agency's (assigned to it when watch starts).
  void AddMeasure(const std::string& measure_id) { measures_.insert(measure_id); }

  // Whether to show `event`, by the rule above. Call once per event, in log order: a
  // MeasureAssigned updates which measures are the agency's.
  bool Matches(const v1::Event& event);

 private:
  std::string agency_;
  std::unordered_set<std::string> measures_;
};

}  // namespace trygg::cli
