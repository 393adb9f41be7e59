#include "plan_index.h"

#include <cassert>

#include "trygg/domain/streams.h"

namespace trygg::projections {

grpc::Status PlanIndex::Create(const v1::PlanCreated& event) {
  auto it = plans_.find(event.plan_id());
  if (it == plans_.end()) it = plans_.try_emplace(event.plan_id()).first;
  if (it->second.created) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "plan " + event.plan_id() + " created twice");
  }
  it->second.created = event;
  return grpc::Status::OK;
}

void PlanIndex::Update(const MeasureFacts* before, const MeasureFacts& after, Filing& filed) {
  if (before != nullptr) {
    assert(before->plan_id == after.plan_id && before->focus_area == after.focus_area);
    filed.plan->Change(*before, after);
    filed.focus_area->Change(*before, after);
    return;
  }
  auto plan = plans_.find(after.plan_id);
  if (plan == plans_.end()) plan = plans_.try_emplace(std::string(after.plan_id)).first;
  PlanMeasures& measures = plan->second.measures;
  auto area = measures.by_focus_area.find(after.focus_area);
  if (area == measures.by_focus_area.end()) {
    area = measures.by_focus_area.try_emplace(std::string(after.focus_area)).first;
  }
  filed.plan = &measures.all;
  filed.focus_area = &area->second;
  filed.picture = &plan->second.picture;
  filed.plan->Add(after);
  filed.focus_area->Add(after);
}

domain::Result<PlanPicture*> PlanIndex::PictureFor(std::string_view plan_id,
                                                   const EventView& event) {
  auto it = plans_.find(plan_id);
  const bool on_stream = IsStreamOf(domain::kPlanStreamPrefix, plan_id, event.stream_id);
  if (!on_stream || it == plans_.end() || !it->second.created) {
    return grpc::Status(
        grpc::StatusCode::INTERNAL,
        "event at position " + std::to_string(event.position) + " (" + std::string(event.type) +
            " on " + std::string(event.stream_id) + ") for plan '" + std::string(plan_id) +
            "': " + (on_stream ? "the plan was never created" : "not on the plan's stream"));
  }
  return &it->second.picture;
}

const PlanEntry* PlanIndex::Find(std::string_view plan_id) const {
  auto it = plans_.find(plan_id);
  return it == plans_.end() || !it->second.created ? nullptr : &it->second;
}

const v1::PlanCreated* PlanIndex::FindPlan(std::string_view plan_id) const {
  const PlanEntry* plan = Find(plan_id);
  return plan == nullptr ? nullptr : &*plan->created;
}

const PlanMeasures* PlanIndex::Measures(std::string_view plan_id) const {
  auto it = plans_.find(plan_id);
  return it == plans_.end() ? nullptr : &it->second.measures;
}

}  // namespace trygg::projections
