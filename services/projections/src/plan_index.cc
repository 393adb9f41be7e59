#include "plan_index.h"

#include <cassert>

namespace trygg::projections {

grpc::Status PlanIndex::Create(const v1::PlanCreated& event) {
  auto [it, inserted] = plans_.try_emplace(event.plan_id(), event);
  if (!inserted)
    return grpc::Status(grpc::StatusCode::INTERNAL, "plan " + event.plan_id() + " created twice");
  return grpc::Status::OK;
}

void PlanIndex::Update(const MeasureFacts* before, const MeasureFacts& after, Filing& filed) {
  if (before != nullptr) {
    assert(before->plan_id == after.plan_id && before->focus_area == after.focus_area);
    filed.plan->Change(*before, after);
    filed.focus_area->Change(*before, after);
    return;
  }
  auto plan = measures_.find(after.plan_id);
  if (plan == measures_.end()) plan = measures_.try_emplace(std::string(after.plan_id)).first;
  auto area = plan->second.by_focus_area.find(after.focus_area);
  if (area == plan->second.by_focus_area.end()) {
    area = plan->second.by_focus_area.try_emplace(std::string(after.focus_area)).first;
  }
  // Map nodes stay put, so the measure may keep pointers to its groups.
  filed.plan = &plan->second.all;
  filed.focus_area = &area->second;
  filed.plan->Add(after);
  filed.focus_area->Add(after);
}

const v1::PlanCreated* PlanIndex::FindPlan(std::string_view plan_id) const {
  auto it = plans_.find(plan_id);
  return it == plans_.end() ? nullptr : &it->second;
}

const PlanMeasures* PlanIndex::Measures(std::string_view plan_id) const {
  auto it = measures_.find(plan_id);
  return it == measures_.end() ? nullptr : &it->second;
}

}  // namespace trygg::projections
