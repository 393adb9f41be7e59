// The created plans, and per plan its measures, as a whole and per focus area.
#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <string>
#include <string_view>

#include "measure_facts.h"
#include "measure_group.h"
#include "measure_views.h"
#include "trygg/v1/events.pb.h"

namespace trygg::projections {

struct PlanMeasures {
  MeasureGroup all;
  // Keyed by focus area key, including keys the plan does not list (the domain rejects those,
  // but the fold does not depend on it).
  std::map<std::string, MeasureGroup, std::less<>> by_focus_area;
};

class PlanIndex {
 public:
  // INTERNAL when the plan already exists: the domain creates each plan once.
  [[nodiscard]] grpc::Status Create(const v1::PlanCreated& event);

  // Refiles a measure whose facts changed from `before` (nullptr for a new measure) to `after`.
  // A measure's plan and focus area never change, but its status and due date do. Files a new
  // measure in `filed` (plan and focus_area), and refiles it there after.
  void Update(const MeasureFacts* before, const MeasureFacts& after, Filing& filed);

  // nullptr when never created.
  const v1::PlanCreated* FindPlan(std::string_view plan_id) const;
  // nullptr when the plan has no measures.
  const PlanMeasures* Measures(std::string_view plan_id) const;

 private:
  std::map<std::string, v1::PlanCreated, std::less<>> plans_;
  std::map<std::string, PlanMeasures, std::less<>> measures_;
};

}  // namespace trygg::projections
