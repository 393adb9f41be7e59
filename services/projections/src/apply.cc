// Projections::Apply: routes each event by type to the fold that handles it.
#include <array>
#include <climits>
#include <string>
#include <string_view>
#include <unordered_map>

#include "measure_fold.h"
#include "projections_state.h"
#include "trygg/projections/limits.h"
#include "trygg/projections/projections.h"
#include "trygg/v1/events.pb.h"

namespace trygg::projections {
namespace {

using internal::ProjectionsState;

template <typename Event>
grpc::Status Parse(const EventView& view, Event& event) {
  if (view.payload.size() > static_cast<size_t>(INT_MAX) ||
      !event.ParseFromArray(view.payload.data(), static_cast<int>(view.payload.size()))) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "event at position " + std::to_string(view.position) + " (" +
                            std::string(view.type) + " on " + std::string(view.stream_id) +
                            "): payload does not parse as its type");
  }
  return grpc::Status::OK;
}

grpc::Status ApplyPlanCreated(ProjectionsState& state, const EventView& view) {
  v1::PlanCreated event;
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  return state.plans.Create(event);
}

grpc::Status ApplyAgencyRegistered(ProjectionsState& state, const EventView& view) {
  v1::AgencyRegistered event;
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  return state.agencies.Register(event);
}

grpc::Status ApplyMeasureProposed(ProjectionsState& state, const EventView& view) {
  v1::MeasureProposed event;  // not a reused one: the measure takes its strings
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  auto created = state.measures.Create(event.measure_id(), view);
  if (!created.ok()) return created.status();
  MeasureEntry& entry = **created;
  Propose(std::move(event), view.principal, entry.view);
  Stamp(view.version, view.recorded_at_us, entry.view);
  state.File(entry);
  return grpc::Status::OK;
}

// Every later event of a measure: check it continues the measure's stream, fold it, and refile
// the measure in the indexes if what they file it under changed.
template <typename Event>
grpc::Status ApplyMeasureEvent(ProjectionsState& state, const EventView& view) {
  // Parsed into the state's message of this type: parsing reuses its strings, so a steady stream
  // of events allocates nothing here.
  Event& event = std::get<Event>(state.parsed);
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  auto next = state.measures.Next(event.measure_id(), view);
  if (!next.ok()) return next.status();
  MeasureEntry& entry = **next;
  Fold(event, entry.view);
  Stamp(view.version, view.recorded_at_us, entry.view);
  state.Refile(entry);
  return grpc::Status::OK;
}

// A type from a newer writer. Skipped, so a reader that lags behind the writer keeps working, but
// counted, so the lag shows. If it is on a known measure's stream that stream did move on, and
// Measure.version must follow, or clients would send an expected_version that is always stale.
void SkipUnknown(ProjectionsState& state, const EventView& view) {
  ++state.ignored_events;
  if (auto it = state.ignored_types.find(view.type); it != state.ignored_types.end()) {
    ++it->second;
  } else if (state.ignored_types.size() < kMaxTrackedIgnoredTypes) {
    state.ignored_types.emplace(std::string(view.type), 1);
  }
  MeasureEntry* measure = state.measures.FindByStream(view.stream_id);
  if (measure != nullptr && view.version > measure->view.version()) {
    Stamp(view.version, view.recorded_at_us, measure->view);
  }
}

using Handler = grpc::Status (*)(ProjectionsState&, const EventView&);
struct Route {
  std::string_view type;
  Handler handler;
};

template <typename Event>
Route RouteOf(Handler handler) {
  // The log's type is the message's full name (events.proto); descriptor strings live forever.
  return Route{Event::descriptor()->full_name(), handler};
}

// By type, hashed: one lookup per event instead of comparing the type with each route's (the
// names share the "trygg.v1.Measure" prefix, so those comparisons were not cheap).
const std::unordered_map<std::string_view, Handler>& Routes() {
  static const std::array<Route, 9> routes = {
      RouteOf<v1::PlanCreated>(&ApplyPlanCreated),
      RouteOf<v1::AgencyRegistered>(&ApplyAgencyRegistered),
      RouteOf<v1::MeasureProposed>(&ApplyMeasureProposed),
      RouteOf<v1::MeasurePrioritised>(&ApplyMeasureEvent<v1::MeasurePrioritised>),
      RouteOf<v1::MeasureAssigned>(&ApplyMeasureEvent<v1::MeasureAssigned>),
      RouteOf<v1::MeasureStarted>(&ApplyMeasureEvent<v1::MeasureStarted>),
      RouteOf<v1::MeasureProgressReported>(&ApplyMeasureEvent<v1::MeasureProgressReported>),
      RouteOf<v1::MeasureCompleted>(&ApplyMeasureEvent<v1::MeasureCompleted>),
      RouteOf<v1::MeasureWithdrawn>(&ApplyMeasureEvent<v1::MeasureWithdrawn>),
  };
  static const std::unordered_map<std::string_view, Handler> by_type = [] {
    std::unordered_map<std::string_view, Handler> map;
    for (const Route& route : routes) map.emplace(route.type, route.handler);
    return map;
  }();
  return by_type;
}

}  // namespace

Projections::Projections() : state_(std::make_unique<ProjectionsState>()) {}
Projections::~Projections() = default;
Projections::Projections(Projections&&) noexcept = default;
Projections& Projections::operator=(Projections&&) noexcept = default;

grpc::Status Projections::Apply(const EventView& event) {
  if (event.position <= state_->applied_position) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        "event at position " + std::to_string(event.position) +
                            " applied out of order: projections are at position " +
                            std::to_string(state_->applied_position));
  }
  const auto& routes = Routes();
  if (auto route = routes.find(event.type); route != routes.end()) {
    // Each handler checks and parses before it changes anything, so an error leaves no trace.
    grpc::Status status = route->second(*state_, event);
    if (!status.ok()) return status;
    state_->applied_position = event.position;
    return grpc::Status::OK;
  }
  SkipUnknown(*state_, event);
  state_->applied_position = event.position;
  return grpc::Status::OK;
}

uint64_t Projections::applied_position() const { return state_->applied_position; }
uint64_t Projections::ignored_events() const { return state_->ignored_events; }
const std::map<std::string, uint64_t, std::less<>>& Projections::ignored_types() const {
  return state_->ignored_types;
}

}  // namespace trygg::projections
