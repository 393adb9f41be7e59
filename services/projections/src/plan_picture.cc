#include "plan_picture.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <utility>

#include "follow_up.h"

namespace trygg::projections {
namespace {

using google::protobuf::util::TimeUtil;

grpc::Status Contradiction(const EventView& view, const std::string& why) {
  return grpc::Status(grpc::StatusCode::INTERNAL, "event at position " +
                                                      std::to_string(view.position) + " (" +
                                                      std::string(view.type) + " on " +
                                                      std::string(view.stream_id) + "): " + why);
}

grpc::Status Twice(const EventView& view, std::string_view what, const std::string& id) {
  return Contradiction(view, std::string(what) + " " + id + " recorded twice");
}

grpc::Status Unknown(const EventView& view, std::string_view what, const std::string& id) {
  return Contradiction(view, "no " + std::string(what) + " " + id + " was recorded");
}

google::protobuf::Timestamp TimeOf(const EventView& view) {
  return TimeUtil::MicrosecondsToTimestamp(view.recorded_at_us);
}

}  // namespace

grpc::Status PlanPicture::Fold(const v1::ResidentInputRecorded& event, const EventView& view) {
  v1::ResidentInput* input = inputs_.Add(event.input_id());
  if (input == nullptr) return Twice(view, "residents' input", event.input_id());
  input->set_input_id(event.input_id());
  input->set_focus_area(event.focus_area());
  input->set_channel(event.channel());
  input->set_area(event.area());
  input->set_received_on(event.received_on());
  input->set_people(event.people());
  input->set_summary(event.summary());
  input->set_recorded_by(std::string(view.principal));
  *input->mutable_recorded_at() = TimeOf(view);
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::FindingRecorded& event, const EventView& view) {
  v1::Finding* finding = findings_.Add(event.finding_id());
  if (finding == nullptr) return Twice(view, "finding", event.finding_id());
  finding->set_finding_id(event.finding_id());
  finding->set_focus_area(event.focus_area());
  finding->set_text(event.text());
  finding->set_source(event.source());
  finding->set_period(event.period());
  finding->set_area(event.area());
  *finding->mutable_input_ids() = event.input_ids();
  finding->set_recorded_by(std::string(view.principal));
  *finding->mutable_recorded_at() = TimeOf(view);
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::FindingRevised& event, const EventView& view) {
  v1::Finding* finding = findings_.Find(event.finding_id());
  if (finding == nullptr) return Unknown(view, "finding", event.finding_id());
  finding->set_text(event.text());
  *finding->mutable_input_ids() = event.input_ids();
  finding->set_revisions(finding->revisions() + 1);
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::FindingRetired& event, const EventView& view) {
  v1::Finding* finding = findings_.Find(event.finding_id());
  if (finding == nullptr) return Unknown(view, "finding", event.finding_id());
  finding->set_retired(true);
  finding->set_retirement_reason(event.reason());
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::CauseIdentified& event, const EventView& view) {
  v1::Cause* cause = causes_.Add(event.cause_id());
  if (cause == nullptr) return Twice(view, "cause", event.cause_id());
  cause->set_cause_id(event.cause_id());
  cause->set_focus_area(event.focus_area());
  cause->set_number(event.number());
  cause->set_text(event.text());
  *cause->mutable_finding_ids() = event.finding_ids();
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::CauseRevised& event, const EventView& view) {
  v1::Cause* cause = causes_.Find(event.cause_id());
  if (cause == nullptr) return Unknown(view, "cause", event.cause_id());
  cause->set_text(event.text());
  *cause->mutable_finding_ids() = event.finding_ids();
  cause->set_revisions(cause->revisions() + 1);
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::CauseRetired& event, const EventView& view) {
  v1::Cause* cause = causes_.Find(event.cause_id());
  if (cause == nullptr) return Unknown(view, "cause", event.cause_id());
  cause->set_retired(true);
  cause->set_retirement_reason(event.reason());
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::WorkingGroupFormed& event, const EventView& view) {
  v1::WorkingGroup* group = groups_.Add(event.group_id());
  if (group == nullptr) return Twice(view, "working group", event.group_id());
  group->set_group_id(event.group_id());
  group->set_name(event.name());
  *group->mutable_agency_ids() = event.agency_ids();
  *group->mutable_focus_areas() = event.focus_areas();
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::WorkingGroupChanged& event, const EventView& view) {
  v1::WorkingGroup* group = groups_.Find(event.group_id());
  if (group == nullptr) return Unknown(view, "working group", event.group_id());
  group->set_name(event.name());
  *group->mutable_agency_ids() = event.agency_ids();
  *group->mutable_focus_areas() = event.focus_areas();
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::CitizenPromiseMade& event, const EventView& view) {
  v1::CitizenPromise* promise = promises_.Add(event.promise_id());
  if (promise == nullptr) return Twice(view, "citizen promise", event.promise_id());
  promise->set_promise_id(event.promise_id());
  promise->set_text(event.text());
  *promise->mutable_measure_ids() = event.measure_ids();
  *promise->mutable_signatories() = event.signatories();
  promise->set_valid_from(event.valid_from());
  promise->set_valid_to(event.valid_to());
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::CitizenPromiseEnded& event, const EventView& view) {
  v1::CitizenPromise* promise = promises_.Find(event.promise_id());
  if (promise == nullptr) return Unknown(view, "citizen promise", event.promise_id());
  promise->set_ended(true);
  promise->set_end_reason(event.reason());
  return grpc::Status::OK;
}

grpc::Status PlanPicture::Fold(const v1::PlanAdopted& event, const EventView& view) {
  v1::PlanAdoption& adoption = latest_adoption_.emplace();
  adoption.set_version(event.version());
  adoption.set_adopted_by(event.adopted_by());
  adoption.set_decision_date(event.decision_date());
  adoption.set_reference(event.reference());
  *adoption.mutable_signatories() = event.signatories();
  adoption.set_recorded_by(std::string(view.principal));
  *adoption.mutable_recorded_at() = TimeOf(view);
  adoption.set_position(view.position);
  adopted_version_ = event.version();
  changed_since_adoption_ = 0;  // every measure last changed under an earlier version
  return grpc::Status::OK;
}

void PlanPicture::Link(std::string_view cause_id, const MeasureFacts& measure) {
  auto it = measures_by_cause_.find(cause_id);
  if (it == measures_by_cause_.end()) {
    it = measures_by_cause_.try_emplace(std::string(cause_id)).first;
  }
  it->second.emplace(measure.id, measure.entry);
}

void PlanPicture::Unlink(std::string_view cause_id, const MeasureFacts& measure) {
  auto it = measures_by_cause_.find(cause_id);
  if (it == measures_by_cause_.end()) return;
  it->second.erase(measure.id);
  if (it->second.empty()) measures_by_cause_.erase(it);
}

const IdSet* PlanPicture::MeasuresOf(std::string_view cause_id) const {
  auto it = measures_by_cause_.find(cause_id);
  return it == measures_by_cause_.end() ? nullptr : &it->second;
}

void PlanPicture::NoteFollowUpPeriod(std::string_view period) {
  if (!periods_.empty() && periods_.back().canonical == period) return;  // the common case
  domain::Period noted = PeriodOf(period);
  auto at = std::lower_bound(periods_.begin(), periods_.end(), noted, domain::PeriodBefore);
  if (at != periods_.end() && at->canonical == noted.canonical) return;
  periods_.insert(at, std::move(noted));
}

const domain::Period* PlanPicture::LatestPeriodBegunBy(std::string_view today) const {
  for (auto it = periods_.rbegin(); it != periods_.rend(); ++it) {
    if (it->first_day <= today) return &*it;
  }
  return nullptr;
}

uint32_t PlanPicture::Touch(uint32_t measure_plan_version) {
  if (adopted_version_ > 0 && !ChangedSinceAdoption(measure_plan_version)) {
    ++changed_since_adoption_;
  }
  return adopted_version_;
}

}  // namespace trygg::projections
