#include "db.h"

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/listener.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <functional>
#include <string_view>
#include <system_error>

#include "codec.h"
#include "record.h"

namespace trygg::eventstore {
namespace fs = std::filesystem;

Status FromRocks(const rocksdb::Status& s, std::string_view doing) {
  if (s.ok()) return Status();
  std::string message = std::string(doing) + ": " + s.ToString();
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return Status(Code::kFailedPrecondition,
                  std::string(doing) + ": the store is already open (in this or another process)");
  }
  if (s.IsCorruption()) return Status(Code::kDataLoss, message);
  if (s.IsShutdownInProgress()) return Status(Code::kUnavailable, message);
  return Status(Code::kInternal, message);
}

namespace {

// How often a secondary instance tries to catch up with its writer at open before giving up.
constexpr int kMaxCatchUpAttempts = 3;

const std::vector<std::string>& OurColumnFamilies() {
  static const std::vector<std::string> kNames = {rocksdb::kDefaultColumnFamilyName,
                                                  format::kLogCf,
                                                  format::kStreamsCf,
                                                  format::kIdempotencyCf,
                                                  format::kMetaCf,
                                                  format::kSnapshotsCf};
  return kNames;
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  // The head in meta and the records it covers are written together; keep flushes atomic too so
  // that a checkpoint or a recovery without WAL never sees one column family ahead of another.
  o.atomic_flush = true;
  o.max_background_jobs = 2;
  // One writer thread; and the idempotency family's hash memtable takes no concurrent inserts.
  o.allow_concurrent_memtable_write = false;
  o.bytes_per_sync = 1 << 20;
  o.keep_log_file_num = 4;
  o.max_log_file_size = 16 << 20;
  return o;
}

// The stream part of a stream-index key (the key without its 8-byte version). Given as the index's
// memtable insert hint: the memtable remembers where it last inserted each stream's key, so a
// stream's next version goes in beside its previous one instead of after a search from the top of
// the skiplist (a chain of cache misses in a large memtable).
class StreamOfIndexKey final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "trygg.StreamOfIndexKey"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return format::ParseStreamKey(std::string_view(key.data(), key.size())).has_value();
  }
};

rocksdb::ColumnFamilyOptions MakeCfOptions(const std::string& name,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = 16 << 10;
  // Idempotency lookups and the stream index's "has this stream a version 1" are point reads of
  // keys that usually do not exist (a new command's key, a new stream).
  if (name == format::kIdempotencyCf || name == format::kStreamsCf) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    o.memtable_whole_key_filtering = true;
    o.memtable_prefix_bloom_size_ratio = 0.05;
  }
  // Idempotency keys are only ever looked up whole, and arrive in random order: a hash table
  // over the whole key (the "prefix") inserts them without the skiplist's search, which was a
  // third of the writer thread's own time. Full scans (CopyTo) set total_order_seek.
  if (name == format::kIdempotencyCf) {
    o.prefix_extractor.reset(rocksdb::NewNoopTransform());
    o.memtable_factory.reset(rocksdb::NewHashLinkListRepFactory(1 << 18));
  }
  if (name == format::kStreamsCf) {
    o.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamOfIndexKey>();
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

bool IsEmptyDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

// Whether `dir` holds only what RocksDB writes while it creates a database before CURRENT names
// it (a power cut during a store's first creation): no database, and nothing ever acknowledged.
bool IsInterruptedBeforeCurrent(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "CURRENT", ec)) return false;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool creation_file = name == "LOCK" || name == "IDENTITY" || name.starts_with("LOG") ||
                               name.starts_with("MANIFEST-") || name.starts_with("OPTIONS-") ||
                               name.ends_with(".dbtmp");
    if (!creation_file || !entry.is_regular_file(ec)) return false;
  }
  return !ec;
}

// Where a store lives and whether it holds anything yet.
struct Location {
  fs::path dir;  // canonical
  bool fresh = false;
};

Result<Location> Locate(const fs::path& given_dir) {
  std::error_code ec;
  // One spelling per directory: RocksDB refuses a second open in this process by path string.
  Location where;
  where.dir = fs::weakly_canonical(fs::absolute(given_dir, ec), ec);
  if (ec) {
    return Status(Code::kInvalidArgument,
                  "cannot resolve " + given_dir.string() + ": " + ec.message());
  }
  const bool exists = fs::exists(where.dir, ec);
  if (exists && !fs::is_directory(where.dir, ec)) {
    return Status(Code::kFailedPrecondition, where.dir.string() + " is not a directory");
  }
  where.fresh = !exists || IsEmptyDir(where.dir) || IsInterruptedBeforeCurrent(where.dir);
  if (!where.fresh && !fs::exists(where.dir / "CURRENT", ec)) {
    return Status(Code::kFailedPrecondition,
                  where.dir.string() + " is not a trygg store: it holds files but no database");
  }
  return where;
}

