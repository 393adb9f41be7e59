// The RocksDB database behind a store: opening (creating, refusing), and its column families.
#pragma once

#include <rocksdb/db.h>

#include <filesystem>
#include <memory>
#include <string_view>

#include "trygg/eventstore/event_store.h"

namespace trygg::eventstore {

// Maps a RocksDB failure to a Status, prefixed by what was being done.
Status FromRocks(const rocksdb::Status& s, std::string_view doing);

class Db {
 public:
  // Opens or creates (per options.create_if_missing) the store in `dir`; see EventStore::Open.
  static Result<std::unique_ptr<Db>> Open(const std::filesystem::path& dir, const Options& options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

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
  Status CheckOrInitialize(const std::filesystem::path& dir);

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* log_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_ = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
};

}  // namespace trygg::eventstore
