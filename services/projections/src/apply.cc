// Projections::Apply: routes each event by type to the fold that handles it.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "measure_fold.h"
#include "projections_state.h"
#include "trygg/domain/event.h"
#include "trygg/domain/lifecycle.h"
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
  PlanPicture& plan = *entry.filing.picture;
  entry.view.set_plan_version(plan.Touch(0));
  for (const std::string& cause_id : entry.view.cause_ids()) plan.Link(cause_id, entry.filed);
  return grpc::Status::OK;
}

// What an event changes besides the measure's view: the causes' measures, the partners' index and
// the follow-up history. Called before the fold, so it sees what the measure was and changes an
// index only when the fold will change the view (a second link of the same cause links nothing).
// Most events change none of these and cost nothing here.
template <typename Event>
void Index(const Event& /*event*/, const Recorded& /*recorded*/, ProjectionsState& /*state*/,
           MeasureEntry& /*entry*/) {}

void Index(const v1::MeasureLinkedToCause& event, const Recorded& /*recorded*/,
           ProjectionsState& /*state*/, MeasureEntry& entry) {
  if (!Cites(entry.view, event.cause_id()))
    entry.filing.picture->Link(event.cause_id(), entry.filed);
}

void Index(const v1::MeasureUnlinkedFromCause& event, const Recorded& /*recorded*/,
           ProjectionsState& /*state*/, MeasureEntry& entry) {
  if (Cites(entry.view, event.cause_id())) {
    entry.filing.picture->Unlink(event.cause_id(), entry.filed);
  }
}

void Index(const v1::PartnerAdded& event, const Recorded& /*recorded*/, ProjectionsState& state,
           MeasureEntry& entry) {
  if (!HasPartner(entry.view, event.agency_id())) {
    state.agencies.AddPartner(event.agency_id(), entry.filed);
  }
}

void Index(const v1::PartnerRemoved& event, const Recorded& /*recorded*/, ProjectionsState& state,
           MeasureEntry& entry) {
  if (HasPartner(entry.view, event.agency_id())) {
    state.agencies.RemovePartner(event.agency_id(), entry.filed);
  }
}

void Index(const v1::FollowUpRecorded& event, const Recorded& recorded, ProjectionsState& /*state*/,
           MeasureEntry& entry) {
  auto period = entry.follow_ups.find(event.period());
  if (period == entry.follow_ups.end()) {
    period = entry.follow_ups.try_emplace(event.period()).first;
  }
  period->second.insert_or_assign(event.party(), FollowUpOf(event, recorded));
  entry.filing.picture->NoteFollowUpPeriod(event.period());
}

// Every later event of a measure: check it continues the measure's stream, fold it, move its
// status as the lifecycle table says, and refile the measure in the indexes if what they file it
// under changed.
template <domain::MovesMeasure Event>
grpc::Status ApplyMeasureEvent(ProjectionsState& state, const EventView& view) {
  // Parsed into the state's message of this type: parsing reuses its strings, so a steady stream
  // of events allocates nothing here.
  Event& event = std::get<Event>(state.parsed);
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  auto next = state.measures.Next(event.measure_id(), view);
  if (!next.ok()) return next.status();
  MeasureEntry& entry = **next;
  const Recorded recorded{view.principal, view.recorded_at_us,
                          entry.filing.picture->Touch(entry.view.plan_version())};
  Index(event, recorded, state, entry);
  v1::Measure& measure = entry.Change();
  if constexpr (requires { Fold(event, recorded, measure); }) {
    Fold(event, recorded, measure);
  } else {
    Fold(event, measure);
  }
  measure.set_status(domain::StatusAfter(measure.status(), domain::EventTraits<Event>::kCommand));
  measure.set_plan_version(recorded.plan_version);
  Stamp(view.version, view.recorded_at_us, measure);
  state.Refile(entry);
  return grpc::Status::OK;
}

// An event of a plan's own stream (residents' input, findings, causes, working groups, promises,
// adoption): folded into the plan's picture, which checks it first.
template <typename Event>
grpc::Status ApplyPlanEvent(ProjectionsState& state, const EventView& view) {
  Event& event = std::get<Event>(state.parsed);
  if (grpc::Status parsed = Parse(view, event); !parsed.ok()) return parsed;
  domain::Result<PlanPicture*> picture = state.plans.PictureFor(event.plan_id(), view);
  if (!picture.ok()) return picture.status();
  return (*picture)->Fold(event, view);
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

// The handler of each event type: a compile error for a type of DomainEvent without one.
template <typename Event>
constexpr Handler HandlerOf() {
  if constexpr (std::is_same_v<Event, v1::PlanCreated>) {
    return &ApplyPlanCreated;
  } else if constexpr (std::is_same_v<Event, v1::AgencyRegistered>) {
    return &ApplyAgencyRegistered;
  } else if constexpr (std::is_same_v<Event, v1::MeasureProposed>) {
    return &ApplyMeasureProposed;
  } else if constexpr (domain::EventTraits<Event>::kAggregate == domain::Aggregate::kPlan) {
    return &ApplyPlanEvent<Event>;
  } else {
    static_assert(domain::MovesMeasure<Event>, "a new event type needs its handler here");
    return &ApplyMeasureEvent<Event>;
  }
}

template <typename Event>
Route RouteOf() {
  // The log's type is the message's full name (events.proto); descriptor strings live forever.
  const std::string_view type = Event::descriptor()->full_name();
  return Route{type, Tail(type), HandlerOf<Event>()};
}

// One route per alternative of DomainEvent, the one list of event types.
template <std::size_t... I>
std::array<Route, sizeof...(I)> RoutesOf(std::index_sequence<I...> /*alternatives*/) {
  return {RouteOf<std::variant_alternative_t<I, domain::DomainEvent>>()...};
}

// The handler of a known type; nullptr for a type this build does not know. Every route's length
// and tail are compared (two integers) and only a match is confirmed byte by byte.
Handler Find(std::string_view type) {
  static const auto routes =
      RoutesOf(std::make_index_sequence<std::variant_size_v<domain::DomainEvent>>());
  static_assert(routes.size() == std::variant_size_v<domain::DomainEvent>);
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
