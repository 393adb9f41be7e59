// The checks Decide's functions share (internal): decide.cc (measures) and decide_plan.cc (things
// inside a plan) both use them, in the order decide.h documents.
#pragma once

#include <grpcpp/support/status.h>

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"
#include "trygg/domain/lifecycle.h"
#include "trygg/domain/state.h"

namespace trygg::domain::internal {

inline std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

inline bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// ABORTED when the request carries an expected version other than `version`. `what` names the
// stream's aggregate: "measure m-1", "plan tryggare-varnamo-2026".
template <class Request>
grpc::Status CheckExpectedVersion(const Request& request, const std::string& what,
                                  std::uint64_t version) {
  if (request.has_expected_version() && request.expected_version() != version) {
    return Aborted(what + " is at version " + std::to_string(version) + ", not the expected " +
                   std::to_string(request.expected_version()));
  }
  return grpc::Status::OK;
}

// The checks every command on an existing measure shares, in the order decide.h documents:
// existence, expected version, then whether the lifecycle allows `command` now. OK to go on.
template <class Request>
grpc::Status CheckMeasureCommand(const Request& request, const MeasureState& measure,
                                 MeasureCommand command) {
  if (!measure.exists()) return NotFound("measure " + request.measure_id() + " not found");
  assert(measure.measure_id == request.measure_id());
  TRYGG_RETURN_IF_ERROR(
      CheckExpectedVersion(request, "measure " + measure.measure_id, measure.version));
  if (!IsAllowed(measure.status, command)) {
    const std::string allowed = AllowedCommands(measure.status);
    return FailedPrecondition(
        "cannot " + std::string(CommandName(command)) + ": measure " + measure.measure_id + " is " +
        std::string(StatusName(measure.status)) +
        (allowed.empty() ? "; no command is allowed" : "; allowed: " + allowed));
  }
  return grpc::Status::OK;
}

// The checks every command inside a plan starts with: the plan exists and is at the expected
// version.
template <class Request>
grpc::Status CheckPlanCommand(const Request& request, const PlanState& plan) {
  if (!plan.exists()) return NotFound("plan " + request.plan_id() + " not found");
  assert(plan.plan_id == request.plan_id());
  return CheckExpectedVersion(request, "plan " + plan.plan_id, plan.version);
}

// INVALID_ARGUMENT naming `field` when `key` is not one of the plan's focus areas; the message
// lists the plan's keys.
grpc::Status CheckFocusAreaOfPlan(std::string_view field, std::string_view key,
                                  const PlanState& plan);

// An id the caller resolved (given or generated) must be a valid id: INVALID_ARGUMENT otherwise.
grpc::Status CheckResolvedId(std::string_view field, std::string_view id);

// FAILED_PRECONDITION when `holder` ("plan p", "measure m-1") has `count` of `plural` and may
// hold at most `max`.
grpc::Status CheckRoom(std::size_t count, std::size_t max, const std::string& holder,
                       std::string_view plural);

// A kind of thing inside a plan, for messages: its name, plural, and the word for a thing of
// that kind that no longer holds ("retired", "ended"; empty when things of the kind never go).
struct ItemKind {
  std::string_view name;
  std::string_view plural;
  std::string_view gone;
};
inline constexpr ItemKind kInputKind{"residents' input", "residents' inputs", ""};
inline constexpr ItemKind kFindingKind{"finding", "findings", "retired"};
inline constexpr ItemKind kCauseKind{"cause", "causes", "retired"};
inline constexpr ItemKind kGroupKind{"working group", "working groups", ""};
inline constexpr ItemKind kPromiseKind{"citizen promise", "citizen promises", "ended"};

// Whether a thing of the plan no longer holds.
inline bool Gone(const PlanState::InputInfo& /*info*/) { return false; }
inline bool Gone(const PlanState::FindingInfo& info) { return info.retired; }
inline bool Gone(const PlanState::CauseInfo& info) { return info.retired; }
inline bool Gone(const PlanState::GroupInfo& /*info*/) { return false; }
inline bool Gone(const PlanState::PromiseInfo& info) { return info.ended; }

template <class Info>
using ItemsById = std::map<std::string, Info, std::less<>>;

// A new thing's id (`field` of the request, resolved by the caller): valid, not taken in the
// plan (ALREADY_EXISTS, also by a retired or ended thing), and the plan has room for one more.
template <class Info>
grpc::Status CheckNewItem(const ItemsById<Info>& items, std::string_view id, std::string_view field,
                          const ItemKind& kind, const PlanState& plan, std::size_t max) {
  TRYGG_RETURN_IF_ERROR(CheckResolvedId(field, id));
  if (items.find(id) != items.end()) {
    return AlreadyExists(std::string(kind.name) + " " + std::string(id) +
                         " already exists in plan " + plan.plan_id);
  }
  return CheckRoom(items.size(), max, "plan " + plan.plan_id, kind.plural);
}

// The thing `id` of the plan, which must exist (NOT_FOUND) and still hold (FAILED_PRECONDITION
// when it was retired or ended).
template <class Info>
grpc::Status CheckCurrentItem(const ItemsById<Info>& items, std::string_view id,
                              const ItemKind& kind, const PlanState& plan) {
  const auto it = items.find(id);
  if (it == items.end()) {
    return NotFound(std::string(kind.name) + " " + std::string(id) + " not found in plan " +
                    plan.plan_id);
  }
  if (Gone(it->second)) {
    return FailedPrecondition(std::string(kind.name) + " " + std::string(id) + " of plan " +
                              plan.plan_id + " is " + std::string(kind.gone));
  }
  return grpc::Status::OK;
}

// CheckCurrentItem for each id of a request's list (input_ids, finding_ids, cause_ids).
template <class Info, class Ids>
grpc::Status CheckCurrentItems(const ItemsById<Info>& items, const Ids& ids, const ItemKind& kind,
                               const PlanState& plan) {
  for (const std::string& id : ids) {
    TRYGG_RETURN_IF_ERROR(CheckCurrentItem(items, id, kind, plan));
  }
  return grpc::Status::OK;
}

}  // namespace trygg::domain::internal
