#include "measure_fold.h"

#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

namespace trygg::projections {

using google::protobuf::util::TimeUtil;

void Propose(v1::MeasureProposed&& event, std::string_view principal, v1::Measure& measure) {
  // Neither message is on an arena, so each string changes hands without a copy or allocation.
  measure.set_allocated_measure_id(event.release_measure_id());
  measure.set_allocated_plan_id(event.release_plan_id());
  measure.set_allocated_focus_area(event.release_focus_area());
  measure.set_allocated_title(event.release_title());
  measure.set_allocated_description(event.release_description());
  measure.set_status(v1::MEASURE_STATUS_PROPOSED);
  measure.set_proposed_by(std::string(principal));
}

void Fold(const v1::MeasurePrioritised& event, v1::Measure& measure) {
  measure.set_priority(event.priority());
}

void Fold(const v1::MeasureAssigned& event, v1::Measure& measure) {
  measure.set_responsible_agency_id(event.agency_id());
  measure.set_due_date(event.due_date());
  measure.set_last_note(event.note());
}

void Fold(const v1::MeasureStarted& /*event*/, v1::Measure& /*measure*/) {}

void Fold(const v1::MeasureProgressReported& event, v1::Measure& measure) {
  measure.set_percent_complete(event.percent_complete());
  measure.set_last_note(event.note());
}

void Fold(const v1::MeasureCompleted& event, v1::Measure& measure) {
  measure.set_percent_complete(100);
  measure.set_outcome(event.outcome());
}

void Fold(const v1::MeasureWithdrawn& event, v1::Measure& measure) {
  measure.set_withdrawal_reason(event.reason());
}

void Stamp(uint64_t version, int64_t recorded_at_us, v1::Measure& measure) {
  measure.set_version(version);
  // Normalised as Timestamp requires (0 <= nanos < 1e9), also before 1970.
  const google::protobuf::Timestamp at = TimeUtil::MicrosecondsToTimestamp(recorded_at_us);
  if (!measure.has_created_at()) *measure.mutable_created_at() = at;
  *measure.mutable_updated_at() = at;
}

}  // namespace trygg::projections
