#include "api/action_plan_service.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/auth.h"
#include "trygg/domain/codec.h"
#include "trygg/domain/decide.h"
#include "trygg/domain/evolve.h"
#include "trygg/domain/measure_id.h"
#include "trygg/domain/result.h"
#include "trygg/domain/state.h"
#include "trygg/domain/streams.h"
#include "trygg/domain/validate.h"
#include "trygg/eventstore/limits.h"

namespace trygg::api {
namespace {

using eventstore::AppendResult;
using eventstore::EventStore;
using eventstore::RecordedEvent;
using eventstore::StreamVersion;
using grpc::StatusCode;

using History = std::span<const RecordedEvent>;

// An event store error as the client sees it. Conflicts (kAborted) and reused keys
// (kAlreadyExists) are handled by the pipeline before it gets here.
grpc::Status FromStore(const eventstore::Status& status) {
  switch (status.code()) {
    case eventstore::Code::kResourceExhausted:
    case eventstore::Code::kUnavailable:
      return grpc::Status(static_cast<StatusCode>(status.code()), status.message());
    default: return grpc::Status(StatusCode::INTERNAL, "event store: " + status.ToString());
  }
}

// The stream's events with version <= up_to, paging past kMaxReadEvents.
eventstore::Result<std::vector<RecordedEvent>> ReadHistory(
    const EventStore& store, const std::string& stream,
    std::uint64_t up_to = std::numeric_limits<std::uint64_t>::max()) {
  std::vector<RecordedEvent> events;
  while (events.size() < up_to) {
    const std::size_t want = static_cast<std::size_t>(
        std::min<std::uint64_t>(up_to - events.size(), eventstore::kMaxReadEvents));
    auto page = store.ReadStream(stream, StreamVersion(events.size() + 1), want);
    if (!page.ok()) return page.status();
    const bool last_page = page->size() < want;
    std::move(page->begin(), page->end(), std::back_inserter(events));
    if (last_page) break;
  }
  return events;
}

// Folds an aggregate's events with Evolve. The log is hash-checked, so an event that does not
// decode is a bug (or a log written by a newer trygg), never bad input.
template <class State>
domain::Result<State> Fold(History events) {
  State state;
  for (const RecordedEvent& event : events) {
    std::optional<domain::DomainEvent> decoded = domain::Decode(event.type, event.payload);
    if (!decoded) {
      return grpc::Status(StatusCode::INTERNAL,
                          "stored event at position " + std::to_string(event.position.value()) +
                              " (stream " + event.stream_id + ", version " +
                              std::to_string(event.version.value()) + ", type " + event.type +
                              ") does not decode as a trygg event");
    }
    domain::Evolve(state, *decoded);
  }
  return state;
}

// Fold<State> as an AggregateState.
template <class State>
domain::Result<AggregateState> FoldAggregate(History events) {
  domain::Result<State> state = Fold<State>(events);
  if (!state.ok()) return state.status();
  return AggregateState(*std::move(state));
}

// Reads the aggregates a decision looks at besides its own: the plan a measure is proposed
// under, the agency it is assigned to. Implemented by Execution, from the cache or the store.
class StateReader {
 public:
  virtual domain::Result<domain::PlanState> Plan(const std::string& plan_id) = 0;
  virtual domain::Result<domain::AgencyState> Agency(const std::string& agency_id) = 0;

