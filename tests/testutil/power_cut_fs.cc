#include "testutil/power_cut_fs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace trygg::testing {
namespace {

namespace fs = std::filesystem;
using rocksdb::IOStatus;

// RocksDB names files by full path, and directories without a trailing slash.
std::pair<std::string, std::string> DirAndName(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

std::string TrimSlashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

IOStatus NotModelled(const std::string& what) {
  return IOStatus::NotSupported("PowerCutFs does not model " + what);
}

}  // namespace

// A file opened for writing: writes go to the real file at once; what is durable is recorded.
class PowerCutFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  PowerCutFile(std::unique_ptr<rocksdb::FSWritableFile> file, PowerCutFs& fs,
               std::shared_ptr<PowerCutFs::FileState> state)
      : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), state_(std::move(state)) {}

  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                  rocksdb::IODebugContext* dbg) override {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    IOStatus s = target()->Append(data, options, dbg);
    if (s.ok()) fs_.Appended(*state_, data.size());
    return s;
  }
  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                  const rocksdb::DataVerificationInfo& /*info*/,
                  rocksdb::IODebugContext* dbg) override {
    return Append(data, options, dbg);
  }
  // Direct I/O only, which the store does not use.
  IOStatus PositionedAppend(const rocksdb::Slice&, uint64_t, const rocksdb::IOOptions&,
                            rocksdb::IODebugContext*) override {
    return NotModelled("positioned appends");
  }
  IOStatus PositionedAppend(const rocksdb::Slice&, uint64_t, const rocksdb::IOOptions&,
                            const rocksdb::DataVerificationInfo&,
                            rocksdb::IODebugContext*) override {
    return NotModelled("positioned appends");
  }
  IOStatus Truncate(uint64_t size, const rocksdb::IOOptions& options,
                    rocksdb::IODebugContext* dbg) override {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    IOStatus s = target()->Truncate(size, options, dbg);
    if (s.ok()) fs_.Truncated(*state_, size);
    return s;
  }
  IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return SyncWith([&] { return target()->Sync(options, dbg); });
  }
  IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return SyncWith([&] { return target()->Fsync(options, dbg); });
  }
  // sync_file_range: starts write-back, makes nothing durable.
  IOStatus RangeSync(uint64_t offset, uint64_t bytes, const rocksdb::IOOptions& options,
                     rocksdb::IODebugContext* dbg) override {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    return target()->RangeSync(offset, bytes, options, dbg);
  }
  IOStatus Flush(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    return target()->Flush(options, dbg);
  }

 private:
  template <typename SyncFn>
  IOStatus SyncWith(SyncFn sync) {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    // Bytes appended while the sync runs may have missed it.
    const uint64_t size = fs_.SizeOf(*state_);
    IOStatus s = sync();
    if (s.ok()) fs_.Synced(*state_, size);
    return s;
  }

  PowerCutFs& fs_;
  const std::shared_ptr<PowerCutFs::FileState> state_;
};

// A directory: its Fsync makes the entries created and renamed in it so far durable.
class PowerCutDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  PowerCutDirectory(std::unique_ptr<rocksdb::FSDirectory> dir, PowerCutFs& fs, std::string name)
      : FSDirectoryWrapper(std::move(dir)), fs_(fs), name_(std::move(name)) {}

  IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return SyncWith([&] { return FSDirectoryWrapper::Fsync(options, dbg); });
  }
  IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg,
                               const rocksdb::DirFsyncOptions& dir_options) override {
    return SyncWith(
        [&] { return FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, dir_options); });
  }

 private:
  template <typename SyncFn>
  IOStatus SyncWith(SyncFn sync) {
    if (IOStatus s = fs_.Begin(); !s.ok()) return s;
    const uint64_t changes_made = fs_.ChangesMade();
    IOStatus s = sync();
    if (s.ok()) fs_.DirSynced(name_, changes_made);
    return s;
  }

  PowerCutFs& fs_;
  const std::string name_;
};

PowerCutFs::PowerCutFs() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}

void PowerCutFs::Cut() {
  std::lock_guard lock(mu_);
  cut_ = true;
}

void PowerCutFs::CutAtOperation(uint64_t n) {
  std::lock_guard lock(mu_);
  cut_at_ = operations_ + n;
}

