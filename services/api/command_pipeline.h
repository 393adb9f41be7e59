// The command pipeline: how each ActionPlanService RPC turns a request into one appended event.
// Its steps, numbered as the code cites them:
//
//   (1) Authenticate and authorise. Admit (auth.h): the caller's Principal, or UNAUTHENTICATED /
//       PERMISSION_DENIED. Then the principal's write rate (WriteRateLimiter, limits.h): every
//       command admitted takes one write, or is RESOURCE_EXHAUSTED.
//   (2) Validate and build. The handler's `build(principal)` validates the request
//       (domain::Validate) and describes it as a Command (MakeCommand); IdempotencyKey checks that
//       "<principal name>/<command_id>" fits the store.
//   (3) Idempotency lookup. LookUpFirstResult: a key that already committed answers the call with
//       its first result if this request is the same command, and with ALREADY_EXISTS if not.
//       Nothing is decided anew.
//   (4) Load state. StateLoader::Load: the aggregate's state from the StateCache, or read
//       (ReadHistory) and folded (Fold) from its stream, and cached.
//   (5) Decide. Decide: the domain's pure decision against that state, giving the event and the
//       state after it. A refusal decided on a cached state is decided again from the store before
//       it is returned, so no caller is refused on the strength of an old state.
//   (6) Append. AppendFor: the event, with the decided state's version as the expected version and
//       the idempotency key, appended with EventStore::AppendAsync.
//   (7) Reply or retry on conflict. A commit is answered with WriteReply. A version conflict sends
//       a command without expected_version back to (3) while RetriesOnConflict; otherwise it is
//       ABORTED (Conflict). A reused key is answered by (3) once more. Any other store error goes
//       through FromStore (store_status.h).
//
// Threads: (1) and (2) run on the gRPC thread in Execute, (3) to (6) in an Execution, first on that
// thread and then, for a retry, on the store's completion thread that ran (7). Only one thread
// touches an Execution at a time. Nothing on the way blocks on an fsync.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "api/auth.h"
#include "api/limits.h"
#include "api/principal.h"
#include "api/state_cache.h"
#include "api/token_file.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/evolve.h"
#include "trygg/domain/result.h"
#include "trygg/domain/state.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/action_plan.pb.h"

namespace trygg::api {

// How often one command is decided and appended before a run of concurrent writes to its stream
// makes it give up with ABORTED.
inline constexpr int kMaxCommandAttempts = 5;

// A stream's events, oldest first.
using History = std::span<const eventstore::RecordedEvent>;

// The stream's events with version <= up_to, paging past eventstore::kMaxReadEvents. Store errors
// are returned as they are.
[[nodiscard]] eventstore::Result<std::vector<eventstore::RecordedEvent>> ReadHistory(
    const eventstore::EventStore& store, const std::string& stream,
    std::uint64_t up_to = std::numeric_limits<std::uint64_t>::max());

// Folds an aggregate's events with Evolve. The log is hash-checked, so an event that does not
// decode is a bug (or a log written by a newer trygg), never bad input: INTERNAL naming the event.
// Defined for domain::PlanState, domain::AgencyState and domain::MeasureState.
template <class State>
[[nodiscard]] domain::Result<State> Fold(History events);

// Fold<State> as an AggregateState.
template <class State>
[[nodiscard]] domain::Result<AggregateState> FoldAggregate(History events) {
  domain::Result<State> state = Fold<State>(events);
  if (!state.ok()) return state.status();
  return AggregateState(*std::move(state));
}

// Reads the aggregates a decision looks at besides its own: the plan a measure is proposed under,
// the agency it is assigned to, the measures a citizen promise names. Each is the aggregate's
// state (an empty state when its stream is empty), or a store or fold error.
class StateReader {
 public:
  virtual domain::Result<domain::PlanState> Plan(const std::string& plan_id) = 0;
  virtual domain::Result<domain::AgencyState> Agency(const std::string& agency_id) = 0;
  virtual domain::Result<domain::MeasureState> Measure(const std::string& measure_id) = 0;

