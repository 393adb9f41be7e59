// The raw RocksDB database under a closed trygg store, opened with all its column families: for
// damaging a copy the way someone with access to the files could (tamper tests). Header-only;
// a test using it links RocksDB (${TRYGG_ROCKSDB}).
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trygg::testing {

// An 8-byte big-endian key: a position in the `log` column family, a version in `streams`.
inline std::string BigEndianKey(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    s = rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), descriptors, &handles, &db);
    EXPECT_TRUE(s.ok()) << s.ToString();
    db_.reset(db);
    for (std::size_t i = 0; i < handles.size(); ++i) handles_[names[i]] = handles[i];
  }
  ~RawDb() {
    for (auto& [name, handle] : handles_) {
      db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    if (db_ != nullptr) db_->Close().PermitUncheckedError();
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  bool ok() const { return db_ != nullptr; }

  std::optional<std::string> Get(const std::string& cf, std::string_view key) {
    std::string value;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), Cf(cf), rocksdb::Slice(key.data(), key.size()), &value);
    if (s.IsNotFound()) return std::nullopt;
    EXPECT_TRUE(s.ok()) << s.ToString();
    return value;
  }
  void Put(const std::string& cf, std::string_view key, std::string_view value) {
    rocksdb::Status s =
        db_->Put(rocksdb::WriteOptions(), Cf(cf), rocksdb::Slice(key.data(), key.size()),
                 rocksdb::Slice(value.data(), value.size()));
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void Delete(const std::string& cf, std::string_view key) {
    rocksdb::Status s =
        db_->Delete(rocksdb::WriteOptions(), Cf(cf), rocksdb::Slice(key.data(), key.size()));
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // The record value at `position`; fails the test when it is missing.
  std::string Record(uint64_t position) {
    std::optional<std::string> value = Get("log", BigEndianKey(position));
    EXPECT_TRUE(value.has_value()) << "no record at " << position;
    return value.value_or(std::string());
  }

 private:
  rocksdb::ColumnFamilyHandle* Cf(const std::string& name) {
    auto it = handles_.find(name);
    EXPECT_NE(it, handles_.end()) << "no column family " << name;
    return it == handles_.end() ? db_->DefaultColumnFamily() : it->second;
  }

  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace trygg::testing