// RocksDB's info log, discarded: a read-only instance must not write into the directory it reads
// (RocksDB would otherwise rotate the store's LOG file, or fail on a read-only file system).
class NullLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

// Whether a database that lacks some of our column families is a store whose creation a power cut
// interrupted between creating two families: it has no family that is not ours, and nothing in
// any (a store's first write, its marker, comes after every family exists). Looked at read-only,
// so that a database that is not a store is left as it was.
Result<bool> IsInterruptedCreation(const fs::path& dir, const std::vector<std::string>& existing) {
  const std::vector<std::string>& ours = OurColumnFamilies();
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : existing) {
    if (std::find(ours.begin(), ours.end(), name) == ours.end()) return false;
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  rocksdb::DBOptions options;
  options.info_log = std::make_shared<NullLogger>();
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::OpenForReadOnly(options, dir.string(), descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "reading the store at " + dir.string());
  std::unique_ptr<rocksdb::DB> db(raw);
  bool empty = true;
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handle));
    it->SeekToFirst();
    empty = empty && !it->Valid() && it->status().ok();
    db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  return empty;
}

// Our column families (and, in an existing store, every other one it has), each with its options.
Result<std::vector<rocksdb::ColumnFamilyDescriptor>> Descriptors(
    const Location& where, const std::shared_ptr<rocksdb::Cache>& cache) {
  std::vector<std::string> names = OurColumnFamilies();
  if (!where.fresh) {
    std::vector<std::string> existing;
    rocksdb::Status s =
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), where.dir.string(), &existing);
    if (!s.ok()) {
      return FromRocks(s, "reading the store's column families at " + where.dir.string());
    }
    for (const std::string& name : names) {
      if (std::find(existing.begin(), existing.end(), name) != existing.end()) continue;
      auto interrupted = IsInterruptedCreation(where.dir, existing);
      if (!interrupted.ok()) return interrupted.status();
      if (*interrupted) return Descriptors(Location{where.dir, /*fresh=*/true}, cache);
      return Status(
          Code::kFailedPrecondition,
          where.dir.string() + " is not a trygg store: it has no '" + name + "' column family");
    }
    names = existing;  // open every family, including any a newer version added
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  for (const std::string& name : names) descriptors.emplace_back(name, MakeCfOptions(name, cache));
  return descriptors;
}

// RocksDB's warnings and errors, for the server's log (Options::on_log; without one, as lines on
// stderr) instead of an info LOG file in the data directory: that file is written on the same disk
// as the store, so when the disk is full RocksDB's own logging fails too (and crashed the server
// after a refused write). A line that cannot be written to stderr is dropped.
class StoreLogger final : public rocksdb::Logger {
 public:
  explicit StoreLogger(std::function<void(const StoreLogRecord&)> on_log)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL), on_log_(std::move(on_log)) {}
  void Logv(const char* format, va_list ap) override {
    Logv(rocksdb::InfoLogLevel::WARN_LEVEL, format, ap);
  }
  void Logv(const rocksdb::InfoLogLevel level, const char* format, va_list ap) override {
    if (level < GetInfoLogLevel() || level == rocksdb::InfoLogLevel::HEADER_LEVEL) return;
    char line[1024];
    const int n = std::vsnprintf(line, sizeof line, format, ap);
    if (n < 0) return;
    std::string_view text(line, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof line - 1));
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    const bool error = level >= rocksdb::InfoLogLevel::ERROR_LEVEL;
    if (on_log_) {
      StoreLogRecord record;
      record.severity =
          error ? StoreLogRecord::Severity::kError : StoreLogRecord::Severity::kWarning;
      record.message = text;
      on_log_(record);
      return;
    }
    const std::string out =
        std::string("trygg: rocksdb: [") + (error ? "ERROR" : "WARN") + "] " + std::string(text) +
        "\n";
    std::fwrite(out.data(), 1, out.size(), stderr);  // one write per line; failure: dropped
  }

 private:
  std::function<void(const StoreLogRecord&)> on_log_;
};