 protected:
  ~StateReader() = default;
};

// A decided event, and the aggregate's state once it is appended.
struct Decision {
  domain::EncodedEvent event;
  AggregateState after;
};

// Folds a stream's history into its aggregate's state (FoldAggregate<State>).
using FoldFn = domain::Result<AggregateState> (*)(History history);

// What one RPC contributes to the shared pipeline.
struct Command {
  std::string kind;  // "plan", "agency" or "measure", for messages
  std::string id;    // the aggregate written to, returned as CommandReply.id
  std::string stream;
  std::string command_id;
  std::optional<std::uint64_t> expected_version;  // the client's, if given
  // The aggregate's state folded from its stream's events.
  FoldFn fold = nullptr;
  // The event to append to the aggregate in state `state` (as `fold` gives it), or why not.
  std::function<domain::Result<Decision>(const AggregateState& state, StateReader& reader)> decide;
  // The thing inside the plan or measure the command records (given or generated), returned as
  // CommandReply.item_id; empty for commands on a plan, agency or measure as a whole.
  std::string item_id;
};

// (2) A Command whose decision needs the state `State` folded from its own stream; `decide` maps
// (state, reader) to the domain's Result<Event>. `item_id` is Command::item_id.
template <class State, class Request, class DecideFn>
[[nodiscard]] domain::Result<Command> MakeCommand(const Request& request, std::string kind,
                                                  std::string id, std::string stream,
                                                  std::optional<std::uint64_t> expected,
                                                  DecideFn decide, std::string item_id = {}) {
  Command command{std::move(kind), std::move(id),        std::move(stream), request.command_id(),
                  expected,        FoldAggregate<State>, nullptr,           std::move(item_id)};
  command.decide = [decide_state = std::move(decide)](
                       const AggregateState& before,
                       StateReader& reader) -> domain::Result<Decision> {
    const State& state = std::get<State>(before);
    auto event = decide_state(state, reader);
    if (!event.ok()) return event.status();
    domain::DomainEvent decided(*std::move(event));
    State after = state;
    domain::Evolve(after, decided);
    return Decision{domain::Encode(decided), AggregateState(std::move(after))};
  };
  return command;
}

// (2) The request's expected_version, if it has one.
template <class Request>
[[nodiscard]] std::optional<std::uint64_t> ExpectedOf(const Request& request) {
  if (!request.has_expected_version()) return std::nullopt;
  return request.expected_version();
}

// (2) The idempotency key "<principal name>/<command_id>", or INVALID_ARGUMENT naming the longest
// command_id this principal may use when the key exceeds eventstore::kMaxIdempotencyKeyBytes.
[[nodiscard]] domain::Result<std::string> IdempotencyKey(const Principal& principal,
                                                         const std::string& command_id);

// (4) Loads aggregate states for one Execution: from the cache, or from the store. Not
// thread-safe (one Execution's thread at a time); `store` and `cache` must outlive it.
class StateLoader final : public StateReader {
 public:
  StateLoader(const eventstore::EventStore& store, StateCache& cache)
      : store_(store), cache_(cache) {}

  // The stream's state: cached unless BypassCache() was called, else read with ReadHistory,
  // folded with `fold` and cached. Store errors through FromStore; `fold`'s errors as they are.
  [[nodiscard]] domain::Result<AggregateState> Load(const std::string& stream, FoldFn fold);

  domain::Result<domain::PlanState> Plan(const std::string& plan_id) override;
  domain::Result<domain::AgencyState> Agency(const std::string& agency_id) override;
  domain::Result<domain::MeasureState> Measure(const std::string& measure_id) override;

