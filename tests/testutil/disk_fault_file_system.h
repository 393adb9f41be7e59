// A RocksDB file system that refuses writes on demand, for tests of a full or failing disk: once
// Fail() is called, every append to a file written from then on (write-ahead log, SST, MANIFEST)
// fails as the operating system's ENOSPC (kFull) or EIO (kFailed) would; Heal() lets writes through
// again. Reads are never refused. For EventStore's Options::file_system (tests only).
#pragma once

#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <string>

namespace trygg::testing {

class DiskFaultFileSystem final : public rocksdb::FileSystemWrapper {
 public:
  enum class Fault { kNone, kFull, kFailed };

  DiskFaultFileSystem() : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}

  const char* Name() const override { return "trygg.DiskFaultFileSystem"; }

  void Fail(Fault fault) { fault_ = fault; }
  void Heal() { fault_ = Fault::kNone; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok()) *file = std::make_unique<File>(std::move(*file), fault_);
    return s;
  }

  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* file,
                                       rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->ReopenWritableFile(name, options, file, dbg);
    if (s.ok()) *file = std::make_unique<File>(std::move(*file), fault_);
    return s;
  }

 private:
  class File final : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, const std::atomic<Fault>& fault)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(file)), fault_(fault) {}

    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (rocksdb::IOStatus s = Refusal(); !s.ok()) return s;
      return FSWritableFileOwnerWrapper::Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* dbg) override {
      if (rocksdb::IOStatus s = Refusal(); !s.ok()) return s;
      return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override {
      if (rocksdb::IOStatus s = Refusal(); !s.ok()) return s;
      return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, options, dbg);
    }

   private:
    rocksdb::IOStatus Refusal() const {
      switch (fault_.load()) {
        case Fault::kNone: return rocksdb::IOStatus::OK();
        case Fault::kFull: return rocksdb::IOStatus::NoSpace("injected", "No space left on device");
        case Fault::kFailed: return rocksdb::IOStatus::IOError("injected", "Input/output error");
      }
      return rocksdb::IOStatus::OK();
    }
    const std::atomic<Fault>& fault_;
  };

  std::atomic<Fault> fault_{Fault::kNone};
};

}  // namespace trygg::testing
