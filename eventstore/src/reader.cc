#include "reader.h"

#include <algorithm>
#include <limits>
#include <memory>

#include "codec.h"
#include "record.h"
#include "trygg/check.h"

namespace trygg::eventstore {
namespace {

Status CheckMax(std::size_t max) {
  if (max == 0) return Status(Code::kInvalidArgument, "max must be at least 1");
  return Status();
}

// What a read decodes is checked against what it asked for. The bytes come from disk, so a
// mismatch is damage (or tampering), reported as kDataLoss, never an abort: Verify names the
// first bad record.
Status CheckLogPosition(Position asked, Position decoded) {
  if (decoded == asked) return Status();
  return Status(Code::kDataLoss, "the log's record " + std::to_string(asked.value()) +
                                     " is missing or out of place (found a record at position " +
                                     std::to_string(decoded.value()) + "); run Verify");
}

Status CheckStreamEntry(std::string_view stream_id, StreamVersion asked,
                        const RecordedEvent& decoded) {
  if (decoded.stream_id == stream_id && decoded.version == asked) return Status();
  return Status(Code::kDataLoss, "reading version " + std::to_string(asked.value()) +
                                     " of stream '" + std::string(stream_id) +
                                     "': the stream index leads to version " +
                                     std::to_string(decoded.version.value()) + " of stream '" +
                                     decoded.stream_id + "'; run Verify");
}

}  // namespace

template <typename Take>
Status Reader::ForEachLogValue(Position from, Position last, Take take) const {
  from = std::max(from, Position(1));
  if (from > last) return Status();
  rocksdb::ReadOptions ro;
  // A log scan reads each block once (a replay, a subscriber catching up): keeping the blocks
  // would only push the stream index and idempotency blocks that point reads need out of the
  // cache.
  ro.fill_cache = false;
  const std::string upper = format::LogKey(last.next());
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(ro, db_.log()));
  for (it->Seek(format::LogKey(from)); it->Valid(); it->Next()) {
    bool more = true;
    if (Status s = take(std::string_view(it->value().data(), it->value().size()), more); !s.ok()) {
      return s;
    }
    if (!more) return Status();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the log");
  return Status();
}

Status Reader::ReadAll(Position from, Position last, std::size_t max,
                       std::vector<RecordedEvent>& out) const {
  if (Status s = CheckMax(max); !s.ok()) return s;
  const Position first = std::max(from, Position(1));
  const uint64_t in_range = first <= last ? last.value() - first.value() + 1 : 0;
  const uint64_t want = std::min<uint64_t>({max, kMaxReadEvents, in_range});
  if (want == 0) {
    out.clear();
    return Status();
  }
  if (out.size() < want) out.reserve(want);
  std::size_t count = 0;
  Status s = ForEachLogValue(first, last, [&](std::string_view value, bool& more) {
    // Decoding into an element that is already there reuses its string buffers.
    RecordedEvent& event = count < out.size() ? out[count] : out.emplace_back();
    const Position asked(first.value() + count);
    ++count;
    more = count < want;
    if (Status decoded = format::DecodeRecordInto(value, event); !decoded.ok()) return decoded;
    return CheckLogPosition(asked, event.position);
  });
  if (!s.ok()) return s;
  TRYGG_CHECK(count <= want, "ReadAll stops at the events it was asked for");
  out.resize(count);
  return Status();
}

Status Reader::ScanAll(Position from, Position last,
                       const std::function<bool(const RecordView&)>& visit) const {
  RecordView view;
  Position asked = std::max(from, Position(1));
  return ForEachLogValue(from, last, [&](std::string_view value, bool& more) {
    if (Status s = format::DecodeRecordView(value, view); !s.ok()) return s;
    if (Status s = CheckLogPosition(asked, view.position); !s.ok()) return s;
    asked = asked.next();
    more = visit(view);
    return Status();
  });
}

Result<std::vector<RecordedEvent>> Reader::ReadStream(std::string_view stream_id,
                                                      StreamVersion from, std::size_t max) const {
  if (Status s = CheckMax(max); !s.ok()) return s;
  const std::size_t want = std::min(max, kMaxReadEvents);
  const StreamVersion first = std::max(from, StreamVersion(1));
  const Result<bool> has_first = HasVersion(stream_id, first);
  if (!has_first.ok()) return has_first.status();
  if (!*has_first) return std::vector<RecordedEvent>();
  const std::string prefix = format::StreamPrefix(stream_id);
  std::string upper = prefix;
  upper.back() = '\x01';  // the first key after every key of this stream
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  // One snapshot for the index and the records it points at.
  const rocksdb::Snapshot* snapshot = db_.GetSnapshot();
  ro.snapshot = snapshot;
  std::vector<RecordedEvent> out;
  Status status;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(ro, db_.streams()));
    std::string record;
    for (it->Seek(format::StreamKey(stream_id, first)); it->Valid() && out.size() < want;
         it->Next()) {
      auto position = codec::ParseU64Key(std::string_view(it->value().data(), it->value().size()));
      if (!position) {
        status = Status(Code::kDataLoss, "malformed stream index entry");
        break;
      }
      rocksdb::Status s = db_.db().Get(ro, db_.log(), format::LogKey(Position(*position)), &record);
      if (!s.ok()) {
        status = s.IsNotFound() ? Status(Code::kDataLoss, "stream index points at a missing record")
                                : FromRocks(s, "reading the log");
        break;
      }
      const StreamVersion asked(first.value() + out.size());
      RecordedEvent& event = out.emplace_back();
      status = format::DecodeRecordInto(record, event);
      if (status.ok()) status = CheckStreamEntry(stream_id, asked, event);
      if (!status.ok()) break;
    }
    if (status.ok() && !it->status().ok()) status = FromRocks(it->status(), "reading a stream");
  }
  db_.ReleaseSnapshot(snapshot);
  if (!status.ok()) return status;
  return out;
}