  // From now on every state is read from the store (and refreshes the cache): a state from the
  // cache proved older than its stream.
  void BypassCache() { bypass_cache_ = true; }
  // Whether a state came from the cache since the last ForgetCacheUse().
  [[nodiscard]] bool used_cache() const { return used_cache_; }
  void ForgetCacheUse() { used_cache_ = false; }

 private:
  template <class State>
  domain::Result<State> LoadOther(const std::string& stream);

  const eventstore::EventStore& store_;
  StateCache& cache_;
  bool bypass_cache_ = false;
  bool used_cache_ = false;
};

// (3) ALREADY_EXISTS: `principal` already used the command's command_id for another command.
[[nodiscard]] grpc::Status Reused(const Principal& principal, const Command& command);

// (3) What the committed append of `key` answers: nullopt when the key has not committed (go on
// to decide); its first result when the stored event is what this command decides against the
// stream as it was just before that event (the same command, retried); Reused otherwise. Errors:
// a store error through FromStore, or a fold's error. Once the key has committed, `loader`
// bypasses the cache.
[[nodiscard]] domain::Result<std::optional<eventstore::AppendResult>> LookUpFirstResult(
    const eventstore::EventStore& store, const std::string& key, const Principal& principal,
    const Command& command, StateLoader& loader);

// (5) The command's decision against `state`, reading other aggregates through `reader`, or the
// domain's refusal.
[[nodiscard]] domain::Result<Decision> Decide(const Command& command, const AggregateState& state,
                                              StateReader& reader);

// (6) The append of `event` to the command's stream, expecting the stream at `version` (the state
// decided against), under `key`, with the principal and command id as metadata.
[[nodiscard]] eventstore::AppendRequest AppendFor(const Command& command,
                                                  const Principal& principal,
                                                  const std::string& key,
                                                  domain::EncodedEvent event,
                                                  std::uint64_t version);

// (7) Whether a version conflict on attempt `attempts` (1 for the first) is decided again: only
// for a command without expected_version, at most kMaxCommandAttempts attempts in all.
[[nodiscard]] bool RetriesOnConflict(const Command& command, int attempts);

// (7) ABORTED for a conflict that is not retried: without expected_version, how often the
// aggregate changed; with one, the stream's current version from `conflict` (a kAborted status).
[[nodiscard]] grpc::Status Conflict(const Command& command, int attempts,
                                    const eventstore::Status& conflict);

// (7) The reply to a committed (or first) append: the aggregate's id, its version and position
// from `result`, and the command's item_id.
void WriteReply(const Command& command, const eventstore::AppendResult& result,
                v1::CommandReply* reply);

// (3) to (7) for a command that passed (1) and (2): checks its key, then runs it; `reactor` is
// finished exactly once, on this thread or a store thread. `store`, `cache`, `reactor` and `reply`
// must outlive the call's Finish.
void RunCommand(eventstore::EventStore& store, StateCache& cache, grpc::ServerUnaryReactor* reactor,
                v1::CommandReply* reply, Principal principal, Command command);

// (1) and (2), then RunCommand: the whole pipeline for one RPC. `build(principal)` validates the
// request and describes the command (or returns why not).
template <class Build>
grpc::ServerUnaryReactor* Execute(eventstore::EventStore& store, StateCache& cache,
                                  const TokenFile* tokens, WriteRateLimiter& write_rate,
                                  grpc::CallbackServerContext* context, v1::CommandReply* reply,
                                  Rpc rpc, Build build) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Admit(*context, tokens, rpc);  // (1)
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  if (grpc::Status limited = write_rate.Take(principal->name); !limited.ok()) {
    reactor->Finish(limited);
    return reactor;
  }
  domain::Result<Command> command = build(std::as_const(*principal));  // (2)
  if (!command.ok()) {
    reactor->Finish(command.status());
    return reactor;
  }
  RunCommand(store, cache, reactor, reply, *std::move(principal), *std::move(command));
  return reactor;
}

}  // namespace trygg::api
