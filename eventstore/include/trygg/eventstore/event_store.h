// trygg::eventstore::EventStore — an append-only, hash-chained event log on RocksDB.
//
// Events live in named streams; the store assigns each a global position (1, 2, 3, ... without
// gaps), a version within its stream (1, 2, 3, ...) and a commit timestamp. Every record
// carries the SHA-256 of the record before it, so changing any stored byte is detectable.
// The on-disk format is specified in docs/storage-format.md.
//
// Thread safety: every method may be called from any thread, concurrently. Appends are
// serialised through one writer thread that group-commits: everything queued while the previous
// batch was syncing goes into one RocksDB WriteBatch, written with sync=true. An append is
// acknowledged (its callback runs) only after its batch is durable, and Head() already
// includes it by then.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/eventstore/limits.h"
#include "trygg/eventstore/status.h"
#include "trygg/eventstore/types.h"

namespace trygg::eventstore {

struct Options {
  // Create an empty store when the directory is missing or empty.
  bool create_if_missing = true;
  // Make every group commit durable (fdatasync) before acknowledging it. Only tests and
  // benchmarks turn this off; an acknowledged event may then be lost on a machine crash.
  bool sync = true;
  // The commit clock. Tests inject a fixed one; recorded times are clamped to never decrease.
  std::function<Timestamp()> clock;  // empty: the system clock
  // RocksDB block cache shared by all column families.
  std::size_t block_cache_bytes = std::size_t{64} << 20;
};

// What Verify found. `problem` is empty when the log is intact.
struct VerifyReport {
  uint64_t events_checked = 0;
  LogHead head;  // as recorded in the meta column family
  // The first position at which the log is not what the chain says it must be.
  std::optional<Position> first_bad_position;
  std::string problem;  // human-readable: what is wrong at first_bad_position

  bool ok() const { return !first_bad_position.has_value(); }
};

// Progress of Verify: `checked` of `total` positions walked so far.
using VerifyProgress = std::function<void(uint64_t checked, uint64_t total)>;

// What a subscription handler asks for next.
enum class Delivery {
  kContinue,  // deliver the next batch as soon as there is one
  kPause,     // deliver nothing until Subscription::Resume()
};

struct SubscriptionHandlers {
  // Receives events in position order, without gaps or duplicates, at most
  // kMaxSubscriptionBatch at a time. Called on the store's delivery thread, never concurrently
  // for one subscription; it must not block (use kPause for back-pressure) and must not destroy
  // its own Subscription.
  std::function<Delivery(std::span<const RecordedEvent> events)> on_events;
  // Called at most once if the subscription ends by itself: kUnavailable when the store closes,
  // another code when reading fails. Never called after Cancel() has returned.
  std::function<void(const Status& why)> on_end;
};

// A live subscription. Destroying it cancels it.
class Subscription {
 public:
  virtual ~Subscription() = default;
  // Stops delivery. When it returns, no handler call is running (unless Cancel was called from
  // inside that handler) and none will start. Idempotent.
  virtual void Cancel() = 0;
  // Resumes delivery after a handler returned Delivery::kPause. Any thread. A Resume() that
  // arrives while the handler is still running cancels the kPause it is about to return.
  virtual void Resume() = 0;
};

class EventStore {
 public:
  using AppendCallback = std::function<void(Result<AppendResult>)>;

  // Opens the store in `dir`, creating it if allowed and the directory is missing or empty.
  // Fails with kFailedPrecondition when `dir` holds something that is not a trygg store, a
  // store of a newer format version, or a store another process has open.
  static Result<std::unique_ptr<EventStore>> Open(const std::filesystem::path& dir,
                                                  Options options = {});

  // Finishes every queued append (each callback runs), ends subscriptions with kUnavailable,
  // and closes the database. Appends submitted meanwhile fail with kUnavailable.
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `request.events` to `request.stream_id` atomically. `done` runs exactly once: on the
  // calling thread when the request is rejected before queueing (invalid, queue full, closing),
  // otherwise after the batch is durable, in commit order, on the writer thread (small groups) or
  // the store's completion thread (large groups, so the next sync need not wait for them).
  // `done` must not block and must not call Append (the synchronous form): it would wait for its
  // own thread. It may call AppendAsync.
  // Errors: kInvalidArgument (a limit or a malformed field, named in the message), kAborted
  // (expected version mismatch; status.current_version() is the stream's version), kAlreadyExists
  // (idempotency key reused for a different request), kResourceExhausted, kUnavailable,
  // kInternal.
  void AppendAsync(AppendRequest request, AppendCallback done);
  // AppendAsync, waiting for the result. Must not be called from an AppendCallback.
  Result<AppendResult> Append(AppendRequest request);

  // Events of one stream with version >= from, in version order, at most
  // min(max, kMaxReadEvents). An unknown stream gives an empty list.
  Result<std::vector<RecordedEvent>> ReadStream(std::string_view stream_id, StreamVersion from,
                                                std::size_t max) const;
  // Events with position >= from, in position order, at most min(max, kMaxReadEvents).
  Result<std::vector<RecordedEvent>> ReadAll(Position from, std::size_t max) const;
  // The same into `out`, replacing its contents. A replay loop that passes the same vector each
  // time reuses its events' buffers instead of allocating new ones. On error `out` is unspecified.
  Status ReadAll(Position from, std::size_t max, std::vector<RecordedEvent>& out) const;
  // The last committed record.
  LogHead Head() const;
  // The current version of a stream (0 when it does not exist).
  Result<StreamVersion> StreamHead(std::string_view stream_id) const;
  // The result of the committed append made with this idempotency key (deduplicated = true), or
  // nullopt when no append with it has committed. Lets a caller answer a retry before deciding
  // anything anew.
  Result<std::optional<AppendResult>> FindIdempotencyKey(std::string_view key) const;

  // Delivers every event with position >= from: first those already stored, then each new one as
  // it commits, with no gap and no duplicate at the switch-over.
  std::unique_ptr<Subscription> Subscribe(Position from, SubscriptionHandlers handlers);

  // Walks the whole log: each record decodes, its position matches its key, its hash matches,
  // its prev_hash matches the record before, stream versions are gap-free, the stream index
  // holds exactly one entry per record, and the head in meta matches the last record.
  // The report names the first bad position. An error Result means the walk itself failed.
  Result<VerifyReport> Verify(const VerifyProgress& progress = {}) const;

  // A consistent copy of the store, taken online, in `dir` (which must not exist). The copy opens
  // as a store. Hard-links files where the file system allows.
  Status Checkpoint(const std::filesystem::path& dir) const;

 private:
  class Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trygg::eventstore