 protected:
  ~StateReader() = default;
};

// A decided event, and the aggregate's state once it is appended.
struct Decision {
  domain::EncodedEvent event;
  AggregateState after;
};

// What one RPC contributes to the shared pipeline.
struct Command {
  std::string kind;  // "plan", "agency" or "measure", for messages
  std::string id;    // the aggregate written to, returned as CommandReply.id
  std::string stream;
  std::string command_id;
  std::optional<std::uint64_t> expected_version;  // the client's, if given
  // The aggregate's state folded from its stream's events (oldest first).
  std::function<domain::Result<AggregateState>(History history)> fold;
  // The event to append to the aggregate in state `state` (as `fold` gives it), or why not.
  std::function<domain::Result<Decision>(const AggregateState& state, StateReader& reader)> decide;
};

// A Command whose decision needs the state `State` folded from its own stream; `decide` maps
// (state, reader) to the domain's Result<Event>.
template <class State, class Request, class Decide>
domain::Result<Command> MakeCommand(const Request& request, std::string kind, std::string id,
                                    std::string stream, std::optional<std::uint64_t> expected,
                                    Decide decide) {
  Command command{std::move(kind), std::move(id), std::move(stream), request.command_id(), expected,
                  nullptr,         nullptr};
  command.fold = FoldAggregate<State>;
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

template <class Request>
std::optional<std::uint64_t> ExpectedOf(const Request& request) {
  if (!request.has_expected_version()) return std::nullopt;
  return request.expected_version();
}

// A command on an existing measure; `decide` maps (the measure's state, reader) to the domain's
// Result.
template <class Request, class Decide>
domain::Result<Command> MeasureCommand(const Request& request, Decide decide) {
  if (grpc::Status status = domain::Validate(request); !status.ok()) return status;
  return MakeCommand<domain::MeasureState>(request, "measure", request.measure_id(),
                                           domain::MeasureStream(request.measure_id()),
                                           ExpectedOf(request), std::move(decide));
}

// Runs one command through steps 3-7 of the pipeline: idempotency lookup, state (cached or read
// and folded), decide, append, reply. Owned by shared_ptr; lives until the reply is sent. Only
// one thread touches it at a time: the handler, then the store's completion of each append in
// turn.
class Execution final : public std::enable_shared_from_this<Execution>, private StateReader {
 public:
  Execution(EventStore& store, StateCache& cache, grpc::ServerUnaryReactor* reactor,
            v1::CommandReply* reply, Principal principal, Command command)
      : store_(store),
        cache_(cache),
        reactor_(reactor),
        reply_(reply),
        principal_(std::move(principal)),
        command_(std::move(command)),
        key_(principal_.name + "/" + command_.command_id) {}

  // Principal names are [a-z0-9-._@], so the '/' separates the key's two parts unambiguously.
  // Validate keeps command_id to 100 characters, but a 100-character principal name leaves it
  // 99; the client can fix that by using a shorter command_id.
  grpc::Status CheckKey() const {
    if (key_.size() <= eventstore::kMaxIdempotencyKeyBytes) return grpc::Status::OK;
    return grpc::Status(
        StatusCode::INVALID_ARGUMENT,
        "command_id must be at most " +
            std::to_string(eventstore::kMaxIdempotencyKeyBytes - 1 - principal_.name.size()) +
            " characters for principal '" + principal_.name + "'");
  }

  // Steps 3-6, one attempt. The last thing it does is AppendAsync or Finish.
  void Run() {
    ++attempts_;
    if (AnsweredAsRetry()) return;
    Decide();
  }

 private:
  void Decide() {
    used_cache_ = false;
    auto state = Load(command_.stream, command_.fold);
    if (!state.ok()) return Finish(state.status());
    domain::Result<Decision> decided = command_.decide(*state, *this);
    if (!decided.ok()) {
      // Refused against a cached state: the stream (or the plan or agency looked at) may have
      // moved on since, so decide once more from the store before refusing.
      if (used_cache_) {
        bypass_cache_ = true;
        return Decide();
      }
      // A concurrent copy of this command may have committed after the lookup above and so
      // changed the state this decision was refused against; then the copy's reply is the answer.
      if (AnsweredAsRetry()) return;
      return Finish(decided.status());
    }
    after_ = std::move(decided->after);
    store_.AppendAsync(MakeAppend(std::move(decided->event), VersionOf(*state)),
                       [self = shared_from_this()](eventstore::Result<AppendResult> result) {
                         self->OnAppended(std::move(result));
                       });
  }

  // The stream's state: cached unless bypass_cache_, else read, folded with `fold` and cached.
  domain::Result<AggregateState> Load(
      const std::string& stream,
      const std::function<domain::Result<AggregateState>(History)>& fold) {
    if (!bypass_cache_) {
      if (std::optional<AggregateState> cached = cache_.Get(stream)) {
        used_cache_ = true;
        return *std::move(cached);
      }
    }
    auto events = ReadHistory(store_, stream);
    if (!events.ok()) return FromStore(events.status());
    domain::Result<AggregateState> state = fold(*events);
    if (state.ok()) cache_.Put(stream, *state);
    return state;
  }

  template <class State>
  domain::Result<State> LoadOther(const std::string& stream) {
    auto state = Load(stream, FoldAggregate<State>);
    if (!state.ok()) return state.status();
    return std::get<State>(*std::move(state));
  }

  domain::Result<domain::PlanState> Plan(const std::string& plan_id) override {
    return LoadOther<domain::PlanState>(domain::PlanStream(plan_id));
  }
  domain::Result<domain::AgencyState> Agency(const std::string& agency_id) override {
    return LoadOther<domain::AgencyState>(domain::AgencyStream(agency_id));
  }

  eventstore::AppendRequest MakeAppend(domain::EncodedEvent event, std::uint64_t version) const {
    eventstore::AppendRequest append;
    append.stream_id = command_.stream;
    append.expected_version = eventstore::ExpectedVersion::Exactly(StreamVersion(version));
    append.idempotency_key = key_;
    eventstore::EventData data;
    data.type = std::move(event.type);
    data.payload = std::move(event.payload);
    data.metadata.principal = principal_.name;
    data.metadata.agency = principal_.agency;
    data.metadata.command_id = command_.command_id;
    append.events.push_back(std::move(data));
    return append;
  }

  // Step 7, on the store's writer or completion thread (or inline when the append was refused
  // before queueing). Retries call only AppendAsync, never the blocking Append.
  void OnAppended(eventstore::Result<AppendResult> result) {
    if (result.ok()) {
      // A deduplicated result is another copy's append: its state is the copy's to cache.
      if (!result->deduplicated) cache_.Put(command_.stream, std::move(after_));
      return Reply(*result);
    }
    const eventstore::Status& status = result.status();
    switch (status.code()) {
      case eventstore::Code::kAborted: return OnConflict(status);
      case eventstore::Code::kAlreadyExists:
        if (AnsweredAsRetry()) return;
        return Finish(Reused());
      default: return Finish(FromStore(status));
    }
  }

  void OnConflict(const eventstore::Status& status) {
    // The state decided against is older than the stream: read it from the store from now on.
    bypass_cache_ = true;
    if (!command_.expected_version && attempts_ < ActionPlanService::kMaxAttempts) return Run();
    if (AnsweredAsRetry()) return;
    if (!command_.expected_version) {
      return Finish(grpc::Status(StatusCode::ABORTED,
                                 command_.kind + " " + command_.id + " changed concurrently " +
                                     std::to_string(attempts_) +
                                     " times while this command was decided; retry it"));
    }
    const std::string current = status.current_version()
                                    ? std::to_string(status.current_version()->value())
                                    : std::string("a newer version");
    Finish(grpc::Status(StatusCode::ABORTED, command_.kind + " " + command_.id + " is at version " +
                                                 current + ", not the expected " +
                                                 std::to_string(*command_.expected_version)));
  }

  // Step 3: true when the key already committed and the call has been answered from that.
  bool AnsweredAsRetry() {
    auto found = store_.FindIdempotencyKey(key_);
    if (!found.ok()) {
      Finish(FromStore(found.status()));
      return true;
    }
    if (!found->has_value()) return false;
    AnswerRetry(**found);
    return true;
  }

  // The key committed `stored`. It answers this request only if it is the same command: the
  // stored event sits in this command's stream, and deciding this request against that stream as
  // it was just before the event yields the very same event. Nothing is decided anew.
  void AnswerRetry(const AppendResult& stored) {
    auto history = ReadHistory(store_, command_.stream, stored.stream_version.value());
    if (!history.ok()) return Finish(FromStore(history.status()));
    if (history->size() != stored.stream_version.value() ||
        history->back().position != stored.last_position) {
      return Finish(Reused());
    }
    const RecordedEvent& event = history->back();
    domain::Result<AggregateState> before =
        command_.fold(History(*history).first(history->size() - 1));
    if (!before.ok()) return Finish(before.status());
    bypass_cache_ = true;
    auto decided = command_.decide(*before, *this);
    if (!decided.ok() || decided->event.type != event.type ||
        decided->event.payload != event.payload) {
      return Finish(Reused());
    }
    Reply(stored);
  }

  grpc::Status Reused() const {
    return grpc::Status(StatusCode::ALREADY_EXISTS,
                        "command_id '" + command_.command_id + "' of principal '" +
                            principal_.name + "' was already used for a different command");
  }

  void Reply(const AppendResult& result) {
    reply_->set_id(command_.id);
    reply_->set_version(result.stream_version.value());
    reply_->set_position(result.last_position.value());
    Finish(grpc::Status::OK);
  }

  void Finish(const grpc::Status& status) { reactor_->Finish(status); }

  EventStore& store_;
  StateCache& cache_;
  grpc::ServerUnaryReactor* reactor_;
  v1::CommandReply* reply_;  // valid until Finish
  const Principal principal_;
  const Command command_;
  const std::string key_;
  int attempts_ = 0;
  bool bypass_cache_ = false;  // read states from the store, not the cache
  bool used_cache_ = false;    // the current decision took a state from the cache
  AggregateState after_;       // the stream's state once the pending append commits
};

// Steps 1-2 and the hand-over to Execution. `build(principal)` validates the request and
// describes the command.
template <class Build>
grpc::ServerUnaryReactor* Execute(EventStore& store, StateCache& cache, const TokenFile* tokens,
                                  grpc::CallbackServerContext* context, v1::CommandReply* reply,
                                  Rpc rpc, Build build) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  domain::Result<Principal> principal = Admit(*context, tokens, rpc);
  if (!principal.ok()) {
    reactor->Finish(principal.status());
    return reactor;
  }
  domain::Result<Command> command = build(std::as_const(*principal));
  if (!command.ok()) {
    reactor->Finish(command.status());
    return reactor;
  }
  auto execution = std::make_shared<Execution>(store, cache, reactor, reply, *std::move(principal),
                                               *std::move(command));
  if (grpc::Status status = execution->CheckKey(); !status.ok()) {
    reactor->Finish(status);
    return reactor;
  }
  execution->Run();
  return reactor;
}

}  // namespace

ActionPlanService::ActionPlanService(eventstore::EventStore& store, const TokenFile* tokens)
    : store_(store), tokens_(tokens) {}

grpc::ServerUnaryReactor* ActionPlanService::CreatePlan(grpc::CallbackServerContext* context,
                                                        const v1::CreatePlanRequest* request,
                                                        v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kCreatePlan,
                 [&req = *request](const Principal&) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   return MakeCommand<domain::PlanState>(
                       req, "plan", req.plan_id(), domain::PlanStream(req.plan_id()), std::nullopt,
                       [req](const domain::PlanState& existing, StateReader&) {
                         return domain::DecideCreatePlan(req, existing);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::RegisterAgency(
    grpc::CallbackServerContext* context, const v1::RegisterAgencyRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kRegisterAgency,
                 [&req = *request](const Principal&) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   return MakeCommand<domain::AgencyState>(
                       req, "agency", req.agency_id(), domain::AgencyStream(req.agency_id()),
                       std::nullopt, [req](const domain::AgencyState& existing, StateReader&) {
                         return domain::DecideRegisterAgency(req, existing);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::ProposeMeasure(
    grpc::CallbackServerContext* context, const v1::ProposeMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kProposeMeasure,
                 [&req = *request](const Principal& principal) -> domain::Result<Command> {
                   if (grpc::Status s = domain::Validate(req); !s.ok()) return s;
                   std::string id = req.measure_id().empty() ? domain::GenerateMeasureId(
                                                                   principal.name, req.command_id())
                                                             : req.measure_id();
                   std::string stream = domain::MeasureStream(id);
                   return MakeCommand<domain::MeasureState>(
                       req, "measure", id, std::move(stream), std::nullopt,
                       [req, id](const domain::MeasureState& existing,
                                 StateReader& reader) -> domain::Result<v1::MeasureProposed> {
                         auto plan = reader.Plan(req.plan_id());
                         if (!plan.ok()) return plan.status();
                         return domain::DecideProposeMeasure(req, *plan, existing, id);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::PrioritiseMeasure(
    grpc::CallbackServerContext* context, const v1::PrioritiseMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kPrioritiseMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(req,
                                         [req](const domain::MeasureState& measure, StateReader&) {
                                           return domain::DecidePrioritise(req, measure);
                                         });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::AssignMeasure(grpc::CallbackServerContext* context,
                                                           const v1::AssignMeasureRequest* request,
                                                           v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kAssignMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(
                       req,
                       [req](const domain::MeasureState& measure,
                             StateReader& reader) -> domain::Result<v1::MeasureAssigned> {
                         auto agency = reader.Agency(req.agency_id());
                         if (!agency.ok()) return agency.status();
                         return domain::DecideAssign(req, measure, *agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::StartMeasure(grpc::CallbackServerContext* context,
                                                          const v1::StartMeasureRequest* request,
                                                          v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kStartMeasure,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideStart(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::ReportProgress(
    grpc::CallbackServerContext* context, const v1::ReportProgressRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kReportProgress,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideReportProgress(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::CompleteMeasure(
    grpc::CallbackServerContext* context, const v1::CompleteMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kCompleteMeasure,
                 [&req = *request](const Principal& principal) {
                   return MeasureCommand(
                       req, [req, agency = principal.agency](const domain::MeasureState& measure,
                                                             StateReader&) {
                         return domain::DecideComplete(req, measure, agency);
                       });
                 });
}

grpc::ServerUnaryReactor* ActionPlanService::WithdrawMeasure(
    grpc::CallbackServerContext* context, const v1::WithdrawMeasureRequest* request,
    v1::CommandReply* reply) {
  return Execute(store_, cache_, tokens_, context, reply, Rpc::kWithdrawMeasure,
                 [&req = *request](const Principal&) {
                   return MeasureCommand(req,
                                         [req](const domain::MeasureState& measure, StateReader&) {
                                           return domain::DecideWithdraw(req, measure);
                                         });
                 });
}

}  // namespace trygg::api
