// The traceability flags (status.proto's TraceabilityFlag) of a plan's findings, causes and
// measures, judged in one place for GetTraceability and GetPlanOverview.
#pragma once

#include <absl/container/flat_hash_set.h>
#include <google/protobuf/repeated_field.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <string>
#include <string_view>
#include <vector>

#include "measure_views.h"
#include "plan_index.h"
#include "plan_picture.h"
#include "trygg/domain/period.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// The plan's findings of one focus area in the order they were recorded, retired ones only when
// asked for.
std::vector<const v1::Finding*> FindingsOf(const PlanPicture& picture, std::string_view focus_area,
                                           bool include_retired);
// The same for causes, by number.
std::vector<const v1::Cause*> CausesOf(const PlanPicture& picture, std::string_view focus_area,
                                       bool include_retired);

class TraceJudge {
 public:
  // `period`: the period NO_FOLLOW_UP is judged for, nullptr for none; it is not judged either
  // for a period that begins after `today`. Both must outlive the judge.
  TraceJudge(const PlanPicture& picture, const domain::Period* period, std::string_view today);

  // FINDING_UNUSED: no cause that is not retired rests on it.
  bool FindingUnused(const v1::Finding& finding) const;
  // CAUSE_WITHOUT_MEASURE: no measure that is not withdrawn addresses it.
  bool CauseWithoutMeasure(const v1::Cause& cause) const;
  // The measure's flags, in enum order; its partners that never followed up go to `silent`.
  void JudgeMeasure(const MeasureEntry& entry, google::protobuf::RepeatedField<int>* flags,
                    google::protobuf::RepeatedPtrField<std::string>* silent) const;

  // The flags of the plan's findings and causes of `focus_area` (all when empty) and of the
  // measures of `measures`.
  v1::TraceabilityFlagCounts Count(std::string_view focus_area, const IdSet& measures) const;

 private:
  const PlanPicture& picture_;
  const domain::Period* period_;                         // nullptr: NO_FOLLOW_UP is not judged
  absl::flat_hash_set<std::string_view> used_findings_;  // by causes that are not retired
};

}  // namespace trygg::projections