// StoreLogRecord::reason of a flush.
std::string_view FlushReasonName(rocksdb::FlushReason reason) {
  switch (reason) {
    case rocksdb::FlushReason::kShutDown: return "shutdown";
    case rocksdb::FlushReason::kWriteBufferFull: return "memtable_full";
    case rocksdb::FlushReason::kGetLiveFiles: return "checkpoint";
    case rocksdb::FlushReason::kWalFull: return "wal_full";
    case rocksdb::FlushReason::kWriteBufferManager: return "memory_limit";
    case rocksdb::FlushReason::kErrorRecovery:
    case rocksdb::FlushReason::kErrorRecoveryRetryFlush: return "error_recovery";
    case rocksdb::FlushReason::kManualFlush: return "manual";
    default: return "other";
  }
}

// RocksDB's background work, told to Options::on_log: memtable flushes (the store's checkpoints of
// its write-ahead log into table files) and compactions.
class StoreEvents final : public rocksdb::EventListener {
 public:
  explicit StoreEvents(std::function<void(const StoreLogRecord&)> on_log)
      : on_log_(std::move(on_log)) {}

  void OnFlushCompleted(rocksdb::DB* /*db*/, const rocksdb::FlushJobInfo& info) override {
    StoreLogRecord record;
    record.kind = StoreLogRecord::Kind::kCheckpoint;
    record.column_family = info.cf_name;
    record.reason = FlushReasonName(info.flush_reason);
    record.entries = info.table_properties.num_entries;
    record.files_out = 1;
    record.bytes_out = info.table_properties.data_size + info.table_properties.index_size +
                       info.table_properties.filter_size;
    on_log_(record);
  }

  void OnCompactionCompleted(rocksdb::DB* /*db*/, const rocksdb::CompactionJobInfo& info) override {
    StoreLogRecord record;
    record.kind = StoreLogRecord::Kind::kCompaction;
    record.severity =
        info.status.ok() ? StoreLogRecord::Severity::kInfo : StoreLogRecord::Severity::kError;
    record.column_family = info.cf_name;
    // A compaction that only moves files down a level rewrites nothing: no bytes, no time.
    record.files_in = info.input_files.size();
    record.files_out = info.output_files.size();
    record.bytes_in = info.stats.total_input_bytes;
    record.bytes_out = info.stats.total_output_bytes;
    record.duration = std::chrono::microseconds(info.stats.elapsed_micros);
    on_log_(record);
  }

 private:
  std::function<void(const StoreLogRecord&)> on_log_;
};

// The writer resumes the store after a full disk itself (DB::Resume, see writer.cc), on its own
// schedule and knowing which writes failed; RocksDB's own recovery (its SstFileManager polling for
// free space) would make that Resume answer Busy, so it is turned off here.
class NoAutoRecovery final : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/, rocksdb::Status bg_error,
                            bool* auto_recovery) override {
    bg_error.PermitUncheckedError();
    *auto_recovery = false;
  }
};

enum class LockProbe {
  kTaken,          // we hold the store's lock now
  kHeldElsewhere,  // another instance (in this process or another) has the store open
  kUnavailable,    // the LOCK file is not writable for us (read-only mount, permissions): we
                   // cannot tell whether a writer has the store open
};

// Tries to take the store's lock the way RocksDB's writer does (Env::LockFile, which also knows
// the locks this process holds), so that a read-only instance and a writer exclude each other.
LockProbe ProbeLock(const fs::path& dir, rocksdb::FileLock** lock) {
  const std::string path = (dir / "LOCK").string();
  if (::access(path.c_str(), W_OK) != 0) return LockProbe::kUnavailable;
  rocksdb::Status s = rocksdb::Env::Default()->LockFile(path, lock);
  return s.ok() ? LockProbe::kTaken : LockProbe::kHeldElsewhere;
}

