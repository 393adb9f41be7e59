// The plans: each one's creation, its measures (as a whole and per focus area), and its picture
// (everything else its stream and its measures say).
#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "measure_facts.h"
#include "measure_group.h"
#include "measure_views.h"
#include "plan_picture.h"
#include "trygg/domain/result.h"
#include "trygg/projections/event_view.h"
#include "trygg/v1/events.pb.h"

namespace trygg::projections {

struct PlanMeasures {
  MeasureGroup all;
  // Keyed by focus area key, including keys the plan does not list (the domain rejects those,
  // but the fold does not depend on it).
  std::map<std::string, MeasureGroup, std::less<>> by_focus_area;
};

struct PlanEntry {
  // nullopt for a plan that measures name but that was never created (the fold files them anyway).
  std::optional<v1::PlanCreated> created;
  PlanMeasures measures;
  PlanPicture picture;
};

class PlanIndex {
 public:
  // INTERNAL when the plan already exists: the domain creates each plan once.
  [[nodiscard]] grpc::Status Create(const v1::PlanCreated& event);

  // Refiles a measure whose facts changed from `before` (nullptr for a new measure) to `after`.
  // A measure's plan and focus area never change, but its status and due date do. Files a new
  // measure in `filed` (plan, focus_area and picture), and refiles it there after.
  void Update(const MeasureFacts* before, const MeasureFacts& after, Filing& filed);

  // The picture of the plan whose stream `event` is on, for one of the plan's own events.
  // INTERNAL when the event is not on stream "plan-<plan_id>" or that plan was never created.
  [[nodiscard]] domain::Result<PlanPicture*> PictureFor(std::string_view plan_id,
                                                        const EventView& event);

  // nullptr when the plan was never created.
  const PlanEntry* Find(std::string_view plan_id) const;
  const v1::PlanCreated* FindPlan(std::string_view plan_id) const;
  // nullptr when the plan was neither created nor named by a measure.
  const PlanMeasures* Measures(std::string_view plan_id) const;

 private:
  // A map: its nodes stay put, so measures keep pointers to their plan's groups and picture.
  std::map<std::string, PlanEntry, std::less<>> plans_;
};

}  // namespace trygg::projections
