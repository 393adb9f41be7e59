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
//
// A store can also be opened read-only (OpenReadOnly): a stopped store, a checkpoint or a backup
// copy, or a store that another process (a running trygg-server) has open for writing. Such an
// instance sees the log as it stood when it was opened and never changes; it can read, verify and
// copy, but not append.
#pragma once

#include <chrono>
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

namespace rocksdb {
class FileSystem;
}  // namespace rocksdb

namespace trygg::eventstore {

// The messages of a write the disk refused, the one home of both (a client sees them as they are).
// kResourceExhausted: the disk holding the store is full. The writer retries about once a second
// and writes resume by themselves once there is space again; nothing acknowledged is lost.
inline constexpr char kDiskFullMessage[] =
    "the disk holding the event store is full: free space on it; writes resume by themselves";
// kUnavailable: a write failed for another reason (an I/O error). Reads go on; writes stay refused
// until the server is restarted, because RocksDB cannot vouch for its write-ahead log after that.
inline constexpr char kDiskFailedMessage[] =
    "the event store failed to write to its disk: fix the cause (the server's log has RocksDB's "
    "error), then restart the server";

// One thing the store has to say for its host's log (Options::on_log). The views are valid only
// during the call.
struct StoreLogRecord {
  enum class Kind {
    kMessage,     // `message`: RocksDB's own warnings and errors, writes stopping and resuming
    kCheckpoint,  // a memtable flush: `column_family`'s recent writes, until now only in memory and
                  // the write-ahead log, written to a table file (`entries`, `bytes`)
    kCompaction,  // table files of `column_family` merged into fewer (`files_in`, `files_out`,
                  // `bytes_in`, `bytes_out`, `duration`), or only moved down a level (no bytes,
                  // no duration: RocksDB's "trivial move", when the files' keys do not overlap)
  };
  enum class Severity { kInfo, kWarning, kError };
  Kind kind = Kind::kMessage;
  Severity severity = Severity::kInfo;
  std::string_view message;
  std::string_view column_family;
  // kCheckpoint: why RocksDB flushed: "shutdown" (a clean close), "memtable_full", "checkpoint"
  // (a backup's), "wal_full", "memory_limit", "error_recovery", "manual" or "other".
  std::string_view reason;
  uint64_t entries = 0;
  uint64_t files_in = 0;
  uint64_t files_out = 0;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;  // kCheckpoint: the table file's data, index and filter blocks
  std::chrono::microseconds duration{0};
};

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
  // Tests only: the file system the store's RocksDB runs on (a rocksdb::FileSystemWrapper that
  // simulates a power cut or a full disk). Null: the operating system's.
  std::shared_ptr<rocksdb::FileSystem> file_system;
  // Called with false when a write fails because of the disk (kDiskFullMessage or
  // kDiskFailedMessage) and with true when writes succeed again after that; never twice in a row
  // with the same value. Runs on the writer thread: it must not block and must not append.
  std::function<void(bool writable)> on_writable;

  // The store's own log, for its host to write where its log goes (StoreLogRecord). Null: plain
  // lines on stderr for messages, nothing for checkpoints and compactions. Runs on RocksDB's
  // background threads and the writer thread, possibly concurrently: it must not block and must
  // not call the store.
  std::function<void(const StoreLogRecord& record)> on_log;