// A fresh directory for a secondary instance's own files.
Result<fs::path> MakeSecondaryDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/trygg-secondary-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::error_code ec(errno, std::generic_category());
    return Status(Code::kInternal, "cannot create a directory for a secondary instance (" +
                                       pattern + "): " + ec.message());
  }
  return fs::path(pattern);
}

}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const fs::path& given_dir, const Options& options) {
  auto where = Locate(given_dir);
  if (!where.ok()) return where.status();
  const fs::path& dir = where->dir;
  if (where->fresh && !options.create_if_missing) {
    return Status(Code::kNotFound, "no trygg store at " + dir.string());
  }
  auto descriptors = Descriptors(*where, rocksdb::NewLRUCache(options.block_cache_bytes));
  if (!descriptors.ok()) return descriptors.status();

  std::error_code ec;
  fs::create_directories(dir, ec);
  std::unique_ptr<Db> db(new Db());
  rocksdb::DBOptions db_options = MakeDbOptions();
  if (options.file_system) {
    db->env_ = rocksdb::NewCompositeEnv(options.file_system);
    db_options.env = db->env_.get();
  }
  db_options.info_log = std::make_shared<StoreLogger>(options.on_log);
  db_options.listeners.push_back(std::make_shared<NoAutoRecovery>());
  if (options.on_log) db_options.listeners.push_back(std::make_shared<StoreEvents>(options.on_log));
  db_options.max_bgerror_resume_count = 0;  // no background Resume thread either
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir.string(), *descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening the store at " + dir.string());
  if (Status st = db->Adopt(std::unique_ptr<rocksdb::DB>(raw), std::move(handles)); !st.ok()) {
    return st;
  }
  if (Status st = db->CheckOrInitialize(dir, /*may_initialize=*/true); !st.ok()) return st;
  return db;
}

Result<std::unique_ptr<Db>> Db::OpenReadOnly(const fs::path& given_dir,
                                             const ReadOnlyOptions& options) {
  auto where = Locate(given_dir);
  if (!where.ok()) return where.status();
  const fs::path& dir = where->dir;
  if (where->fresh) return Status(Code::kNotFound, "no trygg store at " + dir.string());
  auto descriptors = Descriptors(*where, rocksdb::NewLRUCache(options.block_cache_bytes));
  if (!descriptors.ok()) return descriptors.status();

  // From here on `db` owns the lock and the secondary directory, and releases them on failure.
  std::unique_ptr<Db> db(new Db());
  bool secondary = options.mode == ReadOnlyOptions::Mode::kSecondary;
  if (!secondary) {
    const LockProbe probe = ProbeLock(dir, &db->lock_);
    if (probe == LockProbe::kHeldElsewhere && options.mode == ReadOnlyOptions::Mode::kReadOnly) {
      return Status(Code::kFailedPrecondition,
                    "the store at " + dir.string() +
                        " is open in another instance (a running server?); open it as a "
                        "secondary instance instead");
    }
    // Without the lock nothing keeps a writer out, and a read-only instance must not read files a
    // writer changes under it; a secondary instance may. So kAuto reads as a secondary unless it
    // holds the lock: also when it cannot tell (the lock file is not writable for this user).
    secondary = probe != LockProbe::kTaken && options.mode == ReadOnlyOptions::Mode::kAuto;
  }

  rocksdb::DBOptions db_options = MakeDbOptions();
  db_options.create_if_missing = false;
  db_options.create_missing_column_families = false;
  db_options.max_open_files = -1;  // required of a secondary; harmless for read-only
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s;
  if (secondary) {
    fs::path secondary_dir = options.secondary_dir;
    if (secondary_dir.empty()) {
      auto made = MakeSecondaryDir();
      if (!made.ok()) return made.status();
      secondary_dir = db->owned_secondary_dir_ = *made;
    }
    db->mode_ = AccessMode::kSecondary;
    s = rocksdb::DB::OpenAsSecondary(db_options, dir.string(), secondary_dir.string(), *descriptors,
                                     &handles, &raw);
  } else {
    db->mode_ = AccessMode::kReadOnly;
    db_options.info_log = std::make_shared<NullLogger>();
    s = rocksdb::DB::OpenForReadOnly(db_options, dir.string(), *descriptors, &handles, &raw);
  }
  if (!s.ok()) return FromRocks(s, "opening the store at " + dir.string() + " read-only");
  if (Status st = db->Adopt(std::unique_ptr<rocksdb::DB>(raw), std::move(handles)); !st.ok()) {
    return st;
  }
  if (secondary) {
    // Once: from here on the instance's view does not move. The writer's WriteBatches are
    // replayed whole (and atomic flushes installed whole), so the view is the log up to one
    // commit, its head in meta included.
    // A writer that deletes a log file while it is being read fails the catch-up; the next try
    // reads the files that replaced it.
    for (int attempt = 1; attempt <= kMaxCatchUpAttempts; ++attempt) {
      s = db->db_->TryCatchUpWithPrimary();
      if (s.ok() || !(s.IsIOError() || s.IsPathNotFound() || s.IsCorruption())) break;
    }
    if (!s.ok()) return FromRocks(s, "catching up with the writer of the store at " + dir.string());
  }
  if (Status st = db->CheckOrInitialize(dir, /*may_initialize=*/false); !st.ok()) return st;
  return db;
}

