#include "writer.h"

#include <rocksdb/write_batch.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "codec.h"
#include "record.h"
#include "trygg/check.h"
#include "validate.h"

namespace trygg::eventstore {
namespace {

// Stream versions the writer remembers between commits. Beyond this many streams the cache is
// dropped and refilled from the index, so memory stays bounded however many streams exist.
constexpr std::size_t kMaxCachedStreams = 100'000;
constexpr std::size_t kInlineCompletions = 4;
// While the disk is full, how often the writer tries to resume the store: by a timer, and at most
// this often before a write (each try flushes the memtables, which writes to the disk).
constexpr auto kResumeInterval = std::chrono::seconds(1);
// Deleted, without the write-ahead log, before a write into an empty memtable (see GuardWal).
constexpr char kWalGuardKey[] = "trygg.wal-guard";

// What a refused write means for the writer: RocksDB stops writing after either, and only a full
// disk can be resumed (RocksDB refuses to resume from any other I/O error).
enum class DiskState { kWritable, kFull, kFailed };

Status DiskStatus(DiskState state, const rocksdb::Status& s) {
  if (state == DiskState::kFull) {
    return Status(Code::kResourceExhausted, kDiskFullMessage).WithDetail(s.ToString());
  }
  return Status(Code::kUnavailable, kDiskFailedMessage).WithDetail(s.ToString());
}

// An append waiting for the writer, with the parts that do not depend on its place in the log
// already computed on the submitting thread.
// The request's events live on only as their prefixes, so a queued append holds its payloads once.
struct Pending {
  std::string stream_id;
  ExpectedVersion expected_version = ExpectedVersion::Any();
  std::string idempotency_key;
  std::vector<format::RecordPrefix> prefixes;  // one per event, encoded and hashed
  Hash digest{};                               // format::RequestDigest, with an idempotency key
  std::size_t bytes = 0;                       // AppendBytes, counted against kMaxQueuedBytes
  EventStore::AppendCallback done;
};

std::string DescribeExpected(const ExpectedVersion& ev) {
  switch (ev.kind()) {
    case ExpectedVersion::Kind::kAny: return "any version";
    case ExpectedVersion::Kind::kNoStream: return "no stream";
    case ExpectedVersion::Kind::kExactly: return "version " + std::to_string(ev.version().value());
  }
  return "?";
}

}  // namespace

class Writer::Impl {
 public:
  Impl(const Db& db, const Reader& reader, Options options, LogHead head, Timestamp last_time,
       std::function<void(const LogHead&)> on_commit)
      : db_(db),
        reader_(reader),
        options_(std::move(options)),
        on_commit_(std::move(on_commit)),
        head_(head),
        last_time_(last_time),
        committed_(head),
        completion_work_(completion_ctx_.get_executor()),
        completion_thread_([this] { completion_ctx_.run(); }),
        resume_timer_(ctx_),
        work_(ctx_.get_executor()),
        thread_([this] { ctx_.run(); }) {}

  ~Impl() { Close(); }

  void Submit(AppendRequest request, EventStore::AppendCallback done) {
    Pending p;
    p.bytes = AppendBytes(request);
    p.prefixes.reserve(request.events.size());
    for (const EventData& e : request.events) p.prefixes.emplace_back(request.stream_id, e);
    if (!request.idempotency_key.empty()) p.digest = format::RequestDigest(request);
    p.stream_id = std::move(request.stream_id);
    p.expected_version = request.expected_version;
    p.idempotency_key = std::move(request.idempotency_key);
    p.done = std::move(done);

    std::unique_lock lock(mu_);
    if (closing_) {
      lock.unlock();
      p.done(Status(Code::kUnavailable, "the event store is closing"));
      return;
    }
    if (queue_.size() >= kMaxQueuedAppends || queued_bytes_ + p.bytes > kMaxQueuedBytes) {
      lock.unlock();
      p.done(Status(Code::kResourceExhausted,
                    "the writer's queue is full (" + std::to_string(kMaxQueuedAppends) +
                        " appends or " + std::to_string(kMaxQueuedBytes >> 20) +
                        " MiB); retry later"));
      return;
    }
    queued_bytes_ += p.bytes;
    queue_.push_back(std::move(p));
    if (!draining_) {
      draining_ = true;
      boost::asio::post(ctx_, [this] { Drain(); });
    }
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
    }
    boost::asio::post(ctx_, [this] { resume_timer_.cancel(); });
    work_.reset();  // the thread ends once the last drain (and a cancelled resume timer) has run
    thread_.join();
    completion_work_.reset();
    completion_thread_.join();
  }

  LogHead head() const {
    std::lock_guard lock(committed_mu_);
    return committed_;
  }

