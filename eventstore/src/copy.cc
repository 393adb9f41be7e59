#include "copy.h"

#include <fcntl.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace trygg::eventstore {
namespace {

namespace fs = std::filesystem;

// The copy goes into the new database in WriteBatches of about this many bytes, so its memory
// stays bounded whatever the size of the store.
constexpr std::size_t kCopyBatchBytes = std::size_t{4} << 20;

// fsync of a directory, so that a rename in it is durable.
Status SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    std::error_code ec(errno, std::generic_category());
    if (fd >= 0) ::close(fd);
    return Status(Code::kInternal, "syncing the directory " + dir.string() + ": " + ec.message());
  }
  ::close(fd);
  return Status();
}

// Copies one column family of `source` (through `snapshot`, or its whole view when null) into the
// same-named family of `target`.
Status CopyFamily(const Db& source, rocksdb::ColumnFamilyHandle* from,
                  const rocksdb::Snapshot* snapshot, const Db& target,
                  rocksdb::ColumnFamilyHandle* to) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;
  ro.readahead_size = 2 << 20;
  // Every key in order, also in a family with a prefix extractor (idempotency: hashed memtable).
  ro.total_order_seek = true;
  // Nothing reads the copy until it is complete and flushed, so no WAL: the flush makes it durable.
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;
  std::unique_ptr<rocksdb::Iterator> it(source.db().NewIterator(ro, from));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    rocksdb::Status s = batch.Put(to, it->key(), it->value());
    if (!s.ok()) return FromRocks(s, "copying " + from->GetName());
    if (batch.GetDataSize() >= kCopyBatchBytes) {
      if (Status st = FromRocks(target.db().Write(wo, &batch), "writing the copy"); !st.ok()) {
        return st;
      }
      batch.Clear();
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading " + from->GetName());
  return FromRocks(target.db().Write(wo, &batch), "writing the copy");
}

Status CopyInto(const Db& source, const fs::path& partial) {
  std::vector<std::string> names;
  for (rocksdb::ColumnFamilyHandle* h : source.column_families()) names.push_back(h->GetName());
  auto target = Db::CreateForCopy(partial, names);
  if (!target.ok()) return target.status();
  const std::vector<rocksdb::ColumnFamilyHandle*>& to = (*target)->column_families();
  // One view for every family: the records, their index entries and the head must agree.
  const rocksdb::Snapshot* snapshot = source.GetSnapshot();
  Status status;
  for (std::size_t i = 0; i < names.size() && status.ok(); ++i) {
    status = CopyFamily(source, source.column_families()[i], snapshot, **target, to[i]);
  }
  source.ReleaseSnapshot(snapshot);
  if (!status.ok()) return status;
  // Atomic across the families (the store's databases use atomic_flush), synced to disk.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  return FromRocks((*target)->db().Flush(flush, to), "flushing the copy");
}

}  // namespace

Status CopyStore(const Db& source, const fs::path& dir) {
  std::error_code ec;
  fs::path target = fs::absolute(dir, ec).lexically_normal();
  if (ec) return Status(Code::kInvalidArgument, "cannot resolve " + dir.string());
  if (!target.has_filename()) target = target.parent_path();  // "copy/" names "copy"
  if (!target.has_filename())
    return Status(Code::kInvalidArgument, "cannot copy to " + dir.string());
  fs::path partial = target;
  partial += ".partial";
  for (const fs::path& p : {target, partial}) {
    if (fs::exists(p, ec)) {
      return Status(Code::kAlreadyExists,
                    p.string() + " already exists" +
                        (p == partial ? " (left by an interrupted copy? remove it)" : ""));
    }
  }
  if (Status s = CopyInto(source, partial); !s.ok()) {
    fs::remove_all(partial, ec);
    return s;
  }
  fs::rename(partial, target, ec);
  if (ec) {
    return Status(Code::kInternal,
                  "renaming " + partial.string() + " to " + target.string() + ": " + ec.message());
  }
  return SyncDirectory(target.parent_path());
}

}  // namespace trygg::eventstore
