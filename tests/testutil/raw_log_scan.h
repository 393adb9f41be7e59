// The floor the benchmarks compare trygg's reads against: a plain RocksDB iterator over a store's
// `log` column family, opened read-only with RocksDB's default options. Header-only, no GoogleTest:
// the benchmarks are programs, not tests.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace trygg::testing {

struct RawLogScan {
  uint64_t records = 0;
  uint64_t key_bytes = 0;
  uint64_t value_bytes = 0;
  double seconds = 0;  // the iteration alone, not the open
  std::string error;   // empty when the scan succeeded
};

inline RawLogScan ScanRawLog(const std::filesystem::path& path) {
  RawLogScan scan;
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path.string(), &names);
  if (!s.ok()) {
    scan.error = "list column families: " + s.ToString();
    return scan;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path.string(), descriptors, &handles,
                                   &raw);
  if (!s.ok()) {
    scan.error = "raw open read-only: " + s.ToString();
    return scan;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* log = nullptr;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "log") log = handles[i];
  }
  if (log == nullptr) {
    scan.error = "no 'log' column family";
  } else {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), log));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      scan.key_bytes += it->key().size();
      scan.value_bytes += it->value().size();
      ++scan.records;
    }
    scan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!it->status().ok()) scan.error = "raw iterate: " + it->status().ToString();
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  db->Close().PermitUncheckedError();
  return scan;
}

}  // namespace trygg::testing
