// PowerCutFs: a RocksDB file system (over the operating system's) on which a test can cut the
// power. SIGKILL cannot show that an acknowledgement waits for the sync: the killed process's
// unsynced writes are still in the kernel's page cache and reach the disk anyway. This file system
// remembers what was made durable and, at PowerOn() after a Cut(), rewrites the files to what a
// machine would find after losing power at the cut:
//   - each file written through it keeps only the bytes it had at its last Sync/Fsync (RangeSync,
//     i.e. sync_file_range, only starts write-back and makes nothing durable);
//   - a file created, or renamed, since the last Fsync of its directory is gone, or back under its
//     old name (with the contents the overwritten target had), since its directory entry was never
//     made durable.
// Modelled on RocksDB's FaultInjectionTestFS (utilities/fault_injection_fs.h), which RocksDB's own
// crash tests use, but writing through to the real files at once so that reads need no model.
// Not modelled: a deletion is durable at once (RocksDB deletes only obsolete files and finds any
// that come back at its next open), and files RocksDB opens without the FileSystem's writable-file
// calls (the LOCK file, the info LOG) are left as they are. Operations whose effect it would model
// wrongly (random-access writes, hard links, reused files) are refused with NotSupported.
#pragma once

#include <rocksdb/file_system.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace trygg::testing {

class PowerCutFs : public rocksdb::FileSystemWrapper {
 public:
  PowerCutFs();

  const char* Name() const override { return "PowerCutFs"; }

  // The power goes: from now on every write, sync, creation, rename and deletion fails with an
  // IOError and changes nothing (reads still work). Call from any thread, also from inside the
  // store's callbacks. Then destroy the store and call PowerOn().
  void Cut();
  // Cut() at the `n`th (1-based) mutating file-system operation from now on: that operation fails
  // as the first one after the cut. Lands the cut at any point of RocksDB's work: between a group's
  // log write and its sync, between a sync and its directory's sync, inside a flush at open, ...
  void CutAtOperation(uint64_t n);
  bool is_cut() const;
  // Mutating operations seen so far (appends, syncs, creations, renames, deletions).
  uint64_t operations() const;

  // After Cut(), once nothing has the files open: rewrites them as the disk holds them after the
  // power cut (see the top of this file) and forgets everything, ready for the next run. With
  // `torn`, each file keeps a random prefix of its unsynced bytes instead of none (a write that
  // was partly on the platter). Returns an empty string, or what it failed to do.
  std::string PowerOn(std::mt19937* torn = nullptr);

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewRandomRWFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSRandomRWFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* result,
                                 rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& from, const std::string& to,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& from, const std::string& to,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& name, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& name, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& name, const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteDir(const std::string& name, const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;

 private:
  friend class PowerCutFile;
  friend class PowerCutDirectory;

  // For the wrapped files and directories: each mutating operation calls Begin() first and gives
  // up with its error unless it is OK (counting the operation, and cutting when it is the chosen
  // one).
  rocksdb::IOStatus Begin();

  // How much of one written file is on disk, and how much is durable. Shared with the open file,
  // which may outlive a rename; guarded by the file system's mutex.
  struct FileState {
    uint64_t size = 0;
    uint64_t synced = 0;
  };
  void Appended(FileState& file, uint64_t bytes);
  void Truncated(FileState& file, uint64_t size);
  // The file's size as of the moment its sync started, made durable once the sync returns.
  uint64_t SizeOf(const FileState& file) const;
  void Synced(FileState& file, uint64_t size);
  // Directory changes are numbered in the order made; an Fsync of a directory that started when
  // ChangesMade() was n makes its changes numbered below n durable once it returns.
  uint64_t ChangesMade() const;
  void DirSynced(const std::string& dir, uint64_t changes_made);

  // A directory entry that is not durable until its directory is synced.
  struct Change {
    uint64_t number;                          // in the order made, over all directories
    std::string name;                         // the entry created (file name within the directory)
    std::optional<std::string> renamed_from;  // set for a rename: the entry's old name
    std::optional<std::string> overwritten;   // a rename's target's previous contents
  };

  rocksdb::IOStatus Track(const std::string& name, std::shared_ptr<FileState> state, bool created,
                          std::unique_ptr<rocksdb::FSWritableFile>* result);

  mutable std::mutex mu_;
  bool cut_ = false;
  uint64_t operations_ = 0;
  uint64_t cut_at_ = 0;                                      // 0: no cut planned
  std::map<std::string, std::shared_ptr<FileState>> files_;  // by current path
  std::map<std::string, std::vector<Change>> changes_;       // by directory, not yet durable
  uint64_t changes_made_ = 0;
};

}  // namespace trygg::testing