Result<std::unique_ptr<Db>> Db::CreateForCopy(const fs::path& dir,
                                              const std::vector<std::string>& column_families) {
  auto cache = rocksdb::NewLRUCache(std::size_t{8} << 20);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(column_families.size());
  for (const std::string& name : column_families) {
    descriptors.emplace_back(name, MakeCfOptions(name, cache));
  }
  rocksdb::DBOptions options = MakeDbOptions();
  options.error_if_exists = true;
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(options, dir.string(), descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "creating a store at " + dir.string());
  std::unique_ptr<Db> db(new Db());
  if (Status st = db->Adopt(std::unique_ptr<rocksdb::DB>(raw), std::move(handles)); !st.ok()) {
    return st;
  }
  return db;
}

const rocksdb::Snapshot* Db::GetSnapshot() const {
  return mode_ == AccessMode::kReadWrite ? db_->GetSnapshot() : nullptr;
}

void Db::ReleaseSnapshot(const rocksdb::Snapshot* snapshot) const {
  if (snapshot != nullptr) db_->ReleaseSnapshot(snapshot);
}

Status Db::Adopt(std::unique_ptr<rocksdb::DB> db,
                 std::vector<rocksdb::ColumnFamilyHandle*> handles) {
  db_ = std::move(db);
  handles_ = std::move(handles);
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    const std::string& name = h->GetName();
    if (name == format::kLogCf) log_ = h;
    if (name == format::kStreamsCf) streams_ = h;
    if (name == format::kIdempotencyCf) idempotency_ = h;
    if (name == format::kMetaCf) meta_ = h;
  }
  return Status();
}

// A store is initialised by one sync WriteBatch (marker + format version). A database that has our
// column families but no marker and no records is one whose creation was interrupted before that
// batch: it is finished here. Anything else without the marker is refused.
Status Db::CheckOrInitialize(const fs::path& dir, bool may_initialize) {
  std::string marker;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta_, format::kMetaStoreKey, &marker);
  if (s.IsNotFound()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), log_));
    it->SeekToFirst();
    if (it->Valid()) {
      return Status(Code::kFailedPrecondition,
                    dir.string() + " is not a trygg store: records without a store marker");
    }
    if (!may_initialize) {
      return Status(Code::kFailedPrecondition,
                    dir.string() + " is not a trygg store: it has no store marker (was its " +
                        "creation interrupted? opening it for writing finishes that)");
    }
    rocksdb::WriteBatch batch;
    batch.Put(meta_, format::kMetaStoreKey, format::kStoreMarker);
    std::string version;
    codec::PutU32(version, format::kFormatVersion);
    batch.Put(meta_, format::kMetaFormatVersionKey, version);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(db_->Write(wo, &batch), "initialising the store at " + dir.string());
  }
  if (!s.ok()) return FromRocks(s, "reading the store marker");
  if (marker != format::kStoreMarker) {
    return Status(Code::kFailedPrecondition,
                  dir.string() + " is not a trygg store: its marker is '" + marker + "'");
  }
  std::string version;
  s = db_->Get(rocksdb::ReadOptions(), meta_, format::kMetaFormatVersionKey, &version);
  if (!s.ok()) return FromRocks(s, "reading the store's format version");
  std::string_view in = version;
  auto v = codec::GetU32(in);
  if (!v || !in.empty()) {
    return Status(Code::kDataLoss, "the store's format version is malformed");
  }
  if (*v > format::kFormatVersion) {
    return Status(Code::kFailedPrecondition,
                  dir.string() + " has store format version " + std::to_string(*v) +
                      ", newer than this build of trygg understands (" +
                      std::to_string(format::kFormatVersion) + "); upgrade trygg to open it");
  }
  return Status();
}

Result<LogHead> Db::ReadHead(const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(ro, meta_, format::kMetaHeadKey, &value);
  if (s.IsNotFound()) return LogHead{};
  if (!s.ok()) return FromRocks(s, "reading the log head");
  auto head = format::DecodeHead(value);
  if (!head) return Status(Code::kDataLoss, "the log head in meta is malformed");
  return *head;
}

Db::~Db() {
  if (db_) {
    for (rocksdb::ColumnFamilyHandle* h : handles_)
      db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
    db_.reset();
  }
  if (lock_ != nullptr) rocksdb::Env::Default()->UnlockFile(lock_).PermitUncheckedError();
  if (!owned_secondary_dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(owned_secondary_dir_, ignored);
  }
}

}  // namespace trygg::eventstore
