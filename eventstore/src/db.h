// The RocksDB database behind a store: opening (creating, refusing), and its column families.
#pragma once

#include <rocksdb/db.h>

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {

// Maps a RocksDB failure to a Status, prefixed by what was being done.
Status FromRocks(const rocksdb::Status& s, std::string_view doing);

class Db {
 public:
  // Opens or creates (per options.create_if_missing) the store in `dir`; see EventStore::Open.
  static Result<std::unique_ptr<Db>> Open(const std::filesystem::path& dir, const Options& options);
  // Opens the store in `dir` as a RocksDB read-only or secondary instance; see
  // EventStore::OpenReadOnly. A secondary is caught up with its primary once, here.
  static Result<std::unique_ptr<Db>> OpenReadOnly(const std::filesystem::path& dir,
                                                  const ReadOnlyOptions& options);
  // Creates an empty database in `dir` (which must not exist) with the store's options and the
  // given column families, for CopyTo to fill. Writes nothing, not even the store marker: the copy
  // brings its own meta. Not a usable store until filled.
  static Result<std::unique_ptr<Db>> CreateForCopy(const std::filesystem::path& dir,
                                                   const std::vector<std::string>& column_families);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  AccessMode mode() const { return mode_; }
  // For reads that must see one moment: a RocksDB snapshot on a writable instance, nullptr on a
  // read-only or secondary one, whose view never changes (and secondaries refuse iterators with a
  // snapshot). Release what GetSnapshot returned with ReleaseSnapshot.
  const rocksdb::Snapshot* GetSnapshot() const;
  void ReleaseSnapshot(const rocksdb::Snapshot* snapshot) const;

  // Every column family this instance opened (including any a newer format added), with its name.
  const std::vector<rocksdb::ColumnFamilyHandle*>& column_families() const { return handles_; }

  rocksdb::DB& db() const { return *db_; }
  rocksdb::ColumnFamilyHandle* log() const { return log_; }
  rocksdb::ColumnFamilyHandle* streams() const { return streams_; }
  rocksdb::ColumnFamilyHandle* idempotency() const { return idempotency_; }
  rocksdb::ColumnFamilyHandle* meta() const { return meta_; }

  // The head recorded in meta (position 0 in an empty store), read through `snapshot` if given.
  Result<LogHead> ReadHead(const rocksdb::Snapshot* snapshot = nullptr) const;

 private:
  Db() = default;
  Status Adopt(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles);
  // Refuses what is not a trygg store of a version this build reads. With `may_initialize`, also
  // finishes a store whose creation was interrupted (see db.cc).
  Status CheckOrInitialize(const std::filesystem::path& dir, bool may_initialize);

  AccessMode mode_ = AccessMode::kReadWrite;
  // kReadOnly: the store's LOCK file, held so that no writer opens the store under this instance
  // (nullptr when the file system did not let us take it, e.g. a read-only mount).
  rocksdb::FileLock* lock_ = nullptr;
  // kSecondary: a temporary directory of ours to remove at close (empty when the caller gave one).
  std::filesystem::path owned_secondary_dir_;
  // Options::file_system wrapped as an Env, when one was given; outlives db_.
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* log_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_ = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
};

}  // namespace trygg::eventstore
