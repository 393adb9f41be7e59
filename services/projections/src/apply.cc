// Projections::Apply: routes each event by type to the fold that handles it.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

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
  v1::Measure& measure = entry.Change();
  Fold(event, measure);
  Stamp(view.version, view.recorded_at_us, measure);
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
    Stamp(view.version, view.recorded_at_us, measure->Change());
  }
}

using Handler = grpc::Status (*)(ProjectionsState&, const EventView&);

// The last (up to) 8 bytes of a type name: the names share the "trygg.v1.Measure" prefix and
// differ at the end, so this tells the known types apart without hashing or comparing all of it.
uint64_t Tail(std::string_view type) {
  uint64_t tail = 0;
  const size_t n = std::min<size_t>(type.size(), sizeof tail);
  if (n > 0) std::memcpy(&tail, type.data() + type.size() - n, n);  // data() may be null if empty
  return tail;
}

struct Route {
  std::string_view type;
  uint64_t tail;
  Handler handler;
};

template <typename Event>
Route RouteOf(Handler handler) {
  // The log's type is the message's full name (events.proto); descriptor strings live forever.
  const std::string_view type = Event::descriptor()->full_name();
  return Route{type, Tail(type), handler};
}

// The handler of a known type; nullptr for a type this build does not know. Every route's length
// and tail are compared (two integers) and only a match is confirmed byte by byte.
Handler Find(std::string_view type) {
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
  const uint64_t tail = Tail(type);
  for (const Route& route : routes) {
    if (route.tail == tail && route.type.size() == type.size() && route.type == type) {
      return route.handler;
    }
  }
  return nullptr;
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
  if (Handler handler = Find(event.type); handler != nullptr) {
    // Each handler checks and parses before it changes anything, so an error leaves no trace.
    grpc::Status status = handler(*state_, event);
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