 private:
  // Writer thread: commits group after group until the queue is empty.
  void Drain() {
    for (;;) {
      std::vector<Pending> group;
      {
        std::lock_guard lock(mu_);
        std::size_t bytes = 0;
        while (!queue_.empty() &&
               (group.empty() || bytes + queue_.front().bytes <= kMaxGroupCommitBytes)) {
          bytes += queue_.front().bytes;
          group.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        queued_bytes_ -= bytes;
        if (group.empty()) {
          draining_ = false;
          return;
        }
      }
      Commit(group);
    }
  }

  // The stream's version as of the batch being built.
  Result<uint64_t> StreamVersionOf(const std::string& stream) {
    if (auto it = batch_versions_.find(stream); it != batch_versions_.end()) return it->second;
    if (auto it = versions_.find(stream); it != versions_.end()) return it->second;
    auto v = reader_.StreamHead(stream);
    if (!v.ok()) return v.status();
    if (versions_.size() >= kMaxCachedStreams) versions_.clear();
    versions_.emplace(stream, v->value());
    return v->value();
  }

  // The earlier result of an idempotency key, if it has one: in this batch or stored.
  Result<std::optional<format::IdempotencyEntry>> FindKey(const std::string& key) {
    if (auto it = batch_keys_.find(key); it != batch_keys_.end()) return {it->second};
    return reader_.FindIdempotencyKey(key);
  }

  // Decides one append against the state so far, adding its records to `batch`.
  Result<AppendResult> Place(Pending& p, rocksdb::WriteBatch& batch, LogHead& head, Timestamp now) {
    if (!p.idempotency_key.empty()) {
      auto found = FindKey(p.idempotency_key);
      if (!found.ok()) return found.status();
      if (found->has_value()) {
        if ((*found)->request_digest != p.digest) {
          return Status(Code::kAlreadyExists, "idempotency key '" + p.idempotency_key +
                                                  "' was already used for a different request");
        }
        AppendResult result = (*found)->result;
        result.deduplicated = true;
        return result;
      }
    }
    auto current = StreamVersionOf(p.stream_id);
    if (!current.ok()) return current.status();
    const ExpectedVersion& ev = p.expected_version;
    if (ev.kind() != ExpectedVersion::Kind::kAny && ev.version().value() != *current) {
      return Status::VersionConflict("stream '" + p.stream_id + "' is at version " +
                                         std::to_string(*current) + ", the append expected " +
                                         DescribeExpected(ev),
                                     StreamVersion(*current));
    }
    AppendResult result;
    result.first_position = head.position.next();
    const std::string stream_prefix = format::StreamPrefix(p.stream_id);
    for (std::size_t i = 0; i < p.prefixes.size(); ++i) {
      const Position position = head.position.next();
      const StreamVersion version(*current + 1 + i);
      TRYGG_CHECK(position.value() == result.first_position.value() + i,
                  "an append's records take consecutive positions");
      const format::RecordSuffix suffix =
          format::EncodeRecordSuffix(version, position, now, head.hash);
      const Hash hash = p.prefixes[i].Seal(suffix);
      // The value goes into the batch in its three parts, without another copy.
      const std::string log_key = format::LogKey(position);
      const rocksdb::Slice key(log_key);
      const rocksdb::Slice value[] = {
          p.prefixes[i].bytes(), rocksdb::Slice(suffix.data(), suffix.size()),
          rocksdb::Slice(reinterpret_cast<const char*>(hash.data()), hash.size())};
      batch.Put(db_.log(), rocksdb::SliceParts(&key, 1), rocksdb::SliceParts(value, 3));
      const std::string version_key = codec::U64Key(version.value());
      const rocksdb::Slice index_key[] = {stream_prefix, version_key};
      const rocksdb::Slice index_value(log_key);
      batch.Put(db_.streams(), rocksdb::SliceParts(index_key, 2),
                rocksdb::SliceParts(&index_value, 1));
      head = LogHead{position, hash};
    }
    result.last_position = head.position;
    result.stream_version = StreamVersion(*current + p.prefixes.size());
    TRYGG_CHECK(
        result.last_position.value() - result.first_position.value() + 1 == p.prefixes.size(),
        "an append's positions number exactly its events");
    uint64_t& stream_version = batch_versions_[p.stream_id];
    TRYGG_CHECK(stream_version == 0 || stream_version == *current,
                "an append continues its stream from the version the batch left it at");
    stream_version = result.stream_version.value();
    if (!p.idempotency_key.empty()) {
      format::IdempotencyEntry entry{p.digest, result};
      batch.Put(db_.idempotency(), p.idempotency_key, format::EncodeIdempotency(entry));
      batch_keys_[p.idempotency_key] = entry;
    }
    return result;
  }

  // Pair assertions on a placed group, before anything is written: the appends placed took
  // consecutive positions from the committed head on, each as many as it has events, each
  // stream's version moved by its events, and `head` is exactly that many records further on.
  void CheckPlaced(const std::vector<Pending>& group,
                   const std::vector<Result<AppendResult>>& results, const LogHead& head) const {
    uint64_t next = head_.position.value() + 1;
    for (std::size_t i = 0; i < group.size(); ++i) {
      const Result<AppendResult>& placed = results[i];
      if (!placed.ok() || placed->deduplicated) continue;
      const uint64_t events = group[i].prefixes.size();
      TRYGG_CHECK(placed->first_position.value() == next,
                  "appends in a group take positions without gaps");
      TRYGG_CHECK(placed->last_position.value() + 1 == next + events,
                  "an append takes one position per event");
      TRYGG_CHECK(placed->stream_version.value() >= events,
                  "a stream's version counts every event placed in it");
      next += events;
    }
    TRYGG_CHECK(head.position.value() + 1 == next,
                "the head advances by exactly the records placed");
  }

  // Writer thread. Tries to take the store out of its stopped state after a full disk; true when
  // writes can go on. A failure to resume other than for space makes the stop final.
  bool TryResume() {
    if (disk_ == DiskState::kWritable) return true;
    if (disk_ == DiskState::kFailed) return false;
    last_resume_ = std::chrono::steady_clock::now();
    const rocksdb::Status s = db_.db().Resume();
    if (s.ok()) {
      SetDisk(DiskState::kWritable, Status());
      return true;
    }
    if (!s.IsNoSpace()) {
      SetDisk(DiskState::kFailed, DiskStatus(DiskState::kFailed, s));
    } else {
      disk_status_ = DiskStatus(DiskState::kFull, s);
    }
    return false;
  }

  void SetDisk(DiskState state, Status status) {
    const bool was_writable = disk_ == DiskState::kWritable;
    disk_ = state;
    disk_status_ = std::move(status);
    if (state != DiskState::kWritable) {
      // One line for the server's log per stop and per final failure, with RocksDB's own words.
      Say(StoreLogRecord::Severity::kError, "writes stopped: " + disk_status_.ToString());
      if (state == DiskState::kFull) {
        last_resume_ = std::chrono::steady_clock::now();  // the disk has just said it is full
        ScheduleResume();
      }
    } else {
      Say(StoreLogRecord::Severity::kInfo, "writes resumed");
    }
    if (options_.on_writable && was_writable != (state == DiskState::kWritable)) {
      options_.on_writable(state == DiskState::kWritable);
    }
  }

  // A message for the server's log: through Options::on_log, or as a line on stderr.
  void Say(StoreLogRecord::Severity severity, const std::string& message) {
    if (options_.on_log) {
      StoreLogRecord record;
      record.severity = severity;
      record.message = message;
      options_.on_log(record);
      return;
    }
    std::fprintf(stderr, "trygg: %s\n", message.c_str());
  }

  // While the disk is full, a try to resume every kResumeInterval, so that writes (and the
  // server's health) come back without waiting for the next append.
  void ScheduleResume() {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
    }
    resume_timer_.expires_after(kResumeInterval);
    resume_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || disk_ != DiskState::kFull) return;
      if (!TryResume() && disk_ == DiskState::kFull) ScheduleResume();
    });
  }

  // Writer thread: whether the next write may go to RocksDB; when not, disk_status_ says why.
  bool MayWrite() {
    if (disk_ == DiskState::kWritable) return true;
    if (disk_ == DiskState::kFull &&
        std::chrono::steady_clock::now() - last_resume_ >= kResumeInterval) {
      return TryResume();
    }
    return false;
  }

  // RocksDB 7.8 resumes after a failed write-ahead-log write by flushing the memtables, which
  // switches to a new log only when some memtable holds something; with all of them empty it keeps
  // the log that failed, and the next write into it fails the "Writer has previous error"
  // assertion, which aborts the process with Debian's build (fixed in RocksDB 9.5, #12873). So a
  // write never goes into empty memtables: a tombstone without the log goes first, which keeps the
  // default column family's (otherwise unused) memtable non-empty. disk_full_test's
  // WritesResumeWhenTheDiskFillsRightAfterOpening aborts without it.
  Status GuardWal() {
    rocksdb::DB& db = db_.db();
    uint64_t entries = 0;
    if (db.GetIntProperty(db.DefaultColumnFamily(), "rocksdb.num-entries-active-mem-table",
                          &entries) &&
        entries > 0) {
      return Status();
    }
    rocksdb::WriteOptions wo;
    wo.disableWAL = true;
    return FromRocks(db.Delete(wo, db.DefaultColumnFamily(), kWalGuardKey), "guarding the log");
  }

  // The outcome of writing `batch`; on a refusal by the disk the writer stops writing.
  Status Write(rocksdb::WriteBatch& batch) {
    if (!MayWrite()) return disk_status_;
    if (Status guarded = GuardWal(); !guarded.ok()) return guarded;
    rocksdb::WriteOptions wo;
    wo.sync = options_.sync;
    const rocksdb::Status s = db_.db().Write(wo, &batch);
    if (s.ok() || !s.IsIOError()) return FromRocks(s, "writing to the log");
    const DiskState state = s.IsNoSpace() ? DiskState::kFull : DiskState::kFailed;
    SetDisk(state, DiskStatus(state, s));
    return disk_status_;
  }

  void Commit(std::vector<Pending>& group) {
    // One time per commit, never below the previous one even if the clock steps back.
    const Timestamp now =
        std::max(options_.clock ? options_.clock()
                                : std::chrono::time_point_cast<std::chrono::microseconds>(
                                      std::chrono::system_clock::now()),
                 last_time_);
    rocksdb::WriteBatch batch;
    LogHead head = head_;
    std::vector<Result<AppendResult>> results;
    results.reserve(group.size());
    for (Pending& p : group) results.push_back(Place(p, batch, head, now));
    CheckPlaced(group, results, head);

    if (head.position != head_.position) {
      batch.Put(db_.meta(), format::kMetaHeadKey, format::EncodeHead(head));
      const auto write_start = std::chrono::steady_clock::now();
      Status s = Write(batch);
      if (s.ok() && options_.on_group_commit) {
        options_.on_group_commit(head.position.value() - head_.position.value(),
                                 std::chrono::steady_clock::now() - write_start);
      }
      if (!s.ok()) {
        // The whole group fails: no append in it is acknowledged, none of it is stored.
        for (auto& r : results) {
          if (r.ok()) r = s;  // including duplicates of keys first seen in this batch
        }
        head = head_;
      }
    }
    if (head.position != head_.position) {
      TRYGG_CHECK(head.position > head_.position, "a commit only moves the head forward");
      head_ = head;
      last_time_ = now;
      for (auto& [stream, version] : batch_versions_) {
        uint64_t& committed = versions_[stream];
        TRYGG_CHECK(version > committed, "a commit only moves a stream's version forward");
        committed = version;
      }
      {
        std::lock_guard lock(committed_mu_);
        committed_ = head;
      }
      on_commit_(head);
    }
    batch_versions_.clear();
    batch_keys_.clear();
    // A small group's callbacks run right here; a large group's on the completion thread, so
    // that waking many appenders does not delay the next sync. Inline only when the completion
    // thread has nothing left to run, which keeps callbacks in commit order.
    const bool inline_completion =
        group.size() <= kInlineCompletions && completions_queued_.load() == 0;
    auto complete = [group = std::move(group), results = std::move(results)]() mutable {
      for (std::size_t i = 0; i < group.size(); ++i) group[i].done(std::move(results[i]));
    };
    if (inline_completion) {
      complete();
    } else {
      ++completions_queued_;
      boost::asio::post(completion_ctx_, [this, complete = std::move(complete)]() mutable {
        complete();
        --completions_queued_;
      });
    }
  }

  const Db& db_;
  const Reader& reader_;
  const Options options_;
  const std::function<void(const LogHead&)> on_commit_;

  // Writer thread only.
  LogHead head_;
  Timestamp last_time_;
  std::unordered_map<std::string, uint64_t> versions_;        // committed stream versions
  std::unordered_map<std::string, uint64_t> batch_versions_;  // ... as changed by this batch
  std::unordered_map<std::string, format::IdempotencyEntry> batch_keys_;
  DiskState disk_ = DiskState::kWritable;
  Status disk_status_;  // why writes are refused, when disk_ is not kWritable
  std::chrono::steady_clock::time_point last_resume_;

  mutable std::mutex committed_mu_;
  LogHead committed_;

  std::mutex mu_;  // guards the queue and the flags below
  std::deque<Pending> queue_;
  std::size_t queued_bytes_ = 0;
  bool draining_ = false;
  bool closing_ = false;

  std::atomic<std::size_t> completions_queued_{0};  // groups posted to the completion thread
  boost::asio::io_context completion_ctx_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> completion_work_;
  std::thread completion_thread_;
  boost::asio::io_context ctx_;
  boost::asio::steady_timer resume_timer_;  // writer thread only
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
};

Writer::Writer(const Db& db, const Reader& reader, Options options, LogHead head,
               Timestamp last_time, std::function<void(const LogHead&)> on_commit)
    : impl_(std::make_unique<Impl>(db, reader, std::move(options), head, last_time,
                                   std::move(on_commit))) {}
Writer::~Writer() = default;
void Writer::Submit(AppendRequest request, EventStore::AppendCallback done) {
  impl_->Submit(std::move(request), std::move(done));
}
void Writer::Close() { impl_->Close(); }
LogHead Writer::head() const { return impl_->head(); }

}  // namespace trygg::eventstore
