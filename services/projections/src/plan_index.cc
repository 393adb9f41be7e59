#include "plan_index.h"

#include <cassert>

namespace trygg::projections {

grpc::Status PlanIndex::Create(const v1::PlanCreated& event) {
  auto [it, inserted] = plans_.try_emplace(event.plan_id(), event);
  if (!inserted)
    return grpc::Status(grpc::StatusCode::INTERNAL, "plan " + event.plan_id() + " created twice");
  return grpc::Status::OK;
}

void PlanIndex::Update(const MeasureFacts* before, const MeasureFacts& after) {
  if (before != nullptr) {
    assert(before->plan_id == after.plan_id && before->focus_area == after.focus_area);
    auto it = measures_.find(before->plan_id);
    assert(it != measures_.end());
    it->second.all.Remove(*before);
    auto area = it->second.by_focus_area.find(before->focus_area);
    assert(area != it->second.by_focus_area.end());
    area->second.Remove(*before);
  }
  PlanMeasures& plan = measures_[after.plan_id];
  plan.all.Add(after);
  plan.by_focus_area[after.focus_area].Add(after);
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
