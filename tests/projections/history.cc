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

uint64_t History::Link(std::string_view measure_id, std::string_view cause_id) {
  v1::MeasureLinkedToCause event;
  event.set_measure_id(std::string(measure_id));
  event.set_cause_id(std::string(cause_id));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::Unlink(std::string_view measure_id, std::string_view cause_id) {
  v1::MeasureUnlinkedFromCause event;
  event.set_measure_id(std::string(measure_id));
  event.set_cause_id(std::string(cause_id));
  event.set_reason("fel orsak");
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::SetGoal(std::string_view measure_id, std::string_view goal_id, double baseline,
                          double target) {
  v1::OperationalGoalSet event;
  event.set_measure_id(std::string(measure_id));
  event.set_goal_id(std::string(goal_id));
  event.set_indicator("andel");
  event.set_unit("%");
  event.set_baseline(baseline);
  event.set_target(target);
  event.set_by_date("2026-12-31");
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::RetireGoal(std::string_view measure_id, std::string_view goal_id) {
  v1::OperationalGoalRetired event;
  event.set_measure_id(std::string(measure_id));
  event.set_goal_id(std::string(goal_id));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::AddPartner(std::string_view measure_id, std::string_view agency_id,
                             std::string_view commitment) {
  v1::PartnerAdded event;
  event.set_measure_id(std::string(measure_id));
  event.set_agency_id(std::string(agency_id));
  event.set_commitment(std::string(commitment));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::RemovePartner(std::string_view measure_id, std::string_view agency_id) {
  v1::PartnerRemoved event;
  event.set_measure_id(std::string(measure_id));
  event.set_agency_id(std::string(agency_id));
  return Append(MeasureStream(measure_id), event);
}

uint64_t History::FollowUp(std::string_view measure_id, std::string_view period,
                           std::string_view party, v1::Health health, double hours,
                           uint64_t cost_sek,
                           const std::vector<std::pair<std::string, double>>& values) {
  v1::FollowUpRecorded event;
  event.set_measure_id(std::string(measure_id));
  event.set_period(std::string(period));
  event.set_party(std::string(party));
  event.set_health(health);
  event.set_hours(hours);
  event.set_cost_sek(cost_sek);
  for (const auto& [goal_id, value] : values) {
    v1::IndicatorValue* measured = event.add_values();
    measured->set_goal_id(goal_id);
    measured->set_value(value);
  }
  return Append(MeasureStream(measure_id), event, "uppfoljare", party);
}

uint64_t History::OnPlan(std::string_view plan_id, const google::protobuf::Message& event) {
  return Append("plan-" + std::string(plan_id), event);
}

uint64_t History::RecordInput(std::string_view plan_id, std::string_view input_id,
                              std::string_view focus_area, std::string_view summary) {
  v1::ResidentInputRecorded event;
  event.set_plan_id(std::string(plan_id));
  event.set_input_id(std::string(input_id));
  event.set_focus_area(std::string(focus_area));
  event.set_channel(v1::INPUT_CHANNEL_SAFETY_WALK);
  event.set_received_on("2026-03-10");
  event.set_people(25);
  event.set_summary(std::string(summary));
  return OnPlan(plan_id, event);
}

uint64_t History::RecordFinding(std::string_view plan_id, std::string_view finding_id,
                                std::string_view focus_area,
                                const std::vector<std::string>& input_ids, std::string_view text) {
  v1::FindingRecorded event;
  event.set_plan_id(std::string(plan_id));
  event.set_finding_id(std::string(finding_id));
  event.set_focus_area(std::string(focus_area));
  event.set_text(std::string(text));
  event.set_source(v1::FINDING_SOURCE_CRIME_STATISTICS);
  event.set_period("2025");
  for (const std::string& id : input_ids) event.add_input_ids(id);
  return OnPlan(plan_id, event);
}

uint64_t History::IdentifyCause(std::string_view plan_id, std::string_view cause_id,
                                std::string_view focus_area, uint32_t number,
                                const std::vector<std::string>& finding_ids,
                                std::string_view text) {
  v1::CauseIdentified event;
  event.set_plan_id(std::string(plan_id));
  event.set_cause_id(std::string(cause_id));
  event.set_focus_area(std::string(focus_area));
  event.set_number(number);
  event.set_text(std::string(text));
  for (const std::string& id : finding_ids) event.add_finding_ids(id);
  return OnPlan(plan_id, event);
}

uint64_t History::RetireFinding(std::string_view plan_id, std::string_view finding_id) {
  v1::FindingRetired event;
  event.set_plan_id(std::string(plan_id));
  event.set_finding_id(std::string(finding_id));
  event.set_reason("inaktuell");
  return OnPlan(plan_id, event);
}

uint64_t History::RetireCause(std::string_view plan_id, std::string_view cause_id) {
  v1::CauseRetired event;
  event.set_plan_id(std::string(plan_id));
  event.set_cause_id(std::string(cause_id));
  event.set_reason("inaktuell");
  return OnPlan(plan_id, event);
}

uint64_t History::FormGroup(std::string_view plan_id, std::string_view group_id,
                            const std::vector<std::string>& agency_ids,
                            const std::vector<std::string>& focus_areas) {
  v1::WorkingGroupFormed event;
  event.set_plan_id(std::string(plan_id));
  event.set_group_id(std::string(group_id));
  event.set_name("Grupp " + std::string(group_id));
  for (const std::string& id : agency_ids) event.add_agency_ids(id);
  for (const std::string& key : focus_areas) event.add_focus_areas(key);
  return OnPlan(plan_id, event);
}

uint64_t History::Adopt(std::string_view plan_id, uint32_t version) {
  v1::PlanAdopted event;
  event.set_plan_id(std::string(plan_id));
  event.set_version(version);
  event.set_adopted_by("Kommunstyrelsen");
  event.set_decision_date("2026-02-01");
  event.set_reference("KS 2026/" + std::to_string(version));
  event.add_signatories("kommunstyrelsens ordförande");
  return OnPlan(plan_id, event);
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