bool PowerCutFs::is_cut() const {
  std::lock_guard lock(mu_);
  return cut_;
}

uint64_t PowerCutFs::operations() const {
  std::lock_guard lock(mu_);
  return operations_;
}

IOStatus PowerCutFs::Begin() {
  std::lock_guard lock(mu_);
  if (!cut_ && ++operations_ == cut_at_) cut_ = true;
  return cut_ ? IOStatus::IOError("PowerCutFs: the power is cut") : IOStatus::OK();
}

void PowerCutFs::Appended(FileState& file, uint64_t bytes) {
  std::lock_guard lock(mu_);
  file.size += bytes;
}

void PowerCutFs::Truncated(FileState& file, uint64_t size) {
  std::lock_guard lock(mu_);
  file.size = size;
  file.synced = std::min(file.synced, size);
}

uint64_t PowerCutFs::SizeOf(const FileState& file) const {
  std::lock_guard lock(mu_);
  return file.size;
}

void PowerCutFs::Synced(FileState& file, uint64_t size) {
  std::lock_guard lock(mu_);
  file.synced = std::max(file.synced, std::min(size, file.size));
}

uint64_t PowerCutFs::ChangesMade() const {
  std::lock_guard lock(mu_);
  return changes_made_;
}

void PowerCutFs::DirSynced(const std::string& dir, uint64_t changes_made) {
  std::lock_guard lock(mu_);
  if (auto it = changes_.find(dir); it != changes_.end()) {
    std::erase_if(it->second, [&](const Change& c) { return c.number < changes_made; });
  }
}

IOStatus PowerCutFs::Track(const std::string& name, std::shared_ptr<FileState> state, bool created,
                           std::unique_ptr<rocksdb::FSWritableFile>* result) {
  {
    std::lock_guard lock(mu_);
    files_[name] = state;
    if (created) {
      auto [dir, entry] = DirAndName(name);
      changes_[dir].push_back(Change{changes_made_++, entry, std::nullopt, std::nullopt});
    }
  }
  *result = std::make_unique<PowerCutFile>(std::move(*result), *this, std::move(state));
  return IOStatus::OK();
}

IOStatus PowerCutFs::NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                     std::unique_ptr<rocksdb::FSWritableFile>* result,
                                     rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  const bool existed = target()->FileExists(name, rocksdb::IOOptions(), dbg).ok();
  IOStatus s = target()->NewWritableFile(name, options, result, dbg);
  if (!s.ok()) return s;
  return Track(name, std::make_shared<FileState>(), !existed, result);
}

IOStatus PowerCutFs::ReopenWritableFile(const std::string& name,
                                        const rocksdb::FileOptions& options,
                                        std::unique_ptr<rocksdb::FSWritableFile>* result,
                                        rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  const bool existed = target()->FileExists(name, rocksdb::IOOptions(), dbg).ok();
  IOStatus s = target()->ReopenWritableFile(name, options, result, dbg);
  if (!s.ok()) return s;
  std::shared_ptr<FileState> state;
  {
    std::lock_guard lock(mu_);
    if (auto it = files_.find(name); it != files_.end()) state = it->second;
  }
  if (!state) {
    // A file from before this file system was in use is durable as it stands.
    uint64_t size = 0;
    s = target()->GetFileSize(name, rocksdb::IOOptions(), &size, dbg);
    if (!s.ok()) return s;
    state = std::make_shared<FileState>(FileState{size, size});
  }
  return Track(name, std::move(state), !existed, result);
}

IOStatus PowerCutFs::ReuseWritableFile(const std::string&, const std::string&,
                                       const rocksdb::FileOptions&,
                                       std::unique_ptr<rocksdb::FSWritableFile>*,
                                       rocksdb::IODebugContext*) {
  return NotModelled("reused (recycled) files");
}

IOStatus PowerCutFs::NewRandomRWFile(const std::string&, const rocksdb::FileOptions&,
                                     std::unique_ptr<rocksdb::FSRandomRWFile>*,
                                     rocksdb::IODebugContext*) {
  return NotModelled("random-access writes");
}