  // Called after each group commit that appended events, with how many it appended and how long
  // writing and syncing its batch took (what the server's metrics show). Runs on the writer thread
  // before the commit's appends are acknowledged: it must not block and must not append.
  std::function<void(uint64_t events, std::chrono::nanoseconds sync)> on_group_commit;
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

struct VerifyOptions {
  // Called every few tens of thousands of records and once at the end.
  VerifyProgress progress;
  // Called, on the verifying thread and in position order, for each record that passed the
  // store's own checks (its stored bytes, hash, link, position and stream version). A non-empty
  // return marks that record bad with that problem, and the walk stops there. Lets a caller check
  // what the store cannot know, e.g. that each payload parses as the type it declares.
  std::function<std::string(const RecordedEvent& event)> check_event;
  // Walk only the records from this position to the head (a position beyond the head means the
  // head itself): the cheap check of a store's tail, e.g. at a server's start. The record before
  // `from` is the anchor: its own hash is checked and the tail must link to it, but nothing
  // before it is read. Each walked record's stream-index entry is checked by a point lookup, and
  // a stream's first version in the tail must follow an indexed version before it. Position 1
  // (the default) walks the whole log and the whole index.
  Position from{1};
};

// How an instance reaches its database.
enum class AccessMode {
  kReadWrite,  // Open: this instance is the store's only writer.
  kReadOnly,   // OpenReadOnly of a store no other instance has open (a stopped store, a
               // checkpoint, a backup): a RocksDB read-only instance. It holds the store's lock
               // meanwhile, so no writer can open the store under it.
  kSecondary,  // OpenReadOnly of a store another instance has open (e.g. a running trygg-server),
               // or whose lock this process cannot take (its LOCK file is not writable for this
               // user, so a writer may have it open): a RocksDB secondary instance, caught up with
               // the writer once, at open.
};

struct ReadOnlyOptions {
  enum class Mode {
    kAuto,       // kReadOnly when this process can take the store's lock, kSecondary otherwise.
    kReadOnly,   // kFailedPrecondition when another instance has the store open; without the lock
                 // when the LOCK file is not writable (the caller vouches that no writer runs).
    kSecondary,  // a secondary instance even of a stopped store.
  };
  Mode mode = Mode::kAuto;
  // Where a secondary instance keeps its own files (RocksDB's info log). Empty: a new temporary
  // directory under $TMPDIR (or /tmp), removed when the instance closes.
  std::filesystem::path secondary_dir;
  // RocksDB block cache shared by all column families.
  std::size_t block_cache_bytes = std::size_t{64} << 20;
};

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

  // Opens the store in `dir` for reading only, without changing anything in `dir`: a stopped
  // store, a checkpoint, a backup copy (also on a read-only file system), or a store a running
  // server has open (see AccessMode and ReadOnlyOptions::Mode). The instance is a consistent
  // prefix of the log, frozen at the moment it was opened: the head, every record up to it, the
  // stream index and the idempotency entries of the same moment. To see later appends, open a
  // new instance.
  //
  // On it, AppendAsync and Append fail with kFailedPrecondition, Checkpoint fails with
  // kFailedPrecondition (use CopyTo), Subscribe delivers the stored events and then nothing, and
  // everything else works as on a writable instance.
  // Errors: kNotFound when `dir` is missing or empty; kFailedPrecondition when it is not a trygg
  // store, is of a newer format version, or (Mode::kReadOnly) is open elsewhere; kDataLoss or
  // kInternal when RocksDB cannot read it.
  static Result<std::unique_ptr<EventStore>> OpenReadOnly(const std::filesystem::path& dir,
                                                          ReadOnlyOptions options = {});

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
  // (idempotency key reused for a different request), kResourceExhausted (queue full, or the
  // disk is full: kDiskFullMessage), kUnavailable (closing, or the disk failed:
  // kDiskFailedMessage), kInternal. A write the disk refused fails as a whole: every append in its
  // group gets the same status and none of it is stored.
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
  // Calls `visit` with each event with position >= from, in position order, up to the head as of
  // the call, until `visit` returns false. Nothing is copied: each view is of the bytes as read,
  // valid only during its call, which makes this the fastest way through a long log (a replay).
  // Runs on the calling thread; `visit` must not call the store's writing methods. kDataLoss when
  // a record does not decode (the events before it were visited).
  Status ScanAll(Position from, const std::function<bool(const RecordView&)>& visit) const;
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
  // The same, with a caller's check of each record (VerifyOptions::check_event).
  Result<VerifyReport> Verify(const VerifyOptions& options) const;

  // A consistent copy of the store, taken online, in `dir` (which must not exist). The copy opens
  // as a store. Hard-links files where the file system allows. Writable instances only: on a
  // read-only one, kFailedPrecondition.
  Status Checkpoint(const std::filesystem::path& dir) const;

  // Writes a new store in `dir` (which must not exist) holding exactly what this instance sees:
  // every key and value of every column family (records, stream index, idempotency entries, meta
  // with the same head), byte for byte, so the copy's records and head hash are the original's.
  // On a writable instance the copy is of one consistent moment (a RocksDB snapshot); on a
  // read-only or secondary instance, of the moment it was opened. This is how to copy a store that
  // a running server has open: OpenReadOnly it (a secondary instance), then CopyTo. Unlike
  // Checkpoint it rewrites the data rather than linking files, so it takes time and space in
  // proportion to the store.
  //
  // The copy is written under `dir` + ".partial" and renamed to `dir` once it is durable, so `dir`
  // either does not exist or holds the whole copy. It does not verify the copy: open it and
  // Verify. Errors: kAlreadyExists when `dir` or the partial directory exists; kInternal on I/O.
  Status CopyTo(const std::filesystem::path& dir) const;

  // How this instance reaches its database.
  AccessMode access_mode() const;

 private:
  class Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trygg::eventstore
