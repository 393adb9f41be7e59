// A set of measures (an agency's, a plan's, a focus area's) with its counts kept current, so a
// status query reads counts instead of recounting the measures.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "id_set.h"
#include "measure_facts.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Measures per status, indexed by the MeasureStatus value.
using StatusCounts = std::array<uint64_t, v1::MeasureStatus_ARRAYSIZE>;

// One StatusCount per status with at least one measure, in enum order.
void AppendCounts(const StatusCounts& counts,
                  google::protobuf::RepeatedPtrField<v1::StatusCount>* out);

class MeasureGroup {
 public:
  // O(log k). Add a measure's facts; Remove exactly the facts that were added.
  void Add(const MeasureFacts& facts);
  void Remove(const MeasureFacts& facts);
  // O(log d). The same measure, filed with `before`, now has the facts `after`: only its counts
  // move (its id stays).
  void Change(const MeasureFacts& before, const MeasureFacts& after);

  const IdSet& ids() const { return ids_; }
  uint64_t total() const { return ids_.size(); }
  uint64_t count(v1::MeasureStatus status) const;
  // Open measures due before `today`: O(distinct due dates before today).
  uint64_t Overdue(std::string_view today) const;
  // One StatusCount per status with at least one measure, in enum order.
  void AppendCounts(google::protobuf::RepeatedPtrField<v1::StatusCount>* counts) const {
    projections::AppendCounts(counts_, counts);
  }

 private:
  // Open with a due date: filed in open_due_.
  static bool CanBeOverdue(const MeasureFacts& facts);
  void Count(const MeasureFacts& facts);
  void Uncount(const MeasureFacts& facts);

  IdSet ids_;
  StatusCounts counts_{};
  // Due date → number of open measures due that day. Only open measures with a due date are here,
  // which is exactly what can be overdue; the map stays as small as the number of distinct dates.
  std::map<std::string, uint64_t, std::less<>> open_due_;
};

}  // namespace trygg::projections