IOStatus PowerCutFs::NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                  std::unique_ptr<rocksdb::FSDirectory>* result,
                                  rocksdb::IODebugContext* dbg) {
  std::unique_ptr<rocksdb::FSDirectory> dir;
  IOStatus s = target()->NewDirectory(name, options, &dir, dbg);
  if (!s.ok()) return s;
  *result = std::make_unique<PowerCutDirectory>(std::move(dir), *this, TrimSlashes(name));
  return s;
}

IOStatus PowerCutFs::RenameFile(const std::string& from, const std::string& to,
                                const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  auto [from_dir, from_entry] = DirAndName(from);
  auto [to_dir, to_entry] = DirAndName(to);
  if (from_dir != to_dir) return NotModelled("renames across directories");
  // Undoing the rename restores the target it replaced (RocksDB's CURRENT: a few bytes).
  std::optional<std::string> overwritten;
  if (std::ifstream in(to, std::ios::binary); in) {
    overwritten.emplace(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  IOStatus s = target()->RenameFile(from, to, options, dbg);
  if (!s.ok()) return s;
  std::lock_guard lock(mu_);
  if (auto it = files_.find(from); it != files_.end()) {
    files_[to] = it->second;
    files_.erase(it);
  } else {
    files_.erase(to);
  }
  changes_[to_dir].push_back(Change{changes_made_++, to_entry, from_entry, std::move(overwritten)});
  return s;
}

IOStatus PowerCutFs::LinkFile(const std::string&, const std::string&, const rocksdb::IOOptions&,
                              rocksdb::IODebugContext*) {
  return NotModelled("hard links");
}

IOStatus PowerCutFs::DeleteFile(const std::string& name, const rocksdb::IOOptions& options,
                                rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  IOStatus s = target()->DeleteFile(name, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mu_);
    files_.erase(name);
  }
  return s;
}

IOStatus PowerCutFs::Truncate(const std::string& name, size_t size,
                              const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  IOStatus s = target()->Truncate(name, size, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mu_);
    if (auto it = files_.find(name); it != files_.end()) {
      it->second->size = size;
      it->second->synced = std::min<uint64_t>(it->second->synced, size);
    }
  }
  return s;
}

IOStatus PowerCutFs::CreateDir(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  return target()->CreateDir(name, options, dbg);
}

IOStatus PowerCutFs::CreateDirIfMissing(const std::string& name, const rocksdb::IOOptions& options,
                                        rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  return target()->CreateDirIfMissing(name, options, dbg);
}

IOStatus PowerCutFs::DeleteDir(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) {
  if (IOStatus s = Begin(); !s.ok()) return s;
  return target()->DeleteDir(name, options, dbg);
}

std::string PowerCutFs::PowerOn(std::mt19937* torn) {
  std::lock_guard lock(mu_);
  if (!cut_) return "PowerOn() without Cut()";
  std::error_code ec;
  // Unsynced bytes, by the files' current names.
  for (const auto& [name, file] : files_) {
    if (!fs::exists(name, ec) || file->size <= file->synced) continue;
    uint64_t keep = file->synced;
    if (torn != nullptr) {
      keep += std::uniform_int_distribution<uint64_t>(0, file->size - file->synced)(*torn);
    }
    fs::resize_file(name, keep, ec);
    if (ec) return "truncating " + name + ": " + ec.message();
  }
  // Then the directory entries never made durable, newest first.
  for (const auto& [dir, changes] : changes_) {
    for (auto change = changes.rbegin(); change != changes.rend(); ++change) {
      const fs::path entry = fs::path(dir) / change->name;
      if (!fs::exists(entry, ec)) continue;  // deleted since (deletions are durable at once)
      if (!change->renamed_from) {
        fs::remove(entry, ec);
      } else {
        fs::rename(entry, fs::path(dir) / *change->renamed_from, ec);
        if (!ec && change->overwritten) {
          std::ofstream out(entry, std::ios::binary | std::ios::trunc);
          out << *change->overwritten;
          if (!out.flush()) return "restoring " + entry.string();
        }
      }
      if (ec) return "undoing the creation of " + entry.string() + ": " + ec.message();
    }
  }
  files_.clear();
  changes_.clear();
  cut_ = false;
  cut_at_ = 0;
  return "";
}

}  // namespace trygg::testing
