#include "history.h"

#include <google/protobuf/util/message_differencer.h>

namespace trygg::projections::testing {

uint64_t History::Append(std::string_view stream, const google::protobuf::Message& event,
                         std::string_view principal, std::string_view agency) {
  return AppendRaw(stream, event.GetDescriptor()->full_name(), event.SerializeAsString(), principal,
                   agency);
}

uint64_t History::AppendRaw(std::string_view stream, std::string_view type,
                            std::string_view payload, std::string_view principal,
                            std::string_view agency) {
  const uint64_t position = events_.size() + 1;
  auto [it, inserted] = stream_versions_.try_emplace(std::string(stream), 0);
  const uint64_t version = ++it->second;
  events_.push_back(Stored{position, std::string(stream), version, std::string(type),
                           std::string(payload), std::string(principal), std::string(agency),
                           kStartUs + static_cast<int64_t>(position - 1) * kStepUs});
  return position;
}

EventView History::View(uint64_t position) const {
  const Stored& stored = events_.at(position - 1);
  return EventView{stored.position, stored.stream_id, stored.version, stored.type,
                   stored.payload,  stored.principal, stored.agency,  stored.recorded_at_us};
}

::testing::AssertionResult History::ApplyTo(Projections& projections) const {
  for (uint64_t position = projections.applied_position() + 1; position <= head(); ++position) {
    grpc::Status status = projections.Apply(View(position));
    if (!status.ok()) {
      return ::testing::AssertionFailure()
             << "Apply(position " << position << "): " << Describe(status);
    }
  }
  return ::testing::AssertionSuccess();
}

uint64_t History::CreatePlan(std::string_view plan_id, std::string_view name,
                             std::string_view municipality,
                             const std::vector<std::pair<std::string, std::string>>& focus_areas) {
  v1::PlanCreated event;
  event.set_plan_id(std::string(plan_id));
  event.set_name(std::string(name));
  event.set_municipality(std::string(municipality));
  for (const auto& [key, display_name] : focus_areas) {
    v1::FocusArea* area = event.add_focus_areas();
    area->set_key(key);
    area->set_name(display_name);
  }
  return Append("plan-" + std::string(plan_id), event);
}

uint64_t History::RegisterAgency(std::string_view agency_id, std::string_view name,
                                 std::string_view kind) {
  v1::AgencyRegistered event;
  event.set_agency_id(std::string(agency_id));
  event.set_name(std::string(name));
  event.set_kind(std::string(kind));
  return Append("agency-" + std::string(agency_id), event);
}

uint64_t History::Propose(std::string_view measure_id, std::string_view plan_id,
                          std::string_view focus_area, std::string_view title,
                          std::string_view description, std::string_view principal,
                          std::string_view agency) {
  v1::MeasureProposed event;
  event.set_measure_id(std::string(measure_id));
  event.set_plan_id(std::string(plan_id));
  event.set_focus_area(std::string(focus_area));
  event.set_title(std::string(title));
  event.set_description(std::string(description));
  return Append(MeasureStream(measure_id), event, principal, agency);
}

uint64_t History::Prioritise(std::string_view measure_id, v1::Priority priority,
                             std::string_view rationale) {
  v1::MeasurePrioritised event;
  event.set_measure_id(std::string(measure_id));
  event.set_priority(priority);
  event.set_rationale(std::string(rationale));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::Assign(std::string_view measure_id, std::string_view agency_id,
                         std::string_view due_date, std::string_view note) {
  v1::MeasureAssigned event;
  event.set_measure_id(std::string(measure_id));
  event.set_agency_id(std::string(agency_id));
  event.set_due_date(std::string(due_date));
  event.set_note(std::string(note));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::Start(std::string_view measure_id) {
  v1::MeasureStarted event;
  event.set_measure_id(std::string(measure_id));
  return Append(MeasureStream(measure_id), event, "enhetschef", "");
}

uint64_t History::Report(std::string_view measure_id, uint32_t percent_complete,
                         std::string_view note) {
  v1::MeasureProgressReported event;
  event.set_measure_id(std::string(measure_id));
  event.set_percent_complete(percent_complete);
  event.set_note(std::string(note));
  return Append(MeasureStream(measure_id), event, "enhetschef", "");
}

uint64_t History::Complete(std::string_view measure_id, std::string_view outcome) {
  v1::MeasureCompleted event;
  event.set_measure_id(std::string(measure_id));
  event.set_outcome(std::string(outcome));
  return Append(MeasureStream(measure_id), event, "enhetschef", "");
}

uint64_t History::Withdraw(std::string_view measure_id, std::string_view reason) {
  v1::MeasureWithdrawn event;
  event.set_measure_id(std::string(measure_id));
  event.set_reason(std::string(reason));
  return Append(MeasureStream(measure_id), event);
}

std::string MeasureStream(std::string_view measure_id) {
  return "measure-" + std::string(measure_id);
}

std::string Describe(const grpc::Status& status) {
  return "code " + std::to_string(static_cast<int>(status.error_code())) + ": " +
         status.error_message();
}

Counts CountsOf(const google::protobuf::RepeatedPtrField<v1::StatusCount>& counts) {
  Counts out;
  for (const v1::StatusCount& count : counts) out.emplace_back(count.status(), count.count());
  return out;
}

std::vector<std::string> IdsOf(const google::protobuf::RepeatedPtrField<v1::Measure>& measures) {
  std::vector<std::string> ids;
  for (const v1::Measure& measure : measures) ids.push_back(measure.measure_id());
  return ids;
}

::testing::AssertionResult ProtoEquals(const google::protobuf::Message& expected,
                                       const google::protobuf::Message& actual) {
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (differencer.Compare(expected, actual)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << differences << "expected:\n"
                                       << expected.DebugString() << "actual:\n"
                                       << actual.DebugString();
}

}  // namespace trygg::projections::testing
