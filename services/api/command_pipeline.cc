#include "api/command_pipeline.h"

#include <algorithm>
#include <iterator>
#include <memory>

#include "api/store_status.h"
#include "trygg/domain/limits.h"
#include "trygg/domain/streams.h"
#include "trygg/eventstore/limits.h"

namespace trygg::api {

// The limits of the domain and of the store must fit each other; this layer is the one that sees
// both. Ids, command ids and principal names are ASCII, so their characters are bytes.
//
// Stream ids are "<prefix><id>" (domain/streams.h).
static_assert(domain::kPlanStreamPrefix.size() + domain::kMaxIdChars <=
                  eventstore::kMaxStreamIdBytes,
              "every plan id makes a stream id the store accepts");
static_assert(domain::kAgencyStreamPrefix.size() + domain::kMaxIdChars <=
                  eventstore::kMaxStreamIdBytes,
              "every agency id makes a stream id the store accepts");
static_assert(domain::kMeasureStreamPrefix.size() + domain::kMaxIdChars <=
                  eventstore::kMaxStreamIdBytes,
              "every measure id makes a stream id the store accepts");
// Every event's metadata (AppendFor) carries the principal's name, its agency id and the
// command id.
static_assert(kMaxPrincipalNameChars <= eventstore::kMaxMetadataFieldBytes,
              "every principal name fits the event's metadata");
static_assert(domain::kMaxIdChars <= eventstore::kMaxMetadataFieldBytes,
              "every agency id fits the event's metadata");
static_assert(domain::kMaxCommandIdChars <= eventstore::kMaxMetadataFieldBytes,
              "every command id fits the event's metadata");
// The idempotency key is "<principal name>/<command_id>" (IdempotencyKey). Every principal name
// leaves room for a command id, so the limit IdempotencyKey names is at least 1 and its
// subtraction cannot wrap; and the longest name loses at most one of the domain's command-id
// characters, which IdempotencyKey refuses with INVALID_ARGUMENT rather than the store.
static_assert(kMaxPrincipalNameChars + 1 < eventstore::kMaxIdempotencyKeyBytes,
              "every principal name leaves room for a command id in its idempotency key");
static_assert(kMaxPrincipalNameChars + 1 + domain::kMaxCommandIdChars <=
                  eventstore::kMaxIdempotencyKeyBytes + 1,
              "a command id of the domain's length fits the key of all but the longest names");

using eventstore::AppendResult;
using eventstore::EventStore;
using eventstore::RecordedEvent;
using eventstore::StreamVersion;
using grpc::StatusCode;

eventstore::Result<std::vector<RecordedEvent>> ReadHistory(const EventStore& store,
                                                           const std::string& stream,
                                                           std::uint64_t up_to) {
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

template domain::Result<domain::PlanState> Fold<domain::PlanState>(History events);
template domain::Result<domain::AgencyState> Fold<domain::AgencyState>(History events);
template domain::Result<domain::MeasureState> Fold<domain::MeasureState>(History events);

// (2)
domain::Result<std::string> IdempotencyKey(const Principal& principal,
                                           const std::string& command_id) {
  // Principal names are [a-z0-9-._@], so the '/' separates the key's two parts unambiguously.
  // Validate keeps command_id to 100 characters, but a 100-character principal name leaves it
  // 99; the client can fix that by using a shorter command_id.
  std::string key = principal.name + "/" + command_id;
  if (key.size() <= eventstore::kMaxIdempotencyKeyBytes) return key;
  return grpc::Status(
      StatusCode::INVALID_ARGUMENT,
      "command_id must be at most " +
          std::to_string(eventstore::kMaxIdempotencyKeyBytes - 1 - principal.name.size()) +
          " characters for principal '" + principal.name + "'");
}

// (4)
domain::Result<AggregateState> StateLoader::Load(const std::string& stream, FoldFn fold) {
  if (!bypass_cache_) {
    if (std::optional<AggregateState> cached = cache_.Get(stream)) {
      used_cache_ = true;
      // GCC 12 takes the engaged optional's variant for possibly uninitialised when it moves it
      // into the Result (a false positive of -Wmaybe-uninitialized, GCC bug 80635). Clang has
      // no such warning, and would warn about the unknown name.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
      return *std::move(cached);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    }
  }
  auto events = ReadHistory(store_, stream);
  if (!events.ok()) return FromStore(events.status());
  domain::Result<AggregateState> state = fold(*events);
  if (state.ok()) cache_.Put(stream, *state);
  return state;
}

template <class State>
domain::Result<State> StateLoader::LoadOther(const std::string& stream) {
  auto state = Load(stream, FoldAggregate<State>);
  if (!state.ok()) return state.status();
  return std::get<State>(*std::move(state));
}

domain::Result<domain::PlanState> StateLoader::Plan(const std::string& plan_id) {
  return LoadOther<domain::PlanState>(domain::PlanStream(plan_id));
}

domain::Result<domain::AgencyState> StateLoader::Agency(const std::string& agency_id) {
  return LoadOther<domain::AgencyState>(domain::AgencyStream(agency_id));
}

domain::Result<domain::MeasureState> StateLoader::Measure(const std::string& measure_id) {
  return LoadOther<domain::MeasureState>(domain::MeasureStream(measure_id));
}

// (3)
grpc::Status Reused(const Principal& principal, const Command& command) {
  return grpc::Status(StatusCode::ALREADY_EXISTS, "command_id '" + command.command_id +
                                                      "' of principal '" + principal.name +
                                                      "' was already used for a different command");
}

domain::Result<std::optional<AppendResult>> LookUpFirstResult(const EventStore& store,
                                                              const std::string& key,
                                                              const Principal& principal,
                                                              const Command& command,
                                                              StateLoader& loader) {
  auto found = store.FindIdempotencyKey(key);
  if (!found.ok()) return FromStore(found.status());
  if (!found->has_value()) return std::optional<AppendResult>();
  const AppendResult& stored = **found;
  // The same command only if the stored event sits in this command's stream ...
  auto history = ReadHistory(store, command.stream, stored.stream_version.value());
  if (!history.ok()) return FromStore(history.status());
  if (history->empty() || history->size() != stored.stream_version.value() ||
      history->back().position != stored.last_position) {
    return Reused(principal, command);
  }
  // ... and deciding this request against the stream as it was just before that event yields the
  // very same event.
  const RecordedEvent& event = history->back();
  domain::Result<AggregateState> before =
      command.fold(History(*history).first(history->size() - 1));
  if (!before.ok()) return before.status();
  loader.BypassCache();
  auto decided = command.decide(*before, loader);
  if (!decided.ok() || decided->event.type != event.type ||
      decided->event.payload != event.payload) {
    return Reused(principal, command);
  }
  return std::optional<AppendResult>(stored);
}

// (5)
domain::Result<Decision> Decide(const Command& command, const AggregateState& state,
                                StateReader& reader) {
  return command.decide(state, reader);
}

// (6)
eventstore::AppendRequest AppendFor(const Command& command, const Principal& principal,
                                    const std::string& key, domain::EncodedEvent event,
                                    std::uint64_t version) {
  eventstore::AppendRequest append;
  append.stream_id = command.stream;
  append.expected_version = eventstore::ExpectedVersion::Exactly(StreamVersion(version));
  append.idempotency_key = key;
  eventstore::EventData data;
  data.type = std::move(event.type);
  data.payload = std::move(event.payload);
  data.metadata.principal = principal.name;
  data.metadata.agency = principal.agency;
  data.metadata.command_id = command.command_id;
  append.events.push_back(std::move(data));
  return append;
}

// (7)
bool RetriesOnConflict(const Command& command, int attempts) {
  return !command.expected_version && attempts < kMaxCommandAttempts;
}

grpc::Status Conflict(const Command& command, int attempts, const eventstore::Status& conflict) {
  if (!command.expected_version) {
    return grpc::Status(StatusCode::ABORTED, command.kind + " " + command.id +
                                                 " changed concurrently " +
                                                 std::to_string(attempts) +
                                                 " times while this command was decided; retry it");
  }
  const std::string current = conflict.current_version()
                                  ? std::to_string(conflict.current_version()->value())
                                  : std::string("a newer version");
  return grpc::Status(StatusCode::ABORTED, command.kind + " " + command.id + " is at version " +
                                               current + ", not the expected " +
                                               std::to_string(*command.expected_version));
}

void WriteReply(const Command& command, const AppendResult& result, v1::CommandReply* reply) {
  reply->set_id(command.id);
  reply->set_version(result.stream_version.value());
  reply->set_position(result.last_position.value());
  reply->set_item_id(command.item_id);
}

namespace {

// Runs one command through steps (3) to (7). Owned by shared_ptr; lives until the reply is sent.
// Only one thread touches it at a time: the handler, then the store's completion of each append
// in turn.
class Execution final : public std::enable_shared_from_this<Execution> {
 public:
  Execution(EventStore& store, StateCache& cache, grpc::ServerUnaryReactor* reactor,
            v1::CommandReply* reply, Principal principal, Command command, std::string key)
      : store_(store),
        loader_(store, cache),
        cache_(cache),
        reactor_(reactor),
        reply_(reply),
        principal_(std::move(principal)),
        command_(std::move(command)),
        key_(std::move(key)) {}

  // (3) to (6), one attempt. The last thing it does is AppendAsync or Finish.
  void Attempt() {
    ++attempts_;
    if (AnsweredAsRetry()) return;
    DecideAndAppend();
  }

 private:
  // (4) to (6).
  void DecideAndAppend() {
    loader_.ForgetCacheUse();
    auto state = loader_.Load(command_.stream, command_.fold);
    if (!state.ok()) return Finish(state.status());
    domain::Result<Decision> decided = Decide(command_, *state, loader_);
    if (!decided.ok()) {
      // Refused against a cached state: the stream (or the plan or agency looked at) may have
      // moved on since, so decide once more from the store before refusing.
      if (loader_.used_cache()) {
        loader_.BypassCache();
        return DecideAndAppend();
      }
      // A concurrent copy of this command may have committed after the lookup above and so
      // changed the state this decision was refused against; then the copy's reply is the answer.
      if (AnsweredAsRetry()) return;
      return Finish(decided.status());
    }
    after_ = std::move(decided->after);
    store_.AppendAsync(
        AppendFor(command_, principal_, key_, std::move(decided->event), VersionOf(*state)),
        [self = shared_from_this()](eventstore::Result<AppendResult> result) {
          self->OnAppended(std::move(result));
        });
  }

  // (7), on the store's writer or completion thread (or inline when the append was refused before
  // queueing). Retries call only AppendAsync, never the blocking Append.
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
        return Finish(Reused(principal_, command_));
      default: return Finish(FromStore(status));
    }
  }

  void OnConflict(const eventstore::Status& status) {
    // The state decided against is older than the stream: read it from the store from now on.
    loader_.BypassCache();
    if (RetriesOnConflict(command_, attempts_)) return Attempt();
    if (AnsweredAsRetry()) return;
    Finish(Conflict(command_, attempts_, status));
  }

  // (3): true when the key already committed and the call has been answered from that.
  bool AnsweredAsRetry() {
    domain::Result<std::optional<AppendResult>> first =
        LookUpFirstResult(store_, key_, principal_, command_, loader_);
    if (!first.ok()) {
      Finish(first.status());
      return true;
    }
    if (!first->has_value()) return false;
    Reply(**first);
    return true;
  }

  void Reply(const AppendResult& result) {
    WriteReply(command_, result, reply_);
    Finish(grpc::Status::OK);
  }

  void Finish(const grpc::Status& status) { reactor_->Finish(status); }

  EventStore& store_;
  StateLoader loader_;
  StateCache& cache_;
  grpc::ServerUnaryReactor* reactor_;
  v1::CommandReply* reply_;  // valid until Finish
  const Principal principal_;
  const Command command_;
  const std::string key_;
  int attempts_ = 0;
  AggregateState after_;  // the stream's state once the pending append commits
};

}  // namespace

void RunCommand(EventStore& store, StateCache& cache, grpc::ServerUnaryReactor* reactor,
                v1::CommandReply* reply, Principal principal, Command command) {
  domain::Result<std::string> key = IdempotencyKey(principal, command.command_id);  // (2)
  if (!key.ok()) {
    reactor->Finish(key.status());
    return;
  }
  std::make_shared<Execution>(store, cache, reactor, reply, std::move(principal),
                              std::move(command), *std::move(key))
      ->Attempt();
}

}  // namespace trygg::api
