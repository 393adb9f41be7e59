#include "db.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
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
  o.bytes_per_sync = 1 << 20;
  o.keep_log_file_num = 4;
  o.max_log_file_size = 16 << 20;
  return o;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(const std::string& name,
                                           const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = 16 << 10;
  // Idempotency and stream-head lookups are point reads of keys that usually do not exist.
  if (name == format::kIdempotencyCf) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    o.memtable_whole_key_filtering = true;
    o.memtable_prefix_bloom_size_ratio = 0.05;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

bool IsEmptyDir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const fs::path& given_dir, const Options& options) {
  std::error_code ec;
  // One spelling per directory: RocksDB refuses a second open in this process by path string.
  const fs::path dir = fs::weakly_canonical(fs::absolute(given_dir, ec), ec);
  if (ec)
    return Status(Code::kInvalidArgument,
                  "cannot resolve " + given_dir.string() + ": " + ec.message());
  const bool exists = fs::exists(dir, ec);
  if (exists && !fs::is_directory(dir, ec)) {
    return Status(Code::kFailedPrecondition, dir.string() + " is not a directory");
  }
  const bool fresh = !exists || IsEmptyDir(dir);
  if (fresh && !options.create_if_missing) {
    return Status(Code::kNotFound, "no trygg store at " + dir.string());
  }
  if (!fresh && !fs::exists(dir / "CURRENT", ec)) {
    return Status(Code::kFailedPrecondition,
                  dir.string() + " is not a trygg store: it holds files but no database");
  }

  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<std::string> names = OurColumnFamilies();
  if (!fresh) {
    std::vector<std::string> existing;
    rocksdb::Status s =
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &existing);
    if (!s.ok()) return FromRocks(s, "reading the store's column families at " + dir.string());
    for (const std::string& name : names) {
      if (std::find(existing.begin(), existing.end(), name) == existing.end()) {
        return Status(
            Code::kFailedPrecondition,
            dir.string() + " is not a trygg store: it has no '" + name + "' column family");
      }
    }
    names = existing;  // open every family, including any a newer version added
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  for (const std::string& name : names) descriptors.emplace_back(name, MakeCfOptions(name, cache));

  fs::create_directories(dir, ec);
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(MakeDbOptions(), dir.string(), descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening the store at " + dir.string());
  std::unique_ptr<Db> db(new Db());
  if (Status st = db->Adopt(std::unique_ptr<rocksdb::DB>(raw), std::move(handles)); !st.ok()) {
    return st;
  }
  if (Status st = db->CheckOrInitialize(dir); !st.ok()) return st;
  return db;
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
Status Db::CheckOrInitialize(const fs::path& dir) {
  std::string marker;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta_, format::kMetaStoreKey, &marker);
  if (s.IsNotFound()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), log_));
    it->SeekToFirst();
    if (it->Valid()) {
      return Status(Code::kFailedPrecondition,
                    dir.string() + " is not a trygg store: records without a store marker");
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
  if (!db_) return;
  for (rocksdb::ColumnFamilyHandle* h : handles_)
    db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

}  // namespace trygg::eventstore