Result<bool> Reader::HasVersion(std::string_view stream_id, StreamVersion version) const {
  std::string value;
  rocksdb::Status s = db_.db().Get(rocksdb::ReadOptions(), db_.streams(),
                                   format::StreamKey(stream_id, version), &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "reading the stream index");
  return true;
}

Result<StreamVersion> Reader::StreamHead(std::string_view stream_id) const {
  // Most calls ask about a stream that does not exist yet (the writer, before a stream's first
  // append): a point lookup answers those without an iterator.
  const Result<bool> exists = HasVersion(stream_id, StreamVersion(1));
  if (!exists.ok()) return exists.status();
  if (!*exists) return StreamVersion(0);
  rocksdb::ReadOptions ro;
  const std::string prefix = format::StreamPrefix(stream_id);
  rocksdb::Slice lower(prefix);
  ro.iterate_lower_bound = &lower;
  std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(ro, db_.streams()));
  it->SeekForPrev(
      format::StreamKey(stream_id, StreamVersion(std::numeric_limits<uint64_t>::max())));
  if (!it->status().ok()) return FromRocks(it->status(), "reading a stream head");
  if (!it->Valid()) return StreamVersion(0);
  auto parts = format::ParseStreamKey(std::string_view(it->key().data(), it->key().size()));
  if (!parts || parts->stream_id != stream_id) return StreamVersion(0);
  return parts->version;
}

Result<std::optional<format::IdempotencyEntry>> Reader::FindIdempotencyKey(
    std::string_view key) const {
  std::string value;
  rocksdb::Status s = db_.db().Get(rocksdb::ReadOptions(), db_.idempotency(), key, &value);
  if (s.IsNotFound()) return std::optional<format::IdempotencyEntry>();
  if (!s.ok()) return FromRocks(s, "reading an idempotency key");
  auto entry = format::DecodeIdempotency(value);
  if (!entry) {
    return Status(Code::kDataLoss, "malformed idempotency entry for key " + std::string(key));
  }
  return entry;
}

}  // namespace trygg::eventstore
